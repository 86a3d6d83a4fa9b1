"""The performance report: every benchmark in one run, one table with goals.

Runs, each as its own process (so that one does not warm the next):

* ``bench_embedding.py`` — TextEmbedder against plain ``SentenceTransformer.encode``;
* ``bench_recommend.py`` — recommend over the full catalog against a numpy floor;
* ``bench_service.py`` — the recommendations endpoint against ``/healthz``;
* ``bench_screening.py`` — screening a ~24 KB noisy page (when the file exists);
* ``load_test.py`` in a short mode — concurrent clients against
  ``partner-match serve`` on 127.0.0.1, with the server's memory (VmRSS after
  warm-up and after the load, peak VmHWM, from ``/proc/<pid>/status``);

then prints one Markdown table: figure, value, goal, pass/fail. Exits 1 when a
goal is missed or a benchmark failed.

Usage::

    python benchmarks/report.py [--load-seconds 20] [--clients 64] [--quick]

``--quick`` runs fewer repeats (a smoke test of the report, not figures to quote).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


@dataclass
class Row:
    """One figure of the report."""

    figure: str
    value: str
    goal: str = ""
    passed: bool | None = None  # None: no goal

    @property
    def verdict(self) -> str:
        return "" if self.passed is None else ("pass" if self.passed else "FAIL")


def _run(script: str, *args: str, timeout: float = 1800) -> tuple[str, float]:
    """Run a benchmark script; its stdout and wall time (raises if it failed)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1) or not done.stdout:
        tail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"{script} failed ({done.returncode}): {tail[0][:200]}")
    return done.stdout, wall


def _find(pattern: str, text: str) -> re.Match:
    match = re.search(pattern, text, flags=re.MULTILINE)
    if match is None:
        raise RuntimeError(f"figure not found in the output: {pattern!r}")
    return match


def embedding(quick: bool) -> list[Row]:
    args = ("--n", "200", "--repeats", "1") if quick else ()
    out, _ = _run("bench_embedding.py", *args)
    ratio = float(_find(r"\(b\)/\(a\) throughput: ([\d.]+)", out)[1])
    warm = float(_find(r"warm / cold time:\s+([\d.]+)%", out)[1])
    cold = _find(r"\(b\) TextEmbedder, cold cache\s+[\d.]+\s+([\d.]+)", out)[1]
    return [
        Row("embedding: TextEmbedder / encode throughput", f"{ratio:.3f}", "≥ 0.9",
            ratio >= 0.9),
        Row("embedding: cold cache, texts/s", cold),
        Row("embedding: warm / cold time", f"{warm:.2f} %", "≤ 5 %", warm <= 5),
    ]  # fmt: skip


def recommend(quick: bool) -> list[Row]:
    out, _ = _run("bench_recommend.py", "--repeats", "2" if quick else "5")
    line = _find(r"^recommend, top 20 explained\s+([\d.]+)\s+([\d.]+)", out)
    p50, p90 = float(line[1]), float(line[2])
    ratio = float(_find(r"ratio p50 recommend / floor: ([\d.]+)", out)[1])
    return [
        Row("recommend (library), top 20 explained: p50", f"{p50:.1f} ms", "≤ 30 ms",
            p50 <= 30),
        Row("recommend (library): p90", f"{p90:.1f} ms"),
        Row("recommend p50 / numpy floor", f"{ratio:.1f}×", "≤ 10×", ratio <= 10),
    ]  # fmt: skip


