"""Background tasks of the bot's long-lived parts (leases, the outbox poller, loop lag, the
member-cache listener), stopped the one way that lets them finish their clean-up."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


async def stop(task: asyncio.Task[Any] | None) -> None:
    """Cancel `task` and wait until it has ended; nothing when there is none."""
    if task is None:
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
