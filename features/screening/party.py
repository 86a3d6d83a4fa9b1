"""Who wrote a letter: the foreign party, or a Vietnamese unit, and how sure that is.

:func:`detect_party` weighs the foreign localities a text names, the writer named by
a sender phrase ("on behalf of …", "im Namen …", "Thay mặt …", "au nom de …",
"我们是…") and the localities of the letterhead and signature
(:mod:`features.screening.letter_parts`); a unit the letterhead or signature writes
with its type word ("Kreis Nordfriesland", "白馬村", :mod:`features.screening.
letterhead`) is the sender when the catalog holds it at a level it can be, else an
ad-hoc party with the country the letter shows; a Vietnamese province as sender is
a :class:`Party` of kind ``"vietnamese_unit"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from features.catalog.countries import resolve_country
from features.catalog.geo import haversine_km
from features.errors import UnknownCountryError
from features.names.folding import compact_key
from features.names.mentions import LocalityMention, extract_localities
from features.screening.letter_parts import LetterParts
from features.screening.letterhead import (
    letterhead_sender,
    own_columns,
)
from features.screening.mail_domain import domain_cues
from features.screening.sender_cues import QUALIFIER, sender_names
from features.screening.sender_match import (
    SENDER_MIN_SCORE,
    readable_name,
    resolve_fit,
    unit_in_address,
)
from features.screening.sender_unit import (
    ROMANISED_UNIT,
    SEAT_CONFIDENCE,
    country_written_before,
    letter_country,
)
from features.text.reading import split_sentences

__all__ = ["SENDER_BONUS", "Party", "sender_names", "detect_party", "domain_party"]

SENDER_BONUS = 3.0
# A sender read off its e-mail domain alone: likely, not sure (below 0.5 the
# screening flags it ``uncertain_party``).
DOMAIN_CONFIDENCE = 0.6
# A namesake this close to a city the letter names is the one meant.
NAMESAKE_KM = 40.0
_VN_MIN_SCORE = 0.95
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# A body that forwards a member's or a partner's letter (an association of local
# governments, an embassy, a consulate, a consultant): its letterhead or signature
# line is not the sender, and the place in its name ("Local Government Association
# of South Australia") gets no sender bonus.
FORWARDERS = re.compile(
    r"\b(?:associations?|verband|embassy|consulate|botschaft|konsulat"
    r"|generalkonsulat|ambassade|consulat|consultants?|consulting|chamber"
    r"|hiệp hội|đại sứ quán|tổng lãnh sự quán|lãnh sự quán)\b"
    r"|協会|协会|商会|大使館|大使馆|領事館|领事馆|咨询|협회|협의회|대사관|영사관",
    re.IGNORECASE,
)

# Salutations that resolve to places ("Madam" is an alternate name of Madang, PG).
_SALUTATIONS = frozenset(
    compact_key(w) for w in "Madam Madame Sir Dear Monsieur Herr Frau Kính".split()
)


@dataclass(frozen=True)
class Party:
    """The foreign party: a catalog locality (``id``) or ad hoc (``id`` is None).

    ``confidence`` is in [0, 1] (0 for an ad-hoc party); ``source`` says where the
    party came from: ``"sender"`` (the hint), ``"text"``, ``"e-mail domain"`` or
    ``"ad hoc"``; ``kind``
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


def _resolve_name(resolver, name: str, country: str | None):
    """The best foreign catalog candidate for a name, when the match is close."""
    try:
        found = resolver.resolve(name, country=country, limit=5)
    except UnknownCountryError:
        found = resolver.resolve(name, limit=5)
    found = [c for c in found if c.country != "VN" and c.score >= SENDER_MIN_SCORE]
    return found[0] if found else None


def _sender_lines(letter: LetterParts) -> list[str]:
    """The letterhead, address, contact and signature lines (the sender's own),
    without the recipient's lines and columns among them."""
    return [
        own
        for text, kind in zip(letter.lines, letter.kinds, strict=True)
        if kind in ("letterhead", "address", "contact", "signature")
        and (own := own_columns(text)).strip()
    ]


def _foreign_country(lines: list[str]) -> str | None:
    """The country a foreign sender's lines (:func:`_sender_lines`) show; never
    Vietnam, the recipient (a recipient's address the reader took for the
    sender's says nothing)."""
    found = letter_country(lines)
    return None if found == "VN" else found


def _vietnamese_unit(resolver, name: str):
    """The Vietnamese province a name means (resolver score ≥ 0.95), if any."""
    found = resolver.resolve(name, country="VN", limit=3)
    found = [c for c in found if c.level == "admin1" and c.score >= _VN_MIN_SCORE]
    return found[0] if found else None


def _in_vietnam(resolver, name: str) -> bool:
    """Whether a name is a Vietnamese place (resolver score ≥ 0.95)."""
    return any(c.score >= _VN_MIN_SCORE for c in resolver.resolve(name, country="VN"))


def _vietnamese_party(unit, matched: str, source: str) -> Party:
    return Party(unit.id, unit.name, "VN", unit.level, unit.score, source, matched,
                 kind="vietnamese_unit")  # fmt: skip


