"""Linking GeoNames admin-1 codes to ISO subdivisions: a near match keeps direction."""

from __future__ import annotations

from collections import Counter

import pycountry

from features.build.admin2 import geonames_iso_codes
from features.build.gazetteer import _compass, _match_subdivision


def _subs(*codes):
    return [pycountry.subdivisions.get(code=c) for c in codes]


def test_compass_words_are_read_in_several_languages():
    assert _compass("East Java") == {"east"}
    assert _compass("Jawa Barat") == {"west"}
    assert _compass("Nusa Tenggara Timur") == {"east"}
    assert _compass("Noord-Holland") == {"north"}
    assert _compass("Südholland") == set()  # one word: no separate direction
    assert _compass("Bali") == set()


def test_a_near_match_never_turns_east_into_west():
    java = _subs("ID-JB", "ID-JT", "ID-JI", "ID-BT", "ID-JK", "ID-YO")
    sub, method = _match_subdivision(Counter({"East Java": 5}), java)
    assert sub is None or sub.code == "ID-JI", (sub, method)
    sub, _ = _match_subdivision(Counter({"Jawa Barat": 5}), java)
    assert sub.code == "ID-JB"


def test_names_without_a_direction_still_match_near_forms():
    holland = _subs("NL-NH", "NL-ZH", "NL-UT")
    sub, _ = _match_subdivision(Counter({"Utrecht": 2}), holland)
    assert sub.code == "NL-UT"


def test_surabaya_is_not_placed_in_west_java(catalog):
    surabaya = catalog.get("gn:1625822")
    assert surabaya.name_en == "Surabaya"
    assert surabaya.parent_id != "iso:ID-JB"


def test_geonames_own_iso_codes_link_admin1_codes():
    codes = geonames_iso_codes()
    assert codes[("AE", "03")] == "AE-DU"  # Dubayy
    assert codes[("US", "DC")] == "US-DC"
    assert codes[("ID", "04")] == "ID-JK"  # Jakarta Raya


def test_capitals_and_cities_a_name_match_misplaced_have_their_real_parent(catalog):
    expected = {
        "gn:4140963": "iso:US-DC",  # Washington, D.C., not the state of Washington
        "gn:292223": "iso:AE-DU",  # Dubai, not Sharjah
        "gn:1642911": "iso:ID-JK",  # Jakarta, not West Java
        "gn:3435910": "iso:AR-C",  # Buenos Aires city, not the province
        "gn:683506": "iso:RO-B",  # Bucharest, not Ilfov
        "gn:3057140": "iso:SK-TC",  # Trenčín, not Nitra region
        "gn:2998324": "iso:FR-59",  # Lille in Nord, not Pas-de-Calais
    }
    assert {i: catalog.get(i).parent_id for i in expected} == expected
    assert catalog.get("gn:1625822").parent_id == "iso:ID-JI"  # Surabaya, East Java
