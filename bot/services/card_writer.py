"""Routine cards written behind the answer, a batch at a time.

Every `/cooldown` stores the card it posts so that Start runs exactly that routine. Writing
each card in its own transaction costs a commit per command; at a club's rush after a group
run, gathering them for a few milliseconds and writing them together costs one. The next batch
is gathered for as long again: writing at once whatever came in during the last commit made
batches of a few cards, each paying a whole transaction (about 0.7 ms of CPU on PostgreSQL and
1 ms on SQLite, against 0.03-0.09 ms a card in a batch of forty).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.rules.members import CardDraft
from bot.storage import CooldownSessions, DatabaseUnavailable

log = logging.getLogger(__name__)

BATCH_DELAY = 0.05
# A batch the database could not take is tried again, waiting twice as long each time up to
# this; as the bot stops, after these waits.
RETRY_MAX = 5.0
CLOSE_RETRIES = (0.5, 1.0, 2.0)


class CardWriter:
    def __init__(self, store: CooldownSessions, delay: float = BATCH_DELAY) -> None:
        self._store = store
        self._delay = delay
        self._pending: dict[int, CardDraft] = {}
        self._writing: dict[int, CardDraft] = {}
        # One batch at a time: a Start press that flushes waits for the batch in flight
        # instead of writing the same cards a second time.
        self._lock = asyncio.Lock()
        self._flushing: asyncio.Task[None] | None = None
        # Set as the bot stops: the batch being gathered is written at once, by `close`.
        self._closing = asyncio.Event()

    def add(self, draft: CardDraft) -> None:
        self._pending[draft.card_key] = draft
        if self._flushing is None or self._flushing.done():
            self._flushing = asyncio.create_task(self._write_behind(), name="card-writer")

    def pending(self, card_key: int) -> bool:
        return card_key in self._pending or card_key in self._writing

    async def flush(self) -> None:
        """Write every card waiting, now (a Start press for one of them).

        Raises DatabaseUnavailable when the database cannot take them; they wait for the next
        try."""
        async with self._lock:
            while self._pending:
                await self._write_batch()

    async def close(self) -> None:
        """Write what is left as the bot stops, trying a few times if the database is busy."""
        self._closing.set()
        if self._flushing is not None:
            await asyncio.gather(self._flushing, return_exceptions=True)
        for wait in (*CLOSE_RETRIES, None):
            try:
                await self.flush()
                return
            except DatabaseUnavailable:
                if wait is None:
                    log.error("%d routine cards not stored as the bot stopped", len(self._pending))
                    return
                await asyncio.sleep(wait)

    async def _write_behind(self) -> None:
        wait = self._delay
        while self._pending:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._closing.wait(), wait)
            if self._closing.is_set():
                return
            async with self._lock:
                if not self._pending:
                    return
                try:
                    await self._write_batch()
                    wait = self._delay
                except DatabaseUnavailable:
                    wait = min(wait * 2, RETRY_MAX)

    async def _write_batch(self) -> None:
        self._writing, self._pending = self._pending, {}
        try:
            await self._store.create_many(list(self._writing.values()))
        except DatabaseUnavailable:
            # Not now rather than never: the cards wait for the next batch (a newer draft of the
            # same card, added meanwhile, wins).
            log.warning("storing %d routine cards waits for the database", len(self._writing))
            self._pending = self._writing | self._pending
            raise
        except Exception:
            log.exception(
                "storing %d routine cards failed; their Start will say so", len(self._writing)
            )
        finally:
            self._writing = {}
