"""Timed sessions across crashes and a second process, on a real database.

Two `SessionService`s over one database stand for two bot processes; the Discord side is the
scripted stand-in from the delivery tests. A "crash" is a process that stops renewing its
leases and never hands them back.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.rules.catalogue import default_catalogue
from bot.rules.inputs import InputError
from bot.rules.members import CardDraft
from bot.rules.session_text import card_snapshot
from bot.rules.sessions import SessionState as StoredState
from bot.services.card_writer import CardWriter
from bot.services.delivery import DeliveryService
from bot.services.pacing import SESSION_CAPACITY
from bot.services.sessions import SessionService
from bot.storage import CooldownSessions, Database, MemberData
from bot.storage.deliveries import Deliveries, Leases
from bot.storage.session_runs import SessionRuns
from tests.storage.test_delivery_service import Discord
from tests.test_session_engine import TINY

# The tiny routine's 12 s run in about 2.4 s: its steps last long enough for a loaded machine
# to post each before it ends (a step is rightly never posted after it ends).
SCALE = 1 / 5


class Process:
    def __init__(
        self,
        database: Database,
        discord: Discord,
        name: str,
        capacity: int = SESSION_CAPACITY,
    ) -> None:
        self.database = database
        self.delivery = DeliveryService(
            Deliveries(database), discord, owner=name, poll_seconds=0.05, attempt_timeout=0.5
        )
        cards = CooldownSessions(database)
        self.service = SessionService(
            cards,
            SessionRuns(database),
            Leases(database),
            self.delivery,
            CardWriter(cards),
            default_catalogue(),
            owns=lambda guild_id: True,
            time_scale=SCALE,
            renew_seconds=0.1,
            capacity=capacity,
        )

    async def start(self) -> None:
        await self.service.load()
        self.delivery.start()

    async def close(self) -> None:
        await self.service.close()
        await self.delivery.close()

    async def crash(self) -> None:
        """Stops dead: no renewals, no hand-back; what is stored stays as it is.

        A process that dies mid-transaction leaves nothing behind: the database rolls it back
        and its locks go with its connections. These two processes share one engine, where a
        task cancelled while SQLite was still taking its write lock can leave that lock held
        by a connection no one will use again (and the other process waiting on it for good).
        So the tasks are stopped between two writes, which the database cannot tell apart
        from a death in the middle of one."""
        async with self.database._writer_turn():
            if self.service._keeper is not None:
                self.service._keeper.cancel()
            for task in [*self.delivery._tasks.values(), self.delivery._poller]:
                if task is not None:
                    task.cancel()
        await self.service.runner.close()


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.services.delivery.retry_delay", lambda attempt: 0.05)


@pytest.fixture
def short_leases(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leases that run out within a test, for the tests about a process dying or stalling.
    Only those: a test that holds a lease without a process renewing it (or on a loaded
    machine, between renewals) would otherwise lose it mid-test and see another outcome."""
    monkeypatch.setattr("bot.services.sessions.LEASE", timedelta(seconds=1))
    monkeypatch.setattr("bot.services.delivery.LEASE", timedelta(seconds=1))


HERE = {"guild_id": 5, "channel_id": 77}  # where a_card's card is


async def a_card(database: Database, card_key: int = 42) -> None:
    cards = CooldownSessions(database)
    await cards.create_many(
        [CardDraft(card_key, 5, 77, 1, card_snapshot(TINY))]  # guild 5, channel 77, owner 1
    )


def _wrap_up(content: str) -> bool:
    return "Well stretched" in content or "ended while I was offline" in content


async def wait_until(holds: Callable[[], bool], seconds: float = 8) -> None:
    """Polls for what a process posts in its own time, rather than sleeping a guess."""
    async with asyncio.timeout(seconds):
        while True:
            if holds():
                return
            await asyncio.sleep(0.05)


