"""The delivery path on a real database: intent stored first, retries, nonces, leases.

The Discord side here is a scripted stand-in for Discord's REST API (what it answers, what it
keeps): the service, its storage and its retry rules are the real ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.rules.delivery import Action, DeliveryState, Outgoing
from bot.services.delivery import BACKGROUND_IN_FLIGHT, DeliveryError, DeliveryService
from bot.storage import Database
from bot.storage.deliveries import Deliveries, Leases, shard_filter
from tests.fakediscord import snowflake_in_shard


class Discord:
    """Keeps messages, enforces nonces as Discord does, and fails on cue."""

    def __init__(self) -> None:
        self.messages: dict[int, dict[str, Any]] = {}
        self.by_nonce: dict[str, int] = {}
        self.faults: list[BaseException | str] = []  # per call: raise, or "hang", or "lost"
        self.calls = 0
        self._next = 1000

    async def _fault(self) -> str | None:
        self.calls += 1
        if not self.faults:
            return None
        fault = self.faults.pop(0)
        if fault == "hang":
            await asyncio.sleep(30)
        if isinstance(fault, BaseException):
            raise fault
        return str(fault)

    async def send(self, channel_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        fault = await self._fault()
        if nonce in self.by_nonce:
            return self.by_nonce[nonce]
        self._next += 1
        self.messages[self._next] = {"channel": channel_id, **payload}
        self.by_nonce[nonce] = self._next
        if fault == "lost":  # Discord took it, the answer never arrived
            raise OSError("connection reset")
        return self._next

    async def edit(self, channel_id: int, message_id: int, payload: Mapping[str, Any]) -> None:
        await self._fault()
        self.messages[message_id].update(payload)

    async def archive(self, channel_id: int) -> None:
        await self._fault()

    async def direct(self, user_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        return await self.send(-user_id, payload, nonce)

    async def find_recent(
        self, channel_id: int, payload: Mapping[str, Any], since: datetime
    ) -> int | None:
        for message_id, message in self.messages.items():
            if message["channel"] == channel_id and message.get("content") == payload.get(
                "content"
            ):
                return message_id
        return None

    def contents(self) -> list[str]:
        return [m.get("content", "") for m in self.messages.values()]


def service(database: Database, discord: Discord, owner: str = "p1") -> DeliveryService:
    return DeliveryService(
        Deliveries(database), discord, owner=owner, poll_seconds=0.05, attempt_timeout=0.5
    )


def step(n: int, deadline: datetime | None = None) -> Outgoing:
    return Outgoing("session:1", 77, 5, f"step {n}", {"content": f"Step {n}"}, deadline=deadline)


async def settled(store: Deliveries, stream: str, seconds: float = 10.0) -> None:
    # Polls the database on purpose: what counts is what is recorded, from any process.
    async with asyncio.timeout(seconds):
        while True:
            rows = await store.in_stream(stream)
            if all(d.state is not DeliveryState.PENDING for d in rows):
                return
            await asyncio.sleep(0.02)


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.services.delivery.retry_delay", lambda attempt: 0.05)


async def test_posts_go_out_in_order_and_are_recorded(database: Database) -> None:
    discord = Discord()
    sender = service(database, discord)
    try:
        await sender.post([step(1), step(2), step(3)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    assert discord.contents() == ["Step 1", "Step 2", "Step 3"]
    rows = await Deliveries(database).in_stream("session:1")
    assert [r.state for r in rows] == [DeliveryState.SENT] * 3
    assert all(r.message_id for r in rows)


@pytest.mark.parametrize(
    "faults",
    [
        [DeliveryError("Discord answered 503", transient=True)],
        [DeliveryError("Discord answered 500", transient=True)] * 6,
        ["hang"],
        [OSError("connection dropped")],
        [DeliveryError("Discord answered 429 (no headers)", transient=True)],
    ],
    ids=["503", "six-500s", "hang", "dropped", "429-without-headers"],
)
async def test_a_transient_failure_is_retried_until_the_step_is_posted(
    database: Database, faults: list[Any]
) -> None:
    discord = Discord()
    discord.faults = list(faults)
    sender = service(database, discord)
    try:
        await sender.post([step(1), step(2)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    assert discord.contents() == ["Step 1", "Step 2"]


async def test_discord_took_it_but_the_answer_was_lost_posts_once(database: Database) -> None:
    discord = Discord()
    discord.faults = ["lost"]
    sender = service(database, discord)
    try:
        await sender.post([step(1)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    assert discord.contents() == ["Step 1"]
    (row,) = await Deliveries(database).in_stream("session:1")
    assert row.state is DeliveryState.SENT and row.message_id in discord.messages


async def test_a_step_that_never_gets_through_is_reported_in_the_next(database: Database) -> None:
    discord = Discord()
    discord.faults = [DeliveryError("Discord answered 503", transient=True)] * 100
    soon = datetime.now(UTC) + timedelta(seconds=1.5)
    sender = service(database, discord)
    try:
        await sender.post([step(1, deadline=soon)])
        await settled(Deliveries(database), "session:1")
        discord.faults = []
        await sender.post([step(2)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    (only,) = discord.contents()
    assert "you missed: step 1" in only and only.endswith("Step 2")
    first, _ = await Deliveries(database).in_stream("session:1")
    assert first.state is DeliveryState.FAILED and "503" in (first.error or "")


async def test_a_refusal_is_not_retried_and_the_hook_hears_why(database: Database) -> None:
    discord = Discord()
    discord.faults = [DeliveryError("the bot may not post there", transient=False)]
    heard: list[str] = []

    async def failed(delivery: Any, reason: str) -> None:
        heard.append(reason)

    sender = service(database, discord)
    sender.on_failed("session:", failed)
    try:
        await sender.post([step(1)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    assert heard == ["the bot may not post there"] and discord.calls == 1


async def test_rows_left_by_a_crashed_process_are_sent_once_by_the_next(
    database: Database,
) -> None:
    """A process stored its posts and died mid-send; the next one posts each exactly once."""
    discord = Discord()
    store = Deliveries(database)
    rows = await store.add([step(1), step(2)])
    # The dead process had leased the first row, tried it (Discord took it), then died.
    await store.lease(rows[0].id, "dead", timedelta(seconds=0.2))
    await store.attempted(rows[0].id)
    await discord.send(77, rows[0].payload, rows[0].nonce)
    await asyncio.sleep(0.3)
    sender = service(database, discord, owner="p2")
    sender.start()
    try:
        await settled(store, "session:1")
    finally:
        await sender.close()
    assert discord.contents() == ["Step 1", "Step 2"]


async def test_two_processes_never_send_the_same_row(database: Database) -> None:
    discord = Discord()
    store = Deliveries(database)
    await store.add(
        [Outgoing(f"session:{n}", 77, 5, "step", {"content": f"S{n}"}) for n in range(30)]
    )
    first, second = service(database, discord, "p1"), service(database, discord, "p2")
    first.start()
    second.start()
    try:
        for n in range(30):
            await settled(store, f"session:{n}")
    finally:
        await first.close()
        await second.close()
    assert sorted(discord.contents()) == sorted(f"S{n}" for n in range(30))


async def test_an_edit_replaced_by_a_newer_one_is_not_sent(database: Database) -> None:
    discord = Discord()
    store = Deliveries(database)
    discord.messages[5] = {"channel": 77, "content": "old"}

    def edit(text: str) -> Outgoing:
        return Outgoing(
            "session:1", 77, 5, "card", {"content": text}, Action.EDIT, target_message_id=5
        )

    await store.add([edit("first")])
    await store.add([edit("second")])
    sender = service(database, discord)
    sender.start()
    try:
        await settled(store, "session:1")
    finally:
        await sender.close()
    assert discord.messages[5]["content"] == "second" and discord.calls == 1


async def test_a_lease_is_held_by_one_process_until_it_expires(database: Database) -> None:
    leases = Leases(database)
    # Long enough that a loaded machine cannot let it run out before p2 tries.
    assert await leases.acquire("session:9", "p1", timedelta(seconds=30))
    assert not await leases.acquire("session:9", "p2", timedelta(seconds=30))
    assert await leases.renew(["session:9"], "p1", timedelta(seconds=0.3)) == {"session:9"}
    await asyncio.sleep(0.4)
    assert await leases.acquire("session:9", "p2", timedelta(seconds=30))
    assert await leases.renew(["session:9"], "p1", timedelta(seconds=30)) == set()
    assert await leases.holder("session:9") == "p2"


async def test_a_lease_that_ran_out_is_not_held_though_no_one_took_it(database: Database) -> None:
    leases = Leases(database)
    assert await leases.acquire("session:9", "p1", timedelta(seconds=0.3))
    await asyncio.sleep(0.4)
    # Not extended, and not ours: any process may take it now, and the fenced writes refuse.
    assert await leases.renew(["session:9"], "p1", timedelta(seconds=30)) == set()
    assert await leases.holder("session:9") is None


async def test_a_shard_process_claims_only_its_own_guilds_rows(database: Database) -> None:
    store = Deliveries(database)
    guilds = {shard: snowflake_in_shard(shard, 2) for shard in (0, 1)}
    await store.add(
        [Outgoing(f"checkin:{s}", 5, g, "checkin", {"content": f"G{s}"}) for s, g in guilds.items()]
        + [Outgoing("dm:1", 6, None, "note", {"content": "DM"})]
    )
    mine = shard_filter([1], 2)
    claimed = await store.claim_due("p1", timedelta(seconds=30), 10, mine=mine)
    assert sorted(d.stream for d in claimed) == ["checkin:1", "dm:1"]
    assert (await store.backlog(mine)).pending == 2


class SlowDiscord(Discord):
    """Every call takes a moment, and who is calling at once is counted."""

    def __init__(self) -> None:
        super().__init__()
        self.in_flight = 0
        self.most_in_flight = 0
        self.order: list[str] = []

    async def send(self, channel_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        self.in_flight += 1
        self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            await asyncio.sleep(0.02)
            self.order.append(str(payload.get("content")))
            return await super().send(channel_id, payload, nonce)
        finally:
            self.in_flight -= 1


async def test_a_step_is_not_kept_waiting_behind_a_fan_out_of_check_ins(
    database: Database,
) -> None:
    discord = SlowDiscord()
    sender = service(database, discord)
    clubs = 3 * BACKGROUND_IN_FLIGHT
    fan_out = [
        Outgoing(f"checkin:{n}", 100 + n, 200 + n, "the weekly check-in", {"content": f"C{n}"})
        for n in range(clubs)
    ]
    try:
        await sender.post(fan_out)
        await sender.post([step(1)])
        await settled(Deliveries(database), "session:1")
        for n in range(clubs):
            await settled(Deliveries(database), f"checkin:{n}")
    finally:
        await sender.close()
    # The fan-out goes out a few streams at a time; the step joins them at once.
    assert discord.most_in_flight <= BACKGROUND_IN_FLIGHT + 1
    assert discord.order.index("Step 1") <= 2 * BACKGROUND_IN_FLIGHT
    assert sorted(discord.order) == sorted([f"C{n}" for n in range(clubs)] + ["Step 1"])


class QueuedDiscord(Discord):
    """Every call waits in a queue before it reaches Discord (a REST proxy holding calls for
    the global limit) and is carried out when its turn comes, even after the caller stopped
    waiting for it: the proxy already has it."""

    def __init__(self, queue: float) -> None:
        super().__init__()
        self.queue = queue
        self.tries = 0
        self._queued: set[asyncio.Task[int]] = set()

    async def send(self, channel_id: int, payload: Mapping[str, Any], nonce: str) -> int:
        self.tries += 1

        async def turn() -> int:
            await asyncio.sleep(self.queue)
            return await Discord.send(self, channel_id, payload, nonce)

        task = asyncio.create_task(turn())
        self._queued.add(task)
        task.add_done_callback(self._queued.discard)
        return await asyncio.shield(task)


async def test_a_step_behind_a_queue_longer_than_a_try_is_posted_once_in_its_step(
    database: Database,
) -> None:
    # Each try used to wait as long as the first (0.5 s here, 10 s in production): behind a
    # 0.8 s queue every try ran out, its retry joined the queue behind it, and the step was
    # given up when it was over, though each copy reached Discord in the end.
    discord = QueuedDiscord(queue=0.8)
    step_over = datetime.now(UTC) + timedelta(seconds=4)
    sender = service(database, discord)
    try:
        await sender.post([step(1, deadline=step_over)])
        await settled(Deliveries(database), "session:1")
    finally:
        await sender.close()
    (row,) = await Deliveries(database).in_stream("session:1")
    assert row.state is DeliveryState.SENT, row.error
    assert row.attempts >= 2 and discord.tries == row.attempts
    # The first try and the retry carry one nonce: one message, recorded as the one posted.
    assert discord.contents() == ["Step 1"] and row.message_id in discord.messages
