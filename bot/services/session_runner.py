"""Runs many sessions on one timer loop and hands each change to `persist`.

Each session is woken only when its `next_due` comes, never polled every second; a command
(pause, skip, ...) reschedules it. Per session, changes reach `persist` in order: a command and
a timer firing together take turns on the session's lock. `persist` stores the new state with
the posts its events call for (the outbox), so nothing is posted that was not stored first;
it must not await a command on the session it is persisting (it would wait on itself).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from typing import Any

from bot.metrics import ACTIVE_SESSIONS
from bot.rules.sessions.engine import Event, InvalidCommand, Session, SessionNotFound, SessionOver
from bot.services.timers import Clock, TimerLoop
from bot.storage.errors import is_rolled_back

log = logging.getLogger(__name__)

Persist = Callable[[Session, list[Event]], Awaitable[None]]
Command = Callable[[Session, float], list[Event]]

# Ended sessions kept so that a late button press gets "over" rather than "not found".
KEEP_ENDED = 1000
# Pauses before saving again a change the database rolled back (a deadlock, a serialization
# failure), holding the session's lock: its next change waits its turn.
SAVE_RETRIES = (0.05, 0.2, 1.0)


class SessionRunner:
    def __init__(self, persist: Persist, *, clock: Clock = time.time) -> None:
        self._persist = persist
        self._clock = clock
        self._sessions: dict[str, Session] = {}
        self._ended: OrderedDict[str, Session] = OrderedDict()
        self._locks: dict[str, asyncio.Lock] = {}
        self._timers = TimerLoop(self._wake, clock)
        self._closed = False

    async def close(self) -> None:
        await self._timers.stop()
        self._closed = True  # the sessions stay readable, but none runs here any more
        self._counted()

    def get(self, session_id: str) -> Session | None:
        return self._sessions.get(session_id) or self._ended.get(session_id)

    def active(self) -> list[Session]:
        return list(self._sessions.values())

    def forget(self, session_id: str) -> None:
        """Stop running a session here without a word: another process owns it now."""
        self._timers.cancel(session_id)
        self._sessions.pop(session_id, None)
        self._locks.pop(session_id, None)
        self._counted()

    async def start(self, session: Session) -> list[Event]:
        if session.id in self._sessions or session.id in self._ended:
            raise InvalidCommand(f"A session with id {session.id!r} already exists.")
        self._sessions[session.id] = session
        self._counted()
        try:
            return await self._command(session.id, Session.start)
        except Exception:
            self._sessions.pop(session.id, None)
            self._counted()
            raise

    async def pause(self, session_id: str) -> list[Event]:
        return await self._command(session_id, Session.pause)

    async def resume(self, session_id: str) -> list[Event]:
        return await self._command(session_id, Session.resume)

    async def skip(self, session_id: str) -> list[Event]:
        return await self._command(session_id, Session.skip)

    async def stop(self, session_id: str) -> list[Event]:
        return await self._command(session_id, Session.stop)

    async def restore(self, snapshots: Iterable[Mapping[str, Any]]) -> list[Session]:
        """Take back the sessions saved before a restart; a broken snapshot is logged, skipped."""
        restored: list[Session] = []
        for snapshot in snapshots:
            session = await self._restore_one(snapshot)
            if session is not None:
                restored.append(session)
        return restored

    async def _restore_one(self, snapshot: Mapping[str, Any]) -> Session | None:
        try:
            session, events = Session.restore(snapshot, self._clock())
        except (KeyError, TypeError, ValueError, IndexError):
            log.exception("session snapshot %r cannot be restored", snapshot.get("id"))
            return None
        if session.id in self._sessions:
            log.warning("session %s is already running; snapshot ignored", session.id)
            return None
        self._sessions[session.id] = session
        self._counted()
        async with self._lock(session.id):
            await self._settle(session, events)
        return session

    def _find(self, session_id: str) -> Session:
        session = self._sessions.get(session_id)
        if session is not None:
            return session
        if session_id in self._ended:
            raise SessionOver("This session is over.")
        raise SessionNotFound(f"No session {session_id!r}.")

    def _lock(self, session_id: str) -> asyncio.Lock:
        return self._locks.setdefault(session_id, asyncio.Lock())

    async def _command(self, session_id: str, command: Command) -> list[Event]:
        session = self._find(session_id)
        async with self._lock(session_id):
            events = command(session, self._clock())
            await self._settle(session, events)
        return events

    async def _wake(self, key: Hashable) -> None:
        session = self._sessions.get(str(key))
        if session is None:
            return
        async with self._lock(session.id):
            await self._settle(session, session.advance(self._clock()))

    async def _settle(self, session: Session, events: list[Event]) -> None:
        # Reschedule first: a failed save must not leave the session stranded.
        self._reschedule(session)
        if not events:
            return
        for delay in (*SAVE_RETRIES, None):
            try:
                await self._persist(session, events)
                return
            except Exception as error:
                if delay is None or not is_rolled_back(error):
                    log.exception("saving session %s failed", session.id)
                    return
                # The save's posts are in the same transaction: given up, a step would be
                # lost. Rolled back whole, it can be run again.
                log.warning("saving session %s was rolled back; trying again", session.id)
                await asyncio.sleep(delay)

    def _reschedule(self, session: Session) -> None:
        due = session.next_due()
        if due is not None:
            self._timers.start()
            self._timers.schedule(session.id, due)
            return
        self._timers.cancel(session.id)
        if session.is_over:
            self._retire(session)

    def _retire(self, session: Session) -> None:
        self._sessions.pop(session.id, None)
        self._locks.pop(session.id, None)
        self._ended[session.id] = session
        while len(self._ended) > KEEP_ENDED:
            self._ended.popitem(last=False)
        self._counted()

    def _counted(self) -> None:
        ACTIVE_SESSIONS.set(0 if self._closed else len(self._sessions))
