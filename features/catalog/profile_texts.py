"""Quoted profile texts of localities (``texts.csv.gz``): description, source, date."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from features.catalog.csvfiles import read_rows, require_fields, row_error

__all__ = ["ProfileText", "TEXT_COLUMNS", "TEXTS_FILE", "load_texts"]

TEXTS_FILE = "texts.csv.gz"
TEXT_COLUMNS = ("locality_id", "text", "source", "source_date", "licence")


@dataclass(frozen=True)
class ProfileText:
    """A quoted description of a locality (economy, strengths), with its source."""

    locality_id: str
    text: str
    source: str
    source_date: str | None
    licence: str


def load_texts(path: Path, ids: set[str]) -> tuple[ProfileText, ...]:
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
