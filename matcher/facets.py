"""The facets: named, documented scoring terms, each a value in [0, 1] or unknown.

A facet returns one value per candidate for one query; ``NaN`` means unknown (its
input is missing on one side) and the facet is then skipped, never imputed. The
score is ``sum(weight[f] * value[f])`` over the known facets.

Each facet belongs to a group (``Facet.group``): ``fit`` (what the partner offers on
the query's focus: the sectors the cooperation is about) or ``feasibility`` (how
workable the pair is: distance, country ties, network, level, size). The score is
the fit subtotal plus the feasibility subtotal. A new facet joins a group by its
``group``; one whose known value is fit data on the focus joins
:data:`FOCUS_EVIDENCE` by name (``cooperation_record`` is listed ahead of time).
The one facet outside [0, 1] is ``fit_unknown``: −1 when no facet of
:data:`FOCUS_EVIDENCE` is known for the candidate, so that a candidate without fit
data cannot outrank proven fit unless its feasibility is much higher.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from features.catalog.geo import haversine_km
from features.params import Interval, Real
from matcher.context import QueryContext

__all__ = [
    "Facet",
    "FACET_GROUPS",
    "FOCUS_EVIDENCE",
    "group_of",
    "FACETS",
    "FACET_NAMES",
    "WEIGHT_CONSTRAINT",
    "QueryContext",
    "compute_facets",
    "project_strength",
    "focus_served",
    "MATCH_THRESHOLD",
]


@dataclass(frozen=True)
class Facet:
    """A scoring term: stable name, labels, and what it measures."""

    name: str
    label_en: str
    label_vi: str
    help: str
    compute: Callable[[QueryContext], np.ndarray]
    group: str = "feasibility"


# The groups a facet may belong to, in the order their subtotals are shown.
FACET_GROUPS: tuple[str, ...] = ("fit", "feasibility")
# Facets whose known value is fit data on the focus (by name: later facets join).
FOCUS_EVIDENCE: tuple[str, ...] = ("needs_met", "needs_offered", "cooperation_record")
# A strength this strong (or a need met by a query strength this strong) serves a
# focus sector: the card's ``needs_met`` and the ``proven_fit`` facet use it.
MATCH_THRESHOLD = 0.25


def focus_served(
    fs, rows, focus_cols, query_strengths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(ours, theirs): for candidate ``rows`` × ``focus_cols``, whether the candidate
    is strong in the sector (meets our need) or needs it where we are strong."""
    cols = np.asarray(focus_cols, dtype=np.int64)
    strong, needing = _served_tables(fs)
    ask = np.nan_to_num(query_strengths[cols], nan=0.0) >= MATCH_THRESHOLD
    return strong[rows][:, cols], needing[rows][:, cols] & ask


# (strong, needing) boolean tables of the latest feature set (by id, held with it;
# one at a time, so an older feature set is not kept alive).
_SERVED: dict[int, tuple[object, np.ndarray, np.ndarray]] = {}


def _served_tables(fs) -> tuple[np.ndarray, np.ndarray]:
    """Candidates × sectors: strength ≥ ``MATCH_THRESHOLD``; need > 0 (made once)."""
    found = _SERVED.get(id(fs))
    if found is None or found[0] is not fs:
        _SERVED.clear()
        strong = np.asfortranarray(
            np.nan_to_num(fs.strengths, nan=0.0) >= MATCH_THRESHOLD
        )
        needing = np.asfortranarray(np.nan_to_num(fs.needs, nan=0.0) > 0)
        found = _SERVED[id(fs)] = (fs, strong, needing)
    return found[1], found[2]


def _weighted_overlap(
    query: np.ndarray, values: np.ndarray, known: np.ndarray
) -> np.ndarray:
    """Σ min / Σ max over sectors known on both sides (weighted Jaccard)."""
    cols = np.flatnonzero(~np.isnan(query))
    n = values.shape[0]
    if not len(cols):
        return np.full(n, np.nan)
    q = query[cols]
    both = known[:, cols]
    m = values[:, cols]
    num = (np.minimum(q, m) * both).sum(axis=1)
    den = (np.maximum(q, m) * both).sum(axis=1)
    out = np.divide(num, den, out=np.zeros(n), where=den > 0)
    out[~both.any(axis=1)] = np.nan
    return out


