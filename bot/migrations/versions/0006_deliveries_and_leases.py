"""The outbox of posts the bot makes on its own, leases on timers, and a Start in progress.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 21:20:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATES = "state IN ('ready', 'running', 'paused', 'finished', 'stopped')"
NEW_STATES = "state IN ('ready', 'starting', 'running', 'paused', 'finished', 'stopped')"


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("stream", sa.String(length=64), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("channel_id", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("target_message_id", sa.BigInteger(), nullable=True),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("first_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("reported", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("lease_owner", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'sent', 'failed', 'superseded')",
            name=op.f("ck_deliveries_state"),
        ),
        sa.CheckConstraint(
            "action IN ('send', 'edit', 'archive', 'direct')", name=op.f("ck_deliveries_action")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_deliveries_due", "deliveries", ["state", "next_attempt_at"])
    op.create_index("ix_deliveries_stream", "deliveries", ["stream", "id"])
    op.create_table(
        "leases",
        sa.Column("resource", sa.String(length=100), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("resource", name=op.f("pk_leases")),
    )
    with op.batch_alter_table("cooldown_sessions") as batch:
        batch.drop_constraint(op.f("ck_cooldown_sessions_state"), type_="check")
        batch.create_check_constraint(op.f("ck_cooldown_sessions_state"), NEW_STATES)
    with op.batch_alter_table("checkin_posts") as batch:
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkin_posts") as batch:
        batch.drop_column("error")
    op.execute("UPDATE cooldown_sessions SET state = 'ready' WHERE state = 'starting'")
    with op.batch_alter_table("cooldown_sessions") as batch:
        batch.drop_constraint(op.f("ck_cooldown_sessions_state"), type_="check")
        batch.create_check_constraint(op.f("ck_cooldown_sessions_state"), OLD_STATES)
    op.drop_table("leases")
    op.drop_index("ix_deliveries_stream", table_name="deliveries")
    op.drop_index("ix_deliveries_due", table_name="deliveries")
    op.drop_table("deliveries")
