"""Strengths derived from real datasets, each with its evidence and source.

Each indicator places its items (heritage sites, power plants, ports, airports,
universities) in first-level subdivisions (through the nearest GeoNames place) and
in cities (within a radius), then turns counts or capacities into a value in [0, 1]
with a saturating curve whose constants are stated in the method text.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import airportsdata
import numpy as np
import pycountry

from features.build.specialised import (
    FIELD_WORDS,
    fishing_port_rows,
    shipyard_rows,
    specialised_university_rows,
    strength_row,
)
from features.catalog.countries import resolve_country
from features.catalog.geo import PointIndex
from features.errors import UnknownCountryError
from features.names.folding import fold, strip_affixes

__all__ = ["PlaceLocator", "derive_indicators"]

HERITAGE_FILE = "heritage/whc-sites-2021.csv"
PLANTS_FILE = "energy/global_power_plant_database.csv"
PORTS_FILE = "ports/WPI.csv"
UNIVERSITIES_FILE = "universities/world_universities_and_domains.json"
UNESCO = "UNESCO World Heritage List (2021 export)"
WRI = "WRI Global Power Plant Database 1.3 (2019; CC BY 4.0)"
WPI = "World Port Index, NGA Pub. 150 (public domain)"
AIRPORTS = f"airportsdata {version('airportsdata')} (MIT)"
UNIVERSITIES = "world_universities_and_domains.json (Hipo, MIT)"
# the list carries no date; its licence file reads "Copyright (c) 2014-2025 Hipo"
UNIVERSITIES_DATE = "2025"
VN_SOLAR_CAVEAT = (
    " Caveat: this 2019 release predates Vietnam's 2019–20 solar and wind build-out "
    "(it lists no Vietnamese solar plant), so Vietnamese renewable capacity is "
    "understated."
)
RENEWABLE_FUELS = ("Hydro", "Solar", "Wind", "Geothermal", "Biomass", "Wave and Tidal")
CITY_RADIUS_KM = {"heritage": 15.0, "plants": 20.0, "ports": 15.0, "airports": 25.0}
# Territories whose sites UNESCO lists under the sovereign state party
TERRITORIES = {
    "CN": ("HK", "MO"),
    "US": ("PR", "GU", "VI", "AS", "MP"),
    "NL": ("CW", "AW", "SX", "BQ"),
    "GB": ("GI", "BM", "KY", "SH", "PN", "FK", "TC", "VG", "AI", "MS"),
    "FR": ("RE", "GP", "MQ", "GF", "YT", "NC", "PF", "PM", "BL", "MF", "WF"),
    "DK": ("GL", "FO"),
}
HARBOUR_SCORE = {"Large": 1.0, "Medium": 0.75, "Small": 0.5, "Very Small": 0.25}


@dataclass
class PlaceLocator:
    """Places points in catalog subdivisions (admin-1) and nearby catalog cities."""

    subdivision_of: dict[tuple[str, str], str]
    places: list[dict]
    cities: list[tuple[str, float, float, str]]

    def __post_init__(self) -> None:
        self._places = PointIndex(
            np.array([p["latitude"] for p in self.places]),
            np.array([p["longitude"] for p in self.places]),
        )
        self._cities = PointIndex(
            np.array([c[1] for c in self.cities]), np.array([c[2] for c in self.cities])
        )

    def subdivision(
        self, lat: float, lon: float, country: str | None = None
    ) -> str | None:
        """Catalog id of the admin-1 unit holding a point (None where unsure)."""
        dist, idx = self._places.nearest(lat, lon, k=5)
        for d, i in zip(dist[0], idx[0], strict=True):
            if d > 50:
                return None
            place = self.places[i]
            if country and place["countrycode"] != country:
                continue
            if place["countrycode"] == "VN":
                return f"vn:{place['admin1code']}" if place["admin1code"] else None
            return self.subdivision_of.get((place["countrycode"], place["admin1code"]))
        return None

    def nearest_city(
        self, lat: float, lon: float, radius_km: float, country: str | None = None
    ) -> str | None:
        """Catalog id of the nearest foreign city within ``radius_km`` (or None)."""
        dist, idx = self._cities.nearest(lat, lon, k=5)
        for d, i in zip(dist[0], idx[0], strict=True):
            if d > radius_km:
                return None
            if country is None or self.cities[i][3] == country:
                return self.cities[i][0]
        return None

    def cities_near(
        self, lat: float, lon: float, radius_km: float, country: str | None = None
    ):
        """Catalog ids of foreign cities within ``radius_km`` of a point."""
        return [
            self.cities[i][0]
            for i in self._cities.within(lat, lon, radius_km)
            if country is None or self.cities[i][3] == country
        ]


class _Collector:
    """Items per (locality, sector), turned into profile rows at the end."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], list] = defaultdict(list)

    def add(self, locality_id: str | None, sector: str, item) -> None:
        if locality_id:
            self.items[(locality_id, sector)].append(item)


