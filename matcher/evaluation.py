"""Evaluation: rank held-out true partners among the whole candidate catalog.

Protocol (``evaluate_pairs``): resolve both sides of each pair; a pair that cannot
be resolved counts as a miss and is listed. The pair's tie, where the catalog
knows it, is hidden while ranking (network facets and the exclude-existing filter
then do not see it). Every method ranks the same candidates with the same filters;
the baselines are the same code with one facet's weight (or random scores).
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from features.errors import CatalogError, UnknownCountryError
from features.names.resolver import NameResolver
from features.params import Integral, Interval, Options, validate_params
from matcher.facets import FACET_NAMES
from matcher.model import PartnerMatcher
from matcher.ranking import Filters, candidate_mask

__all__ = [
    "EvalPair",
    "EvaluationReport",
    "TieCase",
    "read_labelled",
    "read_pairs",
    "resolve_pairs",
    "evaluate_pairs",
    "global_split",
    "metrics_from_ranks",
    "cross_validated_evaluation",
    "global_held_out_evaluation",
    "clone_fitted",
    "BASELINES",
]

K_VALUES = (10, 20, 50)
TOP_N = 20
METHODS = (
    "model",
    "random",
    "popularity",
    "country_prior",
    "distance",
    "text_similarity",
    "shuffled_features",
)
# Baselines: the same ranking code with only one facet switched on.
BASELINES = {
    "popularity": "popularity",
    "country_prior": "country_affinity",
    "distance": "proximity",
    "text_similarity": "text_similarity",
}


@dataclass
class EvalPair:
    """A known tie to recover: the query locality and the true partner."""

    query: str
    partner: str
    country: str
    label: str


@dataclass(frozen=True)
class TieCase:
    """One pair as the model ranked it: the partner's rank (None: a miss), its
    top-20 rows and their number of countries (for bootstrap intervals)."""

    rank: int | None
    top: tuple[int, ...] = ()
    countries: int = 0


@dataclass
class EvaluationReport:
    """Metrics of the model and of each baseline on the same candidates.

    ``cases``: the model's :class:`TieCase` per pair, then one miss per unresolved
    pair (``matcher.validation.tie_metrics`` recomputes ``model`` from them).
    """

    n_pairs: int
    model: dict
    baselines: dict
    unresolved: list[dict]
    by_country: dict = field(default_factory=dict)
    cases: list[TieCase] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "n_pairs": self.n_pairs,
            "model": self.model,
            "baselines": self.baselines,
            "unresolved": self.unresolved,
            "by_country": self.by_country,
        }


REQUIRED_COLUMNS = ("vn_province_2025", "foreign_locality", "country")


def read_labelled(
    path: Path,
    what: str,
    columns: tuple[str, ...],
    filled: tuple[str, ...],
    delimiter: str = ",",
) -> list[dict]:
    """Rows of a labelled table (``what``: "pairs", "projects"), each with its
    ``_row`` number; the header must have ``columns`` and every row a value in
    ``filled``. Errors name the file, row and field."""
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"the {what} file does not exist", file=str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=delimiter)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise CatalogError(
                f"the header lacks the columns {missing}", file=str(path), row=1
            )
        rows = []
        for number, row in enumerate(reader, start=2):
            for column in filled:
                if not (row.get(column) or "").strip():
                    raise CatalogError(
                        "a value is required", file=str(path), row=number, field=column
                    )
            rows.append({**row, "_row": number})
    return rows


def read_pairs(path: Path) -> list[dict]:
    """Rows of a pairs CSV (vn_partnerships_dev.csv columns); errors name row/field."""
    return read_labelled(path, "pairs", REQUIRED_COLUMNS, REQUIRED_COLUMNS)


def resolve_pairs(
    rows: list[dict], resolver: NameResolver
) -> tuple[list[EvalPair], list[dict]]:
    """Best catalog match for both sides of each row; the rest listed with a reason."""
    from features.build.ties import level_of

    pairs, unresolved = [], []
    for row in rows:
        label = (
            f"{row['vn_province_2025']} – {row['foreign_locality']} ({row['country']})"
        )
        province = resolver.resolve(
            row["vn_province_2025"], country="VN", level="admin1", limit=1
        )
        if not province:
            unresolved.append(
                {"row": row["_row"], "pair": label, "reason": "province not found"}
            )
            continue
        try:
            level = level_of(row.get("foreign_admin_level_if_known") or "")
            foreign = resolver.resolve(
                row["foreign_locality"], country=row["country"], level=level, limit=1
            )
            if not foreign and level is not None:
                # The stated level is a hint: a capital "prefecture" may be a city here.
                foreign = resolver.resolve(
                    row["foreign_locality"], country=row["country"], limit=1
                )
        except UnknownCountryError:
            unresolved.append(
                {
                    "row": row["_row"],
                    "pair": label,
                    "reason": f"unknown country {row['country']!r}",
                }
            )
            continue
        if not foreign:
            unresolved.append(
                {
                    "row": row["_row"],
                    "pair": label,
                    "reason": "foreign locality not found",
                }
            )
            continue
        pairs.append(EvalPair(province[0].id, foreign[0].id, foreign[0].country, label))
    return pairs, unresolved


def _rank(scores: np.ndarray, mask: np.ndarray, target: int) -> int:
    """1-based rank of ``target`` among masked candidates (ties: lower row first)."""
    s = scores[target]
    candidates = np.flatnonzero(mask)
    better = (scores[candidates] > s).sum()
    tied = ((scores[candidates] == s) & (candidates < target)).sum()
    return int(better + tied + 1)


def metrics_from_ranks(ranks: list[int | None], n_total: int) -> dict:
    """Recall@k, MRR, NDCG@10 and the resolved share; None ranks count as misses."""
    got = [r for r in ranks if r is not None]
    out = {f"recall@{k}": sum(r <= k for r in got) / n_total for k in K_VALUES}
    out["mrr"] = sum(1 / r for r in got) / n_total
    out["ndcg@10"] = sum(1 / math.log2(r + 1) for r in got if r <= 10) / n_total
    out["resolved"] = len(got) / n_total
    return {k: round(v, 4) for k, v in out.items()}


def _collect(matcher: PartnerMatcher, pairs: list[EvalPair], rng, hide: bool = True):
    """Ranks and top-20 lists of the model and every baseline for ``pairs``."""
    fs = matcher.feature_set_
    weights = matcher.weights_
    ranks: dict[str, list] = {m: [] for m in METHODS}
    tops: dict[str, list] = {m: [] for m in METHODS}
    one_hot = {}
    for name, facet in BASELINES.items():
        w = np.zeros(len(FACET_NAMES))
        w[FACET_NAMES.index(facet)] = 1.0
        one_hot[name] = w
    for pair in pairs:
        hidden = [(pair.query, pair.partner)] if hide else []
        scored = matcher.score_all(pair.query, hidden_ties=hidden)
        q_country = str(fs.country[scored.query_row])
        mask = candidate_mask(
            matcher, scored.query_row, q_country, Filters(), scored.hidden
        )
        target = fs.row(pair.partner)
        values = np.nan_to_num(scored.values, nan=0.0)
        shuffled = values.copy()
        for j in range(shuffled.shape[1]):
            shuffled[:, j] = shuffled[rng.permutation(len(shuffled)), j]
        method_scores = {
            "model": scored.scores,
            "random": rng.random(len(fs)),
            **{name: values @ w for name, w in one_hot.items()},
            "shuffled_features": shuffled @ weights,
        }
        candidates = np.flatnonzero(mask)
        for name, scores in method_scores.items():
            ranks[name].append(_rank(scores, mask, target) if mask[target] else None)
            tops[name].append(
                candidates[np.argsort(-scores[candidates], kind="stable")[:TOP_N]]
            )
    return ranks, tops


def _report(fs, pairs, ranks, tops, n_total, unresolved) -> EvaluationReport:
    results = {}
    for name in METHODS:
        metrics = metrics_from_ranks(ranks[name], n_total)
        listed = tops[name]
        distinct = len({int(r) for t in listed for r in t})
        metrics["coverage@20"] = round(distinct / len(fs), 5)
        metrics["countries@20"] = round(
            float(np.mean([len(set(fs.country[t])) for t in listed]))
            if listed
            else 0.0,
            2,
        )
        results[name] = metrics
    by_country: dict[str, list] = defaultdict(list)
    for pair, rank in zip(pairs, ranks["model"], strict=True):
        by_country[pair.country].append(rank)
    breakdown = {
        c: {
            "n": len(r),
            **{
                k: v
                for k, v in metrics_from_ranks(r, len(r)).items()
                if k in ("recall@20", "mrr")
            },
        }
        for c, r in sorted(by_country.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }
    cases = [
        TieCase(rank, tuple(int(r) for r in top), len(set(fs.country[top])))
        for rank, top in zip(ranks["model"], tops["model"], strict=True)
    ]
    cases += [TieCase(None)] * (n_total - len(cases))
    return EvaluationReport(
        n_pairs=n_total,
        model=results.pop("model"),
        baselines=results,
        unresolved=unresolved,
        by_country=breakdown,
        cases=cases,
    )


def evaluate_pairs(
    matcher: PartnerMatcher,
    pairs: list[EvalPair],
    *,
    unresolved: list[dict] | None = None,
    seed: int = 0,
    hide: bool = True,
) -> EvaluationReport:
    """Rank every true partner with the model, the baselines and a shuffled ablation.

    Unresolved pairs count as misses in every metric.
    """
    unresolved = unresolved or []
    ranks, tops = _collect(matcher, pairs, np.random.default_rng(seed), hide)
    return _report(
        matcher.feature_set_,
        pairs,
        ranks,
        tops,
        len(pairs) + len(unresolved),
        unresolved,
    )


def cross_validated_evaluation(
    matcher: PartnerMatcher,
    pairs: list[EvalPair],
    *,
    background: list | None = None,
    background_weight: float = 0.25,
    unresolved: list[dict] | None = None,
    folds: int = 5,
    seed: int = 0,
) -> EvaluationReport:
    """Evaluate with weights refitted per fold, never on the fold's own ties.

    Each fold's weights are learned as the shipped ones are (listwise, see
    ``matcher.training.fit_from_queries``) from the other folds' pairs plus the
    catalog's Vietnamese ties that are none of the evaluated pairs; every training
    tie is scored with itself hidden. ``background`` holds further training
    queries (``matcher.learning.QueryMatrix``, e.g. from the global network),
    carrying ``background_weight`` of the objective.
    """
    from matcher.learning import query_matrices
    from matcher.training import TRAINING_SAMPLE, fit_from_queries, vietnam_positives

    validate_params({"folds": [Interval(Integral, 2, None, closed="left")]}, locals())
    unresolved = unresolved or []
    rng = np.random.default_rng(seed)
    assignment = rng.permutation(len(pairs)) % folds
    ranks = {m: [None] * len(pairs) for m in METHODS}
    tops = {m: [None] * len(pairs) for m in METHODS}
    base = clone_fitted(matcher, PartnerMatcher().get_params())
    fs = matcher.feature_set_

    def key(a: str, b: str) -> tuple[int, int]:
        ra, rb = fs.row(a), fs.row(b)
        return (min(ra, rb), max(ra, rb))

    evaluated = {key(p.query, p.partner) for p in pairs}
    others = sorted(
        {(a, b) for a, b in vietnam_positives(fs) if key(a, b) not in evaluated}
    )
    # A pair's candidate list does not depend on the fold (its own tie is hidden).
    own = [
        query_matrices(base, [(p.query, p.partner)], seed=seed + i, **TRAINING_SAMPLE)
        for i, p in enumerate(pairs)
    ]
    extra = query_matrices(base, others, seed=seed, **TRAINING_SAMPLE)
    for fold in range(folds):
        train = [q for i, f in enumerate(assignment) if f != fold for q in own[i]]
        test_idx = [i for i, f in enumerate(assignment) if f == fold]
        weights = fit_from_queries(
            train + extra, background or [], background_weight=background_weight
        )
        fold_matcher = clone_fitted(base, weights)
        fold_ranks, fold_tops = _collect(
            fold_matcher, [pairs[i] for i in test_idx], rng
        )
        for m in METHODS:
            for j, i in enumerate(test_idx):
                ranks[m][i] = fold_ranks[m][j]
                tops[m][i] = fold_tops[m][j]
    return _report(
        matcher.feature_set_,
        pairs,
        ranks,
        tops,
        len(pairs) + len(unresolved),
        unresolved,
    )


def clone_fitted(matcher: PartnerMatcher, weights: dict[str, float]) -> PartnerMatcher:
    """A matcher with other (checked) weights sharing ``matcher``'s fitted network."""
    return matcher.with_weights(weights)


