"""The API under schemathesis: a bounded form of ``benchmarks/fuzz_api.py``.

The app runs under uvicorn on 127.0.0.1 (a temporary SQLite file, an admin key)
with the session's engine; every operation of the OpenAPI document gets a few
positive, negative, anonymous, real-id and realistic-write requests. No answer may
be a 5xx or break the spec, and neither the answers nor the server's log lines may
carry a key, a traceback or a path of the checkout. The full run (≥ 2,000
requests) is ``python benchmarks/fuzz_api.py``.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from service.settings import PROJECT_ROOT

EXAMPLES = 6


def _load_fuzz_module():
    path = PROJECT_ROOT / "benchmarks" / "fuzz_api.py"
    spec = importlib.util.spec_from_file_location("partner_match_fuzz_api", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def fuzz_api():
    """The fuzz harness of ``benchmarks/fuzz_api.py``."""
    return _load_fuzz_module()


@pytest.fixture(scope="module")
def fuzz_run(fuzz_api, service_engine):
    """One bounded fuzz run against a live app: (report, log lines, admin key)."""
    with fuzz_api.live_app(engine=service_engine) as (base, admin, capture):
        report = fuzz_api.fuzz(base, admin, examples=EXAMPLES, max_seconds=90)
        lines = list(capture.lines)
    return report, lines, admin


def test_every_operation_is_fuzzed(fuzz_run):
    report, _, _ = fuzz_run
    assert len(report.by_operation) >= 16
    assert report.requests >= 150
    # writes got through with the admin key, and were refused without one
    assert report.statuses[201] > 0 and report.statuses[200] > 0
    assert report.statuses[401] > 0


def test_no_server_error_and_no_spec_violation(fuzz_run):
    report, _, _ = fuzz_run
    assert report.server_errors == 0, report.failures[:5]
    assert report.failures == []


def test_no_leak_in_answers_or_log_lines(fuzz_api, fuzz_run):
    report, lines, admin = fuzz_run
    assert report.leaks == []
    assert lines, "the server's log lines were not captured"
    assert fuzz_api.log_leaks(lines, admin) == []
