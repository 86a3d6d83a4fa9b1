"""Eurostat NUTS-3 units → ageing (and Kummu GDP ratio) of the places they measure.

Eurostat's population by age and NUTS-3 unit (1 January 2019) is measured for a
catalog place only where the NUTS-3 unit's territory is that place's own: a unit the
NUTS index maps to an ISO 3166-2 code (French départements, Italian and Spanish
provinces, Czech kraje); a British unit that is one local authority, joined to the
ISO unit of that name; and a unit that is a city's own territory (a German
kreisfreie Stadt or Stadtkreis, a Polish "Miasto X", a British single-authority unit
or a capital listed in ``CITY_UNITS``), joined to the catalog city of that name
whose population agrees with the unit's (within ``POPULATION_AGREEMENT``). Kummu
et al.'s German districts and Polish and Austrian city units give those cities
their GDP ratio the same way. A region's value is never copied onto its cities.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from features.build.kummu_names import match_unit
from features.build.regional_rules import RULES, number, profile_row
from features.build.vietnam import read_reference
from features.names.folding import fold

__all__ = [
    "CITY_UNITS",
    "EUROSTAT_NUTS3",
    "POPULATION_AGREEMENT",
    "city_territories",
    "gb_admin2_map",
    "kummu_cities",
    "NUTS3_IS_ISO",
    "NUTS_SAME_AS",
    "SAME_UNIT",
    "checked_map",
    "nuts3_ageing",
    "nuts3_iso_units",
    "nuts3_map",
]

AGE_DIR = "profiles/covid19opendata_worldpop_age_admin1"
NUTS_INDEX_FILE = f"{AGE_DIR}/eurostat_index.csv"
NUTS3_AGE_FILE = f"{AGE_DIR}/eurostat_population_stratified.csv"
NUTS_NAMES_FILE = "profiles/eurostat_nuts_ageing_2024/nuts2021_codes_names_points.csv"
# the copy states no year; its totals equal demo_r_pjangroup's 1 January 2019 rows
# (checked for BE, DE2 and PL21)
EUROSTAT_NUTS3 = (
    "Eurostat demo_r_pjangroup by NUTS-3, 1 January 2019 (Google COVID-19 Open Data)"
)
# A unit and a city are one territory only if their populations agree this closely
# (GeoNames city populations are of various years).
POPULATION_AGREEMENT = 1.5
# NUTS units (2016 codes, as in the age file) whose territory is one city: capitals
# and statutory cities that are a unit of their own, by the city's name. Not Graz
# (AT221) or Innsbruck (AT332): those units add the district around the city.
CITY_UNITS = {
    "AT130": "Wien",
    "BG411": "Sofia",  # Sofia (stolitsa): the capital municipality
    "CZ010": "Praha",  # Hlavní město Praha
    "DE300": "Berlin",
    "DE600": "Hamburg",
    "ES630": "Ceuta",
    "ES640": "Melilla",
    "FR101": "Paris",
    "HR041": "Zagreb",  # Grad Zagreb
    "HU110": "Budapest",
    "LV006": "Riga",
    "RO321": "Bucuresti",
    "TR100": "Istanbul",  # the metropolitan municipality is the province
    "UKI": "London",  # Greater London (NUTS-1)
}
# Countries whose NUTS-3 units are their ISO 3166-2 first-level units (oblasti,
# županije, kraje, apskritys, maakunnat, iller, qarqe, megyék and Budapest, län,
# judeţe and Bucureşti, cantons, okruzi), so a unit of the same name is the same
# territory.
NUTS3_IS_ISO = (
    *("AL", "BG", "CH", "CZ", "FI", "HR", "HU", "LT", "RO", "RS", "SE", "SK", "TR"),
)
# NUTS codes whose index key names the right ISO unit under another name (checked
# by hand): "Comunidad de Madrid" is "Madrid, Comunidad de", "Hedmark og Oppland"
# is Innlandet, "Alsace - Champagne-Ardenne - Lorraine" is Grand-Est …
SAME_UNIT = {
    *("BE10", "CH055", "CZ02", "CZ08", "ES12", "ES211", "ES22", "ES30", "ES52"),
    *("ES521", "ES522", "ES523", "ES62", "ES63", "ES64", "FRF", "FRJ", "ITC2"),
    *("ITC4D", "ITF65", "ITH1", "ITH2", "ITH53", "NL12", "NL42", "NO02"),
}
# NUTS-1/2 units that are an ISO unit the index leaves without a key (checked by
# hand): the Greek and Danish regions, the Belgian regions, the French overseas
# departments, Corse and Alsace (the Collectivité européenne d'Alsace), Åland,
# Budapest and Pest, Stockholm, Bratislava, Cumbria and Lincolnshire.
NUTS_SAME_AS = {
    "BE2": "BE-VLG",
    "BE3": "BE-WAL",
    "DK01": "DK-84",  # Hovedstaden
    "DK02": "DK-85",  # Sjælland
    "DK03": "DK-83",  # Syddanmark
    "DK04": "DK-82",  # Midtjylland
    "DK05": "DK-81",  # Nordjylland
    "EL30": "GR-I",  # Attiki
    "EL41": "GR-K",  # Voreio Aigaio
    "EL42": "GR-L",  # Notio Aigaio
    "EL43": "GR-M",  # Kriti
    "EL51": "GR-A",  # Anatoliki Makedonia, Thraki
    "EL52": "GR-B",  # Kentriki Makedonia
    "EL53": "GR-C",  # Dytiki Makedonia
    "EL54": "GR-D",  # Ipeiros
    "EL61": "GR-E",  # Thessalia
    "EL62": "GR-F",  # Ionia Nisia
    "EL63": "GR-G",  # Dytiki Ellada
    "EL64": "GR-H",  # Sterea Ellada
    "EL65": "GR-J",  # Peloponnisos
    "FI20": "FI-01",
    "FRF1": "FR-6AE",
    "FRM0": "FR-20R",
    "FRY1": "FR-971",
    "FRY2": "FR-972",
    "FRY3": "FR-973",
    "FRY4": "FR-974",
    "FRY5": "FR-976",
    "HU11": "HU-BU",
    "HU12": "HU-PE",
    "SE11": "SE-AB",
    "SK01": "SK-BL",
    "UKD1": "GB-CMA",
    "UKF3": "GB-LIN",
}
_DISTRICT_CITY = re.compile(r"^(.+?),? ?(?:Kreisfreie Stadt|Stadtkreis)$")
_MIASTO = re.compile(r"^Miasto (.+)$")
# "Frankfurt (Oder)", "Offenbach am Main": the name without its qualifier
_QUALIFIER = re.compile(r"\s*\(.*\)|\s+(?:am|an der|in der|im|ob der|bei|upon)\s.*$")
_COUNTRY = {"UK": "GB", "EL": "GR"}  # Eurostat → ISO 3166-1


def _labels(ref: Path) -> dict[str, str]:
    """NUTS code → name: the index's (2016 codes), else the NUTS 2021 table's."""
    labels = {
        r["nuts_id"]: r["name_latn"] for r in read_reference(ref / NUTS_NAMES_FILE)
    }
    labels.update(
        {r["eurostat"]: r["label"] for r in read_reference(ref / NUTS_INDEX_FILE)}
    )
    return labels


def _all_names(ref: Path) -> dict[str, set[str]]:
    """NUTS code → its names: the index's, the 2021 table's Latin and native ones."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in read_reference(ref / NUTS_NAMES_FILE):
        found[r["nuts_id"]] |= {r["name_latn"].strip(), r["nuts_name"].strip()}
    for r in read_reference(ref / NUTS_INDEX_FILE):
        found[r["eurostat"]].add(r["label"].strip())
    return found


