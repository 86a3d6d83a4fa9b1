"""Checking weights before they ship: bootstrap, the tie sweep, the gate, feedback."""

from __future__ import annotations

import json

import numpy as np
import pytest

from features.errors import CatalogError, InvalidParameterError
from matcher import EvalPair, evaluate_pairs, recommend
from matcher.evaluation import TieCase
from matcher.project_evaluation import ProjectCase, evaluate_projects
from matcher.validation import (
    PROJECT_GATE_METRICS,
    TIE_GATE_METRICS,
    ExportRefusedError,
    FeedbackMark,
    TieSweep,
    bootstrap,
    export_gate,
    feedback_shift,
    fold_of,
    held_out_check,
    project_case_metrics,
    project_cases,
    read_feedback,
    tie_metrics,
)


def mean(cases):
    return {"mean": float(np.mean(cases))}


def test_bootstrap_is_the_percentile_interval_of_resampled_cases():
    """Brute force: the same seeded draws, the statistic, the percentiles."""
    cases = [0.0, 1.0, 1.0, 0.0, 1.0, 0.5, 0.25]
    found = bootstrap(cases, mean, n_resamples=200, seed=3)["mean"]
    draws = np.random.default_rng(3).integers(0, len(cases), size=(200, len(cases)))
    samples = [np.mean([cases[j] for j in row]) for row in draws]
    low, high = np.percentile(samples, [2.5, 97.5])
    assert (found.value, found.low, found.high) == (np.mean(cases), low, high)
    assert found.low <= found.value <= found.high
    assert bootstrap(cases, mean, n_resamples=200, seed=3)["mean"] == found
    assert bootstrap(cases, mean, n_resamples=200, seed=4)["mean"] != found


def test_bootstrap_names_bad_parameters():
    with pytest.raises(InvalidParameterError, match="n_resamples"):
        bootstrap([1.0], mean, n_resamples=0)
    with pytest.raises(InvalidParameterError, match="level"):
        bootstrap([1.0], mean, level=1.0)
    with pytest.raises(InvalidParameterError, match="cases"):
        bootstrap([], mean)


def test_folds_are_seeded_and_balanced():
    folds = fold_of(10, 3, seed=0)
    assert sorted(np.bincount(folds)) == [3, 3, 4]
    assert (folds == fold_of(10, 3, seed=0)).all()
    with pytest.raises(InvalidParameterError, match="folds"):
        fold_of(10, 1)


@pytest.fixture(scope="module")
def pairs(engine):
    catalog = engine.catalog
    ties = [t for t in catalog.ties if t.origin == "vn_dev"][::20]
    return [EvalPair(t.a_id, t.b_id, catalog.get(t.b_id).country, "") for t in ties]


@pytest.fixture(scope="module")
def report(engine, pairs):
    return evaluate_pairs(engine.matcher, pairs, seed=0)


def test_tie_cases_give_back_the_reports_model_metrics(engine, report, pairs):
    assert len(report.cases) == len(pairs) == report.n_pairs
    again = tie_metrics(len(engine.feature_set))(report.cases)
    for metric, value in report.model.items():
        # the report rounds countries@20 to 2 decimals, the others to 4 or 5
        tolerance = 5e-3 if metric == "countries@20" else 1e-4
        assert again[metric] == pytest.approx(value, abs=tolerance), metric
    found = bootstrap(report.cases, tie_metrics(len(engine.feature_set)), seed=0)
    assert set(found) == set(report.model)
    # coverage counts distinct places: a resample can only lower it
    assert found["coverage@20"].high <= found["coverage@20"].value + 1e-12


def test_tie_sweep_ranks_as_evaluate_pairs(engine, report, pairs):
    sweep = TieSweep(engine.matcher, pairs, ("nearby", "popularity"))
    shipped = engine.matcher.get_params()
    ranks = sweep.ranks(shipped)
    assert ranks == [c.rank for c in report.cases]
    assert [c.top for c in sweep.cases(shipped)] == [c.top for c in report.cases]
    # another weight of a swept facet: the same as a matcher with those weights
    other = {**shipped, "popularity": 0.0}
    expected = evaluate_pairs(engine.matcher.with_weights(other), pairs, seed=0)
    assert sweep.ranks(other) == [c.rank for c in expected.cases]
    assert sweep.ranks(other, [1, 0]) == [
        expected.cases[1].rank,
        expected.cases[0].rank,
    ]


