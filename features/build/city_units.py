"""ISO 3166-2 units that are a city → the city gets the unit's measured values.

Seoul and the Korean metropolitan cities, Taipei and the Taiwanese special
municipalities, Kyiv, Moscow, Tbilisi, Riga and the Latvian state cities and
others are first-level units whose territory is one city; a value measured for
the unit (its share aged 70+, its GDP ratio) is measured for that city, so the
catalog city gets it too, with scope ``locality`` and evidence naming the unit.
The unit's ISO category says it is a city (``CITY_TYPES``); Italian "metropolitan
cities" are former provinces and are left out. The city is the one catalog city
of the unit's name that lies in the unit (its parent is the unit); otherwise none.
"""

from __future__ import annotations

from features.names.folding import fold

__all__ = ["CITY_TYPES", "city_unit_rows", "city_units"]

# ISO 3166-2 subdivision categories of units that are one city's territory
CITY_TYPES = {
    "Autonomous city",
    "Autonomous city in north africa",
    "Capital city",
    "Capital district",
    "City",
    "City municipality",
    "City with county rights",
    "Federal territory",
    "Metropolitan city",
    "Special city",
    "Special municipality",
    "State city",
}
NOT_CITIES = {"IT"}  # città metropolitane are the former provinces
# words around a city's name in its unit's name ("Horad Minsk", "Kauno miestas")
_TYPE_WORDS = {"city", "horad", "misto", "miestas", "shaary", "grad", "raya", "dc"}


def _bare(key: str) -> str:
    return " ".join(w for w in key.split() if w not in _TYPE_WORDS)


def city_units(
    units: list[dict], unit_keys: dict[str, set[str]], cities: list[dict], city_keys
) -> dict[str, str]:
    """Unit id → the id of the city whose territory it is.

    ``units``, ``cities``: catalog rows; ``unit_keys``/``city_keys``: id → folded
    names. A unit joins the one city whose parent it is and whose name it has.
    """
    inside: dict[str, list[dict]] = {}
    for c in cities:
        inside.setdefault(c["parent_id"], []).append(c)
    found = {}
    for u in units:
        if u["type"] not in CITY_TYPES or u["country"] in NOT_CITIES:
            continue
        keys = {_bare(k) for k in unit_keys.get(u["id"], set())} - {""}
        hits = {
            c["id"]
            for c in inside.get(u["id"], [])
            if keys & {_bare(fold(k)) for k in city_keys.get(c["id"], set())}
        }
        if len(hits) == 1:
            found[u["id"]] = hits.pop()
    return found


def city_unit_rows(
    rows: list[dict], found: dict[str, str], labels: dict[str, str], skip: set[str]
) -> list[dict]:
    """Copies of the units' locality-level rows for their cities.

    ``skip``: sources not measured for the unit itself (designations and the like);
    a city that already has a value of that sector and role keeps its own.
    """
    have = {(r["locality_id"], r["sector"], r["role"]) for r in rows}
    out = []
    for r in rows:
        city = found.get(r["locality_id"])
        if city is None or r["scope"] != "locality" or r["source"] in skip:
            continue
        if (city, r["sector"], r["role"]) in have:
            continue
        unit = labels[r["locality_id"]]
        out.append(
            dict(
                r,
                locality_id=city,
                evidence=(
                    f"{labels[city]} is the territory of {unit} "
                    f"({r['locality_id'].removeprefix('iso:')}): {r['evidence']}"
                ),
            )
        )
    return out
