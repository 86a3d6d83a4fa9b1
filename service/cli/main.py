"""The ``partner-match`` command line: one sentence on error, exit code 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from features.catalog.countries import country_name, resolve_country
from features.catalog.coverage import coverage_stats
from features.catalog.loading import LEVELS, Catalog, load_catalog
from features.errors import LANGUAGES, PartnerMatchError, UnknownLocalityError
from features.names.resolver import NameResolver
from service.settings import get_settings

__all__ = [
    "main",
    "build_parser",
    "OneLineParser",
    "UsageError",
    "add_lang_argument",
]


def _catalog() -> Catalog:
    return load_catalog(get_settings().data_dir)


def cmd_build(args: argparse.Namespace) -> int:
    from features.build.pipeline import build_catalog  # the build's reference readers

    settings = get_settings()
    reference = args.reference_data or settings.reference_data
    if reference is None:
        raise PartnerMatchError(
            "no reference data folder: pass --reference-data DIR or set "
            "PARTNER_MATCH_REFERENCE_DATA (../shared/data is not beside this checkout)"
        )
    embedder = None
    if not args.no_embed:
        from features.embedding.embedder import TextEmbedder

        embedder = TextEmbedder(settings.model, cache_dir=settings.cache_dir)
    report = build_catalog(
        reference, settings.data_dir, progress=not args.quiet, embedder=embedder
    )
    print(f"catalog written to {report.folder}")
    print(json.dumps(report.counts["localities"], ensure_ascii=False))
    print(json.dumps(report.counts["profile_texts"], ensure_ascii=False))
    if embedder is not None:
        from features.featureset import build_feature_set
        from features.paths import TEXT_VECTORS

        fs = build_feature_set(
            load_catalog(settings.data_dir),
            embedder,
            text_vectors_path=settings.data_dir / TEXT_VECTORS,
        )
        print(f"profile texts embedded: {int(fs.text_known.sum()):,} ({fs.model_id})")
    return 0


def _note(candidate, lang: str) -> str | None:
    """Why a candidate of another name is shown, in ``lang``."""
    from matcher.wording import search_note

    c = candidate
    return c.note and search_note(c.note, c.matched_name, c.name, lang, c.successors)


def cmd_resolve(args: argparse.Namespace) -> int:
    resolver = NameResolver(_catalog())
    candidates = resolver.resolve(args.name, country=args.country, level=args.level)
    if args.json:
        print(
            json.dumps(
                {
                    "query": args.name,
                    "candidates": [
                        {
                            "id": c.id,
                            "name": c.name,
                            "country": c.country,
                            "level": c.level,
                            "score": c.score,
                            "matched_name": c.matched_name,
                            "note": _note(c, args.lang),
                        }
                        for c in candidates
                    ],
                    **(
                        {}
                        if candidates
                        else {"suggestions": resolver.suggest(args.name)}
                    ),
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0 if candidates else 1
    if not candidates:
        raise UnknownLocalityError(args.name, resolver.suggest(args.name))
    for c in candidates:
        note = f"  ({_note(c, args.lang)})" if c.note else ""
        print(f"{c.score:.3f}  {c.id:<14} {c.name} [{c.country}, {c.level}]{note}")
    return 0


def cmd_catalog_stats(args: argparse.Namespace) -> int:
    catalog = _catalog()
    by_level = Counter(loc.level for loc in catalog.localities)
    by_country = Counter(loc.country for loc in catalog.localities)
    levels_by_country: dict[str, Counter] = {}
    for loc in catalog.localities:
        levels_by_country.setdefault(loc.country, Counter())[loc.level] += 1
    counts = catalog.manifest.get("counts", {})
    tie_rows = counts.get("tie_rows", {})
    share = {}
    for origin in ("vn_dev", "hekman", "wikidata"):
        linked = tie_rows.get(f"{origin}:linked", 0)
        total = linked + tie_rows.get(f"{origin}:unlinked", 0)
        share[origin] = {
            "linked": linked,
            "rows": total,
            "share": round(linked / total, 3) if total else None,
        }
    profiles = Counter((p.method.split(":")[0], p.role) for p in catalog.profiles)
    stats = {
        "localities": len(catalog),
        "by_level": dict(sorted(by_level.items())),
        "countries": len(by_country),
        "top_countries": {
            cc: dict(sorted(levels_by_country[cc].items()))
            for cc, _ in by_country.most_common(args.top)
        },
        "ties_linked": share,
        "unlinked_reasons": counts.get("unlinked_reasons", {}),
        "profiles": {f"{m}/{r}": n for (m, r), n in sorted(profiles.items())},
        "vietnam_units": len(catalog.vietnam_units()),
        **coverage_stats(catalog),
    }
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(
        f"{stats['localities']:,} localities in {stats['countries']} countries "
        f"({stats['vietnam_units']} Vietnamese units)"
    )
    for level in LEVELS:
        print(f"  {level:<7} {by_level.get(level, 0):>7,}")
    print(f"\nTop {args.top} countries by candidates (admin1 / admin2 / city):")
    for cc, levels in stats["top_countries"].items():
        print(
            f"  {cc} {country_name(cc):<28} {levels.get('admin1', 0):>5} "
            f"{levels.get('admin2', 0):>5} {levels.get('city', 0):>6}"
        )
    print("\nKnown ties linked to catalog ids:")
    for origin, s in share.items():
        pct = f"{100 * s['share']:.1f} %" if s["share"] is not None else "n/a"
        print(f"  {origin:<9} {s['linked']:>6,} of {s['rows']:>6,} rows  ({pct})")
        for reason, n in stats["unlinked_reasons"].get(origin, {}).items():
            print(f"      unlinked: {n:>5,}  {reason}")
    coop = stats["cooperation"]
    print(
        f"\nCooperation record: {coop['projects']:,} cited projects of "
        f"{coop['localities']:,} foreign localities in {coop['countries']} countries"
    )
    print("\nProfile entries (method/role):")
    for key, n in stats["profiles"].items():
        print(f"  {key:<20} {n:>7,}")
    print("\nForeign localities with a locality-level value > 0 (strength / need):")
    for sector, c in stats["foreign_coverage"].items():
        print(f"  {sector:<22} {c['strength']:>6,} {c['need']:>6,}")
    print(
        f"  with a need: {stats['foreign_with_need']:,} (any scope: "
        f"{stats['foreign_with_need_any_scope']:,}); with a profile text: "
        f"{stats['foreign_with_text']:,}; country-level share of values: "
        f"{100 * stats['country_level_share']:.1f} %"
    )
    return 0


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang vi|en`` after a command: the same option as before it (flags, notes,
    summaries and errors); given in neither place, the top-level default (en)."""
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,
        help="language of flags, notes, summaries and errors (default: en)",
    )


