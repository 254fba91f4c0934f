"""Group cooldowns and the members who joined them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:12:41.207388
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "group_cooldowns",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=False),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("leader_id", sa.BigInteger(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("run", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('open', 'built', 'cancelled')", name=op.f("ck_group_cooldowns_state")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_cooldowns")),
        sa.UniqueConstraint("message_id", name=op.f("uq_group_cooldowns_message_id")),
        sqlite_autoincrement=True,
    )
    op.create_index(
        op.f("ix_group_cooldowns_state_closes_at"), "group_cooldowns", ["state", "closes_at"]
    )
    op.create_table(
        "group_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["group_cooldowns.id"],
            name=op.f("fk_group_members_group_id_group_cooldowns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_group_members")),
        sa.UniqueConstraint("group_id", "user_id", name=op.f("uq_group_members_group_id_user_id")),
    )


def downgrade() -> None:
    op.drop_table("group_members")
    op.drop_index(op.f("ix_group_cooldowns_state_closes_at"), table_name="group_cooldowns")
    op.drop_table("group_cooldowns")
