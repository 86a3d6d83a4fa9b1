"""Facet weights: read the active set, put a new weight file, restore an old one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from features.errors import InvalidParameterError
from matcher.weights import validate_weights
from service.api.deps import EngineDep, ReaderDep, SessionDep, StateDep, require_roles
from service.api.errors import ApiError, responses
from service.api.schemas.weights import (
    WeightFileIn,
    WeightHistoryOut,
    WeightsOut,
    WeightVersionOut,
)
from service.storage.database import as_utc
from service.storage.keys import Principal
from service.storage.weight_sets import (
    active_weight_set,
    put_weight_set,
    restore_weight_set,
    weight_history,
)

__all__ = ["router"]

router = APIRouter(prefix="/v1/weights", tags=["weights"])
Analyst = Annotated[Principal, Depends(require_roles("analyst"))]


def _active(state, session) -> WeightsOut:
    shipped = state.shipped.weights
    row = active_weight_set(session)
    if row is None:
        return WeightsOut(
            source="shipped",
            version=shipped.version,
            file=shipped.to_json(),
            shipped_version=shipped.version,
        )
    return WeightsOut(
        source="database",
        version=row.version,
        file=row.body,
        activated_by=row.activated_by,
        activated_at=as_utc(row.activated_at),
        shipped_version=shipped.version,
    )


@router.get(
    "",
    summary="The active facet weights (weight-file JSON) and their version",
    response_model=WeightsOut,
    responses=responses(401),
)
def get_weights(
    engine: EngineDep, state: StateDep, session: SessionDep, _reader: ReaderDep
) -> WeightsOut:
    """``file`` is the weight file in force, as ``matcher.save_weights`` writes it."""
    return _active(state, session)


@router.get(
    "/history",
    summary="Every weight set stored through the API, newest first",
    response_model=WeightHistoryOut,
    responses=responses(401),
)
def get_weight_history(
    engine: EngineDep, state: StateDep, session: SessionDep, _reader: ReaderDep
) -> WeightHistoryOut:
    """Stored versions with who put and who last activated each."""
    return WeightHistoryOut(
        shipped_version=state.shipped.weights.version,
        versions=[
            WeightVersionOut(
                version=r.version,
                active=r.active,
                created_by=r.created_by,
                created_at=as_utc(r.created_at),
                activated_by=r.activated_by,
                activated_at=as_utc(r.activated_at),
            )
            for r in weight_history(session)
        ],
    )


@router.put(
    "",
    summary="Activate a new weight file (analyst or admin)",
    response_model=WeightsOut,
    responses=responses(401, 403, 409, 413, 422),
)
def put_weights(
    body: WeightFileIn, engine: EngineDep, state: StateDep, principal: Analyst
) -> WeightsOut:
    """The body is a weight file exactly as exported (format partner-match-weights/1).

    Every facet must appear once with a finite weight ≥ 0; the set is stored with
    who and when, and becomes the active one. Earlier sets stay restorable.
    """
    try:
        weights = validate_weights(body.weights)
    except InvalidParameterError as error:
        raise ApiError(
            422, str(error), code="invalid_parameter", field=f"weights.{error.name}"
        ) from None
    file = {**body.model_dump(mode="json"), "weights": weights}
    if file["version"] == state.shipped.weights.version:
        raise ApiError(
            409,
            f"{file['version']!r} is the shipped weight version; give the file a new "
            "version",
            field="version",
        )
    with state.store.transaction() as session:
        put_weight_set(session, file, actor=principal.actor)
    with state.store.reading() as session:
        state.sync(session)
        return _active(state, session)


@router.post(
    "/{version}/restore",
    summary="Make a stored (or the shipped) weight version active again",
    response_model=WeightsOut,
    responses=responses(401, 403, 404, 422),
)
def restore_weights(
    version: Annotated[str, Path(min_length=1, max_length=100, pattern=r"^[\w.:+-]+$")],
    engine: EngineDep,
    state: StateDep,
    principal: Analyst,
) -> WeightsOut:
    """Analyst or admin; the shipped version's name restores the shipped file."""
    with state.store.transaction() as session:
        restore_weight_set(
            session,
            version,
            actor=principal.actor,
            shipped_version=state.shipped.weights.version,
        )
    with state.store.reading() as session:
        state.sync(session)
        return _active(state, session)
