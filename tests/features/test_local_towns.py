"""Towns under 15,000 people added for Japan, Korea and Taiwan (local-script names)."""

from __future__ import annotations

from features.build.local_towns import local_script_towns, town_rows
from features.names.folding import compact_key


def _town(gid: int, name: str, cc: str, alternates: list[str]) -> dict:
    return {
        "geonameid": gid,
        "name": name,
        "latitude": 42.8,
        "longitude": 140.7,
        "countrycode": cc,
        "population": 5000,
        "admin1code": "12",
        "alternatenames": alternates,
    }


TOWNS = {
    1: _town(1, "Niseko", "JP", ["niseko", "ニセコ"]),
    2: _town(2, "Niseko Town", "JP", ["Nisekoa"]),  # no name in the country's script
    3: _town(3, "Ichikawa", "JP", ["市川"]),  # a catalogued city's name
    4: _town(4, "Wulai", "TW", ["烏來", "烏來區"]),
    5: _town(5, "Husum", "DE", ["フーズム"]),  # not a listed country
    6: _town(6, "Yeongdeok", "KR", ["영덕"]),
}


def test_only_towns_named_in_their_own_script_and_not_a_city_name():
    reserved = frozenset({("JP", compact_key("Ichikawa"))})
    kept = local_script_towns(TOWNS, taken={"gn:6"}, reserved=reserved)
    assert sorted(kept) == [1, 4]


def test_town_rows_are_cities_under_their_admin1_unit():
    rows, names = town_rows({1: TOWNS[1]}, {}, {("JP", "12"): "iso:JP-01"})
    assert rows[0]["id"] == "gn:1" and rows[0]["level"] == "city"
    assert rows[0]["parent_id"] == "iso:JP-01"
    assert ("gn:1", "ニセコ") in {(lid, n) for lid, n, _, _ in names}
