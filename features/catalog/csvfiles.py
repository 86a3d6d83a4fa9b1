"""Reading the catalog's CSV files row by row; every error names file, row, field."""

from __future__ import annotations

import csv
import gzip
import io
import math
from collections.abc import Callable, Iterator
from pathlib import Path

from features.errors import CatalogError

__all__ = [
    "row_error",
    "opt_float",
    "opt_int",
    "open_text",
    "read_rows",
    "parse_field",
    "require_fields",
    "check_sourced",
    "check_choice",
]


def row_error(path: Path, number: int, field: str, message: str) -> CatalogError:
    """An error naming the file, the row and the field."""
    return CatalogError(message, file=path.name, row=number, field=field)


def opt_float(text: str) -> float | None:
    if text == "":
        return None
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a finite number")
    return value


def opt_int(text: str) -> int | None:
    return None if text == "" else int(text)


def open_text(path: Path) -> io.TextIOBase:
    if path.suffix == ".gz":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open(encoding="utf-8", newline="")


def read_rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict]]:
    """Yield (row number, row) from a CSV, checking its header first."""
    if not path.exists():
        raise CatalogError(
            "the file is missing; run `partner-match build`", file=str(path)
        )
    with open_text(path) as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise CatalogError(
                f"the header lacks the columns {missing}", file=path.name, row=1
            )
        for number, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise CatalogError(
                    f"the row has {len(row) - (None in row)} fields; expected "
                    f"{len(reader.fieldnames)}",
                    file=path.name,
                    row=number,
                )
            yield number, row


def parse_field(
    path: Path, number: int, row: dict, name: str, parser: Callable[[str], object]
) -> object:
    try:
        return parser(row[name])
    except (ValueError, TypeError) as exc:
        raise CatalogError(
            f"cannot read {row[name]!r}: {exc}", file=path.name, row=number, field=name
        ) from None


def require_fields(path: Path, number: int, row: dict, *names: str) -> None:
    for name in names:
        if not row[name].strip():
            raise CatalogError(
                "a value is required", file=path.name, row=number, field=name
            )


def check_sourced(path: Path, number: int, row: dict, value: str, source: str) -> None:
    if row[value] and not row[source].strip():
        raise row_error(path, number, source, f"{value} has a value but no source")


def check_choice(path: Path, number: int, field: str, value: str, options) -> None:
    """A value that must be one of ``options``, named with the row when it is not."""
    if value not in options:
        raise row_error(
            path,
            number,
            field,
            f"{field} must be one of {list(options)}; got {value!r}",
        )
