"""Locality extraction: which catalog localities a free text names.

Candidate spans come from the main content only (boilerplate removed, see
:func:`features.text.reading.main_content`):

* capitalised word sequences (Latin letters with any diacritics, joined by spaces,
  hyphens or lowercase particles such as "de", "am", "sur"), and their sub-spans
  when the whole does not resolve — unless the sequence is a person's name (it
  follows a title such as "Đại sứ", "ông", "Mayor", "Herr", or starts with a common
  Vietnamese family name);
* the name after a type word ("tỉnh", "thành phố", "TP.", "huyện", "province of",
  "city of", "Stadt", "ville de", "préfecture de" …), which also lifts the
  restrictions on single words;
* CJK names ending in 県, 府, 都, 道, 市, 省, 区, 州 (tried with and without it);
* a country in parentheses after a name, "tỉnh Friesland (Hà Lan)", restricts that
  name to the country.

Each candidate is resolved with :meth:`features.names.resolver.NameResolver.resolve` and
kept only when the match is exact (score ≥ 0.95) on a catalog name equal to the span
itself (case, punctuation and, for an accented span, accents aside), the name is
longer than three characters (CJK excepted), and the span is neither a country nor
a frequent capitalised non-place word (titles, institutions, months …). A single
word is kept only with a type word, or when it is the locality's own name
(Vietnamese syllables), or when it is capitalised somewhere other than at the start
of a sentence. Ties between localities go to the country named in parentheses, then
to the countries the text names most, then to Vietnam.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from babel import Locale

from features.catalog.countries import (
    NAME_LANGUAGES,
    country_name,
    country_name_vi,
    resolve_country,
)
from features.errors import UnknownCountryError
from features.names.folding import compact_key
from features.names.resolver import Candidate, NameResolver
from features.names.script import compact_accent_form, is_cjk
from features.params import POSITIVE_INTEGER, validate_params
from features.text.reading import Sentence, main_content

__all__ = ["LocalityMention", "extract_localities", "STOP_WORDS"]

MIN_SCORE = 0.95
_TIE = 0.03

# Frequent capitalised words and phrases that are not places (compared folded,
# without spaces), in vi/en/fr/de: titles, job titles of a signature, institutions,
# months, weekdays, articles.
STOP_WORDS = frozenset(
    compact_key(w)
    for w in """
    Việt Nam|Phó Chủ tịch|Chủ tịch|Phó Thủ tướng|Thủ tướng|Bộ trưởng|Thứ trưởng
    |Đại sứ|Tổng Lãnh sự|Lãnh sự|Thị trưởng|Tỉnh trưởng|Thống đốc|Giám đốc|Hội đồng
    |UBND|HĐND|MTTQ|TTXVN|Bộ|Ban|Sở|Hội|Hội nghị|Đảng|Quốc hội|Chính phủ|Nhà nước
    |Liên hiệp|Liên minh|Đại hội|Trung ương|Nghị quyết|Tết|Xuân|Phật|Video|Infographic
    |Multimedia|Theo|Nguồn|Ảnh|Ngày|Tháng|Năm|Sáng|Chiều|Tối|Thứ Hai|Thứ Ba|Thứ Tư
    |Thứ Năm|Thứ Sáu|Thứ Bảy|Chủ nhật|January|February|March|April|May|June|July
    |August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday
    |Friday|Saturday|Sunday|Januar|Februar|März|Juni|Juli|Oktober|Dezember|Montag
    |Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|janvier|février|mars|avril
    |mai|juin|juillet|août|septembre|octobre|novembre|décembre|lundi|mardi|mercredi
    |jeudi|vendredi|samedi|dimanche|The|This|That|These|Our|We|Mayor|Governor
    |Ambassador|Minister|President|Prime Minister|Chairman|Council|Department
    |Ministry|University|Embassy|Province|City|State|Region|Europe|European Union
    |Asia|Africa|America|EU|ASEAN|UNESCO|Covid|Le|La|Les|Un|Une|Der|Die|Das|Ein|Eine
    |Monsieur|Madame|Herr|Frau|Bürgermeister|Maire|Ambassadeur|Ministre|Région
    |Conseil|Ville|Stadt|Land|Kreis|International|National|Global|Center|Centre
    |Zentrum|Plan|World|Vision|Happy|Phiên|Đọc|Xem|Tin|Officer|Director|Manager
    |Adviser|Advisor|Secretary|Head|Chief|Coordinator|Consul|Attaché|Chargé|Chargée
    |Leiter|Leiterin|Referent|Referentin|Directeur|Directrice|Senior|Canton|Kanton
    |Shire|Borough|Commune|Gemeinde|Royaume|Kingdom|Republic|République
    """.replace("\n", "").split("|")
    if w.strip()
)
# Words right before a person's name.
_PERSON_TITLES = re.compile(
    r"(?:đại sứ|thị trưởng|tỉnh trưởng|thống đốc|chủ tịch|bộ trưởng|thứ trưởng|"
    r"thủ tướng|bí thư|giám đốc|trưởng ban|phó|ông|bà|anh|chị|ngài|tiến sĩ|giáo sư|"
    r"nhà báo|phóng viên|mr|mrs|ms|dr|prof|mayor|governor|ambassador|minister|"
    r"president|chairman|herr|frau|bürgermeister|botschafter|m|mme|maire|"
    r"ambassadeur|ministre|président|đắc cử|nhiệm|nhậm chức)\.?\s*$",
    re.IGNORECASE,
)
_VI_SURNAMES = frozenset(
    compact_key(w)
    for w in (
        "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh "
        "Đào Đoàn Trương Lương Trịnh Mai Tô Hà Lâm Tạ Cao Chu Kiều Lưu Văn Thái Châu"
    ).split()
)
# Capitalised titles that open a run of capitalised words: "Mayor Peter Long".
_LEADING_TITLE = re.compile(
    r"(?:Mayor|Governor|Ambassador|Minister|President|Chairman|Senator|Consul|Mr|Mrs"
    r"|Ms|Dr|Prof|Sir|Herr|Frau|Bürgermeister|Botschafter|Monsieur|Madame|Maire"
    r"|Ambassadeur|Ministre|Président|Ông|Bà|Ngài)\.?[ -]+"
)
_TYPE_BEFORE = re.compile(
    r"(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|thị trấn|bang|vùng|xã|"
    r"province of|city of|prefecture of|state of|county of|region of|"
    r"stadt|landkreis|bundesland|kreis|gemeinde|"
    r"ville de|ville d'|province de|préfecture de|région|département de|"
    r"département du|département d'|commune de|métropole de)\s*$",
    re.IGNORECASE,
)
_TYPE_AFTER = re.compile(
    r"^\s+(?:Prefecture|Province|City|State|County|Region|Oblast|Municipality|"
    r"District|Department)\b"
)
_TYPE_WORDS_IN_SPAN = re.compile(
    r"\s+(?:Prefecture|Province|City|State|County|Region|Oblast|Municipality|"
    r"District|Department)$"
)
# a word without an English possessive ending ("Tacoma's" → "Tacoma")
_WORD = re.compile(r"[^\W\d_](?:[\w’']*[^\W_])?(?<![’']s)")
_PARTICLE = re.compile(
    r"de|du|des|la|le|sur|sous|lès|les|en|am|an|der|im|upon|on|di|del"
)
_CJK_PLACE = re.compile(r"[\u3400-\u9fff々]{1,6}?[県府都道市省区州]")
# A Hangul unit name with its type ending, before a particle or an office
# ("인천광역시는", "통영시장", "경상남도의"): group 1 is the name with its ending.
_HANGUL_TYPES = "특별자치도|특별자치시|특별시|광역시|특례시|도|시|군|구"
_HANGUL_PLACE = re.compile(
    rf"(?<![\uac00-\ud7a3])([\uac00-\ud7a3]{{2,8}}?(?:{_HANGUL_TYPES}))"
    r"(?=(?:은|는|이|가|의|에|에서|와|과|로|으로|를|을|께서|도|청|장)?(?:[^\uac00-\ud7a3]|$))"
)
_HANGUL_END = re.compile(rf"(?:{_HANGUL_TYPES})$")
_PAREN_AFTER = re.compile(r"^\s*\(([^()]{2,40})\)")
_VI_DIACRITIC = re.compile(
    r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class LocalityMention:
    """A catalog locality named in a text.

    ``mentions`` counts the spans that resolved to it in the main content,
    ``confidence`` is the best resolver score, ``first_offset`` the offset of its
    first span in the source text, ``matched`` that span's text.
    """

    id: str
    name: str
    country: str
    level: str
    mentions: int
    confidence: float
    first_offset: int
    matched: str


@dataclass(frozen=True)
class _Span:
    text: str
    start: int
    typed: bool
    country: str | None
    sentence_initial: bool
    part: bool = False  # a sub-span of a longer capitalised sequence


@cache
def _country_keys() -> dict[str, str]:
    """Compact country names in the languages letters arrive in → ISO alpha-2."""
    import pycountry

    keys: dict[str, str] = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "common_name", ""), country_name(c.alpha_2)]
        names.append(country_name_vi(c.alpha_2))
        names.extend(
            Locale(lang).territories.get(c.alpha_2, "") for lang in NAME_LANGUAGES
        )
        for name in names:
            if name:
                keys.setdefault(compact_key(name), c.alpha_2)
    return keys


def _country_of(text: str) -> str | None:
    """ISO code when ``text`` is exactly a country's name (no fuzzy matching)."""
    key = compact_key(text)
    if not key:
        return None
    if key in _country_keys():
        return _country_keys()[key]
    try:
        code = resolve_country(text)
    except UnknownCountryError:
        return None
    names = {compact_key(country_name(code)), compact_key(country_name_vi(code))}
    return code if key in names else None


