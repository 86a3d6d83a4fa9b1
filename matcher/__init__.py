"""Scoring, ranking, explanation and evaluation of partner candidates.

Public API: ``PartnerMatcher`` (the estimator), ``Profile`` (ad-hoc queries),
``recommend`` with ``Filters``, ``explain`` and ``Recommendation``, the facet
registry ``FACETS``, weight files (``WeightSet``, ``load_weights``,
``save_weights``), learning (``pair_differences``, ``fit_weights``), evaluation
(``evaluate_pairs`` and friends) and ``load_engine``.
"""

from matcher.engine import Engine, load_engine
from matcher.evaluation import (
    BASELINES,
    EvalPair,
    EvaluationReport,
    evaluate_pairs,
    global_split,
    read_pairs,
    resolve_pairs,
)
from matcher.explain import Contribution, Evidence, Recommendation, explain
from matcher.facets import FACET_NAMES, FACETS, Facet
from matcher.learning import fit_weights, pair_differences
from matcher.model import PartnerMatcher, Profile
from matcher.ranking import MAX_K, Filters, recommend
from matcher.ties import TieFact
from matcher.weights import WeightSet, load_weights, save_weights, validate_weights

__all__ = [
    "BASELINES",
    "Contribution",
    "Engine",
    "EvalPair",
    "EvaluationReport",
    "Evidence",
    "FACETS",
    "FACET_NAMES",
    "Facet",
    "Filters",
    "MAX_K",
    "PartnerMatcher",
    "Profile",
    "Recommendation",
    "TieFact",
    "WeightSet",
    "evaluate_pairs",
    "explain",
    "fit_weights",
    "global_split",
    "load_engine",
    "load_weights",
    "pair_differences",
    "read_pairs",
    "recommend",
    "resolve_pairs",
    "save_weights",
    "validate_weights",
]
