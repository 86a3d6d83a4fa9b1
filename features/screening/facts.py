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
  "Thay mặt …", "au nom de …", "我们是…") or in the letterhead or signature
  (:mod:`features.screening.letter_parts`). Unresolvable → an ad-hoc party,
  confidence 0. A Vietnamese unit as sender (typed as the sender, or heading or
  signing the letter: "ỦY BAN NHÂN DÂN TỈNH …") is a party of kind
  ``"vietnamese_unit"``: screening then ranks no province against it.
* **claims come from the body only**: a letter's letterhead, address, contact,
  greeting, attachment and signature lines name the sender but claim no sector;
  nor does a sentence recalling the past ("we still remember", "erinnern wir uns",
  "思い出": :data:`~features.text.letter_phrases.HISTORY_CUES`), nor the writer
  introducing itself ("農林水産課の村上でございます"), nor, on a
  Vietnamese news page, a sentence whose subject is the page's own unit ("Thành
  phố tiếp tục …", "Sở Du lịch cho biết …", "Đà Nẵng đón …":
  :func:`about_home_unit`).
* **offers, seeks and cooperation interests** by sector
  (:mod:`features.screening.claims`), from
  :class:`~features.tagging.tagger.SectorTagger`: role ``strength`` → offers, ``need`` →
  seeks, ``interest`` → both, at :data:`INTEREST_WEIGHT` × its score (the sender
  names the field without saying which side brings what); a sector scored below
  :data:`MIN_CLAIM_SCORE` (one weak sentence) is not claimed, unless one of its
  sentences says that role in words (a stated need, offer or strength, or a cue
  word of the role) and it reaches :data:`STATED_CLAIM_SCORE`: a sector stated
  once, in the middle of a courtesy letter, is still claimed. A sector may be both
  offered and sought when each side's sentences reach that score
  (:func:`role_mentions`). In a letter a need is stated in words: the tagger's role
  vote alone does not make a line a need (``need_by_vote=False``).
* **concreteness** (:mod:`features.screening.concreteness`) and **old province names**
  (:mod:`features.names.old_provinces`).

:func:`screening_flags` turns the facts plus the tie-network facts the matcher
supplies into :class:`Flag` records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from features.catalog.loading import HUB_TIES
from features.errors import TextInputError
from features.names.mentions import LocalityMention, extract_localities
from features.names.old_provinces import (
    OldNameIndex,
    OldProvinceMention,
    find_old_provinces,
)
from features.names.script import phrase_pattern
from features.screening.claims import (
    INTEREST_WEIGHT,
    MIN_CLAIM_SCORE,
    STATED_CLAIM_SCORE,
    SectorClaim,
    role_mentions,
    sector_claims,
)
from features.screening.concreteness import Concreteness, assess_concreteness
from features.screening.flags import Flag
from features.screening.letter_parts import (
    carry_stated_needs,
    header_value,
    letter_parts,
    opens_like_a_letter,
    split_stated_needs,
)
from features.screening.party import (
    SENDER_BONUS,
    Party,
    detect_party,
    domain_party,
    sender_names,
)
from features.text.channel import unwrap_letter
from features.text.letter_phrases import (
    COURTESY_WISHES,
    HEDGES,
    HISTORY_CUES,
    SELF_INTRODUCTIONS,
    VN_HOME_OFFICES,
    VN_HOME_SUBJECTS,
    VN_PARTNER_SIDE,
)
from features.text.reading import Sentence, main_content, read_text, split_sentences

__all__ = [
    "INTEREST_WEIGHT",
    "MIN_CLAIM_SCORE",
    "STATED_CLAIM_SCORE",
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
    "role_mentions",
    "sector_claims",
    "recalls_the_past",
    "introduces_the_writer",
    "about_home_unit",
    "screening_facts",
    "screening_flags",
]

