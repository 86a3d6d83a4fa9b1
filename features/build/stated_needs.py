"""Needs that a cited page states about a foreign locality (``data/declared/``).

Every ``foreign_stated_needs*.csv`` table is read, one row per (locality, sector):
a problem or priority the page states about the place (ageing, labour shortage,
floods, unemployment …), mapped by hand to one sector. A bad row fails the build
with its file, row and field named, as the other curated tables do.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from features.build.declared import check_values
from features.errors import CatalogError

__all__ = ["STATED_GLOB", "STATED_METHOD", "stated_files", "stated_need_rows"]

STATED_GLOB = "declared/foreign_stated_needs*.csv"
STATED_METHOD = "stated: a need the cited page states about the locality"
MAX_STATEMENT = 200
COLUMNS = (
    "locality_id",
    "name",
    "country",
    "sector",
    "role",
    "value",
    "statement",
    "source_url",
    "source_title",
    "source_date",
    "found_via",
    "retrieved",
)
_URL = re.compile(r"^https?://\S+$")


def stated_files(data_dir: Path) -> list[Path]:
    """The stated-needs tables under ``data_dir``, in name order (none: empty)."""
    return sorted(Path(data_dir).glob(STATED_GLOB))


def _value(row: dict, path: Path, number: int) -> float:
    """The row's value, a number in (0, 1], or a ``CatalogError`` naming the row."""
    try:
        value = float(row["value"])
    except ValueError:
        raise CatalogError(
            f"not a number: {row['value']!r}", file=str(path), row=number, field="value"
        ) from None
    if not 0 < value <= 1:
        raise CatalogError(
            f"value must be in (0, 1]; got {value}",
            file=str(path),
            row=number,
            field="value",
        )
    return value


def _read(path: Path, ids: set[str], sector_ids: set[str]) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise CatalogError(f"missing columns {missing}", file=str(path))
        for number, row in enumerate(reader, start=2):
            lid = row["locality_id"].strip()
            statement = row["statement"].strip()
            check_values(
                (
                    ("locality_id", lid in ids and not lid.startswith("vn:")),
                    ("sector", row["sector"] in sector_ids),
                    ("role", row["role"] == "need"),
                    ("statement", 0 < len(statement) <= MAX_STATEMENT),
                    ("source_url", bool(_URL.match(row["source_url"].strip()))),
                ),
                row,
                path,
                number,
            )
            value = _value(row, path, number)
            title = row["source_title"].strip()
            url = row["source_url"].strip()
            rows.append(
                {
                    "locality_id": lid,
                    "sector": row["sector"],
                    "role": "need",
                    "value": f"{value:.4f}",
                    "method": STATED_METHOD,
                    "evidence": statement,
                    "source": f"{title} <{url}>" if title else url,
                    "source_date": row["source_date"].strip(),
                }
            )
    return rows


def stated_need_rows(data_dir: Path, ids: set[str], sector_ids: set[str]) -> list[dict]:
    """Profile rows (role ``need``) of every stated-needs table; [] when none exists.

    ``ids`` are the catalog's locality ids: an unknown or Vietnamese id, an
    unknown sector, a role other than ``need``, an empty or overlong statement, a
    missing URL or a value outside (0, 1] raises ``CatalogError`` naming the row.
    """
    rows = []
    for path in stated_files(data_dir):
        rows += _read(path, ids, sector_ids)
    return rows
