"""Screening of inbound interest: rank Vietnam's 34 units for a foreign party.

The party is the *query* and the Vietnamese units are the candidates, scored by the
same :meth:`PartnerMatcher.score_all` and explained by the same
:func:`~matcher.explain.explain` as a recommendation. The party's
:class:`~matcher.model.Profile` has ``strengths`` = what it offers and ``needs`` =
what it seeks (from the letter; sectors it does not name are unknown, ``NaN``), and
the catalog's country, level, coordinates, population and profile text of the party
when it is a catalog locality. The facets then read, query → candidate:

==================== =========================================================
facet                in screening
==================== =========================================================
needs_met            the party's needs (what it seeks) met by the province's
                     strengths — "their needs vs our strengths"
needs_offered        the province's declared needs covered by what the party
                     offers — "our needs vs their offers"
shared_strengths     sectors both are strong in (party offers ↔ province)
shared_needs         the same challenges (party seeks ↔ province needs)
text_similarity      the party's catalog profile text ↔ the province's
size_similarity …    place, size and level of the party ↔ the province
country_affinity     how often the party's country ties with Vietnam (equal for
                     all 34 units: it shifts the scores, not the order)
country_ties         ties of the province with the party's country
partners_of_partners paths party → partner → province in the tie network
popularity,          the province's own known ties and their follow-through
follow_through
cooperation_record   unknown: Vietnamese units have no cited projects as the
                     foreign side of the cooperation record
==================== =========================================================

The letter's offers and seeks together are the query's *focus* (``Profile.focus``),
read both ways as in a recommendation: ``needs_met`` is the focus covered by the
province's strengths (what the sender seeks), ``needs_offered`` the province's needs
on the focus covered by what the sender offers. An explanation's ``needs_met`` /
``gaps`` are the focus sectors the province serves (either way) / does not serve;
``offers_to_them`` are the province's needs the party offers. The fit and
feasibility subtotals are the recommendation's.

Order: fit first — by the number of focus sectors a province serves (its
``needs_met``), then by score (ties by id). Hubs, prominence and the other
feasibility facets order provinces serving as many sectors, never a province
without fit above one with it. A letter that
names no sector ranks no province: the screening says "ask the sender which
sectors" (flag ``ask_sender_sectors``). Facet labels and summaries speak from the
screening's side (:data:`SCREENING_LABELS`): the numbers are the recommendation's,
only the wording changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from features.catalog.loading import LEVELS
from features.errors import InvalidParameterError
from features.names.mentions import LocalityMention
from features.names.old_provinces import OldNameIndex, OldProvinceMention
from features.screening.concreteness import Concreteness
from features.screening.facts import (
    Flag,
    Party,
    SectorClaim,
    screenable_text,
    screening_facts,
    screening_flags,
)
from matcher.explain import Contribution, Explainer, Recommendation
from matcher.model import PartnerMatcher, Profile
from matcher.wording import (
    PROVINCE_FACET_LABELS,
    SENDER_FACET_LABELS,
    sector_labels,
    summaries,
)

__all__ = [
    "SCREENING_LABELS",
    "Screening",
    "party_profile",
    "letter_focus",
    "screen_provinces",
    "party_partners",
    "screen_text",
]


# The facet labels that speak for the sender or of a Vietnamese province (worded in
# matcher.wording).
SCREENING_LABELS = {**SENDER_FACET_LABELS, **PROVINCE_FACET_LABELS}


@dataclass(frozen=True)
class Screening:
    """The result of screening one text (see :func:`screen_text`)."""

    party: Party
    offers: tuple[SectorClaim, ...]
    seeks: tuple[SectorClaim, ...]
    provinces: tuple[Recommendation, ...]
    concreteness: Concreteness
    flags: tuple[Flag, ...]
    old_provinces: tuple[OldProvinceMention, ...]
    localities: tuple[LocalityMention, ...]
    text_kind: str
    boilerplate_share: float
    n_sentences: int
    weights_version: str | None = None
    # the sectors the letter offers or seeks (taxonomy order): the ranking's focus
    focus: tuple[str, ...] = ()
    # the letter names no sector: no province is ranked, ask the sender which
    ask_sender_sectors: bool = False


def _vector(values: Mapping[str, float], sectors: tuple[str, ...]) -> np.ndarray:
    out = np.full(len(sectors), np.nan)
    for sector, value in values.items():
        if sector not in sectors:
            raise InvalidParameterError("sector", f"one of {list(sectors)}", sector)
        out[sectors.index(sector)] = value
    return out


def letter_focus(
    matcher: PartnerMatcher, offers: Sequence[str], seeks: Sequence[str]
) -> tuple[str, ...]:
    """The sectors a letter offers or seeks, in taxonomy order: its focus."""
    named = set(offers) | set(seeks)
    return tuple(s for s in matcher.feature_set_.sectors if s in named)


def party_profile(
    matcher: PartnerMatcher,
    *,
    offers: Mapping[str, float],
    seeks: Mapping[str, float],
    locality_id: str | None = None,
    country: str | None = None,
    level: str | None = None,
    focus: Sequence[str] | None = None,
) -> Profile:
    """The query profile of a screened party.

    Args:
        matcher: A fitted matcher (its feature set gives the party's place data).
        offers: Sector id → value in [0, 1]: the party's strengths.
        seeks: Sector id → value in [0, 1]: the party's needs.
        locality_id: The party's catalog id, or None for an ad-hoc party.
        country: ISO code for an ad-hoc party (``""`` when unknown).
        level: Level of an ad-hoc party (default ``"city"``: the level facet is
            the same for all 34 units, so it does not change the order).
        focus: Sector ids the cooperation is about (:func:`letter_focus`); None:
            the sought sectors are the focus (declared needs, as in a
            recommendation).

    Returns:
        A :class:`~matcher.model.Profile`; unknown sectors are ``NaN``.
    """
    fs = matcher.feature_set_
    strengths, needs = _vector(offers, fs.sectors), _vector(seeks, fs.sectors)
    focus = tuple(focus) if focus else None
    row = fs.find(locality_id) if locality_id is not None else None
    if row is None:
        return Profile(
            strengths=strengths,
            needs=needs,
            country=country or "",
            level=level if level in LEVELS else "city",
            focus=focus,
        )

    def known(value) -> float | None:
        return None if np.isnan(value) else float(value)

    population = known(fs.population[row])
    return Profile(
        strengths=strengths,
        needs=needs,
        country=str(fs.country[row]),
        level=LEVELS[int(fs.level[row])],
        text=fs.text[row] if fs.text_known[row] else None,
        population=int(round(population)) if population else None,
        lat=known(fs.lat[row]),
        lon=known(fs.lon[row]),
        locality_id=locality_id,
        focus=focus,
    )


def screen_provinces(
    matcher: PartnerMatcher, party: Profile, *, hidden_ties=()
) -> list[Recommendation]:
    """All 34 Vietnamese units ranked for a foreign party, each explained.

    Args:
        matcher: A fitted :class:`~matcher.model.PartnerMatcher`.
        party: The party's :class:`~matcher.model.Profile` (:func:`party_profile`).
        hidden_ties: (id, id) pairs treated as unknown (for evaluation).

    Returns:
        One :class:`~matcher.explain.Recommendation` per Vietnamese unit, by the
        number of focus sectors it serves (``needs_met``), then best score first
        (ties by id); ``score`` is the sum of its contributions,
        ``fit + feasibility``.
    """
    fs = matcher.feature_set_
    scored = matcher.score_all(party, hidden_ties=hidden_ties)
    rows = np.flatnonzero((fs.country == "VN") & (fs.level == LEVELS.index("admin1")))
    if scored.query_row is not None:
        rows = rows[rows != scored.query_row]
    catalog = fs.catalog
    sectors = {s.id: s for s in catalog.taxonomy.sectors} if catalog else {}
    explained = [
        _screening_wording(r, sectors, scored.focus_given)
        for r in Explainer(matcher, scored).explain_rows(rows)
    ]
    return sorted(explained, key=lambda r: (-len(r.needs_met), -r.score, r.id))


def _relabel(c: Contribution) -> Contribution:
    label_en, label_vi = SCREENING_LABELS.get(c.facet, (c.label_en, c.label_vi))
    return replace(c, label_en=label_en, label_vi=label_vi)


def _proof(rec: Recommendation) -> list[str]:
    """The province's first piece of evidence for each sector it serves ("" none)."""
    found = {}
    for e in rec.evidence:
        if e.side == "candidate" and e.role in ("strength", "need"):
            found.setdefault(e.sector, e.text)
    return [found.get(s, "") for s in rec.needs_met]


def _screening_wording(
    rec: Recommendation, sectors: Mapping, focus_given: bool = False
) -> Recommendation:
    """``rec`` with the screening's labels and summaries; the numbers unchanged."""
    contributions = tuple(_relabel(c) for c in rec.contributions)
    summary_en, summary_vi = summaries(
        rec.name,
        rec.country,
        met=sector_labels(sectors, rec.needs_met),
        needs_total=rec.needs_total,
        reasons=[(c.label_en, c.label_vi) for c in contributions if c.value > 0][:2],
        side="sender",
        proof=_proof(rec),
        subtotals=(rec.fit, rec.feasibility),
        focus_given=focus_given,
    )
    return replace(
        rec,
        contributions=contributions,
        summary_en=summary_en,
        summary_vi=summary_vi,
    )


def party_partners(
    matcher: PartnerMatcher, locality_id: str
) -> list[tuple[str, str, str]]:
    """The party's known partners among Vietnamese units: ``(id, name, tie)``."""
    fs = matcher.feature_set_
    row = fs.find(locality_id)
    if row is None:
        return []
    network = matcher.network_
    out = []
    for other in network.partners(int(row)):
        if fs.country[other] != "VN":
            continue
        ties = network.ties_between(int(row), int(other))
        best = max(ties, key=lambda t: (t.evidence.startswith(("twinning", "formal")),
                                        t.year or 0))  # fmt: skip
        tie = best.evidence + (f" ({best.year})" if best.year else "")
        out.append((str(fs.ids[other]), str(fs.names[other]), tie))
    return sorted(out)


_OLD_NAMES: dict[int, tuple[object, OldNameIndex]] = {}


def _old_names(catalog) -> OldNameIndex:
    """The catalog's old-name index, built once per catalog object."""
    cached = _OLD_NAMES.get(id(catalog))
    if cached is None or cached[0] is not catalog:
        cached = (catalog, OldNameIndex(catalog))
        _OLD_NAMES[id(catalog)] = cached
    return cached[1]


def screen_text(
    text: bytes | str,
    *,
    sender: str | None = None,
    country: str | None = None,
    engine,
    tagger,
) -> Screening:
    """Screen an inbound letter or page: party, offers/seeks, ranked units, flags.

    The one entry point of the CLI and the HTTP service.

    Args:
        text: The text (bytes are decoded as strict UTF-8).
        sender: Optional sender name (any spelling the resolver knows).
        country: Optional sender country (ISO code or name).
        engine: A loaded :class:`~matcher.engine.Engine`.
        tagger: A :class:`~features.tagging.tagger.SectorTagger`.

    Returns:
        A :class:`Screening`.

    Raises:
        TextInputError: Unreadable text, only a URL, or no sentence.
        UnknownCountryError: ``country`` is not a country.
    """
    text = screenable_text(text)
    facts = screening_facts(
        text,
        tagger=tagger,
        resolver=engine.resolver,
        old_names=_old_names(engine.catalog),
        sender=sender,
        country=country,
    )
    party = facts.party
    matcher = engine.matcher
    offers = {c.sector: c.weight for c in facts.offers}
    seeks = {c.sector: c.weight for c in facts.seeks}
    focus = letter_focus(matcher, list(offers), list(seeks))
    profile = party_profile(
        matcher,
        offers=offers,
        seeks=seeks,
        locality_id=party.id,
        country=party.country,
        level=party.level,
        focus=focus,
    )
    # A Vietnamese unit as sender is not ranked against the 34 units (itself); a
    # letter naming no sector is not ranked at all: ask the sender which sectors.
    vietnamese = party.kind == "vietnamese_unit"
    ask = not focus and not vietnamese
    ranked = not vietnamese and not ask
    provinces = screen_provinces(matcher, profile) if ranked else []
    partners, degree = [], None
    if party.id is not None and not vietnamese:
        partners = party_partners(matcher, party.id)
        row = engine.feature_set.find(party.id)
        degree = int(matcher.network_.degree[row]) if row is not None else None
    flags = screening_flags(facts, partners=partners, party_ties=degree)
    if ask:
        flags += (Flag("ask_sender_sectors"),)
    return Screening(
        party=party,
        offers=facts.offers,
        seeks=facts.seeks,
        provinces=tuple(provinces),
        concreteness=facts.concreteness,
        flags=flags,
        old_provinces=facts.old_provinces,
        localities=facts.localities,
        text_kind=facts.kind,
        boilerplate_share=facts.boilerplate_share,
        n_sentences=len(facts.sentences),
        weights_version=getattr(engine.weights, "version", None),
        focus=focus,
        ask_sender_sectors=ask,
    )
