"""The localities ready to load: columns the build writes beside ``localities.csv.gz``.

Every command starts by reading 46,000 localities; parsing the CSV file row by row
took a third of ``resolve``. The build writes the same rows as columns (the text
columns in one UTF-8 blob, the numbers as arrays) with a JSON header naming the
CSV file's hash; a start makes the records column-wise. A missing, stale or broken
table gives None, and the loader reads the CSV file instead (the same records).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import numpy as np

__all__ = ["TABLE_FILES", "locality_table_files", "read_locality_table"]

FORMAT = 1
META_FILE = "localities_table.json"
TEXT_FILE = "localities_text.npy"
NUMBER_FILE = "localities_numbers.npy"
TABLE_FILES = (META_FILE, TEXT_FILE, NUMBER_FILE)
SOURCE_FILE = "localities.csv.gz"
# text columns as the record has them, except: name_en "" (the name), and None
# written as "" (parent_id, the sources of numbers, region); sources "|"-joined
_TEXT = (
    *("id", "name", "name_en", "country", "level", "type", "parent_id"),
    *("coord_source", "population_source", "area_source", "region", "sources"),
)
_NUMBERS = ("lat", "lon", "population", "area_km2")  # float64, NaN for None
_SEP = "\x1f"


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def locality_table_files(localities, sources: dict[str, bytes]) -> dict[str, bytes]:
    """The table files of ``localities`` (records read from ``sources``' CSV file)."""
    text = []
    for column in _TEXT:
        for loc in localities:
            value = getattr(loc, column)
            if column == "sources":
                value = "|".join(value)
            elif column == "name_en" and value == loc.name:
                value = ""
            text.append(value or "")
    if any(_SEP in value for value in text):
        raise ValueError("a locality field contains the separator U+001F")
    numbers = np.array(
        [[getattr(loc, c) for c in _NUMBERS] for loc in localities], dtype=np.float64
    ).reshape(-1, len(_NUMBERS))
    population = numbers[:, _NUMBERS.index("population")]
    if np.any(population[~np.isnan(population)] >= 2**53):
        raise ValueError("a population is too large to be held exactly")
    meta = {
        "format": FORMAT,
        "source": hashlib.sha256(sources[SOURCE_FILE]).hexdigest(),
        "rows": len(localities),
        "text_columns": list(_TEXT),
        "number_columns": list(_NUMBERS),
    }
    blob = _SEP.join(text).encode("utf-8")
    return {
        META_FILE: (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode(),
        TEXT_FILE: _npy_bytes(np.frombuffer(blob, dtype=np.uint8)),
        NUMBER_FILE: _npy_bytes(np.where(np.isnan(numbers), np.nan, numbers)),
    }


def _optional(values: list[float]) -> list[float | None]:
    return [None if v != v else v for v in values]


def read_locality_table(
    folder: Path, source_hash: str | None, make: Callable
) -> tuple | None:
    """The records (``make(*fields)``) from the table in ``folder``; None when the
    table is missing, unreadable or not made from the CSV file of ``source_hash``."""
    folder = Path(folder)
    try:
        meta = json.loads((folder / META_FILE).read_text())
        if (
            meta.get("format") != FORMAT
            or source_hash is None
            or meta["source"] != source_hash
            or meta["text_columns"] != list(_TEXT)
            or meta["number_columns"] != list(_NUMBERS)
        ):
            return None
        n = meta["rows"]
        blob = np.load(folder / TEXT_FILE, allow_pickle=False)
        numbers = np.load(folder / NUMBER_FILE, allow_pickle=False)
        text = blob.tobytes().decode("utf-8").split(_SEP) if n else []
        if len(text) != n * len(_TEXT) or numbers.shape != (n, len(_NUMBERS)):
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    col = {c: text[i * n : (i + 1) * n] for i, c in enumerate(_TEXT)}
    lat, lon, population, area = (_optional(numbers[:, j].tolist()) for j in range(4))
    none_if_empty = {
        c: [v or None for v in col[c]]
        for c in ("parent_id", "coord_source", "population_source", "area_source")
    }
    # few distinct source lists: each split once, the tuple shared (immutable)
    sources = {s: tuple(map(str.strip, s.split("|"))) for s in set(col["sources"])}
    return tuple(
        map(
            make,
            col["id"],
            col["name"],
            [e or name for e, name in zip(col["name_en"], col["name"], strict=True)],
            col["country"],
            col["level"],
            col["type"],
            none_if_empty["parent_id"],
            lat,
            lon,
            none_if_empty["coord_source"],
            [None if p is None else int(p) for p in population],
            none_if_empty["population_source"],
            area,
            none_if_empty["area_source"],
            [v or None for v in col["region"]],
            [sources[s] for s in col["sources"]],
        )
    )
