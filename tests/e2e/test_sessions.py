"""Timed holds in a thread, end to end: Start, the step messages, the controls, restarts."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from bot.adapter.client import CoachBot
from bot.app import create_bot
from bot.rules.sessions import SessionState
from tests.e2e.conftest import ALICE, BOB, bot_settings
from tests.e2e.helpers import (
    answer_to,
    custom_ids,
    eventually,
    is_ephemeral,
    press,
    slash,
    text_of,
)
from tests.fakediscord import FakeDiscord, pointed_at, running_client

STAMP = re.compile(r"<t:(\d+):R>")


@asynccontextmanager
async def session_bot(
    fake: FakeDiscord, tmp_path: Path, time_scale: float
) -> AsyncIterator[CoachBot]:
    """The bot with routines running `time_scale` times real time, on a database that
    outlives it (a restart is leaving this block and entering it again)."""
    async with pointed_at(fake):
        client = await create_bot(
            bot_settings(fake, tmp_path), time_scale=time_scale, guild_ready_timeout=0.05
        )
        async with running_client(client, fake):
            yield client


async def card_for(fake: FakeDiscord, minutes: int = 3) -> tuple[int, str]:
    """ALICE's /cooldown card: its message id and its Start button."""
    await slash(fake, "tight add", {"area": "calves"}, user=ALICE)
    sent = await fake.send_slash_command("cooldown", {"minutes": minutes}, user=ALICE)
    body = await fake.wait_for_interaction_response(sent)
    (start,) = custom_ids(body)
    card = fake.original_message(sent)
    assert card is not None
    return int(card["id"]), start


async def start_session(fake: FakeDiscord, minutes: int = 3) -> tuple[int, int, int]:
    """Press Start; the session id, its thread and its control message."""
    card_id, start = await card_for(fake, minutes)
    pressed = await press(fake, start, card_id, user=ALICE)
    assert pressed["type"] == 7 and pressed["data"].get("components") == []
    await fake.wait_for_request("POST", rf"/channels/\d+/messages/{card_id}/threads")
    thread_id = card_id  # a thread started from a message takes the message's id
    control = await wait_for_message(fake, thread_id, lambda m: bool(m.get("components")))
    session_id = int(custom_ids({"data": control})[0].rsplit(":", 1)[1])
    return session_id, thread_id, int(control["id"])


async def wait_for_message(
    fake: FakeDiscord, channel_id: int, match: Callable[[dict[str, Any]], bool], within: float = 5
) -> dict[str, Any]:
    request = await fake.wait_for_request(
        "POST",
        rf"/channels/{channel_id}/messages",
        timeout=within,
        predicate=lambda r: match(r.json or {}),
    )
    sent = request.json or {}
    found = [
        m
        for m in fake.channel_messages(channel_id)
        if (m.get("content") or "") == (sent.get("content") or "") and match(m)
    ]
    assert found, f"no stored message for {sent}"
    return found[-1]


def step_messages(fake: FakeDiscord, thread_id: int) -> list[str]:
    return [
        m["content"]
        for m in fake.channel_messages(thread_id)
        if "Step " in (m.get("content") or "")
    ]


async def test_start_opens_a_thread_and_posts_the_first_step(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    async with session_bot(fake, tmp_path, time_scale=0.2):
        before = time.time()
        _, thread_id, control_id = await start_session(fake)
        first = await wait_for_message(
            fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or "")
        )
        text = first["content"]
        assert re.search(r"^## \S", text, re.MULTILINE), text
        ends = [int(s) for s in STAMP.findall(text)]
        assert ends, text
        # Relative timestamps count down on every client: they must lie in the step's future.
        assert all(before - 1 <= end <= before + 120 for end in ends), (ends, before)
        control = fake.messages[control_id]
        labels = [c["label"] for row in control["components"] for c in row["components"]]
        assert labels == ["Pause", "Skip", "Stop"]


class GatedBudget:
    """The bot token's REST budget, holding every call until the test opens it."""

    def __init__(self) -> None:
        self.open = asyncio.Event()
        self.asked: list[bool] = []  # `urgent` of each call that asked

    async def take(self, urgent: bool = False) -> None:
        self.asked.append(urgent)
        await self.open.wait()


async def test_start_waits_for_the_rest_budget_before_its_thread_and_control_card(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    # The thread and the control card count against Discord's global limit as the steps do:
    # outside the budget, hundreds of Starts at once queued at the REST proxy ahead of the
    # steps until every step timed out there (bench.scale). The press's answer does not wait.
    async with session_bot(fake, tmp_path, time_scale=0.2) as bot:
        gate = GatedBudget()
        bot.rest_budget = gate
        card_id, start = await card_for(fake)
        pressed = await press(fake, start, card_id, user=ALICE)
        assert pressed["type"] == 7
        threads = rf"/channels/\d+/messages/{card_id}/threads"
        await eventually(lambda: bool(gate.asked))  # the Start reached the budget, and waits
        assert gate.asked == [True] and not fake.requests_to("POST", threads)
        gate.open.set()
        await fake.wait_for_request("POST", threads)
        await wait_for_message(fake, card_id, lambda m: bool(m.get("components")))
        assert gate.asked == [True, True]


async def test_skip_advances_and_others_cannot_press(fake: FakeDiscord, tmp_path: Path) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0):
        session_id, thread_id, control_id = await start_session(fake)
        await wait_for_message(fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or ""))

        foreign = await press(fake, f"session:skip:{session_id}", control_id, user=BOB)
        assert is_ephemeral(foreign) and "not your session" in text_of(foreign)
        assert len(step_messages(fake, thread_id)) == 1

        skipped = await press(fake, f"session:skip:{session_id}", control_id, user=ALICE)
        assert skipped["type"] == 7
        second = await wait_for_message(
            fake, thread_id, lambda m: "Step 2 of" in (m.get("content") or "")
        )
        assert STAMP.search(second["content"])


