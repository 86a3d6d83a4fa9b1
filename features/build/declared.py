"""Declared strengths and needs of the 34 Vietnamese units (``data/declared/``):
verbatim quotes with their source, checked row by row."""

from __future__ import annotations

import csv
from pathlib import Path

from features.errors import CatalogError

__all__ = ["DECLARED_FILE", "declared_rows", "check_values"]

DECLARED_FILE = "declared/vn_declared.csv"


def check_values(checks, row: dict, path: Path, number: int) -> None:
    """Raise CatalogError naming file, row and field for the first failed check
    ``(field, ok)`` of a curated table's row."""
    for field, ok in checks:
        if not ok:
            raise CatalogError(
                f"invalid value {row.get(field)!r}",
                file=str(path),
                row=number,
                field=field,
            )


def declared_rows(data_dir: Path, ids: set[str], sector_ids: set[str]) -> list[dict]:
    """Declared strengths and needs of Vietnamese units: quotes with their sources."""
    path = data_dir / DECLARED_FILE
    if not path.exists():
        return []
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            lid = f"vn:{row['gso_code'].zfill(2)}"
            check_values(
                (
                    ("gso_code", lid in ids),
                    ("sector", row["sector"] in sector_ids),
                    ("role", row["role"] in ("strength", "need")),
                    ("quote", bool(row["quote"].strip())),
                    ("source_url", bool(row["source_url"].strip())),
                ),
                row,
                path,
                number,
            )
            try:
                value = float(row["value"])
            except ValueError:
                raise CatalogError(
                    f"not a number: {row['value']!r}",
                    file=str(path),
                    row=number,
                    field="value",
                ) from None
            if not 0 <= value <= 1:
                raise CatalogError(
                    f"value must be in [0, 1]; got {value}",
                    file=str(path),
                    row=number,
                    field="value",
                )
            title = row.get("source_title", "").strip()
            rows.append(
                {
                    "locality_id": lid,
                    "sector": row["sector"],
                    "role": row["role"],
                    "value": f"{value:.4f}",
                    "method": "declared: quoted from a public source"
                    + (
                        f" on {row['pre2025_province']}"
                        if row.get("pre2025_province")
                        else ""
                    ),
                    "evidence": row["quote"].strip(),
                    "source": f"{title} <{row['source_url'].strip()}>"
                    if title
                    else row["source_url"].strip(),
                    "source_date": row.get("source_date", "").strip(),
                }
            )
    return rows
