"""Screening an inbound letter: from text to structured facts (no scoring of partners).

:func:`screening_facts` reads one text (a letter, an e-mail or a pasted news page in
vi/en/fr/de/ja/zh) and returns :class:`TextFacts`:

* **what is screened** — a text with page furniture (a related-articles or
  most-read list, a footer, two menu lines, or a ``a | b | c`` menu) is a *page*:
  only its main content counts (:func:`features.text.reading.main_content`). Any other
  text is a *letter*: every line counts, because letters' numbered lists and
  headings look like headline lists to the page rules.
* **the party** — who writes (:func:`detect_party`): the sender hint when given,
  else the foreign localities the text names, weighted by mentions and position,
  with a bonus for the one named as the writer ("on behalf of …", "im Namen …",
  "Thay mặt …", "au nom de …", "我们是…"). Unresolvable → an ad-hoc party,
  confidence 0.
* **offers, seeks and cooperation interests** by sector, from
  :class:`~features.tagging.tagger.SectorTagger`: role ``strength`` → offers, ``need`` →
  seeks, ``interest`` → both, at :data:`INTEREST_WEIGHT` × its score (the sender
  names the field without saying which side brings what); a sector scored below
  :data:`MIN_CLAIM_SCORE` (one weak sentence) is not claimed.
* **concreteness** (:mod:`features.screening.concreteness`) and **old province names**
  (:mod:`features.names.old_provinces`).

:func:`screening_flags` turns the facts plus the tie-network facts the matcher
supplies into :class:`Flag` records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from features.catalog.countries import resolve_country
from features.catalog.loading import HUB_TIES
from features.errors import TextInputError, UnknownCountryError
from features.names.folding import compact_key
from features.names.mentions import STOP_WORDS, LocalityMention, extract_localities
from features.names.old_provinces import (
    OldNameIndex,
    OldProvinceMention,
    find_old_provinces,
)
from features.screening.concreteness import Concreteness, assess_concreteness
from features.text.reading import Sentence, main_content, read_text, split_sentences

__all__ = [
    "INTEREST_WEIGHT",
    "MIN_CLAIM_SCORE",
    "SENDER_BONUS",
    "BOILERPLATE_FLAG_SHARE",
    "UNCERTAIN_PARTY",
    "MIN_WORDS",
    "FLAG_CODES",
    "Party",
    "SectorClaim",
    "Flag",
    "TextFacts",
    "screenable_text",
    "screened_sentences",
    "sender_names",
    "detect_party",
    "sector_claims",
    "screening_facts",
    "screening_flags",
]

INTEREST_WEIGHT = 0.5
BOILERPLATE_FLAG_SHARE = 0.5  # more than half the characters dropped: "mostly"
UNCERTAIN_PARTY = 0.5  # a party resolved with less confidence is flagged
MIN_WORDS = 3
SENDER_BONUS = 3.0
MIN_CLAIM_SCORE = 0.6  # a sector is claimed from this tagger score (as concreteness)
# Salutations that resolve to places ("Madam" is an alternate name of Madang, PG).
_SALUTATIONS = frozenset(
    compact_key(w) for w in "Madam Madame Sir Dear Monsieur Herr Frau Kính".split()
)
_SENDER_MIN_SCORE = 0.85
FLAG_CODES = {
    "existing_partner": "the party already has a known tie with a Vietnamese unit",
    "hub": f"the party has {HUB_TIES} or more known ties",
    "no_sector": "no sector is named",
    "sender_unresolved": "the sender is not in the catalog (ad-hoc party)",
    "uncertain_party": f"the party was resolved with confidence < {UNCERTAIN_PARTY}",
    "old_province": "a province that no longer exists since 1 July 2025 is named",
    "mostly_boilerplate": f"more than {BOILERPLATE_FLAG_SHARE:.0%} of the page is "
    "boilerplate (menus, other headlines, footers)",
}

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_WORDS = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_MENU = re.compile(r"^[^|>]{1,30}(?:\s[|>]\s[^|>]{1,30}){2,}$")
_PAGE_REASONS = ("section", "footer")

# Phrases that introduce the writer; group 1 is the segment holding its name.
_SENDER_CUES = (
    r"on behalf of\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"greetings from\s+(?:the\s+)?([^,.;:\n]{2,90})",
    r"au nom (?:du|de la|de l'|des|de)\s*([^,.;:\n]{2,90})",
    r"im namen (?:des|der|von)\s+([^,.;:\n]{2,90})",
    r"thay mặt\s+([^,.;:\n]{2,90})",
    r"bên đề xuất\s*:\s*([^,.;\n]{2,90})",
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
    thành phố ủy ban""".split()
)


