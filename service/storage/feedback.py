"""Feedback on recommendations: stored with who and when, read for export."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.storage import audit
from service.storage.models import Feedback

__all__ = ["add_feedback", "iter_feedback"]


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
