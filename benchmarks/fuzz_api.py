"""Fuzz the API with schemathesis: generated requests against the running app.

Starts the app (``create_app``) with uvicorn in a thread on 127.0.0.1 (a free port,
a temporary SQLite file, an **admin** key so that writes are exercised), loads its
OpenAPI document from ``/openapi.json`` and sends, for every operation:

* *positive* cases: schemathesis draws requests that match the spec, with the
  admin key; operations with a ``locality_id`` are also drawn with real catalog ids
  so that they get past the 404;
* *negative* cases: requests that break the spec (wrong types, out-of-range
  values, missing fields), with the admin key;
* *anonymous* cases: positive requests without a key (401 on writes);
* *realistic writes*: bodies drawn with Hypothesis from the real catalog ids,
  sectors, verdicts and facets (plus injection strings and odd Unicode in the free
  text), so that ``PUT /v1/weights``, ``PUT …/profile`` and ``POST /v1/feedback``
  succeed and are stored.

Every response goes through the schemathesis checks ``not_a_server_error``,
``status_code_conformance``, ``content_type_conformance`` and
``response_schema_conformance``; every response body and every log line of the
server is searched for leaks (a key, ``Traceback``, ``site-packages``, the
checkout's path). Bounded: at most ``--examples`` draws per operation and mode,
and ``--max-seconds`` in all; loopback only.

Usage::

    python benchmarks/fuzz_api.py [--examples 60] [--seed 8] [--max-seconds 900]

Prints one line per operation and a summary; exits 1 if any check failed.
The test suite runs a bounded form (``tests/service/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import logging
import socket
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import requests
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.errors import FailureGroup
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from service.api.app import create_app
from service.settings import PROJECT_ROOT, Settings
from service.storage.database import Store
from service.storage.keys import create_key

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
CHECK_NAMES = [c.__name__ for c in CHECKS]
LEAKS = ("Traceback", "site-packages", str(PROJECT_ROOT) + "/")
NASTY_TEXT = [
    "'; DROP TABLE feedback; --",
    "<script>alert(1)</script>",
    "\u202e\u0000\ufeff",
    "Robert'); DELETE FROM api_keys;--",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ⚠️ Đà Nẵng",
]


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LogCapture(logging.Handler):
    """Keeps every formatted log line (with any traceback) emitted while attached."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        text = self.format(record)
        with self._guard:
            self.lines.append(text)


@contextmanager
def live_app(engine=None, **overrides) -> Iterator[tuple[str, str, LogCapture]]:
    """The app under uvicorn in a thread on a free loopback port.

    Args:
        engine: A loaded ``matcher.engine.Engine`` to share; default: loaded by
            the app from the data folder.
        **overrides: Further ``Settings`` fields.

    Yields:
        ``(base_url, admin_key, log_capture)``; the server stops on exit.
    """
    capture = LogCapture()
    loggers = [logging.getLogger(n) for n in ("", "uvicorn", "uvicorn.error")]
    loggers.append(logging.getLogger("uvicorn.access"))
    for logger in loggers:
        logger.addHandler(capture)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'fuzz.db'}"
        store = Store(url)
        store.upgrade()
        with store.transaction() as session:
            _, admin = create_key(session, name="fuzz", role="admin", actor="fuzz")
        store.dispose()
        port = free_port()
        app = create_app(Settings(database_url=url, **overrides), engine=engine)
        server = uvicorn.Server(
            uvicorn.Config(
                app, host="127.0.0.1", port=port, log_level="info", log_config=None
            )
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 300
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the app did not start")
            time.sleep(0.05)
        try:
            yield f"http://127.0.0.1:{port}", admin, capture
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            for logger in loggers:
                logger.removeHandler(capture)


@dataclass
class FuzzReport:
    """What a fuzz run sent and found."""

    requests: int = 0
    by_operation: Counter = field(default_factory=Counter)
    statuses: Counter = field(default_factory=Counter)
    server_errors: int = 0
    failures: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """No server error, no failed check, no leak."""
        return not (self.server_errors or self.failures or self.leaks)

    def summary(self) -> str:
        """One paragraph: requests, statuses, failures, leaks."""
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.statuses.items()))
        return (
            f"{self.requests} requests over {len(self.by_operation)} operations in "
            f"{self.seconds:.0f} s; statuses {{{statuses}}}; "
            f"server errors (5xx): {self.server_errors}; "
            f"spec violations: {len(self.failures)}; leaks: {len(self.leaks)}"
        )


