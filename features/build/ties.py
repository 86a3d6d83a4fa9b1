"""Known partnerships linked to catalog ids: Vietnam's ties and the global network.

A row is linked only where the match is sure (a name of the right country, near
the given coordinates where there are some); every other row is reported with
its reason in ``unlinked_ties.csv``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from features.catalog.countries import resolve_country
from features.catalog.geo import PointIndex, haversine_km
from features.catalog.loading import Catalog
from features.errors import UnknownCountryError
from features.names.folding import compact_key, fold, nfc, strip_affixes
from features.names.resolver import NameResolver

__all__ = [
    "TieLinks",
    "link_vn_ties",
    "link_hekman",
    "link_wikidata",
    "level_of",
    "sure_candidate",
    "strip_parens",
]

VN_TIES_FILE = "vietnam/vn_partnerships_dev.csv"
HEKMAN_FILE = "twin-towns/wikipedia-hekman/twin_cities.csv"
WIKIDATA_FILE = "twin-towns/wikidata-albertoursino/query.csv"
HEKMAN_SOURCE = "Hekman/twincities (MIT; English Wikipedia lists, CC BY-SA)"
WIKIDATA_SOURCE = "albertoursino/graphs-comparison (MIT; Wikidata P190, CC0)"

_LEVEL_WORDS = {
    "admin1": (
        "province",
        "prefecture",
        "region",
        "state",
        "oblast",
        "krai",
        "autonomous",
    ),
    "admin2": ("department", "county", "district"),
    "city": (
        "city",
        "town",
        "municipality",
        "commune",
        "village",
        "borough",
        "metropolitan",
    ),
}


def level_of(text: str) -> str | None:
    """Catalog level named by a free-text level ("region (oblast)" → admin1)."""
    folded = fold(text)
    if not folded:
        return None
    if "prefecture level city" in folded:
        return "city"
    for level, words in _LEVEL_WORDS.items():
        if any(re.search(rf"\b{w}\b", folded) for w in words):
            return level
    return None


@dataclass
class TieLinks:
    """Linked ties, unlinked rows with reasons, and towns added to the catalog."""

    ties: list[dict] = field(default_factory=list)
    unlinked: list[dict] = field(default_factory=list)
    added_towns: dict[int, dict] = field(default_factory=dict)
    counts: Counter = field(default_factory=Counter)

    def unlink(self, origin: str, row: int, a: str, b: str, reason: str) -> None:
        self.unlinked.append(
            {"origin": origin, "row": row, "side_a": a, "side_b": b, "reason": reason}
        )
        self.counts[f"{origin}:unlinked"] += 1

    def link(self, origin: str, a_id: str, b_id: str, **extra: str) -> None:
        self.ties.append({"a_id": a_id, "b_id": b_id, "origin": origin, **extra})
        self.counts[f"{origin}:linked"] += 1


class TownIndex:
    """GeoNames places under 15k people, by (country, folded name), for tie linking."""

    def __init__(self, towns: dict[int, dict]) -> None:
        self.towns = towns
        self.by_key: dict[tuple[str, str], list[int]] = {}
        for gid, town in towns.items():
            for name in {town["name"], *town["alternatenames"]}:
                if name.isascii() or any("\u00c0" <= ch <= "\u024f" for ch in name):
                    key = (town["countrycode"], compact_key(name))
                    self.by_key.setdefault(key, []).append(gid)


def sure_candidate(candidates, level: str | None) -> tuple[str | None, str]:
    """The best candidate's id if it is sure (≥ 0.85, no close rival), else a reason."""
    if not candidates:
        return None, "no catalog locality of that name and country"
    best = candidates[0]
    if best.score < 0.85:
        return None, f"best match {best.name!r} only {best.score:.2f} sure"
    rivals = [c for c in candidates[1:] if c.score >= best.score - 0.03]
    if rivals and level is None:
        # Lists write subdivisions with their type word ("Fukuoka Prefecture"), so a
        # bare name shared by a subdivision and one city inside it denotes the city.
        cities = [c for c in (best, *rivals) if c.level == "city"]
        if len(cities) == 1:
            return cities[0].id, ""
        levels = {best.level, *(c.level for c in rivals)}
        return (
            None,
            f"ambiguous among {len(rivals) + 1} localities "
            f"({', '.join(sorted(levels))})",
        )
    return best.id, ""


