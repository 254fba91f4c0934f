"""One durable path for everything the bot posts on its own.

The intent is a row in the outbox before any call (see `bot.rules.delivery`). This service
sends each row under a short lease, one stream at a time and in order, retries what may
succeed later (5xx, timeouts, dropped connections, a 429 without usable headers) with backoff
for as long as the post still makes sense, and records the result. Re-sending is safe:
messages carry a nonce Discord enforces, and a retry long after the first try looks for the
bot's own message before posting again. A post that finally fails is never dropped silently:
the next post of its stream says what was missed, and hooks tell whoever must know.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot import background
from bot.metrics import OUTBOX_POSTS
from bot.rules import limits
from bot.rules.delivery import (
    Action,
    Backlog,
    Delivery,
    Outgoing,
    attempt_timeout,
    missed_note,
    retry_delay,
    with_note,
)
from bot.services.pacing import Budget
from bot.storage import DatabaseUnavailable
from bot.storage.deliveries import Deliveries, GuildFilter

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)
# A first try waits this long for Discord's answer; a try after one that did not get an answer
# waits longer (`attempt_timeout`), as the first one may still be queued ahead of it.
ATTEMPT_TIMEOUT = 10.0
POLL_SECONDS = 2.0
CLAIM_BATCH = 50
# Streams whose posts are timed to the second (a step says "hold for 30 s"): they take the
# next token before any waiting check-in, card edit or note, which can be a few seconds late.
URGENT_STREAMS = ("session:", "group:")
# Streams that are not urgent (the weekly fan-out) sent at once by one process. Each one reads
# and writes the outbox before it waits its turn in the REST budget: ten thousand clubs due in
# the same minute would otherwise hold every pooled connection, and the session steps behind
# them would wait for a connection as long as for the whole fan-out.
BACKGROUND_IN_FLIGHT = 16


class DeliveryError(Exception):
    """A call Discord refused; `transient` says whether the same call may succeed later."""

    def __init__(self, reason: str, *, transient: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.transient = transient


class Poster(Protocol):
    """The Discord side of a delivery; raises DeliveryError, asyncio.TimeoutError or OSError."""

    async def send(self, channel_id: int, payload: Mapping[str, Any], nonce: str) -> int: ...

    async def edit(self, channel_id: int, message_id: int, payload: Mapping[str, Any]) -> None: ...

    async def archive(self, channel_id: int) -> None: ...

    async def direct(self, user_id: int, payload: Mapping[str, Any], nonce: str) -> int: ...

    async def find_recent(
        self, channel_id: int, payload: Mapping[str, Any], since: datetime
    ) -> int | None: ...


SentHook = Callable[[Delivery, int | None], Awaitable[None]]
FailedHook = Callable[[Delivery, str], Awaitable[None]]


def process_name() -> str:
    """Who holds a lease: readable in the database, unique per process start."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{secrets.token_hex(3)}"


def _now() -> datetime:
    return datetime.now(UTC)


