"""The project evaluation: resolution, focus queries, hiding, metrics and the split."""

from __future__ import annotations

import pytest

from features.errors import CatalogError, InvalidParameterError
from matcher.project_evaluation import (
    HELD_OUT_FRACTION,
    ProjectCase,
    card_metrics,
    distinct_cases,
    evaluate_projects,
    focus_query,
    is_held_out,
    project_metrics,
    read_projects,
    resolve_projects,
    split_key,
    split_projects,
)

HEADER = (
    "foreign_locality\tforeign_country\tforeign_level\tforeign_iso3166_2\t"
    "foreign_geonames_id\tvn_province_2025\tsectors\n"
)
ROWS = [
    "Yokohama\tJP\tcity (designated)\tJP-14\tgn:1848354\tHuế\twater\n",
    "Chiba Prefecture\tJP\tprefecture\tJP-12\t\tHà Nội\twater;environment\n",
    "Kitaazumi-gun\tJP\tcounty\tJP-20\t\tBắc Ninh\theritage_tourism\n",
    "Kashihara\tJP\tcity\tJP-29\tgn:1859951\t\theritage_tourism\n",
    "Kagawa Prefecture\tJP\tprefecture\tJP-37\t\tHải Phòng\tother:public_admin\n",
]


@pytest.fixture(scope="module")
def projects_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("projects") / "projects.tsv"
    path.write_text(HEADER + "".join(ROWS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def resolved(engine, projects_file):
    rows = read_projects(projects_file)
    return resolve_projects(rows, engine.resolver, engine.feature_set.sectors)


def test_metrics_by_hand():
    m = project_metrics([1, 7, 15, None], 5)
    assert m["recall@5"] == 0.2 and m["recall@10"] == 0.4 and m["recall@20"] == 0.6
    assert m["mrr"] == pytest.approx((1 + 1 / 7 + 1 / 15) / 5, abs=1e-4)


def test_read_names_the_missing_column(tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text("foreign_locality\tsectors\nX\twater\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="foreign_country"):
        read_projects(path)


def test_resolution_by_id_then_sure_name_only(resolved):
    cases, unresolved, skipped = resolved
    by_partner = {c.partner: c for c in cases}
    assert by_partner["gn:1848354"].resolved_by == "geonames id"
    assert by_partner["gn:1848354"].province == "vn:46"
    assert by_partner["iso:JP-12"].focus == ("water", "environment")
    # a county is not the province its ISO code names: a miss, listed
    assert [u["row"] for u in unresolved] == [4]
    assert {s["reason"] for s in skipped} == {"no province", "no taxonomy sector"}


def test_focus_query_without_change_scores_as_the_catalog_query(engine):
    matcher = engine.matcher
    fs = engine.feature_set
    row = fs.row("vn:01")
    declared = [s for s, v in zip(fs.sectors, fs.needs[row], strict=True) if v > 0]
    assert declared
    assert focus_query(matcher, "vn:01", declared, mode="augment") == tuple(declared)
    assert focus_query(matcher, "vn:01", None) is None
    same = focus_query(matcher, "vn:01", [], mode="augment")
    assert matcher.score_all("vn:01", focus=same).focus == (
        matcher.score_all("vn:01").focus
    )
    assert focus_query(matcher, "vn:01", ["water"]) == ("water",)
    focused = matcher.score_all("vn:01", focus=["water"])
    assert focused.focus == ("water",) and focused.query_row == row
    with pytest.raises(InvalidParameterError):
        focus_query(matcher, "vn:01", ["water"], mode="both")


def test_evaluation_reports_both_arms_the_lift_and_the_misses(engine, resolved):
    cases, unresolved, skipped = resolved
    report = evaluate_projects(
        engine.matcher, cases, unresolved=unresolved, skipped=skipped
    )
    assert report.n_cases == len(cases) + 1
    model = report.methods["model"]
    for arm in ("focus", "no_focus"):
        assert model[arm]["recall@20"] <= (report.n_cases - 1) / report.n_cases
    assert model["lift"]["mrr"] == pytest.approx(
        model["focus"]["mrr"] - model["no_focus"]["mrr"], abs=2e-4
    )
    # random and the one-facet baselines ignore needs: no lift
    for name in ("random", "popularity", "distance", "country_prior"):
        assert report.methods[name]["lift"]["mrr"] == 0
    ranks = {r["partner"]: r for r in report.ranks}
    assert all(r["rank_focus"] is not None for r in ranks.values())


def test_the_known_tie_is_hidden(engine):
    """A case whose pair is a catalog tie is still ranked (not excluded as existing)."""
    tie = next(t for t in engine.catalog.ties if t.a_id.startswith("vn:"))
    from matcher.project_evaluation import ProjectCase

    case = ProjectCase(
        row=2,
        label="tie",
        province=tie.a_id,
        partner=tie.b_id,
        country=engine.catalog.get(tie.b_id).country,
        focus=("water",),
        resolved_by="test",
    )
    report = evaluate_projects(engine.matcher, [case])
    assert report.ranks[0]["rank_focus"] is not None
    assert report.ranks[0]["rank_no_focus"] is not None


def test_card_metrics_of_a_few_provinces(engine):
    cards = card_metrics(engine.matcher, ["vn:01", "vn:79"], k=10)
    assert cards["cards"] == 20
    assert 2 <= cards["distinct_candidates"] <= 20
    assert 0.0 <= cards["cards_meeting_no_need"] <= 1.0
    assert cards["needs_met"] <= cards["needs_declared"]


def test_split_is_deterministic_pairwise_and_near_the_fraction():
    assert split_key("Yokohama", "Huế") == split_key("yokohama", "HUE")
    rows = [
        {"foreign_locality": f"Place {i}", "vn_province_2025": "Hà Nội"}
        for i in range(2000)
    ]
    tuning, held_out = split_projects(rows)
    assert len(tuning) + len(held_out) == 2000
    assert abs(len(held_out) / 2000 - HELD_OUT_FRACTION) < 0.04
    # a row keeps its side whatever else is in the table
    again_tuning, again_held = split_projects(rows[::-1][:500])
    assert {r["foreign_locality"] for r in again_held} <= {
        r["foreign_locality"] for r in held_out
    }
    assert is_held_out("A", "B", 1.0) and not is_held_out("A", "B", 0.0)
    with pytest.raises(InvalidParameterError):
        is_held_out("A", "B", 1.5)


def test_profile_entries_citing_the_case_are_flagged(engine, resolved):
    from matcher.project_evaluation import ProjectCase, vouching_entries

    source = engine.catalog.profile("iso:FR-IDF")[0].source
    case = ProjectCase(
        row=2,
        label="Hà Nội – Île-de-France",
        province="vn:01",
        partner="iso:FR-IDF",
        country="FR",
        focus=("heritage_tourism",),
        resolved_by="test",
        url=source,
    )
    assert vouching_entries(engine.catalog, case)
    cases, _, _ = resolved
    assert all(not vouching_entries(engine.catalog, c) for c in cases)


def test_a_project_listed_from_two_pages_counts_once():
    def case(row, partner, focus, url):
        return ProjectCase(row, "x", "vn:31", partner, "JP", focus, "id", url)

    first = case(2, "gn:1859307", ("water",), "https://a.test/1")
    cases = [
        first,
        case(9, "gn:1859307", ("water",), "https://b.test/2"),  # the same, cited again
        case(3, "gn:1859307", ("environment",), "https://a.test/3"),
        case(4, "gn:1848354", ("water",), "https://a.test/4"),
    ]
    assert [c.row for c in distinct_cases(cases)] == [2, 3, 4]
    assert distinct_cases(cases)[0] is first
