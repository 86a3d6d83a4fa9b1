"""The audit trail: one row per write, in the write's own transaction."""

from __future__ import annotations

from sqlalchemy.orm import Session

from service.storage.models import AuditEntry

__all__ = ["record_audit"]


def record_audit(
    session: Session, actor: str, action: str, target: str, detail: dict
) -> None:
    """Add an audit row to the write's transaction."""
    session.add(AuditEntry(actor=actor, action=action, target=target, detail=detail))
    session.flush()
