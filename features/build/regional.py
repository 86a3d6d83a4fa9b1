"""Regional statistics → strengths and needs of foreign units, each rule stated.

Every value is a linear ramp of one measured indicator (``ramp(x, lo, hi)`` is 0 at
``lo``, 1 at ``hi``), written with its formula, dataset, vintage and scope: a value
measured for the unit itself is ``locality``; a country's value copied onto its
first-level units is ``country`` (weighed less in scoring). Values below the
threshold are written as a known 0: measured and not a need is not unknown. The
rules (``regional_rules``) are tabled in ``data/README.md``; Vietnamese units are
left to their declared profiles, and GeoNames cities inherit nothing from their
region or country: a city is measured only by a unit whose territory it is (NUTS-3
units and Kummu districts, see ``nuts3``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry

from features.build.city_units import city_unit_rows, city_units
from features.build.creative_cities import CREATIVE, CREATIVE_FILE, creative_city_rows
from features.build.kummu_names import ADJECTIVAL, CROSSWALK, match_unit, stem_hits
from features.build.municipalities import (
    CENSUS_FILE,
    METADATA_FILE,
    municipality_ageing,
)
from features.build.nuts3 import (
    EUROSTAT_NUTS3,
    NUTS_NAMES_FILE,
    NUTS_SAME_AS,
    checked_map,
    city_territories,
    gb_admin2_map,
    kummu_cities,
    nuts3_ageing,
    nuts3_iso_units,
    nuts3_map,
)
from features.build.regional_rules import (
    RULES,
    Rule,
    number,
    profile_row,
    ramp,
)
from features.build.vietnam import read_reference
from features.names.folding import fold, strip_affixes

__all__ = [
    "EUROSTAT_NUTS3",
    "RULES",
    "Rule",
    "derive_regional",
    "REGIONAL_FILES",
    "ramp",
]

AGE_DIR = "profiles/covid19opendata_worldpop_age_admin1"
WORLDPOP_FILE = f"{AGE_DIR}/derived_ageing_shares_worldpop2020.csv"
NUTS_INDEX_FILE = f"{AGE_DIR}/eurostat_index.csv"
NUTS3_AGE_FILE = f"{AGE_DIR}/eurostat_population_stratified.csv"
EUROSTAT_AGEING_FILE = (
    "profiles/eurostat_nuts_ageing_2024/eurostat_demo_r_pjangroup_ageing_2010_2024.csv"
)
EUROSTAT_2018_FILE = (
    "profiles/eurostat_nuts2_indicators_2018/eu_nuts2_eurostat_2018.csv"
)
KUMMU_FILE = "profiles/kummu_adm1_gdp_ratio/adm1DataForDownscaling.csv"
AQUEDUCT_FILE = "profiles/wri_aqueduct40_country_categories/aqueduct_country_scores.csv"
REGIONAL_FILES = (
    WORLDPOP_FILE,
    NUTS_INDEX_FILE,
    NUTS3_AGE_FILE,
    EUROSTAT_AGEING_FILE,
    NUTS_NAMES_FILE,
    EUROSTAT_2018_FILE,
    KUMMU_FILE,
    CENSUS_FILE,
    METADATA_FILE,
    CREATIVE_FILE,
    AQUEDUCT_FILE,
)

EUROSTAT_AGEING = "Eurostat demo_r_pjangroup, population on 1 January 2024 by NUTS"
WORLDPOP = "WorldPop 2020 age structure by ISO 3166-2 unit (Google COVID-19 Open Data)"
EUROSTAT_2018 = (
    "Eurostat NUTS-2 regional indicators 2018 (tgs00003/tgs00010/tgs00101/"
    "tepsr_lm220; via open-geo-data-education)"
)
KUMMU = "Kummu et al., admin-1 GDP per capita ratio (griddedGDPpc, MIT)"
AQUEDUCT = "WRI Aqueduct 4.0 country baseline water stress (2023, CC BY 4.0)"
# Kummu units there are metro areas (USA) or districts (DEU), not catalog units.
KUMMU_SKIP = {"USA", "DEU", "VNM"}


def _iso_id(key: str) -> str | None:
    """``JP_27`` → ``iso:JP-27`` (admin-1 keys only)."""
    parts = key.split("_")
    return f"iso:{parts[0]}-{parts[1]}" if len(parts) == 2 else None


def _nuts_map(ref: Path, ids: set[str]) -> dict[str, str]:
    """NUTS-1/2 code → catalog id through the key map (NUTS-3 rows are left out)."""
    found = {}
    for r in read_reference(ref / NUTS_INDEX_FILE):
        lid = _iso_id(r["key"]) if r["key"] else None
        if lid in ids and 3 <= len(r["eurostat"]) <= 4:
            found[r["eurostat"]] = lid
    return found


def _eurostat_ageing(ref, nuts, names, out) -> set[str]:
    done = set()
    for r in read_reference(ref / EUROSTAT_AGEING_FILE):
        lid = nuts.get(r["nuts_id"])
        share = number(r["share_65plus"])
        if r["year"] != "2024" or lid is None or share is None or lid in done:
            continue
        done.add(lid)
        shown = (
            f"{names[lid]} ({r['nuts_id']}): {100 * share:.1f} % aged 65+ on "
            f"1 January 2024; old-age dependency {r['old_age_dependency']}"
        )
        for key in ("ageing65", "ageing65_care"):
            out.append(
                profile_row(
                    lid, RULES[key], share, shown, EUROSTAT_AGEING, "2024", "locality"
                )
            )
    return done


def _worldpop_ageing(ref, ids, names, skip: set[str], out) -> None:
    rows = [r for r in read_reference(ref / WORLDPOP_FILE) if r["level"] == "1"]
    shares = defaultdict(set)
    for r in rows:
        shares[r["country_code"]].add(r["share_70plus"])
    for r in rows:
        lid = "iso:" + r["iso_3166_2"] if r["iso_3166_2"] else None
        share = number(r["share_70plus"])
        # one share for every unit of a country = national copies, not regional data
        national_copy = len(shares[r["country_code"]]) < 2
        if lid not in ids or lid in skip or share is None or national_copy:
            continue
        shown = (
            f"{names[lid]}: {100 * share:.1f} % aged 70+, "
            f"{100 * float(r['share_80plus']):.1f} % aged 80+ (WorldPop 2020 estimate)"
        )
        for key in ("ageing70", "ageing70_care"):
            out.append(
                profile_row(lid, RULES[key], share, shown, WORLDPOP, "2020", "locality")
            )


def _eurostat_2018(ref, nuts, names, out) -> set[str]:
    """Unemployment, life expectancy and GDP ratio of NUTS-1/2 units.

    The copy's ``broadband_access_household`` is not used: it is tgs00049's share
    of households *with internet access* that have broadband (84-100 %; 98-100 % in
    every Bulgarian region), not the share of all households: it shows no gap.
    """
    rows = {r["NUTS_ID"]: r for r in read_reference(ref / EUROSTAT_2018_FILE)}
    national = defaultdict(lambda: [0.0, 0.0])
    for r in rows.values():
        gdp, pop = number(r["region_gdp"]), number(r["region_population"])
        if gdp and pop:
            national[r["CNTR_CODE"]][0] += gdp
            national[r["CNTR_CODE"]][1] += pop
    done = set()
    for code, lid in sorted(nuts.items()):
        parts = [r for c, r in rows.items() if c.startswith(code)]
        if not parts:
            continue
        pops = [number(r["region_population"]) or 0.0 for r in parts]
        if not sum(pops):
            continue

        def mean(col, parts=parts, pops=pops):
            vals = [number(r[col]) for r in parts]
            if any(v is None for v in vals):
                return None
            return sum(v * p for v, p in zip(vals, pops, strict=True)) / sum(pops)

        label = f"{names[lid]} ({code}, 2018)"
        for key, col, fmt in (
            ("unemployment", "unemployment_rate_t", "unemployment {:.1f} %"),
            ("life_expectancy", "life_expectancy_t", "life expectancy {:.1f} years"),
        ):
            x = mean(col)
            if x is not None:
                done.add(lid)
                out.append(
                    profile_row(
                        lid,
                        RULES[key],
                        x,
                        f"{label}: {fmt.format(x)}",
                        EUROSTAT_2018,
                        "2018",
                        "locality",
                    )
                )
        gdps = [number(r["region_gdp"]) for r in parts]
        nat_gdp, nat_pop = national[parts[0]["CNTR_CODE"]]
        if (
            all(gdps)
            and nat_pop
            and len(parts)
            < len([r for r in rows.values() if r["CNTR_CODE"] == parts[0]["CNTR_CODE"]])
        ):
            ratio = (sum(gdps) / sum(pops)) / (nat_gdp / nat_pop)
            shown = (
                f"{label}: GDP per head {1e6 * sum(gdps) / sum(pops):,.0f} EUR, "
                f"{ratio:.2f} × the national figure"
            )
            for key in ("gdp_high", "gdp_low"):
                out.append(
                    profile_row(
                        lid, RULES[key], ratio, shown, EUROSTAT_2018, "2018", "locality"
                    )
                )
            done.add(f"gdp:{lid}")
    return done


# "Gävleborgs län" is the county (län) of Gävleborg; "ln" when "ä" was dropped
_LAN = re.compile(r"^(.+?)s? (?:lan|ln)$")


def _unit_keys(name: str) -> set[str]:
    """Folded keys of a unit name: as written, without type words, and for a
    Swedish "Xs län" the bare X; a bracketed code ("[SE-21]") is dropped."""
    name = re.sub(r"\s*\[.*?\]", "", name)
    folded = fold(name)
    keys = {folded, strip_affixes(folded)[0]}
    swedish = _LAN.match(folded) if re.search(r"l[äa]?n$", name) else None
    if swedish:
        keys.add(swedish.group(1))
    return {k for k in keys if len(k) >= 3}


def _kummu_name(name: str) -> str:
    """A Kummu name without "Prov. " ("Prov. Hainaut"), and only the first of two
    names given with a slash ("Région de Bruxelles-Capitale/ Brussels …")."""
    return re.sub(r"^Prov\. ", "", name).split("/")[0].strip()


def _kummu_latest(ref: Path) -> dict[tuple, dict]:
    """(iso3, unit number) → the Kummu unit's row of its latest year."""
    latest: dict[tuple, dict] = {}
    for r in read_reference(ref / KUMMU_FILE):
        key = (r["iso3"], r["GID_nmbr"])
        if key not in latest or int(r["year"]) > int(latest[key]["year"]):
            latest[key] = r
    return latest


