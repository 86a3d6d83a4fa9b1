"""The officer's desk: shortlists per key and province, and a status per screening.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shortlist_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("owner", sa.String(100), nullable=False),
        sa.Column("province_id", sa.String(64), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("owner", "province_id", "candidate_id"),
    )
    op.create_index("ix_shortlist_items_owner", "shortlist_items", ["owner"])
    with op.batch_alter_table("screenings") as batch:
        batch.add_column(
            sa.Column("status", sa.String(16), nullable=False, server_default="new")
        )
        batch.add_column(sa.Column("status_by", sa.String(100), nullable=True))
        batch.add_column(
            sa.Column("status_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch.create_index("ix_screenings_status", ["status"])


def downgrade() -> None:
    with op.batch_alter_table("screenings") as batch:
        batch.drop_index("ix_screenings_status")
        batch.drop_column("status_at")
        batch.drop_column("status_by")
        batch.drop_column("status")
    op.drop_index("ix_shortlist_items_owner", table_name="shortlist_items")
    op.drop_table("shortlist_items")
