"""An interaction's answer sent as the Discord JSON it already is.

discord.py's `send_message` turns an embed and a view into objects and back into JSON, asks
Discord to send the new message back, parses that into a `Message`, and keeps every view in its
view store. An answer built as JSON (`bot.rules.cards`) whose buttons are answered from their
custom ids alone (the cogs' `CogButton`) needs none of it: here the JSON goes out as it is, in
the one callback discord.py would have made, and the interaction is marked as answered exactly
as discord.py marks it. Edits of the answer, and everything when the client has a proxy, go
through discord.py's own HTTP session (its rate limits, retries, errors and the REST trace of
`bot.adapter.observe` all apply).

The first response, when the client has no proxy, skips discord.py's HTTP session: its route,
the webhook adapter's lock and aiohttp's request and response objects cost about as much CPU
as the rest of a cached answer. It is written as bytes on the kept-alive connections the gate
sheds on (`bot.adapter.callbacks`), never after Discord's deadline, sent again on a dropped
connection or a 5xx while the deadline allows, counted as the REST trace counts the others, and
a refusal raises the exception discord.py would have raised.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

import discord
import orjson
from discord.http import Route
from discord.webhook.async_ import async_context

from bot.adapter.backlog import created_at
from bot.adapter.callbacks import Callbacks, callback_path
from bot.adapter.observe import callback_sent
from bot.rules.overload import DEADLINE

# A message's `flags` bit that shows it to the member alone.
EPHEMERAL = 1 << 6
_CALLBACK = "/interactions/{webhook_id}/{webhook_token}/callback"
_ORIGINAL = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
_MESSAGE = discord.InteractionResponseType.channel_message
_AUTOCOMPLETE_RESULT = discord.InteractionResponseType.autocomplete_result
_DEFERRABLE = frozenset(
    {
        discord.InteractionType.application_command,
        discord.InteractionType.component,
        discord.InteractionType.modal_submit,
    }
)


async def send_raw(state: Any, interaction_id: int, token: str, payload: Mapping[str, Any]) -> None:
    """A first response from the interaction's gateway payload alone (no `Interaction`)."""
    route = Route("POST", _CALLBACK, webhook_id=interaction_id, webhook_token=token)
    await _post(state, route, dict(payload))


async def send_json(
    interaction: discord.Interaction[Any], message: Mapping[str, Any], *, ephemeral: bool
) -> None:
    """The first response: `message` (content, embeds, components) within Discord's limits."""
    if interaction.response.is_done():
        raise discord.InteractionResponded(interaction)
    data = _with_mentions(interaction, message)
    if ephemeral:
        data["flags"] = EPHEMERAL
    direct = _direct(interaction)
    if direct is not None:
        await _respond_direct(direct, interaction, _MESSAGE, data)
        return
    route = Route("POST", _CALLBACK, webhook_id=interaction.id, webhook_token=interaction.token)
    await _request(interaction, route, {"type": _MESSAGE.value, "data": data})
    interaction.response._response_type = _MESSAGE


async def no_choices(interaction: discord.Interaction[Any]) -> None:
    """An autocomplete's answer with no choices (a shed one), as `send_json` sends."""
    direct = _direct(interaction)
    if direct is None:
        await interaction.response.autocomplete([])
        return
    await _respond_direct(direct, interaction, _AUTOCOMPLETE_RESULT, {"choices": []})


async def defer(
    interaction: discord.Interaction[Any], *, ephemeral: bool = False, thinking: bool = False
) -> None:
    """discord.py's `InteractionResponse.defer`, without asking Discord for the callback's
    resource (nobody reads it): a "thinking…" for a command (or a press, with `thinking`),
    else a press acknowledged as an update of its message."""
    direct = _direct(interaction)
    if direct is None or interaction.type not in _DEFERRABLE:
        # discord.py's own does nothing for what cannot be deferred (autocomplete).
        await interaction.response.defer(ephemeral=ephemeral, thinking=thinking)
        return
    command = interaction.type is discord.InteractionType.application_command
    kind = (
        discord.InteractionResponseType.deferred_channel_message
        if command or thinking
        else discord.InteractionResponseType.deferred_message_update
    )
    private = ephemeral and (command or thinking)
    await _respond_direct(direct, interaction, kind, {"flags": EPHEMERAL} if private else None)


async def edit_json(interaction: discord.Interaction[Any], message: Mapping[str, Any]) -> None:
    """Replace the deferred "thinking…" (or the answer) with `message`."""
    route = Route(
        "PATCH", _ORIGINAL, webhook_id=interaction.application_id, webhook_token=interaction.token
    )
    await _request(interaction, route, _with_mentions(interaction, message))


def _with_mentions(
    interaction: discord.Interaction[Any], message: Mapping[str, Any]
) -> dict[str, Any]:
    # Who a message may ping is the client's setting, which discord.py adds to every message.
    data = dict(message)
    mentions = interaction._state.allowed_mentions
    if mentions is not None:
        data["allowed_mentions"] = mentions.to_dict()
    return data


async def _request(
    interaction: discord.Interaction[Any], route: Route, payload: dict[str, Any]
) -> None:
    await _post(interaction._state, route, payload)


async def _post(state: Any, route: Route, payload: dict[str, Any]) -> None:
    # The session an `Interaction` would use (`Interaction._session` is this same one).
    http = state.http
    await async_context.get().request(
        route,
        session=http._HTTPClient__session,
        proxy=http.proxy,
        proxy_auth=http.proxy_auth,
        payload=payload,
    )


def _direct(interaction: discord.Interaction[Any]) -> Callbacks | None:
    gate = getattr(interaction.client, "gate", None)
    return None if gate is None else cast(Callbacks | None, gate.callbacks(interaction._state))


async def _respond_direct(
    callbacks: Callbacks,
    interaction: discord.Interaction[Any],
    kind: discord.InteractionResponseType,
    data: Mapping[str, Any] | None,
) -> None:
    """The interaction's first response on the callback connections, marked as answered as
    discord.py marks it."""
    if interaction.response.is_done():
        raise discord.InteractionResponded(interaction)
    payload: dict[str, Any] = {"type": kind.value}
    if data is not None:
        payload["data"] = data
    await _send_direct(callbacks, interaction.id, interaction.token, payload)
    interaction.response._response_type = kind


async def _send_direct(
    callbacks: Callbacks, interaction_id: int, token: str, payload: Mapping[str, Any]
) -> None:
    path = callback_path(interaction_id, token)
    body = orjson.dumps(payload)
    left = DEADLINE - (time.time() - created_at(interaction_id))
    deadline = asyncio.get_running_loop().time() + left
    status, answer = await callbacks.send(path, body, deadline)
    callback_sent(interaction_id, status)
    if not 200 <= status < 300:
        raise _refusal(status, answer)


@dataclass(frozen=True, slots=True)
class _Answer:
    """What discord.py's exceptions read of an HTTP response."""

    status: int
    reason: str


def _refusal(status: int, body: bytes) -> discord.HTTPException:
    """The exception discord.py raises for this answer (0: none came in time)."""
    try:
        message: Any = json.loads(body) if body else ""
    except ValueError:
        message = body.decode("utf-8", "replace")
    if not isinstance(message, dict | str):
        message = str(message)
    response = cast(Any, _Answer(status, "No answer in time" if status == 0 else "Refused"))
    if status == 403:
        return discord.Forbidden(response, message)
    if status == 404:
        return discord.NotFound(response, message)
    if status >= 500:
        return discord.DiscordServerError(response, message)
    return discord.HTTPException(response, message)
