"""The bot through the REST proxy of deploy/proxy (@discordjs/proxy with @discordjs/rest, run
by node) against the fake Discord: slash command callbacks, a deferred answer edited into an
upload (/mydata export), a follow-up, a timed session's steps, and Discord answering 429 (a
route's and the global one) and 5xx on the way. Every post must arrive once, with its body.

Needs node and npm: the proxy's packages are installed from its lock (`npm ci`) on first use.

    python -m bench.proxy [--sessions 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.machine import describe
from bot.adapter.discord_api import configure_api_base, discover_gateway
from bot.app import create_bot
from bot.settings import Settings
from tests.fakediscord import FakeDiscord, FakeUser, running_client
from tests.fakediscord.client import restored_discord_endpoints

ROOT = Path(__file__).resolve().parent.parent
PROXY_DIR = ROOT / "deploy" / "proxy"
MESSAGES = r"/channels/\d+/messages"
MEMBER = FakeUser(id=330000000000000001, username="runner")
STEP = re.compile(r"\*\*Step (\d+) of (\d+)")


def node_available() -> bool:
    return shutil.which("node") is not None and shutil.which("npm") is not None


def install_proxy() -> None:
    """The proxy's exact packages, from its lock, once."""
    if not (PROXY_DIR / "node_modules" / "@discordjs" / "proxy").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=PROXY_DIR, check=True
        )


