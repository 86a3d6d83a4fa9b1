"""A SQLite file of text vectors, so a text is embedded once per model."""

import sqlite3
import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from features.digests import text_sha256

__all__ = ["EmbeddingCache"]


_SQL_BATCH = 500


class EmbeddingCache:
    """A SQLite file of vectors keyed by (model id, sha256 of the NFC text, kind).

    Vectors are stored as little-endian float32 bytes. The connection opens on first
    use; use the cache as a context manager or call :meth:`close`.

    Args:
        path: SQLite file (created with its parent folder if missing).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False)
            with conn:
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS embeddings ("
                    " model_id TEXT NOT NULL, text_sha256 TEXT NOT NULL,"
                    " kind TEXT NOT NULL, dim INTEGER NOT NULL, vector BLOB NOT NULL,"
                    " PRIMARY KEY (model_id, text_sha256, kind)) WITHOUT ROWID"
                )
            self._conn = conn
        return self._conn

    def get_many(
        self, model_id: str, kind: str, texts: Sequence[str]
    ) -> dict[str, np.ndarray]:
        """Look up the vectors of ``texts``.

        Args:
            model_id: :attr:`TextEmbedder.model_id` of the model that made them.
            kind: ``"query"`` or ``"passage"``.
            texts: Texts (NFC-normalised here before hashing).

        Returns:
            ``{text: float32 vector of shape (dim,)}`` for the texts found.
        """
        by_hash = {text_sha256(unicodedata.normalize("NFC", t)): t for t in texts}
        keys = list(by_hash)
        found: dict[str, np.ndarray] = {}
        with self._lock:
            conn = self._connection()
            for start in range(0, len(keys), _SQL_BATCH):
                batch = keys[start : start + _SQL_BATCH]
                rows = conn.execute(
                    "SELECT text_sha256, dim, vector FROM embeddings WHERE model_id = ?"
                    f" AND kind = ? AND text_sha256 IN ({','.join('?' * len(batch))})",
                    [model_id, kind, *batch],
                ).fetchall()
                for sha, dim, blob in rows:
                    vector = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                    if vector.shape == (dim,):
                        found[by_hash[sha]] = vector
        return found

    def put_many(
        self, model_id: str, kind: str, vectors: dict[str, np.ndarray]
    ) -> None:
        """Store vectors in one transaction (replacing any existing ones).

        Args:
            model_id: :attr:`TextEmbedder.model_id` of the model that made them.
            kind: ``"query"`` or ``"passage"``.
            vectors: ``{text: vector of shape (dim,)}``.
        """
        rows = [
            (
                model_id,
                text_sha256(unicodedata.normalize("NFC", text)),
                kind,
                int(np.size(v)),
                np.ascontiguousarray(v, dtype="<f4").tobytes(),
            )
            for text, v in vectors.items()
        ]
        with self._lock:
            conn = self._connection()
            with conn:
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?, ?, ?)", rows
                )

    def __len__(self) -> int:
        with self._lock:
            return (
                self._connection()
                .execute("SELECT COUNT(*) FROM embeddings")
                .fetchone()[0]
            )

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> "EmbeddingCache":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
