"""Security: writes need the right key, keys are stored hashed, nothing leaks.

* every write refuses a request without a key (401) and with a weaker role (403);
  a test fails when a new write route is not listed here;
* the raw key is in no byte of the SQLite file (nor its WAL) after it was used;
* no answer and no log line — bad input, unknown routes, a crashing route —
  carries a key, a traceback or a path of the checkout (the fuzz run checks the
  same for ≥ 150 generated requests and the uvicorn log, ``test_fuzz.py``);
* the web page shows user text as text: ``test_web_page.py::
  test_remote_text_is_shown_escaped`` (a ``<script>`` and an ``onerror`` image in
  a declared profile, in a real headless browser).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from service.settings import PROJECT_ROOT

WEIGHTS = {"format": "partner-match-weights/1", "version": "sec-1", "weights": {}}
FEEDBACK = {"province_id": "vn:48", "candidate_id": "iso:JP-35", "verdict": "useful"}

# (method, path, body, roles that may, roles that may not)
WRITES = [
    ("PUT", "/v1/weights", WEIGHTS, ("analyst", "admin"), ("editor",)),
    ("POST", "/v1/weights/sec-1/restore", None, ("analyst", "admin"), ("editor",)),
    (
        "PUT",
        "/v1/localities/vn:48/profile",
        {"entries": []},
        ("editor", "admin"),
        ("analyst",),
    ),  # fmt: skip
    ("POST", "/v1/feedback", FEEDBACK, ("editor", "analyst", "admin"), ()),
    ("GET", "/v1/feedback/export", None, ("analyst", "admin"), ("editor",)),
    # screening stores the text: any key (an empty text: 422 once let in)
    ("POST", "/v1/screenings", {"text": ""}, ("editor", "analyst", "admin"), ()),
    ("GET", "/v1/screenings", None, ("editor", "analyst", "admin"), ()),
    # the officer's desk: a shortlist per key (editor writes), a screening's status
    (
        "PUT",
        "/v1/shortlists/vn:48/items/iso:JP-35",
        {"note": ""},
        ("editor", "admin"),
        ("analyst",),
    ),
    (
        "DELETE",
        "/v1/shortlists/vn:48/items/iso:JP-35",
        None,
        ("editor", "admin"),
        ("analyst",),
    ),
    ("GET", "/v1/shortlists/vn:48", None, ("editor", "analyst", "admin"), ()),
    (
        "PATCH",
        "/v1/screenings/1",
        {"status": "forwarded"},
        ("editor", "analyst", "admin"),
        (),
    ),
]
# POST operations that only read (anyone while open_read is on)
READING_POSTS = {"/v1/recommendations"}
LEAKS = ("Traceback", "site-packages", str(PROJECT_ROOT) + "/", 'File "')


def _call(client, method, path, body, headers=None):
    kwargs = {"json": body} if body is not None else {}
    return client.request(method, path, headers=headers or {}, **kwargs)


def test_every_write_route_is_listed(client):
    spec = client.get("/openapi.json").json()
    shortlists = "/v1/shortlists/vn:48"
    listed = {
        (m, p.replace(shortlists, "/v1/shortlists/{province_id}"))
        for m, p, *_ in WRITES
    }
    listed = {(m, p.replace("vn:48", "{locality_id}")) for m, p in listed}
    listed = {(m, p.replace("sec-1", "{version}")) for m, p in listed}
    listed = {(m, p.replace("iso:JP-35", "{candidate_id}")) for m, p in listed}
    listed = {
        (m, p.replace("screenings/1", "screenings/{screening_id}")) for m, p in listed
    }
    for path, operations in spec["paths"].items():
        for method in operations:
            if method in ("put", "post", "delete", "patch") and path not in (
                READING_POSTS
            ):
                assert (method.upper(), path) in listed, f"{method} {path} unlisted"


@pytest.mark.parametrize("write", WRITES, ids=[f"{w[0]} {w[1]}" for w in WRITES])
def test_writes_need_a_key_and_the_role(client, as_role, write):
    method, path, body, allowed, refused = write
    response = _call(client, method, path, body)
    assert response.status_code == 401, response.text
    assert response.json()["error"]["code"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")
    bad_key = {"X-API-Key": "pm_" + "A" * 43}
    assert _call(client, method, path, body, bad_key).status_code == 401
    for role in refused:
        response = _call(client, method, path, body, as_role[role])
        assert response.status_code == 403, (role, response.text)
        assert response.json()["error"]["code"] == "forbidden"
    for role in allowed:
        response = _call(client, method, path, body, as_role[role])
        assert response.status_code not in (401, 403), (role, response.text)


def test_raw_keys_are_in_no_byte_of_the_database(client, keys, as_role, db_url):
    # use every key for a write, so that audit rows name them
    for role in keys:
        response = client.post("/v1/feedback", json=FEEDBACK, headers=as_role[role])
        assert response.status_code == 201
    db_file = Path(make_url(db_url).database)
    files = [p for p in db_file.parent.iterdir() if p.name.startswith(db_file.name)]
    data = b"".join(p.read_bytes() for p in files)
    assert len(data) > 0
    from service.storage.keys import hash_token

    for token in keys.values():
        assert token.encode() not in data
        assert token[12:].encode() not in data  # not even past the display prefix
        assert hash_token(token).encode() in data  # what is stored instead


BAD_REQUESTS = [
    ("GET", "/v1/localities/Narnia", None),
    ("GET", "/v1/localities/vn:48/recommendations?k=0", None),
    ("GET", "/v1/localities/vn:48/recommendations?sector=%3Cscript%3E", None),
    ("POST", "/v1/recommendations", {"needs": {"'; DROP TABLE feedback; --": 1}}),
    ("POST", "/v1/feedback", {"province_id": "x"}),
    ("PUT", "/v1/weights", WEIGHTS),
    ("GET", "/no/such/route", None),
]


def test_no_key_trace_or_path_in_answers_or_log_lines(
    client, keys, as_role, caplog, monkeypatch
):
    import service.api.routes.health as routes_health

    caplog.set_level(logging.DEBUG)
    answers = []
    for headers in as_role.values():
        for method, path, body in BAD_REQUESTS:
            answers.append(_call(client, method, path, body, headers))
    answers.append(_call(client, "GET", "/v1/weights", None, {"X-API-Key": "pm_x"}))

    def crash() -> None:
        raise RuntimeError(f"secret {keys['admin']} at {PROJECT_ROOT}/service/x.py")

    # a route that crashes: 500 in the error shape, one log line without the trace
    monkeypatch.setattr(routes_health.HealthOut, "__init__", lambda *a, **k: crash())
    crashed = _call(client, "GET", "/healthz", None, as_role["admin"])
    assert crashed.status_code == 500
    assert crashed.json()["error"]["code"] == "internal_error"
    answers.append(crashed)

    assert all(400 <= a.status_code < 600 for a in answers)
    for answer in answers:
        for secret in (*LEAKS, *keys.values()):
            assert secret not in answer.text, (answer.request.url, secret)
    lines = [
        record.getMessage() + (str(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    ]
    assert any("unhandled RuntimeError" in line for line in lines)
    for line in lines:
        for secret in (*LEAKS, *keys.values(), "secret"):
            assert secret not in line, line
