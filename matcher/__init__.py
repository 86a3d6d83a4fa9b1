"""Scoring, ranking, explanation and evaluation of partner candidates.

Public API: ``PartnerMatcher`` (the estimator), ``Profile`` (ad-hoc queries),
``recommend`` with ``Filters`` (and a ``focus``), ``explain`` and
``Recommendation`` (with its ``fit`` and ``feasibility`` subtotals), the facet
registry ``FACETS`` and its groups, weight files (``WeightSet``, ``load_weights``,
``save_weights``), learning (``pair_differences``, ``fit_weights``), evaluation
(``evaluate_pairs`` and friends) and ``load_engine``.
"""

import importlib

# eager: the function ``explain`` must shadow the submodule of the same name
from matcher.explain import Contribution, Evidence, Recommendation, explain

# Each name is imported from its module on first use (PEP 562), so a command that
# only ranks does not load learning and evaluation (scikit-learn's linear models).
_SOURCES = {
    "BASELINES": "matcher.evaluation",
    "Engine": "matcher.engine",
    "EvalPair": "matcher.evaluation",
    "EvaluationReport": "matcher.evaluation",
    "FACETS": "matcher.facets",
    "FACET_GROUPS": "matcher.facets",
    "FOCUS_EVIDENCE": "matcher.facets",
    "FACET_NAMES": "matcher.facets",
    "Facet": "matcher.facets",
    "Filters": "matcher.ranking",
    "MAX_K": "matcher.ranking",
    "PartnerMatcher": "matcher.model",
    "Profile": "matcher.model",
    "TieFact": "matcher.ties",
    "WeightSet": "matcher.weights",
    "evaluate_pairs": "matcher.evaluation",
    "fit_weights": "matcher.learning",
    "global_split": "matcher.evaluation",
    "load_engine": "matcher.engine",
    "load_weights": "matcher.weights",
    "pair_differences": "matcher.learning",
    "read_pairs": "matcher.evaluation",
    "recommend": "matcher.ranking",
    "resolve_pairs": "matcher.evaluation",
    "save_weights": "matcher.weights",
    "validate_weights": "matcher.weights",
}

__all__ = [
    "BASELINES",
    "Contribution",
    "Engine",
    "EvalPair",
    "EvaluationReport",
    "Evidence",
    "FACETS",
    "FACET_GROUPS",
    "FACET_NAMES",
    "FOCUS_EVIDENCE",
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


def __getattr__(name: str):
    """Import ``name`` from its module when first asked for."""
    if name not in _SOURCES:
        raise AttributeError(f"module 'matcher' has no attribute {name!r}")
    value = getattr(importlib.import_module(_SOURCES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
