"""UNESCO Creative Cities → culture and arts strengths, and what each field evidences.

Every designated city gets a culture_arts strength; Crafts and Folk Art also a
weaker heritage_tourism one (living crafts draw visitors) and Media Arts a
digital_technology one (the field is digital creative industry). Gastronomy,
Design, Film, Literature and Music claim nothing more: gastronomy evidences food
culture, not farm output; design cities range from industrial to urban design.
The list has no country: a city is joined by name, a homonym settled by the
country UNESCO's text names and a tenfold population lead, or left unjoined.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pycountry

from features.build.vietnam import read_reference
from features.names.folding import fold

__all__ = ["CREATIVE", "CREATIVE_FILE", "CREATIVE_SECTORS", "creative_city_rows"]

CREATIVE_FILE = "profiles/unesco_creative_cities_2024/uccn_cities_2024-10.csv"
CREATIVE = "UNESCO Creative Cities Network member list (unesco.org, scraped 2024-10-01)"
CREATIVE_SECTORS = {
    "Crafts and Folk Art": (("culture_arts", 0.8), ("heritage_tourism", 0.4)),
    "Media Arts": (("culture_arts", 0.8), ("digital_technology", 0.5)),
    "Design": (("culture_arts", 0.8),),
    "Film": (("culture_arts", 0.8),),
    "Gastronomy": (("culture_arts", 0.8),),
    "Literature": (("culture_arts", 0.8),),
    "Music": (("culture_arts", 0.8),),
}


def creative_city_rows(ref: Path, cities: list[tuple], out: list[dict]) -> dict:
    """Creative Cities joined to a catalog city by name, homonyms settled or dropped.

    ``cities``: (id, folded names, country, population) of foreign catalog cities;
    rows are appended to ``out``; returns the join counts.
    """
    by_key: dict[str, list[tuple]] = defaultdict(list)
    for lid, name_keys, country, population in cities:
        for key in name_keys:
            by_key[key].append((lid, country, population))
    joined = unjoined = 0
    for r in read_reference(Path(ref) / CREATIVE_FILE):
        name, field = r["City Name"].strip(), r["Category"].strip()
        if field not in CREATIVE_SECTORS or not name:
            continue
        hits = {c[0]: c for c in by_key.get(fold(name), ())}.values()
        countries = {c[1] for c in hits}
        if len(countries) > 1:
            text = fold(r["Description"])
            named = {
                cc
                for cc in countries
                if (pc := pycountry.countries.get(alpha_2=cc))
                and fold(getattr(pc, "common_name", pc.name)) in text
            }
            hits = [c for c in hits if c[1] in named] if len(named) == 1 else []
        hits = sorted(hits, key=lambda c: -c[2])
        if not hits or (len(hits) > 1 and hits[0][2] < 10 * hits[1][2]):
            unjoined += 1
            continue
        lid = hits[0][0]
        joined += 1
        for sector, value in CREATIVE_SECTORS[field]:
            out.append(
                {
                    "locality_id": lid,
                    "sector": sector,
                    "role": "strength",
                    "value": f"{value:.4f}",
                    "method": f"indicator: UNESCO Creative City of {field} → {sector} "
                    "(designation 0.8 for culture_arts; 0.4-0.5 for what the field "
                    "also evidences)",
                    "evidence": f"{name} is a UNESCO Creative City of {field} "
                    f"<{r['Link'].strip()}>",
                    "source": CREATIVE,
                    "source_date": "2024-10-01",
                    "scope": "locality",
                }
            )
    return {"creative_joined": joined, "creative_unjoined": unjoined}
