"""CLI commands of the matcher: ``recommend``, ``evaluate``, ``fit-weights``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from features.errors import UnknownLocalityError
from service.settings import get_settings

if TYPE_CHECKING:  # the matcher (and scikit-learn) load only when a command runs
    from matcher.engine import Engine
    from matcher.explain import Recommendation

__all__ = ["add_match_commands", "recommendation_json"]


def _engine(weights: Path | None = None) -> Engine:
    from matcher.engine import load_engine

    return load_engine(get_settings().data_dir, weights_path=weights)


def resolve_province(engine: Engine, name: str) -> str:
    """The id of a Vietnamese unit named by ``name`` (any spelling, old names too)."""
    if name in engine.catalog and engine.catalog.get(name).is_vietnamese:
        return name
    found = engine.resolver.resolve(name, country="VN", level="admin1", limit=1)
    if not found:
        raise UnknownLocalityError(name, engine.resolver.suggest(name))
    return found[0].id


def recommendation_json(rec: Recommendation) -> dict:
    """The JSON form of one result (the CLI's and the API's)."""
    return {
        "id": rec.id,
        "name": rec.name,
        "country": rec.country,
        "level": rec.level,
        "score": rec.score,
        "contributions": [
            {
                "facet": c.facet,
                "value": c.value,
                "facet_value": c.facet_value,
                "weight": c.weight,
            }
            for c in rec.contributions
        ],
        "skipped_facets": list(rec.skipped),
        "needs_met": list(rec.needs_met),
        "needs_total": rec.needs_total,
        "gaps": list(rec.gaps),
        "offers_to_them": list(rec.offers_to_them),
        "evidence": [
            {
                "side": e.side,
                "locality_id": e.locality_id,
                "sector": e.sector,
                "role": e.role,
                "text": e.text,
                "source": e.source,
                "date": e.date,
            }
            for e in rec.evidence
        ],
        "flags": list(rec.flags),
        "existing_ties": list(rec.existing_ties),
        "summary_vi": rec.summary_vi,
        "summary_en": rec.summary_en,
    }


def cmd_recommend(args: argparse.Namespace) -> int:
    from matcher.ranking import Filters, recommend

    engine = _engine(args.weights)
    province = resolve_province(engine, args.province)
    filters = Filters(
        countries=args.country or [],
        level=args.level,
        sector=args.sector,
        include_existing=args.include_existing,
        max_per_country=args.max_per_country,
    )
    results = recommend(engine.matcher, province, k=args.k, filters=filters)
    loc = engine.catalog.get(province)
    if args.json:
        print(
            json.dumps(
                {
                    "province": {"id": loc.id, "name": loc.name},
                    "weights_version": engine.weights.version,
                    "results": [recommendation_json(r) for r in results],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    print(
        f"Partners suggested for {loc.name} ({loc.id}), "
        f"weights {engine.weights.version}:\n"
    )
    for i, r in enumerate(results, start=1):
        parts = ", ".join(f"{c.facet} {c.value:+.2f}" for c in r.contributions[:4])
        print(f"{i:>3}. {r.score:6.3f}  {r.name} [{r.country}, {r.level}]  {parts}")
        print(f"      {r.summary_vi}")
        for flag in r.flags:
            print(f"      ! {flag}")
    return 0


def _print_report(title: str, report, as_json: bool, extra: dict) -> dict:
    data = {**report.to_json(), **extra}
    if as_json:
        return data
    print(f"\n{title}: {report.n_pairs} pairs, {len(report.unresolved)} unresolved")
    keys = (
        "recall@10",
        "recall@20",
        "recall@50",
        "mrr",
        "ndcg@10",
        "resolved",
        "coverage@20",
        "countries@20",
    )
    print(f"  {'method':<18}" + "".join(f"{k:>13}" for k in keys))
    for name, metrics in [("model", report.model), *report.baselines.items()]:
        print(f"  {name:<18}" + "".join(f"{metrics[k]:>13}" for k in keys))
    best = max(
        v["mrr"] for k, v in report.baselines.items() if k != "shuffled_features"
    )
    ratio = report.model["mrr"] / best if best else float("inf")
    print(f"  model MRR / best baseline MRR = {ratio:.2f}")
    if report.by_country:
        print(
            "  by country (n, recall@20, mrr): "
            + "; ".join(
                f"{c} {v['n']} {v['recall@20']:.2f} {v['mrr']:.3f}"
                for c, v in list(report.by_country.items())[:12]
            )
        )
    for item in report.unresolved:
        print(f"  unresolved row {item['row']}: {item['pair']} — {item['reason']}")
    return data


def cmd_evaluate(args: argparse.Namespace) -> int:
    from matcher.evaluation import (
        cross_validated_evaluation,
        evaluate_pairs,
        global_held_out_evaluation,
        read_pairs,
        resolve_pairs,
    )

    engine = _engine(args.weights)
    out: dict = {}
    if args.pairs:
        rows = read_pairs(args.pairs)
        pairs, unresolved = resolve_pairs(rows, engine.resolver)
        if args.cv:
            report = cross_validated_evaluation(
                engine.matcher, pairs, unresolved=unresolved, folds=args.cv
            )
            title = f"{args.pairs} ({args.cv}-fold: weights refitted without each fold)"
        else:
            report = evaluate_pairs(engine.matcher, pairs, unresolved=unresolved)
            title = f"{args.pairs} (weights {engine.weights.version})"
        out = _print_report(
            title, report, args.json, {"weights_version": engine.weights.version}
        )
    if args.global_network:
        report, n_held_out = global_held_out_evaluation(
            engine.feature_set,
            seed=args.seed,
            sample=args.global_sample,
            positives=args.global_positives,
            learner=args.learner,
        )
        data = _print_report(
            f"global network, seeded 10 % split (seed {args.seed}), "
            f"{min(args.global_sample, n_held_out)} of {n_held_out} held-out ties, "
            f"{args.learner} weights",
            report,
            args.json,
            {"held_out_ties": n_held_out, "learner": args.learner},
        )
        out = {**out, "global": data} if out else data
    if not args.pairs and not args.global_network:
        print(
            "partner-match: error: give --pairs FILE and/or --global", file=sys.stderr
        )
        return 1
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def cmd_fit_weights(args: argparse.Namespace) -> int:
    from matcher.engine import CURRENT_WEIGHTS
    from matcher.training import learn_weight_set
    from matcher.weights import save_weights

    settings = get_settings()
    engine = _engine()
    weight_set, _ = learn_weight_set(
        engine.matcher,
        use_global=args.use_global,
        max_global=args.global_positives,
        seed=args.seed,
        data_manifest=engine.catalog.manifest,
        version_label=args.version,
    )
    out = args.out or settings.data_dir / CURRENT_WEIGHTS
    save_weights(weight_set, out)
    print(f"weights {weight_set.version} written to {out}")
    for name, value in weight_set.weights.items():
        print(f"  {name:<22} {value:8.4f}")
    return 0


def add_match_commands(sub: argparse._SubParsersAction) -> None:
    """Register the matcher commands on the ``partner-match`` parser."""
    from service.cli.main import country_arg

    p = sub.add_parser(
        "recommend", help="suggest foreign partners for a Vietnamese province"
    )
    p.add_argument(
        "province", help="a province: id (vn:48) or name (any spelling, old names too)"
    )
    p.add_argument("--k", type=int, default=20, help="number of results (1–500)")
    p.add_argument(
        "--country",
        type=country_arg,
        action="append",
        help="only this country (repeatable)",
    )
    p.add_argument("--sector", help="only candidates strong in this sector id")
    p.add_argument("--level", choices=("admin1", "admin2", "city"))
    p.add_argument("--max-per-country", type=int, default=None)
    p.add_argument(
        "--include-existing", action="store_true", help="keep existing partners"
    )
    p.add_argument(
        "--weights", type=Path, default=None, help="a weight file (default: shipped)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_recommend)

    p = sub.add_parser("evaluate", help="recover known ties: model against baselines")
    p.add_argument(
        "--pairs",
        type=Path,
        help="CSV with vn_province_2025, foreign_locality, country",
    )
    p.add_argument(
        "--cv", type=int, default=0, help="refit weights in K folds (never on the fold)"
    )
    p.add_argument(
        "--global",
        dest="global_network",
        action="store_true",
        help="also the held-out split of the global twin-town network",
    )
    p.add_argument("--global-sample", type=int, default=300)
    p.add_argument("--global-positives", type=int, default=800)
    p.add_argument(
        "--learner",
        choices=("listwise", "pairwise"),
        default="listwise",
        help="how --global learns its weights (listwise: as the shipped weights)",
    )
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--weights", type=Path, default=None)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("fit-weights", help="learn the facet weights from known ties")
    p.add_argument(
        "--out", type=Path, default=None, help="default: data/weights/current.json"
    )
    p.add_argument("--global-positives", type=int, default=800)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--version", default="learned-2")
    p.add_argument(
        "--use-global",
        action="store_true",
        help="also learn from the global network (off: it did not transfer)",
    )
    p.set_defaults(func=cmd_fit_weights)
