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
import hashlib
import logging
import time
from collections.abc import Callable
from typing import Protocol

from limits import RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError

log = logging.getLogger(__name__)

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
        self._background = asyncio.Lock()
        self.taken = 0

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.burst, self._tokens + (now - self._updated) * self.rate)
        self._updated = now

    async def take(self, urgent: bool = False) -> None:
        """Wait for a token: for calls that must happen, in the order they asked, except that
        an urgent call (a session's step) goes before every waiting call that is not."""
        if urgent:
            await self._take()
            return
        # Calls that can wait queue here, one at a time reaching the bucket's queue: an urgent
        # call waits behind at most one of them, not behind a whole weekly fan-out.
        async with self._background:
            await self._take()

    async def _take(self) -> None:
        async with self._lock:
            self._refill()
            while self._tokens < 1:
                await asyncio.sleep((1 - self._tokens) / self.rate)
                self._refill()
            self._tokens -= 1
            self.taken += 1


# A timed session makes about two and a half calls per step (the step message, the progress
# line, the wrap-up) and a step lasts about 40 s. Sessions may use up to 80 % of the
# background budget (the rest is for the weekly fan-out): this many at once per bot token.
SESSION_CAPACITY = int(DISCORD_GLOBAL_PER_SECOND * 0.8 / (2.5 / 40))


def session_capacity(processes: int) -> int:
    """The sessions one of `processes` processes of a bot token may time at once: its share
    of SESSION_CAPACITY, since the global limit is the token's, not the process's."""
    return max(1, SESSION_CAPACITY // max(1, processes))


class Budget(Protocol):
    """What the outbox takes a token from before each call."""

    async def take(self, urgent: bool = False) -> None: ...


# Keys in Redis name the bot by a digest of its token: the token itself never leaves the process.
SHARED_KEY_PREFIX = "cooldown-coach:rest"
# After Redis failed, how long the process paces itself alone before trying Redis again.
SHARED_RETRY_SECONDS = 5.0
# Calls a process may make at once before the local pacing spreads them out.
SMOOTH_BURST = 2
# One call to Redis may take this long before the process paces itself alone.
SHARED_CALL_TIMEOUT = 0.5


def shared_key(token: str) -> str:
    return f"{SHARED_KEY_PREFIX}:{hashlib.sha256(token.encode()).hexdigest()[:16]}"


class SharedRestBudget:
    """One budget for every process of a bot token, kept in Redis by the `limits` library's
    moving window (an atomic script on the server): at most `per_second` calls in any second,
    whichever process makes them.

    When Redis does not answer, waiting for it would stall every post: the process paces
    itself with `fallback` (the local budget scaled down to its share of the processes) and
    tries Redis again a few seconds later.
    """

    def __init__(
        self,
        url: str,
        token: str,
        per_second: int,
        fallback: RestBudget,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        storage = RedisStorage(
            f"async+{url}",
            wrap_exceptions=True,
            implementation="redispy",
            socket_timeout=SHARED_CALL_TIMEOUT,
            socket_connect_timeout=SHARED_CALL_TIMEOUT,
        )
        self._limiter = MovingWindowRateLimiter(storage)
        self._item = RateLimitItemPerSecond(per_second)
        self._key = shared_key(token)
        self.rate = float(per_second)
        self.fallback = fallback
        self._clock = clock
        self._alone_until = float("-inf")
        self._smooth = RestBudget(per_second, burst=SMOOTH_BURST, clock=clock)
        self._lock = asyncio.Lock()
        self._background = asyncio.Lock()
        self.taken = 0
        self.taken_alone = 0

    async def take(self, urgent: bool = False) -> None:
        if urgent:
            await self._take()
            return
        async with self._background:  # see RestBudget.take
            await self._take()

    async def _take(self) -> None:
        # Paced locally first, so the shared window fills evenly rather than in one burst at
        # the start of each second; then one caller at a time asks Redis, so the moment a
        # call is counted is the moment it leaves, not a queue of Redis round trips later.
        await self._smooth.take(urgent=True)  # the order is kept by take's gate
        async with self._lock:
            if self._clock() >= self._alone_until:
                try:
                    await self._take_shared()
                except (StorageError, OSError, TimeoutError) as error:
                    log.warning(
                        "the shared REST budget in Redis is unreachable (%s); pacing this "
                        "process alone at %.1f calls a second for %.0f s",
                        type(error).__name__,
                        self.fallback.rate,
                        SHARED_RETRY_SECONDS,
                    )
                    self._alone_until = self._clock() + SHARED_RETRY_SECONDS
                else:
                    self.taken += 1
                    return
        await self.fallback.take(urgent=True)
        self.taken += 1
        self.taken_alone += 1

    async def _take_shared(self) -> None:
        # Each call to Redis is bounded: a stuck server must not hold the posts back.
        while not await asyncio.wait_for(
            self._limiter.hit(self._item, self._key), SHARED_CALL_TIMEOUT
        ):
            stats = await asyncio.wait_for(
                self._limiter.get_window_stats(self._item, self._key), SHARED_CALL_TIMEOUT
            )
            # The window frees its oldest call at reset_time (the library's wall clock).
            await asyncio.sleep(min(1.0, max(0.002, stats.reset_time - time.time())))