async def test_a_control_pressed_outside_its_thread_is_refused(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0):
        session_id, thread_id, control_id = await start_session(fake)
        await wait_for_message(fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or ""))

        # The runner's own Skip, crafted to arrive from the channel instead of the thread.
        crafted = await fake.send_component(
            f"session:skip:{session_id}",
            control_id,
            user=ALICE,
            channel_id=fake.guild.text_channel.id,
        )
        body = await answer_to(fake, crafted)

        assert is_ephemeral(body) and "does not belong" in text_of(body)
        assert len(step_messages(fake, thread_id)) == 1


async def test_pause_resume_and_stop_archives_the_thread(fake: FakeDiscord, tmp_path: Path) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0) as bot:
        session_id, thread_id, control_id = await start_session(fake)
        await wait_for_message(fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or ""))

        paused = await press(fake, f"session:pause:{session_id}", control_id, user=ALICE)
        assert "Paused" in text_of(paused)
        assert custom_ids(paused)[0] == f"session:resume:{session_id}"
        stored = await bot.sessions.stored(session_id)
        assert stored is not None and stored.state is SessionState.PAUSED

        await wait_for_message(fake, thread_id, lambda m: "Paused" in (m.get("content") or ""))
        resumed = await press(fake, f"session:resume:{session_id}", control_id, user=ALICE)
        assert custom_ids(resumed)[0] == f"session:pause:{session_id}"
        again = await wait_for_message(
            fake, thread_id, lambda m: "Resumed" in (m.get("content") or "")
        )
        assert STAMP.search(again["content"]), "the resumed step says when it ends now"

        stopped = await press(fake, f"session:stop:{session_id}", control_id, user=ALICE)
        assert stopped["type"] == 7
        closing = await wait_for_message(
            fake, thread_id, lambda m: "Stopped: " in (m.get("content") or "")
        )
        assert "Hydrate and refuel" in closing["content"]
        archived = await fake.wait_for_request(
            "PATCH", rf"/channels/{thread_id}", predicate=lambda r: (r.json or {}).get("archived")
        )
        assert archived.json["archived"] is True
        stored = await bot.sessions.stored(session_id)
        assert stored is not None and stored.state is SessionState.STOPPED


async def test_a_double_start_starts_one_session(fake: FakeDiscord, tmp_path: Path) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0):
        card_id, start = await card_for(fake)
        # Two presses in flight at once (a double tap): both carry the card with its button.
        first = await fake.send_component(start, card_id, user=ALICE)
        second = await fake.send_component(start, card_id, user=ALICE)
        answers = [await fake.wait_for_interaction_response(s) for s in (first, second)]
        assert sorted(a["type"] for a in answers) == [4, 7]
        refused = next(a for a in answers if a["type"] == 4)
        assert is_ephemeral(refused) and "already been started" in text_of(refused)
        assert len(fake.requests_to("POST", rf"/channels/\d+/messages/{card_id}/threads")) == 1


async def test_only_the_runner_can_start_their_card(fake: FakeDiscord, tmp_path: Path) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0):
        card_id, start = await card_for(fake)
        refused = await press(fake, start, card_id, user=BOB)
        assert is_ephemeral(refused) and "Only the runner" in text_of(refused)
        assert not fake.requests_to("POST", rf"/channels/\d+/messages/{card_id}/threads")


async def test_a_restart_resumes_the_same_session(fake: FakeDiscord, tmp_path: Path) -> None:
    async with session_bot(fake, tmp_path, time_scale=1.0):
        session_id, thread_id, control_id = await start_session(fake)
        await wait_for_message(fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or ""))
    # The bot is down; it comes back on the same database.
    async with session_bot(fake, tmp_path, time_scale=1.0):
        skipped = await press(fake, f"session:skip:{session_id}", control_id, user=ALICE)
        assert skipped["type"] == 7, skipped
        second = await wait_for_message(
            fake, thread_id, lambda m: "Step 2 of" in (m.get("content") or "")
        )
        assert STAMP.search(second["content"])


@pytest.mark.parametrize("time_scale", [0.02])
async def test_a_session_that_ended_while_down_is_closed(
    fake: FakeDiscord, tmp_path: Path, time_scale: float
) -> None:
    async with session_bot(fake, tmp_path, time_scale=time_scale) as bot:
        session_id, thread_id, _ = await start_session(fake)
        await wait_for_message(fake, thread_id, lambda m: "Step 1 of" in (m.get("content") or ""))
    # 3 minutes at 0.02 is 3.6 s: the session ends while the bot is away.
    await asyncio.sleep(4)
    async with session_bot(fake, tmp_path, time_scale=time_scale) as bot:
        closing = await wait_for_message(
            fake, thread_id, lambda m: "offline" in (m.get("content") or "")
        )
        assert "Hydrate and refuel" in closing["content"]
        stored = await bot.sessions.stored(session_id)
        assert stored is not None and stored.state is SessionState.FINISHED