def _sequences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the runs of capitalised words in ``text``.

    Words are joined by single spaces or hyphens; a lowercase particle ("de", "am",
    "sur" …) may sit between two capitalised words.
    """
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not words[i][2][0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(words):
            gap = text[words[j][1] : words[j + 1][0]]
            nxt = words[j + 1][2]
            if gap in (" ", "-") and nxt[0].isupper():
                j += 1
                continue
            if (
                gap in (" ", "-")
                and _PARTICLE.fullmatch(nxt)
                and j + 2 < len(words)
                and text[words[j + 1][1] : words[j + 2][0]] in (" ", "-")
                and words[j + 2][2][0].isupper()
            ):
                j += 2
                continue
            break
        runs.append((words[i][0], words[j][1]))
        i = j + 1
    return runs


def _spans(sentence: Sentence) -> list[_Span]:
    """Candidate spans of one sentence (see the module docstring)."""
    text = sentence.text
    out: list[_Span] = []
    for a, b in _sequences(text):
        person = False
        while (m := _LEADING_TITLE.match(text, a, b)) is not None:
            a, person = m.end(), True
        if a >= b:
            continue
        raw = text[a:b]
        before, after = text[:a], text[b:]
        typed = bool(_TYPE_BEFORE.search(before)) or bool(_TYPE_AFTER.match(after))
        country = None
        paren = _PAREN_AFTER.match(after)
        if paren:
            country = _country_of(paren.group(1))
        person = person or bool(_PERSON_TITLES.search(before))
        initial = not before.strip(" \"'“‘«([-–—")
        out.extend(_sub_spans(raw, sentence.start + a, typed, country, person, initial))
    for m in _CJK_PLACE.finditer(text):
        out.append(_Span(m.group(), sentence.start + m.start(), True, None, False))
    for m in _HANGUL_PLACE.finditer(text):
        out.append(_Span(m.group(1), sentence.start + m.start(), True, None, False))
    return out


def _sub_spans(
    raw: str, start: int, typed: bool, country: str | None, person: bool, initial: bool
) -> list[_Span]:
    """The whole sequence first, then (unless it names a person) its sub-spans."""
    spans = [_Span(raw, start, typed, country, initial)]
    tokens = list(_WORD.finditer(raw))
    if len(tokens) < 2 or person:
        return spans
    if (
        compact_key(tokens[0].group()) in _VI_SURNAMES
        and " " in raw
        and len(tokens) <= 4
    ):
        return spans
    for size in range(len(tokens) - 1, 0, -1):
        for i in range(len(tokens) - size + 1):
            first, last = tokens[i], tokens[i + size - 1]
            if not first.group()[0].isupper() or not last.group()[0].isupper():
                continue
            piece = raw[first.start() : last.end()]
            spans.append(
                _Span(
                    piece,
                    start + first.start(),
                    False,
                    country,
                    initial and i == 0,
                    part=True,
                )
            )
    return spans


def _wide(text: str) -> bool:
    """Whether a span is CJK or Hangul (names without spaces, read with a type
    ending)."""
    return is_cjk(text) or any("\uac00" <= ch <= "\ud7a3" for ch in text)


def _acceptable(span: _Span, cand: Candidate, resolver: NameResolver) -> bool:
    """Whether a resolver candidate is a confident reading of the span."""
    if cand.match != "exact" or cand.score < MIN_SCORE:
        return False
    name = _TYPE_WORDS_IN_SPAN.sub("", span.text) if not _wide(span.text) else span.text
    matched = cand.matched_name
    if _wide(span.text):
        core = re.sub(r"[県府都道市省区州]$", "", _HANGUL_END.sub("", span.text))
        return compact_key(matched) in (compact_key(span.text), compact_key(core))
    if compact_key(matched) != compact_key(name):
        return False
    if len(compact_key(matched)) <= 3:
        # Short names only with a type word and as the locality's own name: "Huế".
        own = compact_accent_form(resolver.catalog.get(cand.id).name)
        if not (span.typed and compact_accent_form(name) == own):
            return False
    if not name.isascii() and compact_accent_form(matched) != compact_accent_form(name):
        return False
    if matched.isupper() and not name.isupper():
        return False  # a code such as "DUC" or "TIN" is not the word "Đức" or "Tin"
    if " " not in name.strip() and "-" not in name and not span.typed:
        loc = resolver.catalog.get(cand.id)
        own = {compact_accent_form(loc.name), compact_accent_form(loc.name_en or "")}
        if (span.part or _VI_DIACRITIC.search(name)) and compact_accent_form(
            name
        ) not in own:
            # A Vietnamese syllable, or one word of a longer capitalised name, that
            # is only some place's alias ("Thắng", "Prak" in "Prak Sokhonn").
            return False
    return True


def _pick(span: _Span, resolver: NameResolver, countries: Counter) -> Candidate | None:
    name = span.text if _wide(span.text) else _TYPE_WORDS_IN_SPAN.sub("", span.text)
    forms = [name]
    if is_cjk(span.text) and len(span.text) > 2:
        forms.append(span.text[:-1])
    elif _wide(span.text) and len(core := _HANGUL_END.sub("", span.text)) >= 2:
        forms.append(core)
    found: list[Candidate] = []
    for form in forms:
        if not resolver.exact_ids(form, span.country):
            continue
        found = [
            c
            for c in resolver.resolve(form, country=span.country, limit=3)
            if _acceptable(span, c, resolver)
        ]
        if found:
            break
    if not found:
        return None
    best = found[0].score
    close = [c for c in found if c.score >= best - _TIE]
    close.sort(
        key=lambda c: (-countries.get(c.country, 0), c.country != "VN", -c.score)
    )
    return close[0]


def extract_localities(
    text: str,
    resolver: NameResolver,
    *,
    limit: int = 10,
    sentences: Sequence[Sentence] | None = None,
) -> list[LocalityMention]:
    """The catalog localities a text names, main parties first.

    Args:
        text: The text (NFC, as from :func:`features.text.reading.read_text`).
        resolver: A :class:`~features.names.resolver.NameResolver` over the catalog.
        limit: Largest number of localities returned.
        sentences: The main-content sentences, when already computed; by default
            ``main_content(text).sentences()``.

    Returns:
        :class:`LocalityMention` records ranked by number of mentions, then by
        first offset; at most ``limit``.
    """
    validate_params({"limit": [POSITIVE_INTEGER]}, {"limit": limit})
    if sentences is None:
        sentences = main_content(text).sentences()
    spans_by_sentence = [_spans(s) for s in sentences]
    countries: Counter = Counter()
    midsentence: set[str] = set()
    for spans in spans_by_sentence:
        for span in spans:
            if not span.sentence_initial:
                midsentence.add(compact_key(span.text))
            code = _country_of(span.text) if not _wide(span.text) else None
            if code:
                countries[code] += 1
            if span.country:
                countries[span.country] += 1
    hits: dict[str, list[tuple[int, float, str]]] = {}
    for spans in spans_by_sentence:
        taken: list[tuple[int, int]] = []
        for span in spans:
            end = span.start + len(span.text)
            if any(a < end and span.start < b for a, b in taken):
                continue
            key = compact_key(span.text)
            if key in STOP_WORDS or (not _wide(span.text) and _country_of(span.text)):
                taken.append((span.start, end))
                continue
            single = " " not in span.text.strip() and not _wide(span.text)
            if (
                single
                and span.sentence_initial
                and not span.typed
                and key not in midsentence
            ):
                continue
            cand = _pick(span, resolver, countries)
            if cand is None:
                continue
            taken.append((span.start, end))
            hits.setdefault(cand.id, []).append((span.start, cand.score, span.text))
    out = []
    for lid, found in hits.items():
        loc = resolver.catalog.get(lid)
        first = min(found)
        out.append(
            LocalityMention(
                id=lid,
                name=loc.name,
                country=loc.country,
                level=loc.level,
                mentions=len(found),
                confidence=round(max(score for _, score, _ in found), 3),
                first_offset=first[0],
                matched=first[2],
            )
        )
    out.sort(key=lambda m: (-m.mentions, m.first_offset))
    return out[:limit]