def _catalog_facts(base: str) -> dict:
    """Real ids, sectors and facets read from the running API."""
    with httpx.Client(base_url=base, timeout=60) as client:
        vn = client.get("/v1/localities", params={"country": "VN", "limit": 100})
        ids = [r["id"] for r in vn.json()["results"]]
        for name in ("Shizuoka", "Hamburg", "Lyon", "Vientiane", "Gyeonggi"):
            found = client.get("/v1/localities", params={"q": name, "limit": 1})
            ids += [r["id"] for r in found.json()["results"]]
        sectors = [s["id"] for s in client.get("/v1/sectors").json()["sectors"]]
        facets = list(client.get("/v1/weights").json()["file"]["weights"])
    return {"ids": ids, "sectors": sectors, "facets": facets}


def _free_text(max_size: int) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=max_size)).filter(
        lambda s: "\x00" not in s
    )


def _realistic_cases(operation, facts: dict):
    """A strategy of valid-looking requests for the three kinds of write."""
    ids, sectors = st.sampled_from(facts["ids"]), st.sampled_from(facts["sectors"])
    label = f"{operation.method.upper()} {operation.path}"
    if label == "POST /v1/feedback":
        body = st.fixed_dictionaries(
            {
                "province_id": ids,
                "candidate_id": ids,
                "verdict": st.sampled_from(
                    ["useful", "not_useful", "contacted", "agreement_signed"]
                ),
                "note": _free_text(300),
            }
        )
        return body.map(lambda b: operation.Case(body=b, media_type="application/json"))
    if label == "PUT /v1/weights":
        weight = st.floats(min_value=0, max_value=1e6, allow_nan=False)
        body = st.fixed_dictionaries(
            {
                "format": st.just("partner-match-weights/1"),
                "version": st.from_regex(r"\Afuzz-[a-z0-9]{1,12}\Z"),
                "weights": st.fixed_dictionaries({f: weight for f in facts["facets"]}),
                "note": _free_text(200),
            }
        )
        return body.map(lambda b: operation.Case(body=b, media_type="application/json"))
    if label == "PUT /v1/localities/{locality_id}/profile":
        entry = st.fixed_dictionaries(
            {
                "sector": sectors,
                "role": st.sampled_from(["strength", "need"]),
                "value": st.floats(min_value=0, max_value=1),
                "evidence": _free_text(200).filter(bool),
                "source": st.sampled_from(["https://example.org/a", "<b>x</b>"]),
            }
        )
        entries = st.lists(
            entry, max_size=6, unique_by=lambda e: (e["sector"], e["role"])
        )
        return st.tuples(ids, entries).map(
            lambda t: operation.Case(
                path_parameters={"locality_id": t[0]},
                body={"entries": t[1]},
                media_type="application/json",
            )
        )
    return None