def _tail_of_compound(text: str, m: LocalityMention) -> bool:
    """Whether a mention is only part of a hyphenated name ("Aube" in
    "Lisière-sur-Aube"), not a name before its romanised type ending
    ("Gyeongsangbuk-do")."""
    end = m.first_offset + len(m.matched)
    before = text[m.first_offset - 1] if m.first_offset > 0 else " "
    after = text[end] if end < len(text) else " "
    if before != "-" and (unit := ROMANISED_UNIT.match(text, m.first_offset)):
        # "Gyeongsangbuk-do", "Hwasun-gun": the name with its type ending
        return unit.end(1) != end
    return "-" in (before, after)


def _letterhead_ids(letter: LetterParts | None, resolver) -> set[str]:
    """Foreign localities named in the letterhead or signature as a whole name
    (not the tail of a hyphenated one: "Aube" in "Lisière-sur-Aube"), by id and
    by folded name (the text as a whole may read "Namur" as its province)."""
    text = letter.sender_text if letter is not None else ""
    text = "\n".join(
        own
        for line in text.split("\n")
        if not FORWARDERS.search(line) and (own := own_columns(line)).strip()
    )
    if not text.strip():
        return set()
    out = set()
    # every line: a letterhead is never a page's "main content"
    for m in extract_localities(text, resolver, sentences=split_sentences(text)):
        if m.country != "VN" and not _tail_of_compound(text, m):
            out.update((m.id, compact_key(m.matched)))
    return out


def domain_party(party: Party, letter: LetterParts | None, resolver) -> Party:
    """An unresolved sender read off its e-mail or web domain
    (:mod:`features.screening.mail_domain`): a domain label that is exactly one
    foreign catalog place (in the domain's country, when it has one; of namesakes,
    the one inside a unit another label names), agreeing with the name the letter
    writes, if any. Confidence :data:`DOMAIN_CONFIDENCE`."""
    if party.id is not None or party.kind != "foreign" or letter is None:
        return party
    written = compact_key(party.name or "")
    for cue in domain_cues(_sender_lines(letter)):
        for name in cue.names:
            ids = [
                i
                for i in resolver.exact_ids(name, cue.country)
                if resolver.catalog.get(i).country != "VN"
            ]
            if len(ids) > 1:  # namesakes: the one in the unit another label names
                around = {
                    p
                    for label in cue.labels
                    for p in resolver.exact_ids(label, cue.country)
                }
                ids = [i for i in ids if resolver.catalog.get(i).parent_id in around]
            if len(ids) != 1 or (written and compact_key(name) not in written):
                continue
            row = resolver.catalog.get(ids[0])
            return Party(row.id, row.name, row.country, row.level,
                         DOMAIN_CONFIDENCE, "e-mail domain", cue.domain)  # fmt: skip
    return party


