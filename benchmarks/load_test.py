"""Load test: many concurrent clients against ``partner-match serve`` on loopback.

Starts ``partner-match serve`` as a subprocess on 127.0.0.1 (a free port, a
temporary SQLite file, the full catalog), warms it up (one request of each kind,
the sector tagger loaded), then runs ``--clients`` asyncio clients (httpx) for
``--duration`` seconds. Each client loops over

* ``GET /v1/localities/{id}/recommendations`` with a random one of the 34
  provinces, ``k`` in {10, 20, 50} and one of several filter sets (none, a level,
  one or two countries, a sector, a country cap, a city level with a port
  sector) — a mix of answers computed afresh and answers from the response cache;
* with probability ``--text-share``, ``POST /v1/screenings`` when the app has that
  route, else ``POST /v1/recommendations`` with a letter of interest as ``text``
  (tagged into sectors, then ranked).

Bounded: the clients stop after ``--duration`` seconds (at most 600) and only
127.0.0.1 is addressed. Prints requests, errors (any non-2xx or transport
error), requests/s, p50/p90/p99/max latency per endpoint (and p50/p99 of the
requests started in each 10 s window), the server's memory
(VmRSS and VmHWM from ``/proc/<pid>/status``) after warm-up and after the load,
and the goals: 0 errors, p99 ≤ 500 ms for recommendations.

Usage::

    python benchmarks/load_test.py [--duration 60] [--clients 64] [--text-share 0.1]
        [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from service.storage.database import Store
from service.storage.keys import create_key

ROOT = Path(__file__).resolve().parents[1]
LETTERS = ROOT / "tests" / "data" / "screening_letters"
FILTERS = [
    {},
    {"level": "admin1"},
    {"country": "JP"},
    {"country": ["FR", "DE"]},
    {"sector": "heritage_tourism"},
    {"max_per_country": 3},
    {"level": "city", "sector": "ports_logistics"},
]
RECS = "GET /v1/localities/{id}/recommendations"
P99_GOAL_MS = 500.0
MAX_DURATION = 600.0
WINDOW_S = 10.0


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def memory(pid: int) -> dict[str, float]:
    """VmRSS and VmHWM (peak) of a process, in MiB, from ``/proc/<pid>/status``."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            found[key] = int(value.split()[0]) / 1024
    return found


