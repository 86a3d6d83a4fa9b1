"""Fixtures of the service tests: one engine per session, an app per module.

Loading the engine takes seconds, so it is loaded once and handed to every
``create_app``; each test module gets its own app on its own temporary SQLite file.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from features.paths import DEFAULT_DATA_DIR
from service.api.app import create_app
from service.settings import Settings
from service.storage.database import Store
from service.storage.keys import create_key

POSTGRES_ENV = "PARTNER_MATCH_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def service_engine():
    """The real engine (catalog, resolver, fitted matcher), loaded once."""
    from matcher import load_engine

    return load_engine(DEFAULT_DATA_DIR)


def sqlite_url(folder) -> str:
    """An SQLite URL for a file in ``folder``."""
    return f"sqlite:///{folder / 'service.db'}"


@contextmanager
def running_client(engine, url: str, tagger=None, **settings) -> Iterator[TestClient]:
    """A TestClient (lifespan run) on a fresh app over the database at ``url``."""
    app = create_app(
        Settings(database_url=url, **settings), engine=engine, tagger=tagger
    )
    with TestClient(app) as client:
        yield client


def make_keys(url: str) -> dict[str, str]:
    """One key per role in the database at ``url``: role → token."""
    store = Store(url)
    keys = {}
    with store.transaction() as session:
        for role in ("editor", "analyst", "admin"):
            _, keys[role] = create_key(
                session, name=f"test-{role}", role=role, actor="test"
            )
    store.dispose()
    return keys


@pytest.fixture(scope="session")
def client_on(service_engine):
    """``client_on(url, **settings)``: a running TestClient over the database at url."""

    def factory(url: str, tagger=None, **settings):
        return running_client(service_engine, url, tagger=tagger, **settings)

    return factory


@pytest.fixture(scope="module")
def db_url(tmp_path_factory) -> str:
    """A temporary SQLite file for this module."""
    return sqlite_url(tmp_path_factory.mktemp("service-db"))


@pytest.fixture(scope="module")
def client(service_engine, db_url) -> Iterator[TestClient]:
    """The app of this module, through TestClient as a context manager."""
    with running_client(service_engine, db_url, max_body_bytes=64 * 1024) as c:
        yield c


@pytest.fixture(scope="module")
def keys(client, db_url) -> dict[str, str]:
    """A key per role (editor, analyst, admin) for this module's app."""
    return make_keys(db_url)


@pytest.fixture(scope="module")
def as_role(keys) -> dict[str, dict[str, str]]:
    """Request headers carrying the key of each role: role → headers."""
    return {role: {"X-API-Key": token} for role, token in keys.items()}


@pytest.fixture(params=["sqlite", "postgres"])
def backend_url(request, tmp_path) -> str:
    """A fresh, migrated-from-scratch database: SQLite, and PostgreSQL when given.

    PostgreSQL runs when ``PARTNER_MATCH_TEST_POSTGRES_URL`` names a server
    (.ci/run starts one); otherwise that half skips, saying so.
    """
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"{POSTGRES_ENV} is not set: no PostgreSQL server to test against")
    store = Store(url)
    store.downgrade("base")
    store.dispose()
    return url


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def live(service_engine, tagger, tmp_path_factory):
    """(base URL, database URL, editor key) of an app served by uvicorn in a thread
    on a free loopback port, with its own SQLite file (one per test module)."""
    import uvicorn

    url = sqlite_url(tmp_path_factory.mktemp("web"))
    app = create_app(Settings(database_url=url), engine=service_engine, tagger=tagger)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the app did not start")
        time.sleep(0.05)
    store = Store(url)
    with store.transaction() as session:
        _, token = create_key(session, name="browser", role="editor", actor="test")
    store.dispose()
    yield f"http://127.0.0.1:{port}", url, token
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium through Playwright (skips, saying why, when it is absent)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is absent (apt-get install -y chromium; .ci/run does)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