def link_vn_ties(reference_dir: Path, resolver: NameResolver, links: TieLinks) -> None:
    """Link the compiled Vietnamese ties (province side by its 2025 unit)."""
    path = Path(reference_dir) / VN_TIES_FILE
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            label = (
                f"{row['vn_locality']} – {row['foreign_locality']} ({row['country']})"
            )
            vn = resolver.resolve(row["vn_province_2025"], country="VN", level="admin1")
            if not vn or vn[0].score < 0.95:
                links.unlink(
                    "vn_dev",
                    number,
                    row["vn_province_2025"],
                    label,
                    "province not found",
                )
                continue
            try:
                country = resolve_country(row["country"])
            except UnknownCountryError:
                links.unlink(
                    "vn_dev",
                    number,
                    vn[0].id,
                    label,
                    f"unknown country {row['country']!r}",
                )
                continue
            level = (
                level_of(row["foreign_admin_level_if_known"])
                or strip_affixes(fold(strip_parens(row["foreign_locality"])))[1]
            )
            candidates = resolver.resolve(
                row["foreign_locality"], country=country, level=level
            )
            foreign, reason = sure_candidate(candidates, level)
            if foreign is None:
                links.unlink("vn_dev", number, vn[0].id, label, reason)
                continue
            year = row["year"].strip()
            links.link(
                "vn_dev",
                vn[0].id,
                foreign,
                evidence=row["evidence"],
                year=year if year.isdigit() else "",
                kind=row["kind"],
                source_detail=row["source_detail"],
            )


def strip_parens(text: str) -> str:
    """The text without its parenthesised parts ("Seki (Gifu)" → "Seki")."""
    return re.sub(r"\([^)]*\)", " ", text).strip()


def _link_point(
    name: str,
    country: str | None,
    lat: float | None,
    lon: float | None,
    catalog: Catalog,
    resolver: NameResolver,
    towns: TownIndex,
    links: TieLinks,
) -> tuple[str | None, str]:
    """The catalog id for one side of a global tie, adding a small town if needed."""
    ids = resolver.exact_ids(name, country)
    if lat is not None and ids:
        near = []
        for lid in ids:
            loc = catalog.get(lid)
            if loc.lat is None:
                continue
            limit = 40 if loc.level == "city" else 400
            if haversine_km(lat, lon, loc.lat, loc.lon) <= limit:
                near.append(lid)
        ids = near
    if len(ids) == 1:
        return ids[0], ""
    if len(ids) > 1:
        cities = [lid for lid in ids if catalog.get(lid).level == "city"]
        if len(cities) == 1:
            return cities[0], ""
        return None, "ambiguous name"
    if country is None:
        return None, "unknown country"
    key = (country, compact_key(name))
    gids = towns.by_key.get(key, [])
    if lat is not None:
        gids = [
            g
            for g in gids
            if haversine_km(
                lat, lon, towns.towns[g]["latitude"], towns.towns[g]["longitude"]
            )
            <= 30
        ]
    if gids and lat is not None:
        # Near the given point the name occurs more than once only for one town
        # recorded twice (seat and settlement); take the most populous record.
        gids = sorted(gids, key=lambda g: (-towns.towns[g]["population"], g))[:1]
    if len(gids) == 1:
        links.added_towns[gids[0]] = towns.towns[gids[0]]
        return f"gn:{gids[0]}", ""
    return None, "no sure gazetteer match" if not gids else "ambiguous small town"


