"""A locality's known ties as a reader sees them: one per partner, with its years,
kind, evidence level, follow-through and the sources that record it.

The catalog keeps one row per tie and source (a twinning listed by two lists is two
rows); here they are one fact per partner, its strongest evidence first.
"""

from __future__ import annotations

from dataclasses import dataclass

from matcher.network import EVIDENCE_CONCRETENESS, tie_follow_through

__all__ = ["TieFact", "tie_fact", "sorted_ties", "MAX_TIES_SHOWN"]

# How many ties of one kind (in Vietnam, abroad) a result lists; the total is given.
MAX_TIES_SHOWN = 12


@dataclass(frozen=True)
class TieFact:
    """One partner of a locality and what is known of the tie.

    ``year`` is the earliest known year (None: unknown); ``follow_through`` is the
    best of its rows (:func:`matcher.network.tie_follow_through`, in [0, 1]);
    ``sources`` names every catalog source recording it.
    """

    partner_id: str
    partner_name: str
    partner_country: str
    year: int | None
    kind: str
    evidence: str
    follow_through: float
    sources: tuple[str, ...]


def _strength(tie) -> tuple[float, float]:
    return (
        tie_follow_through(tie.evidence, tie.year),
        EVIDENCE_CONCRETENESS.get(tie.evidence, 0.5),
    )


def tie_fact(partner_id: str, name: str, country: str, ties) -> TieFact:
    """The one fact of catalog ``ties`` (rows of one pair) with partner ``partner_id``.

    Kind and evidence come from the row with the best follow-through.
    """
    ties = list(ties)
    best = max(ties, key=_strength)
    years = [t.year for t in ties if t.year is not None]
    sources = tuple(dict.fromkeys(t.source_detail or t.origin for t in ties))
    return TieFact(
        partner_id=partner_id,
        partner_name=name,
        partner_country=country,
        year=min(years) if years else None,
        kind=best.kind,
        evidence=best.evidence,
        follow_through=max(tie_follow_through(t.evidence, t.year) for t in ties),
        sources=sources,
    )


def sorted_ties(facts) -> list[TieFact]:
    """Ties best followed-through first, then the most recent, then by name."""
    return sorted(
        facts,
        key=lambda f: (-f.follow_through, -(f.year or 0), f.partner_name, f.partner_id),
    )
