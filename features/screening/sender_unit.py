"""The unit a sender writes with its type word, and the country its letter shows.

"Landkreis Görlitz", "Sleman Regency", "Bayankhongor Aimag", "長野県小布施町役場",
"강원특별자치도 홍천군청": the type word says the unit's level
(:data:`~features.text.unit_words.UNIT_TYPE_WORDS`), and a chain of units names
the sender last (the town, not its prefecture). A catalog place of the same name
but another level is not the sender (Washington the state for "Washington County")
or only its seat (Görlitz the city for "Landkreis Görlitz"): :func:`level_fit` says
which. :func:`letter_country` reads the sender's country from the letterhead,
address and signature: a country's name, then the script (kana, Hangul, simplified
Chinese unit words).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from features.catalog.countries import exact_country, resolve_country
from features.errors import UnknownCountryError
from features.names.folding import fold
from features.text.unit_words import UNIT_TYPE_SUFFIXES, UNIT_TYPE_WORDS

__all__ = [
    "SEAT_CONFIDENCE",
    "ROMANISED_UNIT",
    "MULTI_WORD_TYPES",
    "WIDE_TYPE_ENDING",
    "written_level",
    "unit_chain",
    "level_fit",
    "letter_country",
    "leading_country",
    "country_written_before",
    "phone_country",
    "script_country",
]

# A county written, the catalog's same-named city found: its seat, perhaps the
# sender, flagged as uncertain (below screening's UNCERTAIN_PARTY).
SEAT_CONFIDENCE = 0.45
_WIDE = "\u3040-\u30ff\u3400-\u9fff々ヶ"
_WIDE_CHAR = re.compile(r"[\u3040-\u9fff\uac00-\ud7a3]")
_LATIN_TYPES = {
    fold(w): level
    for level, words in UNIT_TYPE_WORDS.items()
    for w in words
    if not _WIDE_CHAR.search(w)
}
# Type words of more than one word ("thành phố"), folded.
MULTI_WORD_TYPES = {w: level for w, level in _LATIN_TYPES.items() if " " in w}
_MULTI = (
    re.compile(r"\b(" + "|".join(map(re.escape, MULTI_WORD_TYPES)) + r")\b")
    if MULTI_WORD_TYPES
    else None
)
_WIDE_TYPES = sorted(
    ((w, level) for level, words in UNIT_TYPE_WORDS.items() for w in words
     if _WIDE_CHAR.search(w)),
    key=lambda p: -len(p[0]),
)  # fmt: skip
_CJK_SUFFIX = "|".join(w for w, _ in _WIDE_TYPES if not re.match(r"[\uac00-\ud7a3]", w))
_HANGUL_SUFFIX = "|".join(w for w, _ in _WIDE_TYPES if re.match(r"[\uac00-\ud7a3]", w))
# A CJK or Hangul unit's type ending ("県", "縣", "自治县", "광역시", "군").
WIDE_TYPE_ENDING = re.compile("(?:" + "|".join(w for w, _ in _WIDE_TYPES) + ")$")
# One unit of a chain: a name of 1-10 characters ending in a type character
# ("長野県", "上高井郡", "红河哈尼族彝族自治州"), shortest first; a middle dot
# lists another party ("宮城県・ベトナム省": two sides), it opens no name.
_CJK_UNIT = re.compile(rf"(?!・)[{_WIDE}]{{1,10}}?(?:自治州|自治县|{_CJK_SUFFIX})")
_HANGUL_UNIT = re.compile(
    rf"([\uac00-\ud7a3]{{1,8}}?)(?:{_HANGUL_SUFFIX})(?:청장|청|장|수|지사)?$"
)
# A Korean sentence's end ("… 이어가요~ 🙏", "… 박지훈입니다 😊"): a chat message or
# a greeting, not a letterhead ("내년에도" there is "next year too", no 도); a name
# may end in 다 ("주무관 김바다"), so only these endings count.
_HANGUL_SENTENCE = re.compile(r"[\uac00-\ud7a3](?:니다|요|죠|니까)[\s~!.?^♡\W]*$")
# What may follow a chain: a space, the line's end or an office ("人民政府", "役場").
# An office's name after the unit ends the chain too ("…自治州商务局", "…県農政部").
_CHAIN_END = re.compile(
    r"\s|$|・|人民政府|政府|庁|役所|市役所|役場|知事|長|国際|外事|办公室|委员会"
    r"|[\u4e00-\u9fff]{1,6}?(?:局|厅|廳|部|課|课|处|處|室|署|委员会|委員会)(?:\s|$)"
)
_WORD = re.compile(r"[^\W\d_]+")
_SUFFIX_LEVEL = {w: level for level, ws in UNIT_TYPE_SUFFIXES.items() for w in ws}
# A romanised unit with its hyphenated type ending: group 1 the name, 2 the ending.
ROMANISED_UNIT = re.compile(
    r"\b([^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*?)-("
    + "|".join(sorted(_SUFFIX_LEVEL, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
# A country's name ending an address or letterhead line ("3514-501 Viseu, Portugal",
# a form's "Country:   Canada").
_LAST_PIECE = re.compile(
    r"(?:^|[,·|/–—:：]\s*)([^\W\d_][^\W\d_ .'-]*(?:[ .'-][^\W\d_]+){0,3})\s*$"
)
# An international phone number ("Tél. : +33 (0)2 00 00 31 75").
_PHONE = re.compile(r"(?<![\w+])\+\s?\d[\d\s().\-–/]{6,}\d")
# A country in parentheses ending a line ("B-6700 Arlon (Belgique)").
_PAREN_END = re.compile(r"\s*\(([^()]{4,40})\)$")
_SCRIPT_COUNTRY = (
    (re.compile(r"[\u3040-\u30ff]"), "JP"),
    (re.compile(r"[\uac00-\ud7a3]"), "KR"),
)


def written_level(text: str) -> str | None:
    """The level the first type word of a Latin name or line means ("Landkreis
    Görlitz" → ``"admin2"``, "Hwasun-gun" → ``"admin2"``), or None without one."""
    if (m := ROMANISED_UNIT.search(text)) is not None:
        return _SUFFIX_LEVEL[m.group(2).lower()]
    folded = fold(text)
    if _MULTI is not None and (m := _MULTI.search(folded)) is not None:
        return MULTI_WORD_TYPES[m.group(1)]
    for word in _WORD.findall(folded):
        if word in _LATIN_TYPES:
            return _LATIN_TYPES[word]
    return None


def _wide_level(unit: str) -> str | None:
    for word, level in _WIDE_TYPES:
        if unit.endswith(word):
            return level
    return None


def unit_chain(line: str) -> list[tuple[str, str | None]]:
    """The chain of units a CJK or Hangul line opens with, outermost first, each
    with its level ("長野県小布施町役場" → 長野県, 小布施町; "창원특례시" → 창원시)."""
    text = line.strip()
    out: list[tuple[str, str | None]] = []
    pos = 0
    while (m := _CJK_UNIT.match(text, pos)) is not None and not (
        m.group().endswith(("政府", "知事府"))  # a government or governor's office
    ):
        out.append((m.group(), _wide_level(m.group())))
        pos = m.end()
    if out:
        return out if _CHAIN_END.match(text, pos) else []
    if _HANGUL_SENTENCE.search(text):
        return out
    for token in text.split():
        m = _HANGUL_UNIT.match(token)
        if m is None:
            break
        unit = token[: m.end(1)] + token[m.end(1) :].rstrip("청장수지사")
        level = _wide_level(unit)
        if unit.endswith("특례시"):  # a special city is catalogued as a city
            unit = m.group(1) + "시"
        out.append((unit, level))
    return out


def level_fit(written: str | None, level: str) -> float | None:
    """How far a catalog place of ``level`` can be a unit written as ``written``:
    1 (the same kind), :data:`SEAT_CONFIDENCE` (a county's same-named city, its
    seat, or a same-named first-level unit: 屏東縣 is first-level, Washington
    County is not) or None (another unit: a region for a town)."""
    if written is None or written == level:
        return 1.0
    if written == "admin1":
        return 1.0 if level == "admin2" else None  # provinces are admin2 in places
    if written == "admin2":  # a county may be first-level (縣 in TW, fylke in NO)
        return SEAT_CONFIDENCE
    if written == "city":
        return 1.0  # a municipality may be catalogued at any level (city-states)
    return 1.0 if level == "city" else None  # a town or village


def letter_country(lines: Iterable[str]) -> str | None:
    """The country a letter's letterhead, address and signature lines show: a
    country's name ending a line or opening a CJK or Hangul one ("モンゴル国
    ウムヌゴビ県知事"), else a phone number's calling code (:func:`phone_country`),
    else the script (kana: JP, Hangul: KR; Chinese is written in more than one
    country); None when nothing shows it."""
    lines = list(lines)
    for line in lines:
        m = _LAST_PIECE.search(_PAREN_END.sub(r", \1", line.strip()))
        if m and len(m.group(1)) >= 4:
            try:
                return resolve_country(m.group(1))
            except UnknownCountryError:
                pass
        if (code := leading_country(line)[0]) is not None:
            return code
    if (code := phone_country(lines)) is not None:
        return code
    text = "\n".join(lines)
    return script_country(text)


def script_country(text: str) -> str | None:
    """The one country whose script a text is written in: kana, Japan; Hangul,
    Korea (Chinese is written in more than one country); else None."""
    for pattern, code in _SCRIPT_COUNTRY:
        if pattern.search(text):
            return code
    return None


# The longest country name a CJK or Hangul text can open or end with.
_COUNTRY_CHARS = 12


def leading_country(line: str) -> tuple[str | None, str]:
    """The country a CJK or Hangul line opens with and the rest of the line
    ("モンゴル国 ウムヌゴビ県知事" → MN, "ウムヌゴビ県知事"; "몽골 셀렝게도" → MN,
    "셀렝게도"), or (None, the line)."""
    text = line.strip()
    if not _WIDE_CHAR.match(text):
        return None, line
    for end in range(min(len(text) - 1, _COUNTRY_CHARS), 1, -1):
        rest = text[end:].lstrip(" \u3000・")
        if rest and (code := exact_country(text[:end])) is not None:
            return code, rest
    return None, line


def country_written_before(text: str, name: str) -> str | None:
    """The country a text writes right before a CJK or Hangul name ("カザフスタン
    共和国クズロルダ州", "몽골 셀렝게도"), at any of its mentions, or None."""
    for m in re.finditer(re.escape(name), text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[max(line_start, m.start() - _COUNTRY_CHARS - 2) : m.start()]
        before = before.rstrip(" \u3000・")
        for start in range(max(0, len(before) - _COUNTRY_CHARS), len(before) - 1):
            if _WIDE_CHAR.match(before[start]) and (
                code := exact_country(before[start:])
            ):
                return code
    return None


def phone_country(lines: Iterable[str]) -> str | None:
    """The country of the first international phone number whose calling code is
    one country's (+33: France; not +1 or +7, shared by several), Vietnam's
    (the recipient's) skipped; None without one."""
    import phonenumbers  # imported on first use: a cold start does not pay for it

    for line in lines:
        for m in _PHONE.finditer(line):
            try:
                number = phonenumbers.parse(m.group(), None)
            except phonenumbers.NumberParseException:
                continue
            regions = phonenumbers.region_codes_for_country_code(number.country_code)
            if len(regions) == 1 and regions[0] not in ("VN", "ZZ", "001"):
                return regions[0]
    return None