def _kummu_row(lid: str, r: dict, how: str, names, out) -> None:
    ratio = float(r["gdpRatio"])
    joined = f", name joined: {how}" if how else ""
    shown = (
        f"{names[lid]} ({r['Subnat']} in Kummu et al.{joined}): GDP per head "
        f"{ratio:.2f} × the national figure in {r['year']}"
    )
    for key in ("gdp_high", "gdp_low"):
        out.append(
            profile_row(lid, RULES[key], ratio, shown, KUMMU, r["year"], "locality")
        )


def _kummu(ref, units_by_country, plain, names, done, territories, admin1, out):
    """GDP ratio per Kummu unit, joined by a unique normalised name in its country;
    broken names repaired (``kummu_names``; ``plain``: keys without non-ASCII).
    German districts and Polish and Austrian city units that are a city's
    territory (``territories``, see ``nuts3``) give that city its ratio. A name
    "X county" matching a first-level unit and towns of that name joins the
    first-level unit (``admin1``: ids), as Kummu's units are first-level; a
    Spanish name matching a community and its province joins the province
    (Kummu's Spanish units are provinces and islands)."""
    latest = _kummu_latest(ref)
    city_rows = kummu_cities(latest, territories)
    taken = {(r["iso3"], r["GID_nmbr"]) for r, _ in city_rows.values()}
    unjoined = repaired = 0
    by_unit: dict[str, list[dict]] = defaultdict(list)
    how: dict[str, str] = {}
    for (iso3, number_), r in sorted(latest.items()):
        found = pycountry.countries.get(alpha_3=iso3)
        if iso3 in KUMMU_SKIP or found is None or int(r["year"]) < 2010:
            continue
        units = units_by_country.get(found.alpha_2, {})
        listed = CROSSWALK.get(iso3, {}).get(r["Subnat"])
        if listed and f"iso:{listed}" in units:
            by_unit[lid := f"iso:{listed}"].append(r)
            how[lid] = "crosswalk (same unit, checked by hand)"
            continue
        hits, way = match_unit(
            _kummu_name(r["Subnat"]),
            units,
            _unit_keys,
            {u: plain[u] for u in units if plain[u]},
        )
        if not hits and iso3 in ADJECTIVAL:
            hits, way = stem_hits(r["Subnat"], units, _unit_keys), "adjectival form"
        first, second = hits & admin1, hits - admin1
        if len(hits) > 1 and r["Subnat"].endswith(" county") and len(first) == 1:
            hits, way = first, "county of that name"  # not the town or municipality
        if len(hits) > 1 and iso3 == "ESP" and len(second) == 1:
            hits, way = second, "province of that name"  # Kummu's units are provinces
        if len(hits) == 1:
            by_unit[lid := hits.pop()].append(r)
            how[lid] = "" if way == "as written" else way
        elif (iso3, number_) not in taken:
            unjoined += 1  # (a city's territory joined in kummu_cities is not)
    joined = {}
    for lid, rs in sorted(by_unit.items()):
        if len(rs) > 1 or f"gdp:{lid}" in done:
            unjoined += len(rs)  # two Kummu units claim one catalog unit: doubtful
            continue
        joined[lid] = (rs[0], how[lid])
    for lid, (r, way) in sorted({**joined, **city_rows}.items()):
        _kummu_row(lid, r, way, names, out)
        repaired += bool(way)
    return dict(
        kummu_joined=len(joined),
        kummu_joined_cities=len(city_rows),
        kummu_unjoined=unjoined,
        kummu_repaired=repaired,
    )


