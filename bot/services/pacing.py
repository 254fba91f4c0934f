"""Pacing the bot's own REST calls under Discord's global limit.

Discord allows a bot about 50 requests a second in all. discord.py obeys each route's
rate-limit headers and retries 429s, but it does not pace ahead of the global limit, so a
burst (a thousand sessions changing step in the same second, a weekly check-in to every club)
earns 429s and, after five retries, lost requests. Background work (the outbox) takes a
token from one bucket before each call; a progress-card edit that waits behind a newer one is
superseded in the outbox rather than sent.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

DISCORD_GLOBAL_PER_SECOND = 50


class RestBudget:
    """A token bucket: `rate` calls a second on average, bursts of up to `burst`."""

    def __init__(
        self, rate: float, burst: int | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(1, int(rate))
        self._clock = clock
        self._tokens = float(self.burst)
        self._updated = clock()
        self._lock = asyncio.Lock()
        self.taken = 0

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    async def take(self) -> None:
        """Wait for a token: for calls that must happen, in the order they asked."""
        async with self._lock:
            self._refill()
            while self._tokens < 1:
                await asyncio.sleep((1 - self._tokens) / self.rate)
                self._refill()
            self._tokens -= 1
            self.taken += 1


# A timed session makes about two and a half calls per step (the step message, the progress
# line, the wrap-up) and a step lasts about 40 s. Sessions may use up to 80 % of the
# background budget (the rest is for the weekly fan-out): this many at once per process.
SESSION_CAPACITY = int(DISCORD_GLOBAL_PER_SECOND * 0.8 / (2.5 / 40))
