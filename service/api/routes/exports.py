"""Documents of a ranking or a shortlist: Word, spreadsheet, CSV and a print view.

The candidates are explained by the matcher as in the ranking (declared edits
included) and put into a document by :mod:`service.documents`, in Vietnamese
unless ``Accept-Language`` asks for English.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from matcher.ranking import recommend
from service.api.deps import EngineDep, ReaderDep, SessionDep
from service.api.errors import responses
from service.api.routes.compare import FocusParam, asked_query
from service.api.routes.localities import LocalityPath, known_locality
from service.api.routes.recommendations import _filters, _focus
from service.api.routes.shortlists import ShortlistReaderDep
from service.api.schemas.desk import ExportFormat
from service.api.schemas.recommendations import RecommendationQuery
from service.documents import (
    MEDIA_TYPES,
    ExportDocument,
    build_document,
    filename,
    render,
)
from service.storage.shortlists import list_items

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["documents"])

_FORMAT = Annotated[
    ExportFormat, Query(description="docx, xlsx, csv or html (a print view)")
]
# Documents are for a tờ trình: Vietnamese unless English is asked for.
_LANG = Annotated[Literal["vi", "en"], Query(description="vi (default) or en")]
_DOCUMENT = {
    200: {
        "description": "The document (Word, spreadsheet, CSV or HTML).",
        "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
    }
}


def _answer(doc: ExportDocument, format: str) -> Response:
    disposition = "inline" if format == "html" else "attachment"
    return Response(
        content=render(doc, format),
        media_type=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": f'{disposition}; filename="{filename(doc, format)}"'
        },
    )


@router.get(
    "/localities/{locality_id}/recommendations/export",
    summary="A ranking as a document for a tờ trình (docx, xlsx, csv, html)",
    response_class=Response,
    responses={**_DOCUMENT, **responses(401, 404, 422)},
)
def export_recommendations(
    locality_id: LocalityPath,
    query: Annotated[RecommendationQuery, Query()],
    engine: EngineDep,
    session: SessionDep,
    _reader: ReaderDep,
    format: _FORMAT = "docx",
    lang: _LANG = "vi",
) -> Response:
    """The same ranking as ``…/recommendations`` with the same parameters (focus,
    region and the other filters, demoted candidates): the province, the date, its
    needs, each partner with its reasons, evidence and sources."""
    known_locality(engine, locality_id)
    filters = _filters(engine, query.filters, "")
    focus = _focus(engine, query.focus)
    asked, _version = asked_query(engine, session, locality_id)
    results = recommend(
        engine.matcher,
        asked,
        k=query.k,
        filters=filters,
        focus=focus or None,
        regions=engine.regions,
        demote=query.demote,
    )
    doc = build_document(
        engine,
        kind="ranking",
        province_id=locality_id,
        query=asked,
        explained=results,
        focus=focus,
        lang=lang,
    )
    return _answer(doc, format)


@router.get(
    "/shortlists/{province_id}/export",
    summary="The caller's shortlist as a document (docx, xlsx, csv, html)",
    response_class=Response,
    responses={**_DOCUMENT, **responses(401, 403, 404, 422)},
)
def export_shortlist(
    province_id: LocalityPath,
    engine: EngineDep,
    session: SessionDep,
    principal: ShortlistReaderDep,
    focus: FocusParam = None,
    format: _FORMAT = "docx",
    lang: _LANG = "vi",
) -> Response:
    """Each kept candidate explained for the province (for ``focus`` when given,
    as the ranking for it explains them), with the officer's note."""
    known_locality(engine, province_id)
    focus = _focus(engine, focus or [])
    rows = list_items(session, owner=principal.actor, province_id=province_id)
    asked, _version = asked_query(engine, session, province_id)
    doc = build_document(
        engine,
        kind="shortlist",
        province_id=province_id,
        query=asked,
        candidate_ids=[r.candidate_id for r in rows],
        notes={r.candidate_id: r.note for r in rows},
        focus=focus,
        lang=lang,
    )
    return _answer(doc, format)
