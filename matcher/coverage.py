"""A short list that covers the focus: each focus sector served by some card.

Ranked by score alone, a province with five needs often gets ten cards that all
serve its most common one (ports, renewable energy) and none that serve a rarer one
(environment, vocational training), although such candidates exist. After the
score order, the variety rules and the country cap, each focus sector that no card
serves takes one slot: the best-scoring candidate serving it (within the filters,
the cap and one card per place) replaces the lowest-scoring card that no focus
sector needs. Scores stay as they are — the list is shown in score order and the
card that came in says why (flag ``covers_focus``). At most half the slots are
given this way; ``Filters.no_focus_coverage`` turns it off.
"""

from __future__ import annotations

import numpy as np

from matcher.facets import focus_served

__all__ = ["cover_focus", "MAX_COVER_SHARE", "POOL_PER_SECTOR"]

# At most this share of the k slots is given to uncovered focus sectors.
MAX_COVER_SHARE = 0.5
# Candidates (best approximate scores) tried per uncovered sector before giving up.
POOL_PER_SECTOR = 50


def cover_focus(
    fs, scored, mask, rows, max_per_country=None, same_place=None
) -> tuple[np.ndarray, dict[int, str]]:
    """``rows`` (score order) with uncovered focus sectors given a slot each.

    Returns the rows in score order and {row: sector} for the rows that came in.
    A sector no candidate within ``mask`` serves stays uncovered (the card's gaps
    say so).
    """
    rows = [int(r) for r in rows]
    focus = list(scored.focus)
    budget = int(len(rows) * MAX_COVER_SHARE)
    if not focus or not rows or budget == 0:
        return np.asarray(rows, dtype=np.int64), {}
    cols = [fs.sectors.index(s) for s in focus]
    ours, theirs = focus_served(fs, rows, cols, scored.query_strengths)
    if (ours | theirs).any(axis=0).all():
        return np.asarray(rows, dtype=np.int64), {}
    countries = fs.country
    ours, theirs = focus_served(fs, slice(None), cols, scored.query_strengths)
    serves = (ours | theirs) & np.asarray(mask, dtype=bool)[:, None]
    approximate = scored.approximate_scores()
    added: dict[int, str] = {}
    for j, sector in enumerate(focus):
        if budget == 0:
            break
        if serves[rows, j].any():
            continue
        victim = _spare(rows, serves, added, scored)
        if victim is None:
            break
        kept = [r for r in rows if r != victim]
        pick = _best_serving(
            np.flatnonzero(serves[:, j]),
            kept,
            approximate,
            scored,
            countries,
            max_per_country,
            same_place,
        )
        if pick is None:
            continue
        rows = kept + [pick]
        added[pick] = sector
        budget -= 1
    exact = scored.scores_of(rows)
    order = np.lexsort((rows, -exact))
    return np.asarray(rows, dtype=np.int64)[order], added


def _spare(rows, serves, added, scored) -> int | None:
    """The lowest-scoring row whose removal leaves every covered sector covered."""
    exact = scored.scores_of(rows)
    for i in np.argsort(exact, kind="stable"):
        r = rows[i]
        if r in added:
            continue
        others = [o for o in rows if o != r]
        if not (serves[r] & ~serves[others].any(axis=0)).any():
            return r
    return None


def _best_serving(
    candidates, kept, approximate, scored, countries, max_per_country, same_place
) -> int | None:
    """The best exact-scoring candidate not in ``kept`` that the cap and the
    one-card-per-place rule allow next to ``kept``."""
    taken = set(kept)
    candidates = np.array([c for c in candidates if c not in taken], dtype=np.int64)
    if not len(candidates):
        return None
    if len(candidates) > POOL_PER_SECTOR:
        cut = np.argpartition(-approximate[candidates], POOL_PER_SECTOR)
        candidates = candidates[cut[:POOL_PER_SECTOR]]
    exact = scored.scores_of(candidates)
    per_country: dict = {}
    for r in kept:
        per_country[countries[r]] = per_country.get(countries[r], 0) + 1
    for c in candidates[np.lexsort((candidates, -exact))]:
        country = countries[c]
        if max_per_country and per_country.get(country, 0) >= max_per_country:
            continue
        if same_place is not None and same_place.among(
            c, [r for r in kept if countries[r] == country]
        ):
            continue
        return int(c)
    return None
