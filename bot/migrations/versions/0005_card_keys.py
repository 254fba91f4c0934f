"""Routine cards are found by a key chosen before the card is posted.

The card's Start button carries the key, so the card's row can be written after the
member has their answer, off the path Discord times.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24 15:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cooldown_sessions") as batch:
        batch.add_column(sa.Column("card_key", sa.BigInteger(), nullable=True))
        batch.create_unique_constraint(op.f("uq_cooldown_sessions_card_key"), ["card_key"])


def downgrade() -> None:
    with op.batch_alter_table("cooldown_sessions") as batch:
        batch.drop_constraint(op.f("uq_cooldown_sessions_card_key"), type_="unique")
        batch.drop_column("card_key")
