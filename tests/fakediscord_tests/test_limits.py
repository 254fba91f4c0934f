"""The fake refuses what Discord refuses: 400, code 50035, the offending field's path."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest

from tests.fakediscord import FakeDiscord, pointed_at, running_client
from tests.fakediscord_tests.raw import Rest, raw_gateway, rest_client

TOO_LONG = "BASE_TYPE_MAX_LENGTH"
BAD_LENGTH = "BASE_TYPE_BAD_LENGTH"


def error_at(body: dict[str, Any], *path: str | int) -> list[dict[str, str]]:
    """The ``_errors`` list at ``path`` of a 50035 answer."""
    assert body["code"] == 50035 and body["message"] == "Invalid Form Body", body
    node: Any = body["errors"]
    for key in path:
        assert str(key) in node, f"no error at {path}: {body['errors']}"
        node = node[str(key)]
    errors: list[dict[str, str]] = node["_errors"]
    return errors


def only_code(body: dict[str, Any], *path: str | int) -> str:
    errors = error_at(body, *path)
    assert len(errors) == 1, errors
    return errors[0]["code"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    async with FakeDiscord() as server:
        yield server
        assert not server.errors, server.errors


@pytest.fixture
async def rest(fake: FakeDiscord) -> AsyncIterator[Rest]:
    async with rest_client(fake) as client:
        yield client


def embed(**fields: Any) -> dict[str, Any]:
    return {"type": "rich", **fields}


def field_(name: str = "n", value: str = "v") -> dict[str, str]:
    return {"name": name, "value": value}


def buttons(n: int, label: str = "Go", prefix: str = "b") -> dict[str, Any]:
    return {
        "type": 1,
        "components": [
            {"type": 2, "style": 1, "label": label, "custom_id": f"{prefix}{i}"} for i in range(n)
        ],
    }


def select(options: int = 1, label: str = "x", value: str = "x") -> dict[str, Any]:
    return {
        "type": 1,
        "components": [
            {
                "type": 3,
                "custom_id": "pick",
                "options": [{"label": label, "value": f"{value}{i}"} for i in range(options)],
            }
        ],
    }


# Each case: a message body over one limit, and the path and code of the error.
OVER_THE_LIMIT: list[tuple[str, dict[str, Any], tuple[str | int, ...], str]] = [
    ("content", {"content": "x" * 2001}, ("content",), TOO_LONG),
    ("embed title", {"embeds": [embed(title="t" * 257)]}, ("embeds", 0, "title"), TOO_LONG),
    (
        "embed description",
        {"embeds": [embed(description="d" * 4097)]},
        ("embeds", 0, "description"),
        TOO_LONG,
    ),
    (
        "field name",
        {"embeds": [embed(fields=[field_(name="n" * 257)])]},
        ("embeds", 0, "fields", 0, "name"),
        TOO_LONG,
    ),
    (
        "field value",
        {"embeds": [embed(fields=[field_(), field_(value="v" * 1025)])]},
        ("embeds", 0, "fields", 1, "value"),
        TOO_LONG,
    ),
    (
        "empty field value",
        {"embeds": [embed(fields=[field_(value="")])]},
        ("embeds", 0, "fields", 0, "value"),
        "BASE_TYPE_REQUIRED",
    ),
    (
        "footer",
        {"embeds": [embed(footer={"text": "f" * 2049})]},
        ("embeds", 0, "footer", "text"),
        TOO_LONG,
    ),
    (
        "author",
        {"embeds": [embed(author={"name": "a" * 257})]},
        ("embeds", 0, "author", "name"),
        TOO_LONG,
    ),
    (
        "26 fields",
        {"embeds": [embed(fields=[field_() for _ in range(26)])]},
        ("embeds", 0, "fields"),
        TOO_LONG,
    ),
    ("11 embeds", {"embeds": [embed(title="t") for _ in range(11)]}, ("embeds",), TOO_LONG),
    (
        "6,001 characters over two embeds",
        {"embeds": [embed(description="d" * 4000), embed(description="d" * 2001)]},
        ("embeds",),
        "MAX_EMBED_SIZE_EXCEEDED",
    ),
    (
        "button label",
        {"components": [buttons(1, label="l" * 81)]},
        ("components", 0, "components", 0, "label"),
        TOO_LONG,
    ),
    (
        "custom_id",
        {
            "components": [
                {"type": 1, "components": [{"type": 2, "style": 1, "custom_id": "c" * 101}]}
            ]
        },
        ("components", 0, "components", 0, "custom_id"),
        BAD_LENGTH,
    ),
    (
        "6 buttons in a row",
        {"components": [buttons(6)]},
        ("components", 0, "components"),
        TOO_LONG,
    ),
    (
        "6 rows",
        {"components": [buttons(1, prefix=f"r{i}-") for i in range(6)]},
        ("components",),
        TOO_LONG,
    ),
    (
        "26 select options",
        {"components": [select(options=26)]},
        ("components", 0, "components", 0, "options"),
        BAD_LENGTH,
    ),
    (
        "select option label",
        {"components": [select(label="l" * 101)]},
        ("components", 0, "components", 0, "options", 0, "label"),
        BAD_LENGTH,
    ),
    (
        "select option value",
        {"components": [select(value="v" * 101)]},
        ("components", 0, "components", 0, "options", 0, "value"),
        BAD_LENGTH,
    ),
    (
        "a select beside a button",
        {
            "components": [
                {"type": 1, "components": [*select()["components"], buttons(1)["components"][0]]}
            ]
        },
        ("components", 0, "components"),
        "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
    ),
    (
        "the same custom_id twice",
        {"components": [buttons(1, prefix="same"), buttons(1, prefix="same")]},
        ("components",),
        "COMPONENT_CUSTOM_ID_DUPLICATED",
    ),
    ("a 26-character nonce", {"content": "hi", "nonce": "n" * 26}, ("nonce",), TOO_LONG),
]


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [case[1:] for case in OVER_THE_LIMIT],
    ids=[case[0] for case in OVER_THE_LIMIT],
)
async def test_message_over_a_limit_is_refused_and_not_posted(
    fake: FakeDiscord, rest: Rest, body: dict[str, Any], path: tuple[str | int, ...], code: str
) -> None:
    answer = await rest.post_message(body)
    assert answer.status == 400
    assert only_code(answer.body, *path) == code
    assert fake.posted == []


async def test_the_error_has_discords_exact_shape(rest: Rest) -> None:
    answer = await rest.post_message({"embeds": [embed(fields=[field_(value="v" * 1025)])]})
    assert answer.status == 400
    assert answer.body == {
        "code": 50035,
        "message": "Invalid Form Body",
        "errors": {
            "embeds": {
                "0": {
                    "fields": {
                        "0": {
                            "value": {
                                "_errors": [
                                    {
                                        "code": "BASE_TYPE_MAX_LENGTH",
                                        "message": "Must be 1024 or fewer in length.",
                                    }
                                ]
                            }
                        }
                    }
                }
            }
        },
    }


AT_THE_LIMIT: list[dict[str, Any]] = [
    {"content": "x" * 2000},
    {
        "embeds": [
            embed(
                title="t" * 256,
                description="d" * 2000,
                fields=[field_("n" * 100, "v" * 1024) for _ in range(2)],
                footer={"text": "f" * 1000},
                author={"name": "a" * 256},
            )
        ]
    },
    {"embeds": [embed(description="d" * 4000), embed(description="d" * 2000)]},
    {"embeds": [embed(fields=[field_() for _ in range(25)]) for _ in range(10)]},
    {"components": [buttons(5, label="l" * 80, prefix=f"r{i}-") for i in range(5)]},
    {"components": [select(options=25, label="l" * 100, value="v" * 98)]},
    {"content": "hi", "nonce": "n" * 25},
]


@pytest.mark.parametrize("body", AT_THE_LIMIT)
async def test_message_at_every_limit_is_posted(
    fake: FakeDiscord, rest: Rest, body: dict[str, Any]
) -> None:
    answer = await rest.post_message(body)
    assert answer.status == 200, answer.body
    assert len(fake.posted) == 1


async def test_an_edit_over_a_limit_leaves_the_message_as_it_was(
    fake: FakeDiscord, rest: Rest
) -> None:
    posted = await rest.post_message({"content": "before"})
    channel = fake.guild.text_channel.id
    path = f"/channels/{channel}/messages/{posted.body['id']}"
    answer = await rest.call("PATCH", path, {"content": "x" * 2001})
    assert answer.status == 400 and only_code(answer.body, "content") == TOO_LONG
    assert fake.messages[int(posted.body["id"])]["content"] == "before"
    answer = await rest.call("PATCH", path, {"embeds": [embed(title="t" * 257)]})
    assert only_code(answer.body, "embeds", 0, "title") == TOO_LONG


async def test_threads_names_are_1_to_100_characters(fake: FakeDiscord, rest: Rest) -> None:
    channel = fake.guild.text_channel.id
    posted = await rest.post_message({"content": "card"})
    from_message = f"/channels/{channel}/messages/{posted.body['id']}/threads"
    answer = await rest.call("POST", from_message, {"name": "n" * 101})
    assert answer.status == 400 and only_code(answer.body, "name") == BAD_LENGTH
    answer = await rest.call("POST", f"/channels/{channel}/threads", {"name": ""})
    assert only_code(answer.body, "name") == BAD_LENGTH
    made = await rest.call("POST", from_message, {"name": "n" * 100})
    assert made.status == 201
    renamed = await rest.call("PATCH", f"/channels/{made.body['id']}", {"name": "r" * 101})
    assert renamed.status == 400 and only_code(renamed.body, "name") == BAD_LENGTH
    archived = await rest.call("PATCH", f"/channels/{made.body['id']}", {"archived": True})
    assert archived.status == 200


async def test_lenient_mode_accepts_anything(rest: Rest) -> None:
    async with FakeDiscord(strict_limits=False) as lenient, rest_client(lenient) as client:
        answer = await client.post_message({"content": "x" * 5000})
        assert answer.status == 200
    answer = await rest.post_message({"content": "x" * 5000})
    assert answer.status == 400


async def test_discord_py_reports_the_field_path(fake: FakeDiscord) -> None:
    async with pointed_at(fake):
        client = discord.Client(intents=discord.Intents.default(), guild_ready_timeout=0.05)
        async with running_client(client, fake):
            channel = client.get_channel(fake.guild.text_channel.id)
            assert isinstance(channel, discord.TextChannel)
            report = discord.Embed(title="Club report").add_field(name="Areas", value="x" * 1050)
            with pytest.raises(discord.HTTPException) as refused:
                await channel.send(embed=report)
    assert refused.value.status == 400 and refused.value.code == 50035
    assert "In embeds.0.fields.0.value: Must be 1024 or fewer in length." in str(refused.value)


# -- interactions -----------------------------------------------------------------------------


@pytest.fixture
async def connected(fake: FakeDiscord) -> AsyncIterator[FakeDiscord]:
    """The fake with a bare gateway connection, so it can dispatch interactions."""
    async with raw_gateway(fake):
        await fake.wait_ready()
        yield fake


def modal(**overrides: Any) -> dict[str, Any]:
    text_input = {
        "type": 4,
        "custom_id": "notes",
        "style": 2,
        "label": "How did it feel?",
        **overrides.pop("text_input", {}),
    }
    return {
        "type": 9,
        "data": {
            "custom_id": "checkin",
            "title": "Weekly check-in",
            "components": [{"type": 1, "components": [text_input]}],
            **overrides,
        },
    }


CALLBACKS_OVER_THE_LIMIT: list[tuple[str, dict[str, Any], tuple[str | int, ...], str]] = [
    (
        "message content",
        {"type": 4, "data": {"content": "x" * 2001}},
        ("data", "content"),
        TOO_LONG,
    ),
    (
        "message embed",
        {"type": 4, "data": {"embeds": [embed(fields=[field_(value="v" * 1025)])]}},
        ("data", "embeds", 0, "fields", 0, "value"),
        TOO_LONG,
    ),
    (
        "26 autocomplete choices",
        {"type": 8, "data": {"choices": [{"name": f"c{i}", "value": f"c{i}"} for i in range(26)]}},
        ("data", "choices"),
        TOO_LONG,
    ),
    (
        "autocomplete choice name",
        {"type": 8, "data": {"choices": [{"name": "n" * 101, "value": "v"}]}},
        ("data", "choices", 0, "name"),
        BAD_LENGTH,
    ),
    (
        "autocomplete choice value",
        {"type": 8, "data": {"choices": [{"name": "n", "value": "v" * 101}]}},
        ("data", "choices", 0, "value"),
        TOO_LONG,
    ),
    ("modal title", modal(title="t" * 46), ("data", "title"), BAD_LENGTH),
    ("modal custom_id", modal(custom_id="c" * 101), ("data", "custom_id"), BAD_LENGTH),
    (
        "text input label",
        modal(text_input={"label": "l" * 46}),
        ("data", "components", 0, "components", 0, "label"),
        BAD_LENGTH,
    ),
    (
        "text input value over its max_length",
        modal(text_input={"max_length": 10, "value": "v" * 11}),
        ("data", "components", 0, "components", 0, "value"),
        TOO_LONG,
    ),
    (
        "text input value under its min_length",
        modal(text_input={"min_length": 5, "value": "v"}),
        ("data", "components", 0, "components", 0, "value"),
        "BASE_TYPE_MIN_LENGTH",
    ),
    (
        "text input value over 4,000",
        modal(text_input={"value": "v" * 4001}),
        ("data", "components", 0, "components", 0, "value"),
        TOO_LONG,
    ),
    (
        "text input max_length over 4,000",
        modal(text_input={"max_length": 4001}),
        ("data", "components", 0, "components", 0, "max_length"),
        "NUMBER_TYPE_MAX",
    ),
    (
        "6 modal rows",
        modal(
            components=[
                {
                    "type": 1,
                    "components": [{"type": 4, "custom_id": f"t{i}", "style": 1, "label": "L"}],
                }
                for i in range(6)
            ]
        ),
        ("data", "components"),
        BAD_LENGTH,
    ),
    (
        "Label component label",
        modal(
            components=[
                {
                    "type": 18,
                    "label": "l" * 46,
                    "component": {"type": 4, "custom_id": "notes", "style": 2},
                }
            ]
        ),
        ("data", "components", 0, "label"),
        BAD_LENGTH,
    ),
]


@pytest.mark.parametrize(
    ("body", "path", "code"),
    [case[1:] for case in CALLBACKS_OVER_THE_LIMIT],
    ids=[case[0] for case in CALLBACKS_OVER_THE_LIMIT],
)
async def test_callback_over_a_limit_is_refused_and_leaves_the_interaction_open(
    connected: FakeDiscord,
    rest: Rest,
    body: dict[str, Any],
    path: tuple[str | int, ...],
    code: str,
) -> None:
    sent = await connected.send_slash_command("report")
    refused = await rest.callback(sent, body)
    assert refused.status == 400
    assert only_code(refused.body, *path) == code
    assert connected.posted == []
    # A refused answer does not acknowledge: a valid one still goes through.
    answered = await rest.callback(sent, {"type": 4, "data": {"content": "fits"}})
    assert answered.status == 204
    assert (await connected.wait_for_interaction_response(sent))["data"]["content"] == "fits"


async def test_modal_with_label_components_within_limits(
    connected: FakeDiscord, rest: Rest
) -> None:
    sent = await connected.send_slash_command("checkin")
    body = modal(
        components=[
            {
                "type": 18,
                "label": "l" * 45,
                "description": "d" * 100,
                "component": {
                    "type": 4,
                    "custom_id": "notes",
                    "style": 2,
                    "min_length": 1,
                    "max_length": 4000,
                    "value": "v" * 4000,
                },
            }
        ]
    )
    assert (await rest.callback(sent, body)).status == 204


async def test_followups_and_original_edits_are_checked(connected: FakeDiscord, rest: Rest) -> None:
    sent = await connected.send_slash_command("report")
    assert (await rest.callback(sent, {"type": 5})).status == 204
    refused = await rest.followup(sent, {"content": "x" * 2001})
    assert refused.status == 400 and only_code(refused.body, "content") == TOO_LONG
    refused = await rest.edit_original(sent, {"embeds": [embed(title="t" * 257)]})
    assert refused.status == 400 and only_code(refused.body, "embeds", 0, "title") == TOO_LONG
    empty = await rest.followup(sent, {"content": ""})
    assert empty.status == 400 and empty.body["code"] == 50006
    assert connected.followups(sent) == []
    assert (await rest.edit_original(sent, {"content": "done"})).status == 200
    assert (await rest.followup(sent, {"content": "more"})).status == 200


async def test_an_interaction_is_answered_once(connected: FakeDiscord, rest: Rest) -> None:
    sent = await connected.send_slash_command("ping")
    assert (await rest.callback(sent, {"type": 4, "data": {"content": "pong"}})).status == 204
    again = await rest.callback(sent, {"type": 4, "data": {"content": "pong"}})
    assert again.status == 400
    assert again.body == {"message": "Interaction has already been acknowledged.", "code": 40060}


async def test_an_interaction_must_be_answered_within_the_deadline(rest: Rest) -> None:
    async with FakeDiscord(interaction_deadline=0.2) as fake, raw_gateway(fake):
        await fake.wait_ready()
        async with rest_client(fake) as client:
            in_time = await fake.send_slash_command("ping")
            assert (await client.callback(in_time, {"type": 5})).status == 204
            late = await fake.send_slash_command("ping")
            await asyncio.sleep(0.3)
            answer = await client.callback(late, {"type": 5})
            assert answer.status == 404
            assert answer.body == {"message": "Unknown interaction", "code": 10062}
            # Nothing can follow a failed interaction, and a test waiting for it is told why.
            followup = await client.followup(late, {"content": "sorry"})
            assert followup.status == 404 and followup.body["code"] == 10015
            with pytest.raises(AssertionError, match=r"after it was dispatched; Discord allows"):
                await fake.wait_for_interaction_response(late, timeout=1)


async def test_the_default_deadline_is_three_seconds(connected: FakeDiscord, rest: Rest) -> None:
    assert FakeDiscord().interaction_deadline == 3.0
    sent = await connected.send_slash_command("ping")
    connected.age_interaction(sent, 3.1)
    assert (await rest.callback(sent, {"type": 5})).body["code"] == 10062


async def test_the_token_serves_follow_ups_for_15_minutes(
    connected: FakeDiscord, rest: Rest
) -> None:
    sent = await connected.send_slash_command("report")
    assert (await rest.callback(sent, {"type": 5})).status == 204
    connected.age_interaction(sent, 14 * 60)
    assert (await rest.edit_original(sent, {"content": "at 14 minutes"})).status == 200
    connected.age_interaction(sent, 61)
    late = await rest.followup(sent, {"content": "at 15 minutes"})
    assert late.status == 401
    assert late.body == {"message": "Invalid Webhook Token", "code": 50027}
    assert (await rest.edit_original(sent, {"content": "x"})).status == 401


async def test_a_press_on_a_removed_message_cannot_update_it(
    connected: FakeDiscord, rest: Rest
) -> None:
    posted = await rest.post_message({"content": "card", "components": [buttons(1)]})
    message_id = int(posted.body["id"])
    update = await connected.send_component("b0", message_id)
    defer = await connected.send_component("b0", message_id)
    channel = connected.guild.text_channel.id
    assert (await rest.call("DELETE", f"/channels/{channel}/messages/{message_id}")).status == 204
    for sent, body in ((update, {"type": 7, "data": {"content": "x"}}), (defer, {"type": 6})):
        answer = await rest.callback(sent, body)
        assert answer.status == 404
        assert answer.body == {"message": "Unknown Message", "code": 10008}


# -- application commands ---------------------------------------------------------------------


def command(**overrides: Any) -> dict[str, Any]:
    return {"name": "stretch", "description": "A routine", "type": 1, **overrides}


def option(**overrides: Any) -> dict[str, Any]:
    return {"name": "area", "description": "Where", "type": 3, **overrides}


COMMANDS_OVER_THE_LIMIT: list[tuple[str, list[dict[str, Any]], tuple[str | int, ...], str]] = [
    ("upper case name", [command(name="Stretch")], (0, "name"), "APPLICATION_COMMAND_INVALID_NAME"),
    (
        "33-character name",
        [command(name="s" * 33)],
        (0, "name"),
        "APPLICATION_COMMAND_INVALID_NAME",
    ),
    ("space in name", [command(name="my data")], (0, "name"), "APPLICATION_COMMAND_INVALID_NAME"),
    ("empty description", [command(description="")], (0, "description"), BAD_LENGTH),
    ("101-character description", [command(description="d" * 101)], (0, "description"), BAD_LENGTH),
    (
        "26 options",
        [command(options=[option(name=f"o{i}") for i in range(26)])],
        (0, "options"),
        TOO_LONG,
    ),
    (
        "26 choices",
        [
            command(
                options=[option(choices=[{"name": f"c{i}", "value": f"c{i}"} for i in range(26)])]
            )
        ],
        (0, "options", 0, "choices"),
        TOO_LONG,
    ),
    (
        "choice name",
        [command(options=[option(choices=[{"name": "n" * 101, "value": "v"}])])],
        (0, "options", 0, "choices", 0, "name"),
        BAD_LENGTH,
    ),
    (
        "option of a subcommand",
        [
            command(
                options=[
                    {
                        "name": "add",
                        "description": "Add",
                        "type": 1,
                        "options": [option(name="Area")],
                    }
                ]
            )
        ],
        (0, "options", 0, "options", 0, "name"),
        "APPLICATION_COMMAND_INVALID_NAME",
    ),
]


@pytest.mark.parametrize(
    ("commands", "path", "code"),
    [case[1:] for case in COMMANDS_OVER_THE_LIMIT],
    ids=[case[0] for case in COMMANDS_OVER_THE_LIMIT],
)
async def test_command_sync_over_a_limit_is_refused(
    fake: FakeDiscord,
    rest: Rest,
    commands: list[dict[str, Any]],
    path: tuple[str | int, ...],
    code: str,
) -> None:
    answer = await rest.call("PUT", f"/applications/{fake.application_id}/commands", commands)
    assert answer.status == 400
    assert only_code(answer.body, *path) == code
    assert fake.commands_for() == []


async def test_command_sync_within_limits(fake: FakeDiscord, rest: Rest) -> None:
    commands = [
        command(name="mydata"),
        command(
            name="tight",
            options=[{"name": "add", "description": "Add", "type": 1, "options": [option()]}],
        ),
        command(
            name="s" * 32, description="d" * 100, options=[option(name=f"o{i}") for i in range(25)]
        ),
        {"name": "Show Progress", "type": 2, "description": ""},
    ]
    answer = await rest.call("PUT", f"/applications/{fake.application_id}/commands", commands)
    assert answer.status == 200, answer.body
    one = await rest.call(
        "POST", f"/applications/{fake.application_id}/commands", command(name="X")
    )
    assert one.status == 400 and only_code(one.body, "name") == "APPLICATION_COMMAND_INVALID_NAME"
