"""The service is ready before the text model, which then loads in the background."""

import pytest
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings


def _url(folder) -> str:
    return f"sqlite:///{folder / 'service.db'}"


@pytest.mark.slow
def test_ready_before_the_text_model_which_then_loads(service_engine, tmp_path):
    app = create_app(
        Settings(database_url=_url(tmp_path)),
        engine=service_engine,
        preload_text_model=True,
    )
    with TestClient(app) as client:
        state = app.state.service
        assert client.get("/readyz").status_code == 200
        assert state.preload_thread is not None  # the model loads in the background
        tagger = state.tagger()  # waits for the background load, does not fail
        assert tagger is not None
        state.preload_thread.join(timeout=300)
        assert state.tagger() is tagger  # loaded once
        vector = state.text_vector("hợp tác du lịch biển")
        assert vector is not None and vector.shape == (384,)


def test_apps_given_an_engine_do_not_preload(service_engine, tmp_path):
    app = create_app(Settings(database_url=_url(tmp_path)), engine=service_engine)
    with TestClient(app) as client:
        assert client.get("/readyz").status_code == 200
        assert app.state.service.preload_thread is None