def _strategies(operation, facts: dict, examples: int):
    """(mode name, strategy, send the key?, max examples) for one operation."""
    has_id = "{locality_id}" in operation.path
    plans = [
        ("positive", operation.as_strategy(GenerationMode.POSITIVE), True, examples),
        ("negative", operation.as_strategy(GenerationMode.NEGATIVE), True, examples),
        (
            "anonymous",
            operation.as_strategy(GenerationMode.POSITIVE),
            False,
            max(1, examples // 4),
        ),
    ]
    if has_id:
        real = st.one_of(
            [
                operation.as_strategy(
                    GenerationMode.POSITIVE, path_parameters={"locality_id": i}
                )
                for i in facts["ids"][::4]
            ]
        )
        plans.append(("real ids", real, True, examples))
    realistic = _realistic_cases(operation, facts)
    if realistic is not None:
        plans.append(("realistic", realistic, True, examples))
    return plans


def _sender(base, session, headers, label, mode, admin_key, report: FuzzReport):
    """The test body: send one case, record its status, leaks and failed checks."""

    def send(case) -> None:
        response = case.call(
            base_url=base, session=session, headers=headers, timeout=60
        )
        report.requests += 1
        report.by_operation[label] += 1
        report.statuses[response.status_code] += 1
        if response.status_code >= 500:
            report.server_errors += 1
        for leak in (*LEAKS, admin_key):
            # bytes: documents (docx, xlsx) are binary answers
            if leak.encode() in response.content:
                report.leaks.append(f"{label} ({mode}): body has {leak[:12]!r}")
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                report.failures.append(
                    f"{label} ({mode}) → {response.status_code} for "
                    f"{case.path_parameters or ''}{case.query or ''}: "
                    f"{failure.title}: {str(failure.message)[:300]}"
                )

    return send


def fuzz(
    base: str,
    admin_key: str,
    *,
    examples: int = 60,
    seed_value: int = 8,
    max_seconds: float = 900.0,
    operations: set[str] | None = None,
) -> FuzzReport:
    """Send generated requests to every operation of the API at ``base``.

    Args:
        base: ``http://127.0.0.1:PORT`` of a running app.
        admin_key: An admin key (writes are exercised with it).
        examples: Hypothesis draws per operation and mode.
        seed_value: Hypothesis seed (the same seed sends the same requests).
        max_seconds: Stop starting new operations/modes after this long.
        operations: Only these ``"METHOD /path"`` labels (default: all).

    Returns:
        A :class:`FuzzReport`.
    """
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    facts = _catalog_facts(base)
    report = FuzzReport()
    started = time.monotonic()
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        if operations is not None and label not in operations:
            continue
        for mode, strategy, with_key, n in _strategies(operation, facts, examples):
            if time.monotonic() - started > max_seconds:
                break
            headers = {"X-API-Key": admin_key} if with_key else {}
            send = _sender(base, session, headers, label, mode, admin_key, report)
            try:
                settings(
                    max_examples=n,
                    deadline=None,
                    database=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )(seed(seed_value)(given(case=strategy)(send)))()
            except Unsatisfiable:
                continue  # e.g. no request can break the spec of GET /healthz
    session.close()
    report.seconds = time.monotonic() - started
    return report


def log_leaks(lines: list[str], admin_key: str) -> list[str]:
    """Log lines that carry a key, a traceback or a path of the checkout."""
    return [line[:200] for line in lines if any(x in line for x in (*LEAKS, admin_key))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=60)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=900.0)
    args = parser.parse_args()
    t0 = time.perf_counter()
    with live_app() as (base, admin, capture):
        print(f"app ready in {time.perf_counter() - t0:.1f} s at {base}", flush=True)
        report = fuzz(
            base,
            admin,
            examples=args.examples,
            seed_value=args.seed,
            max_seconds=args.max_seconds,
        )
        leaks = report.leaks + log_leaks(capture.lines, admin)
        log_lines = len(capture.lines)
    print(f"\n{'operation':<52} {'requests':>9}")
    for label, n in report.by_operation.items():
        print(f"{label:<52} {n:>9}")
    print(f"\nchecks: {', '.join(CHECK_NAMES)}")
    print(report.summary())
    print(f"log lines captured: {log_lines}; log lines with a leak: {len(leaks)}")
    for line in (report.failures + leaks)[:40]:
        print("  " + line)
    return 0 if report.ok and not leaks else 1


if __name__ == "__main__":
    raise SystemExit(main())
