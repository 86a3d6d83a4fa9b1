"""One query's facet values held compactly, and the bounded cache of them.

Facet values do not depend on the weights, so a fitted matcher keeps them per
queried province (float32 with a known-mask) and ranks with one product.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

__all__ = ["FACET_CACHE_SIZE", "FacetTable", "FacetCache"]

# Enough for the 34 Vietnamese units and a few more (≈ 3 MB each on the catalog).
FACET_CACHE_SIZE = 40


def _pack_rows(mask: np.ndarray) -> np.ndarray:
    """Each row of a boolean matrix as little-endian bits, padded to whole bytes."""
    n, width = mask.shape
    if width % 8:
        mask = np.concatenate([mask, np.zeros((n, -width % 8), bool)], axis=1)
    packed = np.packbits(mask.reshape(-1), bitorder="little")
    return packed.reshape(n, mask.shape[1] // 8)


@dataclass(frozen=True)
class FacetTable:
    """One query's facet values for every candidate, held at float32 precision.

    ``values``: (n_candidates, n_facets) float32, 0 where unknown; ``known``: the
    mask of known values, bit-packed by row; ``value_max``: the largest |value|.
    """

    values: np.ndarray
    known: np.ndarray
    value_max: float

    @classmethod
    def from_values(cls, values: np.ndarray) -> FacetTable:
        """The table of ``compute_facets`` output (float64, NaN unknown)."""
        stored = np.array(values, dtype=np.float32, order="C")
        known = ~np.isnan(stored)
        # unknown → +0.0 by multiplying the bit patterns by the mask (faster than where)
        bits = stored.view(np.uint32)
        np.multiply(bits, known, out=bits)
        return cls(
            values=stored,
            known=_pack_rows(known),
            value_max=max(
                float(stored.max(initial=0.0)), -float(stored.min(initial=0.0))
            ),
        )

    def known_of(self, rows) -> np.ndarray:
        """Boolean mask of known values of ``rows``: (len(rows), n_facets)."""
        return np.unpackbits(
            self.known[rows],
            axis=1,
            count=self.values.shape[1],
            bitorder="little",
        ).view(bool)

    @property
    def nbytes(self) -> int:
        return self.values.nbytes + self.known.nbytes


class FacetCache:
    """Facet tables of catalog queries by row; the least recently used go first.

    Facet values do not depend on the weights, so matchers that differ only in
    weights share one cache. Thread-safe; a copy starts empty.
    """

    def __init__(self, size: int = FACET_CACHE_SIZE) -> None:
        self.size = size
        self._tables: OrderedDict[int, FacetTable] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, row: int) -> FacetTable | None:
        with self._lock:
            table = self._tables.get(row)
            if table is not None:
                self._tables.move_to_end(row)
            return table

    def put(self, row: int, table: FacetTable) -> None:
        with self._lock:
            self._tables[row] = table
            self._tables.move_to_end(row)
            while len(self._tables) > self.size:
                self._tables.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._tables.clear()

    def __len__(self) -> int:
        return len(self._tables)

    def __contains__(self, row: int) -> bool:
        return row in self._tables

    @property
    def nbytes(self) -> int:
        """Memory held by the cached tables."""
        with self._lock:
            return sum(t.nbytes for t in self._tables.values())

    def __getstate__(self) -> dict:
        return {"size": self.size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["size"])
