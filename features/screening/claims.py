"""Sector claims of a letter: what the sender offers and seeks, from the tagger's
mentions (see :mod:`features.screening.facts` for the rules in words).

Role ``strength`` → offers, ``need`` → seeks, ``interest`` → both at
:data:`INTEREST_WEIGHT` × its score. A sector scored below :data:`MIN_CLAIM_SCORE`
is claimed only when one of its sentences says that role in words and it reaches
:data:`STATED_CLAIM_SCORE`; a sector may hold a second role (:func:`role_mentions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from features.tagging.roles import role_cue, stated_roles

__all__ = [
    "INTEREST_WEIGHT",
    "MIN_CLAIM_SCORE",
    "STATED_CLAIM_SCORE",
    "SectorClaim",
    "role_mentions",
    "sector_claims",
]

INTEREST_WEIGHT = 0.5
MIN_CLAIM_SCORE = 0.6  # a sector is claimed from this tagger score (as concreteness)
STATED_CLAIM_SCORE = 0.5  # … or from this one when its role is said in words


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


def role_mentions(tags, taxonomy) -> list:
    """The tagger's mentions, plus a sector's second role where its own sentences
    reach :data:`MIN_CLAIM_SCORE` (:data:`STATED_CLAIM_SCORE` when one states that
    role outright: "nous recherchons …") and one of them says it in words: a letter
    may offer a field and seek a partner in it ("we are known for our research …"
    and "we seek a partner … for research").

    Args:
        tags: A :class:`~features.tagging.tagger.TagResult` (with its sentences).
        taxonomy: The tagger's taxonomy (sector order of the sentence scores).

    Returns:
        The mentions, each sector's main role first; the second role of a sector
        is ``strength`` or ``need``, or ``interest`` for a sector mostly offered
        that the letter also proposes to develop together ("互相推介旅游线路，
        共同发展生态旅游"): then it is sought too.
    """
    out = list(tags.sectors)
    for m in tags.sectors:
        j = taxonomy.index(m.sector)
        for role in ("strength", "need", "interest"):
            if role == m.role or (role == "interest" and m.role != "strength"):
                continue
            hits = [
                t for t in tags.sentences if t.role == role and m.sector in t.sectors
            ]
            if not any(role_cue(t.text) == role for t in hits):
                continue  # a second side is said in words, not only voted
            scores = np.array([min(float(t.score[j]), 0.999) for t in hits])
            score = 1.0 - float(np.prod(1.0 - scores)) if hits else 0.0
            stated = any(stated_roles(t.text) == {role} for t in hits)
            if score >= MIN_CLAIM_SCORE or (stated and score >= STATED_CLAIM_SCORE):
                evidence = tuple(t.text for t in hits[:3])
                out.append(
                    replace(m, role=role, score=round(score, 4), evidence=evidence)
                )
    return out


def _said_in_words(mention) -> bool:
    """Whether one of a mention's sentences says its role in words: a stated need,
    strength or offer (:func:`stated_roles`), or a need or interest cue word (a
    strength's cue words, "our", "modern", are too weak to claim on); not in a
    sentence that states a need and a strength at once."""
    role = mention.role
    for text in mention.evidence:
        stated = stated_roles(text)
        if stated == {role} or (
            not stated and role != "strength" and role_cue(text) == role
        ):
            return True
    return False


def sector_claims(
    mentions: Sequence,
) -> tuple[tuple[SectorClaim, ...], tuple[SectorClaim, ...]]:
    """Offers and seeks from the tagger's mentions (see the module docstring).

    Mentions scored below :data:`MIN_CLAIM_SCORE` (one weak sentence) are left out,
    unless their role is said in words and they reach :data:`STATED_CLAIM_SCORE`;
    a sector claimed twice on one side keeps its heaviest claim.

    Returns:
        ``(offers, seeks)``; an ``interest`` mention is in both, weighted
        :data:`INTEREST_WEIGHT` × score; in the mentions' order (strongest first).
    """
    offers: list[SectorClaim] = []
    seeks: list[SectorClaim] = []
    for m in mentions:
        if m.score < MIN_CLAIM_SCORE and not (
            m.score >= STATED_CLAIM_SCORE and _said_in_words(m)
        ):
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
    return _heaviest(offers), _heaviest(seeks)


def _heaviest(claims: list[SectorClaim]) -> tuple[SectorClaim, ...]:
    """One claim per sector (the heaviest), in the mentions' order."""
    best: dict[str, SectorClaim] = {}
    for c in claims:
        if c.sector not in best or c.weight > best[c.sector].weight:
            best[c.sector] = c
    return tuple(best.values())