def global_split(
    fs, *, test_fraction: float = 0.1, seed: int = 0, exclude_country: str = "VN"
):
    """A fixed seeded split of the global network's international ties.

    Returns ``(train_feature_set, test_pairs)``: the test ties are removed from the
    training FeatureSet's ties; ties touching ``exclude_country`` stay in training.
    """
    rng = np.random.default_rng(seed)
    edges = sorted(
        {
            (min(t.a_id, t.b_id), max(t.a_id, t.b_id))
            for t in fs.ties
            if t.origin in ("hekman", "wikidata")
            and not t.a_id.startswith("vn:")
            and not t.b_id.startswith("vn:")
        }
    )
    edges = [e for e in edges if fs.country[fs.row(e[0])] != fs.country[fs.row(e[1])]]
    chosen = rng.random(len(edges)) < test_fraction
    test = {e for e, c in zip(edges, chosen, strict=True) if c}
    train_ties = tuple(
        t for t in fs.ties if (min(t.a_id, t.b_id), max(t.a_id, t.b_id)) not in test
    )
    pairs = []
    for a, b in sorted(test):
        q, p = (a, b) if rng.random() < 0.5 else (b, a)
        pairs.append(EvalPair(q, p, str(fs.country[fs.row(p)]), f"{q} – {p}"))
    return replace(fs, ties=train_ties), pairs