def _heritage(reference_dir: Path, locator: PlaceLocator, out: list[dict]) -> None:
    path = reference_dir / HERITAGE_FILE
    collect = _Collector()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for site in csv.DictReader(handle):
            try:
                lat, lon = float(site["latitude"]), float(site["longitude"])
            except ValueError:
                continue
            sectors = {
                "Cultural": ("heritage_tourism",),
                "Natural": ("nature_tourism",),
                "Mixed": ("heritage_tourism", "nature_tourism"),
            }.get(site["category"], ())
            desc = re.sub(r"<[^>]+>", " ", html.unescape(site["short_description_en"]))
            first = re.split(r"(?<=[.!?])\s", " ".join(desc.split()), maxsplit=1)[0]
            item = (site["name_en"], site["date_inscribed"], first)
            # a site lies in its state party's territory: a place across the
            # border is not its home (a transboundary site keeps every state's)
            codes = [c.strip().upper() for c in site["iso_code"].split(",")]
            codes += [t for c in codes for t in TERRITORIES.get(c, ())]
            targets = set()
            for code in [c for c in codes if len(c) == 2] or [None]:
                targets.add(locator.subdivision(lat, lon, code))
                targets.update(
                    locator.cities_near(lat, lon, CITY_RADIUS_KM["heritage"], code)
                )
            for sector in sectors:
                for target in targets:
                    collect.add(target, sector, item)
    for (lid, sector), sites in sorted(collect.items.items()):
        sites = sorted(set(sites))
        value = 1 - 0.5 ** len(sites)
        evidence = "; ".join(
            f"UNESCO World Heritage site {n} (inscribed {y}): {d}" for n, y, d in sites
        )
        out.append(
            strength_row(
                lid,
                sector,
                value,
                evidence,
                UNESCO,
                "2021",
                f"indicator: {len(sites)} UNESCO site(s) in the unit or within "
                f"{CITY_RADIUS_KM['heritage']:.0f} km of the city; value 1 − 0.5^n",
            )
        )


def _plants(reference_dir: Path, locator: PlaceLocator, out: list[dict]) -> None:
    path = reference_dir / PLANTS_FILE
    collect = _Collector()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for plant in csv.DictReader(handle):
            fuel = plant["fuel1"]
            if fuel not in RENEWABLE_FUELS:
                continue
            try:
                lat, lon = float(plant["latitude"]), float(plant["longitude"])
                mw = float(plant["capacity_mw"])
            except ValueError:
                continue
            found = pycountry.countries.get(alpha_3=plant["country"])
            country = found.alpha_2 if found else None
            item = (plant["name"], fuel, mw)
            collect.add(
                locator.subdivision(lat, lon, country), "renewable_energy", item
            )
            for city in locator.cities_near(
                lat, lon, CITY_RADIUS_KM["plants"], country
            ):
                collect.add(city, "renewable_energy", item)
    for (lid, sector), plants in sorted(collect.items.items()):
        total = sum(mw for _, _, mw in plants)
        scale = 200.0 if lid.startswith("gn:") else 1000.0
        by_fuel: dict[str, float] = defaultdict(float)
        for _, fuel, mw in plants:
            by_fuel[fuel] += mw
        mix = ", ".join(
            f"{f.lower()} {mw:,.0f} MW" for f, mw in sorted(by_fuel.items())
        )
        biggest = ", ".join(
            n for n, _, _ in sorted(plants, key=lambda p: (-p[2], p[0]))[:3]
        )
        evidence = (
            f"{total:,.0f} MW of renewable generation capacity in "
            f"{len(plants)} plant(s) "
            f"({mix}); largest: {biggest}."
        )
        if lid.startswith("vn:"):
            evidence += VN_SOLAR_CAVEAT
        out.append(
            strength_row(
                lid,
                sector,
                1 - math.exp(-total / scale),
                evidence,
                WRI,
                "2019",
                f"indicator: renewable capacity; value 1 − exp(−MW/{scale:.0f})",
            )
        )


