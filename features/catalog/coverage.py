"""Profile coverage of foreign localities: what the catalog knows, by sector and scope.

Counts for ``partner-match catalog stats``: how many foreign localities have a
locality-level strength or need per sector (value > 0, cited), how many have a
cited profile text (quoted texts and declared quotes), and the linked cooperation
record (a cited project in a sector counts as a locality-level strength there).
"""

from __future__ import annotations

from collections import Counter

from features.catalog.loading import Catalog

__all__ = ["coverage_stats", "TEXT_METHODS"]

# Profile texts that describe a place (not the description of a UNESCO site in it).
TEXT_METHODS = ("declared", "text", "profile_text")


def _cooperation(catalog: Catalog) -> dict:
    """Linked cooperation projects, their foreign localities and countries."""
    places = {p.foreign_id for p in catalog.cooperation}
    return {
        "projects": len(catalog.cooperation),
        "localities": len(places),
        "countries": len({catalog.get(i).country for i in places}),
    }


def coverage_stats(catalog: Catalog) -> dict:
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
    # a cited cooperation project in a sector is a proven strength there
    for project in catalog.cooperation:
        if project.foreign_id in foreign:
            for sector in project.sectors:
                if sector in cover:
                    cover[sector]["strength"].add(project.foreign_id)
    text |= {t.locality_id for t in catalog.texts if t.locality_id in foreign}
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
        "cooperation": _cooperation(catalog),
        "profile_scopes": dict(sorted(scopes.items())),
        "country_level_share": round(scopes["country"] / total, 4) if total else 0.0,
        "foreign_with_need_by_country": dict(by_country.most_common(25)),
    }