def _age_rows(ref: Path) -> dict[str, tuple[float, float]]:
    """NUTS code → (population, share aged 70+) on 1 January 2019."""
    found = {}
    for r in read_reference(ref / NUTS3_AGE_FILE):
        bands = [number(v) for k, v in r.items() if k != "eurostat"]
        if r["eurostat"] and all(b is not None for b in bands) and sum(bands):
            found[r["eurostat"]] = (sum(bands), (bands[-2] + bands[-1]) / sum(bands))
    return found


def nuts3_map(ref: Path, ids: set[str]) -> dict[str, str]:
    """NUTS-3 code → catalog unit (``FR_IDF_77`` → ``iso:FR-77``; ``IT_25`` …)."""
    found = {}
    for r in read_reference(ref / NUTS_INDEX_FILE):
        parts = r["key"].split("_")
        if len(r["eurostat"]) != 5 or len(parts) not in (2, 3):
            continue
        lid = f"iso:{parts[0]}-{parts[-1]}"
        if lid in ids:
            found[r["eurostat"]] = lid
    return found


def nuts3_iso_units(
    ref: Path, units: dict[str, dict[str, set[str]]], unit_keys
) -> dict[str, str]:
    """NUTS-3 code → the catalog unit of its name in a ``NUTS3_IS_ISO`` country.

    ``units``: country → {id: folded keys} of the catalog's non-city units;
    ``unit_keys`` makes keys of a name. A name joining several units is left out.
    """
    found = {}
    for code, names in sorted(_all_names(ref).items()):
        if len(code) != 5 or code[:2] not in NUTS3_IS_ISO:
            continue
        if code[:2] == "RS":  # Eurostat's "oblast" is ISO's "okrug": -ka → -ki
            names = names | {re.sub(r"ka oblast$", "ki okrug", n) for n in names}
        keys = set().union(*(unit_keys(n) for n in names if n))
        hits = {lid for lid, k in units.get(code[:2], {}).items() if keys & k}
        if len(hits) == 1:
            found[code] = hits.pop()
    return found


