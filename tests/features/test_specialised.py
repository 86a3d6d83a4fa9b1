"""Specialised universities, shipyards and fishing ports → sector strengths; Kummu
names with broken encoding joined to the right unit."""

from __future__ import annotations

import csv
import gzip

import pytest

from features.build.indicators import UNIVERSITIES, WPI, _campus_key, _place_keys
from features.build.kummu_names import match_unit, repairs
from features.build.regional import KUMMU, _unit_keys
from features.build.specialised import (
    FISHING_METHOD,
    SHIPYARD_METHOD,
    university_fields,
)
from features.catalog.loading import catalog_dir
from service.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"


@pytest.mark.parametrize(
    ("name", "sectors"),
    [
        ("Kyoto Pharmaceutical University", {"healthcare"}),
        ("Medizinische Universität Wien", {"healthcare"}),
        ("Veterinärmedizinische Universität Wien", {"agriculture"}),  # not health
        ("Tokyo University of Agriculture", {"agriculture"}),
        ("Tokyo University of Fisheries", {"fisheries"}),
        ("Tokyo University of Mercantile Marine", {"ports_logistics"}),  # shipping
        ("Fachhochschule Aachen", {"vocational_training"}),
        ("Nagoya Institute of Technology", {"manufacturing"}),
        # an engineering school of another field trains for that field
        (
            "Kharkiv State Technical University of Construction and Architecture",
            {"urban_development"},
        ),
        ("Tashkent Institute of Irrigation and Melioration", {"water"}),
        ("Tottori University of Environmental Studies", {"environment"}),
        ("Beijing University of Posts and Telecommunications", {"digital_technology"}),
        # no field in the name: none of these sectors
        ("Osaka University", set()),
        ("University of Tokyo", set()),
        ("Daito Bunka University", set()),
        ("Wake Forest University", set()),  # a forest is not forestry
        ("University of Wisconsin - Eau Claire", set()),  # a river, not water
        ("Volga State Academy of Water Transport", {"ports_logistics"}),
    ],
)
def test_a_university_name_states_its_field(name, sectors):
    assert set(university_fields(name)) == sectors


def test_field_words_name_no_place_and_a_campus_is_read_last():
    assert "kyoto" in _place_keys("Kyoto Pharmaceutical University")
    assert "wien" in _place_keys("Medizinische Universität Wien")
    assert "krakow" in _place_keys("University of Agriculture in Krakow")
    assert _place_keys("Daito Bunka University") == {"daito bunka"}
    assert _campus_key("COMSATS Institute of Information Technology, Lahore") == (
        "lahore"
    )
    assert _campus_key("Osaka University") is None


def test_broken_kummu_names_are_repaired_or_matched_uniquely():
    assert "Gävleborg" in repairs("G‰vleborg")  # Latin-1 read as Mac Roman
    assert "Ústecký kraj" in repairs("⁄steck˝ kraj")  # cp1250 read as Mac Roman
    units = {"fr07": {"ardeche"}, "fr11": {"aude"}, "se": {"jonkoping"}}
    assert match_unit("ArdÔøΩche", units, _unit_keys, {}) == (
        {"fr07"},
        "lost letter",
    )
    assert match_unit("Jnkping", units, _unit_keys, {"se": {"jnkping"}}) == (
        {"se"},
        "dropped letters",
    )
    # two units fit the wildcard: both are returned, and the caller joins neither
    hits, _ = match_unit("AÔøΩde", {"a": {"aude"}, "b": {"aide"}}, _unit_keys, {})
    assert hits == {"a", "b"}


@pytest.fixture(scope="module")
def profiles():
    path = catalog_dir(DATA) / "profiles.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _rows(profiles, lid, sector, source):
    return [
        r
        for r in profiles
        if r["locality_id"] == lid
        and r["sector"] == sector
        and r["source"] == source
        and r["method"].startswith("indicator:")
    ]


def test_a_medical_university_gives_its_prefecture_healthcare(profiles):
    (osaka,) = _rows(profiles, "iso:JP-27", "healthcare", UNIVERSITIES)
    assert "Osaka Medical College (medical)" in osaka["evidence"]
    assert "Osaka University (" not in osaka["evidence"]  # no field in its name
    assert 0 < float(osaka["value"]) <= 0.5 and osaka["scope"] == "locality"
    assert osaka["source_date"] == "2025"
    (kyoto,) = _rows(profiles, "iso:JP-26", "healthcare", UNIVERSITIES)
    assert "Kyoto Pharmaceutical University" in kyoto["evidence"]


def test_a_non_specialised_university_gives_no_sector(profiles):
    specialised = [
        r
        for r in profiles
        if r["source"] == UNIVERSITIES and r["sector"] != "higher_education"
    ]
    assert len(specialised) > 500
    for name in ("Osaka University", "University of Tokyo", "Kyoto University"):
        assert not any(f"{name} (" in r["evidence"] for r in specialised), name
    # every listed university states the row's field in its own name
    for r in specialised:
        listed = r["evidence"].split(": ", 1)[1].split("; ")
        assert all(n.endswith(")") for n in listed), r["evidence"]


def test_a_port_with_a_large_dry_dock_gives_manufacturing(profiles):
    (nagasaki,) = _rows(profiles, "iso:JP-42", "manufacturing", WPI)
    assert "seaport Nagasaki: large dry dock, major repairs" in nagasaki["evidence"]
    assert nagasaki["method"] == SHIPYARD_METHOD
    assert float(nagasaki["value"]) == pytest.approx(0.5)  # moderate, at most 0.5
    shipyards = [r for r in profiles if r["method"] == SHIPYARD_METHOD]
    assert all(float(r["value"]) <= 0.5 for r in shipyards)
    # Vietnamese units keep their declared profiles
    assert not any(
        r["locality_id"].startswith("vn:")
        for r in profiles
        if r["method"] in (SHIPYARD_METHOD, FISHING_METHOD)
        or (r["source"] == UNIVERSITIES and r["sector"] != "higher_education")
    )


def test_a_fishing_port_gives_fisheries(profiles):
    fishing = {r["locality_id"]: r for r in profiles if r["method"] == FISHING_METHOD}
    assert "Mossel Bay" in fishing["iso:ZA-WC"]["evidence"]
    assert all(r["source"] == WPI for r in fishing.values())


def test_repaired_kummu_names_join_their_unit(profiles):
    rows = [
        r
        for r in profiles
        if r["source"] == KUMMU and "name joined: lost letter" in r["evidence"]
    ]
    assert any(
        "Ardèche" in r["evidence"] and "ArdÔøΩche" in r["evidence"] for r in rows
    )
