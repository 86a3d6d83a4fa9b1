"""Shortlists: the candidates an officer keeps for a province, each with a note.

A shortlist belongs to one API key (its ``Principal.actor``) and one province;
adding a candidate again changes its note. Every write has its audit row.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage import audit
from service.storage.errors import NotFoundError
from service.storage.models import ShortlistItem, utcnow

__all__ = ["put_item", "remove_item", "list_items"]


def _find(session: Session, owner: str, province_id: str, candidate_id: str):
    return session.scalar(
        select(ShortlistItem).where(
            ShortlistItem.owner == owner,
            ShortlistItem.province_id == province_id,
            ShortlistItem.candidate_id == candidate_id,
        )
    )


def put_item(
    session: Session, *, owner: str, province_id: str, candidate_id: str, note: str
) -> tuple[ShortlistItem, bool]:
    """Add ``candidate_id`` to ``owner``'s shortlist of ``province_id`` or change its
    note; returns the row and whether it is new."""
    row = _find(session, owner, province_id, candidate_id)
    created = row is None
    if created:
        row = ShortlistItem(
            owner=owner, province_id=province_id, candidate_id=candidate_id
        )
        session.add(row)
    row.note = note
    row.updated_at = utcnow()
    session.flush()
    audit.record_audit(
        session,
        owner,
        "shortlist.add" if created else "shortlist.note",
        f"pair:{province_id}>{candidate_id}",
        {"id": row.id, "note_chars": len(note)},
    )
    return row, created


def remove_item(
    session: Session, *, owner: str, province_id: str, candidate_id: str
) -> ShortlistItem:
    """Take ``candidate_id`` off the shortlist and return the removed row; raises
    NotFoundError if absent."""
    row = _find(session, owner, province_id, candidate_id)
    if row is None:
        raise NotFoundError(
            f"{candidate_id} is not on the shortlist of {province_id} of this key"
        )
    session.delete(row)
    session.flush()
    audit.record_audit(
        session,
        owner,
        "shortlist.remove",
        f"pair:{province_id}>{candidate_id}",
        {"id": row.id},
    )
    return row


def list_items(session: Session, *, owner: str, province_id: str) -> list:
    """``owner``'s shortlist of ``province_id``, in the order it was made."""
    return list(
        session.scalars(
            select(ShortlistItem)
            .where(
                ShortlistItem.owner == owner, ShortlistItem.province_id == province_id
            )
            .order_by(ShortlistItem.id)
        )
    )