@asynccontextmanager
async def proxy_for(
    fake: FakeDiscord,
    script: str = "proxy.mjs",
    pids: list[int] | None = None,
    settings: dict[str, str] | None = None,
) -> AsyncIterator[str]:
    """The proxy running in front of `fake`; its API base for DISCORD_API_BASE. Its process id
    is added to `pids` (to read its CPU); `settings` are its environment settings."""
    install_proxy()
    env = {
        **os.environ,
        **(settings or {}),
        "DISCORD_API": fake.api_base.removesuffix("/v10"),
        "PROXY_HOST": "127.0.0.1",
        "PROXY_PORT": "0",
    }
    process = await asyncio.create_subprocess_exec(
        "node", str(PROXY_DIR / script),
        env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    assert process.stdout is not None
    if pids is not None:
        pids.append(process.pid)
    try:
        line = (await asyncio.wait_for(process.stdout.readline(), 30)).decode()
        if not line.startswith("listening on "):
            raise RuntimeError(f"the proxy did not start: {line!r}")
        drain = asyncio.create_task(_drain(process.stdout))
        yield line.removeprefix("listening on ").strip() + "/api/v10"
    finally:
        if process.returncode is None:
            process.terminate()
            await process.wait()
    drain.cancel()


async def _drain(stream: asyncio.StreamReader) -> None:
    while await stream.readline():
        pass


def is_step(number: int) -> Any:
    return lambda body: f"**Step {number} of" in ((body or {}).get("content") or "")


@dataclass
class Result:
    sessions: int
    stock: bool = False
    steps_due: int = 0
    steps_posted: int = 0
    steps_doubled: int = 0
    answers: int = 0
    answers_expected: int = 0
    upload_bytes: int = 0
    faults_met: int = 0
    empty_bodies: int = 0  # 400 "empty message" from a re-send without its body
    refused: int = 0
    proxied_requests: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return self.steps_due - (self.steps_posted - self.steps_doubled)


async def run(sessions: int = 1, time_scale: float = 0.05, *, stock: bool = False) -> Result:
    """`stock`: @discordjs/proxy with its defaults (stock.mjs), to show what it loses."""
    result = Result(sessions, stock=stock)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cooldown_proxy_") as tmp:
        async with (
            FakeDiscord(default_user=MEMBER) as fake,
            proxy_for(fake, "stock.mjs" if stock else "proxy.mjs") as base,
        ):
            with restored_discord_endpoints():
                configure_api_base(base)
                await discover_gateway(base, fake.token)
                settings = Settings(
                    _env_file=None,  # type: ignore[call-arg]
                    discord_token=fake.token,
                    discord_api_base=base,
                    database_url=f"sqlite+aiosqlite:///{Path(tmp) / 'bot.sqlite3'}",
                )
                bot = await create_bot(settings, time_scale=time_scale, guild_ready_timeout=0.05)
                async with running_client(bot, fake, timeout=30):
                    await exercise(fake, result, sessions)
            result.proxied_requests = len(fake.requests)
            result.empty_bodies = sum(
                r.status == 400 and (r.error or {}).get("code") == 50006 for r in fake.requests
            )
            result.refused = len(fake.refused) + len(fake.errors)
    result.seconds = time.monotonic() - started
    return result


async def exercise(fake: FakeDiscord, result: Result, sessions: int) -> None:
    faults = [
        # Discord's answers the proxy used to lose bodies on: it waits these out and re-sends.
        fake.faults.rate_limit("POST", MESSAGES, 0.3, is_global=True, when=is_step(1)),
        fake.faults.rate_limit("POST", MESSAGES, 0.3, when=is_step(2), times=sessions),
        # A 5xx the proxy passes on: discord.py retries a 500 itself, the outbox a 503.
        fake.faults.fail("POST", MESSAGES, 500, when=is_step(3), times=sessions),
        fake.faults.fail("POST", MESSAGES, 503, when=is_step(4), times=sessions),
        # The upload edit meets a 429 and is re-sent with its file.
        fake.faults.rate_limit("PATCH", r"/webhooks/\d+/[^/]+/messages/@original", 0.3),
    ]
    # Slash command callbacks (type 4), answered through the proxy.
    sent = await fake.send_slash_command("tight add", {"area": "calves"}, user=MEMBER)
    body = await fake.wait_for_interaction_response(sent, timeout=10)
    result.answers_expected += 1
    result.answers += "Calves" in json.dumps(body)
    # A deferred answer edited into an upload.
    sent = await fake.send_slash_command("mydata export", {}, user=MEMBER)
    result.answers_expected += 1
    upload = await fake.wait_for_request(
        "PATCH", r"/webhooks/\d+/[^/]+/messages/@original", timeout=15,
        predicate=lambda r: bool(r.files) and r.status < 300,
    )  # fmt: skip
    result.answers += 1
    result.upload_bytes = len(upload.files[0].data)
    json.loads(upload.files[0].data)  # the whole file arrived
    # Sessions: each one's steps, through the faults above.
    threads = [await start_session(fake, i) for i in range(sessions)]
    totals: dict[int, int] = {}
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = True
        for thread in threads:
            numbers = step_numbers(fake, thread)
            if not numbers:
                done = False
                continue
            totals[thread] = numbers[0][1]
            if {n for n, _ in numbers} != set(range(1, totals[thread] + 1)):
                done = False
        if done:
            break
        await asyncio.sleep(0.2)
    await asyncio.sleep(1.0)  # a late second copy would show by now
    for thread in threads:
        numbers = [n for n, _ in step_numbers(fake, thread)]
        result.steps_due += totals.get(thread, 0)
        result.steps_posted += len(numbers)
        result.steps_doubled += len(numbers) - len(set(numbers))
    result.faults_met = sum(f.hits for f in faults)


def step_numbers(fake: FakeDiscord, thread_id: int) -> list[tuple[int, int]]:
    found = []
    for message in fake.channel_messages(thread_id):
        match = STEP.search(message.get("content") or "")
        if match:
            found.append((int(match[1]), int(match[2])))
    return found


async def start_session(fake: FakeDiscord, index: int) -> int:
    member = FakeUser(id=MEMBER.id + 1 + index, username=f"runner{index}")
    sent = await fake.send_slash_command("tight add", {"area": "calves"}, user=member)
    await fake.wait_for_interaction_response(sent, timeout=10)
    sent = await fake.send_slash_command("cooldown", {"minutes": 3}, user=member)
    body = await fake.wait_for_interaction_response(sent, timeout=10)
    start = next(
        c["custom_id"]
        for row in body["data"]["components"]
        for c in row["components"]
        if "custom_id" in c
    )
    card = fake.original_message(sent)
    assert card is not None
    pressed = await fake.send_component(start, int(card["id"]), user=member)
    await fake.wait_for_interaction_response(pressed, timeout=10)
    return int(card["id"])  # a thread started from a message takes the message's id


def print_result(result: Result) -> None:
    print(f"machine: {describe()}")
    print("proxy: deploy/proxy (node " + _node_version() + ", @discordjs/proxy 2.1.1, "
          "@discordjs/rest 2.6.3, retries 0, bodies kept, rejectOnRateLimit off)")  # fmt: skip
    print("| proxy | sessions | steps due | posted | lost | doubled | answers | upload bytes "
          "| faults met | empty-body 400s | refused | requests | seconds |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    r = result
    print(
        f"| {'stock' if r.stock else 'deploy/proxy'} | {r.sessions} | {r.steps_due} "
        f"| {r.steps_posted} | {r.lost} | {r.steps_doubled} "
        f"| {r.answers}/{r.answers_expected} | {r.upload_bytes} | {r.faults_met} "
        f"| {r.empty_bodies} | {r.refused} | {r.proxied_requests} | {r.seconds:.1f} |"
    )


def _node_version() -> str:
    return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=1)
    parser.add_argument("--stock", action="store_true", help="@discordjs/proxy's defaults")
    args = parser.parse_args(argv)
    if not node_available():
        raise SystemExit("node and npm are needed for the proxy")
    print_result(asyncio.run(run(args.sessions, stock=args.stock)))


if __name__ == "__main__":
    main()
