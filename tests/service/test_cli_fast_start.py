"""Fast start of the CLI: no torch unless a command embeds; answers alone on stdout."""

import json
import subprocess
import sys

import pytest

from service.settings import PROJECT_ROOT

HEAVY = ("torch", "sentence_transformers", "transformers")
LEARNING = (*HEAVY, "sklearn", "scipy", "pandas")
_PROBE = """
import json, sys
from service.cli.main import main
code = main(sys.argv[1:]) if len(sys.argv) > 1 else 0
loaded = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps({{"code": code, "loaded": loaded}}), file=sys.stderr)
"""


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _probe(*argv: str, heavy=HEAVY) -> tuple[str, dict]:
    done = _run(["-c", _PROBE.format(heavy=heavy), *argv])
    return done.stdout, json.loads(done.stderr.strip().splitlines()[-1])


def test_importing_the_cli_loads_no_model_or_learning_library():
    _, report = _probe(heavy=(*HEAVY, "sklearn", "sqlalchemy"))
    assert report == {"code": 0, "loaded": []}


def test_resolve_does_not_import_torch_or_scientific_libraries():
    stdout, report = _probe("resolve", "Hà Tây", "--json", heavy=LEARNING)
    assert report == {"code": 0, "loaded": []}
    assert json.loads(stdout)["candidates"]


@pytest.mark.slow
def test_recommend_does_not_import_torch_or_scientific_libraries():
    # the estimator contract, the tie network and the explanations need none
    stdout, report = _probe(
        "recommend", "Lào Cai", "--k", "3", "--json", heavy=LEARNING
    )
    assert report == {"code": 0, "loaded": []}
    assert json.loads(stdout)


def test_tag_prints_only_its_answer():
    done = _run(
        ["-m", "service.cli", "tag", "-", "--json"],
        stdin="Lào Cai muốn hợp tác với Nhật Bản về nông nghiệp công nghệ cao.",
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)  # the whole of stdout is the JSON answer
    assert answer["sectors"]
    assert done.stdout.strip().startswith("{") and done.stdout.strip().endswith("}")
    assert "Loading weights" not in done.stderr
    assert "it/s]" not in done.stderr and "%|" not in done.stderr


@pytest.mark.slow
def test_screen_prints_only_its_answer():
    letter = PROJECT_ROOT / "tests" / "data" / "screening_letters"
    path = sorted(p for p in letter.iterdir() if p.suffix == ".txt")[0]
    done = _run(["-m", "service.cli", "screen", str(path), "--json"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["provinces"]
    assert "Loading weights" not in done.stderr and "%|" not in done.stderr
