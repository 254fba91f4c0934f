"""A check-in's note keeps the member's words whole: up to 4,000 characters, as long as the
longest reply that is read.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 21:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column(
            "note", existing_type=sa.String(length=500), type_=sa.String(length=4000)
        )


def downgrade() -> None:
    # Notes longer than the old limit are cut to fit it.
    op.execute("UPDATE checkins SET note = substr(note, 1, 500) WHERE length(note) > 500")
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column(
            "note", existing_type=sa.String(length=4000), type_=sa.String(length=500)
        )