def country_arg(text: str) -> str:
    try:
        return resolve_country(text)
    except PartnerMatchError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class UsageError(PartnerMatchError, ValueError):
    """A command line argparse cannot read (unknown choice, not a number, …)."""

    code = "usage_error"


class OneLineParser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one sentence and exit code 1.

    Sub-command parsers inherit the class (``add_subparsers`` uses the parent's).
    """

    def error(self, message: str):
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = OneLineParser(
        prog="partner-match",
        description="Partner-matching for Vietnam's sub-national diplomacy.",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of answers and error messages",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="rebuild the catalog from the raw reference data")
    p.add_argument(
        "--reference-data",
        type=Path,
        default=None,
        help="folder of raw reference data (default ../shared/data)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--no-embed",
        action="store_true",
        help="do not embed or tag new profile texts (reuse data/features/ caches)",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("resolve", help="find a locality by any of its names")
    p.add_argument("name")
    p.add_argument(
        "--country", type=country_arg, help="ISO 3166-1 code or country name"
    )
    p.add_argument("--level", choices=LEVELS)
    p.add_argument("--json", action="store_true")
    add_lang_argument(p)
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("catalog", help="inspect the catalog")
    csub = p.add_subparsers(dest="catalog_command", required=True)
    s = csub.add_parser("stats", help="candidates by level and country; linked ties")
    s.add_argument("--top", type=int, default=25)
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_catalog_stats)

    from service.cli.text import add_text_commands

    add_text_commands(sub)

    from service.cli.match import add_match_commands

    add_match_commands(sub)

    from service.cli.screen import add_screen_commands

    add_screen_commands(sub)

    from service.cli.serve import add_service_commands

    add_service_commands(sub)
    return parser


def _one_line(text: str) -> str:
    return " ".join(text.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error prints one sentence to stderr and returns 1."""
    lang = "en"
    try:
        args = build_parser().parse_args(argv)
        lang = args.lang or "en"
        return args.func(args)
    except PartnerMatchError as exc:
        message = exc.message(lang)
    except Exception as exc:  # noqa: BLE001 - the command line's last boundary
        message = f"unexpected {type(exc).__name__}: {exc}"
    print(f"partner-match: error: {_one_line(message)}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
