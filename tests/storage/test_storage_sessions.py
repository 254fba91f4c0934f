"""Routine cards and timed sessions: started once, saved on change, found again after a restart."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import pytest

from bot.rules.members import CardDraft
from bot.rules.sessions import SessionState
from bot.services.card_writer import CardWriter
from bot.storage import CooldownSessions, Database, DatabaseBusy, DatabaseUnavailable
from tests.e2e.helpers import eventually
from tests.storage.conftest import another_process


async def test_a_card_starts_ready_and_starts_once(database: Database) -> None:
    sessions = CooldownSessions(database)
    card = await sessions.create(guild_id=1, channel_id=2, owner_id=3, snapshot='{"v": 1}')
    assert card.state is SessionState.READY and card.thread_id is None
    await sessions.attach_card(card.id, 444)
    results = await asyncio.gather(*(sessions.start(card.id, '{"v": 2}') for _ in range(10)))
    assert results.count(True) == 1
    await sessions.save(card.id, SessionState.RUNNING, '{"v": 2}', thread_id=555)
    stored = await sessions.get(card.id)
    assert stored is not None
    assert (stored.state, stored.thread_id, stored.card_message_id) == (
        SessionState.RUNNING,
        555,
        444,
    )
    assert stored.snapshot == '{"v": 2}'


async def test_state_changes_are_saved_and_active_ones_listed(database: Database) -> None:
    sessions = CooldownSessions(database)
    made = [
        await sessions.create(guild_id=g, channel_id=2, owner_id=3, snapshot="{}")
        for g in (10, 11, 12, 13)
    ]
    for card in made:
        await sessions.start(card.id, "{}")
    await sessions.save(made[1].id, SessionState.PAUSED, '{"paused": true}', control_message_id=7)
    await sessions.save(made[2].id, SessionState.FINISHED, "{}")
    await sessions.save(made[3].id, SessionState.STOPPED, "{}")
    active = await sessions.active()
    assert [s.id for s in active] == [made[0].id, made[1].id]
    paused = active[1]
    assert paused.state is SessionState.PAUSED and paused.control_message_id == 7
    assert paused.snapshot == '{"paused": true}'
    assert [s.id for s in await sessions.active(guild_ids=[11])] == [made[1].id]


async def test_sessions_survive_a_restart(database: Database) -> None:
    sessions = CooldownSessions(database)
    card = await sessions.create(guild_id=1, channel_id=2, owner_id=3, snapshot="{}")
    await sessions.start(card.id, '{"step": 4}')
    async with another_process(database) as again:
        restored = await CooldownSessions(again).active()
    assert [s.snapshot for s in restored] == ['{"step": 4}']


async def test_cards_written_behind_are_all_stored_in_one_batch(database: Database) -> None:
    sessions = CooldownSessions(database)
    writer = CardWriter(sessions, delay=0.01)
    for key in range(1, 51):
        writer.add(CardDraft(card_key=key, guild_id=1, channel_id=2, owner_id=key, snapshot="{}"))
    assert writer.pending(7)
    await writer.close()
    assert not writer.pending(7)
    stored = [await sessions.by_key(key) for key in (1, 25, 50)]
    assert [s.owner_id for s in stored if s is not None] == [1, 25, 50]
    assert all(s is not None and s.state is SessionState.READY for s in stored)
    assert await sessions.by_key(51) is None


async def test_a_flush_racing_the_batch_in_flight_writes_each_card_once(
    database: Database,
) -> None:
    sessions = CooldownSessions(database)
    writer = CardWriter(sessions, delay=0)
    for key in (101, 102):
        writer.add(CardDraft(card_key=key, guild_id=1, channel_id=2, owner_id=key, snapshot="{}"))
    # A Start press flushing while the background batch is being written.
    await asyncio.gather(writer.flush(), writer.flush(), writer.close())
    assert not writer.pending(101)
    stored = [await sessions.by_key(key) for key in (101, 102)]
    assert [s.owner_id for s in stored if s is not None] == [101, 102]


class _HeldCards(CooldownSessions):
    """The real store, its batches counted and the first one held until `release` is set."""

    def __init__(self, database: Database) -> None:
        super().__init__(database)
        self.batches: list[list[int]] = []
        self.release = asyncio.Event()
        self.written = asyncio.Event()

    async def create_many(self, drafts: Sequence[CardDraft]) -> None:
        self.batches.append([d.card_key for d in drafts])
        await self.release.wait()
        await super().create_many(drafts)
        self.written.set()


async def test_cards_arriving_during_a_write_wait_to_be_gathered_into_the_next_batch(
    database: Database,
) -> None:
    # At a steady 800 commands a second, writing at once whatever came in during the last
    # commit made batches of three or four cards, each paying a whole transaction.
    store = _HeldCards(database)
    writer = CardWriter(store, delay=1.0)
    writer.add(CardDraft(card_key=1, guild_id=1, channel_id=2, owner_id=1, snapshot="{}"))
    await eventually(lambda: store.batches == [[1]])
    for key in range(2, 6):
        writer.add(CardDraft(card_key=key, guild_id=1, channel_id=2, owner_id=key, snapshot="{}"))
    store.release.set()
    await store.written.wait()
    await asyncio.sleep(0.05)  # the cards that came in are not written straight after the commit
    assert store.batches == [[1]]
    await writer.close()
    assert store.batches == [[1], [2, 3, 4, 5]]
    assert all([await store.by_key(key) for key in range(1, 6)])


class _BusyCards(CooldownSessions):
    """The real store, whose pool has no connection free for its first `busy` batches."""

    def __init__(self, database: Database, busy: int) -> None:
        super().__init__(database)
        self.busy = busy
        self.batches: list[list[int]] = []

    async def create_many(self, drafts: Sequence[CardDraft]) -> None:
        self.batches.append([d.card_key for d in drafts])
        if len(self.batches) <= self.busy:
            raise DatabaseBusy("no database connection came free")
        await super().create_many(drafts)


async def test_cards_the_database_was_too_busy_for_are_written_when_it_frees(
    database: Database,
) -> None:
    # Past capacity a batch once waited 8 s for a pooled connection and was dropped: the
    # members had their routine, and Start told them it had expired.
    store = _BusyCards(database, busy=2)
    writer = CardWriter(store, delay=0.01)
    for key in (1, 2):
        writer.add(CardDraft(card_key=key, guild_id=1, channel_id=2, owner_id=key, snapshot="{}"))
    await eventually(lambda: not writer.pending(1) and not writer.pending(2), within=5)
    assert [await store.by_key(key) is not None for key in (1, 2)] == [True, True]
    assert store.batches == [[1, 2], [1, 2], [1, 2]]  # two refused, the third stored
    await writer.close()


async def test_a_press_that_flushes_while_the_database_is_busy_leaves_the_cards_waiting(
    database: Database,
) -> None:
    store = _BusyCards(database, busy=1)
    writer = CardWriter(store, delay=60)
    writer.add(CardDraft(card_key=3, guild_id=1, channel_id=2, owner_id=3, snapshot="{}"))
    with pytest.raises(DatabaseUnavailable):
        await writer.flush()
    assert writer.pending(3)
    await writer.close()  # tries again as the bot stops
    assert await store.by_key(3) is not None


async def test_a_batch_written_again_skips_the_cards_stored_already(database: Database) -> None:
    # A failure after the commit (its answer lost) sends the same batch again.
    sessions = CooldownSessions(database)
    card = CardDraft(card_key=4, guild_id=1, channel_id=2, owner_id=4, snapshot="{}")
    await sessions.create_many([card])
    other = CardDraft(card_key=5, guild_id=1, channel_id=2, owner_id=5, snapshot="{}")
    await sessions.create_many([card, other])
    assert [await sessions.by_key(key) is not None for key in (4, 5)] == [True, True]