def checked_map(
    ref: Path,
    found: dict[str, str],
    units: dict[str, dict[str, set[str]]],
    unit_keys,
) -> dict[str, str]:
    """The index's NUTS code → unit joins whose unit has the NUTS unit's name.

    The index's keys are the COVID-19 data's own region keys, which in some
    countries are not ISO codes (its TR10 İstanbul reads as iso:TR-10 Balıkesir,
    PT11 Norte as iso:PT-11 Lisboa, ES24 Aragón as Andalucía). A join stands if a
    name of the NUTS unit is a name of the catalog unit, or the code is in
    ``SAME_UNIT``; otherwise the NUTS unit joins the one unit of its country that
    has its name ("Istanbul" → iso:TR-34), or none. ``units``: country → {id: keys}.
    """
    names = _all_names(ref)
    checked = {}
    for code, lid in found.items():
        keys = set().union(*(unit_keys(n) for n in names.get(code, ()) if n))
        country = _COUNTRY.get(code[:2], code[:2])
        if code in SAME_UNIT or keys & units.get(country, {}).get(lid, set()):
            checked[code] = lid
            continue
        hits = {u for u, k in units.get(country, {}).items() if keys & k}
        if len(hits) == 1:
            checked[code] = hits.pop()
    return checked


def _authority_key(name: str) -> str:
    """A British local authority's name without 'City of', 'CC', 'County' or a
    bracketed Welsh name: "Bristol, City of", "Durham CC" → bristol, durham."""
    name = re.sub(
        r"\[.*\]|\bCC$|, City of$|^City of |\bCity$|, County( of)?$", "", name
    )
    return fold(name.replace("&", "and"))


def gb_admin2_map(ref: Path, units: dict[str, str]) -> dict[str, str]:
    """British NUTS-3 code → the ISO unit of the same single local authority.

    ``units``: ``iso:GB-…`` id → name of the country's second-level ISO units. A
    NUTS-3 unit of several authorities ("Bexley and Greenwich") matches none; a name
    matching several units is left out.
    """
    by_key: dict[str, set[str]] = defaultdict(set)
    for lid, name in units.items():
        by_key[_authority_key(name)].add(lid)
    found = {}
    for code, label in _labels(ref).items():
        hits = by_key.get(_authority_key(label), set())
        if code.startswith("UK") and len(code) == 5 and len(hits) == 1:
            found[code] = next(iter(hits))
    return found


def _city_name(code: str, label: str) -> str | None:
    """The city whose own territory the NUTS unit is, if it is one by its type."""
    if code in CITY_UNITS:
        return CITY_UNITS[code]
    for pattern in (_DISTRICT_CITY, _MIASTO):
        found = pattern.match(label)
        if found and code[:2] in ("DE", "PL"):
            return found.group(1)
    return None


