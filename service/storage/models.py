"""Database tables of the service (SQLAlchemy 2 declarative models).

The schema is created and changed only by the Alembic migrations in
``service/migrations``; these classes must match the latest revision (a test checks).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "ApiKey",
    "WeightSetRow",
    "ProfileEdit",
    "Feedback",
    "AuditEntry",
    "ScreeningRow",
    "ShortlistItem",
    "SCREENING_STATUSES",
    "utcnow",
]


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Base of every table."""


class ApiKey(Base):
    """An API key: only the SHA-256 of the token is stored, never the token."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    revoked_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class WeightSetRow(Base):
    """A weight file put through the API; at most one row is active."""

    __tablename__ = "weight_sets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(100), unique=True)
    body: Mapped[dict] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    activated_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    activated_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class ProfileEdit(Base):
    """One version of the declared strengths and needs of a locality."""

    __tablename__ = "profile_edits"
    __table_args__ = (UniqueConstraint("locality_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    locality_id: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int] = mapped_column(Integer)
    entries: Mapped[list] = mapped_column(JSON)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class Feedback(Base):
    """A verdict on one recommended partner."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    province_id: Mapped[str] = mapped_column(String(64), index=True)
    candidate_id: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    weights_version: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )


class AuditEntry(Base):
    """Who did what, when: one row per write, in the write's own transaction."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict] = mapped_column(JSON)


# The triage states of a stored screening, in the order a letter moves through them.
SCREENING_STATUSES = ("new", "forwarded", "answered")


class ScreeningRow(Base):
    """A screened inbound text: who asked, when, the text as pasted and the result.

    The text is the officer's own input and is kept (at most the service's
    ``max_body_bytes``); ``text_sha256`` (of its UTF-8 bytes) finds repeats. The
    party, level and flag codes are copied out of ``result`` for the list.
    """

    __tablename__ = "screenings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    created_by: Mapped[str] = mapped_column(String(100))
    sender: Mapped[str | None] = mapped_column(String(200), nullable=True)
    country: Mapped[str | None] = mapped_column(String(60), nullable=True)
    text: Mapped[str] = mapped_column(Text)
    text_sha256: Mapped[str] = mapped_column(String(64), index=True)
    text_chars: Mapped[int] = mapped_column(Integer)
    party_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    party_name: Mapped[str | None] = mapped_column(String(200), nullable=True)
    party_country: Mapped[str | None] = mapped_column(String(8), nullable=True)
    party_confidence: Mapped[float] = mapped_column(Float)
    concreteness_level: Mapped[str] = mapped_column(String(16))
    flag_codes: Mapped[list] = mapped_column(JSON)
    result: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    status_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    status_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), nullable=True
    )


class ShortlistItem(Base):
    """A candidate an officer keeps for a province, with a note; one list per key."""

    __tablename__ = "shortlist_items"
    __table_args__ = (UniqueConstraint("owner", "province_id", "candidate_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    owner: Mapped[str] = mapped_column(String(100), index=True)
    province_id: Mapped[str] = mapped_column(String(64))
    candidate_id: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow
    )
