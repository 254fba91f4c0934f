"""`python -m bot` killed at the worst moments, then started again: nothing lost or doubled.

Each test runs the bot as a real process against the fake Discord, holds one request open with
a fault, kills the process with SIGKILL (or stops it with SIGTERM) while it waits, starts a new
process on the same database, and checks what the club sees. LEASE_SECONDS is short so the new
process takes over in seconds rather than half a minute; the rules are the same.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from tests.e2e.conftest import ALICE
from tests.e2e.helpers import custom_ids, eventually, press, quiet_schedule, slash, text_of
from tests.e2e.test_checkins import ADMIN
from tests.e2e.test_startup import bot_env
from tests.fakediscord import FakeDiscord

MESSAGES = r"/channels/\d+/messages"
HELD = 60.0  # a fault holds its request this long: far past any kill


class BotProcess:
    def __init__(self, fake: FakeDiscord, tmp_path: Path, database_url: str | None = None) -> None:
        self.fake = fake
        self.env = bot_env(
            DISCORD_TOKEN=fake.token,
            DISCORD_API_BASE=fake.api_base,
            DATABASE_URL=database_url or f"sqlite+aiosqlite:///{tmp_path / 'club.sqlite3'}",
            MESSAGE_CONTENT="true",
            LEASE_SECONDS="2",
            LOG_LEVEL="WARNING",
        )
        self.cwd = tmp_path
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        synced = len(self.fake.requests_to("PUT", r"/applications/\d+/commands"))
        identified = sum(1 for p in self.fake.gateway_received if p.get("op") == 2)
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot",
            cwd=self.cwd, env=self.env,
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        )  # fmt: skip
        try:
            await self._ready(synced, identified)
        except BaseException:
            await self.kill()  # a process that never got ready must not outlive the test
            raise

    async def _ready(self, synced: int, identified: int) -> None:
        await self.fake.wait_for_request(
            "PUT", r"/applications/\d+/commands", timeout=30, after=_index_after(self.fake, synced)
        )
        # This process's own IDENTIFY (a killed one's session may not be seen closed yet),
        # then READY and the guilds: events sent after them reach the new process.
        await self.fake.wait_for_gateway_op(2, count=identified + 1, timeout=30)
        shards = self.env.get("SHARD_IDS")
        mine = [int(n) for n in shards.split(",")] if shards else None
        await self.fake.wait_ready(timeout=30, shard_ids=mine)

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    async def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        await self.process.wait()

    async def stop(self) -> tuple[int, str]:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)
        _, stderr = await asyncio.wait_for(self.process.communicate(), 30)
        assert self.process.returncode is not None
        return self.process.returncode, stderr.decode()


def _index_after(fake: FakeDiscord, synced: int) -> int:
    """The request index after the `synced`-th command sync, so a restart's sync is awaited."""
    seen = 0
    for index, request in enumerate(fake.requests):
        if request.matches("PUT", r"/applications/\d+/commands"):
            seen += 1
            if seen == synced:
                return index + 1
    return 0


@asynccontextmanager
async def bot_process(fake: FakeDiscord, tmp_path: Path) -> AsyncIterator[BotProcess]:
    process = BotProcess(fake, tmp_path)
    await process.start()
    try:
        yield process
    finally:
        if process.process is not None and process.process.returncode is None:
            await process.stop()


def is_checkin(body: Any) -> bool:
    return "## Weekly check-in" in ((body or {}).get("content") or "")


def is_step_one(body: Any) -> bool:
    return "**Step 1 of" in ((body or {}).get("content") or "")


def checkins(fake: FakeDiscord) -> list[dict[str, Any]]:
    return fake.posted_to(fake.guild.text_channel.id, contains="## Weekly check-in")


def steps(fake: FakeDiscord, number: int) -> list[dict[str, Any]]:
    marker = f"**Step {number} of"
    return [m for m in fake.posted if marker in (m.get("content") or "")]


async def a_card(fake: FakeDiscord) -> tuple[str, int]:
    """ALICE's /cooldown card for her calves: its Start button and its message id."""
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    sent = await fake.send_slash_command("cooldown", {"minutes": 3}, user=ALICE)
    body = await fake.wait_for_interaction_response(sent)
    (start,) = custom_ids(body)
    card = fake.original_message(sent)
    assert card is not None
    return start, int(card["id"])


async def schedule_checkin(fake: FakeDiscord) -> None:
    await slash(fake, "checkin setup", quiet_schedule(fake.guild.text_channel.id), user=ADMIN)


