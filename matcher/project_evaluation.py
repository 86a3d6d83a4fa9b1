"""Evaluation on cooperation projects: rank each project's real partner in its country.

Protocol (``evaluate_projects``): a project row (columns of
``cooperation/sector_projects_dev.tsv``) is a case when it names one of the 34
Vietnamese units and at least one taxonomy sector; its foreign local government is
resolved by id first (``foreign_geonames_id`` ``gn:``, then ``foreign_iso3166_2`` when
the row's level is the unit the code names), else by name, sure matches only. An
unresolved partner counts as a miss in every metric and is listed. The Vietnamese
province asks, the candidates are those of the partner's country, and the real
partner is ranked (a) with the project's sectors as the focus and (b) without.
The model and each baseline (``matcher.evaluation.BASELINES``: one facet on, and
random) rank the same candidates with the same filters.

Nothing from the case vouches for itself: the pair's tie, where the catalog knows
one, is hidden (network facets and the exclude-existing filter do not see it), and
the query always carries the province's row, so a cooperation facet that skips
projects with the asking province (``cooperation_record``, issue 13) skips them here.

Labelled-set hygiene (``split_projects``): new project tables
(``data/cooperation/projects_*.tsv``) are split by a salted SHA-256 of the folded
foreign locality and Vietnamese province, ``HELD_OUT_FRACTION`` (30 %) held out.
The split is deterministic and does not depend on row order or on the other rows,
so every project between one pair (phases of one partnership) falls on one side and
a row keeps its side as the tables grow. Tune weights and focus handling on the
``tuning`` part only; the ``held_out`` part is for the final report.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from features.build.cooperation import link_foreign
from features.catalog.countries import resolve_country
from features.errors import InvalidParameterError, UnknownCountryError
from features.names.folding import fold
from features.names.resolver import NameResolver
from matcher.evaluation import BASELINES, _rank, read_labelled
from matcher.facets import FACET_NAMES
from matcher.model import PartnerMatcher
from matcher.ranking import Filters, candidate_mask, recommend

__all__ = [
    "read_project_files",
    "distinct_cases",
    "ProjectCase",
    "ProjectReport",
    "read_projects",
    "resolve_projects",
    "focus_query",
    "vouching_entries",
    "evaluate_projects",
    "project_metrics",
    "card_metrics",
    "split_key",
    "is_held_out",
    "split_projects",
    "HELD_OUT_FRACTION",
    "FOCUS_MODES",
    "SPLIT_SALT",
]

K_VALUES = (5, 10, 20)
ARMS = ("focus", "no_focus")
FOCUS_MODES = ("replace", "augment")
METHODS = ("model", "random", *BASELINES)
HELD_OUT_FRACTION = 0.3
SPLIT_SALT = "partner-match/cooperation-projects/v1"
REQUIRED_COLUMNS = (
    "foreign_locality",
    "foreign_country",
    "vn_province_2025",
    "sectors",
)


@dataclass(frozen=True)
class ProjectCase:
    """One project to recover: the asking province, the real partner, the focus."""

    row: int
    label: str
    province: str
    partner: str
    country: str
    focus: tuple[str, ...]
    resolved_by: str
    url: str = ""


@dataclass
class ProjectReport:
    """Metrics by method and arm (focus / no focus / lift), with the case lists."""

    n_cases: int
    methods: dict
    unresolved: list[dict]
    skipped: list[dict]
    ranks: list[dict] = field(default_factory=list)
    self_vouching: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "n_cases": self.n_cases,
            "n_unresolved": len(self.unresolved),
            "methods": self.methods,
            "unresolved": self.unresolved,
            "skipped": self.skipped,
            "self_vouching": self.self_vouching,
            "ranks": self.ranks,
        }


# -- reading and resolving ------------------------------------------------------


def read_projects(path: Path) -> list[dict]:
    """Rows of a projects TSV; errors name the file, row and field."""
    return read_labelled(
        path,
        "projects",
        REQUIRED_COLUMNS,
        ("foreign_locality", "foreign_country"),
        delimiter="\t",
    )


def read_project_files(paths: Sequence[Path]) -> list[dict]:
    """The rows of several projects TSVs, in order (see :func:`read_projects`); a
    row repeated word for word (pair, sectors, page) in another file is kept once."""
    rows, seen = [], set()
    for path in paths:
        for row in read_projects(path):
            key = tuple(
                (row.get(c) or "").strip()
                for c in ("foreign_locality", "vn_province_2025", "sectors", "url")
            )
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def distinct_cases(cases: Sequence[ProjectCase]) -> list[ProjectCase]:
    """The first case of each (province, partner, focus): a project listed twice,
    in two files or from two pages, counts once."""
    seen, out = set(), []
    for case in cases:
        key = (case.province, case.partner, case.focus)
        if key not in seen:
            seen.add(key)
            out.append(case)
    return out


def _resolve_foreign(row: dict, resolver: NameResolver) -> tuple[str | None, str]:
    """(catalog id, how) of the foreign partner, or (None, why not): linked as the
    build links the cooperation table (:func:`features.build.cooperation.link_foreign`),
    so a partner the product knows a project of is a partner the evaluation finds."""
    try:
        country = resolve_country(row["foreign_country"])
    except UnknownCountryError:
        return None, f"unknown country {row['foreign_country']!r}"
    foreign, how = link_foreign(
        {**row, "foreign_country": country}, resolver.catalog, resolver
    )
    if foreign is not None and resolver.catalog.get(foreign).country != country:
        return None, f"{foreign} is not in {country}"
    return foreign, how


def resolve_projects(
    rows: list[dict], resolver: NameResolver, sectors: Sequence[str]
) -> tuple[list[ProjectCase], list[dict], list[dict]]:
    """Cases, unresolved rows (misses) and skipped rows (not cases), each with why.

    A row is skipped when it names no Vietnamese province or no taxonomy sector
    (``other:*`` sectors are outside the taxonomy): it cannot ask with a focus.
    """
    cases, unresolved, skipped = [], [], []
    for row in rows:
        province_name = (row.get("vn_province_2025") or "").strip()
        label = f"{province_name or '?'} – {row['foreign_locality']} "
        label += f"({row['foreign_country']})"
        focus = tuple(
            s for s in (row.get("sectors") or "").split(";") if s.strip() in sectors
        )
        if not province_name:
            skipped.append({"row": row["_row"], "case": label, "reason": "no province"})
            continue
        if not focus:
            skipped.append(
                {"row": row["_row"], "case": label, "reason": "no taxonomy sector"}
            )
            continue
        province = resolver.resolve(
            province_name, country="VN", level="admin1", limit=1
        )
        if not province:
            unresolved.append(
                {"row": row["_row"], "case": label, "reason": "province not found"}
            )
            continue
        partner, how = _resolve_foreign(row, resolver)
        if partner is None:
            unresolved.append({"row": row["_row"], "case": label, "reason": how})
            continue
        cases.append(
            ProjectCase(
                row=row["_row"],
                label=label,
                province=province[0].id,
                partner=partner,
                country=resolver.catalog.get(partner).country,
                focus=tuple(s.strip() for s in focus),
                resolved_by=how,
                url=(row.get("url") or "").strip(),
            )
        )
    return cases, unresolved, skipped


# -- the query ------------------------------------------------------------------


def focus_query(
    matcher: PartnerMatcher,
    province: str,
    focus: Sequence[str] | None,
    mode: str = "replace",
) -> tuple[str, ...] | None:
    """The focus ``province`` asks with (None: as the product asks by default, the
    declared needs being the focus), for ``PartnerMatcher.score_all(focus=…)``.

    ``mode="replace"``: the project's sectors alone; ``"augment"``: the project's
    sectors and the province's declared needs. The one place where the case's
    sectors become the request's focus.
    """
    if mode not in FOCUS_MODES:
        raise InvalidParameterError("mode", f"one of {list(FOCUS_MODES)}", mode)
    if focus is None:
        return None
    fs = matcher.feature_set_
    asked = set(focus)
    if mode == "augment":
        row = fs.row(province)
        asked |= {s for s, v in zip(fs.sectors, fs.needs[row], strict=True) if v > 0}
    return tuple(s for s in fs.sectors if s in asked)


def vouching_entries(catalog, case: ProjectCase) -> list[str]:
    """The partner's profile entries that may come from the case itself.

    Those citing the project's page, or whose evidence names the asking province:
    they would let the case vouch for itself through the partner's profile (needs
    met, text similarity). The report lists them; none exist in today's catalog.
    """
    province = catalog.get(case.province)
    names = {fold(n) for n in (province.name, getattr(province, "name_en", ""))}
    names.discard("")
    found = []
    for entry in catalog.profile(case.partner):
        text = fold(f"{entry.evidence} {entry.source}")
        cites_page = bool(case.url) and case.url in f"{entry.source} {entry.evidence}"
        if cites_page or any(re.search(rf"\b{re.escape(n)}\b", text) for n in names):
            found.append(f"{entry.sector}/{entry.role}: {entry.source}")
    return found


# -- metrics --------------------------------------------------------------------


def project_metrics(ranks: Sequence[int | None], n_total: int) -> dict:
    """Recall@5/10/20 and MRR over ``n_total`` cases; None ranks count as misses."""
    got = [r for r in ranks if r is not None]
    out = {f"recall@{k}": sum(r <= k for r in got) / n_total for k in K_VALUES}
    out["mrr"] = sum(1 / r for r in got) / n_total
    out["hits@10"] = sum(r <= 10 for r in got)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in out.items()}


def _one_hot() -> dict[str, np.ndarray]:
    weights = {}
    for name, facet in BASELINES.items():
        w = np.zeros(len(FACET_NAMES))
        w[FACET_NAMES.index(facet)] = 1.0
        weights[name] = w
    return weights


def _case_ranks(matcher, case: ProjectCase, one_hot, seed: int, mode: str) -> dict:
    """Rank of the partner by every method in both arms (None: not a candidate)."""
    fs = matcher.feature_set_
    target = fs.row(case.partner)
    noise = np.random.default_rng([seed, case.row]).random(len(fs))
    out: dict[str, dict[str, int | None]] = {m: {} for m in METHODS}
    for arm in ARMS:
        focus = focus_query(
            matcher, case.province, case.focus if arm == "focus" else None, mode
        )
        scored = matcher.score_all(
            case.province, focus=focus, hidden_ties=[(case.province, case.partner)]
        )
        if scored.query_row is None:  # the self-exclusions need the asking row
            raise InvalidParameterError("query", "a catalog province", case.province)
        mask = candidate_mask(
            matcher,
            scored.query_row,
            str(fs.country[scored.query_row]),
            Filters(countries=[case.country]),
            scored.hidden,
        )
        values = np.nan_to_num(scored.values, nan=0.0)
        scores = {
            "model": scored.scores,
            "random": noise,
            **{name: values @ w for name, w in one_hot.items()},
        }
        for name, s in scores.items():
            out[name][arm] = _rank(s, mask, target) if mask[target] else None
    return out


def evaluate_projects(
    matcher: PartnerMatcher,
    cases: list[ProjectCase],
    *,
    unresolved: list[dict] | None = None,
    skipped: list[dict] | None = None,
    seed: int = 0,
    focus_mode: str = "replace",
) -> ProjectReport:
    """In-country ranks of each project's partner, with and without its focus.

    Unresolved cases count as misses in every metric; skipped rows are only listed.
    ``focus_mode``: how the focus enters the query (see ``focus_query``).
    """
    unresolved = unresolved or []
    one_hot = _one_hot()
    per_case = [_case_ranks(matcher, c, one_hot, seed, focus_mode) for c in cases]
    n_total = len(cases) + len(unresolved)
    methods = {}
    for name in METHODS:
        arms = {
            arm: project_metrics([r[name][arm] for r in per_case], n_total)
            if n_total
            else {}
            for arm in ARMS
        }
        if n_total:
            arms["lift"] = {
                k: round(arms["focus"][k] - arms["no_focus"][k], 4)
                for k in arms["focus"]
            }
        methods[name] = arms
    ranks = [
        {
            "row": c.row,
            "case": c.label,
            "partner": c.partner,
            "resolved_by": c.resolved_by,
            "focus": list(c.focus),
            "rank_focus": r["model"]["focus"],
            "rank_no_focus": r["model"]["no_focus"],
        }
        for c, r in zip(cases, per_case, strict=True)
    ]
    catalog = matcher.feature_set_.catalog
    vouching = [
        {"row": c.row, "case": c.label, "entries": found}
        for c in cases
        if catalog is not None and (found := vouching_entries(catalog, c))
    ]
    return ProjectReport(n_total, methods, unresolved, skipped or [], ranks, vouching)


# -- card metrics of the 34 provinces -------------------------------------------


def card_metrics(
    matcher: PartnerMatcher, provinces: Sequence[str], k: int = 10
) -> dict:
    """Need coverage@k, cards meeting no need, distinct candidates over the slots.

    For each province asking as the product does (default filters): the share of
    its declared needs met by at least one of its top ``k`` (``needs_met`` of the
    explanation), pooled over provinces; the share of the ``len(provinces) × k``
    cards whose ``needs_met`` is empty; and the number of distinct candidates.
    """
    met = total = empty = cards = 0
    seen: set[str] = set()
    without_needs = []
    for province in provinces:
        results = recommend(matcher, province, k=k)
        covered = {s for r in results for s in r.needs_met}
        n_needs = results[0].needs_total if results else 0
        if not n_needs:
            without_needs.append(province)
        met += len(covered)
        total += n_needs
        empty += sum(not r.needs_met for r in results)
        cards += len(results)
        seen.update(r.id for r in results)
    return {
        "k": k,
        "provinces": len(provinces),
        f"need_coverage@{k}": round(met / total, 4) if total else None,
        "needs_declared": total,
        "needs_met": met,
        "cards_meeting_no_need": round(empty / cards, 4) if cards else None,
        "cards": cards,
        "distinct_candidates": len(seen),
        "provinces_without_needs": without_needs,
    }


# -- labelled-set hygiene -------------------------------------------------------


def split_key(foreign_locality: str, province: str) -> float:
    """A number in [0, 1) fixed by the folded pair names (salted SHA-256)."""
    text = f"{SPLIT_SALT}|{fold(foreign_locality)}|{fold(province)}"
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def is_held_out(
    foreign_locality: str, province: str, fraction: float = HELD_OUT_FRACTION
) -> bool:
    """Whether the pair belongs to the held-out part (never used while tuning)."""
    if not 0.0 <= fraction <= 1.0:
        raise InvalidParameterError("fraction", "a number from 0 to 1", fraction)
    return split_key(foreign_locality, province) < fraction


def split_projects(
    rows: list[dict], fraction: float = HELD_OUT_FRACTION
) -> tuple[list[dict], list[dict]]:
    """(tuning, held_out) rows of a projects table, by ``is_held_out`` of each pair."""
    tuning, held_out = [], []
    for row in rows:
        side = is_held_out(
            row["foreign_locality"], row.get("vn_province_2025") or "", fraction
        )
        (held_out if side else tuning).append(row)
    return tuning, held_out
