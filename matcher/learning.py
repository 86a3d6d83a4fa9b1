"""Learning the facet weights from known ties: pairwise logistic regression.

For each known tie (scored with that tie hidden, as ranking sees a new pair) the
true partner is compared with negatives drawn from the same candidate pool the
ranking uses: some at random, some from the partner's own country, some among the
current model's top candidates (the hard ones). A logistic regression without
intercept on the facet differences learns weights that order partners above
non-partners. Each facet is oriented so that more is better, so weights must be
≥ 0: a facet whose coefficient comes out negative is dropped (weight 0) and the
model refitted until none is negative.
"""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression

from matcher.facets import FACET_NAMES
from matcher.model import PartnerMatcher
from matcher.ranking import Filters, candidate_mask

__all__ = ["pair_differences", "fit_weights"]


def pair_differences(
    matcher: PartnerMatcher,
    positives: list[tuple[str, str]],
    *,
    negatives: int = 30,
    max_positives: int = 1000,
    hard_pool: int = 200,
    seed: int = 0,
) -> np.ndarray:
    """Facet differences (partner − negative), NaN counted as 0: shape (m, n_facets)."""
    rng = np.random.default_rng(seed)
    fs = matcher.feature_set_
    usable = [
        (a, b) for a, b in positives if fs.country[fs.row(a)] != fs.country[fs.row(b)]
    ]
    chosen = sorted(rng.permutation(len(usable))[:max_positives])
    per_kind = max(negatives // 3, 1)
    out = []
    for i in chosen:
        a, b = usable[i]
        scored = matcher.score_all(a, hidden_ties=[(a, b)])
        mask = candidate_mask(
            matcher,
            scored.query_row,
            str(fs.country[scored.query_row]),
            Filters(),
            scored.hidden,
        )
        target = fs.row(b)
        mask[target] = False
        pool = np.flatnonzero(mask)
        if not len(pool):
            continue
        same = pool[fs.country[pool] == fs.country[target]]
        top = pool[np.argsort(-scored.scores[pool], kind="stable")[:hard_pool]]
        picks = [rng.choice(pool, min(per_kind, len(pool)), replace=False)]
        picks.append(rng.choice(top, min(per_kind, len(top)), replace=False))
        if len(same):
            picks.append(rng.choice(same, min(per_kind, len(same)), replace=False))
        values = np.nan_to_num(scored.values, nan=0.0)
        out.append(values[target] - values[np.concatenate(picks)])
    return np.vstack(out) if out else np.zeros((0, len(FACET_NAMES)))


MIN_SUPPORT = 0.05
PRIOR_WEIGHT = 1.0


def fit_weights(
    differences: list[np.ndarray],
    *,
    C: float = 1.0,
    balance: bool = True,
    min_support: float = MIN_SUPPORT,
) -> dict[str, float]:
    """Non-negative weights from one or more blocks of pair differences.

    With ``balance`` each block (e.g. the global network, the Vietnamese ties)
    carries the same total sample weight, whatever its size. A facet that differs
    in fewer than ``min_support`` of the pairs (its input is unknown nearly
    everywhere, e.g. declared needs) cannot be learned: it keeps the prior weight
    1.0 and is left out of the regression.
    """
    blocks = [d for d in differences if len(d)]
    X = np.vstack(blocks)
    support = (X != 0).mean(axis=0)
    learnable = support >= min_support
    sample_weight = np.concatenate(
        [
            np.full(len(d), len(X) / (len(blocks) * len(d)) if balance else 1.0)
            for d in blocks
        ]
    )
    XX = np.vstack([X, -X])
    yy = np.concatenate([np.ones(len(X)), np.zeros(len(X))])
    ww = np.concatenate([sample_weight, sample_weight])
    active = learnable.copy()
    coef = np.zeros(X.shape[1])
    for _ in range(X.shape[1]):
        model = LogisticRegression(fit_intercept=False, C=C, max_iter=5000)
        model.fit(XX[:, active], yy, sample_weight=ww)
        coef = np.zeros(X.shape[1])
        coef[active] = model.coef_[0]
        if not (coef < 0).any():
            break
        active &= coef >= 0
    coef = np.clip(coef, 0.0, None)
    coef[~learnable] = PRIOR_WEIGHT
    return {name: round(float(w), 6) for name, w in zip(FACET_NAMES, coef, strict=True)}
