"""A check-in note holds a whole form as well as a whole reply.

A form's note keeps both the words of its soreness box that are no score and its own
"anything else" box (up to 4,000 characters, what Discord lets a text box hold), so a
note can pass the 4,000 characters of revision 0007; it is never refused for its length.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08 10:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column(
            "note", existing_type=sa.String(4000), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    # A longer note would not fit the old column: keep its first 4,000 characters.
    op.execute("UPDATE checkins SET note = substr(note, 1, 4000) WHERE length(note) > 4000")
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column(
            "note", existing_type=sa.Text(), type_=sa.String(4000), existing_nullable=True
        )
