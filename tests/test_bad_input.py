"""The bad-input catalogue: what a careless or hostile user may type, CLI and API.

Every case is answered with a 4xx in the one JSON error shape (API) or with one
sentence on stderr and exit code 1 (CLI: ``service.cli.main.main`` in-process) that
names the problem — never a traceback, a 5xx or a silent success. Injection
strings are stored as plain text and the database keeps working.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.cli import main as cli
from service.cli import match as cli_match
from service.settings import PROJECT_ROOT, Settings
from service.storage.database import Store
from service.storage.keys import create_key

SQL_INJECTION = "'; DROP TABLE feedback; --"
HTML_INJECTION = "<script>alert('x')</script>"
LEAKS = ("Traceback", "site-packages", str(PROJECT_ROOT) + "/")

# -- the API ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def db_path(tmp_path_factory):
    return tmp_path_factory.mktemp("bad-input") / "service.db"


@pytest.fixture(scope="module")
def api(engine, db_path):
    """The app over a temporary SQLite file, with the session's engine."""
    app = create_app(
        Settings(database_url=f"sqlite:///{db_path}", max_body_bytes=64 * 1024),
        engine=engine,
    )
    with TestClient(app) as client:
        yield client


@pytest.fixture(scope="module")
def headers(api, db_path):
    """X-API-Key headers of an admin key."""
    store = Store(f"sqlite:///{db_path}")
    with store.transaction() as session:
        _, token = create_key(session, name="bad-input", role="admin", actor="test")
    store.dispose()
    return {"X-API-Key": token}


