"""The weight-fitting procedure behind the shipped weights, in one place."""

from __future__ import annotations

import subprocess
from importlib.metadata import version
from pathlib import Path

from matcher.evaluation import clone_fitted
from matcher.learning import QueryMatrix, fit_listwise, query_matrices
from matcher.model import PartnerMatcher
from matcher.weights import WeightSet

__all__ = [
    "global_positives",
    "vietnam_positives",
    "fit_from_queries",
    "project_queries",
    "learn_weight_set",
    "TRAINING_SAMPLE",
    "code_version",
    "RECIPROCITY_FACETS",
    "RECIPROCITY_FLOOR",
    "PROVEN_FIT_FLOOR",
    "WEIGHT_FLOORS",
]

# Known ties are mostly ceremonial twinning (~70 % of agreements never go past
# visits), so they are no label for "meets concrete needs"; the product keeps the
# reciprocity facets at least at this weight by design, whatever the fit says.
RECIPROCITY_FACETS = ("needs_met", "needs_offered")
RECIPROCITY_FLOOR = 1.0
# Fit first: a candidate that serves no focus sector outranks one that serves some
# only when the rest of its score is higher by more than this (a third of one
# strong feasibility facet: country affinity, nearby ≈ 3 × value). Neither the ties
# nor the projects ask for it (both learn ≈ 0: known partners are often chosen for
# other reasons); it is the product's rule, as the reciprocity floor is. Chosen on
# the dev ties and the cards (README): of 0.75, 1, 1.5, it is the one that keeps
# top-10 cards serving no focus sector ≤ 10 % and tie Recall@20 (5-fold) ≥ 0.161,
# each with a margin.
PROVEN_FIT_FLOOR = 1.0
# The lower bounds of the learned weights (the others: 0).
WEIGHT_FLOORS = {
    **{facet: RECIPROCITY_FLOOR for facet in RECIPROCITY_FACETS},
    "proven_fit": PROVEN_FIT_FLOOR,
}
# Each training query keeps its 500 best candidates under uniform weights and 3,000
# random others standing for the rest (the full lists give the same weights).
TRAINING_SAMPLE = {"sample": 3000, "hard": 500}


def fit_from_queries(
    queries: list[QueryMatrix],
    background: list[QueryMatrix] = (),
    *,
    background_weight: float = 0.25,
) -> dict[str, float]:
    """Listwise weights from training queries, ``WEIGHT_FLOORS`` held as floors.

    ``background`` queries (e.g. the global network) carry ``background_weight``
    of the objective, the main ``queries`` the rest.
    """
    lower = WEIGHT_FLOORS
    if background:
        return fit_listwise(
            [list(queries), list(background)],
            block_weights=[1.0 - background_weight, background_weight],
            lower=lower,
        )
    return fit_listwise([list(queries)], lower=lower)


def global_positives(fs) -> list[tuple[str, str]]:
    """International ties of the global network without a Vietnamese side, both ways."""
    pairs = [
        (t.a_id, t.b_id)
        for t in fs.ties
        if t.origin in ("hekman", "wikidata")
        and not t.a_id.startswith("vn:")
        and not t.b_id.startswith("vn:")
    ]
    return pairs + [(b, a) for a, b in pairs]


def vietnam_positives(fs) -> list[tuple[str, str]]:
    """Vietnamese ties, province first."""
    return [(t.a_id, t.b_id) for t in fs.ties if t.a_id.startswith("vn:")]