@dataclass(frozen=True)
class Party:
    """The foreign party: a catalog locality (``id``) or ad hoc (``id`` is None).

    ``confidence`` is in [0, 1] (0 for an ad-hoc party); ``source`` says where the
    party came from: ``"sender"`` (the hint), ``"text"`` or ``"ad hoc"``.
    """

    id: str | None
    name: str | None
    country: str | None
    level: str | None
    confidence: float
    source: str
    matched: str | None = None


@dataclass(frozen=True)
class SectorClaim:
    """A sector the party offers or seeks, with the weight it enters the profile at."""

    sector: str
    label_en: str
    label_vi: str
    role: str
    score: float
    weight: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """A flag: a stable code and the facts it names (JSON values, by name).

    The sentence is said in the reader's language by ``matcher.wording``.
    """

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TextFacts:
    """Everything :func:`screening_facts` reads from a text."""

    kind: str
    sentences: tuple[Sentence, ...]
    boilerplate_share: float
    party: Party
    offers: tuple[SectorClaim, ...]
    seeks: tuple[SectorClaim, ...]
    localities: tuple[LocalityMention, ...]
    concreteness: Concreteness
    old_provinces: tuple[OldProvinceMention, ...]


def screenable_text(data: bytes | str) -> str:
    """Decode and check a text for screening (``read_text``, then
    at least :data:`MIN_WORDS` words once web addresses and e-mails are removed).

    Raises:
        TextInputError: Unreadable input, or a text that is only a URL or has no
            sentence to screen.
    """
    text = read_text(data)
    rest = _EMAIL.sub(" ", _URL.sub(" ", text))
    words = _WORDS.findall(rest)
    cjk = len(_CJK.findall(rest))
    if len(words) < MIN_WORDS and cjk < 2 * MIN_WORDS:
        if _URL.search(text) and not words:
            raise TextInputError(reason="only_url")
        raise TextInputError(reason="no_sentence", params={"min_words": MIN_WORDS})
    return text


def screened_sentences(text: str) -> tuple[str, list[Sentence], float]:
    """Which sentences to screen: ``(kind, sentences, share of characters dropped)``.

    See the module docstring: a page keeps its main content, a letter every line.
    """
    content = main_content(text)
    reasons = [line.reason for line in content.lines]
    page = (
        any(r in _PAGE_REASONS for r in reasons)
        or reasons.count("navigation") >= 2
        or any(_MENU.match(line.text) for line in content.lines)
    )
    if page:
        return "page", content.sentences(), content.boilerplate_share
    return "letter", split_sentences(text), 0.0


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
    while words and compact_key(words[0]) in _INSTITUTION | STOP_WORDS:
        words = words[1:]
    while words and compact_key(words[-1]) in _INSTITUTION | STOP_WORDS:
        words = words[:-1]
    return " ".join(words)


def sender_names(text: str) -> list[tuple[str, str | None]]:
    """Names the text gives its writer, with the country in parentheses after them.

    Returns:
        ``(name, ISO code or None)`` in text order, without repeats.
    """
    out: dict[str, str | None] = {}
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
            if _CJK.search(segment):
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


def detect_party(
    text: str,
    localities: Sequence[LocalityMention],
    resolver,
    *,
    sender: str | None = None,
    country: str | None = None,
) -> Party:
    """Who the foreign party is, and how sure that is.

    With a ``sender`` hint: its best foreign catalog match (score ≥ 0.85) with the
    resolver's score as confidence, else an ad-hoc party named ``sender``. Without:
    each foreign locality of the text weighs ``mentions + (1 − first offset / text
    length)``, plus :data:`SENDER_BONUS` when a sender phrase names it; the heaviest
    wins with confidence ``resolver score × its weight / total weight``. A sender
    phrase that resolves to nothing gives an ad-hoc party of that name.

    Args:
        text: The text.
        localities: The catalog localities it names (any country).
        resolver: A :class:`~features.names.resolver.NameResolver`.
        sender: The sender's name, when the user gives it.
        country: The sender's country (ISO code or name), when given.

    Returns:
        A :class:`Party`.
    """
    code = None
    if country:
        code = resolve_country(country)
    if sender:
        best = _resolve_name(resolver, sender, code)
        if best is None:
            return Party(None, sender, code, None, 0.0, "ad hoc", sender)
        return Party(
            best.id, best.name, best.country, best.level, best.score, "sender", sender
        )
    weights: dict[str, float] = {}
    info: dict[str, tuple[str, str, str, float, str]] = {}
    length = max(len(text), 1)
    for m in localities:
        if m.country == "VN" or (code and m.country != code):
            continue
        if compact_key(m.matched) in _SALUTATIONS:
            continue
        weights[m.id] = m.mentions + (1.0 - m.first_offset / length)
        info[m.id] = (m.name, m.country, m.level, m.confidence, m.matched)
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
    if not weights or (ad_hoc and max(weights.values()) < 2.0):
        # Nothing resolvable, or only a single passing mention while the text
        # names an unresolvable writer: the writer is an ad-hoc party.
        name, found_country = ad_hoc or (None, code)
        return Party(None, name, found_country, None, 0.0, "ad hoc", name)
    top = max(weights, key=lambda k: (weights[k], k))
    name, found_country, level, score, matched = info[top]
    confidence = round(score * weights[top] / sum(weights.values()), 3)
    return Party(top, name, found_country, level, confidence, "text", matched)


