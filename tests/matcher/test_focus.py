"""Focus (both ways), fit and feasibility subtotals, regions and variety."""

from __future__ import annotations

import numpy as np
import pytest

from features.errors import (
    InvalidParameterError,
    UnknownRegionError,
    UnknownSectorError,
)
from matcher import Filters, Profile, recommend
from matcher.facets import FACET_NAMES, FACETS, FOCUS_EVIDENCE, group_of
from matcher.variety import DEFAULT_MAX_PER_COUNTRY, SamePlace
from matcher.weights import MISSING_FACET_WEIGHTS, validate_weights

SOUTHEAST_ASIA = {"BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "TL", "VN"}


def test_every_facet_is_in_a_group_and_fit_is_about_the_focus():
    assert {f.group for f in FACETS} == {"fit", "feasibility"}
    for name in ("needs_met", "needs_offered", "text_similarity", "fit_unknown"):
        assert group_of(name) == "fit"
    for name in ("proximity", "border", "country_affinity", "prominence", "popularity"):
        assert group_of(name) == "feasibility"
    assert "cooperation_record" in FOCUS_EVIDENCE  # joins by name when it lands


def test_default_focus_is_the_declared_needs(engine):
    fs = engine.feature_set
    row = fs.row("vn:48")
    declared = tuple(s for s, v in zip(fs.sectors, fs.needs[row], strict=True) if v > 0)
    scored = engine.matcher.score_all("vn:48")
    assert scored.focus == declared and not scored.focus_given
    results = recommend(engine.matcher, "vn:48", k=10)
    assert all(r.needs_total == len(declared) for r in results)
    assert all(set(r.needs_met) | set(r.gaps) == set(declared) for r in results)


def test_focus_strength_meets_our_need(engine):
    """Asked for ports, the partners strong in ports serve the focus, with evidence."""
    results = recommend(engine.matcher, "vn:48", k=10, focus=["ports_logistics"])
    assert all(r.needs_total == 1 for r in results)
    served = [r for r in results if r.needs_met == ("ports_logistics",)]
    assert len(served) >= 5
    for r in served:
        row = engine.feature_set.row(r.id)
        sector = engine.feature_set.sectors.index("ports_logistics")
        assert engine.feature_set.strengths[row, sector] >= 0.25
        assert any(
            e.side == "candidate"
            and e.role == "strength"
            and e.sector == r.needs_met[0]
            for e in r.evidence
        )
        assert r.summary_en.split(": ", 1)[1].startswith("meets 1 of 1 focus sectors")
    # the focus moves the ranking: not the same list as with the declared needs
    default = recommend(engine.matcher, "vn:48", k=10)
    assert [r.id for r in results] != [r.id for r in default]


def test_focus_their_need_met_by_our_strength(engine):
    """A foreign party strong in environment: provinces that need it are served."""
    fs = engine.feature_set
    sector = fs.sectors.index("environment")
    assert fs.needs[fs.row("vn:48"), sector] > 0
    strengths = np.full(len(fs.sectors), np.nan)
    strengths[sector] = 0.9
    party = Profile(
        strengths=strengths,
        needs=np.full(len(fs.sectors), np.nan),
        country="JP",
        level="admin1",
        population=2_000_000,
        lat=35.0,
        lon=135.0,
    )
    results = recommend(
        engine.matcher,
        party,
        k=40,
        focus=["environment"],
        filters=Filters(countries=["VN"], level="admin1"),
    )
    by_id = {r.id: r for r in results}
    danang = by_id["vn:48"]
    assert danang.needs_met == ("environment",)
    assert any(
        e.side == "candidate" and e.role == "need" and e.sector == "environment"
        for e in danang.evidence
    )
    offered = next(c for c in danang.contributions if c.facet == "needs_offered")
    assert offered.facet_value > 0
    # a province without the need does not get it from this direction
    for r in results:
        need = fs.needs[fs.row(r.id), sector]
        assert ("environment" in r.needs_met) == (need > 0)


def test_unknown_focus_names_the_valid_sectors(engine):
    with pytest.raises(UnknownSectorError) as error:
        recommend(engine.matcher, "vn:48", focus=["spaceflight"])
    assert error.value.field == "focus"
    assert "water" in str(error.value) and "spaceflight" in str(error.value)


@pytest.mark.parametrize("focus", [None, ["water", "environment"], ["ports_logistics"]])
def test_fit_plus_feasibility_is_the_score_exactly(engine, focus):
    results = recommend(engine.matcher, "vn:01", k=30, focus=focus)
    fit_names = {f.name for f in FACETS if f.group == "fit"}
    for r in results:
        assert r.fit + r.feasibility == r.score
        fit = sum(c.value for c in r.contributions if c.facet in fit_names)
        feasibility = sum(c.value for c in r.contributions if c.facet not in fit_names)
        assert r.fit == pytest.approx(fit, abs=1e-12)
        assert r.feasibility == pytest.approx(feasibility, abs=1e-12)
        assert r.score == pytest.approx(
            sum(c.value for c in r.contributions), abs=1e-12
        )


def test_no_fit_data_is_a_named_penalty(engine):
    """Water is unknown for most candidates: each pays ``fit_unknown`` and says so.

    The shipped weight is learned (0 when the known ties do not support it), so the
    rule is checked with a positive weight.
    """
    weight = 2.0
    matcher = engine.matcher.with_weights(
        {**engine.matcher.get_params(), "fit_unknown": weight}
    )
    results = recommend(matcher, "vn:48", k=10, focus=["water"])
    for r in results:
        unknown = [c for c in r.contributions if c.facet == "fit_unknown"]
        if all(f in r.skipped for f in FOCUS_EVIDENCE):
            assert unknown and unknown[0].value == -weight
            assert "no_fit_data" in {f.code for f in r.flags}
        else:
            assert not unknown or unknown[0].value == 0


def test_a_weight_file_without_the_new_facet_takes_the_documented_default():
    old = {name: 1.0 for name in FACET_NAMES if name != "fit_unknown"}
    assert validate_weights(old)["fit_unknown"] == MISSING_FACET_WEIGHTS["fit_unknown"]
    with pytest.raises(InvalidParameterError, match="proximity"):
        validate_weights({k: v for k, v in old.items() if k != "proximity"})


@pytest.mark.parametrize(
    ("region", "expected"),
    [("Đông Nam Á", SOUTHEAST_ASIA), ("ASEAN", SOUTHEAST_ASIA - {"TL"})],
)
def test_region_filter_expands_to_its_countries(engine, region, expected):
    results = recommend(
        engine.matcher,
        "vn:48",
        k=30,
        filters=Filters(regions=[region]),
        regions=engine.regions,
    )
    assert results and {r.country for r in results} <= expected - {"VN"}


def test_region_filter_europe_intersects_countries(engine):
    europe = engine.regions.countries("Europe")
    results = recommend(
        engine.matcher, "vn:48", k=20, filters=Filters(regions=["Châu Âu"]),
        regions=engine.regions,
    )  # fmt: skip
    assert results and {r.country for r in results} <= europe
    both = recommend(
        engine.matcher,
        "vn:48",
        k=20,
        filters=Filters(regions=["Europe"], countries=["FR", "JP"]),
        regions=engine.regions,
    )
    assert {r.country for r in both} == {"FR"}
    assert len(both) == 20  # one country: no default cap
    with pytest.raises(UnknownRegionError) as error:
        recommend(
            engine.matcher, "vn:48", filters=Filters(regions=["Eurpoe"]),
            regions=engine.regions,
        )  # fmt: skip
    assert error.value.field == "region" and error.value.suggestions
    assert "Europe" in " ".join(error.value.suggestions)


def test_country_cap_by_default_and_switchable(engine):
    capped = recommend(engine.matcher, "vn:48", k=40, explain_results=False)
    countries = engine.feature_set.country[capped]
    assert max(np.unique(countries, return_counts=True)[1]) <= DEFAULT_MAX_PER_COUNTRY
    free = recommend(
        engine.matcher,
        "vn:48",
        k=40,
        filters=Filters(max_per_country=0, allow_same_place=True),
        explain_results=False,
    )
    counts = np.unique(engine.feature_set.country[free], return_counts=True)[1]
    assert max(counts) > DEFAULT_MAX_PER_COUNTRY


def test_same_place_is_one_card_unless_asked(engine):
    fs = engine.feature_set
    same = SamePlace(fs)
    tokyo_city, tokyo_to = fs.row("gn:1850147"), fs.row("iso:JP-13")
    assert same.same(tokyo_city, tokyo_to)
    assert not same.same(tokyo_city, fs.row("iso:JP-27"))
    for k, query in ((100, "vn:01"), (100, "vn:79")):
        both = recommend(
            engine.matcher,
            query,
            k=k,
            filters=Filters(countries=["JP"], allow_same_place=True),
            explain_results=False,
        )
        one = recommend(
            engine.matcher,
            query,
            k=k,
            filters=Filters(countries=["JP"]),
            explain_results=False,
        )
        pairs = [(a, b) for i, a in enumerate(one) for b in one[i + 1 :]]
        assert not any(same.same(a, b) for a, b in pairs)
        twins = [(a, b) for i, a in enumerate(both) for b in both[i + 1 :]]
        if any(same.same(a, b) for a, b in twins):
            assert list(one) != list(both)