def service(quick: bool) -> list[Row]:
    out, _ = _run("bench_service.py", "--requests", "100" if quick else "200")
    rows = []
    for name, label in (
        ("GET /healthz", "service: GET /healthz"),
        ("recommendations, uncached", "service: recommendations, uncached"),
        ("recommendations, cached", "service: recommendations, cached"),
    ):
        line = _find(rf"^{re.escape(name)}.*?\s([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out)
        rows.append(
            Row(f"{label}: req/s, p50, p99", f"{line[1]} /s, {line[2]}, {line[3]} ms")
        )
    ratios = _find(r"uncached ([\d.]+), cached ([\d.]+) \(goal", out)
    cold, warm = float(ratios[1]), float(ratios[2])
    rows.append(
        Row("service: throughput recommendations / healthz, cached", f"{warm:.2f}",
            "≥ 0.5", warm >= 0.5)
    )  # fmt: skip
    rows.append(
        Row("service: same, uncached (every request ranked)", f"{cold:.2f}",
            "≥ 0.5", cold >= 0.5)
    )  # fmt: skip
    return rows


def screening(quick: bool) -> list[Row]:
    if not (HERE / "bench_screening.py").exists():
        return [Row("screening a 24 KB page", "not measured (no benchmark yet)")]
    out, _ = _run("bench_screening.py", "--repeats", "3" if quick else "9")
    p50 = float(_find(r"p50 ([\d.]+) s", out)[1])
    return [Row("screening a 24 KB noisy page: p50", f"{p50:.2f} s", "≤ 1.5 s",
                p50 <= 1.5)]  # fmt: skip


def load(seconds: float, clients: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        out_file = Path(tmp) / "load.json"
        _run(
            "load_test.py",
            "--duration", str(seconds), "--clients", str(clients),
            "--json", str(out_file),
        )  # fmt: skip
        summary = json.loads(out_file.read_text())
    rows = [
        Row(f"load: {clients} clients × {summary['duration_s']:.0f} s, errors",
            f"{summary['errors']} of {summary['requests']}", "0",
            summary["errors"] == 0),
        Row("load: throughput", f"{summary['rps']:.1f} req/s"),
    ]  # fmt: skip
    for label, e in summary["endpoints"].items():
        goal = label.startswith("GET")
        rows.append(
            Row(
                f"load: {label}: p50 / p99",
                f"{e['p50_ms']:.0f} / {e['p99_ms']:.0f} ms ({e['rps']:.1f} req/s)",
                "p99 ≤ 500 ms" if goal else "",
                e["p99_ms"] <= 500 if goal else None,
            )
        )
    warm, after = summary["memory_after_warm_up_mib"], summary["memory_after_load_mib"]
    rows += [
        Row("memory of serve: VmRSS after warm-up", f"{warm['VmRSS']:.0f} MiB",
            "≤ 2048 MiB", warm["VmRSS"] <= 2048),
        Row("memory of serve: VmRSS after the load", f"{after['VmRSS']:.0f} MiB",
            "≤ 2048 MiB", after["VmRSS"] <= 2048),
        Row("memory of serve: peak VmHWM", f"{after['VmHWM']:.0f} MiB",
            "≤ 2048 MiB", after["VmHWM"] <= 2048),
    ]  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    args = parser.parse_args()
    sections = [
        ("bench_embedding", lambda: embedding(args.quick)),
        ("bench_recommend", lambda: recommend(args.quick)),
        ("bench_service", lambda: service(args.quick)),
        ("bench_screening", lambda: screening(args.quick)),
        ("load_test", lambda: load(args.load_seconds, args.clients)),
    ]
    rows: list[Row] = []
    started = time.perf_counter()
    for name, section in sections:
        t0 = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        try:
            rows += section()
        except (RuntimeError, subprocess.TimeoutExpired) as error:
            rows.append(Row(name, f"failed: {error}", "runs", False))
        print(f"  {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    print("\n| figure | value | goal | |\n|---|---|---|---|")
    for row in rows:
        print(f"| {row.figure} | {row.value} | {row.goal} | {row.verdict} |")
    failed = [r for r in rows if r.passed is False]
    goals = [r for r in rows if r.passed is not None]
    print(
        f"\n{len(goals) - len(failed)} of {len(goals)} goals met "
        f"({time.perf_counter() - started:.0f} s; 2 cores)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
