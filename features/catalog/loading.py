"""The committed catalog: localities, names, profiles, known ties, cooperation.

The files under ``data/catalog/`` are written by ``partner-match build`` and read
here, validated row by row: every error names the file, the row and the field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from features.catalog.cooperation import (
    COOPERATION_COLUMNS,
    COOPERATION_FILE,
    CooperationProject,
    load_cooperation,
)
from features.catalog.csvfiles import (
    check_sourced,
    opt_float,
    opt_int,
    parse_field,
    read_rows,
    require_fields,
    row_error,
)
from features.catalog.taxonomy import Taxonomy, load_taxonomy
from features.errors import UnknownLocalityError
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
    "TEXT_COLUMNS",
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
TIE_EVIDENCE = (
    "twinning/sister (explicit)",
    "formal agreement/MoU",
    "cooperation/relations (no signed agreement text seen)",
    "terminated",
    "listed twin (global network)",
)

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
TEXT_COLUMNS = ("locality_id", "text", "source", "source_date", "licence")
# files written before ``scope`` existed lack it: their values are locality-level
PROFILE_REQUIRED = PROFILE_COLUMNS[:-1]
TIE_COLUMNS = (
    "a_id",
    "b_id",
    "origin",
    "evidence",
    "year",
    "kind",
    "source_detail",
)


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


@dataclass(frozen=True)
class ProfileText:
    """A quoted description of a locality (economy, strengths), with its source."""

    locality_id: str
    text: str
    source: str
    source_date: str | None
    licence: str


@dataclass(frozen=True)
class Tie:
    """A known partnership between two catalog localities."""

    a_id: str
    b_id: str
    origin: str
    evidence: str
    year: int | None
    kind: str
    source_detail: str


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
    _by_id: dict[str, Locality] = field(init=False, repr=False)
    _profiles_by_id: dict[str, list[ProfileEntry]] = field(init=False, repr=False)
    _ties_by_id: dict[str, list[Tie]] = field(init=False, repr=False)
    _texts_by_id: dict[str, list[ProfileText]] = field(init=False, repr=False)
    cooperation: tuple[CooperationProject, ...] = ()
    _cooperation_by_id: dict[str, list[CooperationProject]] = field(
        init=False, repr=False
    )

    def __post_init__(self) -> None:
        self._by_id = {loc.id: loc for loc in self.localities}
        self._profiles_by_id = defaultdict(list)
        for entry in self.profiles:
            self._profiles_by_id[entry.locality_id].append(entry)
        self._texts_by_id = defaultdict(list)
        for text in self.texts:
            self._texts_by_id[text.locality_id].append(text)
        self._cooperation_by_id = defaultdict(list)
        for project in self.cooperation:
            self._cooperation_by_id[project.foreign_id].append(project)
        self._ties_by_id = defaultdict(list)
        for tie in self.ties:
            self._ties_by_id[tie.a_id].append(tie)
            self._ties_by_id[tie.b_id].append(tie)

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
        if row["level"] not in LEVELS:
            raise row_error(
                path,
                number,
                "level",
                f"level must be one of {list(LEVELS)}; got {row['level']!r}",
            )
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
        localities.append(
            Locality(
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
                population=parse_field(path, number, row, "population", opt_int),
                population_source=row["population_source"] or None,
                area_km2=parse_field(path, number, row, "area_km2", opt_float),
                area_source=row["area_source"] or None,
                region=row["region"] or None,
                sources=tuple(s.strip() for s in row["sources"].split("|")),
            )
        )
    return tuple(localities)


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
        if row["role"] not in PROFILE_ROLES:
            raise row_error(
                path,
                number,
                "role",
                f"role must be one of {list(PROFILE_ROLES)}; got {row['role']!r}",
            )
        value = parse_field(path, number, row, "value", float)
        if not 0.0 <= value <= 1.0:
            raise row_error(
                path, number, "value", f"value must be in [0, 1]; got {value}"
            )
        scope = row.get("scope") or "locality"
        if scope not in SCOPES:
            raise row_error(
                path,
                number,
                "scope",
                f"scope must be one of {list(SCOPES)}; got {scope!r}",
            )
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


def _load_texts(path: Path, ids: set[str]) -> tuple[ProfileText, ...]:
    """Profile texts; an older catalog without the file has none."""
    if not path.exists():
        return ()
    texts = []
    for number, row in read_rows(path, TEXT_COLUMNS):
        require_fields(path, number, row, "locality_id", "text", "source", "licence")
        lid = row["locality_id"]
        if lid not in ids:
            raise row_error(path, number, "locality_id", f"unknown locality id {lid!r}")
        date = row["source_date"] or None
        texts.append(ProfileText(lid, row["text"], row["source"], date, row["licence"]))
    return tuple(texts)


def _load_ties(path: Path, ids: set[str]) -> tuple[Tie, ...]:
    ties = []
    for number, row in read_rows(path, TIE_COLUMNS):
        require_fields(path, number, row, "a_id", "b_id", "origin", "evidence")
        for side in ("a_id", "b_id"):
            if row[side] not in ids:
                raise row_error(
                    path, number, side, f"unknown locality id {row[side]!r}"
                )
        if row["evidence"] not in TIE_EVIDENCE:
            raise row_error(
                path,
                number,
                "evidence",
                f"evidence must be one of {list(TIE_EVIDENCE)}; "
                f"got {row['evidence']!r}",
            )
        ties.append(
            Tie(
                a_id=row["a_id"],
                b_id=row["b_id"],
                origin=row["origin"],
                evidence=row["evidence"],
                year=parse_field(path, number, row, "year", opt_int),
                kind=row["kind"],
                source_detail=row["source_detail"],
            )
        )
    return tuple(ties)


def load_catalog(data_dir: Path) -> Catalog:
    """Load and validate the committed catalog under ``data_dir``."""
    data_dir = Path(data_dir)
    folder = catalog_dir(data_dir)
    taxonomy = load_taxonomy(data_dir / TAXONOMY)
    localities = _load_localities(folder / "localities.csv.gz")
    ids = {loc.id for loc in localities}
    manifest_path = folder / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    return Catalog(
        localities=localities,
        names=_load_names(folder / "names.csv.gz", ids),
        profiles=_load_profiles(folder / "profiles.csv.gz", ids, taxonomy),
        ties=_load_ties(folder / "ties.csv.gz", ids),
        taxonomy=taxonomy,
        manifest=manifest,
        texts=_load_texts(folder / "texts.csv.gz", ids),
        cooperation=load_cooperation(folder / COOPERATION_FILE, ids, taxonomy),
    )
