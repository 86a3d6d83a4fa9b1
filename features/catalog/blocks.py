"""The profile blocks of the feature set: derived from the catalog, or read as built.

Strengths, needs, the coastal column and each locality's profile-text hash come
from 42,000 profile rows and 5,000 quoted texts. The build writes them beside the
catalog (one ``.npy`` of cells and a JSON header naming the files they came from),
so that a start reads them in milliseconds; a missing or stale set is derived again
with the same code, so the answers do not depend on which path ran.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from features.digests import text_sha256

if TYPE_CHECKING:
    from features.catalog.loading import Catalog, Locality

__all__ = [
    "BLOCK_FILES",
    "FeatureBlocks",
    "MEASURED_SECTORS",
    "SCOPE_WEIGHT",
    "block_files",
    "compute_blocks",
    "load_blocks",
    "profile_text",
    "text_key",
]

# Sectors an indicator measures worldwide: absence of evidence is a measured zero.
MEASURED_SECTORS = (
    "heritage_tourism",
    "nature_tourism",
    "renewable_energy",
    "ports_logistics",
    "higher_education",
)
# A country's value copied onto a unit says less about it than a measured one.
SCOPE_WEIGHT = {"locality": 1.0, "country": 0.5}
_TEXT_SOURCES = ("UNESCO World Heritage",)
MAX_TEXT_CHARS = 2000

FORMAT = 1
META_FILE = "feature_blocks.json"
CELLS_FILE = "feature_blocks.npy"
BLOCK_FILES = (META_FILE, CELLS_FILE)
# The catalog files the blocks are derived from (with the taxonomy's sector order).
SOURCE_FILES = ("localities.csv.gz", "profiles.csv.gz", "texts.csv.gz")
_STRENGTH, _NEED, _COASTAL = 0, 1, 2


def profile_text(catalog: Catalog, locality_id: str) -> str | None:
    """The locality's text to embed: its name and its textual evidence.

    Only declared statements, quoted profile texts (``catalog.texts_of``) and
    heritage descriptions count as text; a locality without them has no profile
    text (``None``), not a made-up one.
    """
    loc = catalog.get(locality_id)
    parts = [
        e.evidence
        for e in catalog.profile(locality_id)
        if e.method.startswith("declared") or any(s in e.source for s in _TEXT_SOURCES)
    ]
    # Quoted descriptions of the place's economy come first: the text is cut at
    # MAX_TEXT_CHARS and they say more about fit than a list of heritage sites.
    described = sorted({t.text for t in catalog.texts_of(locality_id)})
    if not parts and not described:
        return None
    text = f"{loc.name} ({loc.country}). " + " ".join([*described, *sorted(set(parts))])
    return text[:MAX_TEXT_CHARS]


def text_key(text: str) -> str:
    """The key of a profile text in the stored text vectors."""
    return text_sha256(text)[:24]


@dataclass(frozen=True)
class FeatureBlocks:
    """The feature set's blocks that come from profiles and texts.

    ``strengths``/``needs``: (n, n_sectors), NaN where unknown; ``coastal``: (n,);
    ``text_keys``: row → :func:`text_key` of the row's profile text (rows with one).
    """

    strengths: np.ndarray
    needs: np.ndarray
    coastal: np.ndarray
    text_keys: dict[int, str]


def _base(locs: tuple[Locality, ...], sectors: tuple[str, ...]) -> FeatureBlocks:
    """The blocks before any profile: unknown, measured sectors 0 where located."""
    n = len(locs)
    col = {s: j for j, s in enumerate(sectors)}
    strengths = np.full((n, len(sectors)), np.nan)
    needs = np.full((n, len(sectors)), np.nan)
    measured = [col[s] for s in MEASURED_SECTORS if s in col]
    has_coords = np.array([loc.lat is not None for loc in locs])
    strengths[np.ix_(has_coords, measured)] = 0.0
    coastal = np.full(n, np.nan)
    coastal[has_coords] = 0.0
    return FeatureBlocks(strengths, needs, coastal, {})


def compute_blocks(catalog: Catalog) -> FeatureBlocks:
    """Derive the blocks from the catalog's profiles and texts."""
    locs = catalog.localities
    sectors = tuple(catalog.taxonomy.ids)
    col = {s: j for j, s in enumerate(sectors)}
    base = _base(locs, sectors)
    strengths, needs, coastal = base.strengths, base.needs, base.coastal
    row = {loc.id: i for i, loc in enumerate(locs)}
    for entry in catalog.profiles:
        target = strengths if entry.role == "strength" else needs
        i, j = row[entry.locality_id], col[entry.sector]
        current = target[i, j]
        value = entry.value * SCOPE_WEIGHT[entry.scope]
        target[i, j] = value if np.isnan(current) else max(current, value)
    port_evidence = {
        e.locality_id
        for e in catalog.profiles
        if e.sector == "ports_logistics" and "seaport" in e.evidence
    }
    for lid in port_evidence:
        coastal[row[lid]] = 1.0
    keys = {}
    for i, loc in enumerate(locs):
        text = profile_text(catalog, loc.id)
        if text:
            keys[i] = text_key(text)
    return FeatureBlocks(strengths, needs, coastal, keys)


