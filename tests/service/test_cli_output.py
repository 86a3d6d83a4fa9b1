"""``recommend --output``: the ranking written as a Word, spreadsheet or CSV file."""

from __future__ import annotations

import csv
import io
import json

import pytest

from matcher.wording import DOCUMENT_WORDS
from service.cli import match as cli_match
from service.cli.main import main

VI = DOCUMENT_WORDS["vi"]


@pytest.fixture
def engine(monkeypatch, service_engine):
    """The CLI uses the session's engine instead of loading its own."""
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    return service_engine


@pytest.fixture
def ranking(engine, capsys) -> list[dict]:
    assert main(["recommend", "vn:48", "--k", "6", "--json", "--lang", "vi"]) == 0
    return json.loads(capsys.readouterr().out)["results"]


def test_output_docx_xlsx_csv(tmp_path, engine, ranking, capsys):
    from docx import Document
    from openpyxl import load_workbook

    names = [r["name"] for r in ranking]
    sources = {e["source"] for r in ranking for e in r["evidence"]}
    assert sources
    for suffix in ("docx", "xlsx", "csv"):
        path = tmp_path / f"ranking.{suffix}"
        assert main(["recommend", "Đà Nẵng", "--k", "6", "--output", str(path)]) == 0
        assert str(path) in capsys.readouterr().out
        if suffix == "docx":
            doc = Document(str(path))
            text = "\n".join(p.text for p in doc.paragraphs)
            assert doc.paragraphs[0].text == f"{VI['title_ranking']}: Đà Nẵng"
            assert all(name in text for name in names)
            assert all(s.split(" <")[-1].rstrip(">") in text for s in sources)
            assert VI["evidence"] in text and VI["reasons"] in text
        elif suffix == "xlsx":
            rows = list(load_workbook(path)[VI["candidates"]].values)
            assert [r[2] for r in rows[1:]] == names
        else:
            table = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))
            assert table[0][:3] == ["id", VI["rank"], VI["candidate"]]
            assert [row[0] for row in table[1:]] == [r["id"] for r in ranking]


def test_output_refuses_other_formats(tmp_path, engine, capsys):
    path = tmp_path / "ranking.pdf"
    assert main(["recommend", "vn:48", "--output", str(path)]) == 1
    assert "'output'" in capsys.readouterr().err
    assert not path.exists()
