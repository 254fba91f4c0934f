"""One timer loop for many deadlines: it sleeps until the earliest one, woken when that changes.

A task per deadline would work for a handful, but a club bot can hold thousands (join windows,
session steps), so one loop serves them all, as a timer table does in a database.
"""

from __future__ import annotations

import asyncio
import contextlib
import heapq
import logging
import time
from collections.abc import Awaitable, Callable, Hashable

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Handler = Callable[[Hashable], Awaitable[None]]


class TimerLoop:
    def __init__(self, handler: Handler, clock: Clock = time.time) -> None:
        self._handler = handler
        self._clock = clock
        self._due: dict[Hashable, float] = {}
        self._heap: list[tuple[float, int, Hashable]] = []
        self._counter = 0
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._running: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="timer-loop")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    def schedule(self, key: Hashable, due: float) -> None:
        """Fire `handler(key)` at `due` (seconds since the epoch); replaces an earlier due."""
        self._due[key] = due
        self._counter += 1
        heapq.heappush(self._heap, (due, self._counter, key))
        self._changed.set()

    def cancel(self, key: Hashable) -> None:
        self._due.pop(key, None)

    def pending(self) -> int:
        return len(self._due)

    async def _run(self) -> None:
        while True:
            self._changed.clear()
            delay = self._fire_due()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._changed.wait(), timeout=delay)

    def _fire_due(self) -> float | None:
        """Start the handlers of every timer now due; the seconds until the next one."""
        now = self._clock()
        while self._heap:
            due, _, key = self._heap[0]
            if self._due.get(key) != due:
                heapq.heappop(self._heap)  # cancelled or rescheduled
                continue
            if due > now:
                return due - now
            heapq.heappop(self._heap)
            del self._due[key]
            task = asyncio.create_task(self._fire(key))
            self._running.add(task)
            task.add_done_callback(self._running.discard)
        return None

    async def _fire(self, key: Hashable) -> None:
        try:
            await self._handler(key)
        except Exception:
            log.exception("timer %r failed", key)
