"""A check-in note holds the member's whole answer.

A chatty reply (Discord lets a member send 4,000 characters) or a form with a long note
passed the old 500-character column, and the whole answer was refused with it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-08 10:00:00.000000
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
            "note", existing_type=sa.String(500), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    # A longer note would not fit the old column: keep its first 500 characters.
    op.execute("UPDATE checkins SET note = substr(note, 1, 500) WHERE length(note) > 500")
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column(
            "note", existing_type=sa.Text(), type_=sa.String(500), existing_nullable=True
        )