def global_held_out_evaluation(
    fs,
    *,
    seed: int = 0,
    sample: int = 300,
    positives: int = 800,
    learner: str = "listwise",
) -> tuple[EvaluationReport, int]:
    """The seeded held-out split of the global network, weights learned on the rest.

    Fits the network on the training ties only, learns weights from up to
    ``positives`` training ties (``learner``: ``"listwise"``, as the shipped weights,
    or ``"pairwise"``, the earlier logistic regression) and ranks a seeded sample
    of ``sample`` held-out ties. Returns the report and the number of held-out ties.
    """
    from matcher.learning import fit_weights, pair_differences, query_matrices
    from matcher.training import TRAINING_SAMPLE, fit_from_queries, global_positives

    validate_params({"learner": [Options(("listwise", "pairwise"))]}, locals())
    train_fs, test_pairs = global_split(fs, seed=seed)
    train = PartnerMatcher().fit(train_fs)
    rng = np.random.default_rng(seed)
    chosen = sorted(
        rng.choice(len(test_pairs), min(sample, len(test_pairs)), replace=False)
    )
    if learner == "listwise":
        queries = query_matrices(
            train,
            global_positives(train_fs),
            max_positives=positives,
            seed=seed,
            **TRAINING_SAMPLE,
        )
        weights = fit_from_queries(queries)
    else:
        diffs = pair_differences(
            train, global_positives(train_fs), max_positives=positives, seed=seed
        )
        weights = fit_weights([diffs])
    report = evaluate_pairs(
        clone_fitted(train, weights), [test_pairs[i] for i in chosen]
    )
    return report, len(test_pairs)
