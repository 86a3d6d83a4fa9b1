"""Latin American municipalities → the share aged 70+ of the city they govern.

A Brazilian município, a Peruvian distrito and a partido of
Buenos Aires Province are governed by the municipality of their seat, so a census
count for such a unit measures the city of that name, if the city is the unit
rather than one of its parts or a conurbation over several: a city joins only when
it is the one catalog city of that name in the unit's province or state whose
GeoNames population is within ``POPULATION_AGREEMENT`` of the unit's census count
(Lima or Arequipa span several units and stay out). Mexican municipios are left
out: the copy's Mexican total (110,991,953) matches no census we can name; the
Chilean comunas carry totals but no age groups.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from features.build.nuts3 import POPULATION_AGREEMENT
from features.build.regional_rules import RULES, number, profile_row
from features.build.vietnam import read_reference
from features.names.folding import fold

__all__ = [
    "CENSUS",
    "CENSUS_FILE",
    "METADATA_FILE",
    "MUNICIPAL",
    "municipality_ageing",
]

AGE_DIR = "profiles/covid19opendata_worldpop_age_admin1"
CENSUS_FILE = f"{AGE_DIR}/census.csv"
METADATA_FILE = f"{AGE_DIR}/metadata.csv"
# The copy states no year; its totals match the censuses named here: the Argentine
# units sum to 40,117,096 (INDEC 2010) and the Peruvian to 29,381,884 (INEI 2017),
# the published census totals; the Brazilian to 190,770,994, within 0.01 % of
# IBGE's 2010 total of 190,755,799.
CENSUS = {
    "BR": ("IBGE Censo Demográfico 2010 by município", "2010"),
    "AR": ("INDEC Censo Nacional 2010 by partido", "2010"),
    "PE": ("INEI Censos Nacionales 2017 by distrito", "2017"),
}
# Argentina: only Buenos Aires Province, whose partidos are municipalities; the
# departments of the other provinces are not.
MUNICIPAL = {"BR": None, "PE": None, "AR": {"B"}}


def _source(country: str) -> str:
    return f"{CENSUS[country][0]} (Google COVID-19 Open Data census table)"


def municipality_ageing(
    ref: Path,
    cities: list[tuple[str, set[str], str, int, str]],
    names: dict[str, str],
    out: list[dict],
) -> dict[str, int]:
    """Share aged 70+ of the city each municipality is, as profile rows.

    ``cities``: (id, folded names, country, population, parent ``iso:`` id);
    ``names``: id → label. Returns join counts by country.
    """
    meta = {r["key"]: r for r in read_reference(ref / METADATA_FILE)}
    by_name: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for lid, keys, country, population, parent in cities:
        if country in MUNICIPAL:
            for key in keys:
                by_name[parent, key].append((lid, population))
    claims: dict[str, list[tuple[str, float, str]]] = defaultdict(list)
    for r in read_reference(ref / CENSUS_FILE):
        parts = r["key"].split("_")
        if len(parts) != 3 or parts[0] not in MUNICIPAL or r["key"] not in meta:
            continue
        states = MUNICIPAL[parts[0]]
        bands = [number(v) for k, v in r.items() if k.startswith("population_age")]
        if (states and parts[1] not in states) or any(b is None for b in bands):
            continue
        total = sum(bands)
        unit = meta[r["key"]]["subregion2_name"]
        agree = {
            lid
            for lid, population in by_name.get(
                (f"iso:{parts[0]}-{parts[1]}", fold(unit)), []
            )
            if total
            and population
            and 1 / POPULATION_AGREEMENT <= total / population <= POPULATION_AGREEMENT
        }
        if len(agree) == 1:
            share = (bands[-2] + bands[-1]) / total
            claims[agree.pop()].append((unit, share, parts[0]))
    counts: dict[str, int] = defaultdict(int)
    for lid, found in sorted(claims.items()):
        if len(found) != 1:  # two municipalities of one name claim the city
            continue
        unit, share, country = found[0]
        shown = (
            f"{names[lid]} (municipality {unit}): {100 * share:.1f} % aged 70+ "
            f"in the {CENSUS[country][1]} census"
        )
        for key in ("ageing70", "ageing70_care"):
            out.append(
                profile_row(
                    lid,
                    RULES[key],
                    share,
                    shown,
                    _source(country),
                    CENSUS[country][1],
                    "locality",
                )
            )
        counts[country] += 1
    return dict(sorted(counts.items()))
