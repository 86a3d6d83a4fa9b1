"""Shortlists: the candidates an officer keeps for a province, with a note each.

A shortlist belongs to the calling key (one per key and province). Reading needs
any key; adding, changing a note and removing need the editor role (admin
always). Every write is audited in its own transaction.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response

from service.api.deps import EngineDep, StateDep, require_roles
from service.api.errors import responses
from service.api.routes.localities import LocalityPath, known_locality
from service.api.schemas.desk import ShortlistItemIn, ShortlistItemOut, ShortlistOut
from service.storage.database import as_utc
from service.storage.keys import Principal
from service.storage.shortlists import list_items, put_item, remove_item

__all__ = ["router", "ShortlistReaderDep", "item_out"]

router = APIRouter(prefix="/v1/shortlists", tags=["shortlists"])

ShortlistReaderDep = Annotated[Principal, Depends(require_roles("editor", "analyst"))]
ShortlistWriterDep = Annotated[Principal, Depends(require_roles("editor"))]


def item_out(engine, row) -> ShortlistItemOut:
    """A stored item with the candidate's catalog name and country."""
    known = row.candidate_id in engine.catalog
    loc = engine.catalog.get(row.candidate_id) if known else None
    return ShortlistItemOut(
        province_id=row.province_id,
        candidate_id=row.candidate_id,
        name=loc.name if loc else row.candidate_id,
        country=loc.country if loc else "",
        note=row.note,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
    )


@router.get(
    "/{province_id}",
    summary="The caller's shortlist for a province",
    response_model=ShortlistOut,
    responses=responses(401, 403, 404, 422),
)
def get_shortlist(
    province_id: LocalityPath,
    engine: EngineDep,
    state: StateDep,
    principal: ShortlistReaderDep,
) -> ShortlistOut:
    """The candidates kept by this key for ``province_id``, oldest first."""
    known_locality(engine, province_id)
    with state.store.reading() as session:
        rows = list_items(session, owner=principal.actor, province_id=province_id)
    return ShortlistOut(
        province_id=province_id, items=[item_out(engine, r) for r in rows]
    )


@router.put(
    "/{province_id}/items/{candidate_id}",
    summary="Keep a candidate on the shortlist, or change its note (editor)",
    response_model=ShortlistItemOut,
    responses=responses(401, 403, 404, 413, 422),
)
def put_shortlist_item(
    province_id: LocalityPath,
    candidate_id: LocalityPath,
    body: ShortlistItemIn,
    engine: EngineDep,
    state: StateDep,
    response: Response,
    principal: ShortlistWriterDep,
) -> ShortlistItemOut:
    """201 when added, 200 when only the note changed; both ids must be known."""
    known_locality(engine, province_id)
    known_locality(engine, candidate_id)
    with state.store.transaction() as session:
        row, created = put_item(
            session,
            owner=principal.actor,
            province_id=province_id,
            candidate_id=candidate_id,
            note=body.note,
        )
    response.status_code = 201 if created else 200
    return item_out(engine, row)


@router.delete(
    "/{province_id}/items/{candidate_id}",
    summary="Take a candidate off the shortlist (editor)",
    response_model=ShortlistItemOut,
    responses=responses(401, 403, 404, 422),
)
def delete_shortlist_item(
    province_id: LocalityPath,
    candidate_id: LocalityPath,
    engine: EngineDep,
    state: StateDep,
    principal: ShortlistWriterDep,
) -> ShortlistItemOut:
    """The removed item; 404 when the candidate is not on this key's shortlist."""
    with state.store.transaction() as session:
        row = remove_item(
            session,
            owner=principal.actor,
            province_id=province_id,
            candidate_id=candidate_id,
        )
    return item_out(engine, row)
