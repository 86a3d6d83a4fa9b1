"""Initial schema: api_keys, weight_sets, profile_edits, feedback, audit_log.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        _when("created_at"),
        _when("revoked_at", nullable=True),
    )
    op.create_table(
        "weight_sets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("version", sa.String(100), nullable=False, unique=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _when("created_at"),
        sa.Column("activated_by", sa.String(100), nullable=True),
        _when("activated_at", nullable=True),
    )
    op.create_index("ix_weight_sets_active", "weight_sets", ["active"])
    op.create_table(
        "profile_edits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("locality_id", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("entries", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _when("created_at"),
        sa.UniqueConstraint("locality_id", "version"),
    )
    op.create_index("ix_profile_edits_locality_id", "profile_edits", ["locality_id"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("province_id", sa.String(64), nullable=False),
        sa.Column("candidate_id", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("weights_version", sa.String(100), nullable=False),
        sa.Column("created_by", sa.String(100), nullable=False),
        _when("created_at"),
    )
    op.create_index("ix_feedback_province_id", "feedback", ["province_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True),
        _when("at"),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(200), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_log")
    op.drop_index("ix_feedback_province_id", table_name="feedback")
    op.drop_table("feedback")
    op.drop_index("ix_profile_edits_locality_id", table_name="profile_edits")
    op.drop_table("profile_edits")
    op.drop_index("ix_weight_sets_active", table_name="weight_sets")
    op.drop_table("weight_sets")
    op.drop_table("api_keys")
