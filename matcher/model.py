"""``PartnerMatcher``: the scikit-learn-style estimator that scores and ranks partners.

Its parameters are the facet weights (``get_params()`` is the weight table an
analyst edits); ``fit`` learns the tie network of a ``FeatureSet``. A candidate's
score is ``sum(weight[f] * value[f])`` over its known facets — the explanation
reads the very same numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from features.errors import InvalidParameterError, UnknownLocalityError
from matcher.facets import FACET_NAMES, QueryContext, compute_facets
from matcher.network import TieNetwork

__all__ = ["PartnerMatcher", "Profile", "ScoredCandidates"]


@dataclass
class Profile:
    """An ad-hoc query: a locality's own statement, not (or not only) in the catalog.

    Sector vectors follow the taxonomy's order; ``NaN`` marks an unknown sector.
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


@dataclass
class ScoredCandidates:
    """Facet values and contributions for every candidate of one query."""

    values: np.ndarray
    contributions: np.ndarray
    scores: np.ndarray
    query_row: int | None
    hidden: frozenset


class PartnerMatcher(BaseEstimator):
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
        size_similarity: float = 1.0,
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
    ) -> None:
        self.needs_met = needs_met
        self.needs_offered = needs_offered
        self.shared_strengths = shared_strengths
        self.shared_needs = shared_needs
        self.text_similarity = text_similarity
        self.size_similarity = size_similarity
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

    # -- the estimator contract -------------------------------------------------

    def _validate_weights(self) -> np.ndarray:
        weights = []
        for name in FACET_NAMES:
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, int | float | np.floating | np.integer)
                or not math.isfinite(float(value))
                or float(value) < 0
            ):
                raise InvalidParameterError(name, "a finite number ≥ 0", value)
            weights.append(float(value))
        return np.array(weights)

    def fit(self, X, y=None) -> PartnerMatcher:
        """Learn the tie network of the FeatureSet ``X``; returns self."""
        self._validate_weights()
        if not hasattr(X, "strengths") or not hasattr(X, "ties"):
            raise InvalidParameterError("X", "a features.FeatureSet", type(X).__name__)
        self.feature_set_ = X
        self.network_ = TieNetwork(X)
        self.n_candidates_ = len(X)
        return self

    @property
    def weights_(self) -> np.ndarray:
        """The weights in facet order (validated)."""
        return self._validate_weights()

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self, "network_")

    # -- scoring ---------------------------------------------------------------

    def _context(self, query, hidden: frozenset) -> QueryContext:
        fs = self.feature_set_
        if isinstance(query, Profile):
            row = fs.find(query.locality_id)
            return QueryContext(
                fs=fs,
                strengths=np.asarray(query.strengths, dtype=float),
                needs=np.asarray(query.needs, dtype=float),
                text=query.text,
                country=query.country,
                level=("admin1", "admin2", "city").index(query.level),
                log_population=math.log10(query.population)
                if query.population
                else np.nan,
                lat=query.lat if query.lat is not None else np.nan,
                lon=query.lon if query.lon is not None else np.nan,
                graph=self.network_,
                row=row,
                hidden=hidden,
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
        )

    def score_all(self, query, *, hidden_ties=()) -> ScoredCandidates:
        """Facet values, contributions and scores of every candidate for ``query``.

        ``query`` is a locality id or a :class:`Profile`; ``hidden_ties`` are
        (id, id) pairs treated as unknown (for evaluation).
        """
        check_is_fitted(self)
        weights = self.weights_
        fs = self.feature_set_
        hidden = frozenset(
            (min(a, b), max(a, b)) for a, b in (fs.rows(pair) for pair in hidden_ties)
        )
        ctx = self._context(query, hidden)
        values = compute_facets(ctx)
        contributions = np.nan_to_num(values * weights[None, :], nan=0.0)
        return ScoredCandidates(
            values=values,
            contributions=contributions,
            scores=contributions.sum(axis=1),
            query_row=ctx.row,
            hidden=hidden,
        )

    def score_pair(self, query, candidate_id: str, *, hidden_ties=()) -> float:
        """The score of one candidate (the same number the ranking uses)."""
        scored = self.score_all(query, hidden_ties=hidden_ties)
        return float(scored.scores[self.feature_set_.row(candidate_id)])
