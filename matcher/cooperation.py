"""A candidate's cooperation record as evidence: its cited projects with others,
and the projects it shares with the query (history, never evidence of fit)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from matcher.facets import project_strength
from matcher.wording import cooperation_sentences, shared_project_lines

__all__ = ["MAX_PROJECTS", "cooperation_evidence"]

MAX_PROJECTS = 5


def cooperation_evidence(
    projects: Sequence,
    query_id: str | None,
    needed: Sequence[str],
    labels: Mapping[str, tuple[str, str]] | None = None,
) -> tuple[list[tuple], list[tuple[str, str]]]:
    """The projects to cite and the shared history, from the candidate's projects.

    Returns ``(cited, history)``: up to :data:`MAX_PROJECTS` projects with partners
    other than ``query_id`` (needed sectors first, then the latest), each as
    ``(sector, strength, (text_en, text_vi), url, retrieved)``; and one
    ``(english, vietnamese)`` line per project with the query itself. ``labels``:
    sector id → (English, Vietnamese) label, for the Vietnamese lines. The words
    are :mod:`matcher.wording.evidence`'s.
    """
    shared = [p for p in projects if query_id is not None and p.partner_id == query_id]
    others = [p for p in projects if p not in shared]
    counts = Counter(s for p in others for s in p.sectors)
    wanted = set(needed)
    labels = labels or {}
    ranked = sorted(
        others, key=lambda p: (not wanted & set(p.sectors), -(p.start or 0), p.url)
    )
    cited = []
    for p in ranked[:MAX_PROJECTS]:
        sector = next(
            (s for s in p.sectors if s in wanted), p.sectors[0] if p.sectors else ""
        )
        cited.append(
            (
                sector,
                float(project_strength(counts[sector])) if sector else 0.0,
                cooperation_sentences(p),
                p.url,
                p.retrieved,
            )
        )
    history = [shared_project_lines(p, labels) for p in shared]
    return cited, history