BOILERPLATE_FLAG_SHARE = 0.5  # more than half the characters dropped: "mostly"
UNCERTAIN_PARTY = 0.5  # a party resolved with less confidence is flagged
MIN_WORDS = 3
FLAG_CODES = {
    "existing_partner": "the party already has a known tie with a Vietnamese unit",
    "hub": f"the party has {HUB_TIES} or more known ties",
    "no_sector": "no sector is named",
    "sender_unresolved": "the sender is not in the catalog (ad-hoc party)",
    "uncertain_party": f"the party was resolved with confidence < {UNCERTAIN_PARTY}",
    "old_province": "a province that no longer exists since 1 July 2025 is named",
    "historical_province": "a province dissolved before 2025 is named",
    "vietnamese_unit": "the sender is a Vietnamese unit, not a foreign party",
    "mostly_boilerplate": f"more than {BOILERPLATE_FLAG_SHARE:.0%} of the page is "
    "boilerplate (menus, other headlines, footers)",
}

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_WORDS = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_MENU = re.compile(r"^[^|>]{1,30}(?:\s[|>]\s[^|>]{1,30}){2,}$")
_PAGE_REASONS = ("section", "footer")
_HEDGE = phrase_pattern(HEDGES, kind="statement")
_COURTESY = phrase_pattern(COURTESY_WISHES, kind="statement")
_HISTORY = phrase_pattern(
    (p for ps in HISTORY_CUES.values() for p in ps), kind="statement"
)
# A Vietnamese news sentence's subject: the home unit as a bare word ("Thành phố
# tiếp tục"), one of its offices ("Sở Du lịch"), or a fronted phrase then the
# subject ("Trong 10 tháng đầu năm, thành phố Đà Nẵng …").
_HOME_BARE = re.compile(
    r"^(?i:" + phrase_pattern(VN_HOME_SUBJECTS, kind="statement").pattern + r")"
    r"\s+[a-zà-ỹđ]"
    r"|^(?i:" + phrase_pattern(VN_HOME_OFFICES, kind="statement").pattern + r")\s"
)
_PARTNER_SIDE = phrase_pattern(VN_PARTNER_SIDE, kind="statement")
_INTRODUCTION = re.compile("|".join(SELF_INTRODUCTIONS), re.IGNORECASE)
_FRONTED = re.compile(r"^[^,.;:]{3,60},\s*")
_HOME_TITLE = re.compile(r"^(?:thành phố|tỉnh|tp\.)\s+", re.IGNORECASE)


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
    text = unwrap_letter(read_text(data))
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

    See the module docstring: a page keeps its main content, a letter every line. A
    text that opens with a salutation or subject line is a letter even when its
    capitalised letterhead looks like a menu.
    """
    content = main_content(text)
    reasons = [line.reason for line in content.lines]
    page = (
        any(r in _PAGE_REASONS for r in reasons)
        or reasons.count("navigation") >= 2
        or any(_MENU.match(line.text) for line in content.lines)
    )
    if page and not opens_like_a_letter(text):  # capitalised letterheads
        return "page", content.sentences(), content.boilerplate_share
    return "letter", split_sentences(text), 0.0


def recalls_the_past(text: str) -> bool:
    """Whether a sentence recalls past cooperation (:data:`HISTORY_CUES`)."""
    return _HISTORY is not None and bool(_HISTORY.search(text))


def introduces_the_writer(text: str) -> bool:
    """Whether a sentence is the writer introducing itself ("農林水産課の村上で
    ございます", "I'm the economic development officer …"): its office is no
    claim (:data:`~features.text.letter_phrases.SELF_INTRODUCTIONS`)."""
    return bool(_INTRODUCTION.search(text))


def about_home_unit(text: str, localities: Sequence[LocalityMention]) -> bool:
    """Whether a Vietnamese news sentence's subject is a Vietnamese unit: the bare
    home unit ("Thành phố tiếp tục …", "Sở Du lịch cho biết …") or a Vietnamese
    locality opening it, after a fronted phrase and a title ("Trong 10 tháng …,
    thành phố Đà Nẵng đón …"). Not when it speaks of the partner too ("phía bạn",
    "hai bên", a foreign place)."""
    folded_text = text.casefold()
    if _PARTNER_SIDE.search(text) or any(
        m.country != "VN" and m.matched.casefold() in folded_text for m in localities
    ):
        return False
    if _HOME_BARE.match(text):
        return True
    rest = _HOME_TITLE.sub("", _FRONTED.sub("", text, count=1), count=1)
    folded = rest.casefold()
    return any(
        m.country == "VN" and folded.startswith(m.matched.casefold())
        for m in localities
    )


def _salutation_line(letter) -> int:
    """The line of a letter's salutation (0 without one, or for a page)."""
    if letter is None:
        return 0
    return next((i for i, k in enumerate(letter.kinds) if k == "salutation"), 0)


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
    letter = letter_parts(text) if kind == "letter" else None
    named = [s for s in sentences if letter is None or letter.names_places(s.line)]
    localities = extract_localities(text, resolver, sentences=named) if named else []
    body = [
        s
        for s in sentences
        if (letter is None or letter.claims(s.line))
        and not recalls_the_past(s.text)
        and not introduces_the_writer(s.text)
        and not _COURTESY.search(s.text)  # "ご健康をお祈り申し上げます"
        and not (kind == "page" and about_home_unit(s.text, localities))
    ]
    body = carry_stated_needs(split_stated_needs(body))
    # A letter says what it seeks in words: no need from the role vote alone.
    tags = tagger.tag_sentences(body, need_by_vote=kind != "letter")
    party = detect_party(
        text, localities, resolver, sender=sender, country=country, letter=letter
    )
    if not sender:  # no word names it: its e-mail domain may
        party = domain_party(party, letter, resolver)
    offers, seeks = sector_claims(role_mentions(tags, tagger.taxonomy))
    # the writer introducing itself (or its translator) is no plan, unless it
    # gives its address; nor is a recalled past ("先日のオンライン会議では…")
    # nor is the office's general contact line above the salutation ("Telefon … ·
    # poststelle@…"): no one to contact about this letter
    opening = _salutation_line(letter)
    texts = [
        s.text
        for s in sentences
        if (not introduces_the_writer(s.text) or _EMAIL.search(s.text))
        and not (recalls_the_past(s.text) and not _EMAIL.search(s.text))
        and not (letter is not None and s.line < opening
                 and letter.kind(s.line) in ("contact", "address"))
    ]  # fmt: skip
    # the letter's own date (letterhead, "Date:" header, signature) and the dates
    # of a recalled past are no plan
    plan = [
        s.text
        for s in sentences
        if not recalls_the_past(s.text)
        and (
            letter is None
            or (
                letter.kind(s.line) in ("body", "attachment")
                and not header_value(letter.lines[s.line])
            )
        )
    ]
    # the sectors the letter names are the ones it claims (offered or sought)
    named_sectors = {c.sector for c in (*offers, *seeks)}
    claimed = [
        m
        for m in tags.sectors
        if m.sector in named_sectors  # and not only in a hedged maybe-someday
        and not all(_HEDGE.search(e) for e in m.evidence)
    ]
    return TextFacts(
        kind=kind,
        sentences=tuple(sentences),
        boilerplate_share=share,
        party=party,
        offers=offers,
        seeks=seeks,
        localities=tuple(localities),
        concreteness=assess_concreteness(texts, claimed, min_score=0.0, plan=plan),
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
    if party.kind == "vietnamese_unit":
        flags.append(Flag("vietnamese_unit", {"name": party.name, "id": party.id}))
    elif party.id is None:
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
                "historical_province" if old.historical else "old_province",
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
