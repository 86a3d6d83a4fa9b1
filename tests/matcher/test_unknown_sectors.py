"""Unknown is not zero: "no data on X" differs from "weak in X", and the sector
filter answers with where data is instead of an error."""

from __future__ import annotations

import json

import numpy as np
import pytest

from features.errors import InvalidParameterError
from matcher.model import Profile
from matcher.ranking import SECTOR_THRESHOLD, Filters, recommend, sector_notice
from matcher.wording import empty_sector_note, flag_message, summaries
from service.cli.main import main


def test_summaries_tell_unknown_from_weak_in_both_languages():
    en, vi = summaries(
        "Osaka",
        "JP",
        met=(),
        needs_total=2,
        reasons=(),
        weak=[("Healthcare", "Y tế")],
        unknown=[("Water", "Nước")],
    )
    assert "No data on water for Osaka." in en
    assert "Osaka is weak in healthcare." in en
    assert "Chưa có dữ liệu về nước của Osaka." in vi
    assert "Osaka còn yếu về y tế." in vi
    plain = summaries("X", "JP", met=(), needs_total=0, reasons=())
    assert not any("No data" in s or "weak in" in s for s in plain)


def _profile(fs, need_sectors):
    needs = np.full(len(fs.sectors), np.nan)
    for s in need_sectors:
        needs[fs.sectors.index(s)] = 0.9
    return Profile(
        strengths=np.full(len(fs.sectors), np.nan),
        needs=needs,
        country="VN",
        level="admin1",
        population=1_500_000,
        lat=21.0,
        lon=105.8,
    )


def test_explanations_say_which_gaps_have_no_data(engine):
    fs = engine.feature_set
    # fisheries: rarely known; renewable_energy: measured worldwide (known, often 0)
    profile = _profile(fs, ("fisheries", "renewable_energy"))
    results = recommend(engine.matcher, profile, k=200)
    checked = 0
    for r in results:
        row = fs.row(r.id)
        for sector in r.gaps:
            known = fs.strengths_known[row, fs.sectors.index(sector)]
            assert (sector in r.gaps_unknown) == (not known)
        if "fisheries" in r.gaps_unknown:
            assert "No data on" in r.summary_en and "Chưa có dữ liệu về" in r.summary_vi
            checked += 1
        if "renewable_energy" in set(r.gaps) - set(r.gaps_unknown):
            assert " is weak in " in r.summary_en and " còn yếu về " in r.summary_vi
    assert checked


def _empty_sector_filter(engine):
    """A (sector, country) pair where candidates exist but none is strong."""
    fs = engine.feature_set
    strong = fs.strengths_known & (fs.strengths_or_zero >= SECTOR_THRESHOLD)
    for country in ("JP", "KR", "FR", "DE", "LA", "KH"):
        in_country = fs.country == country
        for j, sector in enumerate(fs.sectors):
            if not strong[in_country, j].any():
                return sector, country
    pytest.skip("every sector has a strong candidate in every country tried")


def test_sector_filter_keeps_known_strong_values_only(engine):
    fs = engine.feature_set
    filters = Filters(sector="renewable_energy", countries=["DE"])
    rows = recommend(
        engine.matcher, "vn:48", k=50, filters=filters, explain_results=False
    )
    j = fs.sectors.index("renewable_energy")
    assert len(rows) and all(
        fs.strengths_known[r, j] and fs.strengths[r, j] >= SECTOR_THRESHOLD
        for r in rows
    )


def test_empty_sector_filter_answers_with_where_data_is(engine):
    fs = engine.feature_set
    sector, country = _empty_sector_filter(engine)
    filters = Filters(sector=sector, countries=[country])
    assert recommend(engine.matcher, "vn:48", k=10, filters=filters) == []
    notice = sector_notice(engine.matcher, "vn:48", filters)
    j = fs.sectors.index(sector)
    partners = engine.matcher.network_.partners(fs.row("vn:48"))
    pool = fs.country == country
    pool[partners] = False
    assert notice.with_data == int(fs.strengths_known[pool, j].sum())
    assert notice.closest and len(notice.closest) <= 3
    strong = fs.strengths_known & (fs.strengths_or_zero >= SECTOR_THRESHOLD)
    for other, n in notice.closest:
        assert other != sector and n == int(strong[pool, fs.sectors.index(other)].sum())
    en, vi = (empty_sector_note(notice, lang) for lang in ("en", "vi"))
    assert sector in en and "ứng viên" in vi


def test_filters_that_leave_nobody_whatever_the_sector_stay_an_error(engine):
    with pytest.raises(InvalidParameterError, match="filters"):
        recommend(
            engine.matcher,
            "vn:48",
            filters=Filters(countries=["VN"], sector="water"),
        )


def test_cli_recommend_prints_the_notice(engine, capsys):
    sector, country = _empty_sector_filter(engine)
    code = main(
        ["recommend", "vn:48", "--sector", sector, "--country", country, "--json"]
    )
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert out["results"] == [] and sector in out["notes"][0]


def test_same_named_city_and_unit_are_marked_as_one_place(engine):
    results = recommend(
        engine.matcher,
        "vn:48",
        k=500,
        filters=Filters(countries=["JP"], level="admin1"),
    )
    osaka = [r for r in results if r.id == "iso:JP-27"]
    if not osaka:
        pytest.skip("Osaka Prefecture is not among the top 500 Japanese units")
    said = [flag_message(f.code, f.params, "en") for f in osaka[0].flags]
    assert any(s.startswith("same place as Osaka (city") for s in said)
