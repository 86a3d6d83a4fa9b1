"""Cooperation projects of foreign local governments, linked to catalog ids.

The curated tables (``data/cooperation/*.tsv``, and the shared compiled files under
the reference data's ``cooperation/`` when present) name the foreign government,
its partner and the sectors of a project, each row with the page that states it.
The foreign side is linked by its given codes first (``gn:`` GeoNames id for a
city, ISO 3166-2 code for a subdivision), else by a sure name match; the partner
side is a Vietnamese province (``vn:<GSO>``) when Vietnamese, else a sure match or
empty. Every row that cannot be linked is reported with its reason.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from features.build.ties import level_of, strip_parens, sure_candidate
from features.catalog.loading import Catalog
from features.errors import UnknownCountryError
from features.names.folding import fold, strip_affixes
from features.names.resolver import NameResolver

__all__ = [
    "CooperationLinks",
    "COOPERATION_DIR",
    "cooperation_files",
    "link_cooperation",
    "link_foreign",
]

COOPERATION_DIR = "cooperation"
_GN = re.compile(r"gn:\d+")
_ISO = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_SUBDIVISION = re.compile(
    r"\b(prefecture|province|region|departement|department|state|oblast|krai|lan)\b"
)
_YEAR = re.compile(r"(1[89]|20)\d\d")
# "Sunshine Coast Regional Council", "City of Ballarat": the council's place name
_COUNCIL = re.compile(
    r"^(?:city|shire|municipality) of\s+|\s+(?:city|regional|district|shire|"
    r"municipal)?\s*council$",
    re.IGNORECASE,
)


@dataclass
class CooperationLinks:
    """Linked projects (catalog rows), unlinked rows with reasons, and counts."""

    projects: list[dict] = field(default_factory=list)
    unlinked: list[dict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)


def cooperation_files(data_dir: Path, reference_dir: Path) -> list[tuple[str, Path]]:
    """The tables to read, as (label, path): the committed ones, then the shared."""
    found = []
    for label, folder in (
        ("data", Path(data_dir) / COOPERATION_DIR),
        ("shared", Path(reference_dir) / COOPERATION_DIR),
    ):
        if folder.is_dir():
            found += [
                (f"{label}:{COOPERATION_DIR}/{p.name}", p)
                for p in sorted(folder.glob("*.tsv"))
            ]
    return found


def _year(text: str) -> str:
    match = _YEAR.fullmatch((text or "").strip())
    return match.group(0) if match else ""


def link_foreign(
    row: dict, catalog: Catalog, resolver: NameResolver
) -> tuple[str | None, str]:
    """(catalog id, how it was linked) of a row's foreign government, or (None, why
    not): the one linking rule for the build's table and the projects evaluation."""
    country = (row.get("foreign_country") or "").strip().upper()
    if len(country) != 2:
        return None, f"no ISO country code ({country!r})"
    gid = (row.get("foreign_geonames_id") or "").strip()
    if _GN.fullmatch(gid) and gid in catalog:
        return gid, "geonames id"
    iso = (row.get("foreign_iso3166_2") or "").strip()
    name = _COUNCIL.sub("", strip_parens(row.get("foreign_locality") or ""))
    level_text = fold(row.get("foreign_level") or "")
    # the stated level, else the type word of the name ("Toyama Prefecture")
    level = level_of(level_text) or strip_affixes(fold(name))[1]
    is_subdivision = bool(_SUBDIVISION.search(level_text)) or (
        not level_text and level == "admin1"
    )
    if is_subdivision and _ISO.fullmatch(iso) and f"iso:{iso}" in catalog:
        return f"iso:{iso}", "ISO 3166-2 code"
    if not name:
        return None, "no name"
    try:
        found = resolver.resolve(name, country=country, level=level)
    except UnknownCountryError:
        return None, f"country code outside ISO 3166-1 ({country!r})"
    foreign, reason = sure_candidate(found, level)
    if foreign is None:
        return None, reason
    if _ISO.fullmatch(iso):
        loc = catalog.get(foreign)
        # a code was given: the match must be that unit or lie inside it
        if foreign != f"iso:{iso}" and loc.parent_id != f"iso:{iso}":
            return None, f"name match {foreign} is not in {iso}"
    return foreign, "name (sure match)"


