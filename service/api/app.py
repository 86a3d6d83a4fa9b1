"""The FastAPI application factory: ``create_app(settings)``.

The engine loads in the lifespan (never at import), the database is migrated to
the newest schema at start-up and BLAS runs single-threaded while the app runs.
The web page is served at ``/`` from ``service/static``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from threadpoolctl import threadpool_limits

from matcher.engine import Engine
from service.api import cached_reads
from service.api.errors import install_error_handlers
from service.api.metrics import Metrics, MetricsMiddleware
from service.api.middleware import (
    BodyLimitMiddleware,
    ConcurrencyLimitMiddleware,
    ErrorBoundaryMiddleware,
)
from service.api.routes import compare as routes_compare
from service.api.routes import docs as routes_docs
from service.api.routes import exports as routes_exports
from service.api.routes import feedback as routes_feedback
from service.api.routes import health as routes_health
from service.api.routes import inbox as routes_inbox
from service.api.routes import localities as routes_localities
from service.api.routes import recommendations as routes_recommendations
from service.api.routes import screenings as routes_screenings
from service.api.routes import shortlists as routes_shortlists
from service.api.routes import weights as routes_weights
from service.api.state import ServiceState
from service.settings import Settings, get_settings
from service.storage.database import Store

__all__ = ["create_app", "STATIC_DIR", "API_DESCRIPTION", "BLAS_THREADS"]

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"

# BLAS threads while the app runs: requests already run side by side, and on 2
# busy cores a threaded 45,000 × 16 matrix-vector product took 11 ms, not 0.07.
BLAS_THREADS = 1

API_DESCRIPTION = """
Foreign partner localities for Vietnam's 34 provinces and centrally-run cities,
each with its explanation (facet contributions, needs met and gaps, evidence with
sources, flags).

Reading is open unless `open_read` is off. Writes need an API key in `X-API-Key`
or `Authorization: Bearer`: **editor** (declared profiles, feedback), **analyst**
(weights, feedback and its export), **admin** (everything). Every error answers
`{"error": {"status", "code", "message", "field", "suggestions"}}`.
"""


def create_app(
    settings: Settings | None = None,
    *,
    engine: Engine | None = None,
    tagger=None,
    preload_text_model: bool | None = None,
) -> FastAPI:
    """Build the app.

    Args:
        settings: Default: :func:`service.settings.get_settings`.
        engine: A loaded engine to serve (tests share one); default: loaded from
            ``settings.data_dir`` in the lifespan.
        tagger: A ``SectorTagger`` for texts; default: built on the
            first request with a text.
        preload_text_model: Load the text model in a background thread once the
            service is ready (a request needing it meanwhile waits for it);
            default: when the app loads its own engine (``serve``), not in tests.

    Returns:
        The FastAPI app; use it as an ASGI app or through ``TestClient`` as a
        context manager (the lifespan runs then).
    """
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        blas = threadpool_limits(limits=BLAS_THREADS, user_api="blas")
        store = Store(settings.database_url)
        await run_in_threadpool(store.upgrade)
        state = ServiceState(settings, store, engine=engine, tagger=tagger)
        app.state.service = state
        await run_in_threadpool(state.load)
        if preload_text_model if preload_text_model is not None else engine is None:
            state.preload_text_model()
        try:
            yield
        finally:
            state.text_lane.close()
            store.dispose()
            blas.restore_original_limits()

    app = FastAPI(
        title="partner-match",
        summary="Partner-matching recommendations for Vietnam's sub-national diplomacy",
        description=API_DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,  # offline pages: service.api.routes.docs
        redoc_url=None,
    )
    app.state.metrics = Metrics()
    install_error_handlers(app)
    app.add_middleware(ConcurrencyLimitMiddleware)
    app.add_middleware(
        cached_reads.CachedRecommendationsMiddleware,
        owner=app,
        compute=routes_recommendations.plain_ranking,
    )
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_body_bytes)
    app.add_middleware(ErrorBoundaryMiddleware)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    for module in (
        routes_health,
        routes_localities,
        routes_recommendations,
        routes_weights,
        routes_feedback,
        routes_screenings,
        routes_docs,
        routes_inbox,
        routes_compare,
        routes_shortlists,
        routes_exports,
    ):
        app.include_router(module.router)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount(
        routes_docs.ASSETS_URL,
        StaticFiles(directory=routes_docs.ASSETS_DIR),
        name="docs-assets",
    )
    return app
