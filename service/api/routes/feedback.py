"""Feedback on recommended partners: record a verdict, read the caller's own for a
province (the page demotes what it marked not useful), export them for training."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from service.api.deps import EngineDep, StateDep, require_feedback_writer, require_roles
from service.api.errors import responses
from service.api.routes.localities import known_locality
from service.api.schemas.feedback import FeedbackIn, FeedbackListOut, FeedbackOut
from service.api.schemas.recommendations import VERDICTS
from service.storage.database import as_utc
from service.storage.feedback import add_feedback, iter_feedback, latest_verdicts
from service.storage.keys import Principal

__all__ = ["router", "EXPORT_COLUMNS"]

router = APIRouter(prefix="/v1/feedback", tags=["feedback"])

EXPORT_COLUMNS = (
    "id",
    "province_id",
    "candidate_id",
    "verdict",
    "note",
    "weights_version",
    "created_by",
    "created_at",
)


def _out(row) -> FeedbackOut:
    return FeedbackOut(
        id=row.id,
        province_id=row.province_id,
        candidate_id=row.candidate_id,
        verdict=row.verdict,
        note=row.note,
        weights_version=row.weights_version,
        created_by=row.created_by,
        created_at=as_utc(row.created_at),
    )


@router.post(
    "",
    summary="Record a verdict on a recommended partner",
    status_code=201,
    response_model=FeedbackOut,
    responses=responses(401, 404, 413, 422),
)
def post_feedback(
    body: FeedbackIn,
    engine: EngineDep,
    state: StateDep,
    principal: Annotated[Principal, Depends(require_feedback_writer)],
) -> FeedbackOut:
    """Any key (editor, analyst, admin) may; anyone when ``open_feedback`` is on.

    Both ids must be in the catalog; the active weight version is stored with it.
    """
    known_locality(engine, body.province_id, field="province_id")
    known_locality(engine, body.candidate_id, field="candidate_id")
    with state.store.transaction() as session:
        row = add_feedback(
            session,
            actor=principal.actor,
            province_id=body.province_id,
            candidate_id=body.candidate_id,
            verdict=body.verdict,
            note=body.note,
            weights_version=engine.weights.version,
        )
    return _out(row)


@router.get(
    "",
    summary="The caller's newest verdict on each candidate for a province (any key)",
    response_model=FeedbackListOut,
    responses=responses(401, 403, 422),
)
def read_feedback(
    province_id: Annotated[
        str, Query(min_length=1, max_length=64, description="A catalog id, e.g. vn:48.")
    ],
    engine: EngineDep,
    state: StateDep,
    principal: Annotated[Principal, Depends(require_roles("editor", "analyst"))],
    verdict: Annotated[
        Literal[VERDICTS] | None,
        Query(description="Only candidates whose newest verdict is this one."),
    ] = None,
) -> FeedbackListOut:
    """The verdicts this key recorded, the newest per candidate, oldest first:
    with ``verdict=not_useful``, the candidates a ranking should demote."""
    known_locality(engine, province_id, field="province_id")
    with state.store.reading() as session:
        rows = latest_verdicts(session, actor=principal.actor, province_id=province_id)
        items = [_out(r) for r in rows if verdict is None or r.verdict == verdict]
    return FeedbackListOut(province_id=province_id, items=items)


@router.get(
    "/export",
    summary="Every verdict, as CSV or JSON lines (analyst or admin)",
    responses={
        200: {
            "description": "CSV (text/csv) or JSON lines (application/x-ndjson).",
            "content": {"text/csv": {}, "application/x-ndjson": {}},
        },
        **responses(401, 403, 422),
    },
)
def export_feedback(
    state: StateDep,
    _principal: Annotated[Principal, Depends(require_roles("analyst"))],
    format: Annotated[
        Literal["csv", "jsonl"], Query(description="csv or jsonl")
    ] = "csv",
) -> StreamingResponse:
    """Training data for the weights: one row per verdict, oldest first."""

    def rows() -> Iterator[dict]:
        with state.store.reading() as session:
            for row in iter_feedback(session):
                yield _out(row).model_dump(mode="json")

    def as_csv() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for item in rows():
            writer.writerow(item)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    def as_jsonl() -> Iterator[str]:
        for item in rows():
            yield json.dumps(item, ensure_ascii=False) + "\n"

    if format == "csv":
        return StreamingResponse(
            as_csv(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="feedback.csv"'},
        )
    return StreamingResponse(
        as_jsonl(),
        media_type="application/x-ndjson",
        headers={"Content-Disposition": 'attachment; filename="feedback.jsonl"'},
    )
