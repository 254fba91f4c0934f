"""A fake Discord (REST API v10 + gateway v10) on loopback for end-to-end tests.

See README.md in this folder for how to use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import secrets
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, NoReturn, Self

from aiohttp import BodyPartReader, WSMsgType, web

from . import limits
from .faults import Fault, FaultInjector, InjectedFault
from .models import (
    ADMIN_PERMISSIONS,
    FakeChannel,
    FakeGuild,
    FakeRole,
    FakeUser,
    RateLimitConfig,
    RecordedFile,
    RecordedRequest,
    SentInteraction,
    iso_now,
    snowflake,
)

JSON = dict[str, Any]
Handler = Callable[["_Call"], Awaitable[web.StreamResponse]]

INTENT_MEMBERS = 1 << 1
INTENT_PRESENCES = 1 << 8
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_MEMBERS | INTENT_PRESENCES | INTENT_MESSAGE_CONTENT

FLAG_EPHEMERAL = 1 << 6
FLAG_LOADING = 1 << 7

_log = logging.getLogger(__name__)
_API_PREFIX = re.compile(r"^/api/v\d+(?=/|$)")


class FakeDiscordError(Exception):
    """An error response: ``status`` with Discord's ``{"message", "code"[, "errors"]}`` body."""

    def __init__(
        self, status: int, message: str, code: int = 0, errors: JSON | None = None
    ) -> None:
        detail = "; ".join(limits.describe(errors)) if errors else ""
        super().__init__(f"{status} {message}" + (f": {detail}" if detail else ""))
        self.status = status
        self.message = message
        self.code = code
        self.errors = errors


def _invalid_form_body(errors: JSON) -> FakeDiscordError:
    return FakeDiscordError(400, "Invalid Form Body", 50035, errors)


def _check(errors: JSON) -> None:
    """Refuse the request as Discord does when a payload breaks a limit."""
    if errors:
        raise _invalid_form_body(errors)


def _json_response(
    body: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    # discord.py only decodes bodies whose Content-Type is exactly "application/json".
    response = web.Response(text=json.dumps(body), status=status, headers=headers)
    response.headers["Content-Type"] = "application/json"
    return response


def _message_text(message: JSON) -> str:
    parts = [message.get("content") or ""]
    for embed in message.get("embeds") or []:
        parts += [embed.get("title") or "", embed.get("description") or ""]
        for item in embed.get("fields") or []:
            parts += [item.get("name") or "", item.get("value") or ""]
        parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


def _not_found(what: str, code: int) -> FakeDiscordError:
    return FakeDiscordError(404, f"Unknown {what}", code)


@dataclass
class _Call:
    """A parsed REST request handed to a route handler."""

    request: web.Request
    match: re.Match[str]
    json: Any
    files: list[RecordedFile]
    query: dict[str, str]

    def arg(self, name: str) -> str:
        return self.match.group(name)

    def int_arg(self, name: str) -> int:
        return int(self.match.group(name))

    @property
    def body(self) -> JSON:
        return self.json if isinstance(self.json, dict) else {}


@dataclass
class _Route:
    method: str
    pattern: re.Pattern[str]
    handler: Handler
    auth: bool
    name: str


@dataclass(frozen=True)
class GatewaySent:
    """A payload the fake sent on a gateway connection, with the shard it went to (None
    before a session exists, e.g. the INVALID_SESSION answering an unknown RESUME)."""

    shard: tuple[int, int] | None
    session_id: str | None
    op: int
    t: str | None
    d: Any


@dataclass
class _Session:
    """A gateway session (survives a RESUME on a new websocket)."""

    session_id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0
    ws: web.WebSocketResponse | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    log: list[GatewaySent] | None = None

    @property
    def connected(self) -> bool:
        return self.ws is not None and not self.ws.closed

    async def send(self, op: int, d: Any, t: str | None = None) -> None:
        async with self.lock:
            if self.ws is None or self.ws.closed:
                raise RuntimeError(f"gateway session {self.session_id} is not connected")
            s: int | None = None
            if op == 0:
                self.seq += 1
                s = self.seq
            await self.ws.send_str(json.dumps({"op": op, "d": d, "s": s, "t": t}))
            if self.log is not None:
                self.log.append(GatewaySent(self.shard, self.session_id, op, t, d))


@dataclass
class _Interaction:
    id: int
    token: str
    type: int
    guild_id: int | None
    channel_id: int
    user: FakeUser
    message_id: int | None = None
    name: str | None = None
    response: JSON | None = None
    original_message_id: int | None = None
    followup_ids: list[int] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)
    #: Seconds after dispatch of a callback refused for coming too late.
    late_by: float | None = None


