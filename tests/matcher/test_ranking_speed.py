"""The fast path: cached facet values and a float32 shortlist, against brute force."""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest

from matcher import Filters, PartnerMatcher, Profile, recommend
from matcher.engine import Engine
from matcher.model import FacetCache, FacetTable, ScoredCandidates
from matcher.ranking import best_rows, top_rows
from matcher.weights import WeightSet

PROVINCES = ["vn:48", "vn:01", "vn:79", "vn:11", "vn:56"]
FILTERS = [
    Filters(),
    Filters(countries=["JP", "KR"]),
    Filters(max_per_country=2),
    Filters(include_existing=True),
    Filters(sector="renewable_energy", level="admin1"),
    Filters(level="city", min_population=100_000),
]


@pytest.fixture(scope="module")
def fresh(engine):
    """A newly fitted matcher with the shipped weights (its cache starts empty)."""
    return PartnerMatcher(**engine.matcher.get_params()).fit(engine.feature_set)


def _not_a_tie(matcher, province: str) -> tuple[str, str]:
    """A (province, locality) pair with no known tie: hiding it changes nothing."""
    fs = matcher.feature_set_
    tied = set(matcher.network_.partners(fs.row(province)).tolist())
    other = next(r for r in range(len(fs)) if r not in tied and fs.country[r] != "VN")
    return (province, str(fs.ids[other]))


@pytest.mark.parametrize("province", PROVINCES)
def test_cached_recommendations_equal_the_uncached_ones(fresh, province):
    """Hiding a non-tie bypasses the cache without changing a number."""
    bypass = [_not_a_tie(fresh, province)]
    for filters in FILTERS:
        for k in (1, 20, 77):
            cached = recommend(fresh, province, k=k, filters=filters)
            assert fresh.feature_set_.row(province) in fresh.facet_cache_
            uncached = recommend(
                fresh, province, k=k, filters=filters, hidden_ties=bypass
            )
            assert cached == uncached
            assert len(cached) == k or filters.countries or filters.sector


def test_cached_values_and_scores_equal_a_fresh_compute(fresh):
    warm = fresh.score_all("vn:48")
    cold = fresh.score_all("vn:48", hidden_ties=[_not_a_tie(fresh, "vn:48")])
    assert warm.table is fresh.facet_cache_.get(fresh.feature_set_.row("vn:48"))
    assert cold.table is not warm.table
    np.testing.assert_array_equal(warm.values, cold.values)
    np.testing.assert_array_equal(warm.scores, cold.scores)
    assert np.isnan(warm.values).any()
    known = ~np.isnan(warm.values)
    np.testing.assert_array_equal(warm.contributions[~known], 0.0)
    np.testing.assert_array_equal(
        warm.contributions[known], (warm.values * warm.weights)[known]
    )
    rows = np.array([5, 17, 4_000, 45_000])
    np.testing.assert_array_equal(warm.scores_of(rows), warm.scores[rows])
    for r in rows:
        candidate = str(fresh.feature_set_.ids[r])
        assert fresh.score_pair("vn:48", candidate) == warm.scores[r]
    error = np.abs(warm.approximate_scores() - warm.scores)
    assert error.max() <= warm.approximation_bound


def test_hidden_ties_and_profiles_bypass_the_cache(engine):
    m = PartnerMatcher(**engine.matcher.get_params()).fit(engine.feature_set)
    recommend(m, "vn:48", hidden_ties=[_not_a_tie(m, "vn:48")])
    fs = engine.feature_set
    row = fs.row("vn:48")
    needs = fs.needs[row].copy()
    needs[np.flatnonzero(~(needs > 0))[0]] = 0.9
    edited = Profile(
        strengths=fs.strengths[row],
        needs=needs,
        level="admin1",
        population=2_000_000,
        lat=float(fs.lat[row]),
        lon=float(fs.lon[row]),
        locality_id="vn:48",
    )
    recommend(m, edited)
    assert len(m.facet_cache_) == 0
    plain = recommend(m, "vn:48")
    assert len(m.facet_cache_) == 1
    # a declared edit is never answered from the cached catalog values
    again = recommend(m, edited)
    assert again[0].needs_total == plain[0].needs_total + 1
    assert len(m.facet_cache_) == 1


def test_other_weights_share_the_cache_and_score_as_a_fresh_fit(engine, fresh):
    fresh.warm(["vn:48", "vn:01"])
    uniform = PartnerMatcher().get_params()
    swapped = engine.with_weights(WeightSet(weights=uniform, version="u"))
    shared = fresh.with_weights(uniform)
    assert shared.facet_cache_ is fresh.facet_cache_
    assert swapped.matcher.facet_cache_ is engine.matcher.facet_cache_
    reference = PartnerMatcher(**uniform).fit(engine.feature_set)
    for province in ("vn:48", "vn:01"):
        expected = recommend(reference, province, k=30)
        assert recommend(shared, province, k=30) == expected
        assert recommend(swapped.matcher, province, k=30) == expected
        assert expected != recommend(fresh, province, k=30)


