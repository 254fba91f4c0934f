"""How long a confirm dialog ("Clear them all?") can be answered, and what it says after.

A dialog is known by the id of the command's interaction, a Discord snowflake: the id itself
says when the dialog was asked, so any process, before or after a restart, knows whether a
press came in time without storing anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

DIALOG_SECONDS = 120.0
DISCORD_EPOCH_MS = 1_420_070_400_000


def asked_at(dialog_id: int) -> datetime:
    return datetime.fromtimestamp(((dialog_id >> 22) + DISCORD_EPOCH_MS) / 1000, UTC)


def expires_at(dialog_id: int) -> datetime:
    return asked_at(dialog_id) + timedelta(seconds=DIALOG_SECONDS)


def expired_text(command: str) -> str:
    minutes = max(1, round(DIALOG_SECONDS / 60))
    return (
        f"This question expired after {minutes} minute{'s' if minutes != 1 else ''}; "
        f"nothing was changed. Run `{command}` again if you still want to."
    )