def city_territories(
    ref: Path, cities: list[tuple[str, set[str], str, int]], gb_units: dict[str, str]
) -> dict[str, tuple[str, str]]:
    """NUTS code → (catalog city id, unit name) for units that are a city's territory.

    ``cities``: (id, folded names, country, population); ``gb_units`` is
    :func:`gb_admin2_map`'s result (a British unit that is one local authority is
    the territory of the city of that name). A city joins only if it is the one
    city of that name (or of that name without "am Main", "(Oder)" …) whose
    population is within ``POPULATION_AGREEMENT`` of the unit's; otherwise none.
    """
    by_name: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for lid, keys, country, population in cities:
        for key in keys:
            by_name[country, key].append((lid, population))
    ages = _age_rows(ref)
    labels = _labels(ref)
    found = {}
    for code, (total, _) in sorted(ages.items()):
        label = labels.get(code, "")
        name = _city_name(code, label)
        if name is None and code in gb_units:
            name = re.sub(r", City of$| City$", "", label)
        if not name:
            continue
        country = _COUNTRY.get(code[:2], code[:2])
        for key in dict.fromkeys((fold(name), fold(_QUALIFIER.sub("", name)))):
            agree = {
                lid
                for lid, population in by_name.get((country, key), [])
                if population
                and 1 / POPULATION_AGREEMENT
                <= total / population
                <= POPULATION_AGREEMENT
            }
            if agree:
                if len(agree) == 1:
                    found[code] = (agree.pop(), label)
                break
    return found


def nuts3_ageing(ref: Path, places: dict[str, str], names, skip: set[str], out):
    """Share aged 70+ of each NUTS unit's place (``places``: code → catalog id).

    ``names``: id → label; places in ``skip`` (already measured) are left out.
    Returns the ids given a value.
    """
    done = set()
    ages, labels = _age_rows(ref), _labels(ref)
    for code, lid in sorted(places.items()):
        if code not in ages or lid in skip or lid in done:
            continue
        _, share = ages[code]
        done.add(lid)
        unit = f"NUTS {code} {labels.get(code, '')}".strip()
        shown = f"{names[lid]} ({unit}): {100 * share:.1f} % aged 70+ on 1 January 2019"
        for key in ("ageing70", "ageing70_care"):
            out.append(
                profile_row(
                    lid, RULES[key], share, shown, EUROSTAT_NUTS3, "2019", "locality"
                )
            )
    return done


def kummu_cities(
    latest: dict[tuple, dict], territories: dict[str, tuple[str, str]]
) -> dict[str, tuple[dict, str]]:
    """Kummu rows of German districts and Polish, Austrian and British NUTS-3 units
    that are a city's territory → {city id: (row, how the name was joined)}.

    ``latest``: (iso3, unit number) → the unit's latest row. A Kummu name joins
    the territory of the same name ("Köln, Kreisfreie Stadt", "City of Krakow" =
    "Miasto Kraków", "Wien"); a "Landkreis" never joins the city. Unique joins only.
    """
    prefix = {"DEU": "DE", "POL": "PL", "AUT": "AT", "GBR": "UK"}
    units: dict[str, dict[str, set[str]]] = defaultdict(dict)
    plain: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for code, (_, label) in territories.items():
        key = fold(label)
        units[code[:2]][code] = {key}
        plain[code[:2]][code] = {fold("".join(c for c in label if c.isascii()))}
    claims: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for (iso3, _), r in sorted(latest.items()):
        if iso3 not in prefix or int(r["year"]) < 2010:
            continue
        name = re.sub(r"^City of ", "Miasto ", r["Subnat"]) if iso3 == "POL" else None
        cc = prefix[iso3]
        hits, way = match_unit(
            name or r["Subnat"], units[cc], lambda n: {fold(n)}, plain[cc]
        )
        if len(hits) == 1:
            claims[hits.pop()].append((r, "" if way == "as written" else way))
    found = {}
    for code, rows in claims.items():
        if len(rows) == 1:
            found[territories[code][0]] = rows[0]
    return found