def _water(ref, admin1_by_country, out) -> None:
    for r in read_reference(ref / AQUEDUCT_FILE):
        found = pycountry.countries.get(alpha_3=r["gid_0"])
        cat = number(r["bws_cat_0_4"])
        if found is None or cat is None or found.alpha_2 == "VN":
            continue
        shown = (
            f"{r['name_0']}: baseline water stress category {cat:.0f} of 4 "
            "(country-level value, not measured for this unit)"
        )
        for lid in admin1_by_country.get(found.alpha_2, ()):
            out.append(
                profile_row(
                    lid, RULES["water_stress"], cat, shown, AQUEDUCT, "2023", "country"
                )
            )


def derive_regional(
    reference_dir: Path, localities: list[dict], names: list[tuple]
) -> tuple[list[dict], dict]:
    """Profile rows (with ``scope``) from regional statistics, and join counts.

    ``localities`` are catalog rows, ``names`` (locality_id, name, kind, source).
    Missing input files are skipped (counted in the report), not guessed.
    """
    ref = Path(reference_dir)
    if not all((ref / f).is_file() for f in REGIONAL_FILES):
        return [], {"regional": "skipped: reference files absent"}
    foreign = [r for r in localities if r["country"] != "VN"]
    ids = {r["id"] for r in foreign if r["level"] != "city"}
    label = {r["id"]: r["name_en"] or r["name"] for r in foreign}
    keys: dict[str, set[str]] = defaultdict(set)
    for r in foreign:
        for n in (r["name"], r["name_en"]):
            keys[r["id"]] |= _unit_keys(n) if n else set()
    plain: dict[str, set[str]] = defaultdict(set)
    for lid, name, kind, _ in names:
        if lid in label and (
            kind in ("primary", "english", "alternate") or kind.startswith("iso")
        ):
            keys[lid] |= _unit_keys(name)
            if not name.isascii():
                plain[lid] |= _unit_keys("".join(c for c in name if c.isascii()))
    cities = [
        (
            r["id"],
            {fold(n) for n in (r["name"], r["name_en"]) if n},
            r["country"],
            int(r["population"] or 0),
        )
        for r in foreign
        if r["level"] == "city"
    ]
    city_names = {lid: set(k) for lid, k, _, _ in cities}
    for lid, name, kind, _ in names:
        if lid in city_names and kind in ("primary", "english", "alternate"):
            city_names[lid].add(fold(name))
    gb_units = gb_admin2_map(
        ref,
        {
            r["id"]: r["name"]
            for r in foreign
            if r["country"] == "GB" and r["level"] == "admin2"
        },
    )
    territories = city_territories(
        ref, [(i, city_names[i], c, p) for i, _, c, p in cities], gb_units
    )
    units: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for r in foreign:
        if r["id"] in ids:
            units[r["country"]][r["id"]] = keys[r["id"]]
    out: list[dict] = []
    nuts = checked_map(ref, _nuts_map(ref, ids), units, _unit_keys)
    nuts |= {c: f"iso:{i}" for c, i in NUTS_SAME_AS.items() if f"iso:{i}" in ids}
    aged = _eurostat_ageing(ref, nuts, label, out)
    iso_units = nuts3_iso_units(ref, units, _unit_keys)
    mapped = checked_map(ref, nuts3_map(ref, ids), units, _unit_keys)
    places = {**mapped, **iso_units, **gb_units}
    aged |= nuts3_ageing(ref, places, label, aged, out)
    cities_aged = nuts3_ageing(
        ref, {c: lid for c, (lid, _) in territories.items()}, label, aged, out
    )
    parent = {r["id"]: r["parent_id"] for r in foreign}
    municipal = municipality_ageing(
        ref, [(i, city_names[i], c, p, parent[i]) for i, _, c, p in cities], label, out
    )
    _worldpop_ageing(ref, ids, label, aged, out)
    done = _eurostat_2018(ref, nuts, label, out)
    first = {r["id"] for r in foreign if r["level"] == "admin1"}
    report = _kummu(ref, units, plain, label, done, territories, first, out)
    report.update(
        nuts3_gb_units=len(gb_units),
        nuts3_iso_units=len(iso_units),
        nuts3_city_territories=len(territories),
        nuts3_cities_aged=len(cities_aged),
        municipalities_joined=municipal,
    )
    by_id = {r["id"]: r for r in foreign}
    is_city = city_units(
        [by_id[i] for i in sorted(ids)],
        keys,
        [r for r in foreign if r["level"] == "city"],
        city_names,
    )
    copied = city_unit_rows(out, is_city, label, {CREATIVE})
    out += copied
    report["city_units"] = len({r["locality_id"] for r in copied})
    report.update(creative_city_rows(ref, cities, out))
    admin1: dict[str, list[str]] = defaultdict(list)
    for r in foreign:
        if r["level"] == "admin1":
            admin1[r["country"]].append(r["id"])
    _water(ref, admin1, out)
    report["regional_rows"] = len(out)
    return out, report
