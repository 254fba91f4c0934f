"""Starting the bot: command sync, and `python -m bot` as a process, tokens good and bad."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import pytest

from bot.adapter.client import CoachBot
from bot.app import create_bot
from tests.e2e.conftest import ALICE, bot_settings
from tests.e2e.helpers import slash, text_of
from tests.fakediscord import FakeDiscord, pointed_at, running_client

ROOT = Path(__file__).resolve().parents[2]


def by_name(commands: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {c["name"]: c for c in commands}


def options_of(command: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {o["name"]: o for o in command.get("options", [])}


async def test_commands_are_synced_with_their_options(fake: FakeDiscord, bot: CoachBot) -> None:
    synced = by_name(fake.commands_for())
    assert set(synced) == {"tight", "stretch", "cooldown", "checkin", "club", "progress", "mydata"}
    manage_guild = str(1 << 5)
    for admin_only in ("checkin", "club"):
        assert str(synced[admin_only]["default_member_permissions"]) == manage_guild
    assert set(options_of(synced["checkin"])) == {"setup", "show", "disable", "now"}
    setup = options_of(options_of(synced["checkin"])["setup"])
    assert setup["timezone"]["autocomplete"]
    assert len(setup["weekday"]["choices"]) == 7
    assert set(options_of(synced["mydata"])) == {"export", "delete"}
    tight = options_of(synced["tight"])
    assert set(tight) == {"add", "remove", "list", "clear", "order"}
    add = options_of(tight["add"])
    assert add["area"]["required"] and add["area"]["autocomplete"]
    assert not add["note"].get("required", False)
    assert options_of(tight["remove"])["area"]["autocomplete"]
    assert set(options_of(synced["stretch"])) == {"avoid", "allow", "list"}
    cooldown = options_of(synced["cooldown"])
    assert set(cooldown) == {"minutes", "run", "today", "avoid", "group", "window", "tts"}
    assert (cooldown["minutes"]["min_value"], cooldown["minutes"]["max_value"]) == (3, 60)
    runs = {c["value"] for c in cooldown["run"]["choices"]}
    assert runs == {"easy", "long", "tempo", "intervals", "race"}
    assert fake.requests_to("PUT", r"/applications/\d+/commands")


async def test_dev_guild_gets_the_commands_at_once(fake: FakeDiscord, tmp_path: Path) -> None:
    settings = bot_settings(fake, tmp_path, dev_guild_id=fake.guild.id)
    async with pointed_at(fake):
        client = await create_bot(settings, guild_ready_timeout=0.05)
        async with running_client(client, fake):
            assert {c["name"] for c in fake.commands_for(fake.guild.id)} == {
                "tight",
                "stretch",
                "cooldown",
                "checkin",
                "club",
                "progress",
                "mydata",
            }
            assert fake.commands_for() == []


def bot_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DISCORD_", "DATABASE_", "DEV_GUILD", "SHARD_", "METRICS_"))
    }
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


async def run_bot_process(
    tmp_path: Path, env: dict[str, str], limit: float = 30
) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot",
        cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, stderr = await asyncio.wait_for(process.communicate(), limit)
    assert process.returncode is not None
    return process.returncode, stderr.decode()


async def test_missing_token_exits_2_with_one_line(tmp_path: Path) -> None:
    code, stderr = await run_bot_process(tmp_path, bot_env())
    assert code == 2
    assert stderr.strip().splitlines() == [
        "error: DISCORD_TOKEN is not set; put the bot token in .env (see .env.example)"
    ]


async def test_rejected_token_exits_2_with_one_line(fake: FakeDiscord, tmp_path: Path) -> None:
    env = bot_env(DISCORD_TOKEN="not-the-token", DISCORD_API_BASE=fake.api_base)
    code, stderr = await run_bot_process(tmp_path, env)
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "rejected DISCORD_TOKEN" in lines[0], stderr


async def test_a_metrics_port_in_use_exits_2_with_one_line(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = bot_env(
            DISCORD_TOKEN=fake.token,
            DISCORD_API_BASE=fake.api_base,
            DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'club.sqlite3'}",
            METRICS_PORT=str(port),
        )
        code, stderr = await run_bot_process(tmp_path, env)
    assert code == 2
    lines = [line for line in stderr.strip().splitlines() if line.startswith("error:")]
    assert lines == [
        f"error: cannot serve metrics on 127.0.0.1:{port} (METRICS_HOST, METRICS_PORT): "
        "address already in use"
    ], stderr
    assert "Traceback" not in stderr


async def test_unreachable_database_at_start_is_one_line(fake: FakeDiscord, tmp_path: Path) -> None:
    env = bot_env(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DATABASE_URL="postgresql+asyncpg://postgres@127.0.0.1:1/nothing",
        LOG_LEVEL="CRITICAL",
    )
    code, stderr = await run_bot_process(tmp_path, env)
    assert code == 1
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot reach the database" in lines[0], stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
async def test_python_m_bot_serves_commands_and_stops_cleanly(
    fake: FakeDiscord, tmp_path: Path, stop_signal: signal.Signals
) -> None:
    database = tmp_path / "club.sqlite3"
    env = bot_env(
        DISCORD_TOKEN=fake.token,
        DISCORD_API_BASE=fake.api_base,
        DATABASE_URL=f"sqlite+aiosqlite:///{database}",
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot",
        cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        await fake.wait_for_request("PUT", r"/applications/\d+/commands", timeout=30)
        await fake.wait_ready(timeout=30)
        answer = await slash(fake, "tight add", {"area": "hip flexor"}, user=ALICE)
        assert "Added **Hip flexors**" in text_of(answer)
        assert database.exists()
    finally:
        process.send_signal(stop_signal)
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 0, stderr.decode()
    assert "Traceback" not in stderr.decode()


@pytest.mark.parametrize(
    ("settings", "complaint"),
    [
        ({"SHARD_IDS": "0"}, "SHARD_IDS needs SHARD_COUNT"),
        ({"SHARD_IDS": "2", "SHARD_COUNT": "2"}, "are not shards of SHARD_COUNT=2"),
        ({"SHARD_IDS": "0,0", "SHARD_COUNT": "2"}, "lists a shard twice"),
        ({"SHARD_IDS": "0", "SHARD_COUNT": "2"}, "need PostgreSQL (DATABASE_URL)"),
        ({"SHARD_COUNT": "0"}, "SHARD_COUNT is invalid"),
        ({"LEASE_SECONDS": "1"}, "LEASE_SECONDS is invalid"),
        ({"METRICS_PORT": "0"}, "METRICS_PORT is invalid"),
        ({"METRICS_PORT": "metrics"}, "METRICS_PORT is invalid"),
    ],
)
async def test_settings_that_cannot_work_exit_2_with_one_line(
    tmp_path: Path, settings: dict[str, str], complaint: str
) -> None:
    env = bot_env(DISCORD_TOKEN="any", **settings)
    code, stderr = await run_bot_process(tmp_path, env)
    assert code == 2
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and complaint in lines[0], stderr
