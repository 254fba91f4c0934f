"""What the Discord side of the bot records: interaction outcomes, acknowledgement times, REST.

* An interaction is *watched* from the check that discord.py runs first, inside the task that
  handles it (the command tree's, a component's or a form's `interaction_check`). When that
  task ends, its one outcome is counted: refused or failed when a failure was reported
  (`mark`), otherwise deferred or answered by the kind of its first response, and failed when
  it got none.
* Every other REST call (follow-ups and edits included) goes through discord.py's
  one aiohttp session; a trace on that session (`rest_trace`, discord.py's `http_trace`
  option) counts calls by route template and status, the 429s, and times each interaction's
  callback (its first response) from the interaction's snowflake. First responses sent on
  connections of their own (`bot.adapter.callbacks`: sheds, answers sent as JSON, deferrals)
  are counted alike by `callback_sent`.
"""

from __future__ import annotations

import asyncio
import functools
import re
import time
from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any, Final

import aiohttp
import discord
import discord.http
import yarl

from bot.adapter.backlog import created_at
from bot.metrics import (
    ACKNOWLEDGEMENT_SECONDS,
    ANSWERED,
    DEFERRED,
    FAILED,
    INTERACTIONS,
    KIND_AUTOCOMPLETE,
    KIND_COMMAND,
    KIND_COMPONENT,
    KIND_MODAL,
    RATE_LIMITED,
    REST_REQUESTS,
)

_WATCHED: Final = "cooldown.watched"
_OUTCOME: Final = "cooldown.outcome"
_DEFERRALS = frozenset(
    {
        discord.InteractionResponseType.deferred_channel_message,
        discord.InteractionResponseType.deferred_message_update,
    }
)
# A route's fixed parts are short lower-case words (`channels`, `@me`, `oauth2`); ids are
# digits; anything else in a path (interaction and webhook tokens, emoji) is a parameter.
_FIXED_PART = re.compile(r"[a-z@_-][a-z0-9@_-]{0,31}")
# A custom id's fixed parts are words; numbers and generated ids would make a label each.
_WORD = re.compile(r"[a-z_-]{1,32}")
# Interaction and option types of the gateway payload (Discord's numbers).
_COMMAND, _COMPONENT, _AUTOCOMPLETE, _MODAL = 2, 3, 4, 5
_SUBCOMMAND_TYPES = (1, 2)
_CALLBACK = re.compile(r"/interactions/(\d+)/[^/]+/callback")
_SCOPES = frozenset({"user", "global", "shared"})


# -- interactions ---------------------------------------------------------------------------


def watch(interaction: discord.Interaction[Any]) -> None:
    """Count this interaction's outcome when the task handling it ends (once, however often
    it is called)."""
    if interaction.extras.get(_WATCHED):
        return
    task = asyncio.current_task()
    if task is None:
        return
    interaction.extras[_WATCHED] = True
    kind, name = describe(interaction)
    task.add_done_callback(functools.partial(_settle, interaction, kind, name))


def mark(interaction: discord.Interaction[Any], outcome: str) -> None:
    """A refusal or a failure reported to the member; a failure outweighs a refusal."""
    if interaction.extras.get(_OUTCOME) != FAILED:
        interaction.extras[_OUTCOME] = outcome


def outcome_of(interaction: discord.Interaction[Any]) -> str:
    marked: str | None = interaction.extras.get(_OUTCOME)
    if marked is not None:
        return marked
    first = interaction.response.type
    if first is None:
        return FAILED  # never acknowledged: Discord told the member it failed
    return DEFERRED if first in _DEFERRALS else ANSWERED


def _settle(
    interaction: discord.Interaction[Any], kind: str, name: str, _task: asyncio.Task[Any]
) -> None:
    INTERACTIONS.labels(kind, name, outcome_of(interaction)).inc()


def describe(interaction: discord.Interaction[Any]) -> tuple[str, str]:
    """(kind, name): `/tight add`, or a component's custom id without its ids."""
    data: Any = interaction.data or {}
    kind = interaction.type
    if kind in (discord.InteractionType.application_command, discord.InteractionType.autocomplete):
        command = interaction.command
        name = f"/{command.qualified_name}" if command else f"/{data.get('name', '?')}"
        is_command = kind is discord.InteractionType.application_command
        return (KIND_COMMAND if is_command else KIND_AUTOCOMPLETE), name
    custom_id = str(data.get("custom_id", ""))
    if kind is discord.InteractionType.modal_submit:
        return KIND_MODAL, component_name(custom_id)
    return KIND_COMPONENT, component_name(custom_id)