def _coverage(demand: np.ndarray, supply: np.ndarray, known: np.ndarray) -> np.ndarray:
    """Share of the demand (needs) that the supply (strengths) covers, sector-wise."""
    cols = np.flatnonzero(np.nan_to_num(demand, nan=0.0) > 0)
    n = supply.shape[0]
    if not len(cols):
        return np.full(n, np.nan)
    d = demand[cols] * known[:, cols]
    total = d.sum(axis=1)
    met = (d * supply[:, cols]).sum(axis=1)
    out = np.full(n, np.nan)
    np.divide(met, total, out=out, where=total > 0)
    return out


def needs_met(ctx: QueryContext) -> np.ndarray:
    """Share of the focus demand that the candidate's strengths cover."""
    fs = ctx.fs
    return _coverage(ctx.demand, fs.strengths_or_zero, fs.strengths_known)


def needs_offered(ctx: QueryContext) -> np.ndarray:
    """Their needs against our strengths, by candidate: on the focus sectors when a
    focus is given; without one, on every sector (the declared needs are what we
    seek; what we can offer them is not limited to those)."""
    fs = ctx.fs
    out = np.full(len(fs), np.nan)
    rows = fs.need_rows
    if not len(rows):
        return out
    ours = ~np.isnan(ctx.strengths)
    if ctx.focus is not None:
        ours &= ctx.focus > 0
    d = fs.needs_or_zero[rows] * ours[None, :]
    total = d.sum(axis=1)
    met = d @ np.nan_to_num(ctx.strengths, nan=0.0)
    part = np.full(len(rows), np.nan)
    np.divide(met, total, out=part, where=total > 0)
    out[rows] = part
    return out


def shared_strengths(ctx: QueryContext) -> np.ndarray:
    fs = ctx.fs
    return _weighted_overlap(ctx.strengths, fs.strengths_or_zero, fs.strengths_known)


def shared_needs(ctx: QueryContext) -> np.ndarray:
    fs = ctx.fs
    return _weighted_overlap(ctx.needs, fs.needs_or_zero, fs.needs_known)


def text_similarity(ctx: QueryContext) -> np.ndarray:
    """Cosine of profile texts, rescaled per query (E5 cosines sit in a narrow band)."""
    fs = ctx.fs
    out = np.full(len(fs), np.nan)
    if ctx.text is None or not len(fs.text_rows):
        return out
    cos = fs.text_matrix @ ctx.text
    low, high = np.percentile(cos, [50, 99.5])
    out[fs.text_rows] = np.clip((cos - low) / max(high - low, 1e-6), 0.0, 1.0)
    return out


def focus_text(ctx: QueryContext) -> np.ndarray:
    """How clearly the candidate's profile text is about the focus sectors.

    The demand-weighted mean of the text's per-sector scores
    (:func:`~features.tagging.tagger.text_sector_scores`); NaN without a text or a
    focus.
    """
    fs = ctx.fs
    demand = ctx.demand
    if fs.text_sectors is None or not (demand > 0).any():
        return np.full(len(fs), np.nan)
    return (fs.text_sectors @ demand / demand.sum()).astype(float)


def size_similarity(ctx: QueryContext) -> np.ndarray:
    if np.isnan(ctx.log_population):
        return np.full(len(ctx.fs), np.nan)
    return np.clip(1 - np.abs(ctx.fs.log_population - ctx.log_population) / 3, 0, 1)


PROMINENCE_DECADES = 3.0


