"""Two `python -m bot` processes splitting the guilds by shard (SHARD_COUNT=2, SHARD_IDS=0 and
1) on one PostgreSQL database, against a fake Discord that routes each guild's events to its
shard's connection only: each process answers its own guilds, posts its own check-ins and runs
its own sessions; a kill -9 of one leaves the other's untouched, and its restart resumes its own.

The weekly check-ins come due by their schedule, not by `/checkin now`: each guild's schedule
is stored for a minute a few minutes past (the processes read the real clock, and waiting for
the next whole minute would double the test), so when each process starts its scheduler finds
the occurrence missed while no bot ran, within the grace period, and posts it once, for its
own guilds only. The restart after the kill finds the week posted and posts nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.storage import CheckInSchedules, Database
from tests.e2e.conftest import ALICE, assert_nothing_refused
from tests.e2e.helpers import custom_ids, eventually, text_of
from tests.e2e.test_checkins import ADMIN
from tests.e2e.test_crashes import BotProcess
from tests.e2e.test_two_processes import lease_holder
from tests.e2e.test_two_processes import shared_database as shared_database
from tests.fakediscord import FakeChannel, FakeDiscord, FakeGuild, snowflake_in_shard
from tests.storage.conftest import postgres_url as postgres_url

pytestmark = pytest.mark.postgres

SHARDS = 2


@pytest.fixture
async def sharded() -> AsyncIterator[FakeDiscord]:
    guilds = [
        FakeGuild(
            id=snowflake_in_shard(shard, SHARDS), name=f"Club {shard}", channels=[FakeChannel()]
        )
        for shard in range(SHARDS)
    ]
    async with FakeDiscord(default_user=ALICE, shard_count=SHARDS, guilds=guilds) as server:
        yield server
        assert_nothing_refused(server)


def shard_process(fake: FakeDiscord, tmp_path: Path, database: str, shard: int) -> BotProcess:
    process = BotProcess(fake, tmp_path, database)
    process.env.update(SHARD_COUNT=str(SHARDS), SHARD_IDS=str(shard))
    return process


@dataclass
class Session:
    guild: FakeGuild
    id: str
    thread_id: int
    control_id: int
    pause: str


def checkins_in(fake: FakeDiscord, guild: FakeGuild) -> list[dict[str, Any]]:
    return fake.posted_to(guild.text_channel.id, contains="## Weekly check-in")


def step_posts(fake: FakeDiscord, session: Session, number: int) -> list[dict[str, Any]]:
    marker = f"**Step {number} of"
    return [m for m in fake.posted_to(session.thread_id) if marker in (m.get("content") or "")]


def paused_notices(fake: FakeDiscord, session: Session) -> list[dict[str, Any]]:
    """The pause notices posted in the session's thread (the control card says so too)."""
    posts = fake.posted_to(session.thread_id, "Paused")
    return [m for m in posts if int(m["id"]) != session.control_id]


async def schedule_missed_checkins(database_url: str, guilds: list[FakeGuild]) -> None:
    """Every guild's weekly check-in stored as due a few minutes ago, before any bot runs:
    an occurrence missed while no bot ran, well within the grace period."""
    due = (datetime.now(UTC) - timedelta(minutes=3)).replace(second=0, microsecond=0)
    database = Database(database_url)
    try:
        await database.migrate()
        schedules = CheckInSchedules(database)
        for guild in guilds:
            await schedules.set(
                guild.id, guild.text_channel.id, due.weekday(), f"{due:%H:%M}", "UTC", ADMIN.id
            )
    finally:
        await database.dispose()


async def start_session(fake: FakeDiscord, guild: FakeGuild) -> Session:
    where = {"guild_id": guild.id, "channel_id": guild.text_channel.id}
    sent = await fake.send_slash_command("tight add", {"area": "calves"}, user=ALICE, **where)
    await fake.wait_for_interaction_response(sent)
    sent = await fake.send_slash_command("cooldown", {"minutes": 3}, user=ALICE, **where)
    body = await fake.wait_for_interaction_response(sent)
    (start,) = custom_ids(body)
    card = fake.original_message(sent)
    assert card is not None
    await fake.send_component(start, int(card["id"]), user=ALICE, **where)

    def control() -> dict[str, Any] | None:
        return next(
            (
                m
                for m in fake.posted
                if "session:pause:" in str(m.get("components"))
                and fake.channels[int(m["channel_id"])].get("parent_id")
                == str(guild.text_channel.id)
            ),
            None,
        )

    await eventually(lambda: control() is not None)
    message = control()
    assert message is not None
    pause, *_ = custom_ids({"data": message})
    thread_id = int(message["channel_id"])
    session = Session(guild, pause.rsplit(":", 1)[1], thread_id, int(message["id"]), pause)
    await eventually(lambda: len(step_posts(fake, session, 1)) == 1)
    return session


