"""Group cooldowns on both backends: joins, leaves, exactly-once closing, restarts, migration."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, inspect, text

from bot.rules.delivery import Delivery, Outgoing
from bot.rules.members import GroupCooldown, GroupState, JoinResult
from bot.storage import CooldownSessions, Database, GroupCooldowns, TightAreas
from bot.storage.models import GroupCooldownRow
from tests.storage.conftest import _reopen_args, _schema, another_process

GUILD = 900_000_000_000_000_001
CHANNEL = 900_000_000_000_000_002
MESSAGE = 900_000_000_000_000_003
LEADER = 100_000_000_000_000_000
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222
GROUP_TABLES = {"group_cooldowns", "group_members"}


async def _create(
    groups: GroupCooldowns, closes_in: timedelta = timedelta(minutes=10), leader: int = LEADER
) -> GroupCooldown:
    closes_at = datetime.now(UTC) + closes_in
    return await groups.create(GUILD, CHANNEL, leader, 12, "easy", closes_at)


async def _table_names(database: Database) -> set[str]:
    async with database.engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


async def test_create_opens_a_group_with_the_leader_joined(database: Database) -> None:
    groups = GroupCooldowns(database)
    closes_at = datetime(2031, 5, 4, 9, 30, tzinfo=timezone(timedelta(hours=2)))

    group = await groups.create(GUILD, CHANNEL, LEADER, 12, "long", closes_at)

    assert (group.guild_id, group.channel_id, group.leader_id) == (GUILD, CHANNEL, LEADER)
    assert (group.minutes, group.run, group.state, group.message_id) == (12, "long", "open", None)
    assert group.state is GroupState.OPEN
    assert group.closes_at == closes_at
    assert group.closes_at.utcoffset() == group.created_at.utcoffset() == timedelta(0)
    assert await groups.get(group.id) == group
    assert await groups.members(group.id) == [LEADER]


async def test_create_rejects_a_naive_closing_time(database: Database) -> None:
    with pytest.raises(ValueError, match="naive"):
        await GroupCooldowns(database).create(GUILD, CHANNEL, LEADER, 12, "easy", datetime.now())
    assert await GroupCooldowns(database).open_groups() == []


async def test_attach_message_then_find_the_group_by_it(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    assert await groups.by_message(MESSAGE) is None

    await groups.attach_message(group.id, MESSAGE)

    found = await groups.by_message(MESSAGE)
    assert found is not None
    assert (found.id, found.message_id) == (group.id, MESSAGE)
    assert await groups.get(group.id) == found
    assert await groups.get(group.id + 1000) is None


async def test_join_then_join_again(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)

    assert await groups.join(group.id, ALICE) is JoinResult.JOINED
    assert await groups.join(group.id, ALICE) is JoinResult.ALREADY_JOINED
    assert await groups.join(group.id, LEADER) is JoinResult.ALREADY_JOINED
    assert await groups.join(group.id, BOB) is JoinResult.JOINED

    assert await groups.members(group.id) == [LEADER, ALICE, BOB]


@pytest.mark.parametrize("state", [GroupState.BUILT, GroupState.CANCELLED])
async def test_joining_a_closed_group(database: Database, state: GroupState) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    await groups.join(group.id, ALICE)
    assert await groups.close(group.id, state)

    assert await groups.join(group.id, BOB) is JoinResult.CLOSED
    assert await groups.join(group.id, ALICE) is JoinResult.CLOSED
    assert await groups.members(group.id) == [LEADER, ALICE]


async def test_joining_a_missing_group(database: Database) -> None:
    groups = GroupCooldowns(database)

    assert await groups.join(12345, ALICE) is JoinResult.CLOSED
    assert await groups.members(12345) == []


async def test_concurrent_joins_of_the_same_member_store_one_row(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)

    results = await asyncio.gather(*(groups.join(group.id, ALICE) for _ in range(10)))

    assert results.count(JoinResult.JOINED) == 1
    assert results.count(JoinResult.ALREADY_JOINED) == 9
    assert await groups.members(group.id) == [LEADER, ALICE]


async def test_concurrent_joins_of_different_members_all_count(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    runners = [ALICE + i for i in range(10)]

    results = await asyncio.gather(*(groups.join(group.id, runner) for runner in runners))

    assert results == [JoinResult.JOINED] * 10
    members = await groups.members(group.id)
    assert members[0] == LEADER
    assert sorted(members[1:]) == runners


async def test_leave(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    await groups.join(group.id, ALICE)
    await groups.join(group.id, BOB)

    assert await groups.leave(group.id, ALICE)
    assert not await groups.leave(group.id, ALICE)
    assert not await groups.leave(group.id, LEADER)
    assert not await groups.leave(group.id, 42)
    assert not await groups.leave(12345, BOB)
    assert await groups.members(group.id) == [LEADER, BOB]

    assert await groups.join(group.id, ALICE) is JoinResult.JOINED
    assert await groups.members(group.id) == [LEADER, BOB, ALICE]


async def test_nobody_leaves_a_closed_group(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    await groups.join(group.id, ALICE)
    assert await groups.close(group.id, GroupState.BUILT)

    assert not await groups.leave(group.id, ALICE)
    assert await groups.members(group.id) == [LEADER, ALICE]


async def test_close_only_once(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)

    with pytest.raises(ValueError, match="built or cancelled"):
        await groups.close(group.id, GroupState.OPEN)
    assert await groups.close(group.id, GroupState.CANCELLED)
    assert not await groups.close(group.id, GroupState.CANCELLED)
    assert not await groups.close(group.id, GroupState.BUILT)
    assert not await groups.close(12345, GroupState.BUILT)

    closed = await groups.get(group.id)
    assert closed is not None
    assert closed.state is GroupState.CANCELLED


async def test_concurrent_closes_have_one_winner(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    states = [GroupState.BUILT, GroupState.CANCELLED] * 5

    results = await asyncio.gather(*(groups.close(group.id, state) for state in states))

    assert results.count(True) == 1
    closed = await groups.get(group.id)
    assert closed is not None
    assert closed.state is states[results.index(True)]


async def test_closes_from_two_processes_have_one_winner(database: Database) -> None:
    async with another_process(database) as other:
        here, there = GroupCooldowns(database), GroupCooldowns(other)
        group = await _create(here)
        closes = [repo.close(group.id, GroupState.BUILT) for repo in (here, there) * 5]

        results = await asyncio.gather(*closes)

    assert results.count(True) == 1


async def _build_race(groups: GroupCooldowns) -> None:
    group = await _create(groups)
    runners = [ALICE + i for i in range(20)]

    async def build() -> list[int]:
        assert await groups.close(group.id, GroupState.BUILT)
        return await groups.members(group.id)

    joins = [groups.join(group.id, runner) for runner in runners]
    outcomes = await asyncio.gather(*joins[:10], build(), *joins[10:])
    built_for = outcomes.pop(10)

    assert set(outcomes) <= {JoinResult.JOINED, JoinResult.CLOSED}
    joined = [r for r, outcome in zip(runners, outcomes, strict=True) if outcome == "joined"]
    members = await groups.members(group.id)
    # Everyone told "joined" is in the routine, and nobody got in after it was built.
    assert members == built_for
    assert members[0] == LEADER
    assert sorted(members[1:]) == joined


async def test_joins_racing_a_close_are_either_in_or_told_closed(database: Database) -> None:
    groups = GroupCooldowns(database)
    # A few rounds: without the lock in join() PostgreSQL lets a late join in about one
    # round in six.
    for _ in range(5):
        await _build_race(groups)


async def test_open_groups_soonest_first_without_closed_ones(database: Database) -> None:
    groups = GroupCooldowns(database)
    later = await _create(groups, timedelta(minutes=30))
    built = await _create(groups, timedelta(minutes=5))
    sooner = await _create(groups, timedelta(minutes=10))
    cancelled = await _create(groups, timedelta(minutes=1))
    await groups.close(built.id, GroupState.BUILT)
    await groups.close(cancelled.id, GroupState.CANCELLED)

    assert [g.id for g in await groups.open_groups()] == [sooner.id, later.id]


async def test_groups_and_joins_survive_a_restart(database: Database) -> None:
    groups = GroupCooldowns(database)
    group = await _create(groups)
    await groups.attach_message(group.id, MESSAGE)
    await groups.join(group.id, ALICE)
    await groups.join(group.id, BOB)
    finished = await _create(groups)
    await groups.close(finished.id, GroupState.BUILT)
    url, connect_args = _reopen_args(database, await _schema(database))
    await database.dispose()

    restarted = Database(url, connect_args=connect_args)
    try:
        groups = GroupCooldowns(restarted)
        reloaded = await groups.open_groups()
        assert [g.id for g in reloaded] == [group.id]
        assert reloaded[0].message_id == MESSAGE
        assert reloaded[0].closes_at == group.closes_at
        assert await groups.by_message(MESSAGE) == reloaded[0]
        assert await groups.members(group.id) == [LEADER, ALICE, BOB]
        assert await groups.join(group.id, ALICE) is JoinResult.ALREADY_JOINED
        assert await groups.close(group.id, GroupState.BUILT)
        assert await groups.open_groups() == []
    finally:
        await restarted.dispose()


async def test_deleting_a_group_deletes_its_members_and_frees_no_id(database: Database) -> None:
    groups = GroupCooldowns(database)
    first = await _create(groups)
    newest = await _create(groups, leader=BOB)
    await groups.join(newest.id, ALICE)

    async with database.session() as session:
        await session.execute(delete(GroupCooldownRow).where(GroupCooldownRow.id == newest.id))

    assert await groups.members(newest.id) == []
    assert await groups.members(first.id) == [LEADER]
    # A card still showing the deleted group's buttons must not reach a new group.
    assert (await _create(groups)).id > newest.id


async def test_downgrade_to_0001_drops_only_the_group_tables(database: Database) -> None:
    await TightAreas(database).add(ALICE, "calves")
    await _create(GroupCooldowns(database))

    await database.downgrade("0001")

    tables = await _table_names(database)
    assert not tables & GROUP_TABLES
    assert {"tight_areas", "avoided_stretches"} <= tables
    assert [a.area for a in await TightAreas(database).list(ALICE)] == ["calves"]
    async with database.engine.connect() as connection:
        version = await connection.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == "0001"

    await database.migrate()
    groups = GroupCooldowns(database)
    assert await groups.open_groups() == []
    group = await _create(groups)
    assert await groups.join(group.id, ALICE) is JoinResult.JOINED


async def test_a_built_group_gets_one_card_from_two_processes(database: Database) -> None:
    async with another_process(database) as other:
        here = GroupCooldowns(database)
        group = await _create(here)
        assert await here.close(group.id, GroupState.BUILT)
        since = datetime.now(UTC) - timedelta(hours=1)
        assert [g.id for g in await here.built_without_card(since)] == [group.id]
        post = Outgoing(f"group:{group.id}", CHANNEL, GUILD, "the group's routine card")

        def card(repo: CooldownSessions, key: int) -> Awaitable[list[Delivery] | None]:
            return repo.create_group_card(
                group_id=group.id,
                guild_id=GUILD,
                channel_id=CHANNEL,
                owner_id=LEADER,
                snapshot="{}",
                card_key=key,
                outgoing=[post],
            )

        repos = (CooldownSessions(database), CooldownSessions(other)) * 4
        results = await asyncio.gather(*(card(r, k) for k, r in enumerate(repos, start=1)))

    stored = [r for r in results if r is not None]
    assert len(stored) == 1 and len(stored[0]) == 1  # one card, with its one post
    assert await here.built_without_card(since) == []
