"""The embassy inbox through the real app: a screening's status and its forward note."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from service.settings import PROJECT_ROOT
from service.storage.database import Store
from service.storage.keys import create_key
from service.storage.models import AuditEntry

LETTER = (PROJECT_ROOT / "tests" / "data" / "freiburg_letter.txt").read_text(
    encoding="utf-8"
)


@pytest.fixture(scope="module")
def url(tmp_path_factory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('inbox') / 'service.db'}"


@pytest.fixture(scope="module")
def client(client_on, tagger, url):
    with client_on(url, tagger=tagger) as c:
        yield c


@pytest.fixture(scope="module")
def keys(client, url) -> dict[str, dict[str, str]]:
    store = Store(url)
    headers = {}
    with store.transaction() as session:
        for role in ("editor", "analyst"):
            _, token = create_key(session, name=f"inbox-{role}", role=role, actor="t")
            headers[role] = {"X-API-Key": token}
    store.dispose()
    return headers


@pytest.fixture(scope="module")
def stored(client, keys) -> list[dict]:
    """Two screenings of the letter, oldest first."""
    out = []
    for sender in (None, "Freiburg im Breisgau"):
        body = {"text": LETTER} | ({"sender": sender} if sender else {})
        response = client.post("/v1/screenings", json=body, headers=keys["editor"])
        assert response.status_code == 201, response.text
        out.append(response.json())
    return out


def test_new_screenings_are_new_and_listed_by_status(client, keys, stored, url):
    assert [s["status"] for s in stored] == ["new", "new"]
    first, second = stored
    moved = client.patch(
        f"/v1/screenings/{first['id']}",
        json={"status": "forwarded"},
        headers=keys["analyst"],
    )
    assert moved.status_code == 200, moved.text
    body = moved.json()
    assert body["status"] == "forwarded" and body["status_by"].endswith("inbox-analyst")
    assert body["status_at"] is not None

    def ids(**params):
        listing = client.get("/v1/screenings", params=params, headers=keys["editor"])
        assert listing.status_code == 200, listing.text
        return [(i["id"], i["status"]) for i in listing.json()["items"]]

    assert ids() == [(second["id"], "new"), (first["id"], "forwarded")]
    assert ids(status="forwarded") == [(first["id"], "forwarded")]
    assert ids(status="answered") == []
    one = client.get(f"/v1/screenings/{first['id']}", headers=keys["editor"]).json()
    assert one["status"] == "forwarded"
    store = Store(url)
    with store.reading() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "screening.status")
        ).all()
    store.dispose()
    assert [(a.target, a.detail) for a in audit] == [
        (f"screening:{first['id']}", {"from": "new", "to": "forwarded"})
    ]


def test_status_needs_a_key_and_a_known_status(client, keys, stored):
    path = f"/v1/screenings/{stored[0]['id']}"
    assert client.patch(path, json={"status": "answered"}).status_code == 401
    bad = client.patch(path, json={"status": "lost"}, headers=keys["editor"])
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "status"


def test_forward_note_in_vietnamese_from_the_stored_facts(client, keys, stored):
    screening = stored[1]
    response = client.get(
        f"/v1/screenings/{screening['id']}/forward",
        params={"province": "vn:48"},
        headers=keys["editor"],
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["province_id"], body["lang"]) == ("vn:48", "vi")
    text = body["text"]
    lines = text.split("\n")
    assert lines[0].startswith("Kính gửi Đà Nẵng:")
    assert f"mã sàng lọc {screening['id']}" in lines[0]
    party = screening["party"]["name"]
    assert party and party in lines[0]
    for claim in screening["offers"]:
        assert claim["label_vi"] in text
    for claim in screening["seeks"]:
        assert claim["label_vi"] in text
    rank = [p["id"] for p in screening["provinces"]].index("vn:48") + 1
    assert f"Đà Nẵng xếp thứ {rank} " in text
    assert "Mức độ cụ thể của thư" in text
    english = client.get(
        f"/v1/screenings/{screening['id']}/forward",
        params={"province": "vn:48", "lang": "en"},
        headers=keys["editor"],
    ).json()["text"]
    assert english.startswith("To Đà Nẵng: forwarding the letter of")


def test_forward_refuses_a_foreign_or_unknown_province(client, keys, stored):
    path = f"/v1/screenings/{stored[0]['id']}/forward"
    for province in ("iso:JP-35", "nowhere"):
        response = client.get(
            path, params={"province": province}, headers=keys["editor"]
        )
        assert response.status_code == 422, response.text
        assert response.json()["error"]["field"] == "province"
    missing = client.get(
        "/v1/screenings/999/forward",
        params={"province": "vn:48"},
        headers=keys["editor"],
    )
    assert missing.status_code == 404
    assert client.get(path, params={"province": "vn:48"}).status_code == 401
