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

__all__ = ["Deferred", "read_records", "read_rows", "read_table"]


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


def read_records(
    path: Path, make: Callable, convert: Mapping[str, Callable] | None = None
) -> tuple:
    """``make(**row)`` for each row, after ``convert[column](value)`` where given."""
    records = []
    for row in read_rows(path):
        for column, function in (convert or {}).items():
            row[column] = function(row[column])
        records.append(make(**row))
    return tuple(records)


class Deferred(Sequence):
    """A tuple read from its file on first use (a file the build wrote and hashed)."""

    def __init__(self, load: Callable[[], tuple]) -> None:
        self._load: Callable[[], tuple] | None = load
        self._items: tuple = ()
        self._lock = threading.Lock()

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
