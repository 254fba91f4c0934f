"""A runner's tour of a session through the fake Discord, printing what the thread received.

/tight add, /cooldown, Start, three steps followed, Pause, Resume, Skip, Stop. Routine time
runs at --scale (0.1: a 10-minute routine in one minute) so the tour takes under a minute.
The bot runs on the tour's own clock (`--now`, by default the real time).

    python -m bench.walkthrough [--scale 0.1] [--now 2026-11-29T20:00]
"""

from __future__ import annotations

import argparse
import asyncio
import re
from dataclasses import dataclass, field
from typing import Any

from bench.clock import BenchClock, add_clock_options, clock_from, describe_clock
from bench.databases import bench_database
from bench.machine import describe
from bot.app import create_bot
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, pointed_at, running_client

RUNNER = FakeUser(id=350000000000000001, username="maya")


@dataclass
class Tour:
    card_title: str = ""
    steps_before_pause: int = 0
    presses: list[tuple[str, str]] = field(default_factory=list)  # (button, control says)
    thread: list[str] = field(default_factory=list)  # what the thread shows, in order


def readable(content: str, clock: BenchClock) -> str:
    """Relative timestamps as a phone would show them, counted from now."""

    def when(match: re.Match[str]) -> str:
        seconds = int(match.group(1)) - int(clock.timestamp())
        return f"[in {seconds}s]" if seconds >= 0 else f"[{-seconds}s ago]"

    return re.sub(r"<t:(\d+):R>", when, content)


async def answer(fake: FakeDiscord, sent: Any) -> dict[str, Any]:
    return await fake.wait_for_interaction_response(sent, timeout=10)


async def tour(scale: float, clock: BenchClock) -> Tour:
    async with (
        bench_database("sqlite", "walkthrough") as url,
        FakeDiscord(default_user=RUNNER) as fake,
        pointed_at(fake),
    ):
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            discord_token=fake.token,
            discord_api_base=fake.api_base,
            database_url=url,
        )
        bot = await create_bot(settings, time_scale=scale, clock=clock, guild_ready_timeout=0.05)
        async with running_client(bot, fake):
            return await run_tour(fake, scale, clock)


async def run_tour(fake: FakeDiscord, scale: float, clock: BenchClock) -> Tour:
    result = Tour()
    # Long enough between presses for each answer to land, short beside a compressed step.
    gap = max(0.3, 10 * scale)
    for area in ("calves", "hammies"):
        await answer(fake, await fake.send_slash_command("tight add", {"area": area}))
    sent = await fake.send_slash_command("cooldown", {"minutes": 6, "run": "tempo"})
    card = await answer(fake, sent)
    card_message = fake.original_message(sent)
    assert card_message is not None
    result.card_title = card["data"]["embeds"][0]["title"]
    start = card["data"]["components"][0]["components"][0]["custom_id"]
    await answer(fake, await fake.send_component(start, int(card_message["id"])))
    thread = int(card_message["id"])
    result.steps_before_pause = await wait_steps(fake, thread, 3, scale)
    control = next(m for m in fake.channel_messages(thread) if m.get("components"))
    session = control["components"][0]["components"][0]["custom_id"].rsplit(":", 1)[1]
    for action in ("pause", "resume", "skip", "stop"):
        pressed = await answer(
            fake, await fake.send_component(f"session:{action}:{session}", int(control["id"]))
        )
        state = pressed["data"]["embeds"][0]["fields"][0]["value"] if pressed.get("data") else ""
        result.presses.append((action, state))
        await asyncio.sleep(gap)
    await asyncio.sleep(1.5 * gap)
    for message in fake.channel_messages(thread):
        text = message.get("content") or ""
        for embed in message.get("embeds") or []:
            text += f"[control] {embed.get('description', '')}"
        result.thread.append(readable(text, clock))
    return result


async def wait_steps(fake: FakeDiscord, thread: int, count: int, scale: float) -> int:
    """Wait for `count` steps in the thread (at most a 10-minute routine's time); how many."""
    steps: list[Any] = []
    for _ in range(int(600 * scale * 10)):
        steps = [m for m in fake.channel_messages(thread) if "Step " in (m.get("content") or "")]
        if len(steps) >= count:
            break
        await asyncio.sleep(0.1)
    return len(steps)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A runner's tour of a timed session.")
    parser.add_argument("--scale", type=float, default=0.1, help="routine time scale")
    add_clock_options(parser)
    args = parser.parse_args(argv)
    clock = clock_from(parser, args)
    result = asyncio.run(tour(args.scale, clock))
    print(f"machine: {describe()}")
    print(f"processes: 1; database: sqlite; routine time x{args.scale:g}")
    print(describe_clock(clock.start, args.zone))
    print("/cooldown card:", result.card_title)
    for action, state in result.presses:
        print(f"pressed {action}: control message now says {state!r}")
    print("\n--- the thread, in order ---")
    for text in result.thread:
        print(text)
        print("---")


if __name__ == "__main__":
    main()
