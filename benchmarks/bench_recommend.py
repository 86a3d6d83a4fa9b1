"""Benchmark: recommend over the full catalog (top 20, explained) vs a bare numpy floor.

The floor is one matrix–vector product over the same candidates' precomputed facet
values plus ``argpartition`` — what ranking costs with nothing else to do. Both are
measured in the same run. Goals: p50 ≤ 30 ms and ≤ 10× the floor.

    .venv/bin/python benchmarks/bench_recommend.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from matcher import load_engine, recommend
from service.settings import get_settings


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--k", type=int, default=20)
    args = parser.parse_args()
    engine = load_engine(get_settings().data_dir)
    provinces = [u.id for u in engine.catalog.vietnam_units()]
    matcher = engine.matcher
    weights = matcher.weights_
    floors, full = [], []
    for pid in provinces:
        values = np.nan_to_num(matcher.score_all(pid).values, nan=0.0)
        for _ in range(args.repeats):
            start = time.perf_counter()
            scores = values @ weights
            np.argpartition(-scores, args.k)[: args.k]
            floors.append(time.perf_counter() - start)
            start = time.perf_counter()
            results = recommend(matcher, pid, k=args.k)
            full.append(time.perf_counter() - start)
            assert len(results) == args.k
    n = len(engine.feature_set)
    print(f"candidates: {n:,}  facets: {len(weights)}  queries: {len(full)}")
    print(f"{'':<34}{'p50 ms':>10}{'p90 ms':>10}{'mean ms':>10}")
    print(
        f"{'numpy floor (matvec + argpartition)':<34}"
        f"{_p(floors, 50):>10.3f}{_p(floors, 90):>10.3f}"
        f"{statistics.mean(floors) * 1000:>10.3f}"
    )
    print(
        f"{'recommend, top 20 explained':<34}{_p(full, 50):>10.3f}{_p(full, 90):>10.3f}"
        f"{statistics.mean(full) * 1000:>10.3f}"
    )
    ratio = _p(full, 50) / max(_p(floors, 50), 1e-9)
    print(f"ratio p50 recommend / floor: {ratio:.1f}×   (goal ≤ 10×; p50 goal ≤ 30 ms)")


if __name__ == "__main__":
    main()