def _port_places(reference_dir: Path, locator: PlaceLocator):
    """Every World Port Index port with coordinates, the places it serves (its unit
    and the cities within the radius) and its home (its unit and nearest city)."""
    path = reference_dir / PORTS_FILE
    countries: dict[str, str | None] = {}
    found: list[tuple[dict, set[str], set[str]]] = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for port in csv.DictReader(handle):
            try:
                lat, lon = float(port["Latitude"]), float(port["Longitude"])
            except ValueError:
                continue
            cname = port["Country Code"]
            if cname not in countries:
                try:
                    countries[cname] = resolve_country(cname)
                except UnknownCountryError:
                    countries[cname] = None
            country, radius = countries[cname], CITY_RADIUS_KM["ports"]
            unit = locator.subdivision(lat, lon, country)
            targets = {unit, *locator.cities_near(lat, lon, radius, country)}
            home = {unit, locator.nearest_city(lat, lon, radius, country)}
            found.append((port, {t for t in targets if t}, {t for t in home if t}))
    return found


def _ports(reference_dir: Path, locator: PlaceLocator, out: list[dict]) -> None:
    collect = _Collector()
    ports = _port_places(reference_dir, locator)
    for port, targets, _ in ports:
        size = port["Harbor Size"].strip()
        if size not in HARBOUR_SCORE:
            continue
        item = ("seaport", port["Main Port Name"], size, HARBOUR_SCORE[size])
        for lid in sorted(targets):
            collect.add(lid, "ports_logistics", item)
    out.extend(shipyard_rows(ports, WPI))
    out.extend(fishing_port_rows(ports, WPI))
    for airport in airportsdata.load("IATA").values():
        if "international" not in airport["name"].lower():
            continue
        item = ("airport", airport["name"], "international", 0.4)
        lat, lon = float(airport["lat"]), float(airport["lon"])
        collect.add(
            locator.subdivision(lat, lon, airport["country"]), "ports_logistics", item
        )
        for city in locator.cities_near(
            lat, lon, CITY_RADIUS_KM["airports"], airport["country"]
        ):
            collect.add(city, "ports_logistics", item)
    for (lid, sector), items in sorted(collect.items.items()):
        items = sorted(set(items))
        port = max((s for k, _, _, s in items if k == "seaport"), default=0.0)
        air = max((s for k, _, _, s in items if k == "airport"), default=0.0)
        value = 1 - (1 - port) * (1 - air)
        parts = [
            f"seaport {n} (harbour size {s})" for k, n, s, _ in items if k == "seaport"
        ][:5]
        parts += [f"{n}" for k, n, _, _ in items if k == "airport"][:3]
        sources = " | ".join(s for s, used in ((WPI, port), (AIRPORTS, air)) if used)
        out.append(
            strength_row(
                lid,
                sector,
                value,
                "; ".join(parts),
                sources,
                "",
                "indicator: largest seaport (L 1, M .75, S .5, VS .25) combined "
                "with an "
                "international airport (.4): 1 − (1 − port)(1 − airport)",
            )
        )


UNI_WORDS = {
    "university",
    "universitat",
    "universite",
    "universidad",
    "universita",
    "universidade",
    "universiteit",
    "universitet",
    "hochschule",
    "fachhochschule",
    "hogeschool",
    "college",
    "institute",
    "institut",
    "instituto",
    "polytechnic",
    "politecnico",
    "academy",
    "school",
}
UNI_ADJECTIVES = {
    "national",
    "state",
    "technical",
    "technische",
    "federal",
    "free",
    "freie",
    "catholic",
    "medical",
    "open",
    "public",
    "metropolitan",
    "prefectural",
    "municipal",
    "city",
    "international",
    "technological",
    "the",
}
CONNECTORS = {"of", "de", "di", "du", "del", "des", "der", "do", "da", "la", "le"}


def _place_keys(uni_name: str) -> set[str]:
    """The place names a university is named for: "X University", "University of X".

    The name before a comma or dash is read; "X" must be followed by a university
    word (possibly after generic adjectives or field words: "Kyoto Pharmaceutical
    University", "Medizinische Universität Wien") or follow "University of [field]
    [in]" ("University of Agriculture in Krakow"); a name word in between ("Daito
    Bunka University") names no place.
    """
    words = fold(re.split(r",| - | – ", uni_name)[0]).split()
    skip = UNI_ADJECTIVES | FIELD_WORDS
    keys = set()
    for i, w in enumerate(words):
        if w in UNI_WORDS:
            if all(x in skip for x in words[:i]):
                rest = words[i + 1 :]
                while rest and (rest[0] in CONNECTORS or rest[0] in skip):
                    rest = rest[1:]
                if rest:
                    keys.add(" ".join(rest))
            break
    for i in range(1, min(len(words), 5)):
        after = words[i:]
        while after and after[0] in skip:
            after = after[1:]
        if after and after[0] in UNI_WORDS:
            keys.add(" ".join(words[:i]))
    return keys