def assert_error(response, status: int, field: str | None = None, code=None) -> dict:
    """The one error shape, with this status (and field and code when given)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    assert error["status"] == status and error["message"]
    if field is not None:
        assert error["field"] == field, error
    if code is not None:
        assert error["code"] == code, error
    assert not any(leak in response.text for leak in LEAKS)
    return error


RECS = "/v1/localities/vn:48/recommendations"

# (name, method, path, request kwargs, status, field, code)
API_CASES = [
    ("unknown id", "GET", "/v1/localities/Narnia", {}, 404, None, "unknown_locality"),
    ("old name as id", "GET", "/v1/localities/Quang Nam", {}, 404, None, None),
    ("misspelt id", "GET", "/v1/localities/Da Nangg", {}, 404, None, None),
    ("empty search", "GET", "/v1/localities", {"params": {"q": ""}}, 422, "q", None),
    (
        "huge search",
        "GET",
        "/v1/localities",
        {"params": {"q": "x" * 5000}},
        422,
        "q",
        None,
    ),
    ("SQL in id", "GET", f"/v1/localities/{SQL_INJECTION}", {}, 404, None, None),
    ("HTML in id", "GET", f"/v1/localities/{HTML_INJECTION}/recommendations", {},
     404, None, None),  # fmt: skip
    ("NUL in id", "GET", "/v1/localities/%00", {}, 404, None, "unknown_locality"),
    ("k = 0", "GET", RECS, {"params": {"k": 0}}, 422, "k", None),
    ("k < 0", "GET", RECS, {"params": {"k": -3}}, 422, "k", None),
    ("k huge", "GET", RECS, {"params": {"k": 10**12}}, 422, "k", None),
    ("k NaN", "GET", RECS, {"params": {"k": "NaN"}}, 422, "k", None),
    ("unknown sector", "GET", RECS, {"params": {"sector": "spaceflight"}}, 422,
     "sector", "unknown_sector"),  # fmt: skip
    ("empty country", "GET", RECS, {"params": {"country": ""}}, 422, "country.0",
     None),  # fmt: skip
    ("unknown country", "GET", RECS, {"params": {"country": "Narnia"}}, 422,
     "country", "unknown_country"),  # fmt: skip
    ("unknown level", "GET", RECS, {"params": {"level": "galaxy"}}, 422, "level",
     None),  # fmt: skip
    ("own country only", "GET", RECS, {"params": {"country": "VN"}}, 422, "filters",
     "invalid_parameter"),  # fmt: skip
    ("min > max population", "POST", "/v1/recommendations",
     {"json": {"filters": {"min_population": 10, "max_population": 1}}}, 422,
     "filters.min_population", None),  # fmt: skip
    ("empty text", "POST", "/v1/recommendations", {"json": {"text": ""}}, 422,
     "text", None),  # fmt: skip
    ("huge text", "POST", "/v1/recommendations", {"json": {"text": "word " * 12_000}},
     422, "text", None),  # fmt: skip
    ("binary text", "POST", "/v1/recommendations",
     {"json": {"text": "\x00\x01\x02\x03 PK"}}, 422, "text", "invalid_text"),
    ("punctuation-only text", "POST", "/v1/recommendations",
     {"json": {"text": "!!! ??? ..."}}, 422, "text", "invalid_text"),
    ("invalid UTF-8 body", "POST", "/v1/recommendations",
     {"content": b'{"text": "\xff\xfe\xc3("}',
      "headers": {"Content-Type": "application/json"}}, 422, "body", None),
    ("not JSON", "POST", "/v1/recommendations",
     {"content": b"needs=water", "headers": {"Content-Type": "application/json"}},
     422, "body", None),
    ("NaN share", "POST", "/v1/recommendations",
     {"content": b'{"needs": {"water": NaN}}',
      "headers": {"Content-Type": "application/json"}}, 422, "needs.water", None),
    ("negative share", "POST", "/v1/recommendations",
     {"json": {"strengths": {"water": -0.5}}}, 422, "strengths.water", None),
    ("unknown sector in needs", "POST", "/v1/recommendations",
     {"json": {"needs": {SQL_INJECTION: 1}}}, 422, f"needs.{SQL_INJECTION}",
     "unknown_sector"),  # fmt: skip
    ("k = 0 in body", "POST", "/v1/recommendations", {"json": {"k": 0}}, 422, "k",
     None),  # fmt: skip
]  # fmt: skip


@pytest.mark.parametrize("case", API_CASES, ids=[c[0] for c in API_CASES])
def test_api_bad_input_is_a_4xx_in_the_error_shape(api, case):
    _, method, path, kwargs, status, field, code = case
    assert_error(api.request(method, path, **kwargs), status, field, code)


def test_api_unknown_names_come_with_suggestions(api):
    error = assert_error(api.get("/v1/localities/Da Nangg"), 404)
    assert any("Đà Nẵng" in s for s in error["suggestions"])
    error = assert_error(api.get(RECS, params={"sector": "watr"}), 422, "sector")
    assert "water" in error["suggestions"]


def test_api_huge_value_is_not_echoed_whole(api):
    error = assert_error(api.get(f"/v1/localities/{'z' * 5000}"), 422, "locality_id")
    assert len(error["message"]) < 400
    error = assert_error(api.get(RECS, params={"sector": "s" * 60}), 422, "sector")
    assert len(error["message"]) < 1000


def _weight_file(version: str, **changes) -> dict:
    from matcher import FACET_NAMES

    weights = {name: 1.0 for name in FACET_NAMES}
    weights.update(changes)
    return {"format": "partner-match-weights/1", "version": version, "weights": weights}


@pytest.mark.parametrize(
    "weights, field",
    [
        ({"proximity": -1.0}, "weights.proximity"),
        ({"proximity": "heavy"}, "weights.proximity"),
        ({"teleportation": 1.0}, None),
    ],
    ids=["negative", "text", "unknown facet"],
)
def test_api_bad_weights(api, headers, weights, field):
    response = api.put(
        "/v1/weights", json=_weight_file("bad", **weights), headers=headers
    )
    assert_error(response, 422, field)


def test_api_nan_weight(api, headers):
    text = json.dumps(_weight_file("bad-nan")).replace(
        '"proximity": 1.0', '"proximity": NaN'
    )
    response = api.put(
        "/v1/weights",
        content=text,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert_error(response, 422, "weights.proximity")


def test_api_bad_writes(api, headers):
    feedback = {
        "province_id": "vn:48",
        "candidate_id": "iso:JP-35",
        "verdict": "useful",
    }
    bad_id = {**feedback, "province_id": SQL_INJECTION}
    assert_error(
        api.post("/v1/feedback", json=bad_id, headers=headers), 422, "province_id"
    )
    bad_verdict = {**feedback, "verdict": "<b>great</b>"}
    assert_error(
        api.post("/v1/feedback", json=bad_verdict, headers=headers), 422, "verdict"
    )
    huge = {**feedback, "note": "x" * 70_000}
    assert_error(api.post("/v1/feedback", json=huge, headers=headers), 413, "body")
    entry = {"role": "strength", "value": 0.5, "evidence": "e", "source": "s"}
    bad_sector = {"entries": [{**entry, "sector": SQL_INJECTION}]}
    response = api.put("/v1/localities/vn:48/profile", json=bad_sector, headers=headers)
    assert_error(response, 422, f"entries.0.{SQL_INJECTION}", "unknown_sector")
    nan_value = json.dumps({"entries": [{**entry, "sector": "water"}]}).replace(
        '"value": 0.5', '"value": NaN'
    )
    response = api.put(
        "/v1/localities/vn:48/profile",
        content=nan_value,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert_error(response, 422, "entries.0.value")


def test_injection_strings_are_stored_as_text_and_the_database_works(
    api, headers, db_path
):
    note = f"{SQL_INJECTION} {HTML_INJECTION}"
    body = {
        "province_id": "vn:48",
        "candidate_id": "iso:JP-35",
        "verdict": "useful",
        "note": note,
    }
    assert api.post("/v1/feedback", json=body, headers=headers).status_code == 201
    entry = {"sector": "water", "role": "need", "value": 0.5, "source": HTML_INJECTION}
    profile = {"entries": [{**entry, "evidence": note}]}
    response = api.put("/v1/localities/vn:46/profile", json=profile, headers=headers)
    assert response.status_code == 200, response.text
    shown = api.get("/v1/localities/vn:46").json()["profile"]
    assert any(e["evidence"] == note for e in shown)  # verbatim, as JSON text
    exported = api.get("/v1/feedback/export?format=jsonl", headers=headers).text
    assert [json.loads(line)["note"] for line in exported.splitlines()] == [note]
    with sqlite3.connect(db_path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert {"feedback", "api_keys", "profile_edits", "audit_log"} <= tables
        assert connection.execute("SELECT count(*) FROM feedback").fetchone() == (1,)
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # and the service still answers a write and a read
    assert api.post("/v1/feedback", json=body, headers=headers).status_code == 201
    assert api.get(RECS, params={"k": 3}).status_code == 200


# -- the CLI ---------------------------------------------------------------------


@pytest.fixture
def quick_cli(monkeypatch, engine, tmp_path):
    """The CLI on the session's engine (a ``--weights`` file still loads for real)."""
    real = cli_match._engine
    monkeypatch.setattr(
        cli_match,
        "_engine",
        lambda weights=None: engine if weights is None else real(weights),
    )
    monkeypatch.setattr(cli, "_catalog", lambda: engine.catalog)
    monkeypatch.setattr(cli, "NameResolver", lambda catalog: engine.resolver)
    monkeypatch.setenv("PARTNER_MATCH_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    cli.get_settings.cache_clear()
    yield tmp_path
    cli.get_settings.cache_clear()


def _weights_file(folder, name: str, content: bytes | None = None, **changes):
    path = folder / name
    if content is None:
        base = json.loads((PROJECT_ROOT / "data/weights/current.json").read_text())
        base["weights"].update(changes)
        content = json.dumps(base).encode()
    path.write_bytes(content)
    return str(path)


def _file(folder, name: str, content: bytes) -> str:
    path = folder / name
    path.write_bytes(content)
    return str(path)


# (name, argv builder given the temp folder, words the one sentence must contain)
CLI_CASES = [
    ("unknown province", lambda d: ["recommend", "Narnia"], "unknown locality"),
    ("empty province", lambda d: ["recommend", ""], "unknown locality"),
    ("huge province", lambda d: ["recommend", "x" * 100_000], "100,000 characters"),
    ("SQL in name", lambda d: ["recommend", SQL_INJECTION], "unknown locality"),
    ("HTML in name", lambda d: ["recommend", HTML_INJECTION], "unknown locality"),
    ("foreign place", lambda d: ["recommend", "Narnia Prefecture"], "unknown"),
    ("k = 0", lambda d: ["recommend", "vn:48", "--k", "0"], "'k' parameter"),
    ("k < 0", lambda d: ["recommend", "vn:48", "--k", "-5"], "'k' parameter"),
    ("k huge", lambda d: ["recommend", "vn:48", "--k", "100000"], "'k' parameter"),
    ("k not a number", lambda d: ["recommend", "vn:48", "--k", "ten"], "--k"),
    ("unknown sector", lambda d: ["recommend", "vn:48", "--sector", "space"],
     "unknown sector 'space'"),  # fmt: skip
    ("unknown country", lambda d: ["recommend", "vn:48", "--country", "Narnia"],
     "unknown country"),  # fmt: skip
    ("unknown level", lambda d: ["recommend", "vn:48", "--level", "moon"], "--level"),
    ("max per country < 0",
     lambda d: ["recommend", "vn:48", "--max-per-country", "-1"],
     "max_per_country"),  # fmt: skip
    ("unknown focus", lambda d: ["recommend", "vn:48", "--for", "spaceflight"],
     "unknown sector 'spaceflight'; closest: vocational_training"),  # fmt: skip
    ("unknown region", lambda d: ["recommend", "vn:48", "--region", "Eurpoe"],
     "unknown region 'Eurpoe'; closest:"),  # fmt: skip
    ("own country only", lambda d: ["recommend", "vn:48", "--country", "VN"],
     "own country"),  # fmt: skip
    ("NaN weight", lambda d: ["recommend", "vn:48", "--weights",
     _weights_file(d, "nan.json", proximity=float("nan"))], "'proximity'"),
    ("negative weight", lambda d: ["recommend", "vn:48", "--weights",
     _weights_file(d, "neg.json", proximity=-1.0)], "'proximity'"),
    ("binary weight file", lambda d: ["recommend", "vn:48", "--weights",
     _weights_file(d, "bin.json", b"\xff\xfe\x00\x01")], "weight file"),
    ("missing weight file", lambda d: ["recommend", "vn:48", "--weights",
     str(d / "nope.json")], "weight file"),
    ("empty text", lambda d: ["tag", _file(d, "e.txt", b"")], "empty"),
    ("binary text", lambda d: ["tag", _file(d, "b.txt", b"\x00\x01PK")], "binary"),
    ("invalid UTF-8", lambda d: ["tag", _file(d, "l.txt", "Coopé".encode("latin-1"))],
     "UTF-8"),  # fmt: skip
    ("huge text", lambda d: ["tag", _file(d, "h.txt", b"word " * 500_000)],
     "too large"),  # fmt: skip
    ("missing text file", lambda d: ["tag", str(d / "nope.txt")], "cannot read"),
    ("unknown role", lambda d: ["keys", "create", "--role", "god"], "--role"),
    ("SQL in key name", lambda d: ["keys", "revoke", SQL_INJECTION], "no active key"),
    ("unknown command", lambda d: ["recomend", "vn:48"], "invalid choice"),
]  # fmt: skip


@pytest.mark.parametrize("case", CLI_CASES, ids=[c[0] for c in CLI_CASES])
def test_cli_bad_input_is_one_sentence_and_exit_1(quick_cli, capsys, case):
    _, argv, words = case
    assert cli.main(argv(quick_cli)) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("partner-match: error: ")
    assert words in lines[0]
    assert len(lines[0]) < 1200
    assert not any(leak in captured.err for leak in LEAKS)


@pytest.mark.parametrize("name", ["Quảng Nam", "quang nam", "Da Nang", "Hội An"])
def test_cli_old_and_plain_names_still_resolve(quick_cli, capsys, name):
    assert cli.main(["recommend", name, "--k", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["province"]["id"] == "vn:48"


def test_cli_keys_survive_an_injection_attempt(quick_cli, capsys):
    assert (
        cli.main(["keys", "create", "--role", "editor", "--name", SQL_INJECTION]) == 0
    )
    assert cli.main(["keys", "revoke", SQL_INJECTION]) == 0
    assert cli.main(["keys", "list"]) == 0
    out = capsys.readouterr().out
    assert SQL_INJECTION in out and "revoked" in out
