"""Writing endpoints: weights, feedback, declared profile edits; a failed write."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

import service.storage.audit as storage
from matcher import FACET_NAMES, WeightSet, save_weights
from service.storage.database import Store
from service.storage.models import AuditEntry, Feedback, WeightSetRow


def weight_file(tmp_path, version: str, value: float = 1.0) -> dict:
    """A weight file written by matcher.save_weights, read back as JSON."""
    path = tmp_path / f"{version}.json"
    weights = {name: value for name in FACET_NAMES}
    save_weights(WeightSet(weights=weights, version=version, note="test"), path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_weights_put_get_restore_round_trip(client, as_role, tmp_path, service_engine):
    shipped = client.get("/v1/weights").json()
    assert shipped["source"] == "shipped"
    assert shipped["version"] == service_engine.weights.version
    before = client.get("/v1/localities/vn:48/recommendations", params={"k": 5}).json()

    file = weight_file(tmp_path, "uniform-test")
    put = client.put("/v1/weights", json=file, headers=as_role["analyst"])
    assert put.status_code == 200, put.text
    got = client.get("/v1/weights").json()
    assert got["source"] == "database"
    assert got["version"] == "uniform-test"
    assert got["file"] == file
    assert got["activated_by"].endswith("test-analyst")
    after = client.get("/v1/localities/vn:48/recommendations", params={"k": 5}).json()
    assert after["weights_version"] == "uniform-test"
    assert all(c["weight"] == 1.0 for r in after["results"] for c in r["contributions"])

    second = weight_file(tmp_path, "half-test", 0.5)
    assert (
        client.put("/v1/weights", json=second, headers=as_role["admin"]).status_code
        == 200
    )
    history = client.get("/v1/weights/history").json()
    assert [v["version"] for v in history["versions"]] == ["half-test", "uniform-test"]
    assert [v["active"] for v in history["versions"]] == [True, False]

    restored = client.post(
        "/v1/weights/uniform-test/restore", headers=as_role["analyst"]
    )
    assert restored.json()["version"] == "uniform-test"
    back = client.post(
        f"/v1/weights/{shipped['version']}/restore", headers=as_role["analyst"]
    )
    assert back.json()["source"] == "shipped"
    again = client.get("/v1/localities/vn:48/recommendations", params={"k": 5}).json()
    assert again == before


def test_weights_same_version_conflicts(client, as_role, tmp_path, service_engine):
    file = weight_file(tmp_path, "dup-test")
    assert (
        client.put("/v1/weights", json=file, headers=as_role["admin"]).status_code
        == 200
    )
    again = client.put("/v1/weights", json=file, headers=as_role["admin"])
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "conflict"
    restored = client.post(
        f"/v1/weights/{service_engine.weights.version}/restore",
        headers=as_role["admin"],
    )
    assert restored.json()["source"] == "shipped"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"needs_met": -1.0}, "weights.needs_met"),
        ({"proximity": "NaN"}, "weights.proximity"),
        ({"made_up": 1.0}, "weights.made_up"),
        ({"popularity": True}, "weights.popularity"),
    ],
)
def test_weights_invalid_names_the_field(client, as_role, tmp_path, change, field):
    file = weight_file(tmp_path, "bad-test")
    file["weights"].update(change)
    text = json.dumps(file).replace('"NaN"', "NaN")
    r = client.put(
        "/v1/weights",
        content=text,
        headers={**as_role["analyst"], "Content-Type": "application/json"},
    )
    assert r.status_code == 422, r.text
    assert r.json()["error"]["field"] == field


def test_weights_wrong_format_names_the_field(client, as_role, tmp_path):
    file = weight_file(tmp_path, "fmt-test")
    file["format"] = "something-else/2"
    r = client.put("/v1/weights", json=file, headers=as_role["analyst"])
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "format"


def test_restore_unknown_version(client, as_role):
    r = client.post("/v1/weights/never-stored/restore", headers=as_role["analyst"])
    assert r.status_code == 404


def test_feedback_recorded_and_exported(client, as_role, db_url):
    body = {
        "province_id": "vn:48",
        "candidate_id": "iso:JP-35",
        "verdict": "useful",
        "note": "Gặp ở hội chợ <b>2025</b>, ký MoU?",
    }
    r = client.post("/v1/feedback", json=body, headers=as_role["editor"])
    assert r.status_code == 201, r.text
    assert r.json()["created_by"].endswith("test-editor")
    client.post(
        "/v1/feedback",
        json={**body, "verdict": "contacted", "note": ""},
        headers=as_role["analyst"],
    )
    exported = client.get("/v1/feedback/export", headers=as_role["analyst"])
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert [row["verdict"] for row in rows[-2:]] == ["useful", "contacted"]
    assert rows[-2]["note"] == body["note"]
    lines = client.get(
        "/v1/feedback/export", params={"format": "jsonl"}, headers=as_role["admin"]
    ).text.splitlines()
    assert json.loads(lines[-1])["verdict"] == "contacted"
    assert json.loads(lines[-1])["weights_version"]


def test_feedback_unknown_candidate_names_the_field(client, as_role):
    r = client.post(
        "/v1/feedback",
        json={"province_id": "vn:48", "candidate_id": "nowhere:1", "verdict": "useful"},
        headers=as_role["editor"],
    )
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "candidate_id"


def test_profile_edit_is_versioned_and_overlaid(client, as_role, service_engine):
    entry = {
        "sector": "fisheries",
        "role": "need",
        "value": 0.8,
        "evidence": "Cần hợp tác chế biến thủy sản",
        "source": "Sở Ngoại vụ, công văn 12/2025",
        "date": "2025-09-01",
    }
    first = client.put(
        "/v1/localities/vn:48/profile",
        json={"entries": [entry]},
        headers=as_role["editor"],
    )
    assert first.status_code == 200, first.text
    assert first.json()["version"] == 1
    second = client.put(
        "/v1/localities/vn:48/profile",
        json={"entries": [{**entry, "value": 0.9}]},
        headers=as_role["admin"],
    )
    assert second.json()["version"] == 2
    shown = client.get("/v1/localities/vn:48").json()
    assert shown["profile_version"] == 2
    edited = [p for p in shown["profile"] if p["origin"] == "declared_edit"]
    assert [(p["sector"], p["role"], p["value"]) for p in edited] == [
        ("fisheries", "need", 0.9)
    ]
    catalog_entries = service_engine.catalog.profile("vn:48")
    assert len(catalog_entries) == len([e for e in catalog_entries]), (
        "the catalog itself is unchanged"
    )
    history = client.get("/v1/localities/vn:48/profile/history").json()
    assert [v["version"] for v in history["versions"]] == [2, 1]
    assert history["versions"][1]["created_by"].endswith("test-editor")
    recs = client.get("/v1/localities/vn:48/recommendations", params={"k": 5}).json()
    assert recs["query"]["profile_version"] == 2
    plain = client.post("/v1/recommendations", json={"locality_id": "vn:48", "k": 5})
    assert [r["score"] for r in recs["results"]] == [
        r["score"] for r in plain.json()["results"]
    ], "the locality's own query uses the same overlay"
    cleared = client.put(
        "/v1/localities/vn:48/profile", json={"entries": []}, headers=as_role["editor"]
    )
    assert cleared.json()["version"] == 3
    assert all(
        p["origin"] == "catalog"
        for p in client.get("/v1/localities/vn:48").json()["profile"]
    )


def test_profile_edit_rejects_duplicates_and_unknown_sectors(client, as_role):
    entry = {
        "sector": "water",
        "role": "need",
        "value": 0.5,
        "evidence": "x",
        "source": "y",
    }
    dup = client.put(
        "/v1/localities/vn:48/profile",
        json={"entries": [entry, entry]},
        headers=as_role["editor"],
    )
    assert dup.status_code == 422
    assert dup.json()["error"]["field"] == "entries.1.sector"
    bad = client.put(
        "/v1/localities/vn:48/profile",
        json={"entries": [{**entry, "sector": "watr"}]},
        headers=as_role["editor"],
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["field"] == "entries.0.watr"
    assert "water" in bad.json()["error"]["suggestions"]


def _counts(url: str) -> tuple[int, int, int]:
    store = Store(url)
    with store.reading() as session:
        counts = tuple(
            session.scalar(select(func.count()).select_from(table))
            for table in (Feedback, WeightSetRow, AuditEntry)
        )
    store.dispose()
    return counts


def test_failed_write_rolls_back(client, as_role, db_url, monkeypatch, tmp_path):
    """A failure inside the transaction (at the audit row) keeps the old state."""
    before = _counts(db_url)
    weights_before = client.get("/v1/weights").json()

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(storage, "record_audit", broken)
    failing = TestClient(client.app, raise_server_exceptions=False)
    r = failing.post(
        "/v1/feedback",
        json={"province_id": "vn:48", "candidate_id": "iso:JP-35", "verdict": "useful"},
        headers=as_role["editor"],
    )
    assert r.status_code == 500
    assert r.json()["error"]["code"] == "internal_error"
    assert "disk on fire" not in r.text and "Traceback" not in r.text
    file = weight_file(tmp_path, "never-landed")
    r = failing.put("/v1/weights", json=file, headers=as_role["analyst"])
    assert r.status_code == 500
    monkeypatch.undo()
    assert _counts(db_url) == before
    assert client.get("/v1/weights").json() == weights_before
