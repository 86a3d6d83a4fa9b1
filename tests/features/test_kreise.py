"""German Kreise from the Eurostat NUTS 2021 table (admin-2 under their Land)."""

from __future__ import annotations

from features.build.kreise import build_kreise
from features.names.folding import compact_key

LANDS = {("DE", "schleswigholstein"): "iso:DE-SH", ("DE", "bayern"): "iso:DE-BY"}


def test_kreise_but_not_the_kreisfreie_staedte(reference_dir):
    rows, names = build_kreise(reference_dir, LANDS)
    by_id = {r["id"]: r for r in rows}
    assert 280 <= len(rows) <= 300  # 294 Kreise in NUTS 2021 (401 units less cities)
    nf = by_id["nuts:DEF07"]
    assert (nf["name"], nf["level"], nf["parent_id"]) == (
        "Nordfriesland",
        "admin2",
        "iso:DE-SH",
    )
    assert {"Nordfriesland", "Kreis Nordfriesland"} <= {
        n for lid, n, _, _ in names if lid == "nuts:DEF07"
    }
    assert "nuts:DEF01" not in by_id  # Flensburg, Kreisfreie Stadt
    assert by_id["nuts:DE249"]["name"] == "Hof"  # "Hof, Landkreis"


def test_a_kreis_named_like_a_city_or_town_keeps_only_its_type_word_name(
    reference_dir,
):
    towns = {1: {"countrycode": "DE", "name": "Plön", "alternatenames": []}}
    _, names = build_kreise(
        reference_dir, LANDS, frozenset({("DE", compact_key("Hof"))}), towns
    )
    hof = {n for lid, n, _, _ in names if lid == "nuts:DE249"}
    assert hof == {"Kreis Hof", "Landkreis Hof"}
    assert "Plön" not in {n for lid, n, _, _ in names if lid == "nuts:DEF0A"}


def test_nordfriesland_resolves_to_its_kreis(resolver):
    assert resolver.resolve("Nordfriesland", country="DE")[0].id == "nuts:DEF07"
