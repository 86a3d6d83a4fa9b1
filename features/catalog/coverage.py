"""Profile coverage of foreign localities: what the catalog knows, by sector and scope.

Counts for ``partner-match catalog stats``: how many foreign localities have a
locality-level strength or need per sector (value > 0, cited), how many have a
cited profile text, and the cooperation record's size when its table exists.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from features.catalog.loading import Catalog

__all__ = ["coverage_stats", "TEXT_METHODS", "COOPERATION_DIR"]

COOPERATION_DIR = "cooperation"
# Profile texts that describe a place (not the description of a UNESCO site in it).
TEXT_METHODS = ("declared", "text", "profile_text")


def _cooperation(data_dir: Path) -> dict:
    """Projects, foreign localities and countries in ``data/cooperation/*.tsv``."""
    projects, places, countries = 0, set(), set()
    folder = Path(data_dir) / COOPERATION_DIR
    for path in sorted(folder.glob("*.tsv")) if folder.is_dir() else ():
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                country = (row.get("foreign_country") or "").strip()
                if not country or not (row.get("url") or "").strip():
                    continue
                projects += 1
                countries.add(country)
                places.add(
                    (row.get("foreign_geonames_id") or "").strip()
                    or (row.get("foreign_iso3166_2") or "").strip()
                    or f"{country}:{(row.get('foreign_locality') or '').strip()}"
                )
    return {
        "projects": projects,
        "localities": len(places),
        "countries": len(countries),
    }


def coverage_stats(catalog: Catalog, data_dir: Path) -> dict:
    """Foreign profile coverage by sector, text, cooperation and scope.

    Returns ``foreign_coverage`` {sector: {"strength": n, "need": n}} (foreign
    localities with a locality-level value > 0), ``foreign_with_need``,
    ``foreign_with_need_any_scope``, ``foreign_with_text``, ``cooperation``
    {"projects", "localities", "countries"}, ``country_level_share`` (of all
    profile values) and ``foreign_with_need_by_country`` (the 25 countries with
    most foreign localities having a locality-level need).
    """
    foreign = {
        loc.id: loc.country for loc in catalog.localities if not loc.is_vietnamese
    }
    cover: dict[str, dict[str, set]] = {
        s: {"strength": set(), "need": set()} for s in catalog.taxonomy.ids
    }
    need_any, text, scopes = set(), set(), Counter()
    for e in catalog.profiles:
        scopes[e.scope] += 1
        if e.locality_id not in foreign or e.value <= 0:
            continue
        if e.role == "need":
            need_any.add(e.locality_id)
        if e.scope == "locality" and e.evidence and e.source:
            cover[e.sector][e.role].add(e.locality_id)
        if e.method.split(":")[0] in TEXT_METHODS:
            text.add(e.locality_id)
    with_need = set().union(*(c["need"] for c in cover.values()))
    by_country = Counter(foreign[lid] for lid in with_need)
    total = sum(scopes.values())
    return {
        "foreign_coverage": {
            s: {"strength": len(c["strength"]), "need": len(c["need"])}
            for s, c in cover.items()
        },
        "foreign_with_need": len(with_need),
        "foreign_with_need_any_scope": len(need_any),
        "foreign_with_text": len(text),
        "cooperation": _cooperation(data_dir),
        "profile_scopes": dict(sorted(scopes.items())),
        "country_level_share": round(scopes["country"] / total, 4) if total else 0.0,
        "foreign_with_need_by_country": dict(by_country.most_common(25)),
    }
