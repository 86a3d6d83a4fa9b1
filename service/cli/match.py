"""CLI commands of the matcher: ``recommend``, ``evaluate``, ``fit-weights``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args, get_origin

from pydantic import ValidationError

from features.catalog.countries import resolve_country
from features.errors import InvalidParameterError, UnknownLocalityError
from features.paths import CURRENT_WEIGHTS
from service.api.schemas.recommendations import RecommendationQuery
from service.settings import get_settings

if TYPE_CHECKING:  # the matcher (and scikit-learn) load only when a command runs
    from matcher.engine import Engine

__all__ = ["add_match_commands"]


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


# Other spellings of an option (``--for water`` reads as the request says it).
OPTION_ALIASES = {"focus": ("--for",)}


def _query_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per field of the recommendation query model (``--k``,
    ``--country`` …): a new filter there is a new option here."""
    for name, field in RecommendationQuery.model_fields.items():
        flags = ["--" + name.replace("_", "-"), *OPTION_ALIASES.get(name, ())]
        kind = field.annotation
        options: dict = {"help": field.description, "dest": name}
        if kind is bool:
            options["action"] = "store_true"
        elif get_origin(kind) is list:
            options["action"] = "append"
        else:
            choices = [a for a in get_args(kind) if a is not type(None)]
            if choices and get_origin(choices[0]) is Literal:
                options["choices"] = get_args(choices[0])
            elif int in (kind, *choices):
                options["type"] = int
        parser.add_argument(*flags, **options)


def _query(args: argparse.Namespace) -> RecommendationQuery:
    """The options as a validated :class:`RecommendationQuery` (the API's model)."""
    given = {
        name: getattr(args, name)
        for name in RecommendationQuery.model_fields
        if getattr(args, name) is not None
    }
    try:
        query = RecommendationQuery.model_validate(given)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else "query"
        expected = error["msg"].removeprefix("Input should be ")
        raise InvalidParameterError(name, expected, error.get("input")) from None
    for country in query.country:
        resolve_country(country)  # an unknown one fails before the engine loads
    return query