def _link_partner(row: dict, resolver: NameResolver) -> tuple[str, str, str]:
    """(partner id or '', partner country, partner name as stated)."""
    vn_province = (row.get("vn_province_2025") or "").strip()
    country = (row.get("partner_country") or "").strip().upper()
    name = (row.get("partner_locality") or "").strip()
    if not country and (vn_province or (row.get("vn_locality") or "").strip()):
        country = "VN"
    if not re.fullmatch("[A-Z]{2}", country):
        # several partner countries ("CI;BF;SN"): the row names no one partner
        name = "; ".join(filter(None, (name, country)))
        country = ""
    if country == "VN":
        name = name or (row.get("vn_locality") or "").strip() or vn_province
        if vn_province:
            found = resolver.resolve(vn_province, country="VN", level="admin1")
            if found and found[0].score >= 0.95:
                return found[0].id, country, name
        return "", country, name
    simple = strip_parens(name)
    if simple and len(country) == 2 and not re.search(r"[,;/&]| and ", simple):
        level = strip_affixes(fold(simple))[1]
        try:
            found = resolver.resolve(simple, country=country, level=level)
        except UnknownCountryError:  # a code outside ISO 3166-1 (XK): no link
            return "", country, name
        partner, _ = sure_candidate(found, level)
        matched = next((c.matched_name for c in found if c.id == partner), "")
        # without a type word only the very name counts ("Kunming", not
        # "Special Region of Yogyakarta" for the city of Yogyakarta)
        if partner is not None and (level is not None or fold(matched) == fold(simple)):
            return partner, country, name
    return "", country, name


def _project(
    label: str,
    number: int,
    row: dict,
    catalog: Catalog,
    resolver: NameResolver,
    sector_ids: set[str],
) -> tuple[dict | None, dict | None]:
    """One row as (catalog project, None) or (None, unlinked report)."""
    stated = f"{row.get('foreign_locality', '')} ({row.get('foreign_country', '')})"
    url = row.get("url", "").strip()
    partner, partner_country, partner_name = _link_partner(row, resolver)
    foreign, reason = (
        link_foreign(row, catalog, resolver) if url else (None, "no source URL")
    )
    if foreign is None:
        return None, {
            "file": label,
            "row": number,
            "foreign": stated,
            "partner": partner_name,
            "reason": reason,
        }
    stated_sectors = {s.strip() for s in row.get("sectors", "").split(";")}
    sectors = sorted(stated_sectors & sector_ids)
    return {
        "foreign_id": foreign,
        "partner_id": partner,
        "partner_country": partner_country,
        "partner_locality": partner_name,
        "foreign_name": row.get("foreign_locality", "").strip(),
        "sectors": ";".join(sectors),
        "theme": row.get("theme_as_stated", "").strip(),
        "programme": row.get("programme", "").strip(),
        "start": _year(row.get("start", "")),
        "end": _year(row.get("end", "")),
        "url": url,
        "source": label,
        "retrieved": row.get("retrieved", "").strip(),
    }, None


def link_cooperation(
    files: list[tuple[str, Path]],
    catalog: Catalog,
    resolver: NameResolver,
    sector_ids: set[str],
) -> CooperationLinks:
    """Link every row of ``files``; a row repeated in two files is kept once."""
    links = CooperationLinks()
    seen: set[tuple] = set()
    for label, path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t")
            for number, raw in enumerate(reader, start=2):
                row = {k: (v or "") for k, v in raw.items() if k is not None}
                project, unlinked = _project(
                    label, number, row, catalog, resolver, sector_ids
                )
                if project is None:
                    links.unlinked.append(unlinked)
                    links.counts["unlinked"] += 1
                    continue
                key = tuple(
                    project[k]
                    for k in ("foreign_id", "partner_id", "partner_locality", "url")
                ) + (project["sectors"],)
                if key in seen:
                    links.counts["duplicates"] += 1
                    continue
                seen.add(key)
                links.projects.append(project)
                links.counts["linked"] += 1
                links.counts[
                    "partner_linked" if project["partner_id"] else "partner_unlinked"
                ] += 1
    links.projects.sort(
        key=lambda p: (p["foreign_id"], p["partner_id"], p["start"], p["url"])
    )
    return links
