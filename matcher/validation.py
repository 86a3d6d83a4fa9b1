"""Checking a weight set before it ships: bootstrap intervals, held-out gate, feedback.

An analyst's candidate weights (``notebooks/tune_weights.ipynb``) are chosen on
tuning data; before a file is exported they are compared with the shipped weights
on data the choice never saw — held-out folds of the known ties and the held-out
30 % of the cooperation projects (``matcher.project_evaluation.split_projects``) —
and :func:`export_gate` refuses a point that is worse on either. Every metric is
shown with a percentile bootstrap interval over cases (:func:`bootstrap`, seeded),
and practitioners' verdicts (the ``/v1/feedback/export`` file,
:func:`read_feedback`) are a further signal: :func:`feedback_shift` says how many
"not useful" marks the candidate pushes down, and "useful" ones up, compared with
the shipped weights.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from features.errors import CatalogError, InvalidParameterError
from features.params import Integral, Interval, Real, validate_params
from matcher.evaluation import TOP_N, EvalPair, TieCase, metrics_from_ranks
from matcher.facets import FACET_NAMES
from matcher.model import PartnerMatcher
from matcher.project_evaluation import ProjectCase, evaluate_projects, project_metrics
from matcher.ranking import Filters, candidate_mask, recommend

__all__ = [
    "MetricInterval",
    "bootstrap",
    "tie_metrics",
    "TieSweep",
    "project_cases",
    "project_case_metrics",
    "fold_of",
    "HeldOutCheck",
    "held_out_check",
    "ExportRefusedError",
    "export_gate",
    "FeedbackMark",
    "read_feedback",
    "feedback_shift",
    "TIE_GATE_METRICS",
    "PROJECT_GATE_METRICS",
    "N_RESAMPLES",
]

N_RESAMPLES = 1000
# The metrics on which a candidate may not be worse than the shipped weights.
TIE_GATE_METRICS = ("mrr", "recall@20")
PROJECT_GATE_METRICS = ("focus recall@10", "focus mrr")


@dataclass(frozen=True)
class MetricInterval:
    """A metric's value on all cases and its bootstrap interval ``[low, high]``."""

    value: float
    low: float
    high: float


def bootstrap(
    cases: Sequence,
    statistic: Callable[[Sequence], Mapping[str, float]],
    *,
    n_resamples: int = N_RESAMPLES,
    seed: int = 0,
    level: float = 0.95,
) -> dict[str, MetricInterval]:
    """Percentile bootstrap over cases of every metric ``statistic`` returns.

    Args:
        cases: One item per case (a tie, a project, a pair of them).
        statistic: Cases → {metric: number}; called on the cases and on each
            resample (cases drawn with replacement, as many as given).
        n_resamples: Resamples (default 1,000); seed: fixes them.
        level: Coverage of the interval (0.95: the 2.5th and 97.5th percentiles).

    Returns:
        {metric: MetricInterval}, in the statistic's order; None values are left out.
    """
    validate_params(
        {
            "n_resamples": [Interval(Integral, 1, None, closed="left")],
            "level": [Interval(Real, 0, 1, closed="neither")],
        },
        {"n_resamples": n_resamples, "level": level},
    )
    if not len(cases):
        raise InvalidParameterError("cases", "at least one case", 0)
    point = {k: v for k, v in statistic(cases).items() if v is not None}
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(cases), size=(n_resamples, len(cases)))
    samples = {k: np.empty(n_resamples) for k in point}
    for i, idx in enumerate(draws):
        values = statistic([cases[j] for j in idx])
        for k in point:
            samples[k][i] = values[k]
    tail = (1 - level) / 2 * 100
    out = {}
    for k, v in point.items():
        low, high = np.percentile(samples[k], [tail, 100 - tail])
        out[k] = MetricInterval(float(v), float(low), float(high))
    return out


# -- ties -----------------------------------------------------------------------


def tie_metrics(n_candidates: int) -> Callable[[Sequence[TieCase]], dict]:
    """The statistic of ``evaluate_pairs``' model row over :class:`TieCase` s:
    recall@k, MRR, NDCG@10, resolved share, coverage@20 (distinct top-20 rows over
    ``n_candidates``) and countries@20 (mean over the cases with a list)."""

    def statistic(cases: Sequence[TieCase]) -> dict:
        out = dict(metrics_from_ranks([c.rank for c in cases], len(cases)))
        listed = [c for c in cases if c.top]
        distinct = {r for c in listed for r in c.top[:TOP_N]}
        out["coverage@20"] = len(distinct) / n_candidates
        out["countries@20"] = (
            float(np.mean([c.countries for c in listed])) if listed else 0.0
        )
        return out

    return statistic


