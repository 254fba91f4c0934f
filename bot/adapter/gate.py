"""Admission at the gateway: what the bot cannot answer in time is turned away from its raw
payload, before discord.py builds anything of it.

Past capacity, the cost of each interaction decides whether the backlog drains. Building
discord.py's `Interaction` (its member, user and permissions, the command tree's lookup, a
task) costs about as much as answering a cheap command, so shedding after it frees little.
Here a shed is one callback made from the payload as it came off the gateway, its body
encoded once and written onto a kept-alive connection of its own (`bot.adapter.callbacks`),
and a payload already too late for any response costs nothing more. What passes is judged
again where its handler starts (`bot.adapter.backlog.admission`), with the wait in between.
"""

from __future__ import annotations

import asyncio
import functools
import json
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

import discord

from bot.adapter.backlog import InFlight, LoopLag, created_at
from bot.adapter.callbacks import Callbacks, callback_path
from bot.adapter.observe import callback_sent, count, describe_payload
from bot.adapter.respond import EPHEMERAL, send_raw
from bot.metrics import EXPIRED, SHED
from bot.rules.overload import BUSY, Thresholds, Verdict, admit

log = logging.getLogger(__name__)

_EVENT = "INTERACTION_CREATE"
_AUTOCOMPLETE = 4
_CHANNEL_MESSAGE, _AUTOCOMPLETE_RESULT = 4, 8
_BUSY_PAYLOAD: Mapping[str, Any] = {
    "type": _CHANNEL_MESSAGE,
    "data": {"content": BUSY, "flags": EPHEMERAL},
}
_NO_CHOICES: Mapping[str, Any] = {"type": _AUTOCOMPLETE_RESULT, "data": {"choices": []}}
# The same two bodies as bytes, encoded once.
_BUSY_BODY = json.dumps(_BUSY_PAYLOAD, separators=(",", ":")).encode()
_NO_CHOICES_BODY = json.dumps(_NO_CHOICES, separators=(",", ":")).encode()


class Admitting(Protocol):
    """What the gate reads of the client: how far behind it is, and its thresholds."""

    loop_lag: LoopLag
    in_flight: InFlight
    overload: Thresholds

    def note_dropped(self, what: str) -> None: ...


class Gate:
    def __init__(self, client: Admitting, clock: Callable[[], float] = time.time) -> None:
        self._client = client
        self._clock = clock
        self._sheds: set[asyncio.Task[None]] = set()
        # Sheds written on the callbacks' connections and not answered yet (answers share
        # those connections, but are counted in flight already).
        self._shedding = 0
        # Made at the first shed (the REST base is known by then); None: through discord.py.
        self._callbacks: Callbacks | None = None
        self._direct = True

    def close(self) -> None:
        """Close the callbacks' connections."""
        if self._callbacks is not None:
            self._callbacks.close()

    def install(self, state: Any) -> None:
        """Put the gate in front of discord.py's handling of INTERACTION_CREATE."""
        parsers: dict[str, Callable[[Any], None]] = state.parsers
        handle = parsers[_EVENT]
        if getattr(handle, "gate", None) is self:
            return  # installed already

        def parse(data: Any) -> None:
            if self.passes(state, data):
                handle(data)

        parse.gate = self  # type: ignore[attr-defined]
        parsers[_EVENT] = parse

    def passes(self, state: Any, data: Mapping[str, Any]) -> bool:
        """Whether discord.py should handle the interaction; otherwise it was shed or dropped."""
        try:
            interaction_id = int(data["id"])
            token = str(data["token"])
        except (KeyError, TypeError, ValueError):
            return True  # not ours to judge: discord.py reports what it cannot read
        client = self._client
        late = self._clock() - created_at(interaction_id)
        # Sheds under way hold connections too: past the bound, an answer would queue.
        callbacks = self.callbacks(state)
        sheds = self._shedding if callbacks is not None else len(self._sheds)
        busy = client.in_flight.count + sheds
        verdict = admit(late, client.loop_lag.seconds(), busy, self.thresholds(state)).verdict
        if verdict in (Verdict.ANSWER, Verdict.DEFER):
            return True
        kind, name = describe_payload(data)
        # On the callbacks' connections a shed past the bound waits for one, and is not
        # sent once too late; through discord.py it would wait with no deadline.
        crowded = callbacks is None and sheds >= client.overload.max_in_flight
        if verdict is Verdict.EXPIRED or crowded:
            count(kind, name, EXPIRED)
            client.note_dropped(name)
            return False
        autocomplete = data.get("type") == _AUTOCOMPLETE
        payload = _NO_CHOICES if autocomplete else _BUSY_PAYLOAD
        if callbacks is not None:
            # Not sent once Discord would no longer take it (`expired_after` of its age).
            loop = asyncio.get_running_loop()
            deadline = loop.time() + client.overload.expired_after - max(0.0, late)
            path = callback_path(interaction_id, token)
            self._shedding += 1
            done = functools.partial(self._shed_answered, kind, name, interaction_id)
            callbacks.post(path, _NO_CHOICES_BODY if autocomplete else _BUSY_BODY, deadline, done)
            return False
        count(kind, name, SHED)
        task = asyncio.get_running_loop().create_task(
            self._shed(state, interaction_id, token, payload, name)
        )
        self._sheds.add(task)
        task.add_done_callback(self._sheds.discard)
        return False

    def thresholds(self, state: Any) -> Thresholds:
        """The client's thresholds, for sheds sent the way this gate sends them."""
        thresholds = self._client.overload
        if self.callbacks(state) is None:
            # Through discord.py a shed takes as many loop turns as a deferral.
            return replace(thresholds, shed_awaits=thresholds.ack_awaits)
        return thresholds

    def callbacks(self, state: Any) -> Callbacks | None:
        """The kept-alive connections first responses go out on (sheds, and answers sent as
        JSON: `bot.adapter.respond`); None when the client sends through a proxy."""
        if self._callbacks is None and self._direct:
            http = state.http
            # Through a proxy of the client's, sheds go as every other request does.
            self._direct = http.proxy is None
            if self._direct:
                # As many connections as interactions admitted at once: an answer never
                # waits for one (and answers go before the sheds queued).
                self._callbacks = Callbacks(
                    discord.http.Route.BASE,
                    http.user_agent,
                    connections=self._client.overload.max_in_flight,
                )
        return self._callbacks

    async def _shed(
        self, state: Any, interaction_id: int, token: str, payload: Mapping[str, Any], name: str
    ) -> None:
        try:
            await send_raw(state, interaction_id, token, payload)
        except discord.HTTPException:
            log.warning("could not shed %s", name, exc_info=True)

    def _shed_answered(
        self, kind: str, name: str, interaction_id: int, status: int, body: bytes
    ) -> None:
        self._shedding -= 1
        callback_sent(interaction_id, status)
        if status == 0:
            # Not out before its deadline (queued behind others, or no answer came): the
            # member saw it fail, as for one dropped at the gate, and it is logged as those
            # are, in batches.
            count(kind, name, EXPIRED)
            self._client.note_dropped(name)
            return
        count(kind, name, SHED)
        if not 200 <= status < 300:
            log.warning("could not shed %s (%s: %r)", name, status, body[:200])