def code_version() -> str:
    """Package version plus the git commit of the checkout, where there is one."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=Path(__file__).parent,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return f"partner-match {version('partner-match')}" + (
        f" ({commit})" if commit else ""
    )


def project_queries(matcher: PartnerMatcher, cases: list, *, seed: int = 0):
    """Training queries of cooperation projects: each partner among the candidates
    of its country, asked with the project's sectors as the focus, its own tie
    hidden (``matcher.project_evaluation.ProjectCase``; pass only tuning cases)."""
    from matcher.project_evaluation import focus_query

    return query_matrices(
        matcher,
        [(c.province, c.partner) for c in cases],
        focus=[focus_query(matcher, c.province, c.focus) for c in cases],
        within_country=True,
        seed=seed,
        **TRAINING_SAMPLE,
    )


def learn_weight_set(
    matcher: PartnerMatcher,
    *,
    use_global: bool = False,
    max_global: int = 800,
    global_weight: float = 0.25,
    projects: list | None = None,
    project_weight: float = 0.5,
    seed: int = 0,
    data_manifest: dict | None = None,
    version_label: str = "learned-2",
) -> tuple[WeightSet, list[QueryMatrix]]:
    """Fit weights on the Vietnamese ties (with ``use_global``, the global network too).

    Listwise learning to rank: for each known tie, scored with that tie hidden, the
    weights maximise the softmax probability of the true partner among all the
    candidates a query would see (``matcher.learning.fit_listwise``), weights ≥ 0.
    ``projects`` (``matcher.project_evaluation.ProjectCase``; never the held-out
    ones) add one query per cooperation project — its partner among the candidates
    of its country, asked with the project's sectors as the focus — carrying
    ``project_weight`` of the objective: the ties say what is likely, the projects
    what fits. The global network is off by default (its city-to-city patterns
    transfer badly to Vietnamese provinces); it still feeds the network facets.
    Returns the weight set and the global training queries (empty without
    ``use_global``).
    """
    base = clone_fitted(matcher, PartnerMatcher().get_params())
    fs = matcher.feature_set_
    global_queries = (
        query_matrices(
            base,
            global_positives(fs),
            max_positives=max_global,
            seed=seed,
            **TRAINING_SAMPLE,
        )
        if use_global
        else []
    )
    vn = sorted(set(vietnam_positives(fs)))
    vn_queries = query_matrices(base, vn, seed=seed, **TRAINING_SAMPLE)
    blocks, shares = [vn_queries], [1.0]
    if projects:
        blocks, shares = (
            [vn_queries, project_queries(base, projects, seed=seed)],
            [1 - project_weight, project_weight],
        )
    if global_queries:
        shares = [x * (1 - global_weight) for x in shares] + [global_weight]
        blocks.append(global_queries)
    weights = fit_listwise(
        blocks,
        block_weights=shares,
        lower=WEIGHT_FLOORS,
    )
    manifest = data_manifest or {}
    weight_set = WeightSet(
        weights=weights,
        version=version_label,
        trained_on={
            "global_positives": len(global_queries),
            "vietnam_positives": len(vn_queries),
            "project_cases": len(blocks[1]) if projects else 0,
            "project_weight": project_weight if projects else 0.0,
            "seed": seed,
            "catalog_inputs": manifest.get("inputs", {}),
            "catalog_counts": manifest.get("counts", {}).get("ties", {}),
        },
        code_version=code_version(),
        note=(
            "Listwise learning to rank: weights ≥ 0 maximising the softmax "
            "probability of each known tie's true partner among all candidates "
            "(tie hidden; 500 best under uniform weights plus 3,000 sampled others "
            "per tie), L2 1e-3, by L-BFGS-B; needs_met and needs_offered are held "
            "at ≥ 1 by design (known ties are mostly ceremonial, no label for "
            "meeting concrete needs) and proven_fit at ≥ 1 (fit first: a candidate "
            "serving no focus sector outranks proven fit only on a much higher "
            "rest of its score). "
            + (
                f"Cooperation projects ({len(blocks[1])}, each ranked in its "
                "partner's country with its sectors as the focus) carry "
                f"{project_weight:.0%} of the objective. "
                if projects
                else ""
            )
            + (
                f"Global network queries carry {global_weight:.0%} of the objective."
                if use_global
                else "Trained on the Vietnamese ties; the global network feeds the "
                "network facets only."
            )
        ),
    )
    return weight_set, global_queries
