"""Benchmark the service: the recommendations endpoint against a trivial route.

Starts the app (``create_app``) with uvicorn in a thread on 127.0.0.1 (a free port, a
temporary SQLite file), then sends a bounded number of requests from a few
concurrent clients (httpx, one client per thread) to

* ``GET /healthz`` — the trivial route: the cost of HTTP, routing and middleware;
* ``GET /v1/localities/{id}/recommendations`` — *uncached*: every request a new
  (province, k) pair over the 34 Vietnamese units, so each one is ranked,
  explained and written afresh (the engine's per-province facet values are
  cached at start-up, as in ``partner-match serve``); *cached*: the 34 provinces
  with k=20 again, answered from the service's response cache (keyed by
  parameters, weight set and declared-edit version; one database round trip
  checks they are current).

The three rows are measured ``--repeats`` times, interleaved; prints
requests/second and p50/p99 latency of each (medians over the repeats), and the
throughput ratios recommendations / healthz per repeat and their median (goal
≥ 0.5). Server and clients share the process and its 2 cores.

Usage::

    python benchmarks/bench_service.py [--requests 200] [--clients 4] [--k 20]
        [--repeats 3]
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import uvicorn

from service.api.app import create_app
from service.settings import Settings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(database_url: str) -> tuple[uvicorn.Server, threading.Thread, str]:
    """The app in a uvicorn thread; returns once it is ready."""
    port = free_port()
    app = create_app(Settings(database_url=database_url))
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the app did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


def run(base: str, paths: list[str], n: int, clients: int) -> dict:
    """Send ``n`` GETs (cycling over ``paths``) from ``clients`` threads."""
    latencies: list[float] = []
    lock = threading.Lock()
    counter = iter(range(n))

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t0 = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                elapsed = time.perf_counter() - t0
                response.raise_for_status()
                with lock:
                    latencies.append(elapsed)

    start_time = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        for _ in range(clients):
            pool.submit(worker)
    wall = time.perf_counter() - start_time
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "rps": len(ordered) / wall,
        "p50_ms": 1000 * statistics.median(ordered),
        "p99_ms": 1000 * ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        server, thread, base = start(f"sqlite:///{Path(tmp) / 'bench.db'}")
        print(f"app ready in {time.perf_counter() - t0:.1f} s at {base}")
        ids = [
            r["id"]
            for r in httpx.get(f"{base}/v1/localities?country=VN&limit=100").json()[
                "results"
            ]
        ]
        n = len(ids)
        warm = [f"/v1/localities/{i}/recommendations?k={args.k}" for i in ids]
        # warm-up: one request of each kind (imports, first allocations)
        httpx.get(base + "/healthz")
        for path in warm:
            httpx.get(base + path, timeout=60)
        names = (
            "GET /healthz",
            f"recommendations, uncached (k≈{args.k}, unique)",
            f"recommendations, cached (k={args.k}, {n} provinces)",
        )
        runs: dict[str, list[dict]] = {name: [] for name in names}
        k_next = args.k + 1
        for _ in range(args.repeats):
            cold = [
                f"/v1/localities/{ids[i % n]}/recommendations?k={k_next + i // n}"
                for i in range(args.requests)
            ]
            k_next += -(-args.requests // n)
            for name, paths in zip(names, (["/healthz"], cold, warm), strict=True):
                runs[name].append(run(base, paths, args.requests, args.clients))
        server.should_exit = True
        thread.join(timeout=10)

    print(
        f"\n{args.requests} requests per route and repeat, {args.repeats} repeats, "
        f"{args.clients} concurrent clients (medians)\n"
    )
    print(f"{'route':<48} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}")
    for name, rows in runs.items():
        cells = [
            statistics.median(r[f] for r in rows) for f in ("rps", "p50_ms", "p99_ms")
        ]
        print(f"{name:<48} {cells[0]:>9.1f} {cells[1]:>9.1f} {cells[2]:>9.1f}")
    trivial, uncached, cached = runs.values()
    ratios = {
        label: [r["rps"] / t["rps"] for r, t in zip(rows, trivial, strict=True)]
        for label, rows in (("uncached", uncached), ("cached", cached))
    }
    for label, values in ratios.items():
        print(f"ratio {label} per repeat: " + ", ".join(f"{v:.2f}" for v in values))
    print(
        "\nthroughput ratio recommendations / healthz: "
        f"uncached {statistics.median(ratios['uncached']):.2f}, "
        f"cached {statistics.median(ratios['cached']):.2f} (goal ≥ 0.5)"
    )


if __name__ == "__main__":
    main()
