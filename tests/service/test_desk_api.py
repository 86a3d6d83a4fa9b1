"""The officer's desk through the real app: shortlists, comparison, documents.

Documents are opened with python-docx and openpyxl and checked for the province,
the candidates, the evidence URLs the API's own explanation gives and the
Vietnamese headings.
"""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from sqlalchemy import select

from matcher.wording import DOCUMENT_WORDS
from service.storage.database import Store
from service.storage.models import AuditEntry

PROVINCE = "vn:48"
CANDIDATES = ("gn:498817", "iso:KR-41", "iso:CN-GD")
VI = DOCUMENT_WORDS["vi"]
URL = re.compile(r"https?://[^\s<>]+")


def _urls(recommendation: dict) -> set[str]:
    return {m for e in recommendation["evidence"] for m in URL.findall(e["source"])}


@pytest.fixture(scope="module")
def compared(client) -> dict:
    response = client.get(
        f"/v1/localities/{PROVINCE}/compare",
        params={"candidates": ",".join(CANDIDATES)},
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_compare_explains_as_the_ranking_does(client, compared):
    ranking = client.get(
        f"/v1/localities/{PROVINCE}/recommendations", params={"k": 40}
    ).json()["results"]
    ranked = {r["id"]: r for r in ranking}
    assert [c["id"] for c in compared["candidates"]] == list(CANDIDATES)
    assert compared["query"]["locality_id"] == PROVINCE
    for c in compared["candidates"]:
        distance = c.pop("distance_km")
        assert distance is not None and 0 < distance < 20_038  # half the equator
        assert c["score"] == pytest.approx(sum(x["value"] for x in c["contributions"]))
        if c["id"] in ranked:  # the same numbers and words as in the list
            listed = dict(ranked[c["id"]])
            assert listed.pop("distance_km") == distance
            assert c == listed
    assert any(_urls(c) for c in compared["candidates"])


def test_compare_refuses_bad_input(client):
    def error(params, status, field):
        response = client.get(f"/v1/localities/{PROVINCE}/compare", params=params)
        assert response.status_code == status, response.text
        body = response.json()["error"]
        assert body["field"] == field and body["message"]
        return body

    assert error({"candidates": "gn:498817"}, 422, "candidates")["code"] == (
        "invalid_parameter"
    )
    four = ",".join((*CANDIDATES, "iso:JP-13"))
    assert error({"candidates": four}, 422, "candidates")["code"] == (
        "invalid_parameter"
    )
    repeated = "gn:498817,gn:498817"
    assert error({"candidates": repeated}, 422, "candidates")
    unknown = error({"candidates": "gn:498817,nowhere:1"}, 422, "candidates")
    assert unknown["code"] == "unknown_locality"
    assert error({}, 422, "candidates")


def test_shortlist_add_note_list_remove(client, as_role, db_url):
    editor, admin = as_role["editor"], as_role["admin"]
    base = f"/v1/shortlists/{PROVINCE}"
    added = client.put(
        f"{base}/items/{CANDIDATES[0]}",
        json={"note": "gặp tại hội chợ"},
        headers=editor,
    )
    assert added.status_code == 201, added.text
    assert added.json()["note"] == "gặp tại hội chợ"
    again = client.put(
        f"{base}/items/{CANDIDATES[0]}", json={"note": "ưu tiên"}, headers=editor
    )
    assert again.status_code == 200 and again.json()["note"] == "ưu tiên"
    assert (
        client.put(f"{base}/items/{CANDIDATES[1]}", json={}, headers=editor).json()[
            "note"
        ]
        == ""
    )
    listing = client.get(base, headers=editor).json()
    assert [i["candidate_id"] for i in listing["items"]] == list(CANDIDATES[:2])
    assert listing["items"][0]["name"] and listing["items"][0]["country"]
    # one list per key: the admin's is its own
    assert client.get(base, headers=admin).json()["items"] == []
    gone = client.delete(f"{base}/items/{CANDIDATES[1]}", headers=editor)
    assert gone.status_code == 200 and gone.json()["candidate_id"] == CANDIDATES[1]
    again = client.delete(f"{base}/items/{CANDIDATES[1]}", headers=editor)
    assert again.status_code == 404 and again.json()["error"]["code"] == "not_found"
    listing = client.get(base, headers=editor).json()
    assert [i["candidate_id"] for i in listing["items"]] == [CANDIDATES[0]]
    store = Store(db_url)
    with store.reading() as session:
        actions = [
            a.action
            for a in session.scalars(
                select(AuditEntry).where(AuditEntry.action.like("shortlist.%"))
            )
        ]
    store.dispose()
    assert actions == [
        "shortlist.add",
        "shortlist.note",
        "shortlist.add",
        "shortlist.remove",
    ]


def test_shortlist_refuses_unknown_ids_and_long_notes(client, as_role):
    editor = as_role["editor"]
    base = f"/v1/shortlists/{PROVINCE}/items"
    unknown = client.put(f"{base}/nowhere:1", json={}, headers=editor)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "unknown_locality"
    long = client.put(
        f"{base}/{CANDIDATES[2]}", json={"note": "x" * 2001}, headers=editor
    )
    assert long.status_code == 422 and long.json()["error"]["field"] == "note"
    assert client.get("/v1/shortlists/vn:999", headers=editor).status_code == 404


def _docx_text(content: bytes) -> str:
    from docx import Document

    doc = Document(io.BytesIO(content))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_ranking_export_as_word(client):
    ranking = client.get(
        f"/v1/localities/{PROVINCE}/recommendations", params={"k": 8}
    ).json()["results"]
    response = client.get(
        f"/v1/localities/{PROVINCE}/recommendations/export",
        params={"k": 8, "format": "docx"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and ".docx" in disposition
    text = _docx_text(response.content)
    for word in ("title_ranking", "province", "date", "needs", "reasons", "evidence"):
        assert VI[word] in text, word
    assert "Đà Nẵng" in text
    for r in ranking:
        assert r["name"] in text
        for url in _urls(r):
            assert url in text
    assert any(_urls(r) for r in ranking)


def test_shortlist_export_as_spreadsheet_csv_and_print_view(client, as_role):
    editor = as_role["editor"]
    base = f"/v1/shortlists/{PROVINCE}"
    for cid in CANDIDATES:
        client.put(
            f"{base}/items/{cid}", json={"note": f"ghi chú {cid}"}, headers=editor
        )
    expected = client.get(
        f"/v1/localities/{PROVINCE}/compare",
        params={"candidates": ",".join(CANDIDATES)},
    ).json()["candidates"]
    urls = set().union(*(_urls(c) for c in expected))
    assert urls

    xlsx = client.get(f"{base}/export", params={"format": "xlsx"}, headers=editor)
    assert xlsx.status_code == 200, xlsx.text
    assert "spreadsheetml" in xlsx.headers["content-type"]
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[1:] == [VI["candidates"], VI["evidence"]]
    rows = list(book[VI["candidates"]].iter_rows(values_only=True))
    assert rows[0][:3] == ("id", VI["rank"], VI["candidate"])
    assert [r[0] for r in rows[1:]] == list(CANDIDATES)
    assert [r[-1] for r in rows[1:]] == [f"ghi chú {c}" for c in CANDIDATES]
    about = [r for r in book.worksheets[0].iter_rows(values_only=True)]
    assert (VI["province"], "Đà Nẵng (vn:48)") in [tuple(r[:2]) for r in about]
    sources = " ".join(
        str(r[4]) for r in book[VI["evidence"]].iter_rows(min_row=2, values_only=True)
    )
    for url in urls:
        assert url in sources

    plain = client.get(f"{base}/export", params={"format": "csv"}, headers=editor)
    assert plain.headers["content-type"].startswith("text/csv")
    assert "filename=" in plain.headers["content-disposition"]
    table = list(csv.reader(io.StringIO(plain.content.decode("utf-8-sig"))))
    assert [r[0] for r in table[1:]] == list(CANDIDATES)
    assert all(url in plain.content.decode() for url in urls)

    page = client.get(f"{base}/export", params={"format": "html"}, headers=editor)
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-disposition"].startswith("inline")
    assert "@media print" in page.text and VI["title_shortlist"] in page.text
    assert all(f'href="{html.escape(url)}"' in page.text for url in urls)

    word = client.get(f"{base}/export", headers=editor)  # docx by default
    text = _docx_text(word.content)
    assert VI["note"] in text and "ghi chú gn:498817" in text
    english = client.get(
        f"{base}/export", params={"format": "csv", "lang": "en"}, headers=editor
    )
    assert english.content.decode("utf-8-sig").startswith("id,No.,Partner")


def test_exports_refuse_bad_formats(client, as_role):
    bad = client.get(
        f"/v1/localities/{PROVINCE}/recommendations/export", params={"format": "pdf"}
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "format"
    bad = client.get(
        f"/v1/shortlists/{PROVINCE}/export",
        params={"format": "odt"},
        headers=as_role["editor"],
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "format"
