"""Smoke tests: the real discord.py client against the fake Discord."""

from __future__ import annotations

import io
import time
from collections.abc import AsyncIterator

import aiohttp
import discord
import discord.gateway
import discord.http
import pytest
from discord import app_commands

from bot.adapter.discord_api import (
    DiscordLoginRejected,
    configure_api_base,
    current_api_base,
    discover_gateway,
)
from tests.fakediscord import (
    ADMIN_PERMISSIONS,
    FakeDiscord,
    FakeGuild,
    FakeUser,
    RateLimitConfig,
    pointed_at,
    restored_discord_endpoints,
    running_client,
)


def make_client() -> discord.Client:
    return discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server, pointed_at(server):
        yield server
        assert not server.errors, server.errors


async def test_client_logs_in_connects_and_sees_the_guild(fake: FakeDiscord) -> None:
    client = make_client()
    async with running_client(client, fake):
        await fake.wait_ready(timeout=1)
        assert client.user is not None and client.user.id == fake.bot_user.id
        assert client.application_id == fake.application_id
        guild = client.get_guild(fake.guild.id)
        assert guild is not None and guild.name == fake.guild.name
        channel = guild.get_channel(fake.guild.text_channel.id)
        assert isinstance(channel, discord.TextChannel)

        sent = await channel.send(
            "hello", file=discord.File(io.BytesIO(b"stretch!"), filename="plan.txt")
        )
        assert sent.content == "hello" and sent.attachments[0].filename == "plan.txt"
        assert await sent.attachments[0].read() == b"stretch!"
        request = await fake.wait_for_request("POST", rf"/channels/{channel.id}/messages")
        assert request.json["content"] == "hello"
        assert request.files[0].data == b"stretch!"
        thread = await sent.create_thread(name="cooldown")
        assert thread.id == sent.id and thread.parent_id == channel.id
        archived = await thread.edit(archived=True)
        assert archived.archived

    assert fake.requests_to("GET", "/users/@me")
    identify = fake.identifies[0]
    assert identify["token"] == fake.token
    assert identify["intents"] == discord.Intents.default().value
    assert fake.heartbeats >= 1


async def test_bad_token_is_rejected() -> None:
    async with FakeDiscord() as server:
        with pytest.raises(DiscordLoginRejected):
            await discover_gateway(server.api_base, "not-the-token")
        with restored_discord_endpoints():
            configure_api_base(server.api_base)
            client = make_client()
            with pytest.raises(discord.LoginFailure):
                await client.login("not-the-token")
            await client.close()
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{server.api_base}/users/@me") as unauthorized,
            session.get(f"{server.api_base}/nope") as missing,
        ):
            assert unauthorized.status == 401
            assert await unauthorized.json() == {"message": "401: Unauthorized", "code": 0}
            assert missing.status == 404
            assert await missing.json() == {"message": "404: Not Found", "code": 0}


async def test_endpoints_are_restored_after_the_block() -> None:
    before_base = discord.http.Route.BASE
    before_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    async with FakeDiscord() as server, pointed_at(server):
        assert current_api_base() == server.api_base
        assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == server.gateway_url
    assert before_base == discord.http.Route.BASE
    assert before_gateway == discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY


class Confirm(discord.ui.View):
    @discord.ui.button(label="Done", custom_id="stretch:done")
    async def done(
        self, interaction: discord.Interaction, button: discord.ui.Button[Confirm]
    ) -> None:
        await interaction.response.edit_message(content="well done", view=None)


