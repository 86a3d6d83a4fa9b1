"""The committed catalog: localities, names, profiles, known ties, cooperation.

The files under ``data/catalog/`` are written by ``partner-match build`` and read
here, validated row by row: every error names the file, the row and the field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from features.catalog.blocks import FeatureBlocks, load_blocks
from features.catalog.cooperation import (
    COOPERATION_COLUMNS,
    COOPERATION_FILE,
    CooperationProject,
    load_cooperation,
)
from features.catalog.csvfiles import (
    check_choice,
    check_sourced,
    opt_float,
    opt_int,
    parse_field,
    read_rows,
    require_fields,
    row_error,
)
from features.catalog.locality_table import read_locality_table
from features.catalog.prebuilt import (
    Deferred,
    RowsByKey,
    read_localities,
    read_records,
)
from features.catalog.profile_texts import TEXTS_FILE, ProfileText, load_texts
from features.catalog.taxonomy import Taxonomy, load_taxonomy
from features.catalog.ties import TIE_COLUMNS, TIE_EVIDENCE, Tie, _load_ties
from features.errors import UnknownLocalityError
from features.names.keys import NameKeys, load_name_keys, source_hashes
from features.paths import CATALOG, TAXONOMY

__all__ = [
    "LEVELS",
    "PROFILE_ROLES",
    "HUB_TIES",
    "SCOPES",
    "Locality",
    "PlaceName",
    "ProfileEntry",
    "Tie",
    "Catalog",
    "load_catalog",
    "catalog_dir",
    "LOCALITY_COLUMNS",
    "NAME_COLUMNS",
    "PROFILE_COLUMNS",
    "TIE_COLUMNS",
    "TIE_EVIDENCE",
    "ProfileText",
    "CooperationProject",
    "COOPERATION_COLUMNS",
]

LEVELS = ("admin1", "admin2", "city")
PROFILE_ROLES = ("strength", "need")
# A locality with this many known ties or more is a hub (flagged by the
# recommendation and by screening).
HUB_TIES = 30
# locality: measured for the place; country: the country's value copied onto it
SCOPES = ("locality", "country")
LOCALITY_COLUMNS = (
    "id",
    "name",
    "name_en",
    "country",
    "level",
    "type",
    "parent_id",
    "lat",
    "lon",
    "coord_source",
    "population",
    "population_source",
    "area_km2",
    "area_source",
    "region",
    "sources",
)
NAME_COLUMNS = ("locality_id", "name", "kind", "source")
PROFILE_COLUMNS = (
    "locality_id",
    "sector",
    "role",
    "value",
    "method",
    "evidence",
    "source",
    "source_date",
    "scope",
)
# files written before ``scope`` existed lack it: their values are locality-level
PROFILE_REQUIRED = PROFILE_COLUMNS[:-1]


@dataclass(frozen=True)
class Locality:
    """A place that can ask for partners or be offered as one.

    Unknown values are ``None``; each known coordinate, population or area names its
    source, and a value the project computed says so with a ``derived:`` prefix.
    """

    id: str
    name: str
    name_en: str
    country: str
    level: str
    type: str
    parent_id: str | None
    lat: float | None
    lon: float | None
    coord_source: str | None
    population: int | None
    population_source: str | None
    area_km2: float | None
    area_source: str | None
    region: str | None
    sources: tuple[str, ...]

    @property
    def is_vietnamese(self) -> bool:
        return self.country == "VN"


@dataclass(frozen=True)
class PlaceName:
    """One of a locality's names (native, English, old, Vietnamese exonym …)."""

    locality_id: str
    name: str
    kind: str
    source: str


@dataclass(frozen=True)
class ProfileEntry:
    """A strength or need of a locality in one sector, with its evidence.

    ``scope`` says whether the value was measured for the locality or is its
    country's value (weighed less in scoring, and said so in explanations).
    """

    locality_id: str
    sector: str
    role: str
    value: float
    method: str
    evidence: str
    source: str
    source_date: str | None
    scope: str = "locality"