def prominence(ctx: QueryContext) -> np.ndarray:
    """1 − log10(population rank within the candidate's country and level) / 3.

    The largest place of its kind in its country scores 1, the 10th 0.67, the
    100th 0.33, from the 1000th on 0; unknown population is unknown (NaN).
    """
    fs = ctx.fs
    n = len(fs)
    pop = np.asarray(fs.log_population, dtype=float)
    known = np.flatnonzero(~np.isnan(pop))
    out = np.full(n, np.nan)
    if not len(known):
        return out
    _, country = np.unique(fs.country[known], return_inverse=True)
    level = np.asarray(fs.level[known], dtype=np.int64)
    group = country.astype(np.int64) * 8 + level
    order = np.lexsort((known, -pop[known], group))
    sorted_group = group[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_group)) + 1]
    first = np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    rank = np.arange(len(order)) - first + 1
    out[known[order]] = np.clip(1 - np.log10(rank) / PROMINENCE_DECADES, 0.0, 1.0)
    return out


def level_match(ctx: QueryContext) -> np.ndarray:
    """1 for the same level, 0.5 between first- and second-level units, else 0."""
    levels = ctx.fs.level.astype(int)
    same = levels == ctx.level
    near = (np.minimum(levels, ctx.level) == 0) & (np.maximum(levels, ctx.level) == 1)
    return np.where(same, 1.0, np.where(near, 0.5, 0.0))


def _distance(ctx: QueryContext) -> np.ndarray:
    if ctx.distance is None:
        ctx.distance = haversine_km(ctx.lat, ctx.lon, ctx.fs.lat, ctx.fs.lon)
    return ctx.distance


def proximity(ctx: QueryContext) -> np.ndarray:
    if np.isnan(ctx.lat):
        return np.full(len(ctx.fs), np.nan)
    return np.exp(-_distance(ctx) / 3000.0)


def nearby(ctx: QueryContext) -> np.ndarray:
    """exp(−distance / 300 km): neighbours across a border or a short flight."""
    if np.isnan(ctx.lat):
        return np.full(len(ctx.fs), np.nan)
    return np.exp(-_distance(ctx) / 300.0)


def border(ctx: QueryContext) -> np.ndarray:
    """1 for a candidate across a land border (neighbouring country, < 600 km)."""
    if np.isnan(ctx.lat):
        return np.full(len(ctx.fs), np.nan)
    across = ctx.graph.in_neighbouring_country(ctx.country)
    d = _distance(ctx)
    return np.where(np.isnan(d), np.nan, (across & (d < 600)).astype(float))


def coastal_match(ctx: QueryContext) -> np.ndarray:
    """1 when both sides have a seaport (a coastal economy), else 0."""
    q = ctx.fs.coastal[ctx.row] if ctx.row is not None else np.nan
    if np.isnan(q):
        return np.full(len(ctx.fs), np.nan)
    return np.where(np.isnan(ctx.fs.coastal), np.nan, q * ctx.fs.coastal)


def project_strength(count):
    """A project count as a strength in [0, 1): c / (c + 1) (1 → 0.5, 3 → 0.75)."""
    return count / (count + 1.0)


def cooperation_record(ctx: QueryContext) -> np.ndarray:
    """The candidate's cited cooperation projects with partners other than the query.

    With a focus (or declared needs): the demand-weighted mean of the per-sector
    strength ``c / (c + 1)`` of the projects in each focus sector; without: the same
    of all its projects. Projects with the query itself are shared history, not counted;
    a candidate with no project at all is unknown.
    """
    fs = ctx.fs
    out = np.full(len(fs), np.nan)
    coop = fs.cooperation
    if coop is None or not len(coop.rows):
        return out
    by_sector, total = coop.excluding(ctx.row)
    demand = ctx.demand
    if demand.sum() > 0:
        out[coop.rows] = project_strength(by_sector) @ demand / demand.sum()
    else:
        out[coop.rows] = project_strength(total)
    return out


def country_affinity(ctx: QueryContext) -> np.ndarray:
    return ctx.graph.country_affinity(ctx.country, ctx.row, ctx.hidden)


def country_ties(ctx: QueryContext) -> np.ndarray:
    return ctx.graph.ties_with_country(ctx.country, ctx.hidden)


