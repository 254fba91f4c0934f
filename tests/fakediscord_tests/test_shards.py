"""Shard routing: each connection gets only its shard's guilds and events, as from Discord."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from tests.fakediscord import (
    FakeDiscord,
    FakeGuild,
    FakeUser,
    pointed_at,
    running_client,
    snowflake_in_shard,
)
from tests.fakediscord_tests.raw import raw_gateway, rest_client

SHARD_0 = [FakeGuild(id=snowflake_in_shard(0, 2), name=f"Club A{n}") for n in range(2)]
SHARD_1 = [FakeGuild(id=snowflake_in_shard(1, 2), name=f"Club B{n}") for n in range(3)]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord(shard_count=2, guilds=[*SHARD_0, *SHARD_1]) as server:
        yield server
        assert not server.errors, server.errors


def ids(guilds: list[FakeGuild]) -> set[str]:
    return {str(g.id) for g in guilds}


def test_snowflake_in_shard_lands_where_asked() -> None:
    for count in (1, 2, 3, 16):
        for shard in range(count):
            assert (snowflake_in_shard(shard, count) >> 22) % count == shard
    with pytest.raises(ValueError):
        snowflake_in_shard(2, 2)


async def test_gateway_bot_gives_the_configured_shard_count(fake: FakeDiscord) -> None:
    async with rest_client(fake) as rest:
        answer = await rest.call("GET", "/gateway/bot")
    assert answer.body["shards"] == 2 and answer.body["url"] == fake.gateway_url


async def test_each_shard_gets_only_its_guilds_and_their_events(fake: FakeDiscord) -> None:
    async with raw_gateway(fake, [0, 2]) as zero, raw_gateway(fake, [1, 2]) as one:
        await zero.wait_for("GUILD_CREATE", 2)
        await one.wait_for("GUILD_CREATE", 3)
        await fake.wait_ready()
        assert {g["id"] for g in zero.events("READY")[0]["guilds"]} == ids(SHARD_0)
        assert {g["id"] for g in one.events("READY")[0]["guilds"]} == ids(SHARD_1)
        assert {g["id"] for g in zero.events("GUILD_CREATE")} == ids(SHARD_0)
        assert {g["id"] for g in one.events("GUILD_CREATE")} == ids(SHARD_1)
        assert zero.events("READY")[0]["shard"] == [0, 2]

        for guild in (SHARD_0[1], SHARD_1[2]):
            await fake.send_slash_command("ping", guild_id=guild.id)
            await fake.send_message_create("!ping", guild_id=guild.id)
        await fake.send_message_create("hello", dm=True)  # DMs go to shard 0
        await zero.wait_for("MESSAGE_CREATE", 2)
        await one.wait_for("MESSAGE_CREATE", 1)
        await one.wait_for("INTERACTION_CREATE", 1)

        def guild_of(events: list[dict[str, Any]]) -> list[str | None]:
            return [e.get("guild_id") for e in events]

        assert guild_of(zero.events("INTERACTION_CREATE")) == [str(SHARD_0[1].id)]
        assert guild_of(one.events("INTERACTION_CREATE")) == [str(SHARD_1[2].id)]
        assert guild_of(zero.events("MESSAGE_CREATE")) == [str(SHARD_0[1].id), None]
        assert guild_of(one.events("MESSAGE_CREATE")) == [str(SHARD_1[2].id)]
        sent_to = {(p.shard, p.t) for p in fake.gateway_sent if p.t == "INTERACTION_CREATE"}
        assert sent_to == {((0, 2), "INTERACTION_CREATE"), ((1, 2), "INTERACTION_CREATE")}


@pytest.mark.parametrize(
    ("shard", "code"),
    [
        (None, 4011),  # more than one shard is configured: sharding is required
        ([0, 1], 4011),  # too few shards
        ([0, 3], 4010),  # another count than the configured one
        ([2, 2], 4010),  # id not below the count
        ([-1, 2], 4010),
    ],
)
async def test_identify_with_a_wrong_shard_is_closed(
    fake: FakeDiscord, shard: list[int] | None, code: int
) -> None:
    async with raw_gateway(fake, shard) as gateway:
        assert await gateway.close_code() == code
        assert gateway.events("READY") == []
    assert fake.gateway_closes == [(None, code)]
    assert fake.connected_shards() == set()


async def test_without_a_shard_a_single_shard_bot_gets_everything() -> None:
    guilds = [FakeGuild(id=snowflake_in_shard(n % 2, 2)) for n in range(4)]
    async with FakeDiscord(guilds=guilds) as fake, raw_gateway(fake) as gateway:
        await gateway.wait_for("GUILD_CREATE", 4)
        assert {g["id"] for g in gateway.events("GUILD_CREATE")} == ids(guilds)
        assert gateway.events("READY")[0]["shard"] == [0, 1]


class QuickShardedClient(discord.AutoShardedClient):
    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


async def test_two_processes_each_serve_their_own_shard(fake: FakeDiscord) -> None:
    """Two discord.py clients as two processes with SHARD_COUNT=2 and one shard id each."""
    seen: dict[int, list[int]] = {0: [], 1: []}
    clients: list[QuickShardedClient] = []
    for shard_id in (0, 1):
        client = QuickShardedClient(
            intents=discord.Intents.default(),
            guild_ready_timeout=0.05,
            shard_count=2,
            shard_ids=[shard_id],
        )

        async def on_interaction(interaction: discord.Interaction, shard: int = shard_id) -> None:
            assert interaction.guild_id is not None
            seen[shard].append(interaction.guild_id)
            await interaction.response.send_message(f"shard {shard}")

        client.event(on_interaction)
        clients.append(client)

    async with (
        pointed_at(fake),
        running_client(clients[0], fake),
        running_client(clients[1], fake),
    ):
        await fake.wait_ready()
        assert {g.id for g in clients[0].guilds} == {g.id for g in SHARD_0}
        assert {g.id for g in clients[1].guilds} == {g.id for g in SHARD_1}
        member = FakeUser(username="ana")
        for guild in (*SHARD_0, *SHARD_1):
            sent = await fake.send_slash_command("ping", guild_id=guild.id, user=member)
            answer = await fake.wait_for_interaction_response(sent)
            assert answer["data"]["content"] == f"shard {fake.shard_of(guild.id)}"
    assert seen == {0: [g.id for g in SHARD_0], 1: [g.id for g in SHARD_1]}
    assert sorted(tuple(i["shard"]) for i in fake.identifies) == [(0, 2), (1, 2)]


async def test_a_client_with_the_wrong_count_is_refused(fake: FakeDiscord) -> None:
    client = QuickShardedClient(
        intents=discord.Intents.default(), guild_ready_timeout=0.05, shard_count=1
    )
    async with pointed_at(fake):
        with pytest.raises(discord.ConnectionClosed) as closed:
            async with running_client(client, fake):
                pass  # pragma: no cover
    assert closed.value.code == 4011
