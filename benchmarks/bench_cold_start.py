"""Benchmark cold starts of the CLI and the service against ``import numpy``.

Runs, in one session and interleaved, fresh Python processes of
(a) ``python -c "import numpy"`` (the baseline),
(b) ``python -m service.cli resolve "Hà Tây"``,
(c) ``python -m service.cli recommend "Lào Cai" --k 10`` and
(d) ``python -m service.cli serve`` on a free loopback port over a temporary SQLite
file, timed until ``/readyz`` answers 200 (then killed).
Each is repeated; the table shows the median wall-clock seconds and the ratio to
the baseline. Run from the project root.

Goals: resolve <= 10x the baseline, recommend <= 20x, serve ready <= 8 s.

Usage::

    python benchmarks/bench_cold_start.py [--repeats 3] [--root CHECKOUT]

``--root`` times another checkout (an older commit, say) with the same script.
"""

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {
    "import numpy (baseline)": ["-c", "import numpy"],
    'resolve "Hà Tây"': ["-m", "service.cli", "resolve", "Hà Tây"],
    'recommend "Lào Cai" --k 10': ["-m", "service.cli", "recommend", "Lào Cai"]
    + ["--k", "10"],
}
GOALS = {'resolve "Hà Tây"': 10.0, 'recommend "Lào Cai" --k 10': 20.0}
SERVE_GOAL_S = 8.0


def timed_run(args: list[str], root: Path) -> float:
    """Seconds for one fresh process running ``args`` to exit (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *args], cwd=root, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_ready(root: Path, timeout: float = 300.0) -> float:
    """Seconds from starting ``serve`` to the first 200 from ``/readyz``."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "PARTNER_MATCH_DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.db'}",
        }
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "service.cli", "serve", "--host", "127.0.0.1"]
            + ["--port", str(port)],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while time.perf_counter() - start < timeout:
                if proc.poll() is not None:
                    raise RuntimeError(f"serve exited with code {proc.returncode}")
                try:
                    url = f"http://127.0.0.1:{port}/readyz"
                    with urllib.request.urlopen(url, timeout=2) as answer:
                        if answer.status == 200:
                            return time.perf_counter() - start
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    pass
                time.sleep(0.05)
            raise RuntimeError("serve did not become ready")
        finally:
            proc.kill()
            proc.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout to time")
    args = parser.parse_args()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    times["serve until /readyz 200"] = []
    for _ in range(args.repeats):
        for name, command in COMMANDS.items():
            times[name].append(timed_run(command, args.root))
        times["serve until /readyz 200"].append(serve_ready(args.root))
    median = {name: statistics.median(values) for name, values in times.items()}
    base = median["import numpy (baseline)"]
    print(
        f"{time.strftime('%Y-%m-%d', time.gmtime())}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"median of {args.repeats}; load average at the end "
        f"{os.getloadavg()[0]:.1f}\n"
    )
    print("| command | seconds | × baseline | goal | met |")
    print("|---|---:|---:|---|---|")
    for name, seconds in median.items():
        ratio = seconds / base
        if name in GOALS:
            goal, met = f"≤ {GOALS[name]:.0f}×", ratio <= GOALS[name]
        elif name.startswith("serve"):
            goal, met = f"≤ {SERVE_GOAL_S:.0f} s", seconds <= SERVE_GOAL_S
        else:
            goal, met = "", None
        mark = "" if met is None else ("yes" if met else "no")
        print(f"| {name} | {seconds:.2f} | {ratio:.1f} | {goal} | {mark} |")


if __name__ == "__main__":
    main()
