"""Weekly check-ins on both backends: schedules, exactly-once weekly posts (also across two
processes), merged answers, history, the club report's counts, and a member's export/delete."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.rules.checkins.parser import Efficiency
from bot.rules.checkins.trends import WeeklyCheckIn
from bot.rules.members import PostState
from bot.storage import (
    AvoidedStretches,
    CheckInPosts,
    CheckIns,
    CheckInSchedules,
    ClubReports,
    CooldownSessions,
    Database,
    GroupCooldowns,
    MemberData,
    TightAreas,
)
from bot.storage.checkins import CHECKIN_NOTE_LENGTH
from bot.storage.models import CheckInPostRow, CheckInRow
from tests.storage.conftest import another_process

GUILD = 900_000_000_000_000_001
OTHER_GUILD = 900_000_000_000_000_009
CHANNEL = 900_000_000_000_000_002
MESSAGE = 900_000_000_000_000_003
ADMIN = 100_000_000_000_000_000
ALICE = 111_111_111_111_111_111
BOB = 222_222_222_222_222_222
CAROL = 333_333_333_333_333_333
WEEK = date(2031, 3, 3)  # a Monday


def _week(n: int) -> date:
    return WEEK + timedelta(weeks=n)


async def _rows(database: Database, user_id: int) -> int:
    statement = select(func.count()).select_from(CheckInRow).where(CheckInRow.user_id == user_id)
    async with database.reading() as connection:
        return int(await connection.scalar(statement) or 0)


async def test_schedule_set_get_disable_enable_remove(database: Database) -> None:
    schedules = CheckInSchedules(database)
    assert await schedules.get(GUILD) is None

    first = await schedules.set(GUILD, CHANNEL, 0, "08:30", "Europe/Paris", ADMIN)
    assert (first.guild_id, first.channel_id, first.weekday, first.local_time) == (
        GUILD,
        CHANNEL,
        0,
        "08:30",
    )
    assert (first.timezone, first.enabled, first.updated_by) == ("Europe/Paris", True, ADMIN)
    assert first.updated_at.utcoffset() == timedelta(0)
    assert await schedules.get(GUILD) == first

    assert await schedules.disable(GUILD)
    assert not await schedules.disable(GUILD)
    stored = await schedules.get(GUILD)
    assert stored is not None and not stored.enabled and stored.local_time == "08:30"
    assert await schedules.enabled() == []

    again = await schedules.set(GUILD, CHANNEL + 1, 6, "19:05", "America/New_York", ALICE)
    assert (again.channel_id, again.weekday, again.enabled, again.updated_by) == (
        CHANNEL + 1,
        6,
        True,
        ALICE,
    )
    await schedules.set(OTHER_GUILD, CHANNEL, 3, "12:00", "UTC", ADMIN)
    assert [s.guild_id for s in await schedules.enabled()] == [GUILD, OTHER_GUILD]
    assert [s.guild_id for s in await schedules.enabled([OTHER_GUILD, 42])] == [OTHER_GUILD]

    assert await schedules.remove(GUILD)
    assert not await schedules.remove(GUILD)
    assert not await schedules.disable(GUILD)
    assert await schedules.get(GUILD) is None
    assert [s.guild_id for s in await schedules.enabled()] == [OTHER_GUILD]


async def test_schedule_rejects_bad_values(database: Database) -> None:
    schedules = CheckInSchedules(database)
    for weekday, local_time, timezone in [
        (7, "08:00", "UTC"),
        (-1, "08:00", "UTC"),
        (0, "24:00", "UTC"),
        (0, "8:00", "UTC"),
        (0, "08:00", "Mars/Base"),
        (0, "08:00", "../etc/passwd"),
    ]:
        with pytest.raises(ValueError):
            await schedules.set(GUILD, CHANNEL, weekday, local_time, timezone, ADMIN)
    assert await schedules.get(GUILD) is None


async def test_concurrent_schedule_saves_leave_one_row(database: Database) -> None:
    schedules = CheckInSchedules(database)
    async with another_process(database) as other:
        elsewhere = CheckInSchedules(other)
        await asyncio.gather(
            *(
                (schedules if i % 2 else elsewhere).set(GUILD, CHANNEL, i % 7, "09:00", "UTC", i)
                for i in range(10)
            )
        )
    assert [s.guild_id for s in await schedules.enabled()] == [GUILD]


async def test_a_week_is_claimed_exactly_once(database: Database) -> None:
    posts = CheckInPosts(database)
    async with another_process(database) as other:
        elsewhere = CheckInPosts(other)
        claims = await asyncio.gather(
            *((posts if i % 2 else elsewhere).claim(GUILD, WEEK, CHANNEL) for i in range(10))
        )
        won = [claim for claim in claims if claim is not None]
        assert len(won) == 1
        # Any day of the week names the same week.
        assert await elsewhere.claim(GUILD, WEEK + timedelta(days=4), CHANNEL) is None

    post = won[0]
    assert (post.guild_id, post.week, post.channel_id) == (GUILD, WEEK, CHANNEL)
    assert (post.state, post.message_id, post.posted_at) == (PostState.CLAIMED, None, None)
    # Another server, or the next week, is a separate claim.
    assert await posts.claim(OTHER_GUILD, WEEK, CHANNEL) is not None
    assert await posts.claim(GUILD, _week(1), CHANNEL) is not None


async def test_post_then_find_it_by_message(database: Database) -> None:
    posts = CheckInPosts(database)
    post = await posts.claim(GUILD, WEEK, CHANNEL)
    assert post is not None
    assert await posts.by_message(MESSAGE) is None

    assert await posts.mark_posted(post.id, MESSAGE)
    assert not await posts.mark_posted(post.id, MESSAGE + 1)
    assert not await posts.mark_failed(post.id)

    found = await posts.by_message(MESSAGE)
    assert found is not None
    assert (found.id, found.week, found.state, found.message_id) == (
        post.id,
        WEEK,
        PostState.POSTED,
        MESSAGE,
    )
    assert found.posted_at is not None and found.posted_at.utcoffset() == timedelta(0)
    assert await posts.claim(GUILD, WEEK, CHANNEL) is None


async def test_a_failed_week_is_reclaimed_exactly_once(database: Database) -> None:
    posts = CheckInPosts(database)
    post = await posts.claim(GUILD, WEEK, CHANNEL)
    assert post is not None
    assert await posts.mark_failed(post.id)
    assert not await posts.mark_failed(post.id)

    async with another_process(database) as other:
        elsewhere = CheckInPosts(other)
        claims = await asyncio.gather(
            *((posts if i % 2 else elsewhere).claim(GUILD, WEEK, CHANNEL + 1) for i in range(10))
        )
    won = [claim for claim in claims if claim is not None]
    assert len(won) == 1
    assert (won[0].id, won[0].state, won[0].channel_id) == (
        post.id,
        PostState.CLAIMED,
        CHANNEL + 1,
    )
    assert await posts.mark_posted(won[0].id, MESSAGE)
    assert [p.state for p in await posts.weeks(GUILD)] == [PostState.POSTED]


async def test_a_claim_left_by_a_dead_process_is_taken_over_once(database: Database) -> None:
    posts = CheckInPosts(database)
    stuck = await posts.claim(GUILD, WEEK, CHANNEL)
    assert stuck is not None
    assert await posts.claim(GUILD, WEEK, CHANNEL) is None  # still fresh: someone is posting
    async with database.session() as session:
        row = await session.get(CheckInPostRow, stuck.id)
        assert row is not None
        row.claimed_at = datetime.now(UTC) - timedelta(hours=1)
    claims = await asyncio.gather(*(posts.claim(GUILD, WEEK, CHANNEL) for _ in range(10)))
    won = [claim for claim in claims if claim is not None]
    assert [claim.id for claim in won] == [stuck.id]
    assert await posts.mark_posted(stuck.id, MESSAGE)
    assert await posts.claim(GUILD, WEEK, CHANNEL) is None


async def test_latest_and_weeks(database: Database) -> None:
    posts = CheckInPosts(database)
    assert await posts.latest(GUILD) is None
    assert await posts.weeks(GUILD) == []
    for n in (2, 0, 1):
        assert await posts.claim(GUILD, _week(n), CHANNEL) is not None
    await posts.claim(OTHER_GUILD, _week(5), CHANNEL)

    latest = await posts.latest(GUILD)
    assert latest is not None and latest.week == _week(2)
    assert [p.week for p in await posts.weeks(GUILD)] == [_week(0), _week(1), _week(2)]


async def test_a_second_answer_in_the_week_is_merged(database: Database) -> None:
    checkins = CheckIns(database)
    first, created = await checkins.record(
        ALICE, GUILD, WEEK, {"calves": 6, "hamstrings": 4}, 7, Efficiency.SAME, "long run"
    )
    assert created
    assert (first.user_id, first.guild_id, first.week) == (ALICE, GUILD, WEEK)
    assert (first.soreness, first.movement, first.efficiency, first.note) == (
        {"calves": 6, "hamstrings": 4},
        7,
        "same",
        "long run",
    )

    wednesday = WEEK + timedelta(days=2)
    second, created = await checkins.record(
        ALICE, OTHER_GUILD, wednesday, {"calves": 3, "glutes": 5}, None, "better", None
    )
    assert not created
    assert second.id == first.id and second.guild_id == GUILD
    assert second.soreness == {"calves": 3, "hamstrings": 4, "glutes": 5}
    assert (second.movement, second.efficiency, second.note) == (7, "better", "long run")
    assert second.created_at == first.created_at and second.updated_at >= first.updated_at
    assert await checkins.for_week(ALICE, wednesday) == second
    assert await checkins.for_week(ALICE, _week(1)) is None
    assert await _rows(database, ALICE) == 1


async def test_record_rejects_bad_values(database: Database) -> None:
    checkins = CheckIns(database)
    with pytest.raises(ValueError):
        await checkins.record(ALICE, GUILD, WEEK, {"calves": 11})
    with pytest.raises(ValueError):
        await checkins.record(ALICE, GUILD, WEEK, {}, efficiency="great")
    with pytest.raises(ValueError):
        await checkins.record(ALICE, GUILD, WEEK, {}, note="x" * (CHECKIN_NOTE_LENGTH + 1))
    assert await checkins.for_week(ALICE, WEEK) is None


async def test_a_whole_message_is_kept_as_the_note(database: Database) -> None:
    # Discord lets a member send 4,000 characters; all of them are stored, unicode included.
    note = ("legs felt heavy on the hills, ça va mieux après le repos 🦵 " * 70)[:4000]
    checkins = CheckIns(database)
    await checkins.record(ALICE, GUILD, WEEK, {"calves": 3}, note=note)
    stored = await checkins.for_week(ALICE, WEEK)
    assert stored is not None and stored.note == note


async def test_concurrent_answers_make_one_merged_row(database: Database) -> None:
    checkins = CheckIns(database)
    areas = ["calves", "hamstrings", "glutes", "quads", "hips", "back"]
    async with another_process(database) as other:
        elsewhere = CheckIns(other)
        results = await asyncio.gather(
            *(
                (checkins if i % 2 else elsewhere).record(BOB, GUILD, WEEK, {area: i}, movement=i)
                for i, area in enumerate(areas)
            )
        )
    assert [created for _, created in results].count(True) == 1
    assert len({checkin.id for checkin, _ in results}) == 1
    assert await _rows(database, BOB) == 1
    stored = await checkins.for_week(BOB, WEEK)
    assert stored is not None
    assert stored.soreness == {area: i for i, area in enumerate(areas)}


async def test_history_is_oldest_first_within_the_window(database: Database) -> None:
    checkins = CheckIns(database)
    assert await checkins.history(ALICE) == []
    for n in (3, 0, 5, 1):
        await checkins.record(ALICE, GUILD, _week(n), {"calves": n}, movement=n)
    await checkins.record(ALICE, GUILD, _week(5), {}, efficiency="worse")
    await checkins.record(BOB, GUILD, _week(2), {"calves": 9})

    history = await checkins.history(ALICE)
    assert [c.week for c in history] == [_week(0), _week(1), _week(3), _week(5)]
    assert history[-1] == WeeklyCheckIn(_week(5), {"calves": 5}, 5, Efficiency.WORSE)
    assert history[0].efficiency is None

    today = _week(5) + timedelta(days=6)  # the Sunday of week 5
    recent = await checkins.history(ALICE, weeks=3, today=today)
    assert [c.week for c in recent] == [_week(3), _week(5)]
    assert [c.week for c in await checkins.history(ALICE, 1, today=today)] == [_week(5)]
    assert await checkins.history(ALICE, 2, today=_week(20)) == []
    with pytest.raises(ValueError):
        await checkins.history(ALICE, 0)


async def test_participation_counts_members_per_week(database: Database) -> None:
    checkins, posts = CheckIns(database), CheckInPosts(database)
    for n in range(4):
        post = await posts.claim(GUILD, _week(n), CHANNEL)
        assert post is not None
        await posts.mark_posted(post.id, MESSAGE + n)
    failed = await posts.claim(GUILD, _week(4), CHANNEL)
    assert failed is not None
    await posts.mark_failed(failed.id)
    await checkins.record(ALICE, GUILD, _week(0), {"calves": 5})
    await checkins.record(ALICE, GUILD, _week(1), {"calves": 4})
    await checkins.record(BOB, GUILD, _week(1), {"glutes": 2})
    await checkins.record(BOB, GUILD, _week(1), {"quads": 2})
    await checkins.record(CAROL, GUILD, _week(3), {})
    await checkins.record(CAROL, OTHER_GUILD, _week(5), {"calves": 8})

    assert await checkins.participation(GUILD, 10) == [
        (_week(0), 1),
        (_week(1), 2),
        (_week(2), 0),
        (_week(3), 1),
    ]
    assert await checkins.participation(GUILD, 2) == [(_week(2), 0), (_week(3), 1)]
    assert await checkins.participation(OTHER_GUILD, 3) == [(_week(5), 1)]
    assert await checkins.participation(42, 3) == []


async def test_club_tight_areas_counts_members_who_answered(database: Database) -> None:
    areas, checkins, reports = TightAreas(database), CheckIns(database), ClubReports(database)
    for user, tight in (
        (ALICE, ["calves", "hamstrings"]),
        (BOB, ["calves", "glutes"]),
        (CAROL, ["calves", "hips"]),  # never answered in GUILD
    ):
        for area in tight:
            await areas.add(user, area)
    await checkins.record(ALICE, GUILD, _week(0), {"calves": 5})
    await checkins.record(ALICE, GUILD, _week(1), {"calves": 4})
    await checkins.record(BOB, GUILD, _week(1), {})
    await checkins.record(CAROL, OTHER_GUILD, _week(1), {})

    report = await reports.club_tight_areas(GUILD)
    assert report == [("calves", 2), ("glutes", 1), ("hamstrings", 1)]
    assert await reports.club_tight_areas(OTHER_GUILD) == [("calves", 1), ("hips", 1)]
    assert await reports.club_tight_areas(42) == []


async def test_export_then_delete_a_members_data(database: Database) -> None:
    groups, sessions = GroupCooldowns(database), CooldownSessions(database)
    for user in (ALICE, BOB):
        await TightAreas(database).add(user, "calves", note="after hills")
        await AvoidedStretches(database).add(user, "pigeon")
        await CheckIns(database).record(user, GUILD, WEEK, {"calves": 6}, 7, "same", "tired")
    closes_at = datetime.now(UTC) + timedelta(minutes=10)
    led = await groups.create(GUILD, CHANNEL, ALICE, 12, "easy", closes_at)
    await groups.join(led.id, BOB)
    joined = await groups.create(GUILD, CHANNEL, BOB, 10, "easy", closes_at)
    await groups.join(joined.id, ALICE)
    card = await sessions.create(guild_id=GUILD, channel_id=CHANNEL, owner_id=ALICE, snapshot="{}")
    bobs = await sessions.create(guild_id=GUILD, channel_id=CHANNEL, owner_id=BOB, snapshot="{}")
    data = MemberData(database)
    bob_before = await data.export(BOB)

    exported = await data.export(ALICE)
    assert json.loads(json.dumps(exported)) == exported
    assert exported["user_id"] == ALICE
    [area] = exported["tight_areas"]
    assert (area["area"], area["priority"], area["note"]) == ("calves", 1, "after hills")
    assert [s["stretch_id"] for s in exported["avoided_stretches"]] == ["pigeon"]
    [checkin] = exported["checkins"]
    assert checkin["week"] == WEEK.isoformat() and checkin["guild_id"] == GUILD
    assert (checkin["soreness"], checkin["movement"], checkin["efficiency"]) == (
        {"calves": 6},
        7,
        "same",
    )
    assert checkin["note"] == "tired"
    assert [m["group_id"] for m in exported["group_memberships"]] == [led.id, joined.id]
    assert [(s["id"], s["state"]) for s in exported["cooldown_sessions"]] == [(card.id, "ready")]

    forgotten = await data.delete(ALICE)
    assert {table: n for table, n in forgotten.deleted.items() if n} == {
        "tight_areas": 1,
        "avoided_stretches": 1,
        "checkins": 1,
        "group_members": 2,
        "cooldown_sessions": 1,
    }
    # The group Alice led stays for Bob, without her name.
    assert {table: n for table, n in forgotten.anonymised.items() if n} == {"group_cooldowns": 1}
    after = await data.export(ALICE)
    assert all(after[key] == [] for key in after if key != "user_id")
    again = await data.delete(ALICE)
    assert not any(again.deleted.values()) and not any(again.anonymised.values())

    # Other members keep everything, and the group Alice led stays with Bob in it.
    assert await data.export(BOB) == bob_before
    assert await groups.get(led.id) is not None
    assert await groups.members(led.id) == [BOB]
    assert await groups.members(joined.id) == [BOB]
    assert await sessions.get(bobs.id) is not None
    assert await sessions.get(card.id) is None
