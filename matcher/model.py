"""``PartnerMatcher``: the scikit-learn-style estimator that scores and ranks partners.

Its parameters are the facet weights (``get_params()`` is the weight table an
analyst edits); ``fit`` learns the tie network of a ``FeatureSet``. A candidate's
score is ``sum(weight[f] * value[f])`` over its known facets — the explanation
reads the very same numbers. Facet values do not depend on the weights: those of
catalog queries are cached on the fitted matcher, at float32 precision.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import ClassVar

import numpy as np

from features.catalog.loading import LEVELS
from features.errors import (
    InvalidParameterError,
    UnknownLocalityError,
    UnknownSectorError,
)
from features.params import Estimator
from matcher.context import QueryContext
from matcher.facet_cache import FACET_CACHE_SIZE, FacetCache, FacetTable
from matcher.facets import FACET_NAMES, FACETS, WEIGHT_CONSTRAINT, compute_facets
from matcher.network import TieNetwork

__all__ = [
    "PartnerMatcher",
    "Profile",
    "ScoredCandidates",
    "FacetTable",
    "FacetCache",
    "FACET_CACHE_SIZE",
    "FIT_COLUMNS",
]

# Positions of the fit facets in ``FACETS`` (the others are feasibility).
FIT_COLUMNS: tuple[int, ...] = tuple(
    j for j, f in enumerate(FACETS) if f.group == "fit"
)


@dataclass
class Profile:
    """An ad-hoc query: a locality's own statement, not (or not only) in the catalog.

    Sector vectors follow the taxonomy's order; ``NaN`` marks an unknown sector.
    ``focus``: the sector ids the cooperation is about (None: the declared needs).
    """

    strengths: np.ndarray
    needs: np.ndarray
    country: str = "VN"
    level: str = "admin1"
    text: np.ndarray | None = None
    population: int | None = None
    lat: float | None = None
    lon: float | None = None
    locality_id: str | None = None
    focus: tuple[str, ...] | None = None


def _fit_mask(n_facets: int) -> np.ndarray:
    """Which of ``n_facets`` columns are fit facets (none for another width)."""
    mask = np.zeros(n_facets, dtype=bool)
    if n_facets == len(FACETS):
        mask[list(FIT_COLUMNS)] = True
    return mask


def _column_sum(parts: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """The sum of ``columns`` of ``parts``, added column by column (0 for none)."""
    total = np.zeros(parts.shape[0])
    for j in columns:
        total += parts[:, j]
    return total


def _subtotals(parts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(fit, feasibility) subtotals of each row, facet by facet in facet order."""
    fit = _fit_mask(parts.shape[1])
    return (
        _column_sum(parts, np.flatnonzero(fit)),
        _column_sum(parts, np.flatnonzero(~fit)),
    )


def _row_sums(parts: np.ndarray) -> np.ndarray:
    """Row totals as fit + feasibility, each added facet by facet: any subset of rows
    sums bit-identically, and a score is exactly the sum of its two subtotals."""
    fit, feasibility = _subtotals(parts)
    return fit + feasibility


@dataclass
class ScoredCandidates:
    """Facet values, contributions and scores of every candidate for one query.

    The exact numbers (float64 ``weight × value`` summed in facet order) come from
    one code path, for all rows (``values``, ``contributions``, ``scores``) or for
    a few (``*_of(rows)``); ``approximate_scores`` only shortlists.
    """

    table: FacetTable
    weights: np.ndarray
    query_row: int | None
    hidden: frozenset
    query_id: str | None
    query_strengths: np.ndarray
    query_needs: np.ndarray
    focus: tuple[str, ...] = ()
    focus_given: bool = False
    # where the query lies (NaN: unknown), for distances in explanations
    query_lat: float = float("nan")
    query_lon: float = float("nan")

    def values_of(self, rows) -> np.ndarray:
        """Facet values of ``rows``: (len(rows), n_facets) float64, NaN unknown."""
        values = self.table.values[rows].astype(np.float64)
        values[~self.table.known_of(rows)] = np.nan
        return values

    def contributions_of(self, rows) -> np.ndarray:
        """``weight × value`` of ``rows`` (0 where unknown): (len(rows), n_facets)."""
        values = self.table.values[rows].astype(np.float64)
        return np.where(self.table.known_of(rows), values * self.weights, 0.0)

    def scores_of(self, rows) -> np.ndarray:
        """Scores of ``rows``: the sums of their contributions."""
        return _row_sums(self.contributions_of(rows))

    def subtotals_of(self, rows) -> tuple[np.ndarray, np.ndarray]:
        """(fit, feasibility) subtotals of ``rows``; they add up to ``scores_of``."""
        return _subtotals(self.contributions_of(rows))

    @cached_property
    def values(self) -> np.ndarray:
        return self.values_of(slice(None))

    @cached_property
    def contributions(self) -> np.ndarray:
        return self.contributions_of(slice(None))

    @cached_property
    def scores(self) -> np.ndarray:
        return _row_sums(self.contributions)

    def approximate_scores(self) -> np.ndarray:
        """Scores from one float32 matvec, within ``approximation_bound`` of exact
        (made once: the shortlist and the focus coverage both read them).

        Single-threaded (einsum, not BLAS): on busy cores a request must not wait
        for BLAS threads.
        """
        found = self.__dict__.get("_approximate")
        if found is None:
            found = self.__dict__["_approximate"] = np.einsum(
                "ij,j->i", self.table.values, self.weights.astype(np.float32)
            )
        return found

    @property
    def approximation_bound(self) -> float:
        """A bound on |approximate − exact score| (float32 dot-product error, × 2)."""
        n = len(self.weights)
        scale = float(self.weights.sum()) * self.table.value_max
        return 2 * (n + 2) * float(np.finfo(np.float32).eps) * scale


