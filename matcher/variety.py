"""Variety in a short list: one card per place, and a cap on each country's share.

Two catalog units are *the same place* when they lie in the same country, share a
name once type words are removed (Tokyo / Tokyo-to, Osaka-shi / Osaka-fu, Huế /
Thừa Thiên Huế is not: the names differ) and one lies in the other (parent chain)
or their points are at most ``SAME_PLACE_KM`` apart (a city and the second-level
unit of its name). A short list keeps the better-ranked one unless the caller asks
for both (``Filters.allow_same_place``).
"""

from __future__ import annotations

import math

from features.catalog.geo import haversine_km
from features.names.folding import fold, strip_affixes

__all__ = [
    "SamePlace",
    "same_place_of",
    "core_names",
    "namesake_of",
    "DEFAULT_MAX_PER_COUNTRY",
    "SAME_PLACE_KM",
]

# At most this many of a short list from one country, unless the filters narrow
# the candidates to one country or the caller sets ``max_per_country`` (0: no cap).
DEFAULT_MAX_PER_COUNTRY = 5
SAME_PLACE_KM = 60.0
_PARENT_DEPTH = 4


def core_names(loc) -> set[str]:
    """A locality's names folded and without type words (Seoul-teukbyeolsi → seoul)."""
    return {strip_affixes(fold(name))[0] for name in (loc.name, loc.name_en) if name}


class SamePlace:
    """Tells whether a candidate row is the same place as rows already chosen.

    Args:
        fs: The fitted matcher's ``FeatureSet`` (its catalog gives names and
            parents; without a catalog no two rows are the same place).
    """

    def __init__(self, fs) -> None:
        self.fs = fs
        self.catalog = fs.catalog
        self._names: dict[int, set[str]] = {}

    def _loc(self, row: int):
        return self.catalog.get(str(self.fs.ids[row]))

    def _core(self, row: int) -> set[str]:
        found = self._names.get(row)
        if found is None:
            found = self._names[row] = core_names(self._loc(row))
        return found

    def _ancestors(self, loc) -> set[str]:
        out: set[str] = set()
        parent = loc.parent_id
        for _ in range(_PARENT_DEPTH):
            if not parent or parent not in self.catalog:
                break
            out.add(parent)
            parent = self.catalog.get(parent).parent_id
        return out

    def same(self, a: int, b: int) -> bool:
        """Whether rows ``a`` and ``b`` are one place (see the module docstring)."""
        fs = self.fs
        if self.catalog is None or fs.country[a] != fs.country[b]:
            return False
        if not self._core(a) & self._core(b):
            return False
        loc_a, loc_b = self._loc(a), self._loc(b)
        if loc_a.id in self._ancestors(loc_b) or loc_b.id in self._ancestors(loc_a):
            return True
        distance = float(haversine_km(fs.lat[a], fs.lon[a], fs.lat[b], fs.lon[b]))
        return not math.isnan(distance) and distance <= SAME_PLACE_KM

    def among(self, row: int, chosen) -> bool:
        """Whether ``row`` is the same place as any row of ``chosen``."""
        return any(self.same(row, other) for other in chosen)


# One SamePlace per feature set (by id, held with it), so names are folded once.
_BY_FEATURE_SET: dict[int, tuple[object, SamePlace]] = {}


def same_place_of(fs) -> SamePlace:
    """The shared :class:`SamePlace` of the feature set ``fs``."""
    found = _BY_FEATURE_SET.get(id(fs))
    if found is None or found[0] is not fs:
        found = _BY_FEATURE_SET[id(fs)] = (fs, SamePlace(fs))
    return found[1]


_CITIES: dict[int, tuple[object, dict]] = {}


def _cities_by_unit(catalog) -> dict[str, list]:
    """Cities by parent id, in catalog order (held per catalog object)."""
    held = _CITIES.get(id(catalog))
    if held is not None and held[0] is catalog:
        return held[1]
    by_unit: dict[str, list] = {}
    for loc in catalog.localities:
        if loc.level == "city" and loc.parent_id:
            by_unit.setdefault(loc.parent_id, []).append(loc)
    _CITIES.clear()
    _CITIES[id(catalog)] = (catalog, by_unit)
    return by_unit


_NAMESAKES: dict[int, tuple[object, dict]] = {}


def namesake_of(catalog, locality_id: str):
    """:func:`_namesake_of`, remembered per catalog and locality (a ranking asks
    for the same shown candidates again and again)."""
    held = _NAMESAKES.get(id(catalog))
    if held is None or held[0] is not catalog:
        _NAMESAKES.clear()
        held = _NAMESAKES[id(catalog)] = (catalog, {})
    found = held[1]
    if locality_id not in found:
        found[locality_id] = _namesake_of(catalog, locality_id)
    return found[locality_id]


def _namesake_of(catalog, locality_id: str):
    """The city or first-level unit that is the same place under one core name.

    Tokyo the city and Tokyo the prefecture, Groningen and Groningen: one place
    twice in the catalog. A city's is its first-level parent of that name; a
    unit's is its first such city in catalog order; None when there is none.
    Only this locality's names are folded (not the catalog's: a cold start).
    """
    if locality_id not in catalog:
        return None
    loc = catalog.get(locality_id)
    if loc.level == "city":
        if loc.parent_id and loc.parent_id in catalog:
            unit = catalog.get(loc.parent_id)
            if unit.level == "admin1" and core_names(unit) & core_names(loc):
                return unit
        return None
    if loc.level != "admin1":
        return None
    names = core_names(loc)
    for city in _cities_by_unit(catalog).get(loc.id, ()):
        if names & core_names(city):
            return city
    return None
