"""The service database: the connection, its sessions and the migrations.

Each write runs in one transaction (``Store.transaction()``) together with its audit
row: a failure anywhere inside leaves the previous state. SQLite (a file, the
default) and PostgreSQL (``postgresql+psycopg://``) are supported; the schema is
made by the Alembic migrations in ``service/storage/migrations``. The reads and
writes live in one module per aggregate: ``keys``, ``weight_sets``,
``profile_edits``, ``feedback``, ``screenings`` and ``audit``; their errors in
``service.storage.errors``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from service.storage.errors import StorageError

__all__ = ["Store", "MIGRATIONS_DIR", "as_utc", "normalise_url"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


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
        try:
            self._open(url)
        except (ArgumentError, OSError) as exc:
            raise StorageError(f"cannot open the database: {exc}") from None

    def _open(self, url: str) -> None:
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
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                getattr(command, direction)(config, revision)
        except OperationalError as exc:
            raise StorageError(
                f"cannot migrate the database {self.describe()}: {exc.orig}"
            ) from None

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
