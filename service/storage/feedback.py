"""Feedback on recommendations: stored with who and when, read for export."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage import audit
from service.storage.models import Feedback

__all__ = ["add_feedback", "iter_feedback", "latest_verdicts"]


def add_feedback(session: Session, *, actor: str, **fields) -> Feedback:
    """Store one verdict."""
    row = Feedback(created_by=actor, **fields)
    session.add(row)
    session.flush()
    audit.record_audit(
        session,
        actor,
        "feedback.post",
        f"pair:{row.province_id}>{row.candidate_id}",
        {"id": row.id, "verdict": row.verdict},
    )
    return row


def iter_feedback(session: Session) -> Iterator[Feedback]:
    """Every verdict, oldest first."""
    yield from session.scalars(select(Feedback).order_by(Feedback.id))


def latest_verdicts(
    session: Session, *, actor: str, province_id: str
) -> list[Feedback]:
    """``actor``'s newest verdict on each candidate for ``province_id``, oldest
    first (a later verdict replaces an earlier one on the same candidate)."""
    rows = session.scalars(
        select(Feedback)
        .where(Feedback.created_by == actor, Feedback.province_id == province_id)
        .order_by(Feedback.id)
    )
    latest = {row.candidate_id: row for row in rows}
    return sorted(latest.values(), key=lambda row: row.id)