def partners_of_partners(ctx: QueryContext) -> np.ndarray:
    return ctx.graph.two_hop(ctx.row, ctx.hidden)


def popularity(ctx: QueryContext) -> np.ndarray:
    return ctx.graph.popularity(ctx.hidden)


def follow_through(ctx: QueryContext) -> np.ndarray:
    return ctx.graph.follow_through(ctx.hidden)


def proven_fit(ctx: QueryContext) -> np.ndarray:
    """1 where the candidate serves at least one focus sector either way (as the
    card's ``needs_met`` says), else 0 (NaN: no focus)."""
    n = len(ctx.fs)
    cols = np.flatnonzero(ctx.demand > 0)
    if not len(cols):
        return np.full(n, np.nan)
    ours, theirs = focus_served(ctx.fs, slice(None), cols, ctx.strengths)
    return (ours | theirs).any(axis=1).astype(float)


def fit_unknown(ctx: QueryContext) -> np.ndarray:
    """−1 where no facet of ``FOCUS_EVIDENCE`` is known, else 0 (NaN: no focus)."""
    n = len(ctx.fs)
    if not (ctx.demand > 0).any():
        return np.full(n, np.nan)
    known = np.zeros(n, dtype=bool)
    for name in FOCUS_EVIDENCE:
        if name in ctx.computed:
            known |= ~np.isnan(ctx.computed[name])
    return np.where(known, 0.0, -1.0)


