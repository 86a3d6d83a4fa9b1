"""Alembic environment: runs on the connection that ``Store`` hands over."""

from alembic import context
from sqlalchemy import create_engine

from service.storage.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate on the given connection, or on one opened from the configured URL."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit(
        "offline migrations are not supported; use `partner-match db upgrade`"
    )
run_migrations_online()
