"""A candidate's cooperation record as evidence: its cited projects with others,
and the projects it shares with the query (history, never evidence of fit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from features.catalog.countries import country_name
from matcher.facets import project_strength

__all__ = ["MAX_PROJECTS", "cooperation_evidence"]

MAX_PROJECTS = 5


def cooperation_evidence(
    projects: Sequence, query_id: str | None, needed: Sequence[str]
) -> tuple[list[tuple], list[str]]:
    """The projects to cite and the shared history, from the candidate's projects.

    Returns ``(cited, history)``: up to :data:`MAX_PROJECTS` projects with partners
    other than ``query_id`` (needed sectors first, then the latest), each as
    ``(sector, strength, text, url, retrieved)``; and one line per project with the
    query itself.
    """
    shared = [p for p in projects if query_id is not None and p.partner_id == query_id]
    others = [p for p in projects if p not in shared]
    counts = Counter(s for p in others for s in p.sectors)
    wanted = set(needed)
    ranked = sorted(
        others, key=lambda p: (not wanted & set(p.sectors), -(p.start or 0), p.url)
    )
    cited = []
    for p in ranked[:MAX_PROJECTS]:
        sector = next(
            (s for s in p.sectors if s in wanted), p.sectors[0] if p.sectors else ""
        )
        partner = p.partner_locality or "a partner (not named)"
        country = f", {country_name(p.partner_country)}" if p.partner_country else ""
        years = f" ({p.years})" if p.years else ""
        cited.append(
            (
                sector,
                float(project_strength(counts[sector])) if sector else 0.0,
                f"{p.foreign_name}: project with {partner}{country}{years}: "
                f"{p.theme} [{p.programme}]",
                p.url,
                p.retrieved,
            )
        )
    history = [
        "shared cooperation project"
        + (f" ({p.years})" if p.years else "")
        + f": {', '.join(p.sectors) or 'no listed sector'} — {p.theme} <{p.url}>"
        for p in shared
    ]
    return cited, history