@contextmanager
def served(log: Path | None = None):
    """``partner-match serve`` on a free loopback port over a temporary database.

    Yields:
        ``(process, base_url, editor_key)``; the process is terminated on exit.
    """
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        url = f"sqlite:///{Path(tmp) / 'load.db'}"
        env = {**os.environ, "PARTNER_MATCH_DATABASE_URL": url}
        store = Store(url)
        store.upgrade()
        with store.transaction() as session:  # screening stores texts: any key
            _, key = create_key(session, name="load", role="editor", actor="load")
        store.dispose()
        out = open(log or Path(tmp) / "serve.log", "ab")
        proc = subprocess.Popen(
            [sys.executable, "-m", "service.cli.main", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 300
            while True:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("partner-match serve did not become ready")
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                time.sleep(0.25)
            yield proc, base, key
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            out.close()


def _letters() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(LETTERS.glob("*.txt"))]
    return texts or ["We seek partners in wastewater treatment and port logistics."]


def _windows(rows: list[tuple], width: float) -> list[dict]:
    """Requests, p50 and p99 (ms) of the requests started in each ``width`` s."""
    out = []
    for start in range(0, int(max((r[3] for r in rows), default=0) // width) + 1):
        ordered = sorted(
            1000 * r[1] for r in rows if start * width <= r[3] < (start + 1) * width
        )
        if ordered:
            out.append(
                {
                    "from_s": start * width,
                    "requests": len(ordered),
                    "p50_ms": _percentile(ordered, 0.50),
                    "p99_ms": _percentile(ordered, 0.99),
                }
            )
    return out


def _percentile(ordered: list[float], q: float) -> float:
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Plan:
    """What the clients send: provinces, filters, texts and the text endpoint."""

    def __init__(self, base: str, text_share: float) -> None:
        vn = httpx.get(
            f"{base}/v1/localities", params={"country": "VN", "limit": 100}, timeout=60
        )
        self.provinces = [r["id"] for r in vn.json()["results"]]
        paths = httpx.get(f"{base}/openapi.json", timeout=60).json()["paths"]
        self.text_route = (
            "/v1/screenings" if "/v1/screenings" in paths else "/v1/recommendations"
        )
        self.text_label = f"POST {self.text_route}" + (
            " (text)" if self.text_route == "/v1/recommendations" else ""
        )
        self.texts = _letters()
        self.text_share = text_share

    def request(self, rng: random.Random) -> tuple[str, str, str, dict]:
        """(label, method, url, kwargs) of one request."""
        if rng.random() < self.text_share:
            body = {"text": rng.choice(self.texts)}
            if self.text_route == "/v1/recommendations":
                body["k"] = rng.choice([10, 20])
            return self.text_label, "POST", self.text_route, {"json": body}
        province = rng.choice(self.provinces)
        params = {"k": rng.choice([10, 20, 50]), **rng.choice(FILTERS)}
        url = f"/v1/localities/{province}/recommendations"
        return RECS, "GET", url, {"params": params}


async def _client(client, plan, rng, until, results) -> None:
    while time.monotonic() < until:
        label, method, url, kwargs = plan.request(rng)
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **kwargs)
            ok = 200 <= response.status_code < 300
            error = None if ok else f"{response.status_code} {response.text[:120]}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}"
        elapsed = time.perf_counter() - started
        results.append((label, elapsed, error, started))


async def _run(base, plan: Plan, duration: float, clients: int, seed: int, headers):
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    results: list[tuple[str, float, str | None, float]] = []
    async with httpx.AsyncClient(
        base_url=base, headers=headers, timeout=60, limits=limits
    ) as client:
        until = time.monotonic() + duration
        started = time.perf_counter()
        await asyncio.gather(
            *[
                _client(client, plan, random.Random(seed + i), until, results)
                for i in range(clients)
            ]
        )
        wall = time.perf_counter() - started
    return [(*r[:3], r[3] - started) for r in results], wall


def warm_up(base: str, plan: Plan, headers: dict) -> None:
    """One request of each kind (tagger and caches loaded) before measuring."""
    rng = random.Random(0)
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        for _ in range(3):
            for text_share in (0.0, 1.0):
                plan_share, plan.text_share = plan.text_share, text_share
                _, method, url, kwargs = plan.request(rng)
                plan.text_share = plan_share
                client.request(method, url, **kwargs).raise_for_status()


def run_load(
    base: str,
    *,
    key: str | None = None,
    duration: float,
    clients: int,
    text_share: float,
    seed: int = 8,
    pid: int | None = None,
) -> dict:
    """Warm up, then load ``base`` for ``duration`` s; a summary per endpoint.

    With the server's ``pid``, its memory after warm-up and after the load too.
    """
    duration = min(duration, MAX_DURATION)
    plan = Plan(base, text_share)
    headers = {"X-API-Key": key} if key else {}
    warm_up(base, plan, headers)
    summary = {"clients": clients, "endpoints": {}}
    if pid is not None:
        summary["memory_after_warm_up_mib"] = memory(pid)
    results, wall = asyncio.run(_run(base, plan, duration, clients, seed, headers))
    summary["duration_s"] = wall
    if pid is not None:
        summary["memory_after_load_mib"] = memory(pid)
    for label in sorted({r[0] for r in results}):
        rows = [r for r in results if r[0] == label]
        ordered = sorted(r[1] * 1000 for r in rows)
        errors = [r[2] for r in rows if r[2] is not None]
        summary["endpoints"][label] = {
            "requests": len(rows),
            "errors": len(errors),
            "error_examples": sorted(set(errors))[:5],
            "rps": len(rows) / wall,
            "p50_ms": _percentile(ordered, 0.50),
            "p90_ms": _percentile(ordered, 0.90),
            "p99_ms": _percentile(ordered, 0.99),
            "max_ms": ordered[-1] if ordered else float("nan"),
            "windows": _windows(rows, WINDOW_S),
        }
    summary["requests"] = len(results)
    summary["errors"] = sum(e["errors"] for e in summary["endpoints"].values())
    summary["rps"] = len(results) / wall
    return summary


def print_summary(summary: dict) -> None:
    """The table of one load run."""
    print(
        f"\n{summary['clients']} clients for {summary['duration_s']:.0f} s: "
        f"{summary['requests']} requests, {summary['rps']:.1f} req/s, "
        f"{summary['errors']} errors"
    )
    head = f"{'endpoint':<48}{'requests':>9}{'errors':>7}{'req/s':>8}"
    print(head + f"{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for label, e in summary["endpoints"].items():
        print(
            f"{label:<48}{e['requests']:>9}{e['errors']:>7}{e['rps']:>8.1f}"
            f"{e['p50_ms']:>9.1f}{e['p90_ms']:>9.1f}{e['p99_ms']:>9.1f}"
            f"{e['max_ms']:>9.1f}"
        )
        for example in e["error_examples"]:
            print(f"    error: {example}")
    print(f"\nby start time ({WINDOW_S:.0f} s windows): requests, p50 / p99 ms")
    for label, e in summary["endpoints"].items():
        cells = [
            f"{w['from_s']:.0f}s: {w['requests']}, {w['p50_ms']:.0f}/{w['p99_ms']:.0f}"
            for w in e["windows"]
        ]
        print(f"{label:<48}" + "  ".join(cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--text-share", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", type=Path, default=None, help="write the summary")
    args = parser.parse_args()
    t0 = time.perf_counter()
    with served() as (proc, base, key):
        print(f"serve ready in {time.perf_counter() - t0:.1f} s at {base}", flush=True)
        summary = run_load(
            base,
            key=key,
            duration=args.duration,
            clients=args.clients,
            text_share=args.text_share,
            seed=args.seed,
            pid=proc.pid,
        )
    print_summary(summary)
    warm, mem = summary["memory_after_warm_up_mib"], summary["memory_after_load_mib"]
    print(
        f"\nserver memory: VmRSS {warm['VmRSS']:.0f} MiB after warm-up, "
        f"{mem['VmRSS']:.0f} MiB after the load; peak VmHWM {mem['VmHWM']:.0f} MiB "
        "(goal ≤ 2048 MiB)"
    )
    recs = summary["endpoints"].get(RECS, {})
    passed = summary["errors"] == 0 and recs.get("p99_ms", 1e9) <= P99_GOAL_MS
    print(
        f"goals: 0 errors ({summary['errors']}), recommendations p99 ≤ "
        f"{P99_GOAL_MS:.0f} ms ({recs.get('p99_ms', float('nan')):.1f}): "
        f"{'pass' if passed else 'FAIL'}"
    )
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2))
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