@dataclass
class Catalog:
    """Everything the matcher knows about places, loaded read-only."""

    localities: tuple[Locality, ...]
    names: tuple[PlaceName, ...]
    profiles: tuple[ProfileEntry, ...]
    ties: tuple[Tie, ...]
    taxonomy: Taxonomy
    manifest: dict
    texts: tuple[ProfileText, ...] = ()
    # the resolver's keys as the build wrote them; None: the resolver computes them
    name_keys: NameKeys | None = field(default=None, repr=False, compare=False)
    # the feature set's profile blocks as the build wrote them; None: derived
    feature_blocks: FeatureBlocks | None = field(
        default=None, repr=False, compare=False
    )
    # one locality's profile rows from the built file, before all are read
    profile_rows: RowsByKey | None = field(default=None, repr=False, compare=False)
    _by_id: dict[str, Locality] = field(init=False, repr=False)
    _texts_by_id: dict[str, list[ProfileText]] = field(init=False, repr=False)
    cooperation: tuple[CooperationProject, ...] = ()
    _cooperation_by_id: dict[str, list[CooperationProject]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        self._by_id = {loc.id: loc for loc in self.localities}
        self._texts_by_id = defaultdict(list)
        for text in self.texts:
            self._texts_by_id[text.locality_id].append(text)
        self._cooperation_by_id = defaultdict(list)
        for project in self.cooperation:
            self._cooperation_by_id[project.foreign_id].append(project)

    @cached_property
    def _profiles_by_id(self) -> dict[str, list[ProfileEntry]]:
        by_id: dict[str, list[ProfileEntry]] = defaultdict(list)
        for entry in self.profiles:
            by_id[entry.locality_id].append(entry)
        return by_id

    @cached_property
    def _ties_by_id(self) -> dict[str, list[Tie]]:
        by_id: dict[str, list[Tie]] = defaultdict(list)
        for tie in self.ties:
            by_id[tie.a_id].append(tie)
            by_id[tie.b_id].append(tie)
        return by_id

    def __len__(self) -> int:
        return len(self.localities)

    def __contains__(self, locality_id: object) -> bool:
        return locality_id in self._by_id

    def get(self, locality_id: str) -> Locality:
        """The locality with this id; raises UnknownLocalityError."""
        try:
            return self._by_id[locality_id]
        except KeyError:
            raise UnknownLocalityError(locality_id) from None

    def vietnam_units(self) -> list[Locality]:
        """The 34 Vietnamese provinces and centrally-run cities."""
        return [loc for loc in self.localities if loc.is_vietnamese]

    def profile(self, locality_id: str) -> list[ProfileEntry]:
        if self.profile_rows is not None and not getattr(self.profiles, "loaded", 1):
            found = self.profile_rows.get(locality_id)  # not all: a cold start
            if found is not None:
                return list(found)
        return list(self._profiles_by_id.get(locality_id, ()))

    def texts_of(self, locality_id: str) -> list[ProfileText]:
        """Quoted profile texts of a locality (none for most)."""
        return list(self._texts_by_id.get(locality_id, ()))

    def ties_of(self, locality_id: str) -> list[Tie]:
        return list(self._ties_by_id.get(locality_id, ()))

    def cooperation_of(self, locality_id: str) -> list[CooperationProject]:
        """Cooperation projects run by a foreign locality (none for most)."""
        return list(self._cooperation_by_id.get(locality_id, ()))


def catalog_dir(data_dir: Path) -> Path:
    """The live catalog folder, recovering from a build cut between its two renames."""
    live = Path(data_dir) / CATALOG
    old = Path(data_dir) / f"{CATALOG}.old"
    if not live.exists() and old.exists():
        return old
    return live


def _load_localities(path: Path) -> tuple[Locality, ...]:
    localities: list[Locality] = []
    seen: dict[str, int] = {}
    for number, row in read_rows(path, LOCALITY_COLUMNS):
        require_fields(path, number, row, "id", "name", "country", "level", "sources")
        if row["id"] in seen:
            raise row_error(
                path,
                number,
                "id",
                f"duplicate id {row['id']!r} (first at row {seen[row['id']]})",
            )
        seen[row["id"]] = number
        check_choice(path, number, "level", row["level"], LEVELS)
        if len(row["country"]) != 2 or not row["country"].isupper():
            raise row_error(
                path,
                number,
                "country",
                f"country must be an ISO 3166-1 alpha-2 code; got {row['country']!r}",
            )
        check_sourced(path, number, row, "lat", "coord_source")
        check_sourced(path, number, row, "population", "population_source")
        check_sourced(path, number, row, "area_km2", "area_source")
        lat = parse_field(path, number, row, "lat", opt_float)
        lon = parse_field(path, number, row, "lon", opt_float)
        if (lat is None) != (lon is None):
            raise row_error(
                path, number, "lon", "lat and lon must both be known or both unknown"
            )
        population = parse_field(path, number, row, "population", opt_int)
        area = parse_field(path, number, row, "area_km2", opt_float)
        localities.append(_locality(row, lat, lon, population, area))
    return tuple(localities)


def _locality(row: dict, lat, lon, population, area) -> Locality:
    """A locality from its CSV row and its parsed numbers."""
    return Locality(
        id=row["id"],
        name=row["name"],
        name_en=row["name_en"] or row["name"],
        country=row["country"],
        level=row["level"],
        type=row["type"],
        parent_id=row["parent_id"] or None,
        lat=lat,
        lon=lon,
        coord_source=row["coord_source"] or None,
        population=population,
        population_source=row["population_source"] or None,
        area_km2=area,
        area_source=row["area_source"] or None,
        region=row["region"] or None,
        sources=tuple(s.strip() for s in row["sources"].split("|")),
    )


def _read_localities(path: Path) -> tuple[Locality, ...]:
    """The records of :func:`_load_localities` from a file the build validated."""
    return read_localities(path, Locality)


def _load_names(path: Path, ids: set[str]) -> tuple[PlaceName, ...]:
    names = []
    for number, row in read_rows(path, NAME_COLUMNS):
        require_fields(path, number, row, "locality_id", "name", "kind", "source")
        if row["locality_id"] not in ids:
            raise row_error(
                path,
                number,
                "locality_id",
                f"unknown locality id {row['locality_id']!r}",
            )
        names.append(
            PlaceName(row["locality_id"], row["name"], row["kind"], row["source"])
        )
    return tuple(names)


def _load_profiles(
    path: Path, ids: set[str], taxonomy: Taxonomy
) -> tuple[ProfileEntry, ...]:
    entries = []
    sector_ids = set(taxonomy.ids)
    for number, row in read_rows(path, PROFILE_REQUIRED):
        require_fields(
            path, number, row, "locality_id", "sector", "role", "value", "method"
        )
        require_fields(path, number, row, "evidence", "source")
        if row["locality_id"] not in ids:
            raise row_error(
                path,
                number,
                "locality_id",
                f"unknown locality id {row['locality_id']!r}",
            )
        if row["sector"] not in sector_ids:
            raise row_error(
                path,
                number,
                "sector",
                f"unknown sector {row['sector']!r}; valid: {sorted(sector_ids)}",
            )
        check_choice(path, number, "role", row["role"], PROFILE_ROLES)
        value = parse_field(path, number, row, "value", float)
        if not 0.0 <= value <= 1.0:
            raise row_error(
                path, number, "value", f"value must be in [0, 1]; got {value}"
            )
        scope = row.get("scope") or "locality"
        check_choice(path, number, "scope", scope, SCOPES)
        entries.append(
            ProfileEntry(
                locality_id=row["locality_id"],
                sector=row["sector"],
                role=row["role"],
                value=value,
                method=row["method"],
                evidence=row["evidence"],
                source=row["source"],
                source_date=row["source_date"] or None,
                scope=scope,
            )
        )
    return tuple(entries)


def load_catalog(data_dir: Path) -> Catalog:
    """Load and validate the committed catalog under ``data_dir``."""
    data_dir = Path(data_dir)
    folder = catalog_dir(data_dir)
    taxonomy = load_taxonomy(data_dir / TAXONOMY)
    # Files that hash as the build wrote (and validated) them: read fast, names,
    # profiles and ties on first use. Others: read and validated now, row by row.
    hashes = source_hashes(folder)
    name_keys = load_name_keys(folder, hashes)
    blocks = None
    if name_keys is not None:
        localities = read_locality_table(
            folder, hashes["localities.csv.gz"], Locality
        ) or _read_localities(folder / "localities.csv.gz")
        blocks = load_blocks(folder, localities, tuple(taxonomy.ids))
    else:
        localities = _load_localities(folder / "localities.csv.gz")
    ids = {loc.id for loc in localities}
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}

    profile_convert = {"value": float, "source_date": lambda text: text or None}

    def read(name: str, load: Callable, make: type, convert=None) -> Sequence:
        if name_keys is None:
            return load(folder / name)
        return Deferred(lambda: read_records(folder / name, make, convert))

    return Catalog(
        localities=localities,
        names=read("names.csv.gz", lambda p: _load_names(p, ids), PlaceName),
        profiles=read(
            "profiles.csv.gz",
            lambda p: _load_profiles(p, ids, taxonomy),
            ProfileEntry,
            profile_convert,
        ),
        ties=read("ties.csv.gz", lambda p: _load_ties(p, ids), Tie, {"year": opt_int}),
        taxonomy=taxonomy,
        manifest=manifest,
        texts=load_texts(folder / TEXTS_FILE, ids),
        cooperation=load_cooperation(folder / COOPERATION_FILE, ids, taxonomy),
        name_keys=name_keys,
        feature_blocks=blocks,
        profile_rows=None
        if name_keys is None
        else RowsByKey(folder / "profiles.csv.gz", ProfileEntry, profile_convert),
    )
