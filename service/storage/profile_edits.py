"""Declared profile edits of a locality: versioned, newest wins."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.storage import audit
from service.storage.errors import ConflictError
from service.storage.models import ProfileEdit

__all__ = ["add_profile_edit", "latest_profile_edit", "profile_history"]


def latest_profile_edit(session: Session, locality_id: str) -> ProfileEdit | None:
    """The newest declared-profile version of a locality, or None."""
    return session.scalar(
        select(ProfileEdit)
        .where(ProfileEdit.locality_id == locality_id)
        .order_by(ProfileEdit.version.desc())
        .limit(1)
    )


def profile_history(session: Session, locality_id: str) -> list[ProfileEdit]:
    """Every declared-profile version of a locality, newest first."""
    return list(
        session.scalars(
            select(ProfileEdit)
            .where(ProfileEdit.locality_id == locality_id)
            .order_by(ProfileEdit.version.desc())
        )
    )


def add_profile_edit(
    session: Session, locality_id: str, entries: list[dict], *, actor: str
) -> ProfileEdit:
    """Store a new version of a locality's declared strengths and needs."""
    last = session.scalar(
        select(func.max(ProfileEdit.version)).where(
            ProfileEdit.locality_id == locality_id
        )
    )
    row = ProfileEdit(
        locality_id=locality_id,
        version=(last or 0) + 1,
        entries=entries,
        created_by=actor,
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(
            f"the profile of {locality_id!r} was edited concurrently; try again"
        ) from None
    audit.record_audit(
        session,
        actor,
        "profile.put",
        f"locality:{locality_id}",
        {"version": row.version, "entries": len(entries)},
    )
    return row
