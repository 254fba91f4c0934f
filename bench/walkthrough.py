"""A runner's tour of a session through the fake Discord, printing what the thread received.

/tight add, /cooldown, Start, three steps followed, Pause, Resume, Skip, Stop. Routine time
runs at --scale (0.1: a 10-minute routine in one minute) so the tour takes under a minute.

    python -m bench.walkthrough [--scale 0.1]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.app import create_bot
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, pointed_at, running_client

RUNNER = FakeUser(id=350000000000000001, username="maya")


def readable(content: str) -> str:
    """Relative timestamps as a phone would show them, counted from now."""

    def when(match: re.Match[str]) -> str:
        seconds = int(match.group(1)) - int(datetime.now(UTC).timestamp())
        return f"[in {seconds}s]" if seconds >= 0 else f"[{-seconds}s ago]"

    return re.sub(r"<t:(\d+):R>", when, content)


async def answer(fake: FakeDiscord, sent: Any) -> dict[str, Any]:
    return await fake.wait_for_interaction_response(sent, timeout=10)


async def tour(scale: float) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        async with FakeDiscord(default_user=RUNNER) as fake, pointed_at(fake):
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]
                discord_token=fake.token,
                discord_api_base=fake.api_base,
                database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'tour.sqlite3'}",
            )
            bot = await create_bot(settings, time_scale=scale, guild_ready_timeout=0.05)
            async with running_client(bot, fake):
                await run_tour(fake, scale)


async def run_tour(fake: FakeDiscord, scale: float) -> None:
    for area in ("calves", "hammies"):
        await answer(fake, await fake.send_slash_command("tight add", {"area": area}))
    sent = await fake.send_slash_command("cooldown", {"minutes": 6, "run": "tempo"})
    card = await answer(fake, sent)
    card_message = fake.original_message(sent)
    assert card_message is not None
    print("/cooldown card:", card["data"]["embeds"][0]["title"])
    start = card["data"]["components"][0]["components"][0]["custom_id"]
    await answer(fake, await fake.send_component(start, int(card_message["id"])))
    thread = int(card_message["id"])
    await wait_steps(fake, thread, 3, scale)
    control = next(m for m in fake.channel_messages(thread) if m.get("components"))
    session = control["components"][0]["components"][0]["custom_id"].rsplit(":", 1)[1]
    for action in ("pause", "resume", "skip", "stop"):
        pressed = await answer(
            fake, await fake.send_component(f"session:{action}:{session}", int(control["id"]))
        )
        state = pressed["data"]["embeds"][0]["fields"][0]["value"] if pressed.get("data") else ""
        print(f"pressed {action}: control message now says {state!r}")
        await asyncio.sleep(1.0)
    await asyncio.sleep(1.5)
    print("\n--- the thread, in order ---")
    for message in fake.channel_messages(thread):
        text = message.get("content") or ""
        for embed in message.get("embeds") or []:
            text += f"[control] {embed.get('description', '')}"
        print(readable(text))
        print("---")


async def wait_steps(fake: FakeDiscord, thread: int, count: int, scale: float) -> None:
    for _ in range(int(600 * scale * 10)):
        steps = [m for m in fake.channel_messages(thread) if "Step " in (m.get("content") or "")]
        if len(steps) >= count:
            return
        await asyncio.sleep(0.1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.1)
    asyncio.run(tour(parser.parse_args().scale))


if __name__ == "__main__":
    main()