def test_gate_refuses_a_worse_candidate_and_names_the_metric():
    statistic = tie_metrics(1000)
    better = [TieCase(1, (1,), 1), TieCase(2, (2,), 1)]
    worse = [TieCase(3, (1,), 1), TieCase(2, (2,), 1)]
    check = held_out_check("held-out ties", worse, better, statistic, TIE_GATE_METRICS)
    assert check.worse == ["mrr"] and check.n_cases == 2
    with pytest.raises(ExportRefusedError, match=r"held-out ties mrr 0\.4167 < "):
        export_gate([check])
    export_gate([held_out_check("t", better, better, statistic, TIE_GATE_METRICS)])
    assert issubclass(ExportRefusedError, ValueError)
    with pytest.raises(InvalidParameterError, match="shipped_cases"):
        held_out_check("t", better, better[:1], statistic, TIE_GATE_METRICS)


def test_project_case_metrics_are_evaluate_projects_model_row(engine):
    case = ProjectCase(
        row=1,
        label="Hà Nội – Chiba (JP)",
        province="vn:01",
        partner="iso:JP-12",
        country="JP",
        focus=("water", "environment"),
        resolved_by="iso3166_2",
    )
    unresolved = [{"row": 2, "case": "x", "reason": "not found"}]
    found = project_cases(engine.matcher, [case], unresolved=unresolved)
    assert found[1] == (None, None) and len(found) == 2
    model = evaluate_projects(engine.matcher, [case], unresolved=unresolved).methods[
        "model"
    ]
    metrics = project_case_metrics(found)
    for arm in ("focus", "no focus"):
        for k in ("recall@5", "recall@10", "recall@20", "mrr"):
            assert metrics[f"{arm} {k}"] == model[arm.replace(" ", "_")][k]
    assert metrics["lift recall@10"] == pytest.approx(model["lift"]["recall@10"])
    assert set(PROJECT_GATE_METRICS) <= set(metrics)


def test_read_feedback_reads_both_export_formats(tmp_path):
    csv_path = tmp_path / "feedback.csv"
    csv_path.write_text(
        "id,province_id,candidate_id,verdict,note,weights_version,created_by,"
        "created_at\n1,vn:48,gn:1,not_useful,,v1,a,2026-01-01T00:00:00Z\n",
        encoding="utf-8",
    )
    jsonl = tmp_path / "feedback.jsonl"
    row = {"id": 2, "province_id": "vn:01", "candidate_id": "gn:2", "verdict": "useful"}
    jsonl.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert read_feedback(csv_path) == [FeedbackMark("vn:48", "gn:1", "not_useful")]
    assert read_feedback(jsonl) == [FeedbackMark("vn:01", "gn:2", "useful")]
    jsonl.write_text(json.dumps({"province_id": "vn:01"}) + "\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="candidate_id"):
        read_feedback(jsonl)
    with pytest.raises(CatalogError, match="cannot read"):
        read_feedback(tmp_path / "absent.csv")


def test_feedback_shift_counts_marks_moved(engine):
    matcher = engine.matcher
    top = [r.id for r in recommend(matcher, "vn:48", k=4)]
    marks = [FeedbackMark("vn:48", c, "not_useful") for c in top[:3]]
    marks.append(FeedbackMark("vn:48", top[3], "useful"))
    same = feedback_shift(matcher, matcher, marks)
    assert same == {
        "not_useful": {"down": 0, "up": 0, "same": 3},
        "useful": {"down": 0, "up": 0, "same": 1},
    }
    # the first mark is the shipped first: another ranking can only keep or lower it
    other = matcher.with_weights({**matcher.get_params(), "nearby": 0.0})
    moved = feedback_shift(other, matcher, marks)
    assert sum(moved["not_useful"].values()) == 3
    first = feedback_shift(other, matcher, marks[:1])["not_useful"]
    assert first["up"] == 0
    shipped_rows = recommend(matcher, "vn:48", k=50, explain_results=False)
    other_rows = recommend(other, "vn:48", k=50, explain_results=False)
    assert (first["down"] == 1) == (other_rows[0] != shipped_rows[0])
