"""Known ties between catalog localities: the record, its columns and its reader.

Part of the catalog (:mod:`features.catalog.loading` re-exports these names).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from features.catalog.csvfiles import (
    check_choice,
    opt_int,
    parse_field,
    read_rows,
    require_fields,
    row_error,
)

__all__ = ["TIE_COLUMNS", "TIE_EVIDENCE", "Tie"]

TIE_EVIDENCE = (
    "twinning/sister (explicit)",
    "formal agreement/MoU",
    "cooperation/relations (no signed agreement text seen)",
    "terminated",
    "listed twin (global network)",
)

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
class Tie:
    """A known partnership between two catalog localities."""

    a_id: str
    b_id: str
    origin: str
    evidence: str
    year: int | None
    kind: str
    source_detail: str


def _load_ties(path: Path, ids: set[str]) -> tuple[Tie, ...]:
    ties = []
    for number, row in read_rows(path, TIE_COLUMNS):
        require_fields(path, number, row, "a_id", "b_id", "origin", "evidence")
        for side in ("a_id", "b_id"):
            if row[side] not in ids:
                raise row_error(
                    path, number, side, f"unknown locality id {row[side]!r}"
                )
        check_choice(path, number, "evidence", row["evidence"], TIE_EVIDENCE)
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
