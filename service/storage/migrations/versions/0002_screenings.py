"""Screenings of inbound texts: who asked, when, the text and the result.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screenings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        sa.Column("sender", sa.String(200), nullable=True),
        sa.Column("country", sa.String(60), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("text_chars", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.String(64), nullable=True),
        sa.Column("party_name", sa.String(200), nullable=True),
        sa.Column("party_country", sa.String(8), nullable=True),
        sa.Column("party_confidence", sa.Float(), nullable=False),
        sa.Column("concreteness_level", sa.String(16), nullable=False),
        sa.Column("flag_codes", sa.JSON(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
    )
    op.create_index("ix_screenings_text_sha256", "screenings", ["text_sha256"])


def downgrade() -> None:
    op.drop_index("ix_screenings_text_sha256", table_name="screenings")
    op.drop_table("screenings")
