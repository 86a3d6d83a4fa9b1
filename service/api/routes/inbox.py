"""The embassy inbox: a stored screening's status and its note to a province.

``PATCH /v1/screenings/{id}`` moves a screening to new, forwarded or answered;
``GET /v1/screenings/{id}/forward?province=vn:xx`` says in a few Vietnamese lines
(English on request) who wrote, what they offer and seek, how concrete the
letter is and where the province stands among the 34 for it — all read from the
stored screening, worded by :func:`matcher.wording.forward_summary`. Access is
that of stored screenings (any key; anyone with open_screening and open_read).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from features.errors import InvalidParameterError
from matcher.wording import forward_summary
from service.api.deps import EngineDep, SessionDep, StateDep
from service.api.errors import responses
from service.api.routes.localities import known_locality
from service.api.routes.screenings import ScreeningReaderDep
from service.api.schemas.desk import ForwardOut, ScreeningStatusIn, ScreeningStatusOut
from service.api.serialisation import localise_flags
from service.storage.database import as_utc
from service.storage.screenings import get_screening, set_status

__all__ = ["router", "forward_text"]

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])

ScreeningId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.patch(
    "/{screening_id}",
    summary="Set a stored screening's status: new, forwarded or answered",
    response_model=ScreeningStatusOut,
    responses=responses(401, 404, 422),
)
def patch_screening(
    screening_id: ScreeningId,
    body: ScreeningStatusIn,
    state: StateDep,
    principal: ScreeningReaderDep,
) -> ScreeningStatusOut:
    """Who set it and when are stored with it, and an audit row."""
    with state.store.transaction() as session:
        row = set_status(
            session, screening_id, actor=principal.actor, status=body.status
        )
    return ScreeningStatusOut(
        id=row.id,
        status=row.status,
        status_by=row.status_by,
        status_at=as_utc(row.status_at),
    )


def forward_text(row, province_id: str, province_name: str, lang: str) -> str:
    """The forwarding note of a stored screening ``row`` for one province."""
    result = localise_flags(row.result, lang)
    party = result.get("party", {})
    label = "label_vi" if lang == "vi" else "label_en"
    rank = fit = None
    for i, p in enumerate(result.get("provinces", ()), start=1):
        if p["id"] == province_id:
            rank, fit = i, p["score"]
            break
    concreteness = result.get("concreteness", {})
    return forward_summary(
        province=province_name,
        party=party.get("name"),
        country=party.get("country"),
        date=as_utc(row.created_at).date(),
        screening_id=row.id,
        offers=[c[label] for c in result.get("offers", ())],
        seeks=[c[label] for c in result.get("seeks", ())],
        level=concreteness.get("level", ""),
        score=float(concreteness.get("score", 0.0)),
        rank=rank,
        fit_score=fit,
        flags=[f["message"] for f in result.get("flags", ())],
        lang=lang,
    )


@router.get(
    "/{screening_id}/forward",
    summary="A short note forwarding a screened letter to a province",
    response_model=ForwardOut,
    responses=responses(401, 404, 422),
)
def forward_screening(
    screening_id: ScreeningId,
    province: Annotated[
        str, Query(min_length=1, max_length=64, description="A Vietnamese unit id.")
    ],
    engine: EngineDep,
    session: SessionDep,
    _reader: ScreeningReaderDep,
    lang: Annotated[
        Literal["vi", "en"], Query(description="vi (default) or en")
    ] = "vi",
) -> ForwardOut:
    """Built from the stored screening's facts only; the text is ready to copy."""
    loc = known_locality(engine, province, field="province")
    if not loc.is_vietnamese:
        raise InvalidParameterError(
            "province",
            "one of Vietnam's 34 provinces and cities",
            province,
            expected_vi="một trong 34 tỉnh, thành phố của Việt Nam",
        )
    row = get_screening(session, screening_id)
    return ForwardOut(
        screening_id=row.id,
        province_id=loc.id,
        province_name=loc.name,
        lang=lang,
        text=forward_text(row, loc.id, loc.name, lang),
    )
