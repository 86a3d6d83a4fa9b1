"""Benchmark: recommend over the full catalog (top 20, explained) vs a bare numpy floor.

The floor is one matrix–vector product over the same candidates' precomputed facet
values plus ``argpartition`` — what ranking costs with nothing else to do. Both are
measured in the same run, interleaved. Goals: p50 ≤ 30 ms and ≤ 10× the floor.

"recommend, top 20 explained" is the steady state: the province's facet values are
in the matcher's cache (the service warms it at start-up). The cold line is the
first call per province with an empty cache (facets computed, then cached).
BLAS runs on one thread by default: on a shared machine its threads wait for busy
cores, which makes the floor itself swing by ×30 (``--blas-threads 0``: untouched).

    .venv/bin/python benchmarks/bench_recommend.py [--repeats 5] [--blas-threads 1]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
from threadpoolctl import threadpool_limits

from matcher import load_engine, recommend
from service.settings import get_settings


def _p(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def _line(label: str, values: list[float]) -> str:
    return (
        f"{label:<40}{_p(values, 50):>10.3f}{_p(values, 90):>10.3f}"
        f"{statistics.mean(values) * 1000:>10.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--blas-threads", type=int, default=1)
    args = parser.parse_args()
    if args.blas_threads:
        threadpool_limits(limits=args.blas_threads, user_api="blas")
    engine = load_engine(get_settings().data_dir)
    provinces = [u.id for u in engine.catalog.vietnam_units()]
    matcher = engine.matcher
    cache = matcher.facet_cache_
    weights = matcher.weights_
    cold = []
    for _ in range(args.repeats):
        cache.clear()
        for pid in provinces:
            start = time.perf_counter()
            results = recommend(matcher, pid, k=args.k)
            cold.append(time.perf_counter() - start)
            assert len(results) == args.k
    cache.clear()
    start = time.perf_counter()
    matcher.warm(provinces)
    warm_up = time.perf_counter() - start
    floors, floors32, full = [], [], []
    for pid in provinces:
        values = np.nan_to_num(matcher.score_all(pid).values, nan=0.0)
        values32 = values.astype(np.float32)
        weights32 = weights.astype(np.float32)
        for _ in range(args.repeats):
            start = time.perf_counter()
            scores = values @ weights
            np.argpartition(-scores, args.k)[: args.k]
            floors.append(time.perf_counter() - start)
            start = time.perf_counter()
            scores = values32 @ weights32
            np.argpartition(-scores, args.k)[: args.k]
            floors32.append(time.perf_counter() - start)
            start = time.perf_counter()
            results = recommend(matcher, pid, k=args.k)
            full.append(time.perf_counter() - start)
            assert len(results) == args.k
    n = len(engine.feature_set)
    print(
        f"candidates: {n:,}  facets: {len(weights)}  queries: {len(full)}  "
        f"BLAS threads: {args.blas_threads or 'default'}"
    )
    print(f"{'':<40}{'p50 ms':>10}{'p90 ms':>10}{'mean ms':>10}")
    print(_line("numpy floor (matvec + argpartition)", floors))
    print(_line("  same floor in float32", floors32))
    print(_line("recommend, top 20 explained", full))
    print(_line("recommend, cold (first call, no cache)", cold))
    print(
        f"facet cache: {len(cache)} provinces, {cache.nbytes / 2**20:.1f} MiB, "
        f"warmed in {warm_up:.2f} s"
    )
    ratio = _p(full, 50) / max(_p(floors, 50), 1e-9)
    ratio32 = _p(full, 50) / max(_p(floors32, 50), 1e-9)
    cold_ratio = _p(cold, 50) / max(_p(floors, 50), 1e-9)
    print(f"ratio p50 cold / floor: {cold_ratio:.1f}×")
    print(f"ratio p50 recommend / float32 floor: {ratio32:.1f}×")
    print(f"ratio p50 recommend / floor: {ratio:.1f}×   (goal ≤ 10×; p50 goal ≤ 30 ms)")


if __name__ == "__main__":
    main()
