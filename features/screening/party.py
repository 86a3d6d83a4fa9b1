"""Who wrote a letter: the foreign party, or a Vietnamese unit, and how sure that is.

:func:`detect_party` weighs the foreign localities a text names, the writer named by
a sender phrase ("on behalf of …", "im Namen …", "Thay mặt …", "au nom de …",
"我们是…") and the localities of the letterhead and signature
(:mod:`features.screening.letter_parts`); a Vietnamese province as sender is a
:class:`Party` of kind ``"vietnamese_unit"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from features.catalog.countries import resolve_country
from features.errors import UnknownCountryError
from features.names.folding import compact_key
from features.names.mentions import STOP_WORDS, LocalityMention, extract_localities
from features.screening.letter_parts import LetterParts, header_value
from features.screening.sender_unit import (
    SEAT_CONFIDENCE,
    letter_country,
    level_fit,
    unit_chain,
    written_level,
)
from features.text.letter_phrases import DOCUMENT_WORDS, SENDER_TITLES, UNIT_TYPE_WORDS
from features.text.reading import split_sentences

__all__ = ["SENDER_BONUS", "Party", "sender_names", "detect_party"]

SENDER_BONUS = 3.0
_SENDER_MIN_SCORE = 0.85
_VN_MIN_SCORE = 0.95
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
# A CJK or Hangul unit's type ending ("県", "縣", "광역시", "군").
_WIDE_SUFFIX = re.compile(
    r"(?:自治州|自治县|특별자치도|특별자치시|특례시|특별시|광역시"
    r"|[都道府県省市区郡县縣州町村镇乡]|[도시군구읍면])$"
)
_HANGUL = re.compile(r"[\uac00-\ud7a3]")

# Salutations that resolve to places ("Madam" is an alternate name of Madang, PG).
_SALUTATIONS = frozenset(
    compact_key(w) for w in "Madam Madame Sir Dear Monsieur Herr Frau Kính".split()
)

# Phrases that introduce the writer; group 1 is the segment holding its name.
_SENDER_CUES = (
    r"on behalf of\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"greetings from\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"au nom (?:du|de la|de l'|des|de)\s*([^,.;:\n]{2,90})",
    r"im namen (?:des|der|von)\s+([^,.;:\n]{2,90})",
    r"thay mặt\s+([^,.;:\n]{2,90})",
    r"bên đề xuất\s*:\s*([^,.;\n]{2,90})",
    # writing for another: "at the request of the City of Tartu", "受…委托",
    # "倉敷市より依頼を受け", "전라남도의 요청에 따라"
    r"at the request of\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"\b(?:i am|i'm|we are|we're) writing (?:to you )?from\s+(?:the\s+)?"
    r"([^,.;:\n]{2,90})",
    r"(?:à la demande|pour le compte) (?:du|de la|de l'|des|de)\s*([^,.;:\n]{2,90})",
    r"im auftrag (?:des|der|von)\s+([^,.;:\n]{2,90})",
    r"theo đề nghị của\s+([^,.;:\n]{2,90})",
    r"受(?:我会)?(?:会员单位)?([\u4e00-\u9fff]{2,10}?[市省县州])(?:人民政府)?委托",
    r"([\u4e00-\u9fff]{1,8}?[市県府都町村])より(?:の)?依頼",
    r"([\uac00-\ud7a3]{1,8}?(?:특별시|광역시|특례시|특별자치도|도|시|군))"
    r"의 (?:요청|의뢰)",
    r"我们是([\u4e00-\u9fff]{2,10}?)(?:人民政府|政府)",
    r"^([\u4e00-\u9fff\u30a0-\u30ff]{2,8}?[市県府都道町村镇])(?:は|より|知事|人民政府)",
)
_SENDER_PATTERNS = tuple(
    re.compile(p, re.IGNORECASE | re.MULTILINE) for p in _SENDER_CUES
)
# A line's stretches between separators ("Nordland fylkeskommune, Bodø").
_RUN_SPAN = re.compile(r"[^,;:·|–—()\n]+")
_SENDER_FIELD = re.compile(
    r"^\s*(?:from|von|de|expéditeur|差出人|发件人)\s*[:：]", re.I
)
_LATIN_TOKEN = re.compile(r"[^\W\d_][\w’']*")
_PARTICLES = frozenset(
    "de du des la le les sur sous lès en am an der im upon on di del".split()
)
# Institution words around a place name in a sender phrase (compared folded).
_INSTITUTION = frozenset(
    compact_key(w)
    for w in """borough council city town county district government municipality
    provincial prefectural office bureau department international cooperation
    relations freistaat freistaates freistaats hansestadt universitätsstadt
    landeshauptstadt stadt landkreis region région province prefecture conseil
    départemental municipal ville commune thủ đô hội đồng thị trấn vùng tỉnh
    thành phố ủy ban communauté service mairie wirtschaftsförderung büro
    referat rathaus office offices amt landesregierung abteilung regierung
    government collège communal conseil council association agency agence
    marktgemeinde gemeinde shire borough canton kanton consulat consulate embassy
    ambassade botschaft konsulat generalkonsulat""".split()
) | frozenset(
    compact_key(w)
    for w in (*DOCUMENT_WORDS, *SENDER_TITLES, *UNIT_TYPE_WORDS["admin1"],
              *UNIT_TYPE_WORDS["admin2"], *UNIT_TYPE_WORDS["city"],
              *UNIT_TYPE_WORDS["town"])
    if " " not in w and not (_CJK.search(w) or _HANGUL.search(w))
)  # fmt: skip


# The writer as the subject of a sentence ("Das Land Steiermark schlägt … vor", "The
# City of Kettle Ridge is …"): group 1 is the capitalised name after the title.
_SUBJECT_WRITER = re.compile(
    r"(?:^|[.!?]\s+)(?i:das land|die stadt|der freistaat|der landkreis|die region"
    r"|the city of|the county of|the province of|the prefecture of|la ville de"
    r"|the shire of|the town of|the borough of|the district of|the municipality of"
    r"|le canton de|der kanton"
    r"|la région|le département (?:de la|de l'|du|de))\s*"
    r"([A-ZÀ-ÝÄÖÜ][\w'’-]*(?:\s+[A-ZÀ-ÝÄÖÜ][\w'’-]*){0,3})",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Party:
    """The foreign party: a catalog locality (``id``) or ad hoc (``id`` is None).

    ``confidence`` is in [0, 1] (0 for an ad-hoc party); ``source`` says where the
    party came from: ``"sender"`` (the hint), ``"text"`` or ``"ad hoc"``; ``kind``
    is ``"foreign"`` or ``"vietnamese_unit"`` (a Vietnamese province writes).
    """

    id: str | None
    name: str | None
    country: str | None
    level: str | None
    confidence: float
    source: str
    matched: str | None = None
    kind: str = "foreign"


def _runs(segment: str) -> list[str]:
    """Runs of capitalised words (joined by a space or dash, with particles)."""
    tokens = [(m.start(), m.end(), m.group()) for m in _LATIN_TOKEN.finditer(segment)]
    runs, i = [], 0
    while i < len(tokens):
        if not tokens[i][2][0].isupper():
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and segment[tokens[j][1] : tokens[j + 1][0]] in (
            " ",
            "-",
        ):
            nxt = tokens[j + 1][2]
            if nxt[0].isupper():
                j += 1
            elif (
                nxt.lower() in _PARTICLES
                and j + 2 < len(tokens)
                and segment[tokens[j + 1][1] : tokens[j + 2][0]] in (" ", "-")
                and tokens[j + 2][2][0].isupper()
            ):
                j += 2
            else:
                break
        runs.append(segment[tokens[i][0] : tokens[j][1]])
        i = j + 1
    return runs


def _strip_institution(run: str) -> str:
    """A run without institution words at either end ("Port Harrowby Borough Council"
    → "Port Harrowby", "Freistaates Sachsen" → "Sachsen")."""
    words = run.split(" ")
    generic = _INSTITUTION | STOP_WORDS | _PARTICLES | {"of", "the"}

    def is_generic(word: str) -> bool:  # "Governor's", "Commissioners"
        key = compact_key(word)
        return key in generic or (key.endswith("s") and key[:-1] in generic)

    while words and is_generic(words[0]):
        words = words[1:]
    while words and is_generic(words[-1]):
        words = words[:-1]
    return " ".join(words)


def sender_names(text: str) -> list[tuple[str, str | None]]:
    """Names the text gives its writer, with the country in parentheses after them.

    Returns:
        ``(name, ISO code or None)`` in text order, without repeats.
    """
    out: dict[str, str | None] = {}
    for m in _SUBJECT_WRITER.finditer(text):
        name = _strip_institution(m.group(1))
        if len(compact_key(name)) >= 4:
            out.setdefault(name, None)
    for pattern in _SENDER_PATTERNS:
        for m in pattern.finditer(text):
            segment = m.group(1).strip()
            country = None
            paren = re.match(r"\s*\(([^()]{2,40})\)", text[m.end(1) :])
            if paren:
                try:
                    country = resolve_country(paren.group(1))
                except UnknownCountryError:
                    country = None
            if _CJK.search(segment) or _HANGUL.search(segment):
                out.setdefault(segment, country)
                continue
            for run in _runs(segment):
                name = _strip_institution(run)
                if len(compact_key(name)) >= 4:
                    out.setdefault(name, country)
    return list(out.items())


def _resolve_name(resolver, name: str, country: str | None):
    """The best foreign catalog candidate for a name, when the match is close."""
    try:
        found = resolver.resolve(name, country=country, limit=5)
    except UnknownCountryError:
        found = resolver.resolve(name, limit=5)
    found = [c for c in found if c.country != "VN" and c.score >= _SENDER_MIN_SCORE]
    return found[0] if found else None


def _resolve_fit(resolver, name: str, country: str | None, written: str | None):
    """The best foreign candidate (score ≥ 0.85) whose level can be the unit
    written (:func:`~features.screening.sender_unit.level_fit`), with that fit."""
    try:
        found = resolver.resolve(name, country=country, limit=10)
    except UnknownCountryError:
        found = resolver.resolve(name, limit=10)
    core = _WIDE_SUFFIX.sub("", name)
    if not found and core != name and len(core) >= 2:  # 静岡県 is catalogued as 静岡
        found = [c for c in resolver.resolve(core, limit=10) if c.score >= 0.95]
    for c in found:
        fit = level_fit(written, c.level)
        if c.country != "VN" and c.score >= _SENDER_MIN_SCORE and fit is not None:
            return c, fit
    return None


def _sender_lines(letter: LetterParts) -> list[str]:
    """The letterhead, address, contact and signature lines (the sender's own)."""
    return [
        text
        for text, kind in zip(letter.lines, letter.kinds, strict=True)
        if kind in ("letterhead", "address", "contact", "signature")
    ]


def _vietnamese_unit(resolver, name: str):
    """The Vietnamese province a name means (resolver score ≥ 0.95), if any."""
    found = resolver.resolve(name, country="VN", limit=3)
    found = [c for c in found if c.level == "admin1" and c.score >= _VN_MIN_SCORE]
    return found[0] if found else None


def _vietnamese_party(unit, matched: str, source: str) -> Party:
    return Party(unit.id, unit.name, "VN", unit.level, unit.score, source, matched,
                 kind="vietnamese_unit")  # fmt: skip


def _tail_of_compound(text: str, m: LocalityMention) -> bool:
    """Whether a mention is only part of a hyphenated name ("Aube" in
    "Lisière-sur-Aube")."""
    end = m.first_offset + len(m.matched)
    before = text[m.first_offset - 1] if m.first_offset > 0 else " "
    after = text[end] if end < len(text) else " "
    return "-" in (before, after)


@dataclass(frozen=True)
class _Head:
    """The sender a letterhead or signature names: the name, the level its type
    word means (None without one) and the units written around it (长野県 for
    小布施町)."""

    name: str
    level: str | None = None
    outer: tuple[str, ...] = ()


def _typed_name(text: str) -> _Head | None:
    """The first name on a line written with its type word ("Kreis Nordfriesland",
    "Sleman Regency", "Nordland fylkeskommune", "tỉnh Khövsgöl", "CHÍNH QUYỀN
    HUYỆN XAY, TỈNH OUDOMXAY" → "XAY" inside "OUDOMXAY"), or None."""
    heads: list[_Head] = []
    for m in _RUN_SPAN.finditer(text):
        for run in _runs(m.group()):
            start = text.find(run, m.start())
            before = text[max(0, start - 20) : start].split()[-1:]
            after = text[start + len(run) : start + len(run) + 25].split()[:1]
            words = run.split(" ")
            typed = [i for i, w in enumerate(words) if written_level(w)]
            if typed:  # the name follows its last type word, or precedes the first
                tail = _strip_institution(" ".join(words[typed[-1] + 1 :]))
                name = tail or _strip_institution(" ".join(words[: typed[0]]))
                level = written_level(words[typed[-1] if tail else typed[0]])
            elif (
                before and written_level(before[0]) or after and written_level(after[0])
            ):
                name = _strip_institution(run)
                level = written_level(" ".join((*before, *after)))
            else:
                continue
            if len(compact_key(name)) >= 3:
                heads.append(_Head(name, level))
    if not heads:
        return None
    return _Head(heads[0].name, heads[0].level, tuple(h.name for h in heads[1:]))


def _letterhead_name(letter: LetterParts) -> _Head | None:
    """The sender a letterhead or signature names: a name written with its type
    word first ("Kreis Nordfriesland", "長野県小布施町役場" → "小布施町"), else the
    first name in the letterhead ("Ville de Lisière-sur-Aube — Service …" →
    "Lisière-sur-Aube"), institution words removed; else an institution's name in
    the signature; None without one."""
    own = [
        (header_value(text) or text, kind)
        for text, kind in zip(letter.lines, letter.kinds, strict=True)
        if kind in ("letterhead", "signature")
        and (header_value(text) is None or _SENDER_FIELD.match(text))
    ]
    for text, _ in own:
        head = _wide_name(text) or _typed_name(text)
        if head:
            return head
    for text, kind in zip(letter.lines, letter.kinds, strict=True):
        if kind != "letterhead":
            continue
        value = header_value(text)
        if value is not None:  # "From: …": an office's name, not a person's
            head = _institution_name(value)
            if head:
                return head
            continue
        for run in _runs(text):
            name = _strip_institution(run)
            if len(compact_key(name)) >= 4:
                return _Head(name, written_level(text))
    for text, kind in zip(letter.lines, letter.kinds, strict=True):
        if kind == "signature":
            head = _institution_name(text)
            if head:
                return head
    return None


def _wide_name(text: str) -> _Head | None:
    """The innermost unit of the chain a CJK or Hangul line opens with
    ("長野県小布施町役場" → "小布施町"; "창원특례시" → the city "창원시": a special
    city is catalogued as a city)."""
    chain = unit_chain(text)
    if not chain:
        return None
    name, level = chain[-1]
    return _Head(name, level, tuple(n for n, _ in chain[:-1]))


def _institution_name(text: str) -> _Head | None:
    """A signature line's name of an institution ("Kettle Ridge County" → "Kettle
    Ridge"), not a person's name: the run must hold an institution word."""
    for run in _runs(text):
        words = {compact_key(w) for w in run.split(" ")}
        name = _strip_institution(run)
        if words & _INSTITUTION and len(compact_key(name)) >= 4:
            return _Head(name, written_level(run))
    return None


def _letterhead_ids(letter: LetterParts | None, resolver) -> set[str]:
    """Foreign localities named in the letterhead or signature as a whole name
    (not the tail of a hyphenated one: "Aube" in "Lisière-sur-Aube"), by id and
    by folded name (the text as a whole may read "Namur" as its province)."""
    text = letter.sender_text if letter is not None else ""
    if not text.strip():
        return set()
    out = set()
    # every line: a letterhead is never a page's "main content"
    for m in extract_localities(text, resolver, sentences=split_sentences(text)):
        if m.country != "VN" and not _tail_of_compound(text, m):
            out.update((m.id, compact_key(m.matched)))
    return out


def detect_party(
    text: str,
    localities: Sequence[LocalityMention],
    resolver,
    *,
    sender: str | None = None,
    country: str | None = None,
    letter: LetterParts | None = None,
) -> Party:
    """Who the foreign party is, and how sure that is.

    With a ``sender`` hint: its best foreign catalog match (score ≥ 0.85) with the
    resolver's score as confidence, else an ad-hoc party named ``sender``. Without:
    each foreign locality of the text weighs ``mentions + (1 − first offset / text
    length)``, plus :data:`SENDER_BONUS` when a sender phrase names it; the heaviest
    wins with confidence ``resolver score × its weight / total weight``. A sender
    phrase (also the writer as a sentence's subject: "Das Land Steiermark schlägt
    … vor") that resolves to nothing gives an ad-hoc party of that name, and so
    does the first name of a letterhead (else an institution's name in the
    signature: "Kettle Ridge County"). A locality named in the letterhead or
    signature gets :data:`SENDER_BONUS` too, and so does the locality a CJK or
    Hangul letterhead opens with ("日ノ川県 国際交流課", "창원특례시 국제협력과").
    A Vietnamese province as the hint (unless another ``country`` is given) or
    heading the letter gives a party of kind ``"vietnamese_unit"``.

    Args:
        text: The text.
        localities: The catalog localities it names (any country).
        resolver: A :class:`~features.names.resolver.NameResolver`.
        sender: The sender's name, when the user gives it.
        country: The sender's country (ISO code or name), when given.
        letter: The letter's parts (:func:`letter_parts`), for a letter.

    Returns:
        A :class:`Party`.
    """
    code = None
    if country:
        code = resolve_country(country)
    if sender:
        unit = _vietnamese_unit(resolver, sender) if code in (None, "VN") else None
        if unit is not None:
            return _vietnamese_party(unit, sender, "sender")
        best = _resolve_name(resolver, sender, code)
        if best is None:
            return Party(None, sender, code, None, 0.0, "ad hoc", sender)
        return Party(
            best.id, best.name, best.country, best.level, best.score, "sender", sender
        )
    head = letter.vietnamese_sender() if letter is not None else None
    unit = _vietnamese_unit(resolver, head) if head and code in (None, "VN") else None
    if unit is not None:
        return _vietnamese_party(unit, head, "text")
    weights: dict[str, float] = {}
    info: dict[str, tuple[str, str, str, float, str]] = {}
    length = max(len(text), 1)
    for m in localities:
        if m.country == "VN" or (code and m.country != code):
            continue
        if compact_key(m.matched) in _SALUTATIONS or _tail_of_compound(text, m):
            continue
        weights[m.id] = m.mentions + (1.0 - m.first_offset / length)
        info[m.id] = (m.name, m.country, m.level, m.confidence, m.matched)
    heads = _letterhead_ids(letter, resolver)
    for pid in weights:
        if pid in heads or compact_key(info[pid][4]) in heads:
            weights[pid] += SENDER_BONUS
    ad_hoc: tuple[str, str | None] | None = None
    cue_ids: set[str] = set()
    for name, paren_country in sender_names(text):
        best = _resolve_name(resolver, name, code or paren_country)
        if best is None or best.score < 0.95:
            ad_hoc = ad_hoc or (name, code or paren_country)
            continue
        cue_ids.add(best.id)
        weights[best.id] = weights.get(best.id, 0.0) + SENDER_BONUS
        info.setdefault(
            best.id, (best.name, best.country, best.level, best.score, name)
        )
    head = _letterhead_name(letter) if letter is not None else None
    home = code
    if head is not None:
        # the units written around the sender ("長野県" in "長野県小布施町役場")
        # are its address, not the sender
        for outer in head.outer:
            if compact_key(outer) == compact_key(head.name):
                continue
            unit = _resolve_name(resolver, outer, code)
            if unit is not None and unit.score >= 0.95:
                weights.pop(unit.id, None)
                home = home or unit.country
        home = home or letter_country(_sender_lines(letter))
        found = _resolve_fit(resolver, head.name, home, head.level)
        if found is None and head.level is not None and not cue_ids:
            # a unit written with its type word that the catalog lacks
            return Party(None, head.name, home, None, 0.0, "ad hoc", head.name)
        if found is None:
            ad_hoc = ad_hoc or (head.name, home)
        else:
            best, fit = found
            if fit < 1.0 and not cue_ids:  # a county written, its seat city found
                return Party(best.id, best.name, best.country, best.level,
                             SEAT_CONFIDENCE, "text", head.name)  # fmt: skip
            wide = bool(_CJK.search(head.name) or _HANGUL.search(head.name))
            typed = wide or head.level is not None
            if typed and not cue_ids and best.score >= (0.85 if home else 0.95):
                # a unit written with its type word ("Komitat Győr-Moson-Sopron",
                # "白馬村") or heading a CJK letter is the sender, whatever else
                # the letter names more often
                return Party(best.id, best.name, best.country, best.level,
                             best.score, "text", head.name)  # fmt: skip
    if not weights or (ad_hoc and max(weights.values()) < 2.0):
        # Nothing resolvable, or only a single passing mention while the text
        # names an unresolvable writer: the writer is an ad-hoc party.
        name, found_country = ad_hoc or (None, code)
        if letter is not None and found_country is None:
            found_country = letter_country(_sender_lines(letter))
        return Party(None, name, found_country, None, 0.0, "ad hoc", name)
    top = max(weights, key=lambda k: (weights[k], k))
    name, found_country, level, score, matched = info[top]
    confidence = round(score * weights[top] / sum(weights.values()), 3)
    return Party(top, name, found_country, level, confidence, "text", matched)
