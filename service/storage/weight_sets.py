"""Stored weight sets: put, restore, history, the active one, the read probe."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from service.storage import audit
from service.storage.database import Store
from service.storage.errors import ConflictError, NotFoundError
from service.storage.keys import hash_token, token_matches
from service.storage.models import ApiKey, ProfileEdit, WeightSetRow, utcnow

__all__ = [
    "put_weight_set",
    "restore_weight_set",
    "active_weight_set",
    "active_weight_set_id",
    "read_probe",
    "weight_history",
]


def active_weight_set(session: Session) -> WeightSetRow | None:
    """The weight set activated through the API (None: the shipped file)."""
    return session.scalar(select(WeightSetRow).where(WeightSetRow.active.is_(True)))


def _active_id():
    return (
        select(WeightSetRow.id)
        .where(WeightSetRow.active.is_(True))
        .order_by(WeightSetRow.id)
        .limit(1)
    )


def active_weight_set_id(session: Session) -> int | None:
    """Id of the active stored weight set (None: the shipped file), body not read."""
    return session.scalar(_active_id())


def read_probe(
    store: Store, locality_id: str, token: str | None
) -> tuple[int | None, int | None, bool]:
    """What a cached read of a locality depends on, in one round trip.

    Returns:
        ``(active weight set id, newest declared-edit version of the locality,
        whether token is an active key)``; None for no stored set / no edit, and
        False for no token.
    """
    digest = hash_token(token) if token is not None else ""
    statement = select(
        _active_id().scalar_subquery(),
        select(ProfileEdit.version)
        .where(ProfileEdit.locality_id == locality_id)
        .order_by(ProfileEdit.version.desc())
        .limit(1)
        .scalar_subquery(),
        select(ApiKey.key_hash)
        .where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None))
        .limit(1)
        .scalar_subquery(),
    )
    with store.engine.connect() as connection:
        weights_id, version, key_hash = connection.execute(statement).one()
    known = token is not None and key_hash is not None
    return weights_id, version, known and token_matches(token, key_hash)


def weight_history(session: Session) -> list[WeightSetRow]:
    """Every stored weight set, newest first."""
    return list(session.scalars(select(WeightSetRow).order_by(WeightSetRow.id.desc())))


def _activate(session: Session, row: WeightSetRow | None, actor: str) -> None:
    session.execute(
        update(WeightSetRow).where(WeightSetRow.active.is_(True)).values(active=False)
    )
    if row is not None:
        row.active = True
        row.activated_by = actor
        row.activated_at = utcnow()
    session.flush()


def put_weight_set(session: Session, body: dict, *, actor: str) -> WeightSetRow:
    """Store a validated weight file and make it the active one."""
    version = body["version"]
    if session.scalar(select(WeightSetRow.id).where(WeightSetRow.version == version)):
        raise ConflictError(
            f"weight version {version!r} is already stored; restore it or give the "
            "file a new version"
        )
    row = WeightSetRow(version=version, body=body, created_by=actor)
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError(f"weight version {version!r} is already stored") from None
    _activate(session, row, actor)
    audit.record_audit(
        session, actor, "weights.put", f"weights:{version}", {"id": row.id}
    )
    return row


def restore_weight_set(
    session: Session, version: str, *, actor: str, shipped_version: str
) -> WeightSetRow | None:
    """Activate a stored version again; the shipped version deactivates all rows.

    Returns the activated row, or None for the shipped weight file.
    """
    row = session.scalar(select(WeightSetRow).where(WeightSetRow.version == version))
    if row is None and version != shipped_version:
        raise NotFoundError(f"no stored weight version {version!r}")
    _activate(session, row, actor)
    audit.record_audit(session, actor, "weights.restore", f"weights:{version}", {})
    return row
