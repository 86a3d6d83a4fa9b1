"""Stored screenings of inbound letters: add, get, list, count, and their status."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from features.digests import text_sha256
from service.storage import audit
from service.storage.errors import NotFoundError
from service.storage.models import SCREENING_STATUSES, ScreeningRow, utcnow

__all__ = [
    "add_screening",
    "get_screening",
    "list_screenings",
    "count_screenings",
    "set_status",
]


def _cut(value: str | None, size: int) -> str | None:
    return None if value is None else value[:size]


def add_screening(
    session: Session,
    *,
    actor: str,
    text: str,
    result: dict,
    sender: str | None = None,
    country: str | None = None,
) -> ScreeningRow:
    """Store a screening with its text and its JSON result (see ``screening_json``).

    Args:
        session: A session inside ``Store.transaction()`` (the audit row joins it).
        actor: Who asked (``Principal.actor``).
        text: The text as given (already accepted by the screening).
        result: The screening as JSON: ``party``, ``concreteness``, ``flags``, ….
        sender, country: The hints given with the text.

    Returns:
        The stored row (``id`` and ``created_at`` set).
    """
    party = result["party"]
    row = ScreeningRow(
        created_by=actor,
        sender=sender,
        country=country,
        text=text,
        text_sha256=text_sha256(text),
        text_chars=len(text),
        party_id=party.get("id"),
        party_name=_cut(party.get("name"), 200),
        party_country=_cut(party.get("country"), 8),
        party_confidence=float(party.get("confidence") or 0.0),
        concreteness_level=result["concreteness"]["level"],
        flag_codes=[f["code"] for f in result["flags"]],
        result=result,
    )
    session.add(row)
    session.flush()
    audit.record_audit(
        session,
        actor,
        "screening.post",
        f"screening:{row.id}",
        {
            "party_id": row.party_id,
            "text_sha256": row.text_sha256,
            "text_chars": row.text_chars,
        },
    )
    return row


def get_screening(session: Session, screening_id: int) -> ScreeningRow:
    """The stored screening with this id; raises NotFoundError."""
    row = session.get(ScreeningRow, screening_id)
    if row is None:
        raise NotFoundError(f"no stored screening with id {screening_id}")
    return row


def list_screenings(
    session: Session, *, limit: int = 50, offset: int = 0, status: str | None = None
) -> list[ScreeningRow]:
    """Stored screenings, newest first, without loading texts or results; only
    those in ``status`` when given."""
    query = select(ScreeningRow).options(
        defer(ScreeningRow.text), defer(ScreeningRow.result)
    )
    if status is not None:
        query = query.where(ScreeningRow.status == status)
    return list(
        session.scalars(
            query.order_by(ScreeningRow.id.desc()).limit(limit).offset(offset)
        )
    )


def count_screenings(session: Session, status: str | None = None) -> int:
    """The number of stored screenings (in ``status`` when given)."""
    query = select(func.count()).select_from(ScreeningRow)
    if status is not None:
        query = query.where(ScreeningRow.status == status)
    return int(session.scalar(query) or 0)


def set_status(
    session: Session, screening_id: int, *, actor: str, status: str
) -> ScreeningRow:
    """Move a stored screening to ``status`` (one of ``SCREENING_STATUSES``).

    Raises NotFoundError for an unknown id and ValueError for an unknown status.
    """
    if status not in SCREENING_STATUSES:
        raise ValueError(f"status must be one of {SCREENING_STATUSES}, not {status!r}")
    row = get_screening(session, screening_id)
    before = row.status
    row.status, row.status_by, row.status_at = status, actor, utcnow()
    session.flush()
    audit.record_audit(
        session,
        actor,
        "screening.status",
        f"screening:{row.id}",
        {"from": before, "to": status},
    )
    return row