async def press_in(fake: FakeDiscord, session: Session, custom_id: str) -> dict[str, Any]:
    sent = await fake.send_component(
        custom_id,
        session.control_id,
        user=ALICE,
        guild_id=session.guild.id,
        channel_id=session.thread_id,
    )
    return await fake.wait_for_interaction_response(sent, timeout=5)


async def test_each_process_serves_its_own_shard_and_survives_the_others_kill(
    sharded: FakeDiscord, tmp_path: Path, shared_database: str
) -> None:
    fake = sharded
    first_guild, second_guild = fake.guilds
    assert [fake.shard_of(g.id) for g in fake.guilds] == [0, 1]
    await schedule_missed_checkins(shared_database, fake.guilds)
    processes = [shard_process(fake, tmp_path, shared_database, s) for s in range(SHARDS)]
    try:
        # The first process posts its own guild's due check-in, and not the other's.
        await processes[0].start()
        await eventually(lambda: len(checkins_in(fake, first_guild)) == 1)
        await asyncio.sleep(1.0)  # the other guild's post, were it scheduled here, comes now
        assert checkins_in(fake, second_guild) == []
        # The second process posts its own.
        await processes[1].start()
        await eventually(lambda: len(checkins_in(fake, second_guild)) == 1)
        await fake.wait_ready(timeout=20, shard_ids=[0, 1])
        # Commands in each guild: answered once, by the process of its shard.
        for guild, area, name in (
            (first_guild, "hamstrings", "Hamstrings"),
            (second_guild, "quads", "Quads"),
        ):
            answer = await slash_in(fake, guild, "tight add", {"area": area})
            assert f"Added **{name}**" in text_of(answer), text_of(answer)

        sessions = [await start_session(fake, g) for g in (first_guild, second_guild)]
        holders = [await lease_holder(shared_database, f"session:{s.id}") for s in sessions]
        for process, holder in zip(processes, holders, strict=True):
            assert holder is not None and f":{process.pid}:" in holder, (holder, process.pid)

        # kill -9 of the second shard's process: the first's guild and session carry on.
        await processes[1].kill()
        answer = await slash_in(fake, first_guild, "tight add", {"area": "hip flexor"})
        assert "Added **Hip flexors**" in text_of(answer), text_of(answer)
        # Nobody took shard 1 over: its guild waits for its own process.
        await asyncio.sleep(1.0)
        assert fake.connected_shards() == {0}
        paused = await press_in(fake, sessions[0], sessions[0].pause)
        assert paused["type"] == 7, text_of(paused)
        await eventually(lambda: len(paused_notices(fake, sessions[0])) == 1)
        assert await lease_holder(shared_database, f"session:{sessions[0].id}") == holders[0]
        assert await lease_holder(shared_database, f"session:{sessions[1].id}") == holders[1]

        # Its restart resumes its own session, and only its own.
        await processes[1].start()
        await fake.wait_ready(timeout=20, shard_ids=[1])
        await asyncio.sleep(3.0)  # the dead process's lease (2 s) runs out
        paused = await press_in(fake, sessions[1], sessions[1].pause)
        assert paused["type"] == 7, text_of(paused)
        await eventually(lambda: len(paused_notices(fake, sessions[1])) == 1)
        taken = await lease_holder(shared_database, f"session:{sessions[1].id}")
        assert taken is not None and f":{processes[1].pid}:" in taken
        assert await lease_holder(shared_database, f"session:{sessions[0].id}") == holders[0]

        await asyncio.sleep(1.0)
        for session in sessions:
            assert len(step_posts(fake, session, 1)) == 1
            assert len(paused_notices(fake, session)) == 1
        assert all(len(checkins_in(fake, g)) == 1 for g in (first_guild, second_guild))
    finally:
        for process in processes:
            if process.process is not None and process.process.returncode is None:
                await process.stop()


async def slash_in(
    fake: FakeDiscord, guild: FakeGuild, name: str, options: dict[str, Any]
) -> dict[str, Any]:
    sent = await fake.send_slash_command(
        name, options, user=ALICE, guild_id=guild.id, channel_id=guild.text_channel.id
    )
    return await fake.wait_for_interaction_response(sent)