def test_warm_fills_the_cache_for_the_34_units(engine):
    m = PartnerMatcher(**engine.matcher.get_params()).fit(engine.feature_set)
    units = [u.id for u in engine.catalog.vietnam_units()]
    assert len(units) == 34
    served = Engine(engine.catalog, engine.resolver, engine.feature_set, m, None)
    assert served.warm() is served
    fs = engine.feature_set
    assert all(fs.row(u) in m.facet_cache_ for u in units)
    n_facets = len(m.weights_)
    per_unit = len(fs) * (n_facets * 4 + math.ceil(n_facets / 8))
    assert m.facet_cache_.nbytes < 34 * per_unit * 1.01


@pytest.mark.parametrize("n_facets", [1, 8, 17])
def test_facet_table_keeps_unknowns_and_float32_values(n_facets):
    rng = np.random.default_rng(n_facets)
    values = np.asfortranarray(rng.random((37, n_facets)))
    values[rng.random(values.shape) < 0.3] = np.nan
    table = FacetTable.from_values(values)
    assert table.values.dtype == np.float32 and table.values.flags.c_contiguous
    np.testing.assert_array_equal(table.known_of(slice(None)), ~np.isnan(values))
    np.testing.assert_array_equal(table.known_of([9, 2]), ~np.isnan(values[[9, 2]]))
    stored = np.where(np.isnan(values), 0.0, values).astype(np.float32)
    np.testing.assert_array_equal(table.values, stored)
    assert table.value_max == stored.max()


def test_facet_cache_drops_the_least_recently_used():
    cache = FacetCache(size=2)
    tables = {r: FacetTable.from_values(np.full((3, 2), r / 10)) for r in range(3)}
    cache.put(0, tables[0])
    cache.put(1, tables[1])
    assert cache.get(0) is tables[0]
    cache.put(2, tables[2])
    assert 1 not in cache and cache.get(0) is tables[0] and len(cache) == 2
    copied = copy.deepcopy(cache)
    assert copied.size == 2 and len(copied) == 0
    cache.clear()
    assert len(cache) == 0


def _synthetic(rng, n, *, fine=False, n_facets=16) -> ScoredCandidates:
    """Scores with many exact ties (coarse values) or, ``fine``, values a few float32
    steps apart: exact scores closer than float32 sums can tell apart."""
    if fine:
        values = 0.5 + rng.integers(0, 4, size=(n, n_facets)) * 2.0**-24
    else:
        values = rng.integers(0, 7, size=(n, n_facets)) / 6.0
        values[rng.random((n, n_facets)) < 0.2] = np.nan
    return ScoredCandidates(
        table=FacetTable.from_values(values),
        weights=rng.random(n_facets) * 3 + 1e-3,
        query_row=None,
        hidden=frozenset(),
        query_id=None,
        query_strengths=np.full(3, np.nan),
        query_needs=np.full(3, np.nan),
    )


@pytest.mark.parametrize("fine", [False, True])
@pytest.mark.parametrize("n", [1, 7, 1001, 20_011])
def test_shortlist_ranking_matches_brute_force(n, fine):
    rng = np.random.default_rng(n)
    scored = _synthetic(rng, n, fine=fine)
    countries = np.array(list("ABCDEFG"))[rng.integers(0, 7, size=n)]
    for density in (1.0, 0.3, 0.01):
        mask = rng.random(n) < density
        mask[rng.integers(0, n)] = True
        for k in (1, 3, 20, 500):
            for cap in (None, 1, 3):
                got = best_rows(scored, mask, k, countries, cap)
                brute = top_rows(scored.scores, mask, k, countries, cap)
                assert list(got) == list(brute), (density, k, cap)


def test_approximate_scores_really_differ_from_exact_ones():
    """The fine synthetic data needs the tolerance: float32 alone would misorder."""
    scored = _synthetic(np.random.default_rng(3), 20_011, fine=True)
    approx = scored.approximate_scores().astype(np.float64)
    assert np.any(approx != scored.scores)
    rows = np.arange(20_011)
    by_approx = rows[np.lexsort((rows, -approx))]
    by_exact = rows[np.lexsort((rows, -scored.scores))]
    assert list(by_approx) != list(by_exact)
    assert math.isfinite(scored.approximation_bound)
