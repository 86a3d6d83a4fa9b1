"""Robustness: the development letters as channels change them, screened with and
without the channel layer (``features.text.channel``).

Each letter is changed in a way that keeps its labels: hard-wrapped at 60 columns
(30 for CJK), pasted from a PDF (wrapped at 64 with words hyphenated, a page number
in the middle and "Page 2 of 2" at the end), forwarded under a Vietnamese note with
an e-mail header, quoted under a one-line note, indented with tabs and no-break
spaces. Prints, per change, how many of the letters' passing verdicts (party,
offers, seeks, concreteness, old province) the change costs, with the layer and
without it (the baseline, measured in the same run on the same letters).

    .venv/bin/python benchmarks/channel_noise.py [--folder DIR] [--changes pdf quote]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import textwrap
from functools import partial
from pathlib import Path

import features.screening.facts as facts
from features.embedding.embedder import TextEmbedder
from features.tagging.tagger import SectorTagger
from matcher import load_engine
from matcher.screening import screen_text
from matcher.screening_eval import CRITERIA, evaluate_letters
from service.settings import PROJECT_ROOT, get_settings

LETTERS = PROJECT_ROOT / "tests" / "data" / "screening_letters"
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]")
_NOTE = (
    "Kính gửi anh chị,\nEm chuyển tiếp thư dưới đây để anh chị xem xét.\n"
    "Trân trọng,\nLan\n\n---------- Forwarded message ---------\n"
    "From: Office <office@example.org>\nDate: Mon, 30 Nov 2026 at 09:12\n"
    "Subject: Letter\nTo: <desk@example.org>\n\n"
)


def _hyphenated(line: str, width: int) -> list[str]:
    out, current = [], ""
    for word in line.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        elif len(word) >= 7 and word.isalpha() and width - len(current) - 2 >= 3:
            cut = width - len(current) - 2
            out.append(f"{current} {word[:cut]}-")
            current = word[cut:]
        else:
            out.append(current)
            current = word
    return [*out, current]


def _wrapped(text: str, width: int = 60, hyphens: bool = False) -> list[str]:
    out = []
    for line in text.split("\n"):
        narrow = width // 2
        if _CJK.search(line) and " " not in line.strip() and len(line) > narrow:
            out += [line[i : i + narrow] for i in range(0, len(line), narrow)]
        elif len(line) > width and not _CJK.search(line):
            out += _hyphenated(line, width) if hyphens else textwrap.wrap(line, width)
        else:
            out.append(line)
    return out


def _pdf(text: str) -> str:
    lines = _wrapped(text, 64, hyphens=True)
    mid = len(lines) // 2
    return "\n".join([*lines[:mid], "", "- 1 -", "", *lines[mid:], "", "Page 2 of 2"])


CHANGES = {
    "hard_wrap": lambda t: "\n".join(_wrapped(t)),
    "pdf": _pdf,
    "forwarded": lambda t: _NOTE + t,
    "quoted": lambda t: (
        "FYI, see below.\n\n" + "\n".join(f"> {x}" if x else ">" for x in t.split("\n"))
    ),
    "tabs_and_nbsp": lambda t: "\n".join(
        f"\t{x.replace(' ', chr(0xA0), 2)}" if x.strip() else x for x in t.split("\n")
    ),
}


def _passes(folder: Path, screen, engine) -> dict[str, dict[str, bool]]:
    return {r.file: r.passed for r in evaluate_letters(folder, screen, engine).letters}


def _lost(base, changed) -> int:
    return sum(base[f][c] and not changed[f][c] for f in base for c in CRITERIA)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=LETTERS)
    parser.add_argument("--changes", nargs="*", default=list(CHANGES))
    args = parser.parse_args()
    settings = get_settings()
    engine = load_engine(settings.data_dir)
    embedder = TextEmbedder(model=settings.model, cache_dir=settings.cache_dir).load()
    tagger = SectorTagger(engine.catalog.taxonomy, embedder, resolver=engine.resolver)
    screen = partial(screen_text, engine=engine, tagger=tagger)
    items = json.loads((args.folder / "expected.json").read_text(encoding="utf-8"))
    layer = facts.unwrap_letter
    with tempfile.TemporaryDirectory() as tmp:
        base = {}
        for mode, unwrap in (("with", layer), ("without", lambda t: t)):
            facts.unwrap_letter = unwrap
            base[mode] = _passes(args.folder, screen, engine)
        verdicts = sum(map(sum, (p.values() for p in base["with"].values())))
        print(f"{len(items)} letters, {verdicts} passing verdicts with the layer")
        print(f"{'change':<16}{'lost with':>12}{'lost without':>15}{'ratio':>8}")
        for name in args.changes:
            folder = Path(tmp) / name
            folder.mkdir()
            for item in items:
                notice, _, body = (
                    (args.folder / item["file"])
                    .read_text(encoding="utf-8")
                    .partition("\n")
                )
                changed = CHANGES[name](body)
                (folder / item["file"]).write_text(f"{notice}\n{changed}", "utf-8")
            shutil.copy(args.folder / "expected.json", folder / "expected.json")
            lost = {}
            for mode, unwrap in (("with", layer), ("without", lambda t: t)):
                facts.unwrap_letter = unwrap
                lost[mode] = _lost(base[mode], _passes(folder, screen, engine))
            ratio = lost["without"] / max(lost["with"], 1)
            print(f"{name:<16}{lost['with']:>12}{lost['without']:>15}{ratio:>7.1f}×")
    facts.unwrap_letter = layer


if __name__ == "__main__":
    main()
