"""Two processes' schedulers firing the same club's check-in at once: one post, not two."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from bot.services.checkin_scheduler import CheckInScheduler
from bot.storage import CheckInPosts, Database
from tests.storage.conftest import another_process

GUILD = 700_000_000_000_000_001
CHANNEL = 700_000_000_000_000_002


async def test_two_schedulers_racing_claim_the_week_once(database: Database) -> None:
    claimed: list[int] = []

    def poster(posts: CheckInPosts, process: int):  # type: ignore[no-untyped-def]
        async def post(guild_id: int, week: date, scheduled_for: datetime) -> None:
            # What the bot does before sending: claim the (guild, ISO week) row.
            if await posts.claim(guild_id, week, CHANNEL) is not None:
                claimed.append(process)

        return post

    now = datetime.now(UTC)
    occurrence = now - timedelta(minutes=1)
    async with another_process(database) as other:
        schedulers = [
            CheckInScheduler(poster(CheckInPosts(db), i), clock=lambda: now)
            for i, db in enumerate((database, other))
        ]
        for scheduler in schedulers:
            scheduler.schedule(GUILD, occurrence.weekday(), occurrence.time(), "UTC")
        # Each process's job fires, one of them twice (a double-fired job).
        fired = await asyncio.gather(
            *(s.fire(GUILD, occurrence, reschedule=False) for s in (*schedulers, schedulers[0]))
        )
    assert fired.count(True) == 2  # each process tried once; its own repeat was skipped
    assert len(claimed) == 1
    assert len(await CheckInPosts(database).weeks(GUILD)) == 1