def describe_payload(data: Mapping[str, Any]) -> tuple[str, str]:
    """(kind, name) of an interaction from its gateway payload, as `describe` gives it."""
    inner: Mapping[str, Any] = data.get("data") or {}
    kind = data.get("type")
    if kind in (_COMMAND, _AUTOCOMPLETE):
        names = [str(inner.get("name", "?"))]
        options = inner.get("options") or []
        # Subcommand groups and subcommands come as the first option, nested.
        while options and options[0].get("type") in _SUBCOMMAND_TYPES:
            names.append(str(options[0].get("name", "?")))
            options = options[0].get("options") or []
        return (KIND_COMMAND if kind == _COMMAND else KIND_AUTOCOMPLETE), "/" + " ".join(names)
    custom_id = str(inner.get("custom_id", ""))
    return (KIND_MODAL if kind == _MODAL else KIND_COMPONENT), component_name(custom_id)


def count(kind: str, name: str, outcome: str) -> None:
    """An interaction handled without a discord.py object (turned away at the gateway)."""
    _interactions(kind, name, outcome).inc()


@functools.cache
def _interactions(kind: str, name: str, outcome: str) -> Any:
    # The labels' child found once: a few of them (commands, buttons by template), each met
    # at every interaction turned away.
    return INTERACTIONS.labels(kind, name, outcome)


def component_name(custom_id: str) -> str:
    """`session:pause:42` → `session:pause`; generated ids are dropped (one label, not many)."""
    kept = [part for part in custom_id.split(":") if _WORD.fullmatch(part)]
    return ":".join(kept) or "unnamed"


# -- REST -----------------------------------------------------------------------------------


def route_of(path: str) -> str:
    """A REST path as its route template: `/channels/{id}/messages`."""
    return "/".join(_template_part(part) for part in path.split("/"))


def _template_part(part: str) -> str:
    if not part or _FIXED_PART.fullmatch(part):
        return part
    return "{id}" if part.isdigit() else "{token}"


def acknowledgement_seconds(interaction_id: int, now: float) -> float:
    """Seconds from an interaction's creation (its snowflake's timestamp) to `now` (epoch)."""
    return max(0.0, now - created_at(interaction_id))


def rest_trace() -> aiohttp.TraceConfig:
    """A trace for discord.py's HTTP session (the client's `http_trace` option)."""
    trace = aiohttp.TraceConfig()
    base = _ApiBase()

    async def on_end(_: Any, __: SimpleNamespace, params: aiohttp.TraceRequestEndParams) -> None:
        path = base.relative(params.url)
        if path is None:
            return  # the gateway's websocket, not a REST call
        status = params.response.status
        route = route_of(path)
        REST_REQUESTS.labels(params.method, route, str(status)).inc()
        if status == 429:
            RATE_LIMITED.labels(route, _scope(params.response.headers)).inc()
        elif params.method == "POST" and (callback := _CALLBACK.fullmatch(path)):
            seconds = acknowledgement_seconds(int(callback[1]), time.time())
            ACKNOWLEDGEMENT_SECONDS.observe(seconds)

    async def on_error(
        _: Any, __: SimpleNamespace, params: aiohttp.TraceRequestExceptionParams
    ) -> None:
        path = base.relative(params.url)
        if path is not None:
            REST_REQUESTS.labels(params.method, route_of(path), "error").inc()

    trace.on_request_end.append(on_end)
    trace.on_request_exception.append(on_error)
    return trace


_CALLBACK_ROUTE: Final = "/interactions/{id}/{token}/callback"


def callback_sent(interaction_id: int, status: int) -> None:
    """A first response sent outside discord.py's session (a shed, an answer, a deferral:
    `bot.adapter.callbacks`), counted as the trace counts the others: status 0 is a call that
    got no answer."""
    _callbacks(str(status) if status else "error").inc()
    if 200 <= status < 300:
        ACKNOWLEDGEMENT_SECONDS.observe(acknowledgement_seconds(interaction_id, time.time()))


@functools.cache
def _callbacks(status: str) -> Any:
    return REST_REQUESTS.labels("POST", _CALLBACK_ROUTE, status)


def _scope(headers: Any) -> str:
    if headers.get("X-RateLimit-Global", "").lower() == "true":
        return "global"
    scope = str(headers.get("X-RateLimit-Scope", "")).lower()
    if scope in _SCOPES:
        return scope
    return "unknown" if not scope else "other"


class _ApiBase:
    """The REST base discord.py uses now (set at start, see `configure_api_base`), parsed once."""

    def __init__(self) -> None:
        self._base = ""
        self._host: str | None = None
        self._port: int | None = None
        self._prefix = ""
        self._below = "/"

    def relative(self, url: yarl.URL) -> str | None:
        """`url`'s path below the API base, or None for a URL elsewhere."""
        if discord.http.Route.BASE is not self._base:
            self._parse(discord.http.Route.BASE)
        if url.host != self._host or url.port != self._port:
            return None
        path = url.path
        if not path.startswith(self._below):
            return None
        return path[len(self._prefix) :]

    def _parse(self, base: str) -> None:
        parsed = yarl.URL(base)
        self._base = base
        self._host = parsed.host
        self._port = parsed.port
        # Kept with its slash, so that `/api/v10/channels` is `/channels`.
        self._prefix = parsed.path.rstrip("/")
        self._below = self._prefix + "/"
