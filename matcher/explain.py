"""Explanations: a result's score split into its facet contributions, with evidence.

Everything here reads the numbers ``PartnerMatcher.score_all`` computed for the
ranking; nothing is scored a second time.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from features.catalog import LEVELS
from features.countries import country_name, country_name_vi
from matcher.facets import FACETS
from matcher.model import Profile

__all__ = ["Contribution", "Evidence", "Recommendation", "explain", "MATCH_THRESHOLD"]

MATCH_THRESHOLD = 0.25
HUB_DEGREE = 30
WEAK_FOLLOW_THROUGH = 0.35


@dataclass(frozen=True)
class Contribution:
    """One facet's part of a score: ``value == weight * facet_value``."""

    facet: str
    value: float
    facet_value: float
    weight: float
    label_en: str
    label_vi: str


@dataclass(frozen=True)
class Evidence:
    """A fact behind a matched sector, on one side, with its source."""

    side: str
    locality_id: str
    sector: str
    role: str
    value: float
    text: str
    source: str
    date: str | None


@dataclass(frozen=True)
class Recommendation:
    """A ranked candidate with its full explanation."""

    id: str
    name: str
    country: str
    level: str
    score: float
    contributions: tuple[Contribution, ...]
    skipped: tuple[str, ...]
    needs_met: tuple[str, ...]
    needs_total: int
    gaps: tuple[str, ...]
    offers_to_them: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    flags: tuple[str, ...]
    existing_ties: tuple[str, ...]
    summary_en: str
    summary_vi: str


def _evidence(catalog, locality_id, sector, role, side) -> list[Evidence]:
    if catalog is None or locality_id is None:
        return []
    return [
        Evidence(
            side,
            locality_id,
            e.sector,
            e.role,
            e.value,
            e.evidence,
            e.source,
            e.source_date,
        )
        for e in catalog.profile(locality_id)
        if e.sector == sector and e.role == role
    ][:2]


def explain(matcher, query, scored, row: int) -> Recommendation:
    """The explanation of candidate ``row`` from one ``score_all`` call's numbers."""
    fs = matcher.feature_set_
    weights = matcher.weights_
    values = scored.values[row]
    parts = scored.contributions[row]
    contributions = sorted(
        (
            Contribution(
                f.name,
                float(parts[j]),
                float(values[j]),
                float(weights[j]),
                f.label_en,
                f.label_vi,
            )
            for j, f in enumerate(FACETS)
            if not np.isnan(values[j])
        ),
        key=lambda c: (-c.value, c.facet),
    )
    skipped = tuple(f.name for j, f in enumerate(FACETS) if np.isnan(values[j]))
    q = scored.query_row
    q_id = str(fs.ids[q]) if q is not None else getattr(query, "locality_id", None)
    # An ad-hoc Profile speaks for itself, even when it names a catalog locality.
    if isinstance(query, Profile):
        q_strengths = np.asarray(query.strengths, float)
        q_needs = np.asarray(query.needs, float)
    else:
        q_strengths, q_needs = fs.strengths[q], fs.needs[q]
    c_strengths, c_needs = fs.strengths[row], fs.needs[row]
    needs = [
        s
        for j, s in enumerate(fs.sectors)
        if not np.isnan(q_needs[j]) and q_needs[j] > 0
    ]
    met = tuple(
        s
        for s in needs
        if not np.isnan(c_strengths[fs.sectors.index(s)])
        and c_strengths[fs.sectors.index(s)] >= MATCH_THRESHOLD
    )
    gaps = tuple(s for s in needs if s not in met)
    offers = tuple(
        s
        for j, s in enumerate(fs.sectors)
        if not np.isnan(c_needs[j])
        and c_needs[j] > 0
        and not np.isnan(q_strengths[j])
        and q_strengths[j] >= MATCH_THRESHOLD
    )
    catalog = fs.catalog
    cid = str(fs.ids[row])
    evidence: list[Evidence] = []
    for sector in met:
        evidence += _evidence(catalog, q_id, sector, "need", "query")
        evidence += _evidence(catalog, cid, sector, "strength", "candidate")
    for sector in offers:
        evidence += _evidence(catalog, cid, sector, "need", "candidate")
        evidence += _evidence(catalog, q_id, sector, "strength", "query")
    if not met and not offers:
        shared = [
            s
            for j, s in enumerate(fs.sectors)
            if q_strengths[j] >= MATCH_THRESHOLD and c_strengths[j] >= MATCH_THRESHOLD
        ]
        for sector in shared[:3]:
            evidence += _evidence(catalog, cid, sector, "strength", "candidate")
            evidence += _evidence(catalog, q_id, sector, "strength", "query")
    network = matcher.network_
    partners = network.partners(row, scored.hidden)
    flags = []
    if len(partners) >= HUB_DEGREE:
        flags.append(f"hub: {len(partners)} known ties already")
    ft = values[[f.name for f in FACETS].index("follow_through")]
    if not np.isnan(ft) and ft < WEAK_FOLLOW_THROUGH:
        flags.append("existing ties are old or visits-only (weak follow-through)")
    if q is not None and row in set(network.partners(q, scored.hidden).tolist()):
        flags.append("already a partner")
    existing = tuple(
        f"{t.evidence}" + (f" ({t.year})" if t.year else "") + f" — {t.kind}"
        for t in (network.ties_between(q, row) if q is not None else [])
    )
    loc_level = LEVELS[int(fs.level[row])]
    name = str(fs.names[row])
    country = str(fs.country[row])
    top = [c for c in contributions if c.value > 0][:2]
    labels = {s.id: s for s in catalog.taxonomy.sectors} if catalog else {}

    def sector_names(ids, vi=False):
        return ", ".join(
            (labels[s].label_vi if vi else labels[s].label_en) if s in labels else s
            for s in ids
        )

    if needs:
        need_en = f"meets {len(met)} of {len(needs)} declared needs" + (
            f" ({sector_names(met)})" if met else ""
        )
        need_vi = f"đáp ứng {len(met)}/{len(needs)} nhu cầu đã nêu" + (
            f" ({sector_names(met, True)})" if met else ""
        )
    else:
        need_en, need_vi = (
            "no declared needs to match",
            "chưa có nhu cầu được nêu để so khớp",
        )
    summary_en = (
        f"{name} ({country_name(country)}): {need_en}; main reasons: "
        + (", ".join(c.label_en.lower() for c in top) or "none")
        + "."
    )
    summary_vi = (
        f"{name} ({country_name_vi(country)}): {need_vi}; lý do chính: "
        + (", ".join(c.label_vi.lower() for c in top) or "không có")
        + "."
    )
    return Recommendation(
        id=cid,
        name=name,
        country=country,
        level=loc_level,
        score=float(scored.scores[row]),
        contributions=tuple(contributions),
        skipped=skipped,
        needs_met=met,
        needs_total=len(needs),
        gaps=gaps,
        offers_to_them=offers,
        evidence=tuple(evidence),
        flags=tuple(flags),
        existing_ties=existing,
        summary_en=summary_en,
        summary_vi=summary_vi,
    )
