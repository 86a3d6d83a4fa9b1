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
    "romanise_hangul",
    "romanise_hanzi",
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


# Korean particles that attach to a noun (longest first), and the endings of a
# noun made a verb with 하다 ("투자할", "협력하는", "교류하고").
_KO_PARTICLES = (
    "에서는|으로는|에서|에게|으로|까지|부터|과의|와의|에는|로는|이나|이며|이고"
    "|합니다|하여|하고|하는|하며|하기|할|한|해"
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


# Revised Romanization of Korean (2000), letter by letter: initials, vowels, finals.
_RR_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_RR_VOWELS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_RR_FINALS = ["", *"k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()]


def romanise_hangul(text: str) -> str:
    """The Revised Romanization of a Hangul name, syllable by syllable ("통영" →
    "tongyeong", "인천" → "incheon"): the catalog knows some Korean places only
    in Latin letters. A final before a vowel is read as its initial form; the
    other sound changes are left to the resolver's fuzzy match."""
    out: list[str] = []
    syllables = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    for i, ch in enumerate(syllables):
        code = ord(ch) - 0xAC00
        initial, vowel, final = code // 588, (code % 588) // 28, code % 28
        lead = _RR_INITIALS[initial].strip("-")
        if i == 0 and lead == "r":
            lead = "n" if _RR_VOWELS[vowel].startswith(("y", "i")) else "r"
        tail = _RR_FINALS[final]
        nxt = syllables[i + 1] if i + 1 < len(syllables) else None
        if nxt and tail and tail != "ng" and (ord(nxt) - 0xAC00) // 588 == 11:
            tail = {"k": "g", "t": "d", "p": "b", "l": "r"}.get(tail, tail)
        out.append(lead + _RR_VOWELS[vowel] + tail)
    return "".join(out)


def romanise_hanzi(text: str) -> str:
    """The pinyin of a Chinese place name, without tones ("寿光" → "shouguang",
    through pypinyin): the catalog knows some Chinese towns in Latin letters only.
    Readings of rare characters can differ; the caller accepts only a sure match."""
    import pypinyin  # imported on first use: a cold start does not pay for it

    return "".join(pypinyin.lazy_pinyin(text))
