"""Routine cards written behind the answer, a batch at a time.

Every `/cooldown` stores the card it posts so that Start runs exactly that routine. Writing
each card in its own transaction costs a commit per command; at a club's rush after a group
run, gathering them for a few milliseconds and writing them together costs one.
"""

from __future__ import annotations

import asyncio
import logging

from bot.members import CardDraft
from bot.storage import CooldownSessions

log = logging.getLogger(__name__)

BATCH_DELAY = 0.05


class CardWriter:
    def __init__(self, store: CooldownSessions, delay: float = BATCH_DELAY) -> None:
        self._store = store
        self._delay = delay
        self._pending: dict[int, CardDraft] = {}
        self._flushing: asyncio.Task[None] | None = None

    def add(self, draft: CardDraft) -> None:
        self._pending[draft.card_key] = draft
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._flush_soon(), name="card-writer")

    def pending(self, card_key: int) -> bool:
        return card_key in self._pending

    async def flush(self) -> None:
        while self._pending:
            batch = list(self._pending.values())
            try:
                await self._store.create_many(batch)
            except Exception:
                log.exception(
                    "storing %d routine cards failed; their Start will say so", len(batch)
                )
            for draft in batch:
                self._pending.pop(draft.card_key, None)

    async def close(self) -> None:
        if self._flushing is not None:
            await asyncio.gather(self._flushing, return_exceptions=True)
        await self.flush()

    async def _flush_soon(self) -> None:
        await asyncio.sleep(self._delay)
        await self.flush()