FACETS: tuple[Facet, ...] = (
    Facet(
        "needs_met",
        "Meets our needs",
        "Đáp ứng nhu cầu của ta",
        "Share of the query's declared needs that the candidate's strengths cover, "
        "sector by sector (our needs ↔ their strengths).",
        needs_met,
        group="fit",
    ),
    Facet(
        "needs_offered",
        "We meet their needs",
        "Ta đáp ứng nhu cầu của họ",
        "Share of the candidate's declared needs that the query's strengths cover "
        "(their needs ↔ our strengths): the reciprocal direction.",
        needs_offered,
        group="fit",
    ),
    Facet(
        "shared_strengths",
        "Shared strengths",
        "Thế mạnh chung",
        "Weighted overlap of strengths on sectors known on both sides "
        "(heritage town ↔ heritage town).",
        shared_strengths,
        group="fit",
    ),
    Facet(
        "shared_needs",
        "Shared challenges",
        "Thách thức chung",
        "Weighted overlap of declared needs: the same problems to solve together.",
        shared_needs,
        group="fit",
    ),
    Facet(
        "text_similarity",
        "Similar profiles",
        "Hồ sơ tương đồng",
        "Cosine of the embedded profile texts (multilingual-e5-small), rescaled per "
        "query between the median and the 99.5th percentile.",
        text_similarity,
        group="fit",
    ),
    Facet(
        "focus_text",
        "Profile text about the focus",
        "Mô tả địa phương nói về lĩnh vực trọng tâm",
        "How much more the candidate's embedded profile text is about the focus "
        "sectors than other profile texts: per sector, its lead over the text's "
        "median cosine with the tagger's sector prototypes, rescaled over all "
        "texts from the median (0) to the 99th percentile (1); focus-weighted "
        "mean; unknown without a text.",
        focus_text,
        group="fit",
    ),
    Facet(
        "size_similarity",
        "Comparable size",
        "Quy mô tương đương",
        "1 − |Δ log10 population| / 3: comparable populations.",
        size_similarity,
    ),
    Facet(
        "prominence",
        "Leading place of its country",
        "Địa phương hàng đầu của nước bạn",
        "1 − log10(population rank among the localities of the same country and "
        "level) / 3: the largest scores 1, the 10th 0.67, the 100th 0.33.",
        prominence,
    ),
    Facet(
        "level_match",
        "Same administrative level",
        "Cùng cấp hành chính",
        "1 for the same level (province ↔ prefecture/state/region; city ↔ city), "
        "0.5 between first- and second-level units.",
        level_match,
    ),
    Facet(
        "proximity",
        "Proximity",
        "Khoảng cách gần",
        "exp(−distance / 3000 km).",
        proximity,
    ),
    Facet(
        "nearby",
        "Close by",
        "Rất gần",
        "exp(−distance / 300 km): the short range of cross-border neighbours.",
        nearby,
    ),
    Facet(
        "border",
        "Neighbouring country, nearby",
        "Nước láng giềng, ở gần",
        "1 when the candidate is in a neighbouring country and within 600 km.",
        border,
    ),
    Facet(
        "coastal_match",
        "Both coastal",
        "Cùng có biển",
        "1 when both sides have a seaport in the World Port Index.",
        coastal_match,
    ),
    Facet(
        "country_affinity",
        "Country-pair affinity",
        "Quan hệ giữa hai nước",
        "How often localities of the query's country partner with the candidate's "
        "country in the known ties (smoothed share, log-scaled).",
        country_affinity,
    ),
    Facet(
        "country_ties",
        "Already tied to our country",
        "Đã có quan hệ với nước ta",
        "Known ties of the candidate with localities of the query's country, "
        "log-scaled: a partner used to working with the country.",
        country_ties,
    ),
    Facet(
        "partners_of_partners",
        "Partners of partners",
        "Đối tác của đối tác",
        "Paths of length two from the query to the candidate in the known-tie "
        "network, log-scaled.",
        partners_of_partners,
    ),
    Facet(
        "popularity",
        "Many existing ties",
        "Nhiều quan hệ sẵn có",
        "Number of known ties of the candidate, log-scaled: active twinning "
        "localities twin again, but hubs are flagged and can be capped.",
        popularity,
    ),
    Facet(
        "follow_through",
        "Follow-through of its ties",
        "Mức độ thực chất",
        "How concrete and recent the candidate's known ties are: signed agreements "
        "and projects score high, visits-only and old ties low.",
        follow_through,
    ),
    Facet(
        "cooperation_record",
        "Cooperation track record",
        "Kinh nghiệm dự án hợp tác",
        "Cited cooperation projects the candidate ran abroad with partners other "
        "than the query, per needed sector c / (c + 1), need-weighted (all its "
        "projects when no need is declared); projects with the query are shared "
        "history, not counted; unknown without any project.",
        cooperation_record,
        group="fit",
    ),
    Facet(
        "proven_fit",
        "Proven fit on the focus",
        "Phù hợp đã có căn cứ với trọng tâm",
        "1 when the candidate serves at least one focus sector with evidence: strong "
        "in it (meets our need) or needing it where we are strong (we meet theirs), "
        "the sectors its card lists as met; else 0; unknown without a focus.",
        proven_fit,
        group="fit",
    ),
    Facet(
        "fit_unknown",
        "No known fit on the focus",
        "Chưa có dữ liệu phù hợp với trọng tâm",
        "−1 when nothing is known about the candidate on the focus sectors (neither "
        "'meets our needs' nor 'we meet their needs' has a value), else 0: without "
        "fit data a candidate outranks proven fit only on much better feasibility.",
        fit_unknown,
        group="fit",
    ),
)
FACET_NAMES: tuple[str, ...] = tuple(f.name for f in FACETS)

# What every facet weight must be: the estimator's and the weight file's constraint.
WEIGHT_CONSTRAINT = Interval(Real, 0, None, closed="left")


def group_of(name: str) -> str:
    """The group (``fit`` or ``feasibility``) of the facet called ``name``."""
    return _GROUPS[name]


_GROUPS = {f.name: f.group for f in FACETS}


def compute_facets(ctx: QueryContext) -> np.ndarray:
    """Facet values for all candidates: shape (n_candidates, n_facets), NaN unknown."""
    out = np.empty((len(ctx.fs), len(FACETS)), order="F")
    for j, facet in enumerate(FACETS):
        out[:, j] = facet.compute(ctx)
        ctx.computed[facet.name] = out[:, j]
    return out
