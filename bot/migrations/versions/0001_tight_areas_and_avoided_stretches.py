"""Tight areas and avoided stretches.

Revision ID: 0001
Revises:
Create Date: 2026-11-24 14:03:28.545129
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tight_areas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("area", sa.String(length=32), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=True),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tight_areas")),
        sa.UniqueConstraint("user_id", "area", name=op.f("uq_tight_areas_user_id_area")),
    )
    op.create_index(op.f("ix_tight_areas_user_id"), "tight_areas", ["user_id"])
    op.create_table(
        "avoided_stretches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("stretch_id", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_avoided_stretches")),
        sa.UniqueConstraint(
            "user_id", "stretch_id", name=op.f("uq_avoided_stretches_user_id_stretch_id")
        ),
    )


def downgrade() -> None:
    op.drop_table("avoided_stretches")
    op.drop_index(op.f("ix_tight_areas_user_id"), table_name="tight_areas")
    op.drop_table("tight_areas")
