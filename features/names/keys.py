"""The resolver's name keys: computed once by the build, memory-mapped at each start.

Folding and sound-keying 300,000 names in Python takes seconds, so the build writes
the keys beside ``names.csv.gz``, grouped by key (each key's name rows in ascending
order), as two ``.npy`` arrays and a JSON header naming the catalog files they were
made from. A start maps them in milliseconds; a missing or stale set is recomputed
with the same code, so the answers do not depend on which path ran.
"""

from __future__ import annotations

import hashlib
import io
import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from features.names.folding import compact_key, fold, phonetic_key, strip_affixes

__all__ = [
    "DISPLAY_KINDS",
    "KEY_FILES",
    "NameKeys",
    "Postings",
    "compute_name_keys",
    "load_name_keys",
    "name_key_files",
    "source_hashes",
]

FORMAT = 1
META_FILE = "name_keys.json"
TEXT_FILE = "name_keys_text.npy"
INT_FILE = "name_keys_int.npy"
KEY_FILES = (META_FILE, TEXT_FILE, INT_FILE)
# The catalog files the keys describe; the loader trusts the keys (and may read the
# rest of the catalog lazily) only while every one hashes as when the keys were made.
SOURCE_FILES = ("localities.csv.gz", "names.csv.gz", "profiles.csv.gz", "ties.csv.gz")
# Name kinds offered as "did you mean" suggestions.
DISPLAY_KINDS = (
    "primary",
    "english",
    "iso",
    "old_name",
    "historical_name",
    "vi_exonym",
)
_SEP = "\x1f"  # ASCII unit separator: never part of a place name or a key
_TEXT_SECTIONS = (
    "exact_keys",
    "phonetic_keys",
    "display_keys",
    "names",
    "kinds",
    "locality_ids",
)
_INT_SECTIONS = (
    "exact_offsets",
    "exact_rows",
    "phonetic_offsets",
    "phonetic_rows",
    "display_rows",
    "name_kind",
    "name_locality",
)


class Postings:
    """The name rows of each key, ascending; ``keys`` in Python's sorted order."""

    def __init__(self, keys: list[str], offsets: np.ndarray, rows: np.ndarray) -> None:
        self.keys = keys
        self._offsets = offsets
        self._rows = rows

    def _position(self, key: str) -> int | None:
        position = bisect_left(self.keys, key)
        if position < len(self.keys) and self.keys[position] == key:
            return position
        return None

    @classmethod
    def from_lists(cls, groups: dict[str, list[int]]) -> Postings:
        keys = sorted(groups)
        sizes = [len(groups[k]) for k in keys]
        offsets = np.zeros(len(keys) + 1, dtype=np.int32)
        np.cumsum(sizes, out=offsets[1:])
        rows = np.fromiter(
            (i for k in keys for i in groups[k]), dtype=np.int32, count=offsets[-1]
        )
        return cls(keys, offsets, rows)

    def get(self, key: str, default: Sequence[int] = ()) -> Sequence[int]:
        """The rows of ``key``, or ``default`` for an unknown key."""
        position = self._position(key)
        if position is None:
            return default
        start, end = self._offsets[position], self._offsets[position + 1]
        return self._rows[start:end].tolist()

    def __getitem__(self, key: str) -> list[int]:
        if self._position(key) is None:
            raise KeyError(key)
        return self.get(key)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._position(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)

    def __len__(self) -> int:
        return len(self.keys)

    def as_dict(self) -> dict[str, list[int]]:
        """Every key with its rows (for tests and comparisons)."""
        return {key: self.get(key) for key in self.keys}


@dataclass(frozen=True)
class NameKeys:
    """Everything the resolver indexes about the catalog's names, by name row.

    ``exact`` maps compact folded keys (with and without type words), ``phonetic``
    sound keys of at least three letters, ``display`` the compact key of a
    suggestible name to its first row. ``names``, ``kinds``/``name_kind`` and
    ``locality_ids``/``name_locality`` give each row's name, kind and locality.
    """

    exact: Postings
    phonetic: Postings
    display_keys: list[str]
    display_rows: np.ndarray
    names: list[str]
    kinds: list[str]
    name_kind: np.ndarray
    locality_ids: list[str]
    name_locality: np.ndarray

    def row(self, i: int) -> tuple[str, str, str]:
        """(locality id, name, kind) of name row ``i``."""
        return (
            self.locality_ids[self.name_locality[i]],
            self.names[i],
            self.kinds[self.name_kind[i]],
        )


