"""Explanations: a result's score split into its facet contributions, with evidence.

Everything here reads the numbers ``PartnerMatcher.score_all`` computed for the
ranking; nothing is scored a second time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import compress

import numpy as np

from features.catalog.countries import country_name, country_name_vi
from features.catalog.loading import LEVELS
from features.names.folding import fold, strip_affixes
from matcher.facets import FACETS, project_strength

__all__ = [
    "Contribution",
    "Evidence",
    "Recommendation",
    "Explainer",
    "explain",
    "MATCH_THRESHOLD",
]

MATCH_THRESHOLD = 0.25
MAX_PROJECTS = 5
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


class Explainer:
    """Explains candidates of one ``score_all`` result, doing the per-query work once.

    Args:
        matcher: The fitted ``PartnerMatcher`` that computed ``scored``.
        scored: Its ``ScoredCandidates`` for the query.
    """

    def __init__(self, matcher, scored) -> None:
        fs = matcher.feature_set_
        self.fs = fs
        self.scored = scored
        self.network = matcher.network_
        self.catalog = fs.catalog
        self.labels = (
            {s.id: s for s in self.catalog.taxonomy.sectors} if self.catalog else {}
        )
        self.needs = np.flatnonzero(scored.query_needs > 0).tolist()
        self.need_names = [fs.sectors[j] for j in self.needs]
        self.query_strong = scored.query_strengths >= MATCH_THRESHOLD
        self.query_evidence = self._entries(scored.query_id)
        q = scored.query_row
        self.query_partners = (
            frozenset(self.network.partners(q, scored.hidden).tolist())
            if q is not None
            else frozenset()
        )
        self.partner_parents = self._partner_parents()
        self.follow_through = [f.name for f in FACETS].index("follow_through")
        # facet values are held at float32 precision, so is the threshold
        self.weak_follow_through = float(np.float32(WEAK_FOLLOW_THROUGH))
        self._query_side: dict[tuple[str, str], tuple[Evidence, ...]] = {}

    def _entries(self, locality_id) -> dict[tuple[str, str], list]:
        """A locality's profile entries by (sector, role), the first two of each."""
        if self.catalog is None or locality_id is None:
            return {}
        grouped: dict[tuple[str, str], list] = {}
        for e in self.catalog.profile(locality_id):
            found = grouped.setdefault((e.sector, e.role), [])
            if len(found) < 2:
                found.append(e)
        return grouped

    def _partner_parents(self) -> dict[str, object]:
        """The query's partners by the id of the unit they lie in."""
        if self.catalog is None:
            return {}
        found = {}
        for r in self.query_partners:
            loc = self.catalog.get(str(self.fs.ids[r]))
            if loc.parent_id:
                found.setdefault(loc.parent_id, loc)
        return found

    def _same_named_partner(self, locality_id: str):
        """An existing partner that is this candidate's parent or child of one name.

        A city-province (Seoul, Phnom Penh) is in the catalog both as a unit and as
        its city; a tie known on one is a tie with the other in all but name.
        """
        if self.catalog is None or not self.query_partners:
            return None
        loc = self.catalog.get(locality_id)
        others = [self.partner_parents.get(locality_id)]
        if loc.parent_id and loc.parent_id in self.catalog:
            parent = self.catalog.get(loc.parent_id)
            if self.fs.row(parent.id) in self.query_partners:
                others.append(parent)
        for other in others:
            if other is not None and _core_names(other) & _core_names(loc):
                return other
        return None

    def _sector_names(self, ids, vi=False) -> str:
        labels = self.labels
        return ", ".join(
            (labels[s].label_vi if vi else labels[s].label_en) if s in labels else s
            for s in ids
        )

    def _query_side_evidence(self, sector: str, role: str) -> tuple[Evidence, ...]:
        """The query's evidence for (sector, role), made once per query."""
        found = self._query_side.get((sector, role))
        if found is None:
            found = self._query_side[sector, role] = _evidence(
                self.query_evidence.get((sector, role), ()),
                "query",
                self.scored.query_id,
            )
        return found

    def _cooperation(self, cid: str) -> tuple[list[Evidence], list[str]]:
        """The candidate's cooperation projects: with others as evidence (needed
        sectors first, then the latest), with the query as shared history."""
        projects = self.catalog.cooperation_of(cid) if self.catalog else []
        if not projects:
            return [], []
        qid = self.scored.query_id
        shared = [p for p in projects if qid is not None and p.partner_id == qid]
        others = [p for p in projects if p not in shared]
        counts = Counter(s for p in others for s in p.sectors)
        needed = set(self.need_names)
        ranked = sorted(
            others,
            key=lambda p: (not needed & set(p.sectors), -(p.start or 0), p.url),
        )
        evidence = []
        for p in ranked[:MAX_PROJECTS]:
            sector = next(
                (s for s in p.sectors if s in needed), p.sectors[0] if p.sectors else ""
            )
            partner = p.partner_locality or "a partner (not named)"
            country = (
                f", {country_name(p.partner_country)}" if p.partner_country else ""
            )
            years = f" ({p.years})" if p.years else ""
            evidence.append(
                Evidence(
                    "candidate",
                    cid,
                    sector,
                    "cooperation project",
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
        return evidence, history

    def explain(self, row: int) -> Recommendation:
        """The explanation of candidate ``row``."""
        return self.explain_rows([row])[0]

    def explain_rows(self, rows) -> list[Recommendation]:
        """The explanations of candidates ``rows``, in that order."""
        rows = [int(r) for r in rows]
        scored, fs = self.scored, self.fs
        values = scored.values_of(rows)
        known = ~np.isnan(values)
        strong = fs.strengths[rows] >= MATCH_THRESHOLD
        return [
            self._explain(*facts)
            for facts in zip(
                rows,
                fs.ids[rows].tolist(),
                fs.names[rows].tolist(),
                fs.country[rows].tolist(),
                fs.level[rows].tolist(),
                scored.scores_of(rows).tolist(),
                self._contributions(rows, values, known),
                (~known).tolist(),
                values[:, self.follow_through].tolist(),
                strong[:, self.needs].tolist(),
                ((fs.needs[rows] > 0) & self.query_strong).tolist(),
                (strong & self.query_strong).tolist(),
                strict=True,
            )
        ]

    def _contributions(self, rows, values, known) -> list[tuple[Contribution, ...]]:
        """Each row's contributions of known facets, largest first (ties by name)."""
        parts = self.scored.contributions_of(rows)
        order = np.lexsort(
            (np.broadcast_to(_facet_ranks(), parts.shape), -parts, ~known), axis=-1
        )
        names, labels_en, labels_vi = _facet_columns()
        columns = zip(
            known.sum(axis=1).tolist(),
            names[order].tolist(),
            np.take_along_axis(parts, order, axis=1).tolist(),
            np.take_along_axis(values, order, axis=1).tolist(),
            self.scored.weights[order].tolist(),
            labels_en[order].tolist(),
            labels_vi[order].tolist(),
            strict=True,
        )
        return [tuple(map(Contribution, n[:k], *rest)) for k, n, *rest in columns]

    def _explain(
        self,
        row,
        cid,
        name,
        country,
        level,
        score,
        contributions,
        unknown,
        follow_through,
        is_met,
        offered,
        both,
    ) -> Recommendation:
        fs, scored, network = self.fs, self.scored, self.network
        skipped = tuple(compress(_facet_columns()[0], unknown))
        sectors = fs.sectors
        needs = self.need_names
        met = tuple(compress(needs, is_met))
        gaps = tuple(compress(needs, [not m for m in is_met]))
        offers = tuple(compress(sectors, offered))
        evidence: list[Evidence] = []
        if met or offers:
            c_entries = self._entries(cid)
            for sector in met:
                evidence += self._query_side_evidence(sector, "need")
                evidence += _evidence(
                    c_entries.get((sector, "strength"), ()), "candidate", cid
                )
            for sector in offers:
                evidence += _evidence(
                    c_entries.get((sector, "need"), ()), "candidate", cid
                )
                evidence += self._query_side_evidence(sector, "strength")
        else:
            shared = list(compress(sectors, both))[:3]
            c_entries = self._entries(cid) if shared else {}
            for sector in shared:
                evidence += _evidence(
                    c_entries.get((sector, "strength"), ()), "candidate", cid
                )
                evidence += self._query_side_evidence(sector, "strength")
        flags = []
        n_partners = len(network.partners(row, scored.hidden))
        if n_partners >= HUB_DEGREE:
            flags.append(f"hub: {n_partners} known ties already")
        if (
            not unknown[self.follow_through]
            and follow_through < self.weak_follow_through
        ):
            flags.append("existing ties are old or visits-only (weak follow-through)")
        q = scored.query_row
        if row in self.query_partners:
            flags.append("already a partner")
        twin = self._same_named_partner(cid)
        if twin is not None:
            flags.append(
                f"same place as an existing partner? {twin.name} ({twin.level}, "
                f"{twin.id}) has this name"
            )
        existing = tuple(
            f"{t.evidence}" + (f" ({t.year})" if t.year else "") + f" — {t.kind}"
            for t in (network.ties_between(q, row) if q is not None else [])
        )
        projects, history = self._cooperation(cid)
        evidence += projects
        if history:
            flags.append(
                f"shared history: {len(history)} cooperation project(s) with the "
                "query, not counted in its cooperation record"
            )
            existing += tuple(history)
        name_en, name_vi = _country_names(country)
        top = [c for c in contributions[:2] if c.value > 0]
        if needs:
            need_en = f"meets {len(met)} of {len(needs)} declared needs" + (
                f" ({self._sector_names(met)})" if met else ""
            )
            need_vi = f"đáp ứng {len(met)}/{len(needs)} nhu cầu đã nêu" + (
                f" ({self._sector_names(met, True)})" if met else ""
            )
        else:
            need_en, need_vi = (
                "no declared needs to match",
                "chưa có nhu cầu được nêu để so khớp",
            )
        summary_en = (
            f"{name} ({name_en}): {need_en}; main reasons: "
            + (", ".join([c.label_en.lower() for c in top]) or "none")
            + "."
        )
        summary_vi = (
            f"{name} ({name_vi}): {need_vi}; lý do chính: "
            + (", ".join([c.label_vi.lower() for c in top]) or "không có")
            + "."
        )
        return Recommendation(
            id=cid,
            name=name,
            country=country,
            level=LEVELS[level],
            score=score,
            contributions=contributions,
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


def _evidence(entries, side: str, locality_id) -> tuple[Evidence, ...]:
    """The evidence of profile ``entries`` of one side's locality."""
    return tuple(
        [
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
            for e in entries
        ]
    )


@cache
def _facet_columns() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Facet names and labels as object arrays, in ``FACETS`` order."""
    columns = tuple(
        np.array([getattr(f, key) for f in FACETS], dtype=object)
        for key in ("name", "label_en", "label_vi")
    )
    for column in columns:
        column.flags.writeable = False
    return columns


@cache
def _facet_ranks() -> np.ndarray:
    """Each facet's position in name order (ties of value are broken by name)."""
    ranks = np.argsort(np.argsort([f.name for f in FACETS], kind="stable"))
    ranks.flags.writeable = False
    return ranks


@cache
def _country_names(code: str) -> tuple[str, str]:
    """English and Vietnamese name of a country."""
    return country_name(code), country_name_vi(code)


def explain(matcher, query, scored, row: int) -> Recommendation:
    """The explanation of candidate ``row`` from one ``score_all`` call's numbers.

    ``query`` is the query ``scored`` was computed for (its numbers carry it); to
    explain many rows of one query, use an :class:`Explainer`.
    """
    return Explainer(matcher, scored).explain(row)


def _core_names(loc) -> set[str]:
    """A locality's names folded and without type words (Seoul-teukbyeolsi → seoul)."""
    return {strip_affixes(fold(name))[0] for name in (loc.name, loc.name_en) if name}
