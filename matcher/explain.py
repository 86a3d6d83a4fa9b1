"""Explanations: a result's score split into its facet contributions, with evidence.

Everything here reads the numbers ``PartnerMatcher.score_all`` computed for the
ranking; nothing is scored a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import compress
from weakref import WeakKeyDictionary

import numpy as np

from features.catalog.geo import haversine_km
from features.catalog.loading import HUB_TIES, LEVELS
from features.screening.flags import Flag
from matcher.cooperation import cooperation_evidence
from matcher.facets import FACETS, MATCH_THRESHOLD, focus_served
from matcher.ties import MAX_TIES_SHOWN, TieFact, sorted_ties, tie_fact
from matcher.variety import core_names, namesake_of
from matcher.wording import scope_note, sector_labels, summaries, tie_lines

__all__ = [
    "Contribution",
    "Evidence",
    "Recommendation",
    "Explainer",
    "explain",
    "MATCH_THRESHOLD",
]

# Tie facts and cooperation evidence per network and candidate: shown ones recur.
_TIE_FACTS: WeakKeyDictionary = WeakKeyDictionary()
_COOPERATION: WeakKeyDictionary = WeakKeyDictionary()
_ENTRIES: WeakKeyDictionary = WeakKeyDictionary()
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
    """A fact behind a matched sector, on one side, with its source.

    ``text`` is said in English; ``text_vi`` in Vietnamese where the product words
    the sentence (None: the text is the source's own, the same in every language).
    """

    side: str
    locality_id: str
    sector: str
    role: str
    value: float
    text: str
    source: str
    date: str | None
    scope: str = "locality"
    text_vi: str | None = None


@dataclass(frozen=True)
class Recommendation:
    """A ranked candidate with its full explanation.

    ``score == fit + feasibility`` exactly, each the sum of its group's
    contributions; ``needs_met``: the focus sectors it serves, either way (strong
    where we need, or needing where we are strong); ``gaps``: those it does not.
    """

    id: str
    name: str
    country: str
    level: str
    score: float
    fit: float
    feasibility: float
    contributions: tuple[Contribution, ...]
    skipped: tuple[str, ...]
    needs_met: tuple[str, ...]
    needs_total: int
    gaps: tuple[str, ...]
    offers_to_them: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    flags: tuple[Flag, ...]
    existing_ties: tuple[str, ...]  # in English; ``existing_ties_vi`` in Vietnamese
    summary_en: str
    summary_vi: str
    gaps_unknown: tuple[str, ...] = ()
    # where the candidate lies and how far from the query (None: unknown)
    lat: float | None = None
    lon: float | None = None
    distance_km: float | None = None
    # the candidate's own known ties (best first, at most MAX_TIES_SHOWN each)
    ties_vietnam: tuple[TieFact, ...] = ()
    ties_vietnam_total: int = 0
    ties_abroad: tuple[TieFact, ...] = ()
    ties_abroad_total: int = 0
    existing_ties_vi: tuple[str, ...] = ()


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
        self.need_names = list(scored.focus)
        self.needs = [fs.sectors.index(s) for s in self.need_names]
        self.query_strong = scored.query_strengths >= MATCH_THRESHOLD
        self.focus_given = scored.focus_given
        self.fit_unknown = [f.name for f in FACETS].index("fit_unknown")
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
        """A locality's profile entries by (sector, role), the two largest of each
        (made once per fitted network and locality; callers only read them).

        Measured zeros (a region below a rule's threshold) are not evidence.
        """
        if self.catalog is None or locality_id is None:
            return {}
        held = _ENTRIES.setdefault(self.network, {})
        grouped = held.get(locality_id)
        if grouped is None:
            grouped = held[locality_id] = {}
            entries = self.catalog.profile(locality_id)
            for e in sorted(entries, key=lambda e: -e.value):
                if e.value <= 0:
                    continue
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
            if other is not None and core_names(other) & core_names(loc):
                return other
        return None

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

    def _cooperation(self, cid: str) -> tuple[list[Evidence], list[tuple[str, str]]]:
        """The candidate's cooperation projects: with others as evidence (needed
        sectors first, then the latest), with the query as (en, vi) history lines."""
        if not self.catalog:
            return [], []
        held = _COOPERATION.setdefault(self.network, {})
        key = (cid, self.scored.query_id, tuple(self.need_names))
        if key not in held:
            labels = {i: (s.label_en, s.label_vi) for i, s in self.labels.items()}
            cited, history = cooperation_evidence(
                self.catalog.cooperation_of(cid), key[1], self.need_names, labels
            )
            held[key] = tuple(
                Evidence("candidate", cid, s, "cooperation project", v, en, url,
                         date, text_vi=vi)
                for s, v, (en, vi), url, date in cited
            ), tuple(history)  # fmt: skip
        return list(held[key][0]), list(held[key][1])

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
        fit, feasibility = scored.subtotals_of(rows)
        ours, theirs = focus_served(fs, rows, self.needs, scored.query_strengths)
        return [
            self._explain(*facts)
            for facts in zip(
                rows,
                fs.ids[rows].tolist(),
                fs.names[rows].tolist(),
                fs.country[rows].tolist(),
                fs.level[rows].tolist(),
                scored.scores_of(rows).tolist(),
                fit.tolist(),
                feasibility.tolist(),
                self._contributions(rows, values, known),
                (~known).tolist(),
                values[:, self.follow_through].tolist(),
                values[:, self.fit_unknown].tolist(),
                ours.tolist(),
                theirs.tolist(),
                ((fs.needs[rows] > 0) & self.query_strong).tolist(),
                (strong & self.query_strong).tolist(),
                self._places(rows),
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
        fit,
        feasibility,
        contributions,
        unknown,
        follow_through,
        fit_unknown,
        meets_ours,
        meets_theirs,
        offered,
        both,
        place,
    ) -> Recommendation:
        fs, scored, network = self.fs, self.scored, self.network
        skipped = tuple(compress(_facet_columns()[0], unknown))
        sectors = fs.sectors
        needs = self.need_names
        is_met = [a or b for a, b in zip(meets_ours, meets_theirs, strict=True)]
        met = tuple(compress(needs, is_met))
        gaps = tuple(compress(needs, [not m for m in is_met]))
        known = fs.strengths_known[row]
        gaps_unknown = tuple(g for g in gaps if not known[sectors.index(g)])
        offers = tuple(compress(sectors, offered))
        evidence: list[Evidence] = []
        proof: list[str] = []
        if met or offers:
            c_entries = self._entries(cid)
            for sector, ours, theirs in zip(
                needs, meets_ours, meets_theirs, strict=True
            ):
                if ours:
                    found = _evidence(
                        c_entries.get((sector, "strength"), ()), "candidate", cid
                    )
                    evidence += self._query_side_evidence(sector, "need")
                    evidence += found
                elif theirs:
                    found = _evidence(
                        c_entries.get((sector, "need"), ()), "candidate", cid
                    )
                    evidence += found
                    evidence += self._query_side_evidence(sector, "strength")
                if ours or theirs:
                    proof.append(found[0].text if found else "")
            for sector in offers:
                if sector in met:
                    continue
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
        if not unknown[self.fit_unknown] and fit_unknown < 0:
            flags.append(Flag("no_fit_data", {"focus": list(needs)}))
        n_partners = len(network.partners(row, scored.hidden))
        if n_partners >= HUB_TIES:
            flags.append(Flag("candidate_hub", {"ties": n_partners}))
        if (
            not unknown[self.follow_through]
            and follow_through < self.weak_follow_through
        ):
            flags.append(Flag("weak_follow_through"))
        q = scored.query_row
        if row in self.query_partners:
            flags.append(Flag("already_partner"))
        namesake = namesake_of(self.catalog, cid) if self.catalog else None
        twin = self._same_named_partner(cid)
        for code, other in (("namesake", namesake), ("same_place_as_partner", twin)):
            if other is not None:
                facts = {"name": other.name, "level": other.level, "id": other.id}
                flags.append(Flag(code, facts))
        lat, lon, distance = place
        in_vietnam, abroad = self._ties(row)
        existing = [
            tie_lines(t.evidence, t.year, t.kind)
            for t in (network.ties_between(q, row) if q is not None else [])
        ]
        projects, history = self._cooperation(cid)
        evidence += projects
        if history:
            flags.append(Flag("shared_history", {"projects": len(history)}))
            existing += history
        summary_en, summary_vi = summaries(
            name,
            country,
            met=sector_labels(self.labels, met),
            needs_total=len(needs),
            reasons=[
                (c.label_en, c.label_vi) for c in contributions[:2] if c.value > 0
            ],
            weak=sector_labels(self.labels, [g for g in gaps if g not in gaps_unknown]),
            unknown=sector_labels(self.labels, gaps_unknown),
            proof=proof,
            subtotals=(fit, feasibility),
            focus_given=self.focus_given,
        )
        return Recommendation(
            id=cid,
            name=name,
            country=country,
            level=LEVELS[level],
            score=score,
            fit=fit,
            feasibility=feasibility,
            contributions=contributions,
            skipped=skipped,
            needs_met=met,
            needs_total=len(needs),
            gaps=gaps,
            offers_to_them=offers,
            evidence=tuple(evidence),
            flags=tuple(flags),
            existing_ties=tuple(en for en, _ in existing),
            existing_ties_vi=tuple(vi for _, vi in existing),
            summary_en=summary_en,
            summary_vi=summary_vi,
            gaps_unknown=gaps_unknown,
            lat=lat,
            lon=lon,
            distance_km=distance,
            ties_vietnam=tuple(in_vietnam[:MAX_TIES_SHOWN]),
            ties_vietnam_total=len(in_vietnam),
            ties_abroad=tuple(abroad[:MAX_TIES_SHOWN]),
            ties_abroad_total=len(abroad),
        )

    def _places(self, rows) -> list[tuple[float | None, float | None, float | None]]:
        """Each candidate's (lat, lon) and great-circle km from the query, or None
        (one vectorised distance for all ``rows``)."""
        lat = self.fs.lat[rows].astype(np.float64)
        lon = self.fs.lon[rows].astype(np.float64)
        q_lat, q_lon = self.scored.query_lat, self.scored.query_lon
        if np.isnan(q_lat) or np.isnan(q_lon):
            km = np.full(len(lat), np.nan)
        else:
            km = np.round(haversine_km(q_lat, q_lon, lat, lon), 1)
        return [
            (None, None, None)
            if np.isnan(a) or np.isnan(b)
            else (a, b, None if np.isnan(d) else d)
            for a, b, d in zip(lat.tolist(), lon.tolist(), km.tolist(), strict=True)
        ]

    def _ties(self, row: int) -> tuple[tuple[TieFact, ...], tuple[TieFact, ...]]:
        """The candidate's known ties (hidden ones left out): in Vietnam, abroad
        (outside Vietnam and the candidate's own country); made once per network."""
        held = _TIE_FACTS.setdefault(self.network, {})
        if (row, self.scored.hidden) not in held:
            fs, network = self.fs, self.network
            own, found = str(fs.country[row]), {True: [], False: []}
            for other in network.partners(row, self.scored.hidden).tolist():
                country = str(fs.country[other])
                if country != "VN" and country == own:
                    continue
                fact = tie_fact(
                    str(fs.ids[other]),
                    str(fs.names[other]),
                    country,
                    network.ties_between(row, other),
                )
                found[country == "VN"].append(fact)
            held[(row, self.scored.hidden)] = (
                tuple(sorted_ties(found[True])),
                tuple(sorted_ties(found[False])),
            )
        return held[(row, self.scored.hidden)]


def _evidence(entries, side: str, locality_id) -> tuple[Evidence, ...]:
    """The evidence of profile ``entries`` of one side's locality.

    A value inherited from the country says so: in both languages in ``text`` (as
    it always has), in Vietnamese alone in ``text_vi``.
    """
    found = []
    for e in entries:
        text, text_vi = e.evidence, None
        note = scope_note(e.scope)
        if note:
            text, text_vi = f"{text} [{note[0]} · {note[1]}]", f"{text} [{note[1]}]"
        found.append(
            Evidence(side, locality_id, e.sector, e.role, e.value, text, e.source,
                     e.source_date, e.scope, text_vi)
        )  # fmt: skip
    return tuple(found)


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


def explain(matcher, query, scored, row: int) -> Recommendation:
    """The explanation of candidate ``row`` from one ``score_all`` call's numbers.

    ``query`` is the query ``scored`` was computed for (its numbers carry it); to
    explain many rows of one query, use an :class:`Explainer`.
    """
    return Explainer(matcher, scored).explain(row)
