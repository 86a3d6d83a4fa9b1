"""Script helpers: which texts are CJK, accent-keeping comparison forms, phrase regexes.

CJK (Chinese and Japanese) texts are written without spaces, so their names and
cue words match as substrings; Latin-script ones match on word boundaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from features.names.folding import nfc

__all__ = [
    "is_cjk",
    "accent_form",
    "compact_accent_form",
    "phrase_pattern",
    "LATIN",
    "in_scripts",
]


def is_cjk(text: str) -> bool:
    """Whether ``text`` has a kana or CJK ideograph (unified, extension A, compat).

    Hangul, Bopomofo and the CJK compatibility symbols (e.g. ``㎞``) are not counted:
    they either use spaces or are not words.
    """
    return any(
        "\u3040" <= ch <= "\u30ff"
        or "\u3400" <= ch <= "\u9fff"
        or "\uf900" <= ch <= "\ufaff"
        for ch in text
    )


def accent_form(text: str) -> str:
    """Case-folded NFC text with Đ-like letters unified (Ð ð → đ), accents kept."""
    return " ".join(nfc(text).replace("Ð", "Đ").replace("ð", "đ").casefold().split())


def compact_accent_form(text: str) -> str:
    """:func:`accent_form` without spaces, punctuation or underscores."""
    return re.sub(r"[\W_]+", "", accent_form(text))


# Korean particles that attach to a noun (longest first).
_KO_PARTICLES = (
    "에서는|으로는|에서|에게|으로|까지|부터|과의|와의|에는|로는|이나|이며|이고"
    "|을|를|이|가|은|는|와|과|의|에|로|도|만|나"
)


def _is_hangul(text: str) -> bool:
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def phrase_pattern(
    phrases: Iterable[str],
    *,
    kind: Literal["cue", "statement"] = "cue",
    prefix_ok: bool = False,
) -> re.Pattern | None:
    """One regex for many phrases: Latin on word boundaries, CJK as substrings.

    ``kind="cue"``: cue and sector words, matched in lower-cased text, Korean on
    word boundaries. ``kind="statement"``: a letter's stated needs and strengths
    and its parts (:mod:`features.text.letter_phrases`), case-insensitive, Korean
    as substrings (its endings attach to the word). In both, ``…`` in a phrase
    stands for up to 40 characters of anything. With ``prefix_ok``, a Latin phrase
    of eight letters or more without a space may also start a longer word (a
    German compound). None for no phrase.
    """
    statement = kind == "statement"
    unique = {p for p in phrases if p}

    def wide(phrase: str) -> bool:
        return is_cjk(phrase) or (statement and _is_hangul(phrase))

    def body(phrase: str) -> str:
        return r".{0,40}?".join(re.escape(part) for part in phrase.split("…"))

    latin = sorted((p for p in unique if not wide(p)), key=lambda p: (-len(p), p))
    cjk = sorted((p for p in unique if wide(p)), key=lambda p: (-len(p), p))
    parts = []
    if latin:
        # a Korean word may carry its particle ("직업학교와", "계절근로자를")
        end = r"(?!\w)" if statement else rf"(?=(?:{_KO_PARTICLES})?(?!\w))"
        parts.append(rf"(?<!\w)(?:{'|'.join(body(p) for p in latin)}){end}")
    if prefix_ok:
        long = [p for p in latin if len(p) >= 8 and " " not in p]
        if long:
            parts.append(rf"(?<!\w)(?:{'|'.join(body(p) for p in long)})")
    if cjk:
        parts.append("|".join(body(p) for p in cjk))
    if not parts:
        return None
    return re.compile("|".join(parts), re.IGNORECASE if statement else 0)


# Latin letters with diacritics (Latin-1 to Extended-B, and Extended Additional:
# Vietnamese); ASCII is always allowed.
LATIN = (("\u00c0", "\u024f"), ("\u1e00", "\u1eff"))


def in_scripts(name: str, ranges) -> bool:
    """Whether every letter of ``name`` is ASCII or within one of the ``ranges``
    ((first, last) code-point pairs); other characters (digits, marks) pass."""
    return all(
        ch.isascii() or not ch.isalpha() or any(a <= ch <= b for a, b in ranges)
        for ch in name
    )
