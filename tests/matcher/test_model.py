"""PartnerMatcher: the estimator contract, exact explanations, filters, bad input."""

from __future__ import annotations

import json
import math
from dataclasses import replace

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils.estimator_checks import check_no_attributes_set_in_init

from features.errors import (
    InvalidParameterError,
    UnknownCountryError,
    UnknownSectorError,
)
from features.paths import CURRENT_WEIGHTS, DEFAULT_DATA_DIR
from matcher import (
    FACET_NAMES,
    Filters,
    PartnerMatcher,
    Profile,
    load_weights,
    recommend,
    save_weights,
)
from matcher.evaluation import clone_fitted
from matcher.ranking import candidate_mask, top_rows
from matcher.weights import WeightSet
from service.settings import PROJECT_ROOT


def test_sklearn_contract():
    check_no_attributes_set_in_init("PartnerMatcher", PartnerMatcher())
    m = PartnerMatcher(popularity=0.5)
    assert set(m.get_params()) == set(FACET_NAMES)
    assert clone(m).get_params() == m.get_params()
    assert m.set_params(border=2.0) is m and m.border == 2.0


def test_fit_returns_self_and_learns_state(engine):
    m = PartnerMatcher()
    assert m.fit(engine.feature_set) is m
    assert hasattr(m, "network_") and m.n_candidates_ == len(engine.feature_set)


def test_not_fitted_yet():
    with pytest.raises(NotFittedError):
        PartnerMatcher().score_all("vn:48")


@pytest.mark.parametrize("bad", [float("nan"), -0.1, float("inf"), "heavy", True])
def test_bad_weight_names_the_parameter(engine, bad):
    # Checked once, where the weights are set (with_weights / fit), not per score.
    with pytest.raises(InvalidParameterError, match="'border'"):
        clone_fitted(engine.matcher, {**engine.matcher.get_params(), "border": bad})
    with pytest.raises(InvalidParameterError, match="'border'"):
        PartnerMatcher(border=bad).fit(engine.feature_set)


@pytest.mark.parametrize("province", ["vn:48", "vn:01", "vn:79", "vn:11"])
def test_score_is_the_exact_sum_of_sorted_contributions(engine, province):
    results = recommend(engine.matcher, province, k=20)
    assert len(results) == 20
    for r in results:
        assert math.isclose(
            r.score, sum(c.value for c in r.contributions), abs_tol=1e-9
        )
        values = [c.value for c in r.contributions]
        assert values == sorted(values, reverse=True)
        for c in r.contributions:
            assert math.isclose(c.value, c.weight * c.facet_value, abs_tol=1e-12)
        assert set(r.skipped).isdisjoint(c.facet for c in r.contributions)
        assert r.summary_en and r.summary_vi
        assert math.isclose(
            r.score, engine.matcher.score_pair(province, r.id), abs_tol=1e-9
        )
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)


def _passing(engine, province, filters):
    scored = engine.matcher.score_all(province)
    mask = candidate_mask(
        engine.matcher,
        scored.query_row,
        "VN",
        filters.validated(engine.feature_set.sectors),
        scored.hidden,
    )
    return scored, mask


@pytest.mark.parametrize(
    ("filters", "k"),
    [
        (Filters(countries=["JP"], allow_same_place=True), 7),
        (Filters(countries=["Laos"], level="admin1", allow_same_place=True), 17),
        (Filters(level="admin2", max_per_country=0, allow_same_place=True), 33),
        (
            Filters(sector="renewable_energy", countries=["DE"], allow_same_place=True),
            20,
        ),
        (
            Filters(
                min_population=1_000_000,
                max_population=2_000_000,
                max_per_country=0,
                allow_same_place=True,
            ),
            50,
        ),
        (Filters(max_per_country=2), 31),
    ],
)
def test_filters_apply_before_top_k(engine, filters, k):
    filters = replace(filters, no_focus_coverage=True)  # the score order alone
    scored, mask = _passing(engine, "vn:48", filters)
    n_pass = int(mask.sum())
    results = recommend(
        engine.matcher, "vn:48", k=k, filters=filters, explain_results=False
    )
    expected = min(k, n_pass)
    if not filters.validated(engine.feature_set.sectors).max_per_country:
        assert len(results) == expected
        brute = np.flatnonzero(mask)[
            np.lexsort((np.flatnonzero(mask), -scored.scores[mask]))
        ][:k]
        assert list(results) == list(brute)
    else:
        per_country = {}
        for r in results:
            c = engine.feature_set.country[r]
            per_country[c] = per_country.get(c, 0) + 1
        assert max(per_country.values()) <= filters.max_per_country
        assert len(results) == k
    assert all(mask[r] for r in results)


def test_k_larger_than_the_pool_returns_the_whole_pool(engine):
    filters = Filters(countries=["LA"], level="admin1")
    _, mask = _passing(engine, "vn:48", filters)
    results = recommend(engine.matcher, "vn:48", k=100, filters=filters)
    assert len(results) == int(mask.sum()) > 0