async def wait_for_state(database: Database, state: StoredState, seconds: float = 8) -> None:
    cards = CooldownSessions(database)
    async with asyncio.timeout(seconds):
        while True:
            stored = await cards.by_key(42)
            if stored is not None and stored.state is state:
                return
            await asyncio.sleep(0.05)


@pytest.mark.usefixtures("short_leases")
async def test_a_session_taken_over_after_a_crash_posts_every_step_once(
    database: Database,
) -> None:
    discord = Discord()
    await a_card(database)
    first, second = Process(database, discord, "p1"), Process(database, discord, "p2")
    await first.start()
    await second.start()
    try:
        ticket = await first.service.begin_start(42, 1, 900, **HERE)
        await first.service.opened(ticket, thread_id=88, control_message_id=901)
        discord.messages[901] = {"channel": 88, "content": ""}
        await asyncio.sleep(0.15)  # in the first step, then the first process dies
        await first.crash()
        await wait_for_state(database, StoredState.FINISHED)
        await wait_until(lambda: any(_wrap_up(c) for c in discord.contents()))
    finally:
        await second.close()
    posted = [c for c in discord.contents() if c]
    steps = [c for c in posted if c.startswith("**Step")]
    numbers = Counter(line.split(" of ")[0] for line in steps)
    assert all(n == 1 for n in numbers.values()), posted
    assert any(_wrap_up(c) for c in posted)


@pytest.mark.usefixtures("short_leases")
async def test_a_start_cut_short_puts_the_card_back_with_its_button(database: Database) -> None:
    discord = Discord()
    discord.messages[900] = {"channel": 77, "content": "the card"}
    await a_card(database)
    first, second = Process(database, discord, "p1"), Process(database, discord, "p2")
    await first.start()
    await second.start()
    try:
        await first.service.begin_start(42, 1, 900, **HERE)
        await first.crash()  # before the thread opened
        await wait_for_state(database, StoredState.READY)
        await wait_until(lambda: "components" in discord.messages[900])
    finally:
        await second.close()
    buttons = discord.messages[900]["components"][0]["components"]
    assert [b["custom_id"] for b in buttons] == ["session:start:42"]
    again = await second.service.begin_start(42, 1, 900, **HERE)  # and it can be started again
    assert again.stored.id


@pytest.mark.usefixtures("short_leases")
async def test_a_start_slower_than_a_lease_keeps_its_session(database: Database) -> None:
    # Starts wait for the REST budget before their thread and control card: hundreds at once
    # can take longer than a lease (1 s here), which nothing renewed until the session ran.
    discord = Discord()
    await a_card(database)
    process = Process(database, discord, "p1")
    await process.start()
    try:
        ticket = await process.service.begin_start(42, 1, 900, **HERE)
        await asyncio.sleep(2.4)  # waiting for the budget
        await process.service.thread_opened(ticket, 88)
        await asyncio.sleep(1.2)
        await process.service.opened(ticket, thread_id=88, control_message_id=901)
        discord.messages[901] = {"channel": 88, "content": ""}
        await wait_for_state(database, StoredState.FINISHED)
    finally:
        await process.close()
    steps = [c for c in discord.contents() if c.startswith("**Step")]
    numbers = Counter(line.split(" of ")[0] for line in steps)
    assert numbers and all(n == 1 for n in numbers.values()), steps


async def test_only_one_of_two_presses_starts_the_session(database: Database) -> None:
    discord = Discord()
    await a_card(database)
    first, second = Process(database, discord, "p1"), Process(database, discord, "p2")
    try:
        outcomes = await asyncio.gather(
            first.service.begin_start(42, 1, 900, **HERE),
            second.service.begin_start(42, 1, 900, **HERE),
            return_exceptions=True,
        )
    finally:
        await first.close()
        await second.close()
    refused = [o for o in outcomes if isinstance(o, Exception)]
    assert len(refused) == 1 and "already been started" in str(refused[0])


