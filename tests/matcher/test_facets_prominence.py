"""The prominence facet against a brute-force rank, on awkward small inputs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest

from matcher.facets import FACET_NAMES, prominence


@dataclass
class _Places:
    country: np.ndarray
    level: np.ndarray
    log_population: np.ndarray

    def __len__(self) -> int:
        return len(self.country)


@dataclass
class _Ctx:
    fs: _Places


def _brute_force(places: _Places) -> np.ndarray:
    out = np.full(len(places), np.nan)
    for i in range(len(places)):
        p = places.log_population[i]
        if np.isnan(p):
            continue
        same = [
            j
            for j in range(len(places))
            if places.country[j] == places.country[i]
            and places.level[j] == places.level[i]
            and not np.isnan(places.log_population[j])
        ]
        rank = 1 + sum(
            places.log_population[j] > p or (places.log_population[j] == p and j < i)
            for j in same
        )
        out[i] = min(max(1 - np.log10(rank) / 3, 0.0), 1.0)
    return out


@pytest.mark.parametrize("n", [1, 7, 250, 1333])
def test_prominence_matches_brute_force(n):
    rng = np.random.default_rng(n)
    pop = np.round(rng.normal(5, 1, n), 1)  # ties in population on purpose
    pop[rng.random(n) < 0.2] = np.nan
    places = _Places(
        country=rng.choice(np.array(["FR", "JP", "LA"]), n),
        level=rng.integers(0, 3, n).astype(np.int8),
        log_population=pop,
    )
    np.testing.assert_allclose(prominence(_Ctx(places)), _brute_force(places))


def test_prominence_is_registered_and_unknown_without_population():
    assert "prominence" in FACET_NAMES
    places = _Places(
        np.array(["KR", "KR"]), np.array([2, 2]), np.array([np.nan, np.nan])
    )
    assert np.isnan(prominence(_Ctx(places))).all()