class TieSweep:
    """Known ties scored once, then ranked again under other weights of a few facets.

    The score is linear in the weights, so each tie keeps the sum of the other
    facets' contributions and the swept facets' values over its candidates (the
    product's filters, the tie hidden). Ranks break equal scores by lower row, as
    ``evaluate_pairs`` does; sums may differ from the product's in the last bits.

    Args:
        matcher: The fitted matcher (its weights are the unswept ones).
        pairs: The ties to rank (``EvalPair``).
        facets: Names of the swept facets.
    """

    def __init__(
        self, matcher: PartnerMatcher, pairs: Sequence[EvalPair], facets: Sequence[str]
    ) -> None:
        fs = matcher.feature_set_
        self.facets = tuple(facets)
        self.columns = [FACET_NAMES.index(f) for f in self.facets]
        self.country = fs.country
        self.n_candidates = len(fs)
        self.entries: list[tuple | None] = []
        for pair in pairs:
            scored = matcher.score_all(
                pair.query, hidden_ties=[(pair.query, pair.partner)]
            )
            country = str(fs.country[scored.query_row])
            mask = candidate_mask(
                matcher, scored.query_row, country, Filters(), scored.hidden
            )
            target = fs.row(pair.partner)
            if not mask[target]:
                self.entries.append(None)
                continue
            rows = np.flatnonzero(mask)
            parts = scored.contributions_of(rows)
            rest = np.delete(parts, self.columns, axis=1).sum(axis=1)
            swept = np.nan_to_num(scored.values_of(rows)[:, self.columns], nan=0.0)
            position = int(np.searchsorted(rows, target))
            self.entries.append((rows.astype(np.int32), rest, swept, position))

    def _weights(self, weights: Mapping[str, float]) -> np.ndarray:
        return np.array([float(weights[f]) for f in self.facets])

    def ranks(self, weights: Mapping[str, float], which=None) -> list[int | None]:
        """The partner's rank in each tie (``which``: indices, default all)."""
        w = self._weights(weights)
        picked = range(len(self.entries)) if which is None else which
        out = []
        for i in picked:
            entry = self.entries[i]
            if entry is None:
                out.append(None)
                continue
            rows, rest, swept, t = entry
            scores = rest + swept @ w
            better = int((scores > scores[t]).sum())
            tied = int((scores[:t] == scores[t]).sum())
            out.append(better + tied + 1)
        return out

    def cases(self, weights: Mapping[str, float], which=None) -> list[TieCase]:
        """:class:`TieCase` s (rank and top-20) under ``weights``."""
        w = self._weights(weights)
        picked = list(range(len(self.entries)) if which is None else which)
        ranks = self.ranks(weights, picked)
        out = []
        for i, rank in zip(picked, ranks, strict=True):
            entry = self.entries[i]
            if entry is None:
                out.append(TieCase(None))
                continue
            rows, rest, swept, _ = entry
            scores = rest + swept @ w
            top = rows[np.argsort(-scores, kind="stable")[:TOP_N]]
            out.append(
                TieCase(rank, tuple(int(r) for r in top), len(set(self.country[top])))
            )
        return out


def fold_of(n_cases: int, folds: int, seed: int = 0) -> np.ndarray:
    """A seeded fold number in ``range(folds)`` for each of ``n_cases`` cases."""
    validate_params({"folds": [Interval(Integral, 2, None, closed="left")]}, locals())
    return np.random.default_rng(seed).permutation(n_cases) % folds


# -- projects -------------------------------------------------------------------


def project_cases(
    matcher: PartnerMatcher,
    cases: Sequence[ProjectCase],
    *,
    unresolved: Sequence[dict] = (),
    seed: int = 0,
) -> list[tuple[int | None, int | None]]:
    """Each project's (rank with focus, rank without) under the model; unresolved
    projects are (None, None): misses, as ``evaluate_projects`` counts them."""
    report = evaluate_projects(
        matcher, list(cases), unresolved=list(unresolved), seed=seed
    )
    ranks = [(r["rank_focus"], r["rank_no_focus"]) for r in report.ranks]
    return ranks + [(None, None)] * len(unresolved)


def project_case_metrics(cases: Sequence[tuple[int | None, int | None]]) -> dict:
    """The model's project metrics over (rank with focus, rank without) cases: each
    arm's recall@5/10/20 and MRR, and the lift (focus − no focus)."""
    n = len(cases)
    focus = project_metrics([c[0] for c in cases], n)
    plain = project_metrics([c[1] for c in cases], n)
    out = {}
    for arm, values in (("focus", focus), ("no focus", plain)):
        kept = {k: v for k, v in values.items() if k != "hits@10"}
        out.update({f"{arm} {k}": float(v) for k, v in kept.items()})
    for k in ("recall@10", "mrr"):
        out[f"lift {k}"] = float(focus[k] - plain[k])
    return out


