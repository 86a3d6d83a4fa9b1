"""Benchmark the service: the recommendations endpoint against a trivial route.

Starts the app (``create_app``) with uvicorn in a thread on 127.0.0.1 (a free port, a
temporary SQLite file), then sends a bounded number of requests from a few
concurrent clients (httpx, one client per thread) to

* ``GET /healthz`` — the trivial route: the cost of HTTP, routing and middleware;
* ``GET /v1/localities/{id}/recommendations`` — *cold*: every request a new
  (province, k) pair over the 34 Vietnamese units, so each one is scored and
  explained; *warm*: the 34 provinces with k=20 again, answered from the service's
  response cache (keyed by parameters, weight set and declared-edit version).

Prints requests/second and p50/p99 latency of each, and the throughput ratios
recommendations / healthz (goal ≥ 0.5).

Usage::

    python benchmarks/bench_service.py [--requests 200] [--clients 4] [--k 20]
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

from service.app import create_app
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
        cold = [
            f"/v1/localities/{ids[i % n]}/recommendations?k={args.k + 1 + i // n}"
            for i in range(args.requests)
        ]
        warm = [f"/v1/localities/{i}/recommendations?k={args.k}" for i in ids]
        # warm-up: one request of each kind (imports, first allocations)
        httpx.get(base + "/healthz")
        for path in warm:
            httpx.get(base + path, timeout=60)
        rows = {
            "GET /healthz": run(base, ["/healthz"], args.requests, args.clients),
            f"recommendations, cold (k≈{args.k}, unique)": run(
                base, cold, args.requests, args.clients
            ),
            f"recommendations, warm (k={args.k}, {len(ids)} provinces)": run(
                base, warm, args.requests, args.clients
            ),
        }
        server.should_exit = True
        thread.join(timeout=10)

    print(f"\n{args.requests} requests per route, {args.clients} concurrent clients\n")
    print(f"{'route':<48} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9}")
    for name, r in rows.items():
        print(f"{name:<48} {r['rps']:>9.1f} {r['p50_ms']:>9.1f} {r['p99_ms']:>9.1f}")
    trivial, cold_row, warm_row = rows.values()
    print(
        "\nthroughput ratio recommendations / healthz: "
        f"cold {cold_row['rps'] / trivial['rps']:.2f}, "
        f"warm {warm_row['rps'] / trivial['rps']:.2f} (goal ≥ 0.5)"
    )


if __name__ == "__main__":
    main()
