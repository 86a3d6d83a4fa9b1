"""Ranking with hard filters applied before top-k, a per-country cap and one card
per place (:mod:`matcher.variety`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar

import numpy as np

from features.catalog.countries import resolve_country
from features.catalog.loading import LEVELS
from features.errors import InvalidParameterError, UnknownSectorError
from features.params import Integral, Interval, Options, validate_params
from features.screening.flags import Flag
from matcher.coverage import cover_focus
from matcher.variety import DEFAULT_MAX_PER_COUNTRY, same_place_of
from matcher.wording import sector_labels

if TYPE_CHECKING:  # the model and explanations load when a ranking is asked for
    from matcher.explain import Recommendation
    from matcher.model import PartnerMatcher, ScoredCandidates

__all__ = [
    "Filters",
    "SectorNotice",
    "recommend",
    "sector_notice",
    "candidate_mask",
    "best_rows",
    "top_rows",
    "MAX_K",
    "SECTOR_THRESHOLD",
    "DEMOTED",
    "COVERS_FOCUS",
]

MAX_K = 500
SECTOR_THRESHOLD = 0.25
# The flag of a candidate an officer marked not useful (shown after the others).
DEMOTED = "demoted"
# The flag of a card that came in to serve a focus sector no better card serves.
COVERS_FOCUS = "covers_focus"
NON_NEGATIVE_INTEGER = Interval(Integral, 0, None, closed="left")
_RECOMMEND_CONSTRAINTS = {"k": [Interval(Integral, 1, MAX_K, closed="both")]}


@dataclass
class Filters:
    """Hard filters on candidates; all are applied before the top-k cut.

    ``countries``: ISO codes or names; ``regions``: region or grouping names or
    codes (``features.catalog.regions``: "Europe", "Đông Nam Á", "ASEAN"), their
    countries together, intersected with ``countries`` when both are given;
    ``level``: admin1/admin2/city; ``sector``: a taxonomy id the candidate must
    have a known value in, and be strong in (value ≥ 0.25; a country-level value
    counts at its discounted weight); ``include_existing``: keep localities
    already tied to the query; ``max_per_country``: at most this many results
    from one country (None: ``DEFAULT_MAX_PER_COUNTRY`` unless the countries are
    one; 0: no cap); ``allow_same_place``: keep a candidate that is the same place
    as a better-ranked one (``matcher.variety``); ``foreign_only``: drop
    candidates of the query's own country; ``no_focus_coverage``: rank by score
    alone, giving no slot to a focus sector the top cards do not serve
    (``matcher.coverage``).
    """

    countries: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    level: str | None = None
    sector: str | None = None
    min_population: int | None = None
    max_population: int | None = None
    include_existing: bool = False
    max_per_country: int | None = None
    allow_same_place: bool = False
    foreign_only: bool = True
    no_focus_coverage: bool = False

    # checked by ``validated`` (once per ranking, where the filters are first used);
    # the sector and the regions need the taxonomy and region table, checked there
    _parameter_constraints: ClassVar[dict] = {
        "level": [Options(LEVELS), None],
        "min_population": [NON_NEGATIVE_INTEGER, None],
        "max_population": [NON_NEGATIVE_INTEGER, None],
        "max_per_country": [NON_NEGATIVE_INTEGER, None],
    }

    def validated(self, sectors: tuple[str, ...], regions=None) -> Filters:
        """A copy with countries resolved to ISO codes (regions expanded with the
        ``regions`` table, a ``features.catalog.regions.Regions``) and the country
        cap made explicit (None: no cap); raises on invalid values."""
        countries = [resolve_country(c) for c in self.countries]
        if self.regions:
            if regions is None:
                raise InvalidParameterError(
                    "region", "given with a loaded region table", self.regions
                )
            members = set().union(*(regions.countries(r) for r in self.regions))
            if countries and not members & set(countries):
                raise InvalidParameterError(
                    "region",
                    f"a region that contains one of the countries {countries}",
                    self.regions,
                )
            countries = sorted(members & set(countries) if countries else members)
        validate_params(self._parameter_constraints, vars(self))
        if self.sector is not None and self.sector not in sectors:
            raise UnknownSectorError(self.sector, sectors)
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
        cap = self.max_per_country
        if cap is None and len(set(countries)) != 1:
            cap = DEFAULT_MAX_PER_COUNTRY
        return Filters(
            countries=countries,
            regions=list(self.regions),
            level=self.level,
            sector=self.sector,
            min_population=self.min_population,
            max_population=self.max_population,
            include_existing=self.include_existing,
            max_per_country=cap or None,
            allow_same_place=self.allow_same_place,
            foreign_only=self.foreign_only,
            no_focus_coverage=self.no_focus_coverage,
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
        mask &= fs.strengths_known[:, fs.sectors.index(filters.sector)]
        mask &= np.nan_to_num(column, nan=0.0) >= SECTOR_THRESHOLD
    if filters.min_population is not None:
        mask &= np.nan_to_num(fs.population, nan=-1.0) >= filters.min_population
    if filters.max_population is not None:
        mask &= np.nan_to_num(fs.population, nan=np.inf) <= filters.max_population
    return mask


@dataclass(frozen=True)
class SectorNotice:
    """Why a sector filter left no candidate, and where data is.

    ``with_data``: candidates passing the other filters that have a known value in
    the sector (all below the threshold); ``closest``: up to three other sectors
    with strong candidates under the other filters, as (sector, count), the most
    similar first (cosine of the sectors' strength columns over the catalog).
    """

    sector: str
    with_data: int
    closest: tuple[tuple[str, int], ...]


def sector_notice(
    matcher: PartnerMatcher, query, filters: Filters, regions=None
) -> SectorNotice:
    """What the data holds when ``filters.sector`` leaves no candidate.

    The same query and filters as :func:`recommend`; counts are of candidates
    passing every filter but the sector.
    """
    fs = matcher.feature_set_
    filters = filters.validated(fs.sectors, regions)
    row = fs.find(query) if isinstance(query, str) else None
    country = str(fs.country[row]) if row is not None else query.country
    others = replace(filters, sector=None)
    mask = candidate_mask(matcher, row, country, others, frozenset())
    j = fs.sectors.index(filters.sector)
    strong = fs.strengths_known & (fs.strengths_or_zero >= SECTOR_THRESHOLD)
    counts = strong[mask].sum(axis=0)
    columns = fs.strengths_or_zero
    norms = np.linalg.norm(columns, axis=0)
    cosine = (columns.T @ columns[:, j]) / np.maximum(norms * norms[j], 1e-12)
    order = sorted(
        (k for k in range(len(fs.sectors)) if k != j and counts[k]),
        key=lambda k: (-cosine[k], -counts[k], fs.sectors[k]),
    )
    return SectorNotice(
        sector=filters.sector,
        with_data=int(fs.strengths_known[mask, j].sum()),
        closest=tuple((fs.sectors[k], int(counts[k])) for k in order[:3]),
    )


def _contradictory(filters: Filters, query_country: str) -> InvalidParameterError:
    """The error for hard filters that no candidate passes, naming them."""
    given = {
        name: getattr(filters, name)
        for name in (
            "countries",
            "regions",
            "level",
            "sector",
            "min_population",
            "max_population",
        )
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
    focus=None,
    regions=None,
    hidden_ties=(),
    explain_results: bool = True,
    demote=(),
) -> list[Recommendation]:
    """The top-``k`` candidates for ``query`` (a locality id or a Profile), explained.

    ``focus``: sector ids the cooperation is about (None: the declared needs; see
    ``PartnerMatcher.score_all``); ``regions``: the region table that expands
    ``filters.regions``; ``demote``: candidate ids an officer marked not useful:
    those among the top ``k`` go after the others (in score order), their scores
    unchanged, each with the flag ``demoted`` (other ids change nothing). Raises
    InvalidParameterError (``filters``) when no candidate passes the hard filters
    but the sector (e.g. a country filter naming
    the query's own country), UnknownSectorError (``focus``) for a focus outside
    the taxonomy. When only the sector filter leaves none, the answer is empty,
    not an error: :func:`sector_notice` says how many candidates have data and
    where data is.
    """
    validate_params(_RECOMMEND_CONSTRAINTS, {"k": k})
    fs = matcher.feature_set_
    filters = (filters or Filters()).validated(fs.sectors, regions)
    scored = matcher.score_all(query, hidden_ties=hidden_ties, focus=focus)
    country = (
        str(fs.country[scored.query_row])
        if scored.query_row is not None
        else query.country
    )
    mask = candidate_mask(matcher, scored.query_row, country, filters, scored.hidden)
    if not mask.any():
        if (
            filters.sector is None
            or not candidate_mask(
                matcher,
                scored.query_row,
                country,
                replace(filters, sector=None),
                scored.hidden,
            ).any()
        ):
            raise _contradictory(filters, country)
        return []
    same_place = None if filters.allow_same_place else same_place_of(fs)
    rows = best_rows(scored, mask, k, fs.country, filters.max_per_country, same_place)
    added: dict[int, str] = {}
    if not filters.no_focus_coverage:
        rows, added = cover_focus(
            fs, scored, mask, rows, filters.max_per_country, same_place
        )
    demoted = {str(i) for i in demote}
    if demoted:
        last = np.array([str(fs.ids[r]) in demoted for r in rows], dtype=bool)
        rows = np.concatenate([rows[~last], rows[last]])
    if not explain_results:
        return rows
    from matcher.explain import Explainer

    results = Explainer(matcher, scored).explain_rows(rows)
    covering = {str(fs.ids[r]): sector for r, sector in added.items()}
    for i, r in enumerate(results):
        extra = []
        if r.id in covering:
            extra.append(Flag(COVERS_FOCUS, _sector_facts(fs, covering[r.id])))
        if r.id in demoted:
            extra.append(Flag(DEMOTED))
        if extra:
            results[i] = replace(r, flags=(*r.flags, *extra))
    return results


def _sector_facts(fs, sector: str) -> dict:
    """A sector's id and labels, the parameters of a flag naming it."""
    labels = {s.id: s for s in fs.catalog.taxonomy.sectors} if fs.catalog else {}
    ((label_en, label_vi),) = sector_labels(labels, [sector])
    return {"sector": sector, "label_en": label_en, "label_vi": label_vi}


def best_rows(
    scored: ScoredCandidates, mask, k, countries, max_per_country=None, same_place=None
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
                candidates,
                scored.scores_of(candidates),
                k,
                countries,
                max_per_country,
                same_place,
            )
        cut = np.partition(approximate, len(candidates) - size)[-size]
        pool = candidates[approximate >= cut]
        exact = scored.scores_of(pool)
        chosen = top_rows_of(pool, exact, k, countries, max_per_country, same_place)
        if len(chosen) == k:
            last = exact[np.searchsorted(pool, chosen[-1])]
            if last >= float(cut) + bound:
                return chosen
        size *= 4


def top_rows(
    scores, mask, k, countries, max_per_country=None, same_place=None
) -> np.ndarray:
    """Rows of the best ``k`` masked scores (ties broken by row), with a country cap
    and, given a :class:`~matcher.variety.SamePlace`, one row per place."""
    candidates = np.flatnonzero(mask)
    return top_rows_of(
        candidates, scores[candidates], k, countries, max_per_country, same_place
    )


def top_rows_of(
    candidates, scores, k, countries, max_per_country=None, same_place=None
) -> np.ndarray:
    """``top_rows`` over ascending row indices ``candidates`` and their ``scores``.

    Greedy in score order: a row is skipped when its country is full or it is the
    same place as a row already chosen (each decision depends only on better rows).
    """
    plain = max_per_country is None and same_place is None
    if plain and len(candidates) > k:
        threshold = np.partition(scores, len(scores) - k)[-k]
        keep = scores >= threshold
        candidates, scores = candidates[keep], scores[keep]
    order = candidates[np.lexsort((candidates, -scores))]
    if plain:
        return order[:k]
    chosen, per_country = [], {}
    by_country: dict = {}
    for r in order:
        c = countries[r]
        if max_per_country is not None and per_country.get(c, 0) >= max_per_country:
            continue
        if same_place is not None and same_place.among(r, by_country.get(c, ())):
            continue
        per_country[c] = per_country.get(c, 0) + 1
        by_country.setdefault(c, []).append(r)
        chosen.append(r)
        if len(chosen) == k:
            break
    return np.array(chosen, dtype=np.int64)
