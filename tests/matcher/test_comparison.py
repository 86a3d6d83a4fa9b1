"""Comparison: candidates explained as the ranking explains them, with distances."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

import pytest

from features.errors import InvalidParameterError, UnknownLocalityError
from matcher.comparison import compare, explain_candidates
from matcher.ranking import COVERS_FOCUS, recommend
from matcher.wording import forward_summary


def _haversine(lat1, lon1, lat2, lon2) -> float:
    """Brute-force great-circle km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_compared_candidates_are_the_ranked_ones(engine):
    ranked = recommend(engine.matcher, "vn:48", k=7)
    picked = [ranked[6].id, ranked[0].id, ranked[3].id]  # any order
    compared = compare(engine.matcher, "vn:48", picked)
    assert [c.recommendation.id for c in compared] == picked
    # a list's own flag (a card that came in to cover a focus sector) is not a
    # candidate's: compared alone, each is the ranked card without it
    by_id = {
        r.id: replace(r, flags=tuple(f for f in r.flags if f.code != COVERS_FOCUS))
        for r in ranked
    }
    for c in compared:
        assert c.recommendation == by_id[c.recommendation.id]
        assert c.recommendation.score == pytest.approx(
            sum(x.value for x in c.recommendation.contributions)
        )


def test_distances_against_brute_force(engine):
    ids = ["iso:JP-35", "iso:KR-41", "gn:498817"]
    home = engine.catalog.get("vn:48")
    compared = explain_candidates(engine.matcher, "vn:48", ids)
    for cid, c in zip(ids, compared, strict=True):
        km = c.distance_km
        there = engine.catalog.get(cid)
        expected = _haversine(home.lat, home.lon, there.lat, there.lon)
        assert km == pytest.approx(expected, rel=2e-3, abs=0.1)


def test_bad_candidate_lists_are_refused(engine):
    for ids in (["iso:JP-35"], ["iso:JP-35"] * 2, ["a", "b", "c", "d"], []):
        with pytest.raises(InvalidParameterError) as caught:
            compare(engine.matcher, "vn:48", ids)
        assert caught.value.field == "candidates"
    with pytest.raises(UnknownLocalityError) as caught:
        explain_candidates(engine.matcher, "vn:48", ["iso:JP-35", "nowhere:1"])
    assert caught.value.field == "candidates"
    assert explain_candidates(engine.matcher, "vn:48", []) == []


def test_forward_summary_says_each_fact_in_both_languages():
    facts = dict(
        province="Đà Nẵng", party=None, country="DE", date=dt.date(2026, 12, 3),
        screening_id=7, offers=["Y tế"], seeks=[], level="moderate", score=0.4,
        rank=3, fit_score=6.2, flags=["cảnh báo"],
    )  # fmt: skip
    vi = forward_summary(**facts, lang="vi").split("\n")
    assert vi[0] == (
        "Kính gửi Đà Nẵng: chuyển thư của một bên nước ngoài chưa xác định (Đức), "
        "nhận ngày 03/12/2026 (mã sàng lọc 7)."
    )
    assert vi[1:] == [
        "Bên gửi có thế mạnh: Y tế.",
        "Bên gửi tìm kiếm: không nêu rõ.",
        "Mức độ cụ thể của thư: vừa phải (0.40).",
        "Trong 34 tỉnh, thành phố, Đà Nẵng xếp thứ 3 về mức phù hợp (điểm 6.20).",
        "Lưu ý: cảnh báo.",
    ]
    en = forward_summary(**{**facts, "rank": None}, lang="en").split("\n")
    assert en[0].startswith("To Đà Nẵng: forwarding the letter of an unidentified")
    assert len(en) == 5 and "ranks" not in " ".join(en)
    assert "received on 2026-12-03" in en[0]
