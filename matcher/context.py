"""What every facet reads about one query: its profile, place, network and focus."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

__all__ = ["QueryContext"]


@dataclass
class QueryContext:
    """Everything a facet needs about one query, against all candidates."""

    fs: object
    strengths: np.ndarray
    needs: np.ndarray
    text: np.ndarray | None
    country: str
    level: int
    log_population: float
    lat: float
    lon: float
    graph: object
    row: int | None
    hidden: frozenset[tuple[int, int]]
    distance: np.ndarray | None = None
    # What the cooperation is about: a demand weight per sector (> 0 on the focus);
    # None: the declared needs are the focus.
    focus: np.ndarray | None = None
    computed: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def demand(self) -> np.ndarray:
        """Demand by sector on the focus: the given focus, else the declared needs."""
        if self.focus is not None:
            return self.focus
        return np.clip(np.nan_to_num(self.needs, nan=0.0), 0.0, None)
