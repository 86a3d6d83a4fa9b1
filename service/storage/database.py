"""The service database: connection, migrations and every read and write.

Each write runs in one transaction (``Store.transaction()``) together with its audit
row: a failure anywhere inside leaves the previous state. SQLite (a file, the
default) and PostgreSQL (``postgresql+psycopg://``) are supported; the schema is
made by the Alembic migrations in ``service/migrations``.

Errors::

    StorageError
    ├── ConflictError (ValueError)   the write clashes with stored data
    └── NotFoundError (LookupError)  the stored row does not exist
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select, text, update
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from service.storage.keys import ROLES, hash_token, new_token, token_matches
from service.storage.models import (
    ApiKey,
    AuditEntry,
    Feedback,
    ProfileEdit,
    ScreeningRow,
    WeightSetRow,
    utcnow,
)

__all__ = [
    "Store",
    "StorageError",
    "ConflictError",
    "NotFoundError",
    "MIGRATIONS_DIR",
    "as_utc",
    "normalise_url",
    "record_audit",
    "create_key",
    "find_key",
    "list_keys",
    "revoke_key",
    "put_weight_set",
    "restore_weight_set",
    "active_weight_set",
    "active_weight_set_id",
    "read_probe",
    "weight_history",
    "add_profile_edit",
    "latest_profile_edit",
    "profile_history",
    "add_feedback",
    "iter_feedback",
    "add_screening",
    "get_screening",
    "list_screenings",
    "count_screenings",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class StorageError(Exception):
    """Base of the errors of stored data."""


class ConflictError(StorageError, ValueError):
    """The write clashes with stored data (e.g. a weight version that exists)."""


class NotFoundError(StorageError, LookupError):
    """No stored row matches."""


def as_utc(moment: datetime | None) -> datetime | None:
    """A stored time as aware UTC (SQLite returns naive UTC times)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def normalise_url(url: str) -> URL:
    """The URL with ``postgresql://`` mapped to the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


class Store:
    """A database: an SQLAlchemy engine and a session factory.

    Args:
        url: SQLAlchemy URL; the folder of an SQLite file is created.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        if self.url.get_backend_name() == "sqlite" and self.url.database not in (
            None,
            "",
            ":memory:",
        ):
            Path(self.url.database).expanduser().parent.mkdir(
                parents=True, exist_ok=True
            )
        sqlite = self.url.get_backend_name() == "sqlite"
        if sqlite and self.url.database in (None, "", ":memory:"):
            self.engine: Engine = create_engine(self.url)
        else:
            # Room for MAX_IN_FLIGHT requests (service.api.middleware) holding two
            # connections each: a pool that runs dry while FastAPI's worker
            # threads wait for it deadlocks until its timeout (see the README).
            self.engine = create_engine(
                self.url, pool_pre_ping=not sqlite, pool_size=10, max_overflow=30
            )
        if self.url.get_backend_name() == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.url.get_backend_name()

    def describe(self) -> str:
        """The URL with any password hidden (safe to print)."""
        return self.url.render_as_string(hide_password=True)

    def upgrade(self, revision: str = "head") -> None:
        """Run the Alembic migrations up to ``revision``."""
        self._alembic("upgrade", revision)

    def downgrade(self, revision: str = "base") -> None:
        """Run the Alembic migrations down to ``revision``."""
        self._alembic("downgrade", revision)

    def _alembic(self, direction: str, revision: str) -> None:
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            getattr(command, direction)(config, revision)

    def current_revision(self) -> str | None:
        """The Alembic revision the database is at (None before any migration)."""
        with self.engine.connect() as connection:
            from alembic.runtime.migration import MigrationContext

            return MigrationContext.configure(connection).get_current_revision()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for reads (rolled back at the end)."""
        with self.sessions() as session:
            yield session

    def ping(self) -> bool:
        """Whether the database answers."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001 - any failure means "not ready"
            return False

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


# -- audit -----------------------------------------------------------------------


def record_audit(
    session: Session, actor: str, action: str, target: str, detail: dict
) -> None:
    """Add an audit row to the write's transaction."""
    session.add(AuditEntry(actor=actor, action=action, target=target, detail=detail))
    session.flush()


# -- keys ------------------------------------------------------------------------


def create_key(
    session: Session, *, name: str, role: str, actor: str
) -> tuple[ApiKey, str]:
    """Store a new key; returns the row and the token (shown once, never stored)."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {list(ROLES)}; got {role!r}")
    token, prefix = new_token()
    row = ApiKey(name=name, role=role, key_hash=hash_token(token), prefix=prefix)
    session.add(row)
    session.flush()
    record_audit(
        session, actor, "key.create", f"key:{row.id}", {"name": name, "role": role}
    )
    return row, token


def find_key(session: Session, token: str) -> ApiKey | None:
    """The active key whose token this is, or None."""
    digest = hash_token(token)
    row = session.scalar(
        select(ApiKey).where(ApiKey.key_hash == digest, ApiKey.revoked_at.is_(None))
    )
    if row is None or not token_matches(token, row.key_hash):
        return None
    return row


def list_keys(session: Session) -> list[ApiKey]:
    """Every key, revoked ones too, oldest first."""
    return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))


def revoke_key(session: Session, ident: str, *, actor: str) -> ApiKey:
    """Revoke the key with this id (or unique name); raises NotFoundError."""
    query = select(ApiKey).where(ApiKey.revoked_at.is_(None))
    if ident.isdigit():
        rows = list(session.scalars(query.where(ApiKey.id == int(ident))))
    else:
        rows = list(session.scalars(query.where(ApiKey.name == ident)))
    if not rows:
        raise NotFoundError(f"no active key with id or name {ident!r}")
    if len(rows) > 1:
        raise ConflictError(f"{len(rows)} active keys are named {ident!r}; give the id")
    row = rows[0]
    row.revoked_at = utcnow()
    record_audit(session, actor, "key.revoke", f"key:{row.id}", {"name": row.name})
    return row


# -- weights ---------------------------------------------------------------------


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
    record_audit(session, actor, "weights.put", f"weights:{version}", {"id": row.id})
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
    record_audit(session, actor, "weights.restore", f"weights:{version}", {})
    return row


# -- declared profiles -----------------------------------------------------------


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
    record_audit(
        session,
        actor,
        "profile.put",
        f"locality:{locality_id}",
        {"version": row.version, "entries": len(entries)},
    )
    return row


# -- feedback --------------------------------------------------------------------


def add_feedback(session: Session, *, actor: str, **fields) -> Feedback:
    """Store one verdict."""
    row = Feedback(created_by=actor, **fields)
    session.add(row)
    session.flush()
    record_audit(
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


# -- screenings ------------------------------------------------------------------


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
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
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
    record_audit(
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
    session: Session, *, limit: int = 50, offset: int = 0
) -> list[ScreeningRow]:
    """Stored screenings, newest first, without loading texts or results."""
    return list(
        session.scalars(
            select(ScreeningRow)
            .options(defer(ScreeningRow.text), defer(ScreeningRow.result))
            .order_by(ScreeningRow.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def count_screenings(session: Session) -> int:
    """The number of stored screenings."""
    return int(session.scalar(select(func.count()).select_from(ScreeningRow)) or 0)
