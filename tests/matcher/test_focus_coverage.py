"""A short list covers the focus (``matcher.coverage``); ``proven_fit`` is the card's
"serves a focus sector", from one code path."""

from __future__ import annotations

import numpy as np
import pytest

from matcher import Filters, recommend
from matcher.coverage import MAX_COVER_SHARE
from matcher.facets import FACET_NAMES
from matcher.ranking import COVERS_FOCUS
from matcher.wording import flag_message

# Hà Nội asking about three sectors: environment is rare among strong candidates.
QUERY = ("vn:01", ["environment", "ports_logistics", "renewable_energy"])


def _served(results) -> set[str]:
    return {s for r in results for s in r.needs_met}


@pytest.fixture(scope="module")
def both_lists(engine):
    pid, focus = QUERY
    plain = recommend(
        engine.matcher, pid, k=10, focus=focus, filters=Filters(no_focus_coverage=True)
    )
    covered = recommend(engine.matcher, pid, k=10, focus=focus)
    return plain, covered


def test_by_score_alone_a_focus_sector_is_left_unserved(both_lists):
    plain, _ = both_lists
    assert "environment" not in _served(plain)
    assert not any(f.code == COVERS_FOCUS for r in plain for f in r.flags)
    scores = [r.score for r in plain]
    assert scores == sorted(scores, reverse=True)


def test_the_default_list_serves_every_focus_sector_and_says_why(both_lists):
    plain, covered = both_lists
    assert _served(covered) == set(QUERY[1])
    came_in = [r for r in covered if any(f.code == COVERS_FOCUS for f in r.flags)]
    assert 1 <= len(came_in) <= int(10 * MAX_COVER_SHARE)
    for r in came_in:
        flag = next(f for f in r.flags if f.code == COVERS_FOCUS)
        assert flag.params["sector"] in r.needs_met
        assert flag.params["sector"] not in _served(plain)
        assert "chưa đối tác nào xếp trên" in flag_message(flag.code, flag.params, "vi")
    # the rest is the score order's best, still shown in score order, scores exact
    kept = [r.id for r in covered if r not in came_in]
    assert kept == [r.id for r in plain][: len(kept)]
    scores = [r.score for r in covered]
    assert scores == sorted(scores, reverse=True)
    for r in covered:
        assert r.score == pytest.approx(sum(c.value for c in r.contributions))


def test_proven_fit_is_one_exactly_when_the_card_serves_the_focus(engine, both_lists):
    _, covered = both_lists
    pid, focus = QUERY
    scored = engine.matcher.score_all(pid, focus=focus)
    j = FACET_NAMES.index("proven_fit")
    rows = [engine.feature_set.row(r.id) for r in covered]
    values = scored.values_of(rows)[:, j]
    assert values.tolist() == [float(bool(r.needs_met)) for r in covered]
    # across all candidates it is 0 or 1 with a focus, unknown without a focus sector
    assert set(np.unique(scored.values[:, j]).tolist()) <= {0.0, 1.0}


def test_a_sector_no_candidate_serves_stays_a_gap(engine):
    """Filters that leave no candidate serving a sector: nothing is forced in."""
    results = recommend(
        engine.matcher,
        "vn:01",
        k=5,
        focus=["fisheries"],
        filters=Filters(countries=["LA"]),
    )
    if "fisheries" in _served(results):
        pytest.skip("a Lao candidate serves fisheries in this catalog")
    assert not any(f.code == COVERS_FOCUS for r in results for f in r.flags)
