"""Documents and comparisons follow the ranking's focus, region and demotions, and
the key's "not useful" verdicts are read back: through the real app (TestClient).

A document is read back with python-docx, openpyxl and the csv module and checked
candidate by candidate against the API's own ranking for the same parameters.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from matcher.wording import FLAGS
from service.cli import match as cli_match
from service.cli.main import main

PROVINCE = "vn:48"
VI = {"Accept-Language": "vi"}
EXPORT = f"/v1/localities/{PROVINCE}/recommendations/export"
RANKING = f"/v1/localities/{PROVINCE}/recommendations"


def _ranking(client, **params) -> list[dict]:
    response = client.get(RANKING, params=params, headers=VI)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def _csv(client, **params) -> list[list[str]]:
    response = client.get(EXPORT, params={**params, "format": "csv"})
    assert response.status_code == 200, response.text
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1:]


def _xlsx(client, **params) -> list[tuple]:
    from openpyxl import load_workbook

    response = client.get(EXPORT, params={**params, "format": "xlsx"})
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[1].iter_rows(min_row=2, values_only=True))


def _docx_rows(client, **params) -> list[list[str]]:
    from docx import Document

    response = client.get(EXPORT, params={**params, "format": "docx"})
    assert response.status_code == 200, response.text
    (table,) = Document(io.BytesIO(response.content)).tables
    return [[c.text for c in row.cells] for row in table.rows[1:]]


def _expected_row(r: dict) -> list:
    """A candidate's spreadsheet row as the API's answer gives it (first columns)."""
    return [
        r["id"],
        r["name"],
        round(r["score"], 4),
        round(r["fit"], 4),
        round(r["feasibility"], 4),
        r["distance_km"],
        r["summary_vi"],
    ]


def _same_as_ranking(client, api: list[dict], **params) -> None:
    """Every format of the export shows the API's candidates, candidate by
    candidate: order, scores, subtotals, distance, summary, flags and evidence."""
    rows = _xlsx(client, **params)
    assert [[r[0], r[2], r[4], r[5], r[6], r[7], r[8]] for r in rows] == [
        _expected_row(r) for r in api
    ]
    for row, r in zip(rows, api, strict=True):
        assert (row[12] or "") == "; ".join(f["message"] for f in r["flags"])
        assert all(e["text"] in row[11] for e in r["evidence"])
    table = _csv(client, **params)
    assert [row[0] for row in table] == [r["id"] for r in api]
    assert [row[4:7] for row in table] == [
        [str(round(r[k], 4)) for k in ("score", "fit", "feasibility")] for r in api
    ]
    assert [row[:2] + row[3:6] for row in _docx_rows(client, **params)] == [
        [str(i), r["name"], f"{r['score']:.3f}", f"{r['fit']:+.3f}",
         f"{r['feasibility']:+.3f}"]
        for i, r in enumerate(api, start=1)
    ]  # fmt: skip
    page = client.get(EXPORT, params={**params, "format": "html"}).text
    positions = [page.index(f"{i}. {r['name']}") for i, r in enumerate(api, 1)]
    assert positions == sorted(positions)
    assert all(f"{r['score']:.3f}" in page for r in api)


def test_an_export_for_a_focus_is_the_ranking_for_it(client):
    focused = _ranking(client, k=8, focus="water")
    plain = _ranking(client, k=8)
    assert [r["id"] for r in focused] != [r["id"] for r in plain]
    _same_as_ranking(client, focused, k=8, focus="water")
    _same_as_ranking(client, plain, k=8)
    assert _xlsx(client, k=8, focus="water") != _xlsx(client, k=8)
    # the focus is named in the document's header
    from openpyxl import load_workbook

    response = client.get(EXPORT, params={"k": 8, "focus": "water", "format": "xlsx"})
    about = dict(
        (r[0], r[1])
        for r in load_workbook(io.BytesIO(response.content)).worksheets[0].values
    )
    assert about["Trọng tâm"] == "Nước, thoát nước và phòng chống thiên tai"


def test_an_export_with_region_and_demotions_is_the_ranking_with_them(client):
    params = {"k": 6, "focus": ["water", "fisheries"], "region": "Đông Nam Á"}
    ranked = _ranking(client, **params)
    demote = [ranked[0]["id"], ranked[2]["id"]]
    demoted = _ranking(client, **params, demote=demote)
    assert [r["id"] for r in demoted[-2:]] == demote
    assert all(r["flags"][-1]["code"] == "demoted" for r in demoted[-2:])
    assert demoted[-1]["flags"][-1]["message"] == FLAGS["demoted"]["vi"]
    _same_as_ranking(client, demoted, **params, demote=demote)


def test_compare_for_a_focus_explains_as_that_ranking(client):
    ranked = {r["id"]: r for r in _ranking(client, k=10, focus="water")}
    picked = list(ranked)[-1], list(ranked)[0]
    response = client.get(
        f"/v1/localities/{PROVINCE}/compare",
        params={"candidates": ",".join(picked), "focus": "water"},
        headers=VI,
    )
    assert response.status_code == 200, response.text
    compared = response.json()["candidates"]
    assert [c["id"] for c in compared] == list(picked)
    for c in compared:
        assert c == ranked[c["id"]]
    plain = client.get(
        f"/v1/localities/{PROVINCE}/compare",
        params={"candidates": ",".join(picked)},
        headers=VI,
    ).json()["candidates"]
    assert [c["fit"] for c in plain] != [c["fit"] for c in compared]
    bad = client.get(
        f"/v1/localities/{PROVINCE}/compare",
        params={"candidates": ",".join(picked), "focus": "wter"},
    )
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "focus"


def test_a_shortlist_document_for_a_focus(client, as_role):
    editor = as_role["editor"]
    ranked = _ranking(client, k=4, focus="water")
    for r in ranked[:3]:
        put = client.put(
            f"/v1/shortlists/{PROVINCE}/items/{r['id']}", json={}, headers=editor
        )
        assert put.status_code in (200, 201), put.text
    rows = client.get(
        f"/v1/shortlists/{PROVINCE}/export",
        params={"format": "csv", "focus": "water"},
        headers=editor,
    ).content.decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(rows)))[1:]
    assert [row[0] for row in table] == [r["id"] for r in ranked[:3]]
    assert [row[4] for row in table] == [str(round(r["score"], 4)) for r in ranked[:3]]
    assert [row[8] for row in table] == [r["summary_vi"] for r in ranked[:3]]


def test_demoted_answers_are_cached_per_k(client):
    # by score alone: the cards that cover a focus sector depend on k as well
    by_score = {"no_focus_coverage": "true"}
    plain = client.get(RANKING, params={"k": 8, **by_score}).content
    top = json.loads(plain)["results"]
    demote = top[1]["id"]
    for _ in range(2):  # computed, then remembered
        eight = _ranking(client, k=8, demote=demote, **by_score)
        assert [r["id"] for r in eight] == [
            r["id"] for r in top if r["id"] != demote
        ] + [demote]
    five = _ranking(client, k=5, demote=demote, **by_score)  # not the eight's start
    assert [r["id"] for r in five] == [top[i]["id"] for i in (0, 2, 3, 4, 1)]
    again = client.get(RANKING, params={"k": 8, **by_score}).content
    assert again == plain  # unchanged
    too_many = client.get(RANKING, params={"k": 5, "demote": ["x"] * 201})
    assert too_many.status_code == 422
    assert too_many.json()["error"]["field"] == "demote"


def test_a_statement_takes_demotions_too(client):
    body = {"locality_id": PROVINCE, "k": 5, "focus": ["water"]}
    plain = client.post("/v1/recommendations", json=body).json()["results"]
    demote = plain[0]["id"]
    moved = client.post(
        "/v1/recommendations", json={**body, "demote": [demote]}
    ).json()["results"]
    assert [r["id"] for r in moved] == [r["id"] for r in plain[1:]] + [demote]
    assert moved[-1]["score"] == plain[0]["score"]
    assert [f["code"] for f in moved[-1]["flags"]][-1] == "demoted"


def test_the_keys_not_useful_verdicts_are_read_back(client, as_role):
    editor, analyst = as_role["editor"], as_role["analyst"]
    ranked = _ranking(client, k=3)
    a, b, c = (r["id"] for r in ranked)
    for candidate, verdict in ((a, "not_useful"), (b, "not_useful"), (a, "useful")):
        body = {"province_id": PROVINCE, "candidate_id": candidate, "verdict": verdict}
        assert client.post("/v1/feedback", json=body, headers=editor).status_code == 201
    client.post(
        "/v1/feedback",
        json={"province_id": PROVINCE, "candidate_id": c, "verdict": "not_useful"},
        headers=analyst,
    )
    mine = client.get(
        "/v1/feedback",
        params={"province_id": PROVINCE, "verdict": "not_useful"},
        headers=editor,
    )
    assert mine.status_code == 200, mine.text
    assert [f["candidate_id"] for f in mine.json()["items"]] == [b]
    everything = client.get(
        "/v1/feedback", params={"province_id": PROVINCE}, headers=editor
    ).json()["items"]
    assert {f["candidate_id"]: f["verdict"] for f in everything} == {
        b: "not_useful",
        a: "useful",
    }
    theirs = client.get(
        "/v1/feedback",
        params={"province_id": PROVINCE, "verdict": "not_useful"},
        headers=analyst,
    ).json()["items"]
    assert [f["candidate_id"] for f in theirs] == [c]
    anonymous = client.get("/v1/feedback", params={"province_id": PROVINCE})
    assert anonymous.status_code == 401
    unknown = client.get(
        "/v1/feedback", params={"province_id": "vn:999"}, headers=editor
    )
    assert unknown.status_code == 422
    error = unknown.json()["error"]
    assert error["field"] == "province_id" and error["code"] == "unknown_locality"


@pytest.fixture
def cli_engine(monkeypatch, service_engine):
    """The CLI uses the session's engine instead of loading its own."""
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    return service_engine


def test_cli_output_follows_the_focus_and_demotions(
    tmp_path, cli_engine, client, capsys
):
    api = _ranking(client, k=6, focus="water", region="ASEAN")
    demote = api[0]["id"]
    api = _ranking(client, k=6, focus="water", region="ASEAN", demote=demote)
    path = tmp_path / "ranking.csv"
    args = ["recommend", "Đà Nẵng", "--k", "6", "--for", "water", "--region"]
    assert main([*args, "ASEAN", "--demote", demote, "--output", str(path)]) == 0
    capsys.readouterr()
    table = list(csv.reader(io.StringIO(path.read_text("utf-8-sig"))))[1:]
    assert [row[0] for row in table] == [r["id"] for r in api]
    assert [row[4:7] for row in table] == [
        [str(round(r[k], 4)) for k in ("score", "fit", "feasibility")] for r in api
    ]
    assert [row[8] for row in table] == [r["summary_vi"] for r in api]
    assert table[-1][12].endswith(FLAGS["demoted"]["vi"])