class FakeDiscord:
    """A fake Discord serving REST and the gateway on ``127.0.0.1`` (ephemeral port).

    ``async with FakeDiscord() as fake:`` starts and stops it; point discord.py at
    ``fake.api_base`` and log in with ``fake.token``.
    """

    def __init__(
        self,
        *,
        token: str | None = None,
        bot_user: FakeUser | None = None,
        application_id: int | None = None,
        guilds: Sequence[FakeGuild] | None = None,
        default_user: FakeUser | None = None,
        heartbeat_interval: int = 41250,
        shard_count: int = 1,
        allowed_intents: int = -1,
        rate_limits: RateLimitConfig | None = None,
        host: str = "127.0.0.1",
        strict_limits: bool = True,
        interaction_deadline: float | None = None,
        interaction_token_lifetime: float = 15 * 60,
        nonce_window: float = 120.0,
    ) -> None:
        self.token = token or f"fake.{secrets.token_urlsafe(24)}"
        self.bot_user = bot_user or FakeUser(username="cooldown-coach", bot=True)
        self.application_id = application_id or self.bot_user.id
        self.guilds: list[FakeGuild] = list(guilds) if guilds is not None else [FakeGuild()]
        self.default_user = default_user or FakeUser(username="runner")
        self.heartbeat_interval = heartbeat_interval
        self.shard_count = shard_count
        self.allowed_intents = allowed_intents
        self.rate_limits = rate_limits
        self.host = host
        #: Refuse payloads over Discord's limits with 400 / 50035 (see limits.py).
        self.strict_limits = strict_limits
        #: Seconds after dispatch within which the bot must answer an interaction (Discord: 3).
        #: FAKEDISCORD_INTERACTION_DEADLINE overrides the default on a loaded machine.
        self.interaction_deadline = (
            interaction_deadline
            if interaction_deadline is not None
            else float(os.environ.get("FAKEDISCORD_INTERACTION_DEADLINE", "3"))
        )
        #: Seconds an interaction token serves follow-ups and original-response edits.
        self.interaction_token_lifetime = interaction_token_lifetime
        #: How long ``enforce_nonce`` remembers a nonce ("the past few minutes" for Discord).
        self.nonce_window = nonce_window
        #: Fault injection for REST: ``fake.faults.fail("POST", r"/channels/\d+/messages")``.
        self.faults = FaultInjector()

        self.requests: list[RecordedRequest] = []
        self.gateway_received: list[JSON] = []
        self.heartbeats = 0
        self.global_commands: list[JSON] = []
        self.guild_commands: dict[int, list[JSON]] = {}
        self.messages: dict[int, JSON] = {}
        self.channels: dict[int, JSON] = {}
        self.users: dict[int, FakeUser] = {}
        self.attachments: dict[int, bytes] = {}
        self.interactions: dict[int, _Interaction] = {}
        # Webhook calls (follow-ups, edits of the answer) find their interaction by token.
        self._by_token: dict[str, _Interaction] = {}
        self.identifies: list[JSON] = []
        self.errors: list[Exception] = []
        #: Every message the fake created, in order, deleted ones included (the same objects
        #: as in ``messages``, so edits show).
        self.posted: list[JSON] = []
        #: Every payload sent on a gateway session, with its shard.
        self.gateway_sent: list[GatewaySent] = []
        #: Gateway close codes the fake sent (IDENTIFY refusals and injected closes).
        self.gateway_closes: list[tuple[tuple[int, int] | None, int]] = []
        #: Connection attempts answered 503 during a gateway outage (``refuse_gateway``).
        self.gateway_refusals = 0
        self._gateway_down = False

        self._sessions: dict[str, _Session] = {}
        self._sockets: set[web.WebSocketResponse] = set()
        self._transports: dict[web.WebSocketResponse, asyncio.Transport | None] = {}
        self._silent: set[web.WebSocketResponse] = set()
        self.unanswered_heartbeats = 0
        self._nonces: dict[tuple[str, str], tuple[float, int]] = {}
        self._closing = asyncio.Event()
        self._change = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._routes: list[_Route] = []
        self._buckets: dict[str, tuple[float, int]] = {}
        self._global_window: tuple[float, int] = (0.0, 0)
        self._register_routes()
        for guild in self.guilds:
            self._index_guild(guild)
        self._remember_user(self.bot_user)
        self._remember_user(self.default_user)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get("/attachments/{channel}/{attachment}/{filename}", self._attachment)
        app.router.add_route("*", "/{tail:.*}", self._dispatch_rest)
        # A short shutdown: requests held by a hang fault are cut rather than waited for.
        self._runner = web.AppRunner(
            app, handle_signals=False, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self._port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        self._closing.set()
        for ws in list(self._sockets):
            with contextlib.suppress(Exception):
                await ws.close(code=1001, message=b"fake discord shutting down")
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self._port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self._port}/gateway"

    @property
    def guild(self) -> FakeGuild:
        """The first configured guild."""
        return self.guilds[0]

    # ------------------------------------------------------------------ waiting

    def _changed(self) -> None:
        self._change.set()
        self._change = asyncio.Event()

    async def _wait_until(
        self,
        check: Callable[[], Any],
        timeout: float,  # noqa: ASYNC109
        what: Callable[[], str],
    ) -> Any:
        try:
            async with asyncio.timeout(timeout):
                while True:
                    event = self._change
                    result = check()
                    if result is not None:
                        return result
                    await event.wait()
        except TimeoutError:
            raise TimeoutError(f"timed out after {timeout}s waiting for {what()}") from None

    def _recent_requests(self, n: int = 15) -> str:
        tail = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-n:]]
        return "; recent requests: " + (", ".join(tail) or "none")

    @property
    def refused(self) -> list[RecordedRequest]:
        """Requests answered 400 "Invalid Form Body" (a payload over one of Discord's limits);
        ``r.error["errors"]`` holds the offending fields."""
        return [
            r for r in self.requests if r.status == 400 and (r.error or {}).get("code") == 50035
        ]

    def requests_to(self, method: str, path_regex: str) -> list[RecordedRequest]:
        """Recorded requests whose method matches and whose path fully matches the regex."""
        return [r for r in self.requests if r.matches(method, path_regex)]

    def forget(self, created_before: float) -> None:
        """Drop the record of every request and gateway payload so far, and the interactions
        created before `created_before` (``time.monotonic()``) with their messages: for a
        long benchmark, whose fakes would otherwise keep every interaction it ever sent."""
        self.requests.clear()
        self.gateway_sent.clear()
        self.posted.clear()
        old = [state for state in self.interactions.values() if state.created < created_before]
        for state in old:
            del self.interactions[state.id]
            self._by_token.pop(state.token, None)
            for message_id in (state.original_message_id, *state.followup_ids):
                if message_id is not None:
                    self.messages.pop(message_id, None)

    async def wait_for_request(
        self,
        method: str,
        path_regex: str,
        timeout: float = 5.0,  # noqa: ASYNC109
        predicate: Callable[[RecordedRequest], bool] | None = None,
        *,
        after: int = 0,
    ) -> RecordedRequest:
        """The first recorded request (from index ``after`` on) matching; waits if none yet."""

        def check() -> RecordedRequest | None:
            for r in self.requests[after:]:
                if r.matches(method, path_regex) and (predicate is None or predicate(r)):
                    return r
            return None

        result: RecordedRequest = await self._wait_until(
            check, timeout, lambda: f"{method} {path_regex}{self._recent_requests()}"
        )
        return result

    async def wait_ready(
        self,
        timeout: float = 5.0,  # noqa: ASYNC109
        shard_ids: Iterable[int] | None = None,
    ) -> None:
        """Resolve once every shard (or those of ``shard_ids``) IDENTIFYed or RESUMEd and got
        READY and its GUILD_CREATEs."""
        wanted = set(range(self.shard_count) if shard_ids is None else shard_ids)

        def check() -> bool | None:
            return True if self.connected_shards() >= wanted else None

        await self._wait_until(
            check, timeout, lambda: f"shards {sorted(wanted)} to IDENTIFY and get READY"
        )

    async def wait_for_gateway_op(
        self,
        op: int,
        count: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until clients sent opcode ``op`` ``count`` times in all (2 IDENTIFY,
        6 RESUME, 1 heartbeat)."""

        def check() -> bool | None:
            seen = sum(1 for p in self.gateway_received if p.get("op") == op)
            return True if seen >= count else None

        await self._wait_until(check, timeout, lambda: f"{count} gateway op {op} payloads")

    async def wait_for_fault(
        self,
        fault: Fault,
        hits: int = 1,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> None:
        """Wait until ``hits`` requests met ``fault`` (counted on arrival, so a request held
        by a hang is already counted)."""

        def check() -> bool | None:
            return True if fault.hits >= hits else None

        await self._wait_until(check, timeout, lambda: f"{hits} hits of {fault.describe()}")

    def connected_shards(self) -> set[int]:
        """Shard ids with a live gateway session."""
        return {s.shard[0] for s in self._sessions.values() if s.connected}

    async def wait_for_interaction_response(
        self,
        interaction: int | SentInteraction,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JSON:
        """The body (``{"type": ..., "data": ...}``) the bot posted to the callback route.
        Raises ``AssertionError`` at once if the bot answered after the deadline."""
        state = self._interaction(interaction)

        def check() -> JSON | None:
            if state.response is None and state.late_by is not None:
                raise AssertionError(
                    f"the bot answered interaction {state.id} {state.late_by:.2f}s after it was "
                    f"dispatched; Discord allows {self.interaction_deadline}s "
                    "(FAKEDISCORD_INTERACTION_DEADLINE raises it on a loaded machine)"
                )
            return state.response

        result: JSON = await self._wait_until(
            check,
            timeout,
            lambda: f"the response to interaction {state.id}{self._recent_requests()}",
        )
        return result

    async def wait_for_followup(
        self,
        interaction: int | SentInteraction,
        index: int = 0,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> JSON:
        """The ``index``-th follow-up message sent through the interaction's webhook."""
        state = self._interaction(interaction)

        def check() -> JSON | None:
            if len(state.followup_ids) > index:
                return self.messages[state.followup_ids[index]]
            return None

        result: JSON = await self._wait_until(
            check, timeout, lambda: f"follow-up #{index} of interaction {state.id}"
        )
        return result

    def _interaction(self, interaction: int | SentInteraction) -> _Interaction:
        iid = interaction.id if isinstance(interaction, SentInteraction) else int(interaction)
        try:
            return self.interactions[iid]
        except KeyError:
            raise KeyError(f"no interaction {iid} was dispatched by this fake") from None

    def original_message(self, interaction: int | SentInteraction) -> JSON | None:
        """The message created (or updated) by the interaction's response, if any."""
        state = self._interaction(interaction)
        if state.original_message_id is None:
            return None
        return self.messages.get(state.original_message_id)

    def followups(self, interaction: int | SentInteraction) -> list[JSON]:
        state = self._interaction(interaction)
        return [self.messages[m] for m in state.followup_ids if m in self.messages]

    def channel_messages(self, channel_id: int) -> list[JSON]:
        """Messages currently in a channel, oldest first."""
        cid = str(channel_id)
        return [m for m in self.messages.values() if m["channel_id"] == cid]

    def commands_for(self, guild_id: int | None = None) -> list[JSON]:
        """Synced commands: global ones, or those of one guild."""
        if guild_id is None:
            return list(self.global_commands)
        return list(self.guild_commands.get(guild_id, []))

    # ------------------------------------------------------------------ state helpers

    def _remember_user(self, user: FakeUser) -> None:
        self.users[user.id] = user

    def _index_guild(self, guild: FakeGuild) -> None:
        for channel in guild.channels:
            self.channels[channel.id] = channel.to_payload(guild.id)
        for member in guild.members:
            self._remember_user(member)

    def _guild(self, guild_id: int) -> FakeGuild:
        for guild in self.guilds:
            if guild.id == guild_id:
                return guild
        raise _not_found("Guild", 10004)

    def _channel(self, channel_id: int) -> JSON:
        try:
            return self.channels[channel_id]
        except KeyError:
            raise _not_found("Channel", 10003) from None

    def _message(self, channel_id: int | None, message_id: int) -> JSON:
        message = self.messages.get(message_id)
        if message is None or (channel_id is not None and message["channel_id"] != str(channel_id)):
            raise _not_found("Message", 10008)
        return message

    def shard_of(self, guild_id: int | None) -> int:
        """The shard that gets a guild's events (DMs go to shard 0), as Discord routes them."""
        return 0 if guild_id is None else (guild_id >> 22) % self.shard_count

    def guilds_of_shard(self, shard_id: int) -> list[FakeGuild]:
        return [g for g in self.guilds if self.shard_of(g.id) == shard_id]

    def _user_payload(self, user_id: int) -> JSON:
        user = self.users.get(user_id)
        if user is not None:
            return user.to_payload()
        return FakeUser(id=user_id, username=f"user{user_id}").to_payload()

    # ------------------------------------------------------------------ gateway

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        if self._gateway_down:
            self.gateway_refusals += 1
            return web.Response(status=503, text="gateway unavailable")
        ws = web.WebSocketResponse(max_msg_size=16 * 1024 * 1024)
        await ws.prepare(request)
        self._sockets.add(ws)
        self._transports[ws] = request.transport
        session: _Session | None = None
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval, "_trace": ["fake-gateway"]}
            await ws.send_str(json.dumps({"op": 10, "d": hello, "s": None, "t": None}))
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                payload = json.loads(msg.data)
                self.gateway_received.append(payload)
                session = await self._gateway_op(ws, session, payload)
                self._changed()
        finally:
            self._sockets.discard(ws)
            self._transports.pop(ws, None)
            self._silent.discard(ws)
            self._changed()
        return ws

    async def _gateway_op(
        self, ws: web.WebSocketResponse, session: _Session | None, payload: JSON
    ) -> _Session | None:
        op = payload.get("op")
        raw = payload.get("d")
        d: JSON = raw if isinstance(raw, dict) else {}
        if op == 1:
            self.heartbeats += 1
            if ws in self._silent:
                self.unanswered_heartbeats += 1
            else:
                await ws.send_str(json.dumps({"op": 11, "d": None, "s": None, "t": None}))
        elif op == 2:
            if session is not None:
                await ws.close(code=4005, message=b"Already authenticated.")
                return session
            return await self._identify(ws, d)
        elif op == 6:
            return await self._resume(ws, d)
        elif op == 8 and session is not None:
            await self._request_members(session, d)
        return session

    async def _identify(self, ws: web.WebSocketResponse, d: JSON) -> _Session | None:
        self.identifies.append(d)
        if d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        shard = d.get("shard")
        refusal = self._shard_refusal(shard)
        if refusal is not None:
            code, reason = refusal
            self.gateway_closes.append((None, code))
            await ws.close(code=code, message=reason.encode())
            return None
        shard_id, shard_count = (int(shard[0]), int(shard[1])) if shard else (0, 1)
        intents = int(d.get("intents", 0))
        if self.allowed_intents != -1 and intents & PRIVILEGED_INTENTS & ~self.allowed_intents:
            self.gateway_closes.append((None, 4014))
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return None
        session = _Session(
            session_id=secrets.token_hex(16),
            shard=(shard_id, shard_count),
            intents=intents,
            ws=ws,
            log=self.gateway_sent,
        )
        self._sessions[session.session_id] = session
        guilds = self.guilds_of_shard(shard_id)
        ready = {
            "v": 10,
            "user": {
                **self.bot_user.to_payload(),
                "bot": True,
                "verified": True,
                "mfa_enabled": False,
                "email": None,
            },
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.gateway_url,
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.application_id), "flags": 0},
            "private_channels": [],
            "relationships": [],
            "user_settings": {},
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "_trace": ["fake-gateway"],
        }
        await session.send(0, ready, "READY")
        for guild in guilds:
            await session.send(
                0, guild.to_payload(self.bot_user, self.application_id), "GUILD_CREATE"
            )
        return session

    async def _resume(self, ws: web.WebSocketResponse, d: JSON) -> _Session | None:
        if d.get("token") != self.token:
            await ws.close(code=4004, message=b"Authentication failed.")
            return None
        session = self._sessions.get(d.get("session_id", ""))
        if session is None:
            await ws.send_str(json.dumps({"op": 9, "d": False, "s": None, "t": None}))
            self.gateway_sent.append(GatewaySent(None, None, 9, None, False))
            return None
        session.ws = ws
        await session.send(0, {"_trace": ["fake-gateway"]}, "RESUMED")
        return session

    async def _request_members(self, session: _Session, d: JSON) -> None:
        guild = self._guild(int(d["guild_id"]))
        members = [self.bot_user, *(m for m in guild.members if m.id != self.bot_user.id)]
        if d.get("user_ids"):
            wanted = {int(u) for u in d["user_ids"]}
            members = [m for m in members if m.id in wanted]
        elif d.get("query"):
            members = [m for m in members if m.username.startswith(d["query"])]
        if d.get("limit"):
            members = members[: int(d["limit"])]
        chunk: JSON = {
            "guild_id": str(guild.id),
            "members": [m.member_payload() for m in members],
            "chunk_index": 0,
            "chunk_count": 1,
            "not_found": [],
        }
        if d.get("nonce"):
            chunk["nonce"] = d["nonce"]
        await session.send(0, chunk, "GUILD_MEMBERS_CHUNK")

    def _shard_refusal(self, shard: Any) -> tuple[int, str] | None:
        """Why Discord would close an IDENTIFY with this ``shard`` field, if it would."""
        if not shard:
            if self.shard_count > 1:
                return 4011, "Sharding required."
            return None
        if (
            not isinstance(shard, list)
            or len(shard) != 2
            or not all(isinstance(n, int) for n in shard)
        ):
            return 4010, "Invalid shard."
        shard_id, shard_count = shard
        if not 0 <= shard_id < shard_count:
            return 4010, "Invalid shard."
        if shard_count < self.shard_count:
            return 4011, "Sharding required."
        if shard_count > self.shard_count:
            # Discord tolerates more shards than it recommends; the fake routes by one count.
            return 4010, "Invalid shard."
        return None

    def _session_for(self, guild_id: int | None) -> _Session:
        for session in reversed(list(self._sessions.values())):
            if not session.connected:
                continue
            if self.shard_of(guild_id) == session.shard[0]:
                return session
        raise RuntimeError(
            "no gateway connection for this guild's shard; await fake.wait_ready() first"
        )

    async def send_dispatch(self, event: str, data: JSON, *, guild_id: int | None = None) -> None:
        """Send a DISPATCH (op 0) event to the shard that owns ``guild_id`` (shard 0 if None)."""
        await self._session_for(guild_id).send(0, data, event)

    async def send_gateway_op(self, op: int, d: Any = None, *, shard_id: int | None = None) -> None:
        """Send a raw opcode, e.g. 7 (RECONNECT) or 9 (INVALID SESSION), to connected shards."""
        for session in list(self._sessions.values()):
            if session.connected and (shard_id is None or session.shard[0] == shard_id):
                await session.send(op, d)

    async def drop_connections(self, code: int = 4000) -> None:
        """Close every gateway websocket from the server side (the client should RESUME)."""
        for ws in list(self._sockets):
            await ws.close(code=code, message=b"dropped by fake discord")

    # ------------------------------------------------------------------ gateway faults

    def _live_sessions(self, shard_id: int | None) -> list[_Session]:
        return [
            s
            for s in self._sessions.values()
            if s.connected and (shard_id is None or s.shard[0] == shard_id)
        ]

    async def close_gateway(self, code: int = 4000, *, shard_id: int | None = None) -> int:
        """Close live sessions (one shard, or all) with ``code``, as Discord does: 4000 and
        other resumable codes keep the session for a RESUME; 4007 and 4009 end it (the client
        must IDENTIFY again); 4004 and 4010-4014 tell it not to reconnect. Returns how many
        connections were closed."""
        sessions = self._live_sessions(shard_id)
        for session in sessions:
            if code in (4007, 4009):
                self._sessions.pop(session.session_id, None)
            self.faults.record_gateway("gateway_close", session.shard, f"close {code}")
            self.gateway_closes.append((session.shard, code))
            assert session.ws is not None
            await session.ws.close(code=code, message=b"closed by fake discord")
        return len(sessions)

    async def abort_gateway(self, *, shard_id: int | None = None) -> int:
        """Cut live sessions' TCP connections without a close frame (the client sees 1006);
        the sessions stay resumable."""
        sessions = self._live_sessions(shard_id)
        for session in sessions:
            self.faults.record_gateway("gateway_abort", session.shard, "abort (1006)")
            transport = self._transports.get(session.ws) if session.ws is not None else None
            if transport is not None:
                transport.abort()
        return len(sessions)

    async def refuse_gateway(self) -> int:
        """A gateway outage: cut the live connections (as ``abort_gateway``) and answer every
        new connection attempt with HTTP 503 until ``accept_gateway()``. REST stays up.
        Returns how many connections were cut."""
        self._gateway_down = True
        return await self.abort_gateway()

    def accept_gateway(self) -> None:
        """End the outage: the next attempt connects (and RESUMEs, sessions are kept)."""
        self._gateway_down = False

    async def invalidate_session(
        self, *, resumable: bool = False, shard_id: int | None = None
    ) -> int:
        """Send INVALID_SESSION (op 9) with ``d=resumable``. A non-resumable session is
        forgotten, so the client has to IDENTIFY again."""
        sessions = self._live_sessions(shard_id)
        for session in sessions:
            if not resumable:
                self._sessions.pop(session.session_id, None)
            self.faults.record_gateway(
                "invalid_session", session.shard, f"op 9 resumable={resumable}"
            )
            await session.send(9, resumable)
        return len(sessions)

    def stop_heartbeat_acks(self, *, shard_id: int | None = None) -> int:
        """Stop answering heartbeats on the current connections (one shard, or all): a zombie
        connection. discord.py closes it once nothing arrived for its ``heartbeat_timeout``
        and RESUMEs on a new connection, which is answered again."""
        sessions = self._live_sessions(shard_id)
        for session in sessions:
            assert session.ws is not None
            self._silent.add(session.ws)
            self.faults.record_gateway("heartbeat_silence", session.shard, "no heartbeat ACK")
        return len(sessions)

    @property
    def injected(self) -> list[InjectedFault]:
        """Every fault that happened, REST and gateway, in order."""
        return self.faults.injected

    def age_interaction(self, interaction: int | SentInteraction, seconds: float) -> None:
        """Make an interaction ``seconds`` older, e.g. past its 15-minute token lifetime."""
        self._interaction(interaction).created -= seconds

    # ------------------------------------------------------------------ dispatch helpers

    def _new_interaction(
        self,
        itype: int,
        *,
        user: FakeUser | None,
        guild_id: int | None,
        channel_id: int | None,
        permissions: str | int | None,
        dm: bool,
        data: JSON,
        locale: str,
        message: JSON | None = None,
        name: str | None = None,
    ) -> tuple[_Interaction, JSON]:
        user = user or self.default_user
        self._remember_user(user)
        if dm:
            guild_id = None
        elif guild_id is None:
            guild_id = self.guild.id
        if channel_id is None:
            if message is not None:
                channel_id = int(message["channel_id"])
            elif guild_id is not None:
                channel_id = self._guild(guild_id).text_channel.id
            else:
                channel_id = self._dm_channel(user.id)["id"]
                channel_id = int(channel_id)
        iid = snowflake()
        state = _Interaction(
            id=iid,
            token=f"itoken-{secrets.token_urlsafe(32)}",
            type=itype,
            guild_id=guild_id,
            channel_id=channel_id,
            user=user,
            message_id=int(message["id"]) if message is not None else None,
            name=name,
        )
        channel = self.channels.get(channel_id) or {
            "id": str(channel_id),
            "type": 0 if guild_id is not None else 1,
            "name": "channel",
        }
        payload: JSON = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "token": state.token,
            "version": 1,
            "data": data,
            "channel_id": str(channel_id),
            "channel": channel,
            "app_permissions": ADMIN_PERMISSIONS,
            "locale": locale,
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
        }
        perms = user.permissions if permissions is None else str(permissions)
        if guild_id is not None:
            member = user.member_payload(with_permissions=True)
            member["permissions"] = perms
            payload.update(
                guild_id=str(guild_id),
                guild={"id": str(guild_id), "locale": "en-US", "features": []},
                guild_locale="en-US",
                member=member,
                authorizing_integration_owners={"0": str(guild_id)},
                context=0,
            )
        else:
            payload.update(
                user=user.to_payload(),
                authorizing_integration_owners={"1": str(user.id)},
                context=1,
            )
        if message is not None:
            payload["message"] = message
        self.interactions[iid] = state
        self._by_token[state.token] = state
        return state, payload

    async def _send_interaction(self, state: _Interaction, payload: JSON) -> SentInteraction:
        await self.send_dispatch("INTERACTION_CREATE", payload, guild_id=state.guild_id)
        return SentInteraction(
            id=state.id, token=state.token, application_id=self.application_id, payload=payload
        )

    def _find_command(
        self, name: str, guild_id: int | None, ctype: int
    ) -> tuple[JSON | None, bool]:
        if guild_id is not None:
            for cmd in self.guild_commands.get(guild_id, []):
                if cmd["name"] == name and cmd.get("type", 1) == ctype:
                    return cmd, True
        for cmd in self.global_commands:
            if cmd["name"] == name and cmd.get("type", 1) == ctype:
                return cmd, False
        return None, False

    def _option_value(
        self, value: Any, declared: int | None, resolved: JSON, guild_id: int | None
    ) -> tuple[int, Any]:
        if isinstance(value, FakeUser):
            self._remember_user(value)
            resolved.setdefault("users", {})[str(value.id)] = value.to_payload()
            if guild_id is not None:
                member = value.member_payload(with_user=False, with_permissions=True)
                resolved.setdefault("members", {})[str(value.id)] = member
            return declared or 6, str(value.id)
        if isinstance(value, FakeChannel):
            resolved.setdefault("channels", {})[str(value.id)] = _resolved_channel(
                value.id, value.name, value.type, value.parent_id
            )
            return declared or 7, str(value.id)
        if isinstance(value, FakeRole):
            resolved.setdefault("roles", {})[str(value.id)] = value.to_payload()
            return declared or 8, str(value.id)
        if declared in (6, 7, 8, 9):
            sid = int(value)
            if declared in (6, 9) and sid in self.users:
                return self._option_value(self.users[sid], declared, resolved, guild_id)
            if declared == 7 and sid in self.channels:
                ch = self.channels[sid]
                parent = ch.get("parent_id")
                resolved.setdefault("channels", {})[str(sid)] = _resolved_channel(
                    sid, ch.get("name"), ch["type"], int(parent) if parent else None
                )
            return declared, str(sid)
        if declared is not None:
            return declared, value
        if isinstance(value, bool):
            return 5, value
        if isinstance(value, int):
            return 4, value
        if isinstance(value, float):
            return 10, value
        return 3, str(value)

    def _build_options(
        self,
        values: Mapping[str, Any] | Sequence[JSON] | None,
        schema: Sequence[JSON],
        resolved: JSON,
        guild_id: int | None,
        focused: str | None = None,
    ) -> list[JSON]:
        if values is None:
            values = {}
        if not isinstance(values, Mapping):
            return [dict(v) for v in values]
        declared = {o["name"]: o.get("type") for o in schema}
        options: list[JSON] = []
        for name, value in values.items():
            otype, ovalue = self._option_value(value, declared.get(name), resolved, guild_id)
            if name == focused:
                otype, ovalue = declared.get(name) or 3, value
            option: JSON = {"name": name, "type": otype, "value": ovalue}
            if name == focused:
                option["focused"] = True
            options.append(option)
        return options

    def _command_data(
        self,
        name: str | Sequence[str],
        options: Mapping[str, Any] | Sequence[JSON] | None,
        guild_id: int | None,
        command_type: int,
        focused: str | None = None,
    ) -> JSON:
        path = name.split() if isinstance(name, str) else list(name)
        root, subs = path[0], path[1:]
        cmd, is_guild = self._find_command(root, guild_id, command_type)
        schema: Sequence[JSON] = cmd.get("options", []) if cmd else []
        for sub in subs:
            schema = next((o.get("options", []) for o in schema if o["name"] == sub), [])
        resolved: JSON = {}
        leaf = self._build_options(options, schema, resolved, guild_id, focused)
        nested = leaf
        for depth, sub in reversed(list(enumerate(subs))):
            sub_type = 1 if depth == len(subs) - 1 else 2
            nested = [{"name": sub, "type": sub_type, "options": nested}]
        data: JSON = {
            "id": str(cmd["id"]) if cmd else str(snowflake()),
            "name": root,
            "type": command_type,
            "options": nested,
        }
        if is_guild and guild_id is not None:
            data["guild_id"] = str(guild_id)
        if resolved:
            data["resolved"] = resolved
        return data

    async def send_slash_command(
        self,
        name: str | Sequence[str],
        options: Mapping[str, Any] | Sequence[JSON] | None = None,
        *,
        user: FakeUser | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: str | int | None = None,
        dm: bool = False,
        command_guild_id: int | None = None,
        locale: str = "en-US",
    ) -> SentInteraction:
        """Dispatch an application command interaction (type 2).

        ``name`` is ``"stretch"``, ``"tight add"`` or ``("tight", "add")``. ``options`` maps
        option names to values (types come from the synced command when known, else from the
        Python type; pass ``FakeUser``/``FakeChannel``/``FakeRole`` for resolved objects), or is
        a raw list of Discord option objects. ``command_guild_id`` forces ``data.guild_id``.
        """
        gid = None if dm else (guild_id or self.guild.id)
        data = self._command_data(name, options, gid, 1)
        if command_guild_id is not None:
            data["guild_id"] = str(command_guild_id)
        state, payload = self._new_interaction(
            2,
            user=user,
            guild_id=gid,
            channel_id=channel_id,
            permissions=permissions,
            dm=dm,
            data=data,
            locale=locale,
            name=data["name"],
        )
        return await self._send_interaction(state, payload)

    async def send_autocomplete(
        self,
        name: str | Sequence[str],
        focused: str,
        value: str = "",
        options: Mapping[str, Any] | None = None,
        *,
        user: FakeUser | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: str | int | None = None,
        dm: bool = False,
        command_guild_id: int | None = None,
        locale: str = "en-US",
    ) -> SentInteraction:
        """Dispatch an autocomplete interaction (type 4) with ``focused`` being typed."""
        gid = None if dm else (guild_id or self.guild.id)
        values = {**(options or {}), focused: value}
        data = self._command_data(name, values, gid, 1, focused=focused)
        if command_guild_id is not None:
            data["guild_id"] = str(command_guild_id)
        state, payload = self._new_interaction(
            4,
            user=user,
            guild_id=gid,
            channel_id=channel_id,
            permissions=permissions,
            dm=dm,
            data=data,
            locale=locale,
            name=data["name"],
        )
        return await self._send_interaction(state, payload)

    async def send_component(
        self,
        custom_id: str,
        message_id: int,
        user: FakeUser | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        *,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: str | int | None = None,
        locale: str = "en-US",
    ) -> SentInteraction:
        """Dispatch a component interaction (type 3): a button (2) or select menu click on the
        stored message ``message_id``."""
        message = self.messages.get(message_id)
        if message is None:
            raise KeyError(f"message {message_id} is unknown to the fake")
        data: JSON = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = list(values)
        msg_guild = message.get("guild_id")
        gid = guild_id or (int(msg_guild) if msg_guild else None)
        state, payload = self._new_interaction(
            3,
            user=user,
            guild_id=gid,
            channel_id=channel_id,
            permissions=permissions,
            dm=gid is None,
            data=data,
            locale=locale,
            message=message,
        )
        return await self._send_interaction(state, payload)

    async def send_modal_submit(
        self,
        custom_id: str,
        values: Mapping[str, str] | None = None,
        *,
        components: Sequence[JSON] | None = None,
        user: FakeUser | None = None,
        guild_id: int | None = None,
        channel_id: int | None = None,
        permissions: str | int | None = None,
        dm: bool = False,
        message_id: int | None = None,
        locale: str = "en-US",
    ) -> SentInteraction:
        """Dispatch a modal submission (type 5). ``values`` maps text-input custom ids to text;
        ``components`` passes raw component objects instead."""
        if components is None:
            components = [
                {"type": 1, "components": [{"type": 4, "custom_id": cid, "value": text}]}
                for cid, text in (values or {}).items()
            ]
        data: JSON = {"custom_id": custom_id, "components": list(components)}
        message = self.messages.get(message_id) if message_id is not None else None
        gid = None if dm else (guild_id or self.guild.id)
        state, payload = self._new_interaction(
            5,
            user=user,
            guild_id=gid,
            channel_id=channel_id,
            permissions=permissions,
            dm=dm,
            data=data,
            locale=locale,
            message=message,
        )
        return await self._send_interaction(state, payload)

    async def send_message_create(
        self,
        content: str,
        author: FakeUser | None = None,
        channel_id: int | None = None,
        guild_id: int | None = None,
        message_reference: int | JSON | None = None,
        *,
        dm: bool = False,
        mentions: Iterable[FakeUser] = (),
    ) -> JSON:
        """Dispatch MESSAGE_CREATE for a message written by ``author``; returns the message."""
        author = author or self.default_user
        self._remember_user(author)
        gid = None if dm else (guild_id or self.guild.id)
        if channel_id is None:
            if gid is not None:
                channel_id = self._guild(gid).text_channel.id
            else:
                channel_id = int(self._dm_channel(author.id)["id"])
        message = self._new_message(channel_id, {"content": content}, author=author)
        if gid is not None:
            message["guild_id"] = str(gid)
            message["member"] = author.member_payload(with_user=False)
        message["mentions"] = [u.to_payload() for u in mentions]
        if message_reference is not None:
            ref: JSON = (
                dict(message_reference)
                if isinstance(message_reference, Mapping)
                else {"message_id": str(message_reference)}
            )
            ref.setdefault("channel_id", str(channel_id))
            if gid is not None:
                ref.setdefault("guild_id", str(gid))
            ref.setdefault("type", 0)
            message["message_reference"] = ref
            message["type"] = 19
            referenced = self.messages.get(int(ref["message_id"]))
            message["referenced_message"] = referenced
        self.messages[int(message["id"])] = message
        await self.send_dispatch("MESSAGE_CREATE", message, guild_id=gid)
        return message

    # ------------------------------------------------------------------ messages

    def _validate(self, errors: JSON) -> None:
        if self.strict_limits:
            _check(errors)

    @staticmethod
    def _has_message_content(body: JSON, files: Sequence[RecordedFile]) -> bool:
        return bool(
            body.get("content")
            or body.get("embeds")
            or body.get("components")
            or files
            or body.get("sticker_ids")
            or body.get("poll")
        )

    def _earlier_message_with_nonce(self, body: JSON) -> JSON | None:
        """With ``enforce_nonce``, the bot's message created with the same nonce lately."""
        nonce = body.get("nonce")
        if nonce is None or not body.get("enforce_nonce"):
            return None
        key = (str(self.bot_user.id), str(nonce))
        now = time.monotonic()
        seen = self._nonces.get(key)
        if seen is not None and now - seen[0] <= self.nonce_window and seen[1] in self.messages:
            return self.messages[seen[1]]
        return None

    def _remember_nonce(self, body: JSON, message: JSON) -> None:
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            key = (str(self.bot_user.id), str(nonce))
            self._nonces[key] = (time.monotonic(), int(message["id"]))

    def posted_to(self, channel_id: int, contains: str | None = None) -> list[JSON]:
        """Messages the bot posted in a channel (deleted ones too), optionally only those
        whose content or embed text contains ``contains``: "posted exactly once" checks."""
        found = [m for m in self.posted if m["channel_id"] == str(channel_id)]
        if contains is None:
            return found
        return [m for m in found if contains in _message_text(m)]

    def _new_message(
        self,
        channel_id: int,
        body: JSON,
        *,
        author: FakeUser | None = None,
        files: Sequence[RecordedFile] = (),
        interaction: _Interaction | None = None,
    ) -> JSON:
        channel = self.channels.get(channel_id)
        mid = snowflake()
        message: JSON = {
            "id": str(mid),
            "channel_id": str(channel_id),
            "author": (author or self.bot_user).to_payload(),
            "content": body.get("content") or "",
            "timestamp": iso_now(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts", False)),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": self._attachments(channel_id, body, files, []),
            "embeds": body.get("embeds") or [],
            "components": body.get("components") or [],
            "reactions": [],
            "pinned": False,
            "type": 0,
            "flags": int(body.get("flags") or 0),
        }
        if author is None or author.bot:
            message["author"]["bot"] = True
        if channel is not None and channel.get("guild_id"):
            message["guild_id"] = channel["guild_id"]
        if body.get("message_reference"):
            message["message_reference"] = body["message_reference"]
            message["type"] = 19
        if body.get("poll"):
            message["poll"] = body["poll"]
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if interaction is not None:
            message["webhook_id"] = str(self.application_id)
            message["application_id"] = str(self.application_id)
            if interaction.type == 2:
                message["type"] = 20
            metadata: JSON = {
                "id": str(interaction.id),
                "type": interaction.type,
                "user": interaction.user.to_payload(),
                "authorizing_integration_owners": (
                    {"0": str(interaction.guild_id)}
                    if interaction.guild_id
                    else {"1": str(interaction.user.id)}
                ),
            }
            if interaction.name:
                metadata["name"] = interaction.name
            message["interaction_metadata"] = metadata
        if author is None or author.bot:
            self.posted.append(message)
        return message

    def _attachments(
        self, channel_id: int, body: JSON, files: Sequence[RecordedFile], existing: list[JSON]
    ) -> list[JSON]:
        declared = body.get("attachments")
        by_id = {str(a["id"]): a for a in existing}
        result: list[JSON] = []
        if declared is not None:
            result = [by_id[str(a["id"])] for a in declared if str(a.get("id")) in by_id]
        elif not files:
            return list(existing)
        else:
            result = list(existing)
        for index, upload in enumerate(files):
            description = None
            for a in declared or []:
                if str(a.get("id")) == str(index):
                    description = a.get("description")
            aid = snowflake()
            self.attachments[aid] = upload.data
            url = f"{self.base_url}/attachments/{channel_id}/{aid}/{upload.filename}"
            entry: JSON = {
                "id": str(aid),
                "filename": upload.filename,
                "size": len(upload.data),
                "url": url,
                "proxy_url": url,
                "content_type": upload.content_type or "application/octet-stream",
            }
            if description:
                entry["description"] = description
            result.append(entry)
        return result

    def _edit_message(self, message: JSON, body: JSON, files: Sequence[RecordedFile]) -> JSON:
        for key in ("content", "embeds", "components", "flags", "poll"):
            if key in body:
                value = body[key]
                if key in ("embeds", "components"):
                    value = value or []
                if key == "content":
                    value = value or ""
                if key == "flags":
                    value = int(value or 0) | (message.get("flags", 0) & FLAG_EPHEMERAL)
                message[key] = value
        if "attachments" in body or files:
            channel_id = int(message["channel_id"])
            message["attachments"] = self._attachments(
                channel_id, body, files, message.get("attachments", [])
            )
        message["flags"] = int(message.get("flags", 0)) & ~FLAG_LOADING
        message["edited_timestamp"] = iso_now()
        return message

    def _dm_channel(self, user_id: int) -> JSON:
        for channel in self.channels.values():
            if channel["type"] == 1 and channel["recipients"][0]["id"] == str(user_id):
                return channel
        cid = snowflake()
        channel = {
            "id": str(cid),
            "type": 1,
            "last_message_id": None,
            "recipients": [self._user_payload(user_id)],
            "flags": 0,
        }
        self.channels[cid] = channel
        return channel

    # ------------------------------------------------------------------ REST plumbing

    def _register_routes(self) -> None:
        snow = r"\d+"
        tok = r"[^/]+"
        routes: list[tuple[str, str, Handler, bool]] = [
            ("GET", "/gateway", self._get_gateway, False),
            ("GET", "/gateway/bot", self._get_gateway_bot, True),
            ("GET", "/users/@me", self._get_me, True),
            ("GET", "/applications/@me", self._get_application, True),
            ("GET", "/oauth2/applications/@me", self._get_application, True),
            ("GET", f"/users/(?P<user>{snow})", self._get_user, True),
            ("POST", "/users/@me/channels", self._create_dm, True),
            ("GET", f"/guilds/(?P<guild>{snow})", self._get_guild, True),
            ("GET", f"/guilds/(?P<guild>{snow})/channels", self._get_guild_channels, True),
            ("GET", f"/guilds/(?P<guild>{snow})/roles", self._get_guild_roles, True),
            ("GET", f"/guilds/(?P<guild>{snow})/members/(?P<user>{snow})", self._get_member, True),
        ]
        cmds = f"/applications/(?P<app>{snow})(?:/guilds/(?P<guild>{snow}))?/commands"
        routes += [
            ("GET", cmds, self._list_commands, True),
            ("PUT", cmds, self._put_commands, True),
            ("POST", cmds, self._post_command, True),
            ("GET", f"{cmds}/(?P<cmd>{snow})", self._get_command, True),
            ("PATCH", f"{cmds}/(?P<cmd>{snow})", self._patch_command, True),
            ("DELETE", f"{cmds}/(?P<cmd>{snow})", self._delete_command, True),
            ("GET", f"{cmds}/permissions", self._empty_list, True),
            ("GET", f"{cmds}/(?P<cmd>{snow})/permissions", self._empty_list, True),
        ]
        itx = f"/interactions/(?P<iid>{snow})/(?P<token>{tok})/callback"
        hook = f"/webhooks/(?P<app>{snow})/(?P<token>{tok})"
        hook_msg = f"{hook}/messages/(?P<mid>@original|{snow})"
        routes += [
            ("POST", itx, self._interaction_callback, False),
            ("POST", hook, self._webhook_execute, False),
            ("GET", hook_msg, self._webhook_get, False),
            ("PATCH", hook_msg, self._webhook_edit, False),
            ("DELETE", hook_msg, self._webhook_delete, False),
        ]
        ch = f"/channels/(?P<channel>{snow})"
        msg = f"{ch}/messages/(?P<mid>{snow})"
        react = f"{msg}/reactions(?:/(?P<emoji>[^/]+)(?:/(?P<who>@me|{snow}))?)?"
        routes += [
            ("GET", ch, self._get_channel, True),
            ("PATCH", ch, self._patch_channel, True),
            ("DELETE", ch, self._delete_channel, True),
            ("GET", f"{ch}/messages", self._list_messages, True),
            ("POST", f"{ch}/messages", self._post_message, True),
            ("GET", msg, self._get_message, True),
            ("PATCH", msg, self._patch_message, True),
            ("DELETE", msg, self._delete_message, True),
            ("POST", f"{msg}/threads", self._thread_from_message, True),
            ("POST", f"{ch}/threads", self._thread_without_message, True),
            ("PUT", react, self._no_content, True),
            ("DELETE", react, self._no_content, True),
            ("GET", react, self._empty_list, True),
            ("PUT", f"{ch}/thread-members/(?P<who>@me|{snow})", self._no_content, True),
            ("DELETE", f"{ch}/thread-members/(?P<who>@me|{snow})", self._no_content, True),
            ("POST", f"{ch}/typing", self._no_content, True),
            ("PUT", f"{ch}/pins/(?P<mid>{snow})", self._no_content, True),
            ("DELETE", f"{ch}/pins/(?P<mid>{snow})", self._no_content, True),
        ]
        for method, pattern, handler, auth in routes:
            name = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", pattern)
            self._routes.append(_Route(method, re.compile(pattern), handler, auth, name))

    async def _read_body(self, request: web.Request) -> tuple[Any, list[RecordedFile]]:
        files: list[RecordedFile] = []
        if request.content_type.startswith("multipart/"):
            payload: Any = None
            reader = await request.multipart()
            while True:
                part = await reader.next()
                if part is None:
                    break
                if not isinstance(part, BodyPartReader):
                    continue
                data = await part.read(decode=False)
                if part.name == "payload_json":
                    payload = json.loads(bytes(data).decode())
                elif part.filename is not None:
                    files.append(
                        RecordedFile(
                            filename=part.filename,
                            data=bytes(data),
                            content_type=part.headers.get("Content-Type"),
                            field_name=part.name or "",
                        )
                    )
            return payload, files
        raw = await request.read()
        if not raw:
            return None, files
        try:
            return json.loads(raw), files
        except ValueError:
            return raw.decode(errors="replace"), files

    def _error(
        self, status: int, message: str, code: int = 0, errors: JSON | None = None
    ) -> web.Response:
        body: JSON = {"message": message, "code": code}
        if errors:
            body["errors"] = errors
        return _json_response(body, status=status)

    async def _dispatch_rest(self, request: web.Request) -> web.StreamResponse:
        prefix = _API_PREFIX.match(request.path)
        if prefix is None:
            return self._error(404, "404: Not Found")
        path = request.path[prefix.end() :] or "/"
        body, files = await self._read_body(request)
        received = time.monotonic()
        fault = self.faults.take(request.method, path, body)
        if fault is not None:
            self._changed()

        def record(status: int, *, handled: bool, answer: web.StreamResponse | None = None) -> None:
            error = None
            if status >= 400 and isinstance(answer, web.Response) and answer.text:
                with contextlib.suppress(ValueError):
                    error = json.loads(answer.text)
            self.requests.append(
                RecordedRequest(
                    method=request.method,
                    path=path,
                    json=body,
                    files=files,
                    headers=dict(request.headers),
                    time=received,
                    query=dict(request.query),
                    status=status,
                    fault=fault.kind if fault is not None else None,
                    handled=handled,
                    error=error,
                )
            )
            self._changed()

        if fault is None or fault.kind == "delay":
            if fault is not None:
                await self._sleep(fault.seconds)
            response = await self._route(request, path, body, files)
            record(response.status, handled=True, answer=response)
            return response
        if fault.kind == "accept_then_fail":
            done = await self._route(request, path, body, files)
            carried_out = done.status < 300
            if fault.status is None:
                record(0, handled=carried_out)
                await self._sleep(fault.seconds)
                self._drop(request)
            response = self._fault_response(fault)
            record(response.status, handled=carried_out, answer=response)
            return response
        if fault.kind == "status":
            response = self._fault_response(fault)
            record(response.status, handled=False, answer=response)
            return response
        if fault.kind == "hang":
            await self._sleep(fault.seconds)
        record(0, handled=False)
        self._drop(request)

    async def _sleep(self, seconds: float) -> None:
        """Sleep, cut short when the fake closes."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    def _drop(self, request: web.Request) -> NoReturn:
        """Close the connection without an answer (the client sees a disconnect)."""
        if request.transport is not None:
            request.transport.abort()
        raise asyncio.CancelledError

    def _fault_response(self, fault: Fault) -> web.Response:
        assert fault.status is not None
        if isinstance(fault.body, str):
            response = web.Response(text=fault.body, status=fault.status)
        else:
            response = _json_response(fault.body, status=fault.status)
        response.headers.update(fault.headers)
        return response

    async def _route(
        self, request: web.Request, path: str, body: Any, files: list[RecordedFile]
    ) -> web.StreamResponse:
        route: _Route | None = None
        match: re.Match[str] | None = None
        path_known = False
        for candidate in self._routes:
            m = candidate.pattern.fullmatch(path)
            if m is None:
                continue
            path_known = True
            if candidate.method == request.method:
                route, match = candidate, m
                break
        if route is None or match is None:
            if path_known:
                return self._error(405, "405: Method Not Allowed")
            return self._error(404, "404: Not Found")
        if route.auth and request.headers.get("Authorization") != f"Bot {self.token}":
            return self._error(401, "401: Unauthorized")
        headers: dict[str, str] = {}
        if self.rate_limits is not None:
            limited = self._rate_limit(route, match, headers)
            if limited is not None:
                return limited
        call = _Call(request, match, body, files, dict(request.query))
        try:
            response = await route.handler(call)
        except FakeDiscordError as exc:
            response = self._error(exc.status, exc.message, exc.code, exc.errors)
        except Exception as exc:
            # A bug in the fake (or a payload it cannot handle). Answer 400, not 500: discord.py
            # retries 5xx answers for several seconds, and the test should fail fast instead.
            _log.exception("fake discord failed on %s %s", request.method, path)
            self.errors.append(exc)
            response = self._error(400, f"fake discord internal error: {exc!r}")
        response.headers.update(headers)
        return response

    def _rate_limit(
        self, route: _Route, match: re.Match[str], headers: dict[str, str]
    ) -> web.Response | None:
        cfg = self.rate_limits
        assert cfg is not None
        now = time.monotonic()
        groups = match.groupdict()
        if not route.name.startswith("/interactions/"):
            start, count = self._global_window
            if now - start >= cfg.global_window:
                start, count = now, 0
            if count >= cfg.global_limit:
                retry = round(cfg.global_window - (now - start), 3)
                return _json_response(
                    {
                        "message": "You are being rate limited.",
                        "retry_after": retry,
                        "global": True,
                        "code": 0,
                    },
                    status=429,
                    headers={
                        "Retry-After": str(max(1, int(retry + 0.999))),
                        "Via": "1.1 google",
                        "X-RateLimit-Global": "true",
                        "X-RateLimit-Scope": "global",
                    },
                )
            self._global_window = (start, count + 1)
        major = groups.get("channel") or groups.get("guild") or groups.get("token") or ""
        bucket_hash = f"{abs(hash((route.method, route.name))) & 0xFFFFFFFF:08x}"
        key = f"{bucket_hash}:{major}"
        start, count = self._buckets.get(key, (now, 0))
        if now - start >= cfg.route_window:
            start, count = now, 0
        reset_after = max(0.0, cfg.route_window - (now - start))
        headers.update(
            {
                "X-RateLimit-Limit": str(cfg.route_limit),
                "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
                "X-RateLimit-Reset-After": f"{reset_after:.3f}",
                "X-RateLimit-Bucket": bucket_hash,
            }
        )
        if count >= cfg.route_limit:
            headers["X-RateLimit-Remaining"] = "0"
            headers["X-RateLimit-Scope"] = "user"
            headers["Retry-After"] = str(max(1, int(reset_after + 0.999)))
            headers["Via"] = "1.1 google"
            return _json_response(
                {
                    "message": "You are being rate limited.",
                    "retry_after": round(reset_after, 3),
                    "global": False,
                    "code": 0,
                },
                status=429,
                headers=headers,
            )
        self._buckets[key] = (start, count + 1)
        headers["X-RateLimit-Remaining"] = str(cfg.route_limit - count - 1)
        return None

    async def _attachment(self, request: web.Request) -> web.StreamResponse:
        data = self.attachments.get(int(request.match_info["attachment"]))
        if data is None:
            return web.Response(status=404)
        return web.Response(body=data, content_type="application/octet-stream")

    # ------------------------------------------------------------------ REST handlers

    async def _no_content(self, call: _Call) -> web.StreamResponse:
        return web.Response(status=204)

    async def _empty_list(self, call: _Call) -> web.StreamResponse:
        return _json_response([])

    async def _get_gateway(self, call: _Call) -> web.StreamResponse:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, call: _Call) -> web.StreamResponse:
        return _json_response(
            {
                "url": self.gateway_url,
                "shards": self.shard_count,
                "session_start_limit": {
                    "total": 1000,
                    "remaining": 999,
                    "reset_after": 14_400_000,
                    "max_concurrency": 1,
                },
            }
        )

    def _me_payload(self) -> JSON:
        return {
            **self.bot_user.to_payload(),
            "bot": True,
            "verified": True,
            "mfa_enabled": False,
            "email": None,
            "locale": "en-US",
            "banner": None,
            "accent_color": None,
        }

    async def _get_me(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._me_payload())

    async def _get_application(self, call: _Call) -> web.StreamResponse:
        owner = self.guild.owner_id or self.default_user.id
        return _json_response(
            {
                "id": str(self.application_id),
                "name": self.bot_user.username,
                "icon": None,
                "description": "",
                "summary": "",
                "type": None,
                "bot": self._me_payload(),
                "bot_public": True,
                "bot_require_code_grant": False,
                "verify_key": "0" * 64,
                "owner": self._user_payload(owner),
                "team": None,
                "flags": 0,
                "tags": [],
                "redirect_uris": [],
                "interactions_endpoint_url": None,
                "approximate_guild_count": len(self.guilds),
                "integration_types_config": {"0": {}},
            }
        )

    async def _get_user(self, call: _Call) -> web.StreamResponse:
        uid = call.int_arg("user")
        if uid not in self.users:
            raise _not_found("User", 10013)
        return _json_response(self.users[uid].to_payload())

    async def _create_dm(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._dm_channel(int(call.body["recipient_id"])))

    async def _get_guild(self, call: _Call) -> web.StreamResponse:
        guild = self._guild(call.int_arg("guild"))
        payload = guild.to_payload(self.bot_user, self.application_id)
        for key in ("members", "channels", "threads", "presences", "voice_states", "joined_at"):
            payload.pop(key, None)
        payload["approximate_member_count"] = payload.pop("member_count")
        return _json_response(payload)

    async def _get_guild_channels(self, call: _Call) -> web.StreamResponse:
        guild = self._guild(call.int_arg("guild"))
        return _json_response([c.to_payload(guild.id) for c in guild.channels])

    async def _get_guild_roles(self, call: _Call) -> web.StreamResponse:
        guild = self._guild(call.int_arg("guild"))
        return _json_response([guild.everyone_role(), *(r.to_payload() for r in guild.roles)])

    async def _get_member(self, call: _Call) -> web.StreamResponse:
        guild = self._guild(call.int_arg("guild"))
        uid = call.int_arg("user")
        for member in [self.bot_user, *guild.members]:
            if member.id == uid:
                return _json_response(member.member_payload())
        raise _not_found("Member", 10007)

    # application commands

    def _command_store(self, call: _Call) -> list[JSON]:
        if call.int_arg("app") != self.application_id:
            raise _not_found("Application", 10002)
        guild = call.match.group("guild")
        if guild is None:
            return self.global_commands
        self._guild(int(guild))
        return self.guild_commands.setdefault(int(guild), [])

    def _normalize_command(self, body: JSON, store: list[JSON], guild: str | None) -> JSON:
        ctype = body.get("type", 1)
        previous = next(
            (c for c in store if c["name"] == body.get("name") and c.get("type", 1) == ctype),
            None,
        )
        command: JSON = {
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
            "contexts": None,
            "integration_types": [0],
            **body,
            "id": previous["id"] if previous else str(snowflake()),
            "application_id": str(self.application_id),
            "type": ctype,
            "version": str(snowflake()),
        }
        if guild is not None:
            command["guild_id"] = guild
        return command

    async def _list_commands(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._command_store(call))

    async def _put_commands(self, call: _Call) -> web.StreamResponse:
        store = self._command_store(call)
        self._validate(limits.commands_errors(call.json))
        guild = call.match.group("guild")
        new = [self._normalize_command(c, store, guild) for c in (call.json or [])]
        store[:] = new
        return _json_response(new)

    async def _post_command(self, call: _Call) -> web.StreamResponse:
        store = self._command_store(call)
        self._validate(limits.command_errors(call.body))
        command = self._normalize_command(call.body, store, call.match.group("guild"))
        existed = any(c["id"] == command["id"] for c in store)
        store[:] = [c for c in store if c["id"] != command["id"]] + [command]
        return _json_response(command, status=200 if existed else 201)

    def _stored_command(self, call: _Call) -> tuple[list[JSON], JSON]:
        store = self._command_store(call)
        for command in store:
            if command["id"] == call.arg("cmd"):
                return store, command
        raise _not_found("application command", 10063)

    async def _get_command(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._stored_command(call)[1])

    async def _patch_command(self, call: _Call) -> web.StreamResponse:
        _, command = self._stored_command(call)
        self._validate(limits.command_errors({**command, **call.body}))
        command.update({k: v for k, v in call.body.items() if k not in ("id", "application_id")})
        return _json_response(command)

    async def _delete_command(self, call: _Call) -> web.StreamResponse:
        store, command = self._stored_command(call)
        store.remove(command)
        return web.Response(status=204)

    # interactions and webhooks

    async def _interaction_callback(self, call: _Call) -> web.StreamResponse:
        state = self.interactions.get(call.int_arg("iid"))
        if state is None or state.token != call.arg("token"):
            raise FakeDiscordError(404, "Unknown interaction", 10062)
        if state.response is not None:
            raise FakeDiscordError(400, "Interaction has already been acknowledged.", 40060)
        elapsed = time.monotonic() - state.created
        if elapsed > self.interaction_deadline:
            state.late_by = elapsed
            self._changed()
            raise FakeDiscordError(404, "Unknown interaction", 10062)
        body = call.body
        rtype = int(body.get("type", 0))
        data: JSON = body.get("data") or {}
        self._validate(limits.callback_errors(body))
        if rtype == 4 and not self._has_message_content(data, call.files):
            raise FakeDiscordError(400, "Cannot send an empty message", 50006)
        if rtype in (6, 7) and state.message_id is not None:
            self._message(None, state.message_id)  # 10008 once the message is gone
        message: JSON | None = None
        if rtype == 4:
            message = self._new_message(state.channel_id, data, files=call.files, interaction=state)
            self.messages[int(message["id"])] = message
        elif rtype == 5:
            flags = FLAG_LOADING | (int(data.get("flags") or 0) & FLAG_EPHEMERAL)
            message = self._new_message(state.channel_id, {"flags": flags}, interaction=state)
            self.messages[int(message["id"])] = message
        elif rtype in (6, 7) and state.message_id is not None:
            message = self.messages.get(state.message_id)
            if message is not None and rtype == 7:
                self._edit_message(message, data, call.files)
        elif rtype not in (1, 6, 7, 8, 9, 10, 12):
            raise FakeDiscordError(400, "Invalid Form Body", 50035)
        if message is not None:
            state.original_message_id = int(message["id"])
        state.response = {"type": rtype, "data": data} if "data" in body else {"type": rtype}
        self._changed()
        if call.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        flags = int(message.get("flags", 0)) if message is not None else 0
        interaction_info: JSON = {
            "id": str(state.id),
            "type": state.type,
            "response_message_loading": rtype == 5,
            "response_message_ephemeral": bool(flags & FLAG_EPHEMERAL),
        }
        if message is not None:
            interaction_info["response_message_id"] = message["id"]
        resource: JSON = {"type": rtype}
        if message is not None and rtype in (4, 5, 7):
            resource["message"] = message
        return _json_response({"interaction": interaction_info, "resource": resource})

    def _webhook_interaction(self, call: _Call) -> _Interaction:
        token = call.arg("token")
        state = self._by_token.get(token)
        if call.int_arg("app") == self.application_id and state is not None:
            if time.monotonic() - state.created > self.interaction_token_lifetime:
                raise FakeDiscordError(401, "Invalid Webhook Token", 50027)
            return state
        raise _not_found("Webhook", 10015)

    def _webhook_message(self, call: _Call) -> tuple[_Interaction, JSON]:
        state = self._webhook_interaction(call)
        mid = call.arg("mid")
        if mid == "@original":
            if state.original_message_id is None:
                raise _not_found("Message", 10008)
            return state, self._message(None, state.original_message_id)
        message_id = int(mid)
        if message_id not in state.followup_ids and message_id != state.original_message_id:
            raise _not_found("Message", 10008)
        return state, self._message(None, message_id)

    async def _webhook_execute(self, call: _Call) -> web.StreamResponse:
        state = self._webhook_interaction(call)
        if state.response is None:
            raise _not_found("Webhook", 10015)
        self._validate(limits.message_errors(call.body))
        if not self._has_message_content(call.body, call.files):
            raise FakeDiscordError(400, "Cannot send an empty message", 50006)
        message = self._new_message(
            state.channel_id, call.body, files=call.files, interaction=state
        )
        self.messages[int(message["id"])] = message
        state.followup_ids.append(int(message["id"]))
        self._changed()
        if call.query.get("wait", "").lower() in ("1", "true"):
            return _json_response(message)
        return web.Response(status=204)

    async def _webhook_get(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._webhook_message(call)[1])

    async def _webhook_edit(self, call: _Call) -> web.StreamResponse:
        _, message = self._webhook_message(call)
        self._validate(limits.message_errors(call.body))
        self._edit_message(message, call.body, call.files)
        self._changed()
        return _json_response(message)

    async def _webhook_delete(self, call: _Call) -> web.StreamResponse:
        _, message = self._webhook_message(call)
        self.messages.pop(int(message["id"]), None)
        self._changed()
        return web.Response(status=204)

    # channels and messages

    async def _get_channel(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._channel(call.int_arg("channel")))

    async def _patch_channel(self, call: _Call) -> web.StreamResponse:
        channel = self._channel(call.int_arg("channel"))
        body = call.body
        self._validate(limits.thread_errors(body, creating=False))
        metadata = channel.get("thread_metadata")
        for key, value in body.items():
            if metadata is not None and key in (
                "archived",
                "locked",
                "auto_archive_duration",
                "invitable",
            ):
                metadata[key] = value
                if key == "archived":
                    metadata["archive_timestamp"] = iso_now()
            else:
                channel[key] = value
        return _json_response(channel)

    async def _delete_channel(self, call: _Call) -> web.StreamResponse:
        channel = self._channel(call.int_arg("channel"))
        self.channels.pop(call.int_arg("channel"))
        return _json_response(channel)

    async def _list_messages(self, call: _Call) -> web.StreamResponse:
        self._channel(call.int_arg("channel"))
        messages = sorted(
            self.channel_messages(call.int_arg("channel")), key=lambda m: -int(m["id"])
        )
        if "before" in call.query:
            before = int(call.query["before"])
            messages = [m for m in messages if int(m["id"]) < before]
        if "after" in call.query:
            after = int(call.query["after"])
            messages = [m for m in messages if int(m["id"]) > after]
        limit = int(call.query.get("limit", 50))
        return _json_response(messages[:limit])

    async def _post_message(self, call: _Call) -> web.StreamResponse:
        channel_id = call.int_arg("channel")
        self._channel(channel_id)
        body = call.body
        self._validate(limits.message_errors(body))
        if not self._has_message_content(body, call.files):
            raise FakeDiscordError(400, "Cannot send an empty message", 50006)
        earlier = self._earlier_message_with_nonce(body)
        if earlier is not None:
            return _json_response(earlier)
        message = self._new_message(channel_id, body, files=call.files)
        self._remember_nonce(body, message)
        ref = body.get("message_reference")
        if ref and ref.get("message_id"):
            message["referenced_message"] = self.messages.get(int(ref["message_id"]))
        self.messages[int(message["id"])] = message
        self._changed()
        return _json_response(message)

    async def _get_message(self, call: _Call) -> web.StreamResponse:
        return _json_response(self._message(call.int_arg("channel"), call.int_arg("mid")))

    async def _patch_message(self, call: _Call) -> web.StreamResponse:
        message = self._message(call.int_arg("channel"), call.int_arg("mid"))
        self._validate(limits.message_errors(call.body))
        self._edit_message(message, call.body, call.files)
        self._changed()
        return _json_response(message)

    async def _delete_message(self, call: _Call) -> web.StreamResponse:
        message = self._message(call.int_arg("channel"), call.int_arg("mid"))
        self.messages.pop(int(message["id"]))
        self._changed()
        return web.Response(status=204)

    def _new_thread(self, parent_id: int, thread_id: int, body: JSON, default_type: int) -> JSON:
        parent = self._channel(parent_id)
        if thread_id in self.channels:
            raise FakeDiscordError(
                400, "A thread has already been created for this message", 160004
            )
        thread: JSON = {
            "id": str(thread_id),
            "type": int(body.get("type") or default_type),
            "guild_id": parent.get("guild_id"),
            "parent_id": str(parent_id),
            "owner_id": str(self.bot_user.id),
            "name": body.get("name", "thread"),
            "last_message_id": None,
            "rate_limit_per_user": int(body.get("rate_limit_per_user") or 0),
            "message_count": 0,
            "member_count": 1,
            "total_message_sent": 0,
            "flags": 0,
            "thread_metadata": {
                "archived": False,
                "auto_archive_duration": int(body.get("auto_archive_duration") or 4320),
                "archive_timestamp": iso_now(),
                "locked": False,
                "invitable": body.get("invitable", True),
                "create_timestamp": iso_now(),
            },
            "member": {
                "id": str(thread_id),
                "user_id": str(self.bot_user.id),
                "join_timestamp": iso_now(),
                "flags": 0,
            },
        }
        self.channels[thread_id] = thread
        return thread

    async def _thread_from_message(self, call: _Call) -> web.StreamResponse:
        channel_id, mid = call.int_arg("channel"), call.int_arg("mid")
        message = self._message(channel_id, mid)
        self._validate(limits.thread_errors(call.body, creating=True))
        thread = self._new_thread(channel_id, mid, call.body, 11)
        message["thread"] = thread
        message["flags"] = int(message.get("flags", 0)) | (1 << 5)
        self._changed()
        return _json_response(thread, status=201)

    async def _thread_without_message(self, call: _Call) -> web.StreamResponse:
        channel_id = call.int_arg("channel")
        parent = self._channel(channel_id)
        self._validate(limits.thread_errors(call.body, creating=True))
        thread = self._new_thread(channel_id, snowflake(), call.body, 11)
        if parent["type"] == 15 and isinstance(call.body.get("message"), dict):
            thread["type"] = 11
            starter = self._new_message(int(thread["id"]), call.body["message"], files=call.files)
            starter["id"] = thread["id"]
            self.messages[int(starter["id"])] = starter
            thread["message"] = starter
        self._changed()
        return _json_response(thread, status=201)


THREAD_TYPES = frozenset({10, 11, 12})


def _resolved_channel(cid: int, name: Any, ctype: int, parent_id: int | None) -> JSON:
    """A channel in an interaction's resolved data: a partial channel (id, name, type and
    permissions); threads also carry their parent, owner, counts and thread metadata, as
    Discord sends (discord.py reads them all)."""
    channel: JSON = {"id": str(cid), "name": name, "type": ctype, "permissions": ADMIN_PERMISSIONS}
    if ctype in THREAD_TYPES:
        channel["parent_id"] = str(parent_id) if parent_id else None
        channel["owner_id"] = str(cid)
        channel["member_count"] = 1
        channel["message_count"] = 0
        channel["thread_metadata"] = {
            "archived": False,
            "auto_archive_duration": 1440,
            "archive_timestamp": iso_now(),
            "locked": False,
        }
    return channel
