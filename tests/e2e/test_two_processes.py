"""Two `python -m bot` processes on one PostgreSQL database at once, as during a rolling
deploy or with a misconfigured second copy: both see every event, yet each weekly check-in
and each step is posted once, and the survivor of a kill -9 carries on the session."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from tests.e2e.conftest import ALICE
from tests.e2e.helpers import custom_ids, slash, text_of
from tests.e2e.test_checkins import ADMIN
from tests.e2e.test_crashes import (
    BotProcess,
    a_card,
    checkins,
    eventually,
    schedule_checkin,
    steps,
)
from tests.fakediscord import FakeDiscord
from tests.storage.conftest import POSTGRES_URL
from tests.storage.conftest import postgres_url as postgres_url

pytestmark = pytest.mark.postgres


@pytest.fixture
async def shared_database(postgres_url: str) -> AsyncIterator[str]:
    """A database of its own for the two processes, dropped afterwards."""
    name = f"club_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(POSTGRES_URL, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield POSTGRES_URL.rsplit("/", 1)[0] + f"/{name}"
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    finally:
        await admin.dispose()


async def lease_holder(url: str, resource: str) -> str | None:
    engine = create_async_engine(url, poolclass=NullPool)
    try:
        async with engine.connect() as connection:
            owner = await connection.scalar(
                text("SELECT owner FROM leases WHERE resource = :r"), {"r": resource}
            )
            return None if owner is None else str(owner)
    finally:
        await engine.dispose()


async def test_two_processes_post_once_and_the_survivor_carries_on(
    fake: FakeDiscord, tmp_path: Path, shared_database: str
) -> None:
    first = BotProcess(fake, tmp_path, shared_database)
    second = BotProcess(fake, tmp_path, shared_database)
    await first.start()
    await second.start()
    try:
        await schedule_checkin(fake)
        await slash(fake, "checkin now", user=ADMIN)
        await eventually(lambda: len(checkins(fake)) == 1)

        start, card_id = await a_card(fake)
        await fake.send_component(start, card_id, user=ALICE)
        await eventually(lambda: len(steps(fake, 1)) == 1)
        control = next(m for m in fake.posted if "session:pause:" in str(m.get("components")))
        (pause, *_) = custom_ids({"data": control})
        session_id = pause.rsplit(":", 1)[1]

        holder = await lease_holder(shared_database, f"session:{session_id}")
        assert holder is not None
        owner, other = (first, second) if f":{first.pid}:" in holder else (second, first)
        await owner.kill()
        await asyncio.sleep(3.0)  # the lease (2 s) runs out; the other process takes over
        paused = await fake.send_component(pause, int(control["id"]), user=ALICE)
        answer = await fake.wait_for_interaction_response(paused, timeout=5)
        assert answer["type"] == 7, text_of(answer)
        await eventually(lambda: len(fake.posted_to(int(control["channel_id"]), "Paused")) == 1)
        holder = await lease_holder(shared_database, f"session:{session_id}")
        assert holder is not None and f":{other.pid}:" in holder
        await asyncio.sleep(1.0)
        assert len(checkins(fake)) == 1 and len(steps(fake, 1)) == 1
    finally:
        for process in (first, second):
            if process.process is not None and process.process.returncode is None:
                await process.stop()
