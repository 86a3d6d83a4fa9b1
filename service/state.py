"""What the running service holds: settings, database, the loaded engine, the tagger.

The engine is loaded once (in the app's lifespan). The weights in use follow the
database: every request that scores asks which weight set is active and swaps in a
copy of the engine with those weights when another process changed them.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from matcher.engine import Engine, load_engine
from matcher.weights import WeightSet, validate_weights
from service.settings import Settings
from service.storage import Store, active_weight_set

__all__ = ["ServiceState", "weight_set_from_file", "RESPONSE_CACHE_SIZE"]

RESPONSE_CACHE_SIZE = 512

logger = logging.getLogger("partner_match.service")


def weight_set_from_file(body: dict) -> WeightSet:
    """A ``WeightSet`` from weight-file JSON (already validated)."""
    return WeightSet(
        weights=validate_weights(body["weights"]),
        version=str(body["version"]),
        trained_on=body.get("trained_on") or {},
        code_version=str(body.get("code_version", "")),
        metrics=body.get("metrics") or {},
        note=str(body.get("note", "")),
    )


class ServiceState:
    """The service's long-lived parts.

    Args:
        settings: The settings in force.
        store: The database.
        engine: A loaded engine to serve (tests share one); default: loaded from
            ``settings.data_dir`` by :meth:`load`.
        tagger: A ``features.tagging.SectorTagger``; default: built on first use.
    """

    def __init__(
        self,
        settings: Settings,
        store: Store,
        *,
        engine: Engine | None = None,
        tagger=None,
    ) -> None:
        self.settings = settings
        self.store = store
        self.shipped: Engine | None = engine
        self._engine: Engine | None = engine
        self._marker: int | None = None
        self._tagger = tagger
        self._tagger_failed = False
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, object] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.load_seconds: float | None = None

    @property
    def ready(self) -> bool:
        """Whether the engine is loaded."""
        return self._engine is not None

    def load(self) -> None:
        """Load the engine (if none was given) and apply the active stored weights."""
        if self.shipped is None:
            start = time.perf_counter()
            self.shipped = load_engine(self.settings.data_dir)
            self.load_seconds = time.perf_counter() - start
            logger.info("engine loaded in %.1f s", self.load_seconds)
        self._engine = self.shipped
        with self.store.reading() as session:
            self.sync(session)

    def sync(self, session) -> Engine:
        """The engine with the weights the database says are active."""
        if self.shipped is None:
            raise RuntimeError("the engine is not loaded")
        row = active_weight_set(session)
        marker = row.id if row is not None else None
        if marker == self._marker and self._engine is not None:
            return self._engine
        with self._lock:
            if marker != self._marker:
                if row is None:
                    self._engine = self.shipped
                else:
                    self._engine = self.shipped.with_weights(
                        weight_set_from_file(row.body)
                    )
                self._marker = marker
            return self._engine

    @property
    def weights_marker(self) -> int | None:
        """Id of the stored weight set in use (None: the shipped file)."""
        return self._marker

    def cached(self, key: Hashable, compute: Callable[[], object]) -> object:
        """``compute()``, remembered under ``key`` (least recently used dropped).

        Keys must hold everything the answer depends on (weights, declared-edit
        version, parameters): entries are never invalidated, only evicted.
        """
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        value = compute()
        with self._cache_lock:
            self._cache[key] = value
            while len(self._cache) > RESPONSE_CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    @property
    def engine(self) -> Engine | None:
        """The engine last synchronised (None before loading)."""
        return self._engine

    def tagger(self):
        """The sector tagger, built on first use; None when tagging is unavailable."""
        if self._tagger is not None or self._tagger_failed:
            return self._tagger
        with self._lock:
            if self._tagger is None and not self._tagger_failed:
                try:
                    from features.embedding import TextEmbedder
                    from features.tagging import SectorTagger
                except ImportError:
                    self._tagger_failed = True
                    return None
                settings = self.settings
                embedder = TextEmbedder(
                    model=settings.model, cache_dir=settings.cache_dir
                )
                self._tagger = SectorTagger(self.shipped.catalog.taxonomy, embedder)
        return self._tagger