def build_tree(client: discord.Client) -> app_commands.CommandTree[discord.Client]:
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @tree.command(description="Check the bot is alive")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong", view=Confirm())

    tight = app_commands.Group(name="tight", description="Your tight areas")

    @tight.command(name="add", description="Add a tight area")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def tight_add(interaction: discord.Interaction, area: str, minutes: int = 5) -> None:
        await interaction.response.defer(ephemeral=True)
        await interaction.followup.send(f"added {area} for {minutes} min", ephemeral=True)

    @tight_add.error
    async def denied(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        await interaction.response.send_message("admins only", ephemeral=True)

    @tight_add.autocomplete("area")
    async def areas(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        names = ["calves", "hamstrings", "hip flexors"]
        return [app_commands.Choice(name=n, value=n) for n in names if n.startswith(current)]

    tree.add_command(tight)
    return tree


async def test_slash_commands_sync_and_get_answers(fake: FakeDiscord) -> None:
    client = make_client()
    tree = build_tree(client)
    async with running_client(client, fake):
        await tree.sync()
        put = await fake.wait_for_request("PUT", rf"/applications/{fake.application_id}/commands")
        assert sorted(c["name"] for c in put.json) == ["ping", "tight"]
        assert [c["name"] for c in fake.commands_for()] == [c["name"] for c in put.json]

        ping = await fake.send_slash_command("ping")
        body = await fake.wait_for_interaction_response(ping)
        assert body["type"] == 4 and body["data"]["content"] == "pong"
        original = fake.original_message(ping)
        assert original is not None
        callback = fake.requests_to("POST", rf"/interactions/{ping.id}/.+/callback")[0]
        assert callback.query == {"with_response": "1"}

        click = await fake.send_component("stretch:done", int(original["id"]))
        update = await fake.wait_for_interaction_response(click)
        assert update["type"] == 7 and update["data"]["content"] == "well done"

        admin = FakeUser(username="coach", permissions=ADMIN_PERMISSIONS)
        add = await fake.send_slash_command(("tight", "add"), {"area": "calves"}, user=admin)
        deferred = await fake.wait_for_interaction_response(add)
        assert deferred == {"type": 5, "data": {"flags": 64}}
        followup = await fake.wait_for_followup(add)
        assert followup["content"] == "added calves for 5 min"

        denied = await fake.send_slash_command("tight add", {"area": "calves", "minutes": 3})
        assert (await fake.wait_for_interaction_response(denied))["data"][
            "content"
        ] == "admins only"

        typed = await fake.send_autocomplete("tight add", focused="area", value="ha")
        choices = await fake.wait_for_interaction_response(typed)
        assert choices["type"] == 8
        assert choices["data"]["choices"] == [{"name": "hamstrings", "value": "hamstrings"}]


async def test_message_create_reaches_on_message(fake: FakeDiscord) -> None:
    intents = discord.Intents.default()
    intents.message_content = True
    client = discord.Client(intents=intents, guild_ready_timeout=0.05)
    seen: list[discord.Message] = []

    @client.event
    async def on_message(message: discord.Message) -> None:
        seen.append(message)
        await message.reply(f"echo {message.content}")

    async with running_client(client, fake):
        await fake.send_message_create("!stretch calves")
        reply = await fake.wait_for_request("POST", r"/channels/\d+/messages")
        assert reply.json["content"] == "echo !stretch calves"
        assert seen[0].author.id == fake.default_user.id and seen[0].guild is not None


async def test_rate_limit_headers_are_honoured() -> None:
    limits = RateLimitConfig(route_limit=2, route_window=0.2)
    async with FakeDiscord(rate_limits=limits) as server, pointed_at(server):
        client = make_client()
        async with running_client(client, server):
            channel = server.guild.text_channel
            target = client.get_channel(channel.id)
            assert isinstance(target, discord.TextChannel)
            for n in range(3):
                await target.send(f"message {n}")
        sends = server.requests_to("POST", rf"/channels/{channel.id}/messages")
        assert [r.status for r in sends] == [200] * 3
        # discord.py saw X-RateLimit-Remaining: 0 and waited for the bucket to reset.
        assert sends[2].time - sends[1].time > 0.1
        assert len(server.channel_messages(channel.id)) == 3


async def test_global_rate_limit_gets_a_429_and_a_retry() -> None:
    limits = RateLimitConfig(route_limit=100, global_limit=2, global_window=0.3)
    async with FakeDiscord(rate_limits=limits) as server, pointed_at(server):
        client = make_client()
        async with running_client(client, server):
            target = client.get_channel(server.guild.text_channel.id)
            assert isinstance(target, discord.TextChannel)
            for n in range(3):
                await target.send(f"message {n}")
        sends = server.requests_to("POST", r"/channels/\d+/messages")
        assert any(r.status == 429 for r in sends)
        assert [r.status for r in sends if r.status != 429] == [200] * 3


class Feedback(discord.ui.Modal, title="How did it feel?"):
    notes: discord.ui.TextInput[Feedback] = discord.ui.TextInput(
        label="Notes", custom_id="feedback:notes"
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"noted: {self.notes.value}", ephemeral=True)


async def test_modal_round_trip_and_resume_after_a_dropped_connection(fake: FakeDiscord) -> None:
    client = make_client()
    tree: app_commands.CommandTree[discord.Client] = app_commands.CommandTree(client)

    @tree.command(description="Tell the coach how it went")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback(custom_id="feedback"))

    resumed: list[bool] = []

    @client.event
    async def on_resumed() -> None:
        resumed.append(True)

    async with running_client(client, fake):
        asked = await fake.send_slash_command("feedback")
        modal = await fake.wait_for_interaction_response(asked)
        assert modal["type"] == 9 and modal["data"]["custom_id"] == "feedback"

        await fake.drop_connections()  # close code 4000: discord.py RESUMEs
        await fake.wait_ready()
        sent = await fake.send_modal_submit("feedback", {"feedback:notes": "calves tight"})
        answer = await fake.wait_for_interaction_response(sent)
        assert answer["data"] == {"content": "noted: calves tight", "flags": 64, "tts": False}
        assert resumed == [True]
        assert [p["op"] for p in fake.gateway_received].count(6) == 1


class QuickShardedClient(discord.AutoShardedClient):
    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        # discord.py sleeps 5 s before every IDENTIFY but the first; the fake needs no pause.
        return None


async def test_auto_sharded_client_identifies_every_shard() -> None:
    guilds = [FakeGuild(name=f"Club {n}") for n in range(4)]
    async with FakeDiscord(shard_count=2, guilds=guilds) as server, pointed_at(server):
        client = QuickShardedClient(intents=discord.Intents.default(), guild_ready_timeout=0.05)
        async with running_client(client, server):
            await server.wait_ready(timeout=1)
            assert client.shard_count == 2
            assert sorted(tuple(i["shard"]) for i in server.identifies) == [(0, 2), (1, 2)]
            assert {g.id for g in client.guilds} == {g.id for g in guilds}
            for guild in client.guilds:
                assert guild.shard_id == (guild.id >> 22) % 2


async def test_forget_drops_what_was_recorded_and_the_older_interactions(
    fake: FakeDiscord,
) -> None:
    client = make_client()
    tree = build_tree(client)
    async with running_client(client, fake):
        await tree.sync()
        old = await fake.send_slash_command("ping")
        await fake.wait_for_interaction_response(old)
        old_message = fake.original_message(old)
        assert old_message is not None
        moment = time.monotonic()
        new = await fake.send_slash_command("ping")
        await fake.wait_for_interaction_response(new)
        fake.forget(created_before=moment)
        assert fake.requests == [] and fake.gateway_sent == [] and fake.posted == []
        assert old.id not in fake.interactions and new.id in fake.interactions
        assert int(old_message["id"]) not in fake.messages
        assert fake.original_message(new) is not None
