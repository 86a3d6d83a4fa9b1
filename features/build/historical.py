"""Vietnamese provinces of 1976–2008 that were later split or merged, as names.

Old agreements name provinces such as Nghệ Tĩnh or Hà Bắc. The curated, cited table
``data/vietnam/historical_provinces.csv`` lists each one with its pre-2025
successors (among the 63 provinces); the 2025 successors follow from the 63 → 34
lineage and must equal the ones written in the table. A name marked ``added_as_name``
becomes a name of kind ``historical_name`` of every 2025 successor, so a province
split among several units resolves to all of them. Names equal to a current or
pre-2025 province ("Đồng Nai", "Hậu Giang") are listed for the record but not added.
"""

from __future__ import annotations

import csv
from pathlib import Path

from features.errors import CatalogError
from features.names.folding import compact_key, nfc

__all__ = ["HISTORICAL_FILE", "historical_names"]

HISTORICAL_FILE = "vietnam/historical_provinces.csv"
_COLUMNS = (
    "name",
    "name_unaccented",
    "years_attested",
    "pre2025_successors",
    "successors_2025",
    "added_as_name",
    "note",
    "source_urls",
    "retrieved",
)


def _split(text: str) -> list[str]:
    return [nfc(part.strip()) for part in text.split(";") if part.strip()]


def historical_names(
    path: Path, mergers: list[dict], units: dict[str, str]
) -> list[tuple[str, str, str, str]]:
    """Names of kind ``historical_name`` from the table at ``path``.

    Args:
        path: The curated table.
        mergers: Rows of the 63 → 34 lineage (``old_name``, ``new_name``).
        units: Folded name of each of the 34 units → its catalog id.

    Returns:
        ``(locality_id, name, "historical_name", source)`` tuples.
    """
    if not path.is_file():
        raise CatalogError("the curated table is missing", file=str(path))
    new_of = {compact_key(r["old_name"]): nfc(r["new_name"]) for r in mergers}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CatalogError(f"missing columns {missing}", file=str(path))
        rows = list(reader)
    names = []
    for number, row in enumerate(rows, start=2):
        for column in ("name", "pre2025_successors", "successors_2025", "source_urls"):
            if not row[column].strip():
                raise CatalogError(
                    "a value is required", file=str(path), row=number, field=column
                )
        derived = set()
        for old in _split(row["pre2025_successors"]):
            if compact_key(old) not in new_of:
                raise CatalogError(
                    f"{old!r} is not one of the 63 pre-2025 provinces",
                    file=str(path),
                    row=number,
                    field="pre2025_successors",
                )
            derived.add(new_of[compact_key(old)])
        written = set(_split(row["successors_2025"]))
        if {compact_key(n) for n in written} != {compact_key(n) for n in derived}:
            raise CatalogError(
                f"2025 successors {sorted(written)} differ from the lineage's "
                f"{sorted(derived)}",
                file=str(path),
                row=number,
                field="successors_2025",
            )
        if row["added_as_name"].strip() not in ("yes", "no"):
            raise CatalogError(
                f"must be 'yes' or 'no'; got {row['added_as_name']!r}",
                file=str(path),
                row=number,
                field="added_as_name",
            )
        if row["added_as_name"].strip() != "yes":
            continue
        years = row["years_attested"].strip() or "years unknown"
        source = (
            f"data/{HISTORICAL_FILE} row {number} (province {years}; "
            f"{row['source_urls'].split()[0]}, retrieved {row['retrieved']})"
        )
        for successor in sorted(derived):
            lid = units[compact_key(successor)]
            names.append((lid, nfc(row["name"].strip()), "historical_name", source))
    return names