def _namesake_in_named_unit(resolver, found, name: str, named: set[str]) -> tuple:
    """Of a unit's sure namesakes (南山区 in Shenzhen and in Hegang), the one inside or
    within :data:`NAMESAKE_KM` of a place the letter names (深圳市), when the one
    found is not."""
    places = [p for i in named if (p := resolver.catalog.get(i)) is not None]

    def inside(lid: str) -> bool:
        row = resolver.catalog.get(lid)
        parent = resolver.catalog.get(row.parent_id) if row.parent_id else None
        if {row.parent_id, parent.parent_id if parent else None} & named:
            return True
        return row.lat is not None and any(
            p.lat is not None
            and haversine_km(row.lat, row.lon, p.lat, p.lon) <= NAMESAKE_KM
            for p in places
            if p.id != lid and p.level == "city"
        )

    best, fit = found
    if not named or inside(best.id):
        return found
    others = [
        c
        for c in resolver.resolve(name, country=best.country, limit=10)
        if c.score >= 0.95 and c.id != best.id and c.level == best.level
        and inside(c.id)
    ]  # fmt: skip
    return (others[0], fit) if len(others) == 1 else found


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
    signature gets :data:`SENDER_BONUS` too. A unit written there with its type
    word, or opening a CJK or Hangul line ("日ノ川県 国際交流課", "창원특례시",
    the innermost of a chain: "長野県北安曇郡白馬村" → 白馬村), is the party when
    no sender phrase names another: its catalog match of a level it can be
    (score ≥ 0.85 in a known country, else 0.95); a county's same-named city or
    first-level unit with confidence :data:`~features.screening.sender_unit.
    SEAT_CONFIDENCE` (flagged uncertain); none: an ad-hoc party with the country
    the letter shows (:func:`~features.screening.sender_unit.letter_country`),
    never Vietnam. The units around it (長野県) are its address, not the party;
    the recipient's letterhead lines are not read (:func:`~features.screening.
    letterhead.own_columns`); a name in an alphabet the catalog does not read
    ("ΠΕΡΙΦΕΡΕΙΑ ΚΡΗΤΗΣ") is the unit of its level the address names.
    The country written before a CJK or Hangul unit ("カザフスタン共和国クズロルダ州")
    is its country; there, a kana or Hangul name is matched by its sound
    (:func:`~features.screening.sender_match.sound_alike`), and a qualifier after a
    name ("Halle (Saale)") picks among namesakes.
    A Vietnamese province as the hint (unless another ``country`` is given),
    heading the letter, or writing "Thay mặt …" from its own address gives a party
    of kind ``"vietnamese_unit"``. A sender no
    word of the letter resolves may then be read off its e-mail domain
    (:func:`domain_party`).

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
    lines = _sender_lines(letter) if letter is not None else []
    cues = sender_names(text)
    head = letter.vietnamese_sender() if letter is not None else None
    if head and code is None and letter is not None:
        code = letter_country(lines)  # "…, TRUNG QUỐC": not VN
    unit = _vietnamese_unit(resolver, head) if head and code in (None, "VN") else None
    if unit is not None:
        return _vietnamese_party(unit, head, "text")
    if head and code not in (None, "VN"):
        # a foreign unit heading its letter the Vietnamese way ("ỦY BAN NHÂN DÂN
        # THÀNH PHỐ ĐÔNG HƯNG" over "…, TRUNG QUỐC") names itself; of namesakes,
        # the one whose province the letterhead names ("QUẢNG TÂY")
        found = [
            c
            for c in resolver.resolve(head, country=code, limit=5)
            if c.score >= _VN_MIN_SCORE
        ]
        if found:
            around = _letterhead_ids(letter, resolver)
            best = next(
                (c for c in found if resolver.catalog.get(c.id).parent_id in around),
                found[0],
            )
            return Party(best.id, best.name, best.country, best.level, best.score,
                         "text", head)  # fmt: skip
    if letter is not None and code in (None, "VN"):
        # "Thay mặt Ủy ban nhân dân tỉnh Gia Lai" under "Từ: Sở Ngoại vụ tỉnh Gia
        # Lai": a Vietnamese province writing an e-mail, not its recipient
        own = compact_key(" ".join(lines))
        for name, _ in cues:
            unit = _vietnamese_unit(resolver, name)
            if unit is not None and compact_key(name) in own:
                return _vietnamese_party(unit, name, "text")
    if code == "VN" and not country:
        code = None  # read off the letter, no Vietnamese unit found: the recipient's
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
    head = letterhead_sender(letter) if letter is not None else None
    for name, paren_country in cues:
        if head is not None and compact_key(name) == compact_key(head.name):
            continue  # "der Landkreis Görlitz …": read with its type word below
        best = _resolve_name(resolver, name, code or paren_country)
        if best is None or best.score < 0.95:
            ad_hoc = ad_hoc or (name, code or paren_country)
            continue
        cue_ids.add(best.id)
        weights[best.id] = weights.get(best.id, 0.0) + SENDER_BONUS
        info.setdefault(
            best.id, (best.name, best.country, best.level, best.score, name)
        )
    home = code
    if head is not None and (
        _in_vietnam(resolver, head.name) or FORWARDERS.search(head.name)
    ):
        # "Consulate General … in Ho Chi Minh City": where, not who; an association
        # or embassy forwards another's letter
        head = None
    if head is not None:
        # the units written around the sender ("長野県" in "長野県小布施町役場")
        # are its address, not the sender
        named = {m.id for m in localities}
        for outer in head.outer:
            if compact_key(outer) == compact_key(head.name):
                continue
            found = resolve_fit(resolver, outer, code, None)
            if found is not None and found[0].score >= 0.95:
                weights.pop(found[0].id, None)
                home = home or found[0].country
                named.add(found[0].id)
        # the country written before the unit ("카자흐스탄 크즐오르다주")
        written_in = country_written_before(text, head.name)
        home = home or (written_in if written_in != "VN" else None)
        home = home or _foreign_country(lines)
        # "Stadt Halle (Saale)", "Province de Luxembourg (Belgique)": the
        # qualifier written after the name tells namesakes apart
        qualified = re.search(re.escape(head.name) + QUALIFIER.pattern, text)
        found = resolve_fit(resolver, qualified.group(), home, head.level) if (
            qualified
        ) else None  # fmt: skip
        if found is not None and compact_key(found[0].matched_name) != compact_key(
            head.name
        ):
            found = None  # the qualifier's place ("Trois-Rivières (Québec)")
        found = found or resolve_fit(resolver, head.name, home, head.level)
        if found is not None:
            found = _namesake_in_named_unit(resolver, found, head.name, named)
        if found is None and head.level and not readable_name(head.name):
            # "ΠΕΡΙΦΕΡΕΙΑ ΚΡΗΤΗΣ" over "Héraklion, Crète – Grèce": the region
            # its address names
            unit = unit_in_address(resolver, lines, home, head.level)
            found = (unit, 1.0) if unit is not None else None
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
            found_country = _foreign_country(lines)
        return Party(None, name, found_country, None, 0.0, "ad hoc", name)
    top = max(weights, key=lambda k: (weights[k], k))
    name, found_country, level, score, matched = info[top]
    confidence = round(score * weights[top] / sum(weights.values()), 3)
    return Party(top, name, found_country, level, confidence, "text", matched)
