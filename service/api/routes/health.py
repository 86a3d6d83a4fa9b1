"""Liveness, readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.deps import StateDep
from service.api.schemas.recommendations import ErrorResponse, HealthOut, ReadyOut

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process answers", response_model=HealthOut)
def healthz() -> HealthOut:
    """Always ``{"status": "ok"}`` while the process runs."""
    return HealthOut()


@router.get(
    "/readyz",
    summary="The engine is loaded and the database answers",
    response_model=ReadyOut,
    responses={503: {"model": ReadyOut, "description": "Not ready yet."}},
)
def readyz(state: StateDep) -> JSONResponse:
    """503 until the engine is loaded and while the database does not answer."""
    database = state.store.ping()
    ready = state.ready and database
    body = ReadyOut(
        status="ready" if ready else "not_ready",
        engine_loaded=state.ready,
        database=database,
        weights_version=state.engine.weights.version if state.engine else None,
    )
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics (text exposition format)",
    response_class=Response,
    responses={
        200: {"content": {"text/plain": {}}, "description": "Prometheus text format."},
        500: {"model": ErrorResponse, "description": "Internal error."},
    },
)
def metrics(request: Request, state: StateDep) -> Response:
    """Request counters and latency histograms by route template."""
    collectors = request.app.state.metrics
    collectors.engine_ready.set(1 if state.ready else 0)
    return Response(
        generate_latest(collectors.registry), media_type=CONTENT_TYPE_LATEST
    )
