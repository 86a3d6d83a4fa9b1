"""Ranking with hard filters applied before top-k, and a per-country diversity cap."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from features.catalog.countries import resolve_country
from features.catalog.loading import LEVELS
from features.errors import InvalidParameterError, UnknownSectorError
from matcher.explain import Explainer, Recommendation
from matcher.model import PartnerMatcher, ScoredCandidates

__all__ = [
    "Filters",
    "recommend",
    "candidate_mask",
    "best_rows",
    "top_rows",
    "MAX_K",
    "SECTOR_THRESHOLD",
]

MAX_K = 500
SECTOR_THRESHOLD = 0.25


@dataclass
class Filters:
    """Hard filters on candidates; all are applied before the top-k cut.

    ``countries``: ISO codes or names; ``level``: admin1/admin2/city; ``sector``: a
    taxonomy id the candidate must be strong in (value ≥ 0.25);
    ``include_existing``: keep localities already tied to the query;
    ``max_per_country``: at most this many results from one country;
    ``foreign_only``: drop candidates of the query's own country.
    """

    countries: list[str] = field(default_factory=list)
    level: str | None = None
    sector: str | None = None
    min_population: int | None = None
    max_population: int | None = None
    include_existing: bool = False
    max_per_country: int | None = None
    foreign_only: bool = True

    def validated(self, sectors: tuple[str, ...]) -> Filters:
        """A copy with countries resolved to ISO codes; raises on invalid values."""
        countries = [resolve_country(c) for c in self.countries]
        if self.level is not None and self.level not in LEVELS:
            raise InvalidParameterError("level", f"one of {list(LEVELS)}", self.level)
        if self.sector is not None and self.sector not in sectors:
            raise UnknownSectorError(self.sector, sectors)
        for name in ("min_population", "max_population", "max_per_country"):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, int)
                or value < (1 if name == "max_per_country" else 0)
            ):
                raise InvalidParameterError(
                    name,
                    "a non-negative integer"
                    if name != "max_per_country"
                    else "a positive integer",
                    value,
                )
        if (
            self.min_population is not None
            and self.max_population is not None
            and self.min_population > self.max_population
        ):
            raise InvalidParameterError(
                "min_population",
                f"≤ max_population ({self.max_population})",
                self.min_population,
            )
        return Filters(
            countries=countries,
            level=self.level,
            sector=self.sector,
            min_population=self.min_population,
            max_population=self.max_population,
            include_existing=self.include_existing,
            max_per_country=self.max_per_country,
            foreign_only=self.foreign_only,
        )


def candidate_mask(
    matcher: PartnerMatcher, query_row, query_country: str, filters: Filters, hidden
) -> np.ndarray:
    """Boolean mask of the candidates that pass every hard filter."""
    fs = matcher.feature_set_
    mask = np.ones(len(fs), dtype=bool)
    if query_row is not None:
        mask[query_row] = False
        if not filters.include_existing:
            mask[matcher.network_.partners(query_row, hidden)] = False
    if filters.foreign_only:
        mask &= fs.country != query_country
    if filters.countries:
        mask &= np.isin(fs.country, filters.countries)
    if filters.level is not None:
        mask &= fs.level == LEVELS.index(filters.level)
    if filters.sector is not None:
        column = fs.strengths[:, fs.sectors.index(filters.sector)]
        mask &= np.nan_to_num(column, nan=0.0) >= SECTOR_THRESHOLD
    if filters.min_population is not None:
        mask &= np.nan_to_num(fs.population, nan=-1.0) >= filters.min_population
    if filters.max_population is not None:
        mask &= np.nan_to_num(fs.population, nan=np.inf) <= filters.max_population
    return mask


def _contradictory(filters: Filters, query_country: str) -> InvalidParameterError:
    """The error for hard filters that no candidate passes, naming them."""
    given = {
        name: getattr(filters, name)
        for name in ("countries", "level", "sector", "min_population", "max_population")
        if getattr(filters, name) not in (None, [])
    }
    why = "filters that leave at least one candidate"
    why_vi = "bộ lọc còn giữ lại ít nhất một đối tác"
    if filters.foreign_only and query_country in filters.countries:
        why += f" (partners are foreign: {query_country} is the query's own country)"
        why_vi += f" (đối tác phải ở nước ngoài: {query_country} là nước của tỉnh)"
    return InvalidParameterError("filters", why, given, expected_vi=why_vi)


def recommend(
    matcher: PartnerMatcher,
    query,
    *,
    k: int = 20,
    filters: Filters | None = None,
    hidden_ties=(),
    explain_results: bool = True,
) -> list[Recommendation]:
    """The top-``k`` candidates for ``query`` (a locality id or a Profile), explained.

    Raises InvalidParameterError (``filters``) when no candidate passes the hard
    filters (e.g. cities strong in a sector no city is strong in).
    """
    if (
        isinstance(k, bool)
        or not isinstance(k, int | np.integer)
        or not 1 <= k <= MAX_K
    ):
        raise InvalidParameterError(
            "k",
            f"an integer from 1 to {MAX_K}",
            k,
            expected_vi=f"một số nguyên từ 1 đến {MAX_K}",
        )
    fs = matcher.feature_set_
    filters = (filters or Filters()).validated(fs.sectors)
    scored = matcher.score_all(query, hidden_ties=hidden_ties)
    country = (
        str(fs.country[scored.query_row])
        if scored.query_row is not None
        else query.country
    )
    mask = candidate_mask(matcher, scored.query_row, country, filters, scored.hidden)
    if not mask.any():
        raise _contradictory(filters, country)
    rows = best_rows(scored, mask, k, fs.country, filters.max_per_country)
    if not explain_results:
        return rows
    return Explainer(matcher, scored).explain_rows(rows)


def best_rows(
    scored: ScoredCandidates, mask, k, countries, max_per_country=None
) -> np.ndarray:
    """``top_rows`` of the exact scores, computed only for a shortlist.

    The shortlist is every masked row whose float32 score reaches a cut; it grows
    until the k-th choice beats the cut by more than the float32 error bound, so
    no row outside it could rank among (or before) the choices.
    """
    candidates = np.flatnonzero(mask)
    approximate = scored.approximate_scores()[candidates]
    bound = scored.approximation_bound
    size = 2 * k
    while True:
        if size >= len(candidates):
            return top_rows_of(
                candidates, scored.scores_of(candidates), k, countries, max_per_country
            )
        cut = np.partition(approximate, len(candidates) - size)[-size]
        pool = candidates[approximate >= cut]
        exact = scored.scores_of(pool)
        chosen = top_rows_of(pool, exact, k, countries, max_per_country)
        if len(chosen) == k:
            last = exact[np.searchsorted(pool, chosen[-1])]
            if last >= float(cut) + bound:
                return chosen
        size *= 4


def top_rows(scores, mask, k, countries, max_per_country=None) -> np.ndarray:
    """Rows of the best ``k`` masked scores (ties broken by row), with a country cap."""
    candidates = np.flatnonzero(mask)
    return top_rows_of(candidates, scores[candidates], k, countries, max_per_country)


def top_rows_of(candidates, scores, k, countries, max_per_country=None) -> np.ndarray:
    """``top_rows`` over ascending row indices ``candidates`` and their ``scores``."""
    if max_per_country is None and len(candidates) > k:
        threshold = np.partition(scores, len(scores) - k)[-k]
        keep = scores >= threshold
        candidates, scores = candidates[keep], scores[keep]
    order = candidates[np.lexsort((candidates, -scores))]
    if max_per_country is None:
        return order[:k]
    chosen, per_country = [], {}
    for r in order:
        c = countries[r]
        if per_country.get(c, 0) < max_per_country:
            per_country[c] = per_country.get(c, 0) + 1
            chosen.append(r)
            if len(chosen) == k:
                break
    return np.array(chosen, dtype=np.int64)
