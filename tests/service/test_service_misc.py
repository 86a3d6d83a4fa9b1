"""Settings switches, metrics, OpenAPI, the CLI, the docs and the exports."""

from __future__ import annotations

import importlib
import re

import pytest

from service.settings import PROJECT_ROOT, Settings
from service.storage.database import Store
from service.storage.keys import list_keys

SERVICE_MODULES = [
    "service.api.app",
    "service.api.deps",
    "service.api.errors",
    "service.api.metrics",
    "service.api.middleware",
    "service.storage.models",
    "service.api.queries",
    "service.api.schemas.recommendations",
    "service.storage.keys",
    "service.settings",
    "service.api.state",
    "service.storage.database",
    "service.api.routes.feedback",
    "service.api.routes.health",
    "service.api.routes.localities",
    "service.api.routes.recommendations",
    "service.api.routes.weights",
    "service.api.routes.compare",
    "service.api.routes.exports",
    "service.api.routes.inbox",
    "service.api.routes.shortlists",
    "service.api.schemas.desk",
    "service.storage.shortlists",
    "service.documents",
    "service.cli.serve",
    "service.api.cached_reads",
    "service.memory",
    "service.api.text_lane",
]


def test_closed_reading_needs_a_key(client_on, tmp_path):
    url = f"sqlite:///{tmp_path / 'closed.db'}"
    with client_on(url, open_read=False) as client:
        denied = client.get("/v1/localities/vn:48")
        assert denied.status_code == 401
        assert client.get("/healthz").status_code == 200
        store = Store(url)
        from service.storage.keys import create_key

        with store.transaction() as session:
            _, token = create_key(session, name="r", role="editor", actor="t")
        store.dispose()
        assert (
            client.get("/v1/localities/vn:48", headers={"X-API-Key": token}).status_code
            == 200
        )


def test_open_feedback_needs_no_key(client_on, tmp_path):
    url = f"sqlite:///{tmp_path / 'open.db'}"
    with client_on(url, open_feedback=True) as client:
        body = {
            "province_id": "vn:48",
            "candidate_id": "iso:JP-35",
            "verdict": "contacted",
        }
        response = client.post("/v1/feedback", json=body)
        assert response.status_code == 201
        assert response.json()["created_by"] == "anonymous"


def test_metrics_count_requests(client):
    client.get("/v1/localities/vn:48")
    client.get("/v1/localities/vn:999")
    text = client.get("/metrics").text
    assert re.search(
        r'partner_match_http_requests_total\{method="GET",route="/v1/localities/\{locality_id\}",'
        r'status="200"\} [1-9]',
        text,
    )
    assert 'status="404"' in text
    assert "partner_match_http_request_duration_seconds_bucket" in text
    assert "partner_match_engine_ready 1.0" in text


def test_openapi_documents_every_route(client):
    spec = client.get("/openapi.json").json()
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            assert op.get("summary"), f"{method} {path} has no summary"
            assert "200" in op["responses"] or "201" in op["responses"]
            for status, response in op["responses"].items():
                if status.startswith(("4", "5")) and status != "503":
                    ref = response["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/ErrorResponse"), (path, status)
    assert "/v1/localities/{locality_id}/recommendations" in spec["paths"]


def test_web_page_is_served(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert '<html lang="vi">' in page.text
    for name in ("app.js", "desk.js"):
        assert "innerHTML" not in client.get(f"/static/{name}").text
    assert (
        "http://" not in page.text.replace('"http:"', "")
        and "cdn" not in page.text.lower()
    )


def test_settings_are_documented_in_readme():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`PARTNER_MATCH_{name.upper()}`" in readme, (
            f"{name} is not in the README"
        )


def test_endpoints_are_documented_in_readme(client):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for path, methods in client.get("/openapi.json").json()["paths"].items():
        for method in methods:
            assert f"`{method.upper()} {path}" in readme, (
                f"{method} {path} not in README"
            )


@pytest.mark.parametrize("module", SERVICE_MODULES)
def test_all_lists_the_public_names(module):
    mod = importlib.import_module(module)
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.__all__ names missing {name}"
    router = getattr(mod, "router", None)
    endpoints = {r.endpoint.__name__ for r in getattr(router, "routes", [])}
    public = {
        n
        for n, v in vars(mod).items()
        if n not in endpoints
        if not n.startswith("_")
        and getattr(v, "__module__", None) == module
        and (callable(v) or isinstance(v, type))
    }
    assert public <= set(mod.__all__), f"{module}: {sorted(public - set(mod.__all__))}"


def test_cli_keys_and_db(tmp_path, monkeypatch, capsys):
    from service.cli.main import main
    from service.settings import get_settings

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("PARTNER_MATCH_DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        assert main(["db", "upgrade"]) == 0
        assert "revision 0003" in capsys.readouterr().out
        assert main(["keys", "create", "--role", "editor", "--name", "hoa"]) == 0
        token = capsys.readouterr().out.splitlines()[0]
        assert token.startswith("pm_")
        assert main(["keys", "list"]) == 0
        listing = capsys.readouterr().out
        assert "hoa" in listing and "editor" in listing and token not in listing
        assert main(["keys", "revoke", "hoa"]) == 0
        assert main(["keys", "revoke", "hoa"]) == 1
        assert "no active key" in capsys.readouterr().err
        store = Store(url)
        with store.reading() as session:
            assert [k.revoked_at is not None for k in list_keys(session)] == [True]
        store.dispose()
    finally:
        get_settings.cache_clear()
