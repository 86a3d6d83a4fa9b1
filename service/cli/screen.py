"""CLI commands of inbound screening: ``screen`` and ``screen-eval``."""

from __future__ import annotations

import argparse
import json
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from service.cli.text import _load_embedder, _read_input
from service.settings import PROJECT_ROOT, get_settings

if TYPE_CHECKING:  # the matcher (and scikit-learn) load only when a command runs
    from features.tagging.tagger import SectorTagger
    from matcher.engine import Engine

__all__ = ["add_screen_commands", "cmd_screen", "cmd_screen_eval", "DEFAULT_LETTERS"]

DEFAULT_LETTERS = PROJECT_ROOT / "tests" / "data" / "screening_letters"
_WIDTH = 100
_FLAG_HINTS = {"uncertain_party": " (--sender NAME)"}


def _load_components() -> tuple[Engine, SectorTagger]:
    """The engine and a tagger sharing its resolver (replaced in tests)."""
    from features.tagging.tagger import SectorTagger
    from matcher.engine import load_engine

    engine = load_engine(get_settings().data_dir)
    tagger = SectorTagger(
        engine.catalog.taxonomy, _load_embedder(), resolver=engine.resolver
    )
    return engine, tagger


def _cut(text: str | None, width: int = _WIDTH) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def cmd_screen(args: argparse.Namespace) -> int:
    """Screen a letter or page: party, offers/seeks, ranked provinces, flags."""
    from matcher.screening import screen_text
    from matcher.wording import flag_message
    from service.api.serialisation import screening_json

    text = _read_input(args.file)
    engine, tagger = _load_components()
    s = screen_text(
        text, sender=args.sender, country=args.country, engine=engine, tagger=tagger
    )
    if args.json:
        print(json.dumps(screening_json(s, args.lang), ensure_ascii=False, indent=2))
        return 0
    p = s.party
    where = (
        f"{p.id}, {p.country}" if p.id else f"ad hoc, {p.country or 'country unknown'}"
    )
    print(f"Party: {p.name or 'unknown'} ({where}), confidence {p.confidence:.2f}")
    print(f"Text: {s.text_kind}, {s.n_sentences} sentences, "
          f"{s.boilerplate_share:.0%} boilerplate dropped")  # fmt: skip
    for title, claims in (("Offers", s.offers), ("Seeks", s.seeks)):
        print(f"\n{title}:" + ("" if claims else " none named"))
        for c in claims:
            evidence = _cut(c.evidence[0] if c.evidence else "", 70)
            print(f"  {c.sector:<20} {c.role:<9} {c.score:.2f}  {evidence}")
    c = s.concreteness
    print(f"\nConcreteness: {c.level} ({c.score:.2f})")
    for part in c.contributions:
        if part.value:
            print(f"  {part.name:<16} {part.value:+.3f}  {_cut(part.evidence, 70)}")
    print("\nFlags:" + ("" if s.flags else " none"))
    for f in s.flags:
        message = flag_message(f.code, f.params, args.lang)
        print(f"  ! [{f.code}] {message}{_FLAG_HINTS.get(f.code, '')}")
    print("\nProvinces by fit:")
    if s.ask_sender_sectors:
        print(f"  {flag_message('ask_sender_sectors', {}, args.lang)}")
    for i, r in enumerate(s.provinces, start=1):
        parts = ", ".join(f"{x.label_en} {x.value:+.2f}" for x in r.contributions[:3])
        partner = any(f.code == "already_partner" for f in r.flags)
        mark = "  (already a partner)" if partner else ""
        print(f"{i:>3}. {r.score:6.3f}  {r.name} [{r.id}]  {parts}{mark}")
    return 0


def cmd_screen_eval(args: argparse.Namespace) -> int:
    """Screen the labelled letters and print pass/fail per criterion and totals."""
    from matcher.screening import screen_text
    from matcher.screening_eval import CRITERIA, evaluate_letters

    engine, tagger = _load_components()
    screen = partial(screen_text, engine=engine, tagger=tagger)
    report = evaluate_letters(args.folder, screen, engine)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(f"{report.n_letters} letters in {args.folder}\n")
    print(f"{'letter':<44}" + "".join(f"{c:>14}" for c in CRITERIA))
    for r in report.letters:
        marks = "".join(f"{'pass' if r.passed[c] else 'FAIL':>14}" for c in CRITERIA)
        print(f"{r.file:<44}{marks}")
    print(
        f"{'passed':<44}"
        + "".join(f"{report.totals[c]:>11}/{report.n_letters}" for c in CRITERIA)
    )
    return 0


def add_screen_commands(sub: argparse._SubParsersAction) -> None:
    """Register ``screen`` and ``screen-eval`` on the ``partner-match`` parser."""
    from service.cli.main import add_lang_argument, country_arg

    p = sub.add_parser("screen", help="screen an inbound letter or pasted page")
    p.add_argument("file", help="a UTF-8 text file, or - for stdin")
    p.add_argument("--sender", help="the sender's name (any spelling)")
    p.add_argument("--country", type=country_arg, help="the sender's country")
    p.add_argument("--json", action="store_true")
    add_lang_argument(p)
    p.set_defaults(func=cmd_screen)

    p = sub.add_parser("screen-eval", help="screening on the labelled letters")
    p.add_argument(
        "--folder",
        type=Path,
        default=DEFAULT_LETTERS,
        help="folder with expected.json and the letters (default: the test set)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_screen_eval)