async def test_a_start_from_another_server_or_channel_is_refused(database: Database) -> None:
    await a_card(database)
    discord = Discord()
    first = Process(database, discord, "p1")
    await first.start()
    try:
        for elsewhere in ({"guild_id": 6, "channel_id": 77}, {"guild_id": 5, "channel_id": 78}):
            with pytest.raises(InputError, match="does not belong"):
                await first.service.begin_start(42, 1, 900, **elsewhere)
        stored = await CooldownSessions(database).by_key(42)
        assert stored is not None and stored.state is StoredState.READY
    finally:
        await first.close()


async def test_a_runner_who_asks_to_be_forgotten_mid_session_is_not_written_back(
    database: Database,
) -> None:
    # A group session of runner 1 with runner 2; 2 deletes their data while it runs.
    await CooldownSessions(database).create_many(
        [CardDraft(42, 5, 77, 1, card_snapshot(TINY, (1, 2)))]
    )
    process = Process(database, Discord(), "p1")
    await process.start()
    try:
        ticket = await process.service.begin_start(42, 1, 900, **HERE)
        await process.service.opened(ticket, thread_id=88, control_message_id=901)
        await asyncio.sleep(0.1)
        await MemberData(database).delete(2)
        await wait_for_state(database, StoredState.FINISHED)
    finally:
        await process.close()
    stored = await CooldownSessions(database).by_key(42)
    assert stored is not None
    # Every step after the deletion was saved from memory, which still listed runner 2.
    assert json.loads(stored.snapshot)["members"] == [1]


async def test_presses_at_once_time_no_more_sessions_than_the_process_may(
    database: Database,
) -> None:
    """The capacity counts starts whose thread is not open yet: four members pressing Start
    in the same instant on a process that may time two get two sessions and two answers."""
    cards = CooldownSessions(database)
    keys = range(42, 46)
    await cards.create_many(
        [CardDraft(key, 5, 77, key, card_snapshot(TINY)) for key in keys]  # owner = key
    )
    process = Process(database, Discord(), "p1", capacity=2)
    try:
        outcomes = await asyncio.gather(
            *(process.service.begin_start(key, key, None, **HERE) for key in keys),
            return_exceptions=True,
        )
        started = [o for o in outcomes if not isinstance(o, BaseException)]
        refused = [o for o in outcomes if isinstance(o, InputError)]
        assert len(started) == 2 and len(refused) == 2, outcomes
        assert all("as many sessions" in str(r) for r in refused)
        # A start that could not open its thread gives its place back.
        first = started[0].stored
        await process.service.abandon(started[0])
        assert first.card_key is not None
        again = await process.service.begin_start(first.card_key, first.owner_id, None, **HERE)
        assert again.stored.id == first.id
    finally:
        await process.close()


async def test_a_session_finishing_its_start_takes_one_place(database: Database) -> None:
    # Between the runner taking the session and its first step being saved, it is both
    # running and starting: counted twice, the last member to press at capacity was told no.
    cards = CooldownSessions(database)
    await cards.create_many(
        [CardDraft(key, 5, 77, key, card_snapshot(TINY)) for key in (42, 43)]  # owner = key
    )
    process = Process(database, Discord(), "p1", capacity=2)
    saving = asyncio.Event()
    save = process.service._runs.save

    async def slow_save(*args: Any, **kwargs: Any) -> Any:
        await saving.wait()
        return await save(*args, **kwargs)

    process.service._runs.save = slow_save  # type: ignore[method-assign]
    try:
        first = await process.service.begin_start(42, 42, None, **HERE)
        opening = asyncio.create_task(process.service.opened(first, 88, 901))
        await asyncio.sleep(0.05)
        assert [s.id for s in process.service.runner.active()] == [first.session.id]
        second = await process.service.begin_start(43, 43, None, **HERE)
        assert second.stored.id != first.stored.id
        saving.set()
        await opening
    finally:
        saving.set()
        await process.close()
