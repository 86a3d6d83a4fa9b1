"""Listwise learning to rank: the objective, its gradient, bounds and sampling."""

from __future__ import annotations

import numpy as np
import pytest

from matcher.facets import FACET_NAMES
from matcher.learning import (
    QueryMatrix,
    _listwise_loss,
    fit_listwise,
    query_matrices,
)

F = len(FACET_NAMES)


def _queries(seed: int, n_queries: int = 40, n_candidates: int = 37):
    """Synthetic lists where the partner is the candidate highest on facet 0."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_queries):
        values = rng.random((n_candidates, F)).astype(np.float32)
        target = int(np.argmax(values[:, 0] + 0.1 * rng.random(n_candidates)))
        out.append(QueryMatrix(values, target, np.ones(n_candidates)))
    return out


def test_gradient_matches_finite_differences():
    queries = _queries(0, n_queries=5)
    weights = np.full(len(queries), 1 / len(queries))
    w = np.random.default_rng(1).random(F)
    _, grad = _listwise_loss(w, queries, weights)
    eps = 1e-3
    for j in (0, 3, F - 1):
        step = np.zeros(F)
        step[j] = eps
        up, _ = _listwise_loss(w + step, queries, weights)
        down, _ = _listwise_loss(w - step, queries, weights)
        assert grad[j] == pytest.approx((up - down) / (2 * eps), rel=1e-2, abs=1e-4)


def test_fit_listwise_learns_the_informative_facet_within_bounds():
    lower = {FACET_NAMES[1]: 1.0}
    weights = fit_listwise([_queries(2)], lower=lower)
    assert list(weights) == list(FACET_NAMES)
    assert all(v >= 0 for v in weights.values())
    assert weights[FACET_NAMES[1]] >= 1.0 - 1e-9
    others = [v for k, v in weights.items() if k != FACET_NAMES[0]]
    assert weights[FACET_NAMES[0]] > 3 * max(others)


def test_importance_weights_stand_for_the_dropped_candidates():
    """A candidate kept with weight k scores like k identical copies of it."""
    rng = np.random.default_rng(3)
    values = rng.random((6, F)).astype(np.float32)
    copies = np.vstack([values, np.repeat(values[-1:], 3, axis=0)])
    w = rng.random(F)
    full, _ = _listwise_loss(w, [QueryMatrix(copies, 0, np.ones(9))], np.ones(1))
    weighted = np.array([1, 1, 1, 1, 1, 4.0])
    short, _ = _listwise_loss(w, [QueryMatrix(values, 0, weighted)], np.ones(1))
    assert short == pytest.approx(full, rel=1e-6)


def test_fit_listwise_needs_queries():
    with pytest.raises(ValueError, match="at least one"):
        fit_listwise([[]])


def test_query_matrices_hide_the_tie_and_put_the_partner_first(engine):
    fs = engine.feature_set
    tie = next(t for t in fs.ties if t.origin == "vn_dev")
    [query] = query_matrices(engine.matcher, [(tie.a_id, tie.b_id)])
    scored = engine.matcher.score_all(tie.a_id, hidden_ties=[(tie.a_id, tie.b_id)])
    expected = np.nan_to_num(scored.values[fs.row(tie.b_id)], nan=0.0)
    assert query.target == 0
    np.testing.assert_allclose(query.values[0], expected, rtol=1e-6)
    assert len(query.values) == len(query.negative_weight)
    [sampled] = query_matrices(
        engine.matcher, [(tie.a_id, tie.b_id)], sample=1000, hard=100
    )
    assert len(sampled.values) == 1 + 100 + 1000
    # the sampled candidates stand for all the others
    assert sampled.negative_weight.sum() == pytest.approx(query.negative_weight.sum())
