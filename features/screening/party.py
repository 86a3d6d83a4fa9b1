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
from features.text.letter_phrases import DOCUMENT_WORDS
from features.text.reading import split_sentences

__all__ = ["SENDER_BONUS", "Party", "sender_names", "detect_party"]

SENDER_BONUS = 3.0
_SENDER_MIN_SCORE = 0.85
_VN_MIN_SCORE = 0.95
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
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
) | frozenset(compact_key(w) for w in DOCUMENT_WORDS if " " not in w)


# A CJK or Hangul letterhead or signature line opening with a locality
# ("日ノ川県 国際交流課", "青水县人民政府", "서령군청 경제협력과", "창원특례시장").
_CJK_HEAD = re.compile(
    r"^\s*([\u3040-\u30ff\u3400-\u9fff]{1,8}?[都道府県市区町村省县市镇州郡])"
    r"(?=\s|人民政府|政府|庁|役所|役場|知事|市長|国際|$)"
)
_HANGUL_HEAD = re.compile(
    r"^\s*([\uac00-\ud7a3]{1,8}?)(특례시|특별시|광역시|특별자치도|특별자치시|도|시|군|구)"
    r"(?=\s|청|수|장|$)"
)
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
    generic = _INSTITUTION | STOP_WORDS | _PARTICLES
    while words and compact_key(words[0]) in generic:
        words = words[1:]
    while words and compact_key(words[-1]) in generic:
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


def _letterhead_name(letter: LetterParts) -> str | None:
    """The first name in the letterhead ("Ville de Lisière-sur-Aube — Service …"
    → "Lisière-sur-Aube", "日ノ川県 国際交流課" → "日ノ川県"), institution words
    removed; else an institution's name in the signature; None without one."""
    for text, kind in zip(letter.lines, letter.kinds, strict=True):
        if kind != "letterhead":
            continue
        value = header_value(text)
        if value is not None:  # "From: …": an office's name, not a person's
            name = _wide_name(value) or _institution_name(value)
            if name:
                return name
            continue
        wide = _wide_name(text)
        if wide:
            return wide
        for run in _runs(text):
            name = _strip_institution(run)
            if len(compact_key(name)) >= 4:
                return name
    for text, kind in zip(letter.lines, letter.kinds, strict=True):
        if kind == "signature":
            name = _wide_name(text) or _institution_name(text)
            if name:
                return name
    return None


def _wide_name(text: str) -> str | None:
    """The locality a CJK or Hangul letterhead line opens with ("창원특례시" → the
    city "창원시": a special city is catalogued as a city)."""
    m = _CJK_HEAD.match(text)
    if m:
        return m.group(1)
    m = _HANGUL_HEAD.match(text)
    if m:
        return m.group(1) + ("시" if m.group(2) == "특례시" else m.group(2))
    return None


def _institution_name(text: str) -> str | None:
    """A signature line's name of an institution ("Kettle Ridge County" → "Kettle
    Ridge"), not a person's name: the run must hold an institution word."""
    for run in _runs(text):
        words = {compact_key(w) for w in run.split(" ")}
        name = _strip_institution(run)
        if words & _INSTITUTION and len(compact_key(name)) >= 4:
            return name
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
    for name, paren_country in sender_names(text):
        best = _resolve_name(resolver, name, code or paren_country)
        if best is None or best.score < 0.95:
            ad_hoc = ad_hoc or (name, code or paren_country)
            continue
        weights[best.id] = weights.get(best.id, 0.0) + SENDER_BONUS
        info.setdefault(
            best.id, (best.name, best.country, best.level, best.score, name)
        )
    name = _letterhead_name(letter) if letter is not None else None
    best = _resolve_name(resolver, name, code) if name else None
    wide = bool(name) and bool(_CJK.search(name) or _HANGUL.search(name))
    if best is not None and best.score >= 0.95:
        # a CJK or Hangul letterhead's own name ("창원특례시 국제협력과") names the
        # writer; Latin letterhead names count through _letterhead_ids
        if wide and best.id not in _letterhead_ids(letter, resolver):
            weights[best.id] = weights.get(best.id, 0.0) + SENDER_BONUS
            info.setdefault(
                best.id, (best.name, best.country, best.level, best.score, name)
            )
    elif name and best is None and ad_hoc is None:
        ad_hoc = (name, code)
    if not weights or (ad_hoc and max(weights.values()) < 2.0):
        # Nothing resolvable, or only a single passing mention while the text
        # names an unresolvable writer: the writer is an ad-hoc party.
        name, found_country = ad_hoc or (None, code)
        return Party(None, name, found_country, None, 0.0, "ad hoc", name)
    top = max(weights, key=lambda k: (weights[k], k))
    name, found_country, level, score, matched = info[top]
    confidence = round(score * weights[top] / sum(weights.values()), 3)
    return Party(top, name, found_country, level, confidence, "text", matched)