class DeliveryService:
    def __init__(
        self,
        store: Deliveries,
        poster: Poster,
        *,
        owner: str | None = None,
        budget: Budget | None = None,
        mine: GuildFilter | None = None,
        poll_seconds: float = POLL_SECONDS,
        attempt_timeout: float | None = None,
        lease: timedelta | None = None,
    ) -> None:
        self.owner = owner or process_name()
        self._store = store
        self._poster = poster
        self._budget = budget
        self._mine = mine
        self._poll_seconds = poll_seconds
        self._attempt_timeout = attempt_timeout or ATTEMPT_TIMEOUT
        self._lease = lease or LEASE
        self._queues: dict[str, deque[int]] = {}
        self._tasks: dict[str, asyncio.Task[None]] = {}
        self._background = asyncio.Semaphore(BACKGROUND_IN_FLIGHT)
        self._missed: dict[str, list[Delivery]] = {}
        self._sent_hooks: list[tuple[str, SentHook]] = []
        self._failed_hooks: list[tuple[str, FailedHook]] = []
        self._closing = asyncio.Event()
        self._poke = asyncio.Event()
        self._poller: asyncio.Task[None] | None = None

    @property
    def store(self) -> Deliveries:
        return self._store

    async def backlog(self) -> Backlog:
        """What waits to be posted in this process's guilds."""
        return await self._store.backlog(self._mine)

    # -- wiring -----------------------------------------------------------------------------

    def on_sent(self, stream_prefix: str, hook: SentHook) -> None:
        self._sent_hooks.append((stream_prefix, hook))

    def on_failed(self, stream_prefix: str, hook: FailedHook) -> None:
        self._failed_hooks.append((stream_prefix, hook))

    def start(self) -> None:
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll(), name="deliveries")

    async def close(self, grace: float = 5.0) -> None:
        """Stop taking rows, let in-flight sends finish for `grace` s, hand the rest back."""
        self._closing.set()
        await background.stop(self._poller)
        tasks = list(self._tasks.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
        try:
            await self._store.release(self.owner)
        except DatabaseUnavailable:
            log.warning("could not hand back delivery leases; they expire in %s", self._lease)

    # -- taking work ----------------------------------------------------------------------------

    async def post(self, outgoing: Sequence[Outgoing]) -> list[Delivery]:
        """Store the intent, then send it in the background."""
        rows = await self._store.add(outgoing)
        self.wake(rows)
        return rows

    def wake(self, rows: Sequence[Delivery]) -> None:
        """Send rows stored by the caller's own transaction."""
        for row in rows:
            self._enqueue(row.stream, row.id)

    def _enqueue(self, stream: str, delivery_id: int) -> None:
        if self._closing.is_set():
            return  # stored; whoever runs next picks it up
        queue = self._queues.setdefault(stream, deque())
        if delivery_id in queue:
            return
        queue.append(delivery_id)
        if stream not in self._tasks:
            self._tasks[stream] = asyncio.create_task(self._run(stream), name=f"stream:{stream}")

    async def _poll(self) -> None:
        """Rows no task here is sending: retries after a restart, another process's leftovers."""
        while not self._closing.is_set():
            try:
                claimed = await self._store.claim_due(
                    self.owner, self._lease, CLAIM_BATCH, self._mine
                )
            except DatabaseUnavailable:
                log.warning("outbox unreadable; trying again shortly")
                claimed = []
            except Exception:
                log.exception("reading the outbox failed")
                claimed = []
            for row in claimed:
                if row.stream in self._tasks:
                    continue  # that stream's task will reach it in order
                self._enqueue(row.stream, row.id)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poke.wait(), self._poll_seconds)
            self._poke.clear()

    # -- sending ----------------------------------------------------------------------------------

    async def _run(self, stream: str) -> None:
        urgent = stream.startswith(URGENT_STREAMS)
        async with contextlib.nullcontext() if urgent else self._background:
            await self._send_stream(stream)

    async def _send_stream(self, stream: str) -> None:
        queue = self._queues[stream]
        try:
            if stream not in self._missed:
                self._missed[stream] = await self._store.unreported_failures(stream)
            while queue and not self._closing.is_set():
                await self._deliver(queue[0])
                queue.popleft()
        except DatabaseUnavailable:
            log.warning("database unavailable while posting %s; the poller retries", stream)
        except Exception:
            log.exception("posting %s failed", stream)
        finally:
            self._tasks.pop(stream, None)
            self._queues.pop(stream, None)
            if not self._missed.get(stream):
                self._missed.pop(stream, None)

    async def _deliver(self, delivery_id: int) -> None:
        delivery = await self._store.lease(delivery_id, self.owner, self._lease)
        while delivery is not None:
            if delivery.expired(_now()):
                last = f" (last try: {delivery.error})" if delivery.error else ""
                await self._give_up(delivery, f"it was too late to post it{last}")
                return
            try:
                message_id = await self._attempt(delivery)
            except DeliveryError as error:
                if not error.transient:
                    await self._give_up(delivery, error.reason)
                    return
                reason = error.reason
            except (TimeoutError, OSError) as error:
                reason = f"Discord did not answer ({type(error).__name__})"
            else:
                await self._record(delivery, message_id)
                return
            delivery = await self._later(delivery, reason)

    async def _attempt(self, delivery: Delivery) -> int | None:
        await self._store.attempted(delivery.id)
        if self._budget is not None:
            await self._budget.take(urgent=delivery.stream.startswith(URGENT_STREAMS))
        left = None
        if delivery.deadline is not None:
            left = (delivery.deadline - _now()).total_seconds()
        timeout = attempt_timeout(self._attempt_timeout, delivery.attempts, left)
        return await asyncio.wait_for(self._call(delivery), timeout)

    async def _call(self, delivery: Delivery) -> int | None:
        channel = delivery.channel_id
        if delivery.action is Action.ARCHIVE:
            await self._poster.archive(channel)
            return None
        # Discord refuses a whole message that is one character over, and a refusal is not
        # retried: every payload is fit on its way out (after any note about missed posts).
        if delivery.action is Action.EDIT:
            assert delivery.target_message_id is not None
            edit = limits.fit_message(delivery.payload)
            await self._poster.edit(channel, delivery.target_message_id, edit)
            return None
        if delivery.action is Action.DIRECT:
            direct = limits.fit_message(delivery.payload)
            return await self._poster.direct(channel, direct, delivery.nonce)
        payload = limits.fit_message(self._with_missed(delivery))
        if delivery.needs_lookup(_now()):
            assert delivery.first_attempt_at is not None
            found = await self._poster.find_recent(channel, payload, delivery.first_attempt_at)
            if found is not None:
                return found
        return await self._poster.send(channel, payload, delivery.nonce)

    def _with_missed(self, delivery: Delivery) -> Mapping[str, Any]:
        missed = [m for m in self._missed.get(delivery.stream, ()) if m.id < delivery.id]
        if not missed:
            return delivery.payload
        return with_note(delivery.payload, missed_note([m.label for m in missed]))

    async def _later(self, delivery: Delivery, reason: str) -> Delivery | None:
        """Wait out a transient failure; None when the row went elsewhere or we are closing."""
        delay = retry_delay(delivery.attempts + 1)
        when = _now() + timedelta(seconds=delay)
        if delivery.deadline is not None and when >= delivery.deadline:
            await self._give_up(delivery, reason)
            return None
        log.warning("posting %s (%s) failed: %s; retrying", delivery.id, delivery.label, reason)
        _count(delivery, "retried")
        with contextlib.suppress(DatabaseUnavailable):
            await self._store.retry_at(delivery.id, when, reason)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), delay)
            return None  # closing: the lease is handed back and the row waits, stored
        return await self._store.lease(delivery.id, self.owner, self._lease)

    async def _record(self, delivery: Delivery, message_id: int | None) -> None:
        _count(delivery, "sent")
        missed = []
        if delivery.action is Action.SEND:  # only a new message carries the note
            missed = [m for m in self._missed.get(delivery.stream, ()) if m.id < delivery.id]
        for attempt in range(1, 6):
            try:
                await self._store.sent(delivery.id, message_id)
                if missed:
                    await self._store.mark_reported(m.id for m in missed)
                break
            except DatabaseUnavailable:
                # Discord has it; if this never lands, the nonce or the look-up stops a twin.
                log.warning("recording delivery %s failed (try %d)", delivery.id, attempt)
                await asyncio.sleep(retry_delay(attempt))
        if missed:
            self._missed[delivery.stream] = [
                m for m in self._missed[delivery.stream] if m not in missed
            ]
        for prefix, hook in self._sent_hooks:
            if delivery.stream.startswith(prefix):
                await _safely(hook(delivery, message_id), "after posting", delivery)

    async def _give_up(self, delivery: Delivery, reason: str) -> None:
        log.error("could not post %s (%s): %s", delivery.id, delivery.label, reason)
        _count(delivery, "failed")
        await self._store.failed(delivery.id, reason)
        if delivery.action is Action.SEND:
            self._missed.setdefault(delivery.stream, []).append(delivery)
        for prefix, hook in self._failed_hooks:
            if delivery.stream.startswith(prefix):
                await _safely(hook(delivery, reason), "after a failed post", delivery)


def _count(delivery: Delivery, outcome: str) -> None:
    # The stream's prefix says what the post is: session, card, group, checkin, organiser.
    OUTBOX_POSTS.labels(delivery.stream.partition(":")[0], outcome).inc()


async def _safely(call: Awaitable[None], when: str, delivery: Delivery) -> None:
    try:
        await call
    except Exception:
        log.exception("%s %s (%s)", when, delivery.id, delivery.label)