def compute_name_keys(names: Iterable) -> NameKeys:
    """Fold and sound-key every name (items with locality_id, name and kind)."""
    exact: dict[str, list[int]] = defaultdict(list)
    phonetic: dict[str, list[int]] = defaultdict(list)
    display: dict[str, int] = {}
    texts: list[str] = []
    kinds: dict[str, int] = {}
    localities: dict[str, int] = {}
    name_kind: list[int] = []
    name_locality: list[int] = []
    for i, pn in enumerate(names):
        folded = fold(pn.name)
        core = strip_affixes(folded)[0]
        for key in {folded.replace(" ", ""), core.replace(" ", "")}:
            if key:
                exact[key].append(i)
        pkey = phonetic_key(core)
        if len(pkey) >= 3:
            phonetic[pkey].append(i)
        if pn.kind.split(":")[0] in DISPLAY_KINDS:
            display.setdefault(compact_key(pn.name), i)
        texts.append(pn.name)
        name_kind.append(kinds.setdefault(pn.kind, len(kinds)))
        name_locality.append(localities.setdefault(pn.locality_id, len(localities)))
    display_keys = sorted(display)
    return NameKeys(
        exact=Postings.from_lists(exact),
        phonetic=Postings.from_lists(phonetic),
        display_keys=display_keys,
        display_rows=np.array([display[k] for k in display_keys], dtype=np.int32),
        names=texts,
        kinds=list(kinds),
        name_kind=np.array(name_kind, dtype=np.int32),
        locality_ids=list(localities),
        name_locality=np.array(name_locality, dtype=np.int32),
    )


def _npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    return buffer.getvalue()


def name_key_files(keys: NameKeys, sources: dict[str, bytes]) -> dict[str, bytes]:
    """The key files for a catalog folder; ``sources`` are the catalog files' bytes."""
    text = {
        "exact_keys": keys.exact.keys,
        "phonetic_keys": keys.phonetic.keys,
        "display_keys": keys.display_keys,
        "names": keys.names,
        "kinds": keys.kinds,
        "locality_ids": keys.locality_ids,
    }
    ints = {
        "exact_offsets": keys.exact._offsets,
        "exact_rows": keys.exact._rows,
        "phonetic_offsets": keys.phonetic._offsets,
        "phonetic_rows": keys.phonetic._rows,
        "display_rows": keys.display_rows,
        "name_kind": keys.name_kind,
        "name_locality": keys.name_locality,
    }
    strings = [s for name in _TEXT_SECTIONS for s in text[name]]
    if any(_SEP in s for s in strings):
        raise ValueError("a name contains the key files' separator U+001F")
    blob = _SEP.join(strings).encode("utf-8")
    meta = {
        "format": FORMAT,
        "sources": {f: hashlib.sha256(sources[f]).hexdigest() for f in SOURCE_FILES},
        "text_sections": {name: len(text[name]) for name in _TEXT_SECTIONS},
        "int_sections": {name: len(ints[name]) for name in _INT_SECTIONS},
    }
    return {
        META_FILE: (json.dumps(meta, indent=2, sort_keys=True) + "\n").encode(),
        TEXT_FILE: _npy_bytes(np.frombuffer(blob, dtype=np.uint8)),
        INT_FILE: _npy_bytes(
            np.concatenate([np.asarray(ints[n], dtype=np.int32) for n in _INT_SECTIONS])
        ),
    }


def source_hashes(folder: Path) -> dict[str, str] | None:
    """SHA-256 of the catalog files the keys describe; None when one is missing."""
    hashes = {}
    for name in SOURCE_FILES:
        path = Path(folder) / name
        if not path.exists():
            return None
        hashes[name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


def load_name_keys(folder: Path, hashes: dict[str, str] | None) -> NameKeys | None:
    """The keys written beside the catalog, memory-mapped; None if missing or stale.

    ``hashes`` (from :func:`source_hashes`) must equal the ones the keys were made
    from; any unreadable or inconsistent key file also gives None (recompute).
    """
    folder = Path(folder)
    try:
        meta = json.loads((folder / META_FILE).read_text())
        if meta.get("format") != FORMAT or not hashes or meta["sources"] != hashes:
            return None
        blob = np.load(folder / TEXT_FILE, mmap_mode="r", allow_pickle=False)
        ints = np.load(folder / INT_FILE, mmap_mode="r", allow_pickle=False)
        strings = bytes(blob).decode("utf-8").split(_SEP) if blob.size else []
        counts = meta["text_sections"]
        if len(strings) != sum(counts.values()) or ints.ndim != 1:
            return None
        text, start = {}, 0
        for name in _TEXT_SECTIONS:
            text[name] = strings[start : start + counts[name]]
            start += counts[name]
        sections, start = {}, 0
        for name in _INT_SECTIONS:
            size = meta["int_sections"][name]
            sections[name] = ints[start : start + size]
            start += size
        if start != ints.size:
            return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return NameKeys(
        exact=Postings(
            text["exact_keys"], sections["exact_offsets"], sections["exact_rows"]
        ),
        phonetic=Postings(
            text["phonetic_keys"],
            sections["phonetic_offsets"],
            sections["phonetic_rows"],
        ),
        display_keys=text["display_keys"],
        display_rows=sections["display_rows"],
        names=text["names"],
        kinds=text["kinds"],
        name_kind=sections["name_kind"],
        locality_ids=text["locality_ids"],
        name_locality=sections["name_locality"],
    )