def cmd_recommend(args: argparse.Namespace) -> int:
    from matcher.ranking import recommend, sector_notice
    from matcher.wording import DEFAULT_LANGUAGE, empty_sector_note, flag_message
    from service.api.serialisation import recommendation_json

    query = _query(args)
    if args.output is not None:
        _output_format(args.output)  # a bad name fails before the engine loads
    engine = _engine(args.weights)
    province = resolve_province(engine, args.province)
    filters = query.filters.to_filters()
    results = recommend(
        engine.matcher,
        province,
        k=query.k,
        filters=filters,
        focus=query.focus or None,
        regions=engine.regions,
        demote=query.demote,
    )
    loc = engine.catalog.get(province)
    if args.output is not None:
        return _write_document(engine, province, results, query.focus, args)
    args.lang = args.lang or DEFAULT_LANGUAGE
    notes = []
    if not results and args.sector:
        notice = sector_notice(engine.matcher, province, filters, engine.regions)
        notes = [empty_sector_note(notice, args.lang)]
    if args.json:
        print(
            json.dumps(
                {
                    "province": {"id": loc.id, "name": loc.name},
                    "weights_version": engine.weights.version,
                    "results": [recommendation_json(r, args.lang) for r in results],
                    "notes": notes,
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
    for note in notes:
        print(f"  {note}")
    for i, r in enumerate(results, start=1):
        parts = ", ".join(f"{c.facet} {c.value:+.2f}" for c in r.contributions[:4])
        print(
            f"{i:>3}. {r.score:6.3f} = fit {r.fit:+.2f} + feasibility "
            f"{r.feasibility:+.2f}  {r.name} [{r.country}, {r.level}]  {parts}"
        )
        print(f"      {r.summary_vi if args.lang == 'vi' else r.summary_en}")
        for flag in r.flags:
            print(f"      ! {flag_message(flag.code, flag.params, args.lang)}")
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


def _project_report(
    engine: Engine, paths: list[Path], part: str, as_json: bool
) -> dict:
    """Evaluate on projects TSVs (``part``: all, tuning or held-out); print a table
    unless ``as_json``. A project listed twice counts once (``distinct_cases``)."""
    from matcher.project_evaluation import (
        distinct_cases,
        evaluate_projects,
        read_project_files,
        resolve_projects,
        split_projects,
    )

    rows = read_project_files(paths)
    if part != "all":
        tuning, held_out = split_projects(rows)
        rows = tuning if part == "tuning" else held_out
    cases, unresolved, skipped = resolve_projects(
        rows, engine.resolver, engine.feature_set.sectors
    )
    report = evaluate_projects(
        engine.matcher, distinct_cases(cases), unresolved=unresolved, skipped=skipped
    )
    data = {**report.to_json(), "weights_version": engine.weights.version, "part": part}
    if as_json:
        return data
    names = ", ".join(str(p) for p in paths)
    print(
        f"\n{names} ({part}): {report.n_cases} cases ({len(unresolved)} unresolved, "
        f"counted as misses; {len(skipped)} rows skipped), in-country ranking"
    )
    keys = ("recall@5", "recall@10", "recall@20", "mrr")
    print(f"  {'method':<16}{'arm':<10}" + "".join(f"{k:>11}" for k in keys))
    for name, arms in report.methods.items():
        for arm, metrics in arms.items():
            print(f"  {name:<16}{arm:<10}" + "".join(f"{metrics[k]:>11}" for k in keys))
    for item in unresolved + skipped:
        print(f"  row {item['row']}: {item['case']} — {item['reason']}")
    for item in report.self_vouching:
        print(f"  ! row {item['row']}: partner profile may cite the case: {item}")
    return data


def cmd_evaluate(args: argparse.Namespace) -> int:
    from matcher.evaluation import (
        cross_validated_evaluation,
        evaluate_pairs,
        global_held_out_evaluation,
        read_pairs,
        resolve_pairs,
    )
    from matcher.project_evaluation import card_metrics

    engine = _engine(args.weights)
    out: dict = {}
    if args.pairs:
        rows = read_pairs(args.pairs)
        pairs, unresolved = resolve_pairs(rows, engine.resolver)
        if args.cv:
            background = None
            if args.train_projects:
                from matcher.evaluation import clone_fitted
                from matcher.model import PartnerMatcher
                from matcher.training import project_queries

                base = clone_fitted(engine.matcher, PartnerMatcher().get_params())
                background = project_queries(
                    base, _tuning_projects(engine, args.train_projects)
                )
            report = cross_validated_evaluation(
                engine.matcher,
                pairs,
                unresolved=unresolved,
                folds=args.cv,
                background=background,
                background_weight=args.project_weight,
            )
            title = f"{args.pairs} ({args.cv}-fold: weights refitted without each fold"
            title += (
                f", with the projects' tuning part at {args.project_weight:.0%})"
                if background
                else ")"
            )
        else:
            report = evaluate_pairs(engine.matcher, pairs, unresolved=unresolved)
            title = f"{args.pairs} (weights {engine.weights.version})"
        cards = card_metrics(
            engine.matcher, [u.id for u in engine.catalog.vietnam_units()]
        )
        out = _print_report(
            title,
            report,
            args.json,
            {"weights_version": engine.weights.version, "cards": cards},
        )
        if not args.json:
            print(f"  top-10 cards of the 34 provinces: {json.dumps(cards)}")
    if args.projects:
        data = _project_report(engine, args.projects, args.part, args.json)
        out = {**out, "projects": data} if out else data
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
    if not args.pairs and not args.global_network and not args.projects:
        print(
            "partner-match: error: give --pairs FILE, --projects FILE and/or --global",
            file=sys.stderr,
        )
        return 1
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


def cmd_fit_weights(args: argparse.Namespace) -> int:
    from matcher.training import learn_weight_set
    from matcher.weights import save_weights

    settings = get_settings()
    engine = _engine()
    weight_set, _ = learn_weight_set(
        engine.matcher,
        projects=_tuning_projects(engine, args.projects),
        project_weight=args.project_weight,
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


def _tuning_projects(engine: Engine, paths: list[Path]) -> list:
    """The resolved tuning cases (never the held-out part) of projects TSVs, a
    project listed twice once (``distinct_cases``)."""
    from matcher.project_evaluation import (
        distinct_cases,
        read_project_files,
        resolve_projects,
        split_projects,
    )

    tuning, _ = split_projects(read_project_files(paths))
    cases, _, _ = resolve_projects(tuning, engine.resolver, engine.feature_set.sectors)
    return distinct_cases(cases)


def _write_document(engine: Engine, province: str, results, focus, args) -> int:
    """Write the ranking (its own explanations, for its ``focus``) as the document
    its file name ends with (docx/xlsx/csv)."""
    from service.documents import build_document, render

    doc = build_document(
        engine,
        kind="ranking",
        province_id=province,
        query=province,
        explained=results,
        focus=focus,
        lang=args.lang or "vi",
    )
    args.output.write_bytes(render(doc, _output_format(args.output)))
    print(f"{args.output}: {len(results)} partners for {doc.province_name}")
    return 0


OUTPUT_FORMATS = ("docx", "xlsx", "csv")


def _output_format(path: Path) -> str:
    """The document format a file name asks for (its suffix)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in OUTPUT_FORMATS:
        raise InvalidParameterError(
            "output", "a file name ending .docx, .xlsx or .csv", str(path)
        )
    return fmt


def add_match_commands(sub: argparse._SubParsersAction) -> None:
    """Register the matcher commands on the ``partner-match`` parser."""
    from service.cli.main import add_lang_argument

    p = sub.add_parser(
        "recommend", help="suggest foreign partners for a Vietnamese province"
    )
    p.add_argument(
        "province", help="a province: id (vn:48) or name (any spelling, old names too)"
    )
    _query_arguments(p)
    p.add_argument(
        "--weights", type=Path, default=None, help="a weight file (default: shipped)"
    )
    p.add_argument("--json", action="store_true")
    p.add_argument(
        "--output",
        type=Path,
        default=None,
        help="write the ranking as a document: FILE.docx, FILE.xlsx or FILE.csv",
    )
    add_lang_argument(p)
    # no --lang: English on screen, Vietnamese in a document (for a tờ trình)
    p.set_defaults(func=cmd_recommend, lang=None)

    p = sub.add_parser("evaluate", help="recover known ties: model against baselines")
    p.add_argument(
        "--pairs",
        type=Path,
        help="CSV with vn_province_2025, foreign_locality, country",
    )
    p.add_argument(
        "--projects",
        type=Path,
        action="append",
        default=[],
        help="cooperation projects TSV (repeatable): rank each partner in its "
        "country, with and without the project's sectors as the focus",
    )
    p.add_argument(
        "--train-projects",
        type=Path,
        action="append",
        default=[],
        help="with --cv: refit each fold from the ties and these projects' tuning "
        "part, as fit-weights --projects does",
    )
    p.add_argument(
        "--project-weight",
        type=float,
        default=0.5,
        help="with --train-projects: the projects' share of the objective",
    )
    p.add_argument(
        "--part",
        choices=("all", "tuning", "held-out"),
        default="all",
        help="which projects: all, the tuning part or the held-out 30 %% "
        "(matcher.project_evaluation.split_projects)",
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

    p = sub.add_parser(
        "fit-weights",
        help="learn the facet weights from known ties (and cooperation projects)",
    )
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
    p.add_argument(
        "--projects",
        type=Path,
        action="append",
        default=[],
        help="cooperation projects TSV (repeatable): their tuning part (never the "
        "held-out 30 %%) joins the ties, each ranked in its partner's country",
    )
    p.add_argument(
        "--project-weight",
        type=float,
        default=0.5,
        help="share of the objective carried by the projects (default 0.5)",
    )
    p.set_defaults(func=cmd_fit_weights)