# -- the gate -------------------------------------------------------------------


@dataclass(frozen=True)
class HeldOutCheck:
    """Candidate and shipped weights on the same held-out cases."""

    data: str
    n_cases: int
    candidate: dict
    shipped: dict
    gate_metrics: tuple[str, ...]

    @property
    def worse(self) -> list[str]:
        """The gate metrics on which the candidate is below the shipped weights."""
        return [m for m in self.gate_metrics if self.candidate[m] < self.shipped[m]]


def held_out_check(
    data: str,
    candidate_cases: Sequence,
    shipped_cases: Sequence,
    statistic: Callable[[Sequence], Mapping[str, float]],
    gate_metrics: Sequence[str],
) -> HeldOutCheck:
    """Both weight sets' metrics on the same held-out cases (same order)."""
    if len(candidate_cases) != len(shipped_cases):
        raise InvalidParameterError(
            "shipped_cases", f"{len(candidate_cases)} cases", len(shipped_cases)
        )
    return HeldOutCheck(
        data,
        len(candidate_cases),
        dict(statistic(candidate_cases)),
        dict(statistic(shipped_cases)),
        tuple(gate_metrics),
    )


class ExportRefusedError(ValueError):
    """A candidate weight set is worse than the shipped one on held-out data."""


def export_gate(checks: Sequence[HeldOutCheck]) -> None:
    """Raise :class:`ExportRefusedError` naming every held-out metric on which the
    candidate is worse than the shipped weights; return None when none is."""
    problems = [
        f"{c.data} {m} {c.candidate[m]:.4f} < shipped {c.shipped[m]:.4f}"
        for c in checks
        for m in c.worse
    ]
    if problems:
        raise ExportRefusedError(
            "not exported: worse than the shipped weights on held-out data ("
            + "; ".join(problems)
            + ")"
        )


# -- practitioners' feedback ----------------------------------------------------


@dataclass(frozen=True)
class FeedbackMark:
    """One verdict from ``/v1/feedback/export``: a province's mark on a candidate."""

    province_id: str
    candidate_id: str
    verdict: str


_FEEDBACK_FIELDS = ("province_id", "candidate_id", "verdict")


def read_feedback(path: Path) -> list[FeedbackMark]:
    """The verdicts of a ``/v1/feedback/export`` file (``.csv`` or JSON lines).

    Raises CatalogError naming the file and row when a field is missing.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"cannot read the feedback: {exc}", file=str(path)) from None
    if path.suffix == ".csv":
        rows = list(csv.DictReader(text.splitlines()))
    else:
        try:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
        except ValueError as exc:
            raise CatalogError(f"not JSON lines: {exc}", file=str(path)) from None
    marks = []
    for number, row in enumerate(rows, start=1):
        missing = [f for f in _FEEDBACK_FIELDS if not row.get(f)]
        if missing:
            raise CatalogError(f"missing {missing}", file=str(path), row=number)
        marks.append(FeedbackMark(*(str(row[f]) for f in _FEEDBACK_FIELDS)))
    return marks


def _ranks(matcher: PartnerMatcher, province: str, ids: set[str], k: int) -> dict:
    """Ranks (1-based, within the top ``k``) of ``ids`` in ``province``'s list."""
    rows = recommend(matcher, province, k=k, explain_results=False)
    found = matcher.feature_set_.ids[rows].tolist()
    return {cid: i for i, cid in enumerate(found, start=1) if cid in ids}


def feedback_shift(
    candidate: PartnerMatcher,
    shipped: PartnerMatcher,
    marks: Sequence[FeedbackMark],
    *,
    k: int = 50,
) -> dict:
    """How the candidate moves the marked partners in their province's top ``k``.

    Returns, per verdict, counts of marks ranked lower (``down``), higher (``up``)
    or the same (``same``) by the candidate than by the shipped weights; a mark
    outside a top ``k`` ranks ``k + 1``. "not useful" marks pushed down and
    "useful" ones pushed up agree with the practitioners.
    """
    by_province: dict[str, set[str]] = {}
    for m in marks:
        by_province.setdefault(m.province_id, set()).add(m.candidate_id)
    before, after = {}, {}
    for province, ids in by_province.items():
        before[province] = _ranks(shipped, province, ids, k)
        after[province] = _ranks(candidate, province, ids, k)
    out: dict[str, dict[str, int]] = {}
    for m in marks:
        old = before[m.province_id].get(m.candidate_id, k + 1)
        new = after[m.province_id].get(m.candidate_id, k + 1)
        move = "down" if new > old else "up" if new < old else "same"
        counts = out.setdefault(m.verdict, {"down": 0, "up": 0, "same": 0})
        counts[move] += 1
    return out
