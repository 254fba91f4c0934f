"""Weekly check-ins: each server's schedule, its weekly posts and members' answers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkin_schedules",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("local_time", sa.String(length=5), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("weekday BETWEEN 0 AND 6", name=op.f("ck_checkin_schedules_weekday")),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_checkin_schedules")),
    )
    op.create_table(
        "checkin_posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("state", sa.String(length=16), server_default="claimed", nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "state IN ('claimed', 'posted', 'failed')", name=op.f("ck_checkin_posts_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkin_posts")),
        sa.UniqueConstraint("guild_id", "week", name=op.f("uq_checkin_posts_guild_id_week")),
        sa.UniqueConstraint("message_id", name=op.f("uq_checkin_posts_message_id")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("week", sa.Date(), nullable=False),
        sa.Column("soreness", sa.Text(), nullable=False),
        sa.Column("movement", sa.Integer(), nullable=True),
        sa.Column("efficiency", sa.String(length=8), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
        sa.UniqueConstraint("user_id", "week", name=op.f("uq_checkins_user_id_week")),
    )
    op.create_index(op.f("ix_checkins_guild_id_week"), "checkins", ["guild_id", "week"])


def downgrade() -> None:
    op.drop_index(op.f("ix_checkins_guild_id_week"), table_name="checkins")
    op.drop_table("checkins")
    op.drop_table("checkin_posts")
    op.drop_table("checkin_schedules")
