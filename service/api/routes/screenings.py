"""Screening of inbound letters: screen and store a text, list and read screenings.

``POST /v1/screenings`` runs :func:`matcher.screening.screen_text` with the app's
engine (active weights) and tagger and stores the text and the result, with who
asked and when, in one transaction. Screenings hold the officer's pasted text, so
every route needs a key of any role unless ``open_screening`` is on (reading them
also needs ``open_read``).
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from matcher.screening import screen_text
from matcher.wording import LANGUAGES
from service.api.deps import EngineDep, PrincipalDep, SessionDep, StateDep
from service.api.errors import ApiError, responses
from service.api.language import LanguageDep
from service.api.schemas.screenings import (
    PartyRefOut,
    ScreeningDetailOut,
    ScreeningIn,
    ScreeningInputFullOut,
    ScreeningInputOut,
    ScreeningListOut,
    ScreeningOut,
    ScreeningResultOut,
    ScreeningSummaryOut,
)
from service.api.serialisation import OTHER_LANGUAGES, localise_flags, screening_json
from service.storage.database import as_utc
from service.storage.keys import Principal
from service.storage.models import SCREENING_STATUSES
from service.storage.screenings import (
    add_screening,
    count_screenings,
    get_screening,
    list_screenings,
)

__all__ = [
    "router",
    "require_screener",
    "require_screening_reader",
    "ScreeningReaderDep",
    "MAX_LIST",
]

router = APIRouter(prefix="/v1/screenings", tags=["screenings"])

MAX_LIST = 200
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="partner-match"'}


async def require_screener(state: StateDep, principal: PrincipalDep) -> Principal:
    """Screening: any key (editor, analyst, admin); anyone with open_screening."""
    if principal.role is None and not state.settings.open_screening:
        raise ApiError(
            401,
            "screening needs an API key (it stores the text; open_screening is off)",
            headers=_CHALLENGE,
        )
    return principal


async def require_screening_reader(
    state: StateDep, principal: PrincipalDep
) -> Principal:
    """Reading screenings: any key; anyone with open_screening and open_read."""
    settings = state.settings
    if principal.role is None and not (settings.open_screening and settings.open_read):
        raise ApiError(
            401,
            "stored screenings need an API key (they hold the pasted texts)",
            headers=_CHALLENGE,
        )
    return principal


ScreenerDep = Annotated[Principal, Depends(require_screener)]
ScreeningReaderDep = Annotated[Principal, Depends(require_screening_reader)]


def _said(screening, lang: str) -> dict:
    """The screening in ``lang``: ``screen --json``'s shape, validated."""
    body = screening_json(screening, lang)
    return ScreeningResultOut.model_validate(body).model_dump(mode="json")


def _result(screening, lang: str) -> dict:
    """The screening as stored: said in ``lang``, and in the other languages
    under :data:`OTHER_LANGUAGES`, so that a reader in another language gets
    every sentence in it, not only the flags."""
    others = {other: _said(screening, other) for other in LANGUAGES if other != lang}
    return {**_said(screening, lang), OTHER_LANGUAGES: others}


def _input(row, *, full: bool) -> ScreeningInputOut:
    fields = {
        "sender": row.sender,
        "country": row.country,
        "chars": row.text_chars,
        "sha256": row.text_sha256,
    }
    if full:
        return ScreeningInputFullOut(**fields, text=row.text)
    return ScreeningInputOut(**fields)


def _stored(row, model: type[ScreeningOut], lang: str, *, full: bool) -> ScreeningOut:
    return model(
        **localise_flags(row.result, lang),
        id=row.id,
        created_at=as_utc(row.created_at),
        created_by=row.created_by,
        status=row.status or "new",
        input=_input(row, full=full),
    )


@router.post(
    "",
    summary="Screen an inbound letter, e-mail or pasted page, and store it",
    status_code=201,
    response_model=ScreeningOut,
    responses=responses(401, 413, 422),
)
def post_screening(
    body: ScreeningIn,
    engine: EngineDep,
    state: StateDep,
    lang: LanguageDep,
    principal: ScreenerDep,
) -> ScreeningOut:
    """The foreign party, what it offers and seeks, all 34 units ranked for it
    (each explained), the concreteness and the flags.

    Screened on the service's text lane, one text at a time. The text (at most
    ``max_body_bytes`` of request, 2 MB of UTF-8) is stored with the result, who
    asked and when. Unusable text (empty, only a web address, no
    sentence, binary) is a 422 ``invalid_text``.
    """

    def screen():
        tagger = state.tagger()
        if tagger is None:
            return None
        return screen_text(
            body.text,
            sender=body.sender,
            country=body.country,
            engine=engine,
            tagger=tagger,
        )

    screening = state.text_lane.run(screen)
    if screening is None:
        raise ApiError(503, "screening is unavailable: the sector tagger is missing")
    result = _result(screening, lang)
    with state.store.transaction() as session:
        row = add_screening(
            session,
            actor=principal.actor,
            text=body.text,
            result=result,
            sender=body.sender,
            country=body.country,
        )
    return _stored(row, ScreeningOut, lang, full=False)


@router.get(
    "",
    summary="Stored screenings, newest first",
    response_model=ScreeningListOut,
    responses=responses(401, 422),
)
def get_screenings(
    session: SessionDep,
    _reader: ScreeningReaderDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIST)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
    status: Annotated[
        Literal[SCREENING_STATUSES] | None,  # type: ignore[valid-type]
        Query(description="only new, forwarded or answered ones"),
    ] = None,
) -> ScreeningListOut:
    """Id, when, who, the party, the concreteness level, the flag codes and the
    status."""
    rows = list_screenings(session, limit=limit, offset=offset, status=status)
    items = [
        ScreeningSummaryOut(
            id=r.id,
            created_at=as_utc(r.created_at),
            created_by=r.created_by,
            party=PartyRefOut(
                id=r.party_id,
                name=r.party_name,
                country=r.party_country,
                confidence=r.party_confidence,
            ),
            concreteness_level=r.concreteness_level,
            n_flags=len(r.flag_codes),
            flags=list(r.flag_codes),
            chars=r.text_chars,
            status=r.status or "new",
        )
        for r in rows
    ]
    return ScreeningListOut(
        total=count_screenings(session, status),
        limit=limit,
        offset=offset,
        items=items,
    )


@router.get(
    "/{screening_id}",
    summary="One stored screening in full, with its text",
    response_model=ScreeningDetailOut,
    responses=responses(401, 404, 422),
)
def get_one_screening(
    screening_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    lang: LanguageDep,
    _reader: ScreeningReaderDep,
) -> ScreeningOut:
    """The screening as ``POST`` answered it, plus the screened text; flag messages
    in the language asked for."""
    row = get_screening(session, screening_id)
    return _stored(row, ScreeningDetailOut, lang, full=True)
