"""Evaluation of screening on labelled letters (``expected.json`` beside the texts).

Each letter is screened with :func:`~matcher.screening.screen_text` (no sender
hint) and judged on five criteria (:data:`CRITERIA`):

* ``party`` — for a party expected in the catalog: a catalog party of the expected
  country whose names include the expected name (compared folded; a Hangul name
  also by its romanisation: 통영시 is catalogued as Tongyeong), or the best
  resolver match of the expected name in that country; for a party not expected in
  the catalog: an ad-hoc party or a ``sender_unresolved``/``uncertain_party`` flag.
  A label may also give the catalog id the annotator looked the sender up as
  (``party_id``: a foreign place written by ear, ウムヌゴビ県 for Ömnögovĭ).
  The party's kind must equal the optional ``party_kind`` (default ``"foreign"``;
  ``"vietnamese_unit"`` for a letter a Vietnamese province writes).
* ``offers`` — expected sectors non-empty: at least half of them among the offers
  (``strength`` or ``interest``); expected empty: no offer of role ``strength``.
* ``seeks`` — the same for seeks (``need`` or ``interest``; empty: no ``need``).
* ``concreteness`` — the level equals the expected one.
* ``old_province`` — the old province names found equal the expected one (or none
  when none is expected), names compared folded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from features.errors import CatalogError
from features.names.folding import compact_key
from features.names.script import romanise_hangul, romanise_hanzi

__all__ = ["CRITERIA", "LetterResult", "ScreeningEvaluation", "evaluate_letters"]

_CJK_SUFFIX = re.compile(r"[県府都道市省区州縣县郡盟旗町村]$")
_HANGUL_SUFFIX = re.compile(
    r"(?<=[\uac00-\ud7a3])(?:특별자치도|특별자치시|특례시|특별시|광역시|도|시|군|구)$"
)
CRITERIA = ("party", "offers", "seeks", "concreteness", "old_province")
_EXPECTED_KEYS = (
    "file",
    "party_name",
    "party_country",
    "in_catalog_expected",
    "offers",
    "seeks",
    "concreteness",
    "mentions_old_province",
)


@dataclass(frozen=True)
class LetterResult:
    """One letter: pass/fail per criterion, and what was found (for the report)."""

    file: str
    passed: dict[str, bool]
    found: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class ScreeningEvaluation:
    """Per-letter results and the number passing each criterion."""

    letters: list[LetterResult]
    totals: dict[str, int]
    n_letters: int

    def to_json(self) -> dict:
        """A JSON-ready dict: totals, and per letter its criteria and findings."""
        return {
            "n_letters": self.n_letters,
            "totals": self.totals,
            "letters": [
                {"file": r.file, "passed": r.passed, "found": r.found}
                for r in self.letters
            ],
        }


def _sectors_ok(
    expected: list[str], claims, roles: tuple[str, ...], empty_role: str
) -> bool:
    found = {c.sector for c in claims if c.role in roles}
    if expected:
        return len(set(expected) & found) * 2 >= len(expected)
    return not any(c.role == empty_role for c in claims)


def _party_ok(item: dict, screening, engine) -> bool:
    party = screening.party
    codes = {f.code for f in screening.flags}
    if party.kind != item.get("party_kind", "foreign"):
        return False
    if not item["in_catalog_expected"]:
        return party.id is None or bool(
            codes & {"sender_unresolved", "uncertain_party"}
        )
    if party.id is None or party.country != item["party_country"]:
        return False
    if party.id == item.get("party_id"):
        return True
    name, country = item["party_name"], item["party_country"]
    forms = [name]
    if _CJK_SUFFIX.search(name) and len(name) > 2:
        forms.append(name[:-1])  # 静岡県 is catalogued as 静岡, 屏東縣 as 屏東
        if country in ("CN", "TW"):
            forms.append(romanise_hanzi(name[:-1]))  # 寿光市: Shouguang
    if (core := _HANGUL_SUFFIX.sub("", name)) != name and len(core) >= 2:
        forms.append(romanise_hangul(core))  # 통영시 is catalogued as Tongyeong
    if any(party.id in engine.resolver.exact_ids(f, country) for f in forms):
        return True
    best = engine.resolver.resolve(
        item["party_name"], country=item["party_country"], limit=1
    )
    return bool(best) and best[0].id == party.id


def evaluate_letters(
    folder: Path, screen: Callable[[bytes], object], engine
) -> ScreeningEvaluation:
    """Screen every letter of ``folder/expected.json`` and judge it (see module doc).

    Args:
        folder: Holds ``expected.json`` and the letters it names.
        screen: Screens raw bytes into a :class:`~matcher.screening.Screening`.
        engine: The loaded engine (catalog names and resolver for the party check).

    Returns:
        A :class:`ScreeningEvaluation`.

    Raises:
        CatalogError: ``expected.json`` is missing, malformed or names a missing
            file; the message names the file and the entry.
    """
    folder = Path(folder)
    path = folder / "expected.json"
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogError(
            f"cannot read the expected results: {exc}", file=str(path)
        ) from None
    results = []
    for number, item in enumerate(items, start=1):
        missing = [k for k in _EXPECTED_KEYS if k not in item]
        if missing:
            raise CatalogError(f"missing keys {missing}", file=str(path), row=number)
        letter = folder / item["file"]
        if not letter.is_file():
            raise CatalogError(
                f"no letter {item['file']!r}", file=str(path), row=number
            )
        s = screen(letter.read_bytes())
        old = [o.old_name for o in s.old_provinces]
        expected_old = item["mentions_old_province"]
        passed = {
            "party": _party_ok(item, s, engine),
            "offers": _sectors_ok(
                item["offers"], s.offers, ("strength", "interest"), "strength"
            ),
            "seeks": _sectors_ok(item["seeks"], s.seeks, ("need", "interest"), "need"),
            "concreteness": s.concreteness.level == item["concreteness"],
            "old_province": sorted(compact_key(o) for o in old)
            == ([compact_key(expected_old)] if expected_old else []),
        }
        found = {
            "party": {
                "id": s.party.id,
                "name": s.party.name,
                "country": s.party.country,
                "confidence": s.party.confidence,
                "kind": s.party.kind,
            },
            "offers": [f"{c.sector}:{c.role}" for c in s.offers],
            "seeks": [f"{c.sector}:{c.role}" for c in s.seeks],
            "concreteness": f"{s.concreteness.level} {s.concreteness.score:.3f}",
            "old_province": old,
        }
        results.append(LetterResult(item["file"], passed, found))
    totals = {c: sum(r.passed[c] for r in results) for c in CRITERIA}
    return ScreeningEvaluation(results, totals, len(results))
