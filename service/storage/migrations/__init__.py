"""Alembic migrations of the service database (run by ``partner-match db upgrade``)."""
