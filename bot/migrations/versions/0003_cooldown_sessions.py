"""Routine cards and the timed sessions they start.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 14:35:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cooldown_sessions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("card_message_id", sa.BigInteger(), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("control_message_id", sa.BigInteger(), nullable=True),
        sa.Column("owner_id", sa.BigInteger(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(length=16), server_default="ready", nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('ready', 'running', 'paused', 'finished', 'stopped')",
            name=op.f("ck_cooldown_sessions_state"),
        ),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group_cooldowns.id"],
            name=op.f("fk_cooldown_sessions_group_id_group_cooldowns"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cooldown_sessions")),
        sa.UniqueConstraint("card_message_id", name=op.f("uq_cooldown_sessions_card_message_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_cooldown_sessions_state"), "cooldown_sessions", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_cooldown_sessions_state"), table_name="cooldown_sessions")
    op.drop_table("cooldown_sessions")