def test_top_rows_matches_brute_force_with_ties():
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 5, size=1001).astype(float)
    mask = rng.random(1001) < 0.6
    countries = np.array(list("ABCDE"))[rng.integers(0, 5, size=1001)]
    for k in (1, 3, 17, 600, 1001):
        got = top_rows(scores, mask, k, countries)
        rows = np.flatnonzero(mask)
        brute = sorted(rows, key=lambda r: (-scores[r], r))[:k]
        assert list(got) == brute


def test_existing_partners_excluded_by_default(engine):
    partners = set(
        engine.matcher.network_.partners(engine.feature_set.row("vn:48")).tolist()
    )
    assert partners
    k = 500
    default = recommend(engine.matcher, "vn:48", k=k, explain_results=False)
    assert partners.isdisjoint(default.tolist())
    included = recommend(
        engine.matcher,
        "vn:48",
        k=k,
        filters=Filters(include_existing=True),
        explain_results=False,
    )
    assert partners & set(included.tolist())
    flagged = recommend(
        engine.matcher, "vn:48", k=k, filters=Filters(include_existing=True)
    )
    assert any(
        "already_partner" in {f.code for f in r.flags} and r.existing_ties
        for r in flagged
    )


def test_hidden_tie_is_invisible(engine):
    q = engine.feature_set.row("vn:48")
    fs = engine.feature_set
    partner = next(
        str(fs.ids[r])
        for r in engine.matcher.network_.partners(q)
        if fs.country[r] != "VN"
    )
    hidden = recommend(
        engine.matcher,
        "vn:48",
        k=500,
        hidden_ties=[("vn:48", partner)],
        explain_results=False,
    )
    scored = engine.matcher.score_all("vn:48", hidden_ties=[("vn:48", partner)])
    mask = candidate_mask(engine.matcher, q, "VN", Filters(), scored.hidden)
    assert mask[engine.feature_set.row(partner)]
    plain = engine.matcher.score_all("vn:48")
    assert (
        scored.scores[engine.feature_set.row(partner)]
        <= plain.scores[engine.feature_set.row(partner)]
    )
    assert len(hidden) == 500


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"k": 0}, InvalidParameterError, "'k'"),
        ({"k": -3}, InvalidParameterError, "'k'"),
        ({"k": 10**6}, InvalidParameterError, "'k'"),
        ({"k": 2.5}, InvalidParameterError, "'k'"),
        (
            {"filters": Filters(sector="space_tourism")},
            UnknownSectorError,
            "space_tourism",
        ),
        ({"filters": Filters(countries=["Atlantis"])}, UnknownCountryError, "Atlantis"),
        ({"filters": Filters(level="galaxy")}, InvalidParameterError, "'level'"),
        (
            {"filters": Filters(min_population=10, max_population=5)},
            InvalidParameterError,
            "min_population",
        ),
        (
            {"filters": Filters(max_per_country=-1)},
            InvalidParameterError,
            "max_per_country",
        ),
    ],
)
def test_bad_input_names_the_parameter(engine, kwargs, error, name):
    with pytest.raises(error, match=name):
        recommend(engine.matcher, "vn:48", **kwargs)


def test_unknown_sector_error_lists_valid_ids(engine):
    with pytest.raises(UnknownSectorError) as err:
        recommend(engine.matcher, "vn:48", filters=Filters(sector="spaceflight"))
    assert "renewable_energy" in str(err.value)


def test_ad_hoc_profile_is_ranked_and_explained(engine):
    fs = engine.feature_set
    needs = np.full(len(fs.sectors), np.nan)
    needs[fs.sectors.index("renewable_energy")] = 0.9
    strengths = np.full(len(fs.sectors), np.nan)
    profile = Profile(
        strengths=strengths,
        needs=needs,
        country="VN",
        level="admin1",
        population=1_500_000,
        lat=16.0,
        lon=108.0,
    )
    results = recommend(engine.matcher, profile, k=10)
    assert len(results) == 10
    assert all(
        r.needs_total == 1 and "partners_of_partners" in r.skipped for r in results
    )
    focused = recommend(
        engine.matcher, profile, k=10, filters=Filters(sector="renewable_energy")
    )
    for r in focused:
        assert r.needs_met == ("renewable_energy",) and r.gaps == ()
        assert any(c.facet == "needs_met" and c.value > 0 for c in r.contributions)
        assert any(e.sector == "renewable_energy" and e.source for e in r.evidence)


def test_weight_file_round_trip(engine, tmp_path):
    path = tmp_path / "w.json"
    ws = WeightSet(weights={**engine.weights.weights, "border": 0.25}, version="t1")
    save_weights(ws, path)
    loaded = load_weights(path)
    assert loaded.weights == ws.weights and loaded.version == "t1"
    raw = json.loads(path.read_text())
    raw["weights"]["proximity"] = -1
    path.write_text(json.dumps(raw))
    with pytest.raises(InvalidParameterError, match="'proximity'"):
        load_weights(path)


def test_shipped_weights_are_learned_and_versioned():
    ws = load_weights(DEFAULT_DATA_DIR / CURRENT_WEIGHTS)
    assert ws.version.startswith("learned")
    assert ws.trained_on["vietnam_positives"] > 100
    assert ws.code_version and ws.trained_on["catalog_inputs"]


def test_every_facet_is_documented_in_the_readme():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    missing = [f for f in FACET_NAMES if f"`{f}`" not in readme]
    assert missing == []
