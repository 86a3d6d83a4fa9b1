"""Japanese municipalities and Chinese county-level units (japancode, cpca)."""

from __future__ import annotations

from collections import defaultdict

import pytest

from features.build.local_governments import (
    CN_SOURCE,
    JP_SOURCE,
    UNIT_ID_PREFIXES,
    build_local_governments,
    kana_romaji,
)
from features.names.folding import compact_key

SOURCES = (JP_SOURCE, CN_SOURCE)


def _row(lid: str, country: str, level: str, lat: float, lon: float) -> dict:
    return {
        "id": lid,
        "country": country,
        "level": level,
        "parent_id": "",
        "lat": f"{lat:.4f}",
        "lon": f"{lon:.4f}",
    }


@pytest.fixture(scope="module")
def small_build():
    """The step over a small catalog: Tokyo, Tokushima prefecture, a catalog city
    of Hokkaido named 上勝 (a decoy far from Kamikatsu), Zhejiang and Huzhou."""
    localities = [
        _row("iso:JP-13", "JP", "admin1", 35.69, 139.69),
        _row("gn:1850147", "JP", "city", 35.6895, 139.6917),
        _row("iso:JP-36", "JP", "admin1", 33.9, 134.4),
        _row("gn:1", "JP", "city", 43.0, 141.0),
        _row("iso:CN-ZJ", "CN", "admin1", 29.0, 120.0),
        {**_row("gn:1806534", "CN", "admin2", 30.8, 120.1), "parent_id": "iso:CN-ZJ"},
    ]
    names = [
        ("gn:1850147", "Tokyo", "primary", "test"),
        ("gn:1850147", "東京", "alternate", "test"),
        ("gn:1850147", "東京都", "alternate", "test"),
        ("iso:JP-13", "Tokyo", "iso", "test"),
        ("iso:JP-36", "Tokushima", "iso", "test"),
        ("gn:1", "上勝", "alternate", "test"),
        ("iso:CN-ZJ", "浙江省", "iso:zh_CN", "test"),
        ("gn:1806534", "湖州市", "alternate", "test"),
    ]
    return localities, names, build_local_governments(localities, names)


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [
        ("こうち", "kochi"),  # GeoNames: Kochi
        ("おおさか", "osaka"),
        ("かみかつ", "kamikatsu"),
        ("ちゅうおう", "chuo"),
        ("しょうおう", "shoo"),  # 勝央 Shōō: two long vowels, not one
        ("さっぽろ", "sapporo"),
    ],
)
def test_kana_is_romanised_as_geonames_spells_japanese_places(kana, romaji):
    assert kana_romaji(kana) == romaji


def test_a_unit_the_catalog_lacks_is_a_city_of_unknown_population(small_build):
    _, _, gov = small_build
    rows = {r["id"]: r for r in gov.localities}
    kamikatsu = rows["jis:363022"]  # 上勝町, JIS X 0402 code 363022
    assert (kamikatsu["name"], kamikatsu["country"]) == ("Kamikatsu", "JP")
    assert (kamikatsu["level"], kamikatsu["parent_id"]) == ("city", "iso:JP-36")
    assert kamikatsu["population"] == "" and kamikatsu["population_source"] == ""
    assert "japancode 0.1.0" in kamikatsu["sources"] and "CC0" in kamikatsu["sources"]
    anji = rows["cn:330523000000"]
    assert (anji["name"], anji["parent_id"]) == ("Anji County", "iso:CN-ZJ")
    assert gov.city_parent["cn:330523000000"] == "gn:1806534"  # Huzhou prefecture
    assert all(r["id"].startswith(UNIT_ID_PREFIXES) for r in gov.localities)
    # 札幌市 中央区 is an office of Sapporo, not a local government of its own
    assert not any("中央区" in n for _, n, _, _ in gov.names if n.startswith("札幌"))


def test_no_name_is_taken_from_another_catalog_locality(small_build):
    localities, names, gov = small_build
    kamikatsu = {n for lid, n, _, _ in gov.names if lid == "jis:363022"}
    assert {"上勝町", "Kamikatsu", "かみかつちょう"} <= kamikatsu
    assert "上勝" not in kamikatsu  # the decoy city holds it
    existing = {r["id"] for r in localities}
    assert not [n for n in gov.names if n[0] in existing]  # Tokyo gains nothing
    tokyo_keys = {compact_key(n) for n in ("Tokyo", "東京", "東京都")}
    assert not [n for n in gov.names if compact_key(n[1]) in tokyo_keys]


@pytest.mark.parametrize(
    ("name", "country", "parent"),
    [
        ("上勝町", "JP", "iso:JP-36"),  # Tokushima
        ("津和野町", "JP", "iso:JP-32"),  # Shimane
        ("ニセコ町", "JP", "iso:JP-01"),  # Hokkaido
        ("江戸川区", "JP", "iso:JP-13"),  # Tokyo
        ("安吉县", "CN", "iso:CN-ZJ"),  # Zhejiang (under Huzhou)
        ("北京市朝阳区", "CN", "iso:CN-BJ"),
    ],
)
def test_real_units_resolve_to_one_locality(catalog, resolver, name, country, parent):
    ids = resolver.exact_ids(name, country)
    assert len(ids) == 1
    loc = catalog.get(ids[0])
    assert loc.country == country and loc.level == "city"
    chain = {loc.parent_id, catalog.get(loc.parent_id).parent_id}
    assert parent in chain


def test_tokyo_wards_do_not_take_tokyo_s_name(catalog, resolver):
    for name in ("Tokyo", "東京", "東京都"):
        ids = resolver.exact_ids(name, "JP")
        assert not [i for i in ids if i.startswith(UNIT_ID_PREFIXES)]
        assert "gn:1850147" in ids
    assert not [
        n
        for n in catalog.names
        if n.locality_id == "gn:1850147" and n.source in SOURCES
    ]


def test_a_county_named_as_its_prefecture_leaves_it_the_name(resolver):
    # 衡阳县 lies in 衡阳市: "Hengyang" stays the prefecture's and its city's.
    county = resolver.exact_ids("衡阳县", "CN")
    assert county and not set(county) & set(resolver.exact_ids("Hengyang", "CN"))


def test_the_step_s_names_are_shared_only_among_its_own_units(catalog):
    """A name this step gave is held by no locality that had it from elsewhere
    (two real units may share one: 朝阳区 of Beijing and of Changchun)."""
    country = {loc.id: loc.country for loc in catalog.localities}
    holders = defaultdict(set)
    ours = defaultdict(set)
    for n in catalog.names:
        if n.kind == "vi_exonym":
            continue  # places written alike share a reading (和平 is Hòa Bình)
        key = (country[n.locality_id], compact_key(n.name))
        (ours if n.source in SOURCES else holders)[key].add(n.locality_id)
    stolen = {
        key: (ids, holders[key])
        for key, ids in ours.items()
        if holders.get(key, set()) - ids
    }
    assert not stolen, list(stolen.items())[:5]
