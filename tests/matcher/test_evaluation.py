"""The evaluation harness: metrics, baselines, hiding, and the ablation."""

from __future__ import annotations

import numpy as np
import pytest

from features.errors import CatalogError
from matcher.evaluation import (
    EvalPair,
    evaluate_pairs,
    metrics_from_ranks,
    read_pairs,
    resolve_pairs,
)


def test_metrics_from_ranks_by_hand():
    m = metrics_from_ranks([1, 4, 30, None], 4)
    assert m["recall@10"] == 0.5 and m["recall@50"] == 0.75
    assert m["mrr"] == pytest.approx((1 + 0.25 + 1 / 30) / 4, abs=1e-4)
    assert m["resolved"] == 0.75


@pytest.fixture(scope="module")
def vn_pairs(engine):
    """The catalog's own linked Vietnamese ties (committed; no ../shared needed)."""
    return [
        EvalPair(
            t.a_id, t.b_id, engine.catalog.get(t.b_id).country, f"{t.a_id}-{t.b_id}"
        )
        for t in engine.catalog.ties
        if t.origin == "vn_dev"
    ][::3]


def test_model_beats_the_shuffled_ablation_and_random(engine, vn_pairs):
    report = evaluate_pairs(engine.matcher, vn_pairs)
    assert report.model["mrr"] > 3 * report.baselines["shuffled_features"]["mrr"]
    assert report.model["mrr"] > 3 * report.baselines["random"]["mrr"]
    assert set(report.baselines) == {
        "random",
        "popularity",
        "country_prior",
        "distance",
        "text_similarity",
        "shuffled_features",
    }
    for metrics in (report.model, *report.baselines.values()):
        assert {
            "recall@10",
            "recall@20",
            "recall@50",
            "mrr",
            "ndcg@10",
            "resolved",
        } <= set(metrics)


def test_read_pairs_names_missing_columns(tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text("vn_province_2025,foreign_locality\nHuế,Namur\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="country"):
        read_pairs(path)
    path.write_text(
        "vn_province_2025,foreign_locality,country\nHuế,,Belgium\n", encoding="utf-8"
    )
    with pytest.raises(CatalogError, match="row 2, field 'foreign_locality'"):
        read_pairs(path)


def test_unresolvable_pairs_are_listed_and_count_as_misses(engine, tmp_path):
    path = tmp_path / "pairs.csv"
    path.write_text(
        "vn_province_2025,foreign_locality,country\nQuảng Nam,Wernigerode,Germany\n"
        "Huế,Zzyzxqwv,Belgium\n",
        encoding="utf-8",
    )
    pairs, unresolved = resolve_pairs(read_pairs(path), engine.resolver)
    assert [p.query for p in pairs] == ["vn:48"]
    assert unresolved and unresolved[0]["row"] == 3
    report = evaluate_pairs(engine.matcher, pairs, unresolved=unresolved)
    assert report.model["resolved"] == 0.5 and report.n_pairs == 2


def test_cross_validation_never_learns_from_the_fold_it_ranks(
    engine, vn_pairs, monkeypatch
):
    """Each fold's weights see only the other folds' ties (counted per fold)."""
    import matcher.training as training
    from matcher.evaluation import cross_validated_evaluation

    pairs = vn_pairs[:12]
    seen: list[int] = []

    def fit(queries, background=(), **kwargs):
        seen.append(len(queries))
        return engine.matcher.get_params()

    monkeypatch.setattr(training, "fit_from_queries", fit)
    monkeypatch.setattr(training, "vietnam_positives", lambda fs: [])
    report = cross_validated_evaluation(engine.matcher, pairs, folds=3, seed=0)
    assignment = np.random.default_rng(0).permutation(len(pairs)) % 3
    assert seen == [int((assignment != f).sum()) for f in range(3)]
    assert report.n_pairs == len(pairs)
    assert {"recall@20", "mrr"} <= set(report.model)


def test_global_held_out_evaluation_names_a_bad_learner(engine):
    from features.errors import InvalidParameterError
    from matcher.evaluation import global_held_out_evaluation

    with pytest.raises(InvalidParameterError, match="learner"):
        global_held_out_evaluation(engine.feature_set, learner="boosting")