class PartnerMatcher(Estimator):
    """Score foreign candidates for a locality as a weighted sum of named facets.

    Every parameter is a facet weight (finite, ≥ 0); see ``matcher.facets.FACETS``
    for what each facet measures.
    """

    def __init__(
        self,
        *,
        needs_met: float = 1.0,
        needs_offered: float = 1.0,
        shared_strengths: float = 1.0,
        shared_needs: float = 1.0,
        text_similarity: float = 1.0,
        focus_text: float = 1.0,
        size_similarity: float = 1.0,
        prominence: float = 1.0,
        level_match: float = 1.0,
        proximity: float = 1.0,
        nearby: float = 1.0,
        border: float = 1.0,
        coastal_match: float = 1.0,
        country_affinity: float = 1.0,
        country_ties: float = 1.0,
        partners_of_partners: float = 1.0,
        popularity: float = 1.0,
        follow_through: float = 1.0,
        cooperation_record: float = 1.0,
        proven_fit: float = 1.0,
        fit_unknown: float = 1.0,
    ) -> None:
        self.needs_met = needs_met
        self.needs_offered = needs_offered
        self.shared_strengths = shared_strengths
        self.shared_needs = shared_needs
        self.text_similarity = text_similarity
        self.focus_text = focus_text
        self.size_similarity = size_similarity
        self.prominence = prominence
        self.level_match = level_match
        self.proximity = proximity
        self.nearby = nearby
        self.border = border
        self.coastal_match = coastal_match
        self.country_affinity = country_affinity
        self.country_ties = country_ties
        self.partners_of_partners = partners_of_partners
        self.popularity = popularity
        self.follow_through = follow_through
        self.cooperation_record = cooperation_record
        self.proven_fit = proven_fit
        self.fit_unknown = fit_unknown

    # -- the estimator contract -------------------------------------------------

    _parameter_constraints: ClassVar[dict] = {
        name: [WEIGHT_CONSTRAINT] for name in FACET_NAMES
    }

    def fit(self, X, y=None) -> PartnerMatcher:
        """Learn the tie network of the FeatureSet ``X``; returns self."""
        self._validate_params()
        if not hasattr(X, "strengths") or not hasattr(X, "ties"):
            raise InvalidParameterError("X", "a features.FeatureSet", type(X).__name__)
        self.feature_set_ = X
        self.network_ = TieNetwork(X)
        self.n_candidates_ = len(X)
        self.facet_cache_ = FacetCache()
        return self

    def with_weights(self, weights: Mapping[str, float]) -> PartnerMatcher:
        """A fitted copy with other weights sharing the fitted state and facet cache."""
        self._check_is_fitted()
        other = type(self)(**weights)
        other._validate_params()
        other.feature_set_ = self.feature_set_
        other.network_ = self.network_
        other.n_candidates_ = self.n_candidates_
        cache = getattr(self, "facet_cache_", None)
        other.facet_cache_ = cache if cache is not None else FacetCache()
        return other

    def warm(self, locality_ids: Iterable[str]) -> PartnerMatcher:
        """Compute and cache the facet values of these catalog queries; returns self.

        For a service's start-up (the 34 Vietnamese units), so that no user waits
        for a first query. Beyond ``FACET_CACHE_SIZE`` ids the earliest are dropped.
        """
        self._check_is_fitted()
        for locality_id in locality_ids:
            self._table(locality_id, self._context(locality_id, frozenset()))
        return self

    @property
    def weights_(self) -> np.ndarray:
        """The weights in facet order (checked by ``fit`` and ``with_weights``)."""
        return np.array([float(getattr(self, name)) for name in FACET_NAMES])

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "network_")

    # -- scoring ---------------------------------------------------------------

    def focus_vector(self, focus) -> tuple[tuple[str, ...], np.ndarray | None]:
        """The focus as (sector ids in taxonomy order, demand vector); an empty or
        None focus is (``()``, None): the declared needs are the focus.

        Raises UnknownSectorError (field ``focus``) naming the valid sector ids.
        """
        sectors = tuple(self.feature_set_.sectors)
        if not focus:
            return (), None
        if isinstance(focus, str):
            focus = [focus]
        vector = np.zeros(len(sectors))
        for sector in focus:
            if sector not in sectors:
                raise UnknownSectorError(str(sector), sectors, field="focus")
            vector[sectors.index(sector)] = 1.0
        return tuple(s for s, v in zip(sectors, vector, strict=True) if v), vector

    def _context(self, query, hidden: frozenset, focus=None) -> QueryContext:
        fs = self.feature_set_
        if isinstance(query, Profile):
            row = fs.find(query.locality_id)
            return QueryContext(
                fs=fs,
                strengths=np.asarray(query.strengths, dtype=float),
                needs=np.asarray(query.needs, dtype=float),
                text=query.text,
                country=query.country,
                level=LEVELS.index(query.level),
                log_population=math.log10(query.population)
                if query.population
                else np.nan,
                lat=query.lat if query.lat is not None else np.nan,
                lon=query.lon if query.lon is not None else np.nan,
                graph=self.network_,
                row=row,
                hidden=hidden,
                focus=focus,
            )
        try:
            row = fs.row(query)
        except KeyError:
            raise UnknownLocalityError(str(query)) from None
        return QueryContext(
            fs=fs,
            strengths=fs.strengths[row],
            needs=fs.needs[row],
            text=fs.text[row] if fs.text_known[row] else None,
            country=str(fs.country[row]),
            level=int(fs.level[row]),
            log_population=float(fs.log_population[row]),
            lat=float(fs.lat[row]),
            lon=float(fs.lon[row]),
            graph=self.network_,
            row=row,
            hidden=hidden,
            focus=focus,
        )

    def _table(self, query, ctx: QueryContext, focus: tuple = ()) -> FacetTable:
        """The query's facet table: cached for plain catalog queries, else computed.

        Catalog queries are cached by (row, focus); queries with hidden ties or
        given as a Profile are computed afresh.
        """
        cache = getattr(self, "facet_cache_", None)
        if cache is None or ctx.hidden or isinstance(query, Profile):
            return FacetTable.from_values(compute_facets(ctx))
        key = (ctx.row, focus) if focus else ctx.row
        table = cache.get(key)
        if table is None:
            table = FacetTable.from_values(compute_facets(ctx))
            cache.put(key, table)
        return table

    def score_all(self, query, *, hidden_ties=(), focus=None) -> ScoredCandidates:
        """Facet values, contributions and scores of every candidate for ``query``.

        ``query`` is a locality id or a :class:`Profile`; ``hidden_ties`` are
        (id, id) pairs treated as unknown (for evaluation); ``focus``: the sector
        ids the cooperation is about (None or empty: a Profile's ``focus``, else
        the query's declared needs). The fit facets read the focus both ways: the
        candidate strong in a focus sector, or needing it where the query is
        strong. Facet values are held at float32 precision, cached or not, so both
        give the same scores.
        """
        self._check_is_fitted()
        weights = self.weights_
        fs = self.feature_set_
        if not focus and isinstance(query, Profile):
            focus = query.focus
        focus_ids, vector = self.focus_vector(focus)
        hidden = frozenset(
            (min(a, b), max(a, b)) for a, b in (fs.rows(pair) for pair in hidden_ties)
        )
        ctx = self._context(query, hidden, vector)
        query_id = str(fs.ids[ctx.row]) if ctx.row is not None else query.locality_id
        if not focus_ids:
            focus_ids = tuple(
                s for s, v in zip(fs.sectors, ctx.demand, strict=True) if v > 0
            )
        return ScoredCandidates(
            table=self._table(query, ctx, focus_ids if vector is not None else ()),
            weights=weights,
            query_row=ctx.row,
            hidden=hidden,
            query_id=query_id,
            query_strengths=ctx.strengths,
            query_needs=ctx.needs,
            focus=focus_ids,
            focus_given=vector is not None,
            query_lat=float(ctx.lat),
            query_lon=float(ctx.lon),
        )

    def score_pair(
        self, query, candidate_id: str, *, hidden_ties=(), focus=None
    ) -> float:
        """The score of one candidate (the same number the ranking uses)."""
        scored = self.score_all(query, hidden_ties=hidden_ties, focus=focus)
        return float(scored.scores_of([self.feature_set_.row(candidate_id)])[0])
