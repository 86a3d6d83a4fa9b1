"""Tests for the ``tag`` and ``tag-eval`` commands."""

import io
import json
import sys

import pytest

from service.cli import text as cli_text
from service.cli.main import main


@pytest.fixture
def components(monkeypatch, catalog, tagger):
    """The CLI uses the session's catalog and tagger (model, resolver) instead of
    loading its own; the tagger has the CLI's default parameters."""
    monkeypatch.setattr(cli_text, "_load_catalog", lambda: catalog)
    monkeypatch.setattr(cli_text, "_load_tagger", lambda _catalog, **_: tagger)


LETTER = (
    "Thành phố Toulouse có nhiều nhà máy xử lý nước thải hiện đại.\n"
    "Tỉnh mong muốn hợp tác đào tạo điều dưỡng viên với Toulouse.\n"
)


def test_tag_json_schema(tmp_path, capsys, components):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    assert main(["tag", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert set(payload) == {"sectors", "localities"}
    assert payload["sectors"]
    for item in payload["sectors"]:
        assert set(item) == {"sector", "label_en", "role", "score", "evidence"}
        assert item["role"] in ("strength", "need", "interest")
        assert 0 <= item["score"] <= 1 and 1 <= len(item["evidence"]) <= 3
    scores = [item["score"] for item in payload["sectors"]]
    assert scores == sorted(scores, reverse=True)
    assert "water" in {item["sector"] for item in payload["sectors"]}
    assert payload["localities"] == [
        {"id": "gn:2972315", "name": "Toulouse", "country": "FR"}
    ]


def test_tag_reads_stdin(monkeypatch, capsys, components):
    stdin = io.TextIOWrapper(io.BytesIO(LETTER.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["tag", "-"]) == 0
    out = capsys.readouterr().out
    assert "water" in out and "gn:2972315" in out


def test_tag_invalid_utf8_is_one_line_error(tmp_path, capsys, components):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Coopération décentralisée".encode("latin-1"))
    assert main(["tag", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("partner-match: error: the input is not valid UTF-8")


def test_tag_missing_file_is_an_error(tmp_path, capsys, components):
    assert main(["tag", str(tmp_path / "nope.txt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_tag_eval_json(capsys, components):
    assert main(["tag-eval", "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["n_sentences"] == 147
    assert payload["macro_f1"] >= 0.8
    assert 0 <= payload["role_accuracy"] <= 1
    assert {row["sector"] for row in payload["per_sector"]} >= {"water", "healthcare"}
