"""Shortlists and screening status in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from service.storage.database import Store
from service.storage.errors import NotFoundError
from service.storage.models import AuditEntry, ScreeningRow
from service.storage.screenings import count_screenings, list_screenings, set_status
from service.storage.shortlists import list_items, put_item, remove_item

RESULT = {
    "party": {"id": None, "name": "X", "country": None, "confidence": 0.0},
    "concreteness": {"level": "vague"},
    "flags": [],
}


@pytest.fixture
def store(backend_url):
    store = Store(backend_url)
    store.upgrade()
    yield store
    store.dispose()


def _actions(store) -> list[tuple[str, str, str]]:
    with store.reading() as session:
        rows = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        return [(a.actor, a.action, a.target) for a in rows]


def test_a_shortlist_per_key_and_province(store):
    with store.transaction() as session:
        _, created = put_item(
            session, owner="key:1:a", province_id="vn:48", candidate_id="iso:JP-35",
            note="một",
        )  # fmt: skip
        assert created
        row, created = put_item(
            session, owner="key:1:a", province_id="vn:48", candidate_id="iso:JP-35",
            note="hai",
        )  # fmt: skip
        assert not created and row.note == "hai"
        put_item(session, owner="key:1:a", province_id="vn:48",
                 candidate_id="iso:KR-41", note="")  # fmt: skip
        put_item(session, owner="key:2:b", province_id="vn:48",
                 candidate_id="iso:JP-35", note="")  # fmt: skip
        put_item(session, owner="key:1:a", province_id="vn:01",
                 candidate_id="iso:JP-35", note="")  # fmt: skip
    with store.reading() as session:
        mine = list_items(session, owner="key:1:a", province_id="vn:48")
        assert [(r.candidate_id, r.note) for r in mine] == [
            ("iso:JP-35", "hai"),
            ("iso:KR-41", ""),
        ]
        theirs = list_items(session, owner="key:2:b", province_id="vn:48")
        assert [r.candidate_id for r in theirs] == ["iso:JP-35"]
    with store.transaction() as session:
        remove_item(
            session, owner="key:1:a", province_id="vn:48", candidate_id="iso:JP-35"
        )
    with pytest.raises(NotFoundError), store.transaction() as session:
        remove_item(
            session, owner="key:1:a", province_id="vn:48", candidate_id="iso:JP-35"
        )
    with store.reading() as session:
        mine = list_items(session, owner="key:1:a", province_id="vn:48")
        assert [r.candidate_id for r in mine] == ["iso:KR-41"]
    assert [a[1] for a in _actions(store)] == [
        "shortlist.add",
        "shortlist.note",
        "shortlist.add",
        "shortlist.add",
        "shortlist.add",
        "shortlist.remove",
    ]


def test_screening_status_moves_and_filters(store):
    with store.transaction() as session:
        ids = []
        for _ in range(3):
            row = ScreeningRow(
                created_by="t", text="x", text_sha256="0" * 64, text_chars=1,
                party_confidence=0.0, concreteness_level="vague", flag_codes=[],
                result=RESULT,
            )  # fmt: skip
            session.add(row)
            session.flush()
            ids.append(row.id)
    with store.reading() as session:
        assert {r.status for r in list_screenings(session)} == {"new"}
    with store.transaction() as session:
        row = set_status(session, ids[0], actor="key:1:a", status="answered")
        assert row.status_by == "key:1:a" and row.status_at is not None
    with pytest.raises(ValueError), store.transaction() as session:
        set_status(session, ids[1], actor="key:1:a", status="lost")
    with pytest.raises(NotFoundError), store.transaction() as session:
        set_status(session, 10_000, actor="key:1:a", status="new")
    with store.reading() as session:
        assert [r.id for r in list_screenings(session, status="new")] == ids[:0:-1]
        assert [r.id for r in list_screenings(session, status="answered")] == ids[:1]
        assert count_screenings(session, "new") == 2 and count_screenings(session) == 3
    assert _actions(store) == [("key:1:a", "screening.status", f"screening:{ids[0]}")]


def test_migration_0003_goes_down_and_up(store):
    store.downgrade("0002")
    tables = inspect(store.engine)
    assert "shortlist_items" not in tables.get_table_names()
    assert "status" not in {c["name"] for c in tables.get_columns("screenings")}
    store.upgrade()
    assert store.current_revision() == "0003"
    assert "shortlist_items" in inspect(store.engine).get_table_names()