def sector_claims(
    mentions: Sequence,
) -> tuple[tuple[SectorClaim, ...], tuple[SectorClaim, ...]]:
    """Offers and seeks from the tagger's mentions (see the module docstring).

    Mentions scored below :data:`MIN_CLAIM_SCORE` (one weak sentence) are left out.

    Returns:
        ``(offers, seeks)``; an ``interest`` mention is in both, weighted
        :data:`INTEREST_WEIGHT` × score; strongest first.
    """
    offers, seeks = [], []
    for m in mentions:
        if m.score < MIN_CLAIM_SCORE:
            continue
        weight = m.score * (INTEREST_WEIGHT if m.role == "interest" else 1.0)
        claim = SectorClaim(
            m.sector, m.label_en, m.label_vi, m.role, float(m.score),
            round(float(weight), 4), tuple(m.evidence),
        )  # fmt: skip
        if m.role in ("strength", "interest"):
            offers.append(claim)
        if m.role in ("need", "interest"):
            seeks.append(claim)
    return tuple(offers), tuple(seeks)


def screening_facts(
    text: str,
    *,
    tagger,
    resolver,
    old_names: OldNameIndex,
    sender: str | None = None,
    country: str | None = None,
) -> TextFacts:
    """Read a checked text (:func:`screenable_text`) into :class:`TextFacts`.

    Args:
        text: The text.
        tagger: A :class:`~features.tagging.tagger.SectorTagger`.
        resolver: A :class:`~features.names.resolver.NameResolver` over the catalog.
        old_names: An :class:`~features.names.old_provinces.OldNameIndex`.
        sender: Optional sender name hint.
        country: Optional sender country hint (ISO code or name).

    Returns:
        The facts; nothing here ranks provinces.
    """
    kind, sentences, share = screened_sentences(text)
    tags = tagger.tag_sentences(sentences)
    localities = (
        extract_localities(text, resolver, sentences=sentences) if sentences else []
    )
    party = detect_party(text, localities, resolver, sender=sender, country=country)
    offers, seeks = sector_claims(tags.sectors)
    texts = [s.text for s in sentences]
    return TextFacts(
        kind=kind,
        sentences=tuple(sentences),
        boilerplate_share=share,
        party=party,
        offers=offers,
        seeks=seeks,
        localities=tuple(localities),
        concreteness=assess_concreteness(texts, tags.sectors),
        old_provinces=tuple(find_old_provinces(sentences, old_names)),
    )


def screening_flags(
    facts: TextFacts,
    *,
    partners: Sequence[tuple[str, str, str]] = (),
    party_ties: int | None = None,
) -> tuple[Flag, ...]:
    """The flags of a screening (codes in :data:`FLAG_CODES`).

    Args:
        facts: The text facts.
        partners: The party's known partners among Vietnamese units, as
            ``(id, name, tie description)`` (from the matcher's tie network).
        party_ties: The party's number of known ties (None for an ad-hoc party).

    Returns:
        The flags, in a fixed order: party, ties, sectors, old names, boilerplate.
    """
    party = facts.party
    flags: list[Flag] = []
    if party.id is None:
        flags.append(Flag("sender_unresolved", {"name": party.name or None}))
    elif party.confidence < UNCERTAIN_PARTY:
        flags.append(
            Flag(
                "uncertain_party",
                {
                    "name": party.name,
                    "id": party.id,
                    "confidence": float(party.confidence),
                },
            )
        )
    for pid, name, tie in partners:
        flags.append(
            Flag(
                "existing_partner",
                {
                    "party": party.name,
                    "partner_name": name,
                    "partner_id": pid,
                    "tie": tie,
                },
            )
        )
    if party_ties is not None and party_ties >= HUB_TIES:
        flags.append(Flag("hub", {"name": party.name, "ties": party_ties}))
    if not facts.offers and not facts.seeks:
        flags.append(Flag("no_sector"))
    for old in facts.old_provinces:
        flags.append(
            Flag(
                "old_province",
                {
                    "old_name": old.old_name,
                    "successor_name": old.successor_name,
                    "successor_id": old.successor_id,
                    "written": old.written,
                },
            )
        )
    if facts.boilerplate_share > BOILERPLATE_FLAG_SHARE:
        flags.append(
            Flag("mostly_boilerplate", {"share": float(facts.boilerplate_share)})
        )
    return tuple(flags)
