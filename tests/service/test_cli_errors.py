"""Every CLI command with a broken model, data folder or database: one sentence, exit 1.

Each command runs as its own process (as a user would run it), so a traceback
printed anywhere, even by a library, fails the test.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LETTER = "Tỉnh Hà Nam muốn hợp tác đào tạo điều dưỡng viên với thành phố Toulouse.\n"

BROKEN = {
    "model": {"PARTNER_MATCH_MODEL": "/nonexistent"},
    "data": {
        "PARTNER_MATCH_DATA_DIR": "/nonexistent",
        "PARTNER_MATCH_REFERENCE_DATA": "/nonexistent",
    },
    "database": {"PARTNER_MATCH_DATABASE_URL": "sqlite:////dev/null/no.db"},
}

# (what is broken, the command line): every command that reads that resource.
CASES = [
    ("model", ["tag", "-"]),
    ("model", ["screen", "-"]),
    ("model", ["tag-eval"]),
    ("data", ["build", "--no-embed", "--quiet"]),
    ("data", ["resolve", "Hà Tây"]),
    ("data", ["catalog", "stats"]),
    ("data", ["recommend", "vn:01"]),
    ("data", ["tag", "-"]),
    ("data", ["screen", "-"]),
    ("data", ["tag-eval"]),
    ("data", ["screen-eval"]),
    ("data", ["evaluate"]),
    ("data", ["fit-weights", "--out", "/nonexistent/w.json"]),
    ("data", ["serve", "--port", "1"]),
    ("database", ["keys", "list"]),
    ("database", ["keys", "create", "--role", "admin"]),
    ("database", ["keys", "revoke", "1"]),
    ("database", ["db", "upgrade"]),
    ("database", ["serve", "--port", "1"]),
]


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "service.cli", *args],
        input=LETTER,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=300,
    )


@pytest.mark.parametrize(
    ("broken", "args"), CASES, ids=[f"{b}:{' '.join(a)}" for b, a in CASES]
)
def test_broken_setup_ends_in_one_sentence(broken, args):
    done = _run(args, BROKEN[broken])
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("partner-match: error: ")
    assert "unexpected" not in lines[0], lines[0]


def test_model_error_in_vietnamese_on_request():
    done = _run(["--lang", "vi", "tag", "-"], BROKEN["model"])
    assert done.returncode == 1
    assert "'/nonexistent' không phải là thư mục" in done.stderr