async def test_killed_before_discord_took_the_check_in(fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_process(fake, tmp_path) as bot:
        await schedule_checkin(fake)
        held = fake.faults.hang("POST", MESSAGES, HELD, when=is_checkin)
        await fake.send_slash_command("checkin now", {}, user=ADMIN)
        await fake.wait_for_fault(held, timeout=10)
        await bot.kill()
        fake.faults.clear()
        assert checkins(fake) == []
        await bot.start()  # no restart needed in principle: any process of the guild would do
        await eventually(lambda: len(checkins(fake)) == 1)
        await asyncio.sleep(1.0)
        assert len(checkins(fake)) == 1
        again = await slash(fake, "checkin now", user=ADMIN)
        assert "already out" in text_of(again), text_of(again)


async def test_killed_after_discord_took_the_check_in(fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_process(fake, tmp_path) as bot:
        await schedule_checkin(fake)
        held = fake.faults.accept_then_hang("POST", MESSAGES, HELD, when=is_checkin)
        await fake.send_slash_command("checkin now", {}, user=ADMIN)
        await fake.wait_for_fault(held, timeout=10)
        await bot.kill()
        fake.faults.clear()
        assert len(checkins(fake)) == 1  # Discord has it; the bot never heard back
        await bot.start()
        await asyncio.sleep(4.0)  # the lease runs out and the new process sends it again
        (post,) = checkins(fake)
        (answer_id,) = custom_ids({"data": post})
        pressed = await fake.send_component(answer_id, int(post["id"]), user=ALICE)
        body = await fake.wait_for_interaction_response(pressed)
        assert body["type"] == 9, text_of(body)  # the form opens: the week is known


async def test_killed_while_start_opens_the_thread(fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_process(fake, tmp_path) as bot:
        start, card_id = await a_card(fake)
        held = fake.faults.hang("POST", rf"/channels/\d+/messages/{card_id}/threads", HELD)
        await fake.send_component(start, card_id, user=ALICE)
        await fake.wait_for_fault(held, timeout=10)
        await bot.kill()
        fake.faults.clear()
        assert not fake.messages[card_id].get("components")  # Start is gone: it was pressed
        await bot.start()
        await eventually(lambda: custom_ids({"data": fake.messages[card_id]}) == [start])
        pressed = await press(fake, start, card_id, user=ALICE)  # and it starts after all
        assert pressed["type"] == 7, text_of(pressed)
        await eventually(lambda: len(steps(fake, 1)) == 1)


async def test_killed_after_the_thread_opened_says_so_there_and_the_next_start_runs_in_it(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    async with bot_process(fake, tmp_path) as bot:
        start, card_id = await a_card(fake)
        thread_id = card_id  # a thread opened from a message takes the message's id
        held = fake.faults.hang("POST", rf"/channels/{thread_id}/messages$", HELD)
        await fake.send_component(start, card_id, user=ALICE)
        await fake.wait_for_fault(held, timeout=10)
        await bot.kill()
        fake.faults.clear()
        assert thread_id in fake.channels  # opened, and nothing in it yet
        await bot.start()
        await eventually(lambda: custom_ids({"data": fake.messages[card_id]}) == [start])
        await eventually(lambda: len(fake.posted_to(thread_id)) == 1)
        (note,) = fake.posted_to(thread_id)
        assert "cut short" in note["content"] and "Start" in note["content"]
        # Discord gives a message one thread: the session runs in the one already opened.
        pressed = await press(fake, start, card_id, user=ALICE)
        assert pressed["type"] == 7, text_of(pressed)
        await eventually(lambda: len(steps(fake, 1)) == 1)
        assert [int(m["channel_id"]) for m in steps(fake, 1)] == [thread_id]


async def test_killed_while_posting_a_step(fake: FakeDiscord, tmp_path: Path) -> None:
    async with bot_process(fake, tmp_path) as bot:
        held = fake.faults.accept_then_hang("POST", MESSAGES, HELD, when=is_step_one)
        start, card_id = await a_card(fake)
        await fake.send_component(start, card_id, user=ALICE)
        await fake.wait_for_fault(held, timeout=10)
        await bot.kill()
        fake.faults.clear()
        await bot.start()
        await asyncio.sleep(4.0)  # taken over, and anything pending sent again
        assert len(steps(fake, 1)) == 1


async def test_sigterm_mid_delivery_finishes_the_post_and_the_next_process_does_not_repeat_it(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    async with bot_process(fake, tmp_path) as bot:
        slow = fake.faults.delay("POST", MESSAGES, 1.5, when=is_step_one)
        start, card_id = await a_card(fake)
        await fake.send_component(start, card_id, user=ALICE)
        await fake.wait_for_fault(slow, timeout=10)
        code, stderr = await bot.stop()
        assert code == 0 and "Traceback" not in stderr, stderr
        assert len(steps(fake, 1)) == 1  # finished inside the shutdown's grace
        await bot.start()
        await asyncio.sleep(3.0)
        assert len(steps(fake, 1)) == 1
