"""The database on SQLite and PostgreSQL: migrations, keys, versions, transactions."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, inspect, select, text

import service.storage.audit as storage
from matcher import FACET_NAMES
from service.storage.database import Store
from service.storage.errors import ConflictError, NotFoundError
from service.storage.feedback import add_feedback
from service.storage.keys import create_key, find_key, list_keys, revoke_key
from service.storage.models import ApiKey, AuditEntry, Base, Feedback, WeightSetRow
from service.storage.profile_edits import add_profile_edit, latest_profile_edit
from service.storage.weight_sets import (
    active_weight_set,
    put_weight_set,
    restore_weight_set,
)


def weight_body(version: str) -> dict:
    return {
        "format": "partner-match-weights/1",
        "version": version,
        "weights": {n: 1.0 for n in FACET_NAMES},
        "trained_on": {},
        "code_version": "",
        "metrics": {},
        "note": "",
    }


@pytest.fixture
def store(backend_url):
    store = Store(backend_url)
    store.upgrade()
    yield store
    store.dispose()


def test_migrations_make_the_models_schema(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    assert store.current_revision() == "0003"
    with store.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert diff == []
    tables = set(inspect(store.engine).get_table_names())
    assert {
        "api_keys",
        "weight_sets",
        "profile_edits",
        "feedback",
        "audit_log",
        "screenings",
        "shortlist_items",
    } <= tables


def test_keys_are_stored_hashed(store):
    with store.transaction() as session:
        row, token = create_key(session, name="ops", role="analyst", actor="test")
    assert token.startswith("pm_") and len(token) > 40
    with store.engine.connect() as connection:
        dump = json.dumps(
            [
                list(map(str, r))
                for r in connection.execute(text("SELECT * FROM api_keys"))
            ]
        )
        audit = json.dumps(
            [
                list(map(str, r))
                for r in connection.execute(text("SELECT * FROM audit_log"))
            ]
        )
    assert token not in dump and token not in audit
    assert token[len(row.prefix) :] not in dump
    with store.reading() as session:
        assert find_key(session, token).name == "ops"
        assert find_key(session, token + "x") is None
        assert [k.name for k in list_keys(session)] == ["ops"]
    with store.transaction() as session:
        revoke_key(session, "ops", actor="test")
    with store.reading() as session:
        assert find_key(session, token) is None
    with pytest.raises(NotFoundError), store.transaction() as session:
        revoke_key(session, "ops", actor="test")


def test_weight_versions_and_restore(store):
    with store.transaction() as session:
        put_weight_set(session, weight_body("a"), actor="alice")
    with store.transaction() as session:
        put_weight_set(session, weight_body("b"), actor="bob")
    with store.reading() as session:
        assert active_weight_set(session).version == "b"
    with pytest.raises(ConflictError), store.transaction() as session:
        put_weight_set(session, weight_body("a"), actor="alice")
    with store.transaction() as session:
        restore_weight_set(session, "a", actor="carol", shipped_version="shipped")
    with store.reading() as session:
        active = active_weight_set(session)
        assert (active.version, active.activated_by) == ("a", "carol")
    with store.transaction() as session:
        assert (
            restore_weight_set(session, "shipped", actor="c", shipped_version="shipped")
            is None
        )
    with store.reading() as session:
        assert active_weight_set(session) is None
        assert session.scalar(select(func.count()).select_from(WeightSetRow)) == 2


def test_profile_edits_are_versioned(store):
    entries = [{"sector": "water", "role": "need", "value": 0.5}]
    for _ in range(3):
        with store.transaction() as session:
            add_profile_edit(session, "vn:48", entries, actor="ed")
    with store.reading() as session:
        latest = latest_profile_edit(session, "vn:48")
        assert latest.version == 3 and latest.entries == entries
        assert latest_profile_edit(session, "vn:01") is None
        actions = session.scalars(select(AuditEntry.action)).all()
    assert actions.count("profile.put") == 3


def test_a_failure_inside_the_transaction_keeps_the_old_state(store, monkeypatch):
    with store.transaction() as session:
        put_weight_set(session, weight_body("old"), actor="alice")

    def broken(*args, **kwargs):
        raise RuntimeError("injected")

    monkeypatch.setattr(storage, "record_audit", broken)
    with pytest.raises(RuntimeError), store.transaction() as session:
        put_weight_set(session, weight_body("new"), actor="bob")
    with pytest.raises(RuntimeError), store.transaction() as session:
        add_feedback(
            session,
            actor="bob",
            province_id="vn:48",
            candidate_id="iso:JP-35",
            verdict="useful",
            note="",
            weights_version="old",
        )
    monkeypatch.undo()
    with store.reading() as session:
        assert active_weight_set(session).version == "old"
        assert session.scalar(select(func.count()).select_from(WeightSetRow)) == 1
        assert session.scalar(select(func.count()).select_from(Feedback)) == 0
        assert session.scalar(select(func.count()).select_from(ApiKey)) == 0


def test_the_app_on_each_backend(client_on, backend_url):
    """Start-up migrates; keys, weights and feedback round-trip through the app."""
    with client_on(backend_url) as client:
        store = Store(backend_url)
        with store.transaction() as session:
            _, token = create_key(session, name="t", role="admin", actor="test")
        store.dispose()
        headers = {"X-API-Key": token}
        put = client.put(
            "/v1/weights", json=weight_body("backend-test"), headers=headers
        )
        assert put.status_code == 200, put.text
        assert client.get("/v1/weights").json()["version"] == "backend-test"
        assert client.get("/readyz").json()["database"] is True
        feedback = {
            "province_id": "vn:48",
            "candidate_id": "iso:JP-35",
            "verdict": "useful",
        }
        assert (
            client.post("/v1/feedback", json=feedback, headers=headers).status_code
            == 201
        )
        export = client.get("/v1/feedback/export", headers=headers)
        assert export.text.count("\n") == 2
