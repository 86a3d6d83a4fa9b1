"""Reading catalog files the build validated and hashed: fast, and only when needed.

While the files hash as the build wrote them (see :mod:`features.names.keys`), the
loader reads them without re-checking each row, and names, profiles and ties only
on first use.
"""

from __future__ import annotations

import csv
import gzip
import io
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from features.catalog.csvfiles import opt_float, opt_int

__all__ = [
    "Deferred",
    "RowsByKey",
    "read_localities",
    "read_records",
    "read_rows",
    "read_table",
]


# the order of Locality's fields (``LOCALITY_COLUMNS``; a test checks they agree)
_LOCALITY_COLUMNS = (
    *("id", "name", "name_en", "country", "level", "type", "parent_id", "lat"),
    *("lon", "coord_source", "population", "population_source", "area_km2"),
    *("area_source", "region", "sources"),
)


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a gzipped CSV file as dicts (no checks: see the module note)."""
    with io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        for values in reader:
            yield dict(zip(header, values, strict=True))


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """(header, rows as lists of strings) of a gzipped CSV file (no checks)."""
    with io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


def read_localities(path: Path, make: Callable) -> tuple:
    """``features.catalog.loading.Locality`` records as ``_load_localities`` makes
    them, column by position: every command reads these 46,000 rows at its start,
    and a dict per row cost it a quarter of a second."""
    header, rows = read_table(path)
    at = [header.index(c) for c in _LOCALITY_COLUMNS]
    localities = []
    for row in rows:
        v = [row[i] for i in at]
        localities.append(
            make(
                *(v[0], v[1], v[2] or v[1], v[3], v[4], v[5], v[6] or None),
                *(opt_float(v[7]), opt_float(v[8]), v[9] or None),
                *(opt_int(v[10]), v[11] or None, opt_float(v[12]), v[13] or None),
                v[14] or None,
                tuple(map(str.strip, v[15].split("|"))),
            )
        )
    return tuple(localities)


def read_records(
    path: Path, make: Callable, convert: Mapping[str, Callable] | None = None
) -> tuple:
    """``make(**row)`` for each row, after ``convert[column](value)`` where given.

    Rows go in by position when the header is ``make``'s fields in order (what
    the build writes): no dict per row, a third of the time of 42,000 profiles.
    """
    header, rows = read_table(path)
    changes = [(header.index(c), f) for c, f in (convert or {}).items()]
    for row in rows:
        for at, function in changes:
            row[at] = function(row[at])
    fields = getattr(make, "__dataclass_fields__", None)
    if fields is not None and list(fields)[: len(header)] == header:
        return tuple(make(*row) for row in rows)
    return tuple(make(**dict(zip(header, row, strict=True))) for row in rows)


class RowsByKey:
    """The records of one first-column value, parsed on demand from a built file.

    For a start that explains ten candidates: their profile rows, not all 42,000.
    Lines are indexed by their first field (no csv parsing); a file whose lines are
    not one row each (a quoted field) gives None, and the caller reads everything.
    """

    def __init__(self, path: Path, make: Callable, convert: Mapping[str, Callable]):
        self.path, self.make, self.convert = path, make, convert
        self._lines: list[bytes] | None = None
        self._at: dict[bytes, list[int]] | None = None
        self._parsed: dict[str, tuple] = {}  # a locality's records, made once
        self._lock = threading.Lock()

    def _index(self) -> bool:
        with self._lock:
            if self._lines is None:
                lines = gzip.decompress(Path(self.path).read_bytes()).split(b"\n")
                at: dict[bytes, list[int]] = {}
                # an odd number of quotes: a quoted field spans lines; a quoted key
                if all(
                    line.count(b'"') % 2 == 0 and not line.startswith(b'"')
                    for line in lines
                ):
                    for i, line in enumerate(lines[1:], 1):
                        if line:
                            at.setdefault(line[: line.find(b",")], []).append(i)
                self._lines, self._at = lines, at if at or len(lines) <= 2 else None
        return self._at is not None

    def get(self, key: str) -> tuple | None:
        """The records whose first field is ``key`` (in file order); None: unknown."""
        if not self._index():
            return None
        found = self._parsed.get(key)
        if found is not None:
            return found
        rows = [
            self._lines[0],
            *(self._lines[i] for i in self._at.get(key.encode(), ())),
        ]
        reader = csv.reader(io.StringIO(b"\n".join(rows).decode("utf-8")))
        header = next(reader)
        changes = [(header.index(c), f) for c, f in self.convert.items()]
        records = []
        for row in reader:
            for at, function in changes:
                row[at] = function(row[at])
            records.append(self.make(**dict(zip(header, row, strict=True))))
        self._parsed[key] = tuple(records)
        return self._parsed[key]


class Deferred(Sequence):
    """A tuple read from its file on first use (a file the build wrote and hashed)."""

    def __init__(self, load: Callable[[], tuple]) -> None:
        self._load: Callable[[], tuple] | None = load
        self._items: tuple = ()
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        """Whether the records have been read."""
        return self._load is None

    def _get(self) -> tuple:
        if self._load is not None:
            with self._lock:
                if self._load is not None:
                    self._items = self._load()
                    self._load = None
        return self._items

    def __getitem__(self, index):
        return self._get()[index]

    def __len__(self) -> int:
        return len(self._get())

    def __iter__(self):
        return iter(self._get())

    def __eq__(self, other: object) -> bool:
        return self._get() == (other._get() if isinstance(other, Deferred) else other)

    def __hash__(self) -> int:
        return hash(self._get())

    def __repr__(self) -> str:
        return repr(self._get())
