"""Benchmark TextEmbedder against plain SentenceTransformer.encode.

Embeds ~500 short, catalog-like multilingual texts (generated deterministically)
(a) with ``SentenceTransformer.encode`` on the same model folder, batch size and
``query: `` prompt, (b) through ``TextEmbedder`` with an
empty ``EmbeddingCache`` (cold), and (c) again with every
text cached (warm). Runs are interleaved and repeated; the table shows medians.

Goals: (b)/(a) throughput >= 0.9 and warm time <= 5 % of cold time.

Usage::

    python benchmarks/bench_embedding.py [--n 500] [--repeats 3] [--cache-dir DIR]
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from features.embedding.embedder import EmbeddingCache, TextEmbedder

PLACES = [
    "Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Quảng Ninh", "Lào Cai", "Bình Định",
    "Hamburg", "Lyon", "Osaka", "Kunming", "Brest", "Leipzig", "Fukuoka", "Nantes",
]  # fmt: skip
TOPICS = {
    "vi": ["đào tạo nghề", "du lịch biển", "năng lượng tái tạo", "cảng biển",
           "bảo tồn di sản", "nông nghiệp hữu cơ", "chuyển đổi số", "y tế"],
    "en": ["vocational training", "beach tourism", "renewable energy", "port logistics",
           "heritage conservation", "organic farming", "digital transformation",
           "public health"],
    "fr": ["formation professionnelle", "tourisme balnéaire", "énergies renouvelables",
           "logistique portuaire", "patrimoine", "agriculture biologique",
           "numérique", "santé publique"],
    "de": ["Berufsausbildung", "Strandtourismus", "erneuerbare Energien",
           "Hafenlogistik", "Denkmalschutz", "Ökolandbau", "Digitalisierung",
           "Gesundheitswesen"],
    "ja": ["職業訓練", "海洋観光", "再生可能エネルギー", "港湾物流", "文化財保護",
           "有機農業", "デジタル化", "公衆衛生"],
    "zh": ["职业培训", "滨海旅游", "可再生能源", "港口物流", "遗产保护", "有机农业",
           "数字化转型", "公共卫生"],
}  # fmt: skip
TEMPLATES = {
    "vi": "{place} mong muốn hợp tác về {a} và {b} (đề xuất số {n}).",
    "en": "{place} offers strengths in {a} and seeks partners for {b} (item {n}).",
    "fr": "{place} cherche une coopération en {a} et en {b} (fiche {n}).",
    "de": "{place} sucht Partner für {a} und {b} (Eintrag {n}).",
    "ja": "{place}は{a}と{b}の分野で協力を希望しています（第{n}号）。",
    "zh": "{place}希望在{a}和{b}领域开展合作（第{n}项）。",
}


def catalog_texts(n: int, seed: int = 0) -> list[str]:
    """Generate ``n`` distinct short multilingual texts, the same for the same seed.

    Args:
        n: Number of texts.
        seed: Seed of the generator.

    Returns:
        The texts, languages interleaved.
    """
    rng = random.Random(seed)
    langs = list(TEMPLATES)
    texts: list[str] = []
    seen: set[str] = set()
    while len(texts) < n:
        lang = langs[len(texts) % len(langs)]
        a, b = rng.sample(TOPICS[lang], 2)
        text = TEMPLATES[lang].format(
            place=rng.choice(PLACES), a=a, b=b, n=rng.randint(1, 999)
        )
        if text not in seen:
            seen.add(text)
            texts.append(text)
    return texts


def _timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="number of texts")
    parser.add_argument("--repeats", type=int, default=3, help="interleaved runs")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument(
        "--cache-dir", type=Path, default=None, help="where the e5 folder is built"
    )
    args = parser.parse_args()
    texts = catalog_texts(args.n)

    embedder = TextEmbedder(cache_dir=args.cache_dir, batch_size=args.batch_size)
    embedder.load()  # builds the folder on first use; sets the offline env first
    from sentence_transformers import SentenceTransformer

    plain = SentenceTransformer(
        str(embedder.model_path), device="cpu", local_files_only=True
    )
    warmup = catalog_texts(32, seed=1)
    plain.encode(warmup, prompt="query: ", batch_size=args.batch_size)
    embedder.embed(warmup)

    times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
    with tempfile.TemporaryDirectory() as tmp:
        for rep in range(args.repeats):
            t, ref = _timed(
                lambda: plain.encode(
                    texts,
                    prompt="query: ",
                    batch_size=args.batch_size,
                    show_progress_bar=False,
                )
            )
            times["a"].append(t)
            with EmbeddingCache(Path(tmp) / f"cold-{rep}.sqlite") as cache:
                embedder.cache = cache
                before = embedder.n_encoded
                t, cold = _timed(lambda: embedder.embed(texts))
                times["b"].append(t)
                assert embedder.n_encoded - before == len(texts)
                t, warm = _timed(lambda: embedder.embed(texts))
                times["c"].append(t)
                assert embedder.n_encoded - before == len(texts)  # nothing new
                assert np.array_equal(cold, warm)
            cosine = float(np.min(np.sum(np.asarray(ref) * cold, axis=1)))
            assert cosine > 0.9999, f"TextEmbedder differs from encode: {cosine}"

    med = {k: statistics.median(v) for k, v in times.items()}
    labels = {
        "a": "(a) SentenceTransformer.encode",
        "b": "(b) TextEmbedder, cold cache",
        "c": "(c) TextEmbedder, warm cache",
    }
    print(f"\n{len(texts)} texts, batch size {args.batch_size}, {args.repeats} runs")
    print(f"{'method':<34}{'median s':>10}{'texts/s':>10}   runs (s)")
    for key, label in labels.items():
        runs = " ".join(f"{t:.3f}" for t in times[key])
        print(f"{label:<34}{med[key]:>10.3f}{len(texts) / med[key]:>10.1f}   {runs}")
    ratio = med["a"] / med["b"]
    warm_share = med["c"] / med["b"]
    print(f"\n(b)/(a) throughput: {ratio:.3f}   (goal >= 0.9)")
    print(f"warm / cold time:   {warm_share:.2%}   (goal <= 5 %)")


if __name__ == "__main__":
    main()
