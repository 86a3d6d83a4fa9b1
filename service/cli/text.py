"""CLI commands that read free text (``tag``, ``tag-eval``)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from features.catalog.loading import Catalog, load_catalog
from features.errors import TextInputError
from service.settings import PROJECT_ROOT, get_settings

if TYPE_CHECKING:  # the embedder, tagger and reader load when a command runs
    from features.embedding.embedder import TextEmbedder
    from features.tagging.tagger import SectorTagger

__all__ = ["add_text_commands", "cmd_tag", "cmd_tag_eval", "DEFAULT_LABELLED"]

DEFAULT_LABELLED = PROJECT_ROOT / "tests" / "data" / "tagging_labelled.csv"
_EVIDENCE_WIDTH = 100


def _load_catalog() -> Catalog:
    return load_catalog(get_settings().data_dir)


def _load_embedder() -> TextEmbedder:
    from features.embedding.embedder import EmbeddingCache, TextEmbedder

    settings = get_settings()
    return TextEmbedder(
        model=settings.model,
        cache_dir=settings.cache_dir,
        cache=EmbeddingCache(Path(settings.cache_dir) / "embeddings.sqlite"),
    )


def _load_tagger(catalog: Catalog, *, with_resolver: bool) -> SectorTagger:
    from features.names.resolver import NameResolver
    from features.tagging.tagger import SectorTagger

    resolver = NameResolver(catalog) if with_resolver else None
    return SectorTagger(catalog.taxonomy, _load_embedder(), resolver=resolver)


def _read_input(source: str) -> str:
    """Bytes of FILE or of stdin (``-``), checked by :func:`read_text`."""
    from features.text.reading import read_text

    if source == "-":
        stream = getattr(sys.stdin, "buffer", None)
        data = stream.read() if stream is not None else sys.stdin.read()
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise TextInputError(
                reason="unreadable_file",
                params={"source": source, "reason": exc.strerror or exc},
            ) from None
    return read_text(data)


def cmd_tag(args: argparse.Namespace) -> int:
    """Print the sectors and localities of a text."""
    text = _read_input(args.file)
    result = _load_tagger(_load_catalog(), with_resolver=True).tag(text)
    if args.json:
        payload = {
            "sectors": [
                {
                    "sector": m.sector,
                    "label_en": m.label_en,
                    "role": m.role,
                    "score": m.score,
                    "evidence": list(m.evidence),
                }
                for m in result.sectors
            ],
            "localities": [
                {"id": loc.id, "name": loc.name, "country": loc.country}
                for loc in result.localities
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"Boilerplate dropped: {result.boilerplate_share:.0%} of the characters")
    if not result.sectors:
        print("\nNo sector found.")
    else:
        print(f"\n{'sector':<20} {'role':<9} {'score':>5}  evidence")
        for m in result.sectors:
            evidence = m.evidence[0] if m.evidence else ""
            if len(evidence) > _EVIDENCE_WIDTH:
                evidence = evidence[: _EVIDENCE_WIDTH - 1] + "…"
            print(f"{m.sector:<20} {m.role:<9} {m.score:>5.2f}  {evidence}")
    if not result.localities:
        print("\nNo locality found.")
    else:
        print(f"\n{'id':<14} {'country':<7} {'mentions':>8}  name (as written)")
        for loc in result.localities:
            print(
                f"{loc.id:<14} {loc.country:<7} {loc.mentions:>8}  {loc.name}"
                f" ({loc.matched})"
            )
    return 0


def cmd_tag_eval(args: argparse.Namespace) -> int:
    from features.tagging.evaluation import evaluate_tagging, load_labelled

    """Print precision, recall and F1 per sector, macro-F1 and role accuracy."""
    catalog = _load_catalog()
    examples = load_labelled(args.file, catalog.taxonomy)
    tagger = _load_tagger(catalog, with_resolver=False)
    report = evaluate_tagging(tagger, examples)

    def num(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 4)

    if args.json:
        payload = {
            "file": str(args.file),
            "n_sentences": report.n_sentences,
            "macro_f1": num(report.macro_f1),
            "micro_f1": num(report.micro_f1),
            "role_accuracy": num(report.role_accuracy),
            "role_support": report.role_support,
            "per_sector": [
                {
                    "sector": s.sector,
                    "precision": num(s.precision),
                    "recall": num(s.recall),
                    "f1": num(s.f1),
                    "support": s.support,
                    "predicted": s.predicted,
                }
                for s in report.per_sector
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"{report.n_sentences} labelled sentences in {args.file}\n")
    print(f"{'sector':<20} {'P':>5} {'R':>5} {'F1':>5} {'gold':>5} {'pred':>5}")
    for s in report.per_sector:
        print(
            f"{s.sector:<20} {s.precision:>5.2f} {s.recall:>5.2f} {s.f1:>5.2f}"
            f" {s.support:>5} {s.predicted:>5}"
        )
    print(f"\nmacro-F1 {report.macro_f1:.3f}   micro-F1 {report.micro_f1:.3f}")
    print(
        f"role accuracy {report.role_accuracy:.3f} on {report.role_support} sentences "
        "with a correct sector"
    )
    return 0


def add_text_commands(sub: argparse._SubParsersAction) -> None:
    """Register the text commands on the ``partner-match`` parser."""
    p = sub.add_parser("tag", help="sectors, roles and localities of a text")
    p.add_argument("file", help="a UTF-8 text file, or - for stdin")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tag)

    p = sub.add_parser("tag-eval", help="score the sector tagger on labelled sentences")
    p.add_argument(
        "--file",
        type=Path,
        default=DEFAULT_LABELLED,
        help="labelled CSV: id,lang,text,sectors,role (default: the test set)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_tag_eval)
