"""What the running service holds: settings, database, the loaded engine, the tagger.

The engine is loaded once (in the app's lifespan). The weights in use follow the
database: every request that scores asks which weight set is active and swaps in a
copy of the engine with those weights when another process changed them. Answers
are remembered as bytes in a cache bounded by size.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Hashable, Sized
from typing import Any

import numpy as np

from matcher.engine import Engine, load_engine
from matcher.weights import WeightSet, validate_weights
from service.api.text_lane import TextLane
from service.memory import release_free_memory
from service.settings import Settings
from service.storage.database import Store
from service.storage.models import WeightSetRow
from service.storage.weight_sets import active_weight_set_id

__all__ = [
    "ServiceState",
    "ResponseCache",
    "weight_set_from_file",
    "RESPONSE_CACHE_BYTES",
    "TEXT_THREADS",
]

# Room for the rankings of the 34 provinces × 7 filter sets of the load test at
# k = 50 (about 200 KB each) twice over.
RESPONSE_CACHE_BYTES = 96 * 1024 * 1024
# Torch threads for embedding texts: one core, the other stays with the requests.
TEXT_THREADS = 1

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


class ResponseCache:
    """Answers by key (``len`` of a value: its bytes), least recently used dropped
    past ``max_bytes``.

    Keys must hold everything the answer depends on (weights, declared-edit
    version, parameters): entries are never invalidated, only evicted.
    """

    def __init__(self, max_bytes: int = RESPONSE_CACHE_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, Sized] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Any:
        """The value stored under ``key``, or None."""
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Sized) -> None:
        """Store ``value`` under ``key``, evicting the oldest entries past the size."""
        with self._lock:
            old = self._entries.pop(key, None)
            self.bytes += len(value) - (len(old) if old is not None else 0)
            self._entries[key] = value
            while self.bytes > self.max_bytes and len(self._entries) > 1:
                self.bytes -= len(self._entries.popitem(last=False)[1])


class ServiceState:
    """The service's long-lived parts.

    Args:
        settings: The settings in force.
        store: The database.
        engine: A loaded engine to serve (tests share one); default: loaded from
            ``settings.data_dir`` by :meth:`load`.
        tagger: A ``features.tagging.tagger.SectorTagger``; default: built on first use.
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
        self._tagger_lock = threading.Lock()
        self.responses = ResponseCache()
        self.text_lane = TextLane()
        self.load_seconds: float | None = None
        self.preload_thread: threading.Thread | None = None

    @property
    def ready(self) -> bool:
        """Whether the engine is loaded."""
        return self._engine is not None

    def load(self) -> None:
        """Load the engine (if none was given; the 34 units' facets cached) and apply
        the active stored weights."""
        if self.shipped is None:
            start = time.perf_counter()
            self.shipped = load_engine(self.settings.data_dir).warm()
            self.load_seconds = time.perf_counter() - start
            logger.info("engine loaded in %.1f s", self.load_seconds)
        self._engine = self.shipped
        with self.store.reading() as session:
            self.sync(session)

    def sync(self, session) -> Engine:
        """The engine with the weights the database says are active."""
        if self.shipped is None:
            raise RuntimeError("the engine is not loaded")
        marker = active_weight_set_id(session)
        if marker == self._marker and self._engine is not None:
            return self._engine
        with self._lock:
            if marker != self._marker:
                row = None if marker is None else session.get(WeightSetRow, marker)
                if row is None:
                    self._engine = self.shipped
                else:
                    self._engine = self.shipped.with_weights(
                        weight_set_from_file(row.body)
                    )
                self._marker = marker
            return self._engine

    def engine_if_current(self, marker: int | None) -> Engine | None:
        """The engine when ``marker`` is the weight set in use, else None."""
        engine = self._engine
        if engine is None or self.shipped is None or marker != self._marker:
            return None
        return engine

    @property
    def weights_marker(self) -> int | None:
        """Id of the stored weight set in use (None: the shipped file)."""
        return self._marker

    @property
    def engine(self) -> Engine | None:
        """The engine last synchronised (None before loading)."""
        return self._engine

    def tagger(self):
        """The sector tagger, built on first use; None when tagging is unavailable.

        Building it loads the embedding model and limits torch to
        :data:`TEXT_THREADS` threads (process-wide).
        """
        if self._tagger is not None or self._tagger_failed:
            return self._tagger
        with self._tagger_lock:  # a request arriving during a preload waits for it
            if self._tagger is None and not self._tagger_failed:
                try:
                    from features.embedding.embedder import TextEmbedder
                    from features.tagging.tagger import SectorTagger
                except ImportError:
                    self._tagger_failed = True
                    return None
                settings = self.settings
                embedder = TextEmbedder(
                    model=settings.model, cache_dir=settings.cache_dir
                ).load()
                import torch  # loaded by now: the embedder's settings came first

                torch.set_num_threads(TEXT_THREADS)
                release_free_memory()
                self._tagger = SectorTagger(self.shipped.catalog.taxonomy, embedder)
        return self._tagger

    def preload_text_model(self) -> threading.Thread:
        """Build the tagger (and load its model) in a background thread.

        Started once the service is ready, so that the first screening of a session
        does not wait for the model; a request needing it meanwhile waits for it.
        """

        def preload() -> None:
            start = time.perf_counter()
            try:
                if self.tagger() is not None:
                    logger.info(
                        "text model loaded in %.1f s", time.perf_counter() - start
                    )
            except Exception:  # a request needing the model retries and reports it
                logger.exception("preloading the text model failed")

        thread = threading.Thread(target=preload, name="text-model", daemon=True)
        thread.start()
        self.preload_thread = thread
        return thread

    def text_vector(self, text: str) -> np.ndarray | None:
        """``text`` embedded like the catalog's profile texts (unit float32), or None.

        None when the tagger is unavailable or its model is not the one the
        catalog's profile vectors were made with.
        """
        tagger = self.tagger()
        engine = self._engine
        if tagger is None or engine is None:
            return None
        embedder = tagger.embedder
        if embedder.model_id != engine.feature_set.model_id:
            return None
        return embedder.embed([text], kind="query")[0]