def _cells(blocks: FeatureBlocks, base: FeatureBlocks) -> np.ndarray:
    """(m, 4) float64 rows ``[block, row, column, value]`` where blocks differ."""
    parts = []
    for code, new, old in (
        (_STRENGTH, blocks.strengths, base.strengths),
        (_NEED, blocks.needs, base.needs),
        (_COASTAL, blocks.coastal[:, None], base.coastal[:, None]),
    ):
        changed = ~((new == old) | (np.isnan(new) & np.isnan(old)))
        rows, cols = np.nonzero(changed)
        parts.append(
            np.column_stack([np.full(len(rows), code), rows, cols, new[rows, cols]])
        )
    return np.concatenate(parts).astype(np.float64)


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def block_files(catalog: Catalog, sources: dict[str, bytes]) -> dict[str, bytes]:
    """The block files of ``catalog``, whose catalog files are ``sources`` (bytes)."""
    sectors = tuple(catalog.taxonomy.ids)
    blocks = compute_blocks(catalog)
    meta = {
        "format": FORMAT,
        "sources": {f: hashlib.sha256(sources[f]).hexdigest() for f in SOURCE_FILES},
        "sectors": list(sectors),
        "rows": len(catalog.localities),
        "text_keys": sorted([r, k] for r, k in blocks.text_keys.items()),
    }
    return {
        META_FILE: (json.dumps(meta, indent=1, sort_keys=True) + "\n").encode(),
        CELLS_FILE: _npy_bytes(_cells(blocks, _base(catalog.localities, sectors))),
    }


def load_blocks(
    folder: Path, locs: tuple[Locality, ...], sectors: tuple[str, ...]
) -> FeatureBlocks | None:
    """The blocks the build wrote in ``folder``; None if missing, stale or unreadable.

    Stale: a source file hashes otherwise, or the sectors or row count differ.
    """
    folder = Path(folder)
    try:
        meta = json.loads((folder / META_FILE).read_text())
        hashes = {
            f: hashlib.sha256((folder / f).read_bytes()).hexdigest()
            for f in SOURCE_FILES
        }
        if (
            meta.get("format") != FORMAT
            or meta["sources"] != hashes
            or meta["sectors"] != list(sectors)
            or meta["rows"] != len(locs)
        ):
            return None
        cells = np.load(folder / CELLS_FILE, allow_pickle=False)
        if cells.ndim != 2 or cells.shape[1] != 4:
            return None
        blocks = _base(locs, sectors)
        code, rows, cols = (cells[:, c].astype(np.int64) for c in range(3))
        for target, which in (
            (blocks.strengths, _STRENGTH),
            (blocks.needs, _NEED),
            (blocks.coastal[:, None], _COASTAL),
        ):
            chosen = code == which
            target[rows[chosen], cols[chosen]] = cells[chosen, 3]
        keys = {int(r): str(k) for r, k in meta["text_keys"]}
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None
    return FeatureBlocks(blocks.strengths, blocks.needs, blocks.coastal, keys)