def link_hekman(
    reference_dir: Path,
    catalog: Catalog,
    resolver: NameResolver,
    towns: TownIndex,
    links: TieLinks,
) -> None:
    """Link the Wikipedia twin-town pairs (names, countries, coordinates)."""
    path = Path(reference_dir) / HEKMAN_FILE
    countries: dict[str, str | None] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            sides = []
            for n in ("1", "2"):
                cname = row[f"country{n}"]
                if cname not in countries:
                    try:
                        countries[cname] = resolve_country(cname)
                    except UnknownCountryError:
                        countries[cname] = None
                try:
                    lat, lon = float(row[f"lat{n}"]), float(row[f"lng{n}"])
                except ValueError:
                    lat = lon = None
                lid, reason = _link_point(
                    nfc(row[f"city{n}"]),
                    countries[cname],
                    lat,
                    lon,
                    catalog,
                    resolver,
                    towns,
                    links,
                )
                sides.append((lid, reason, f"{row[f'city{n}']} ({cname})"))
            (a, ra, la), (b, rb, lb) = sides
            if a and b and a != b:
                links.link(
                    "hekman",
                    a,
                    b,
                    evidence="listed twin (global network)",
                    year="",
                    kind="twin town / sister city (Wikipedia list)",
                    source_detail=HEKMAN_SOURCE,
                )
            else:
                links.unlink(
                    "hekman", number, la, lb, ra or rb or "both sides are one locality"
                )


_POINT = re.compile(r"Point\(([-\d.]+) ([-\d.]+)\)")


def link_wikidata(
    reference_dir: Path, catalog: Catalog, towns: TownIndex, links: TieLinks
) -> None:
    """Link Wikidata P190 pairs by coordinates, confirmed by name or population."""
    path = Path(reference_dir) / WIKIDATA_FILE
    cities = [
        loc for loc in catalog.localities if loc.level == "city" and loc.lat is not None
    ]
    index = PointIndex(
        np.array([c.lat for c in cities]), np.array([c.lon for c in cities])
    )
    names: dict[str, set[str]] = {}
    for pn in catalog.names:
        names.setdefault(pn.locality_id, set()).add(compact_key(pn.name))
    memo: dict[str, tuple[str | None, str]] = {}

    def side(label: str, pop: str, point: str) -> tuple[str | None, str]:
        key = f"{label}|{point}"
        if key in memo:
            return memo[key]
        match = _POINT.search(point)
        if not match:
            memo[key] = (None, "no coordinates")
            return memo[key]
        lon, lat = float(match.group(1)), float(match.group(2))
        dist, idx = index.nearest(lat, lon, k=12)
        result: tuple[str | None, str] = (
            None,
            "no catalog city within 10 km agreeing in name or size",
        )
        tried = 0
        for d, i in zip(dist[0], idx[0], strict=True):
            if d > 10 or tried == 3:
                break
            loc = cities[i]
            same_name = compact_key(label) in names.get(loc.id, set())
            if loc.population is None and not same_name:
                continue  # unknown size (a ward, a county) can agree only by name
            tried += 1
            try:
                ratio = max(int(float(pop)), 1) / max(loc.population or 1, 1)
            except ValueError:
                ratio = 0.0
            if same_name or 0.5 <= ratio <= 2.0:
                result = (loc.id, "")
                break
        memo[key] = result
        return result

    seen = set()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            pair = tuple(sorted((row["city"], row["sister"])))
            if pair in seen:
                continue
            seen.add(pair)
            a, ra = side(
                row["cityLabel"],
                row["city_population"],
                row["city_coordinate_location"],
            )
            b, rb = side(
                row["sisterLabel"],
                row["sister_population"],
                row["sister_coordinate_location"],
            )
            if a and b and a != b:
                links.link(
                    "wikidata",
                    a,
                    b,
                    evidence="listed twin (global network)",
                    year="",
                    kind="twinned administrative body (Wikidata P190)",
                    source_detail=WIKIDATA_SOURCE,
                )
            else:
                links.unlink(
                    "wikidata",
                    number,
                    row["cityLabel"],
                    row["sisterLabel"],
                    ra or rb or "both sides are one locality",
                )