def _campus_key(uni_name: str) -> str | None:
    """The campus a name ends with: "…, Lahore", "… in Warsaw" (up to 3 words).

    Read only when the name's head names no place of the country.
    """
    parts = re.split(r",| - | – ", uni_name)
    words = fold(parts[0]).split()
    tail = fold(parts[-1]).split() if len(parts) > 1 else []
    if "in" in words[:-1]:
        tail = words[len(words) - words[::-1].index("in") :]
    generic = UNI_WORDS | UNI_ADJECTIVES | FIELD_WORDS
    if 0 < len(tail) <= 3 and not set(tail) & generic:
        return " ".join(tail)
    return None


def _universities(
    reference_dir: Path,
    places: list[tuple[str, tuple[str, ...], str, int, str, str]],
    out: list[dict],
) -> None:
    """Universities named for one place of their country, and only for that one.

    ``places`` rows are (id, names, country, population, level, parent id) of
    foreign cities (≥ 50,000 people) and first-level units. A university whose
    place name belongs to unrelated places of its country (Ibaraki the prefecture
    and Ibaraki the city in Osaka) is dropped as doubtful; a unit and its cities of
    the same name (Osaka, Tokyo) are one place and all get it, and a city's unit
    gets its cities' universities.
    """
    index: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for lid, names, cc, population, level, parent in places:
        if level == "city" and population < 50_000:
            continue
        keys = {fold(n) for n in names if n}
        keys |= {strip_affixes(k)[0] for k in keys}
        for key in keys:
            if len(key) >= 4:
                index[(cc, key)].append((lid, level, parent))
    path = reference_dir / UNIVERSITIES_FILE
    found: dict[str, set[str]] = defaultdict(set)
    for uni in json.loads(path.read_text(encoding="utf-8")):
        cc = uni.get("alpha_two_code")
        if not cc or cc == "VN":
            continue
        keys = _place_keys(uni["name"])
        if not any((cc, key) in index for key in keys):
            keys = {_campus_key(uni["name"])} - {None}
        for key in keys:
            hits = set(index.get((cc, key), ()))
            units = {lid for lid, level, _ in hits if level != "city"}
            cities = {(lid, parent) for lid, level, parent in hits if level == "city"}
            if len(units) > 1 or (len(units) == 0 and len(cities) != 1):
                continue
            if units and any(parent not in units for _, parent in cities):
                continue
            targets = units | {lid for lid, _ in cities}
            targets |= {parent for _, parent in cities if parent}
            for lid in targets:
                found[lid].add(uni["name"])
    out.extend(specialised_university_rows(found, UNIVERSITIES, UNIVERSITIES_DATE))
    for lid, names in sorted(found.items()):
        names = sorted(names)
        evidence = (
            f"{len(names)} universit{'y' if len(names) == 1 else 'ies'} named for "
            "the place: " + "; ".join(names[:6])
        )
        out.append(
            strength_row(
                lid,
                "higher_education",
                1 - 0.75 ** len(names),
                evidence,
                UNIVERSITIES,
                UNIVERSITIES_DATE,
                'indicator: universities named for the place ("X University", '
                '"University of X"; X the name of one place of the country, or of '
                "a unit and its city of one name; cities ≥50k; a unit sums its "
                "cities; doubtful names dropped); value 1 − 0.75^n",
            )
        )


def derive_indicators(
    reference_dir: Path,
    locator: PlaceLocator,
    places: list[tuple[str, tuple[str, ...], str, int, str, str]],
) -> list[dict]:
    """Strengths from heritage, energy, ports, airports and universities.

    ``places``: (id, names, country, population, level, parent id) of the foreign
    cities and units universities may be named for.
    """
    out: list[dict] = []
    _heritage(Path(reference_dir), locator, out)
    _plants(Path(reference_dir), locator, out)
    _ports(Path(reference_dir), locator, out)
    _universities(Path(reference_dir), places, out)
    return out
