"""Timed sessions: who may start and control one, and how starting, saving and posting hold
together across crashes, restarts and a second process.

- Start is a small protocol: the card goes READY → STARTING under a lease (one press wins),
  the Discord side opens the thread and the control card, then `opened` runs the session.
  A Start that fails or is cut short puts the card back (`abandon`, or the sweep after the
  lease runs out), so it either runs or shows its Start button again.
- Every change of a running session stores its state together with the posts it calls for
  (the outbox), fenced by the session's lease; the delivery service then posts them. A crash
  at any point replays from what was stored, so nothing is lost or posted twice.
- A session belongs to the process holding its lease, renewed every few seconds; a process
  that loses it stops running the session, and the sweep takes over expired ones.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot import background
from bot.rules.catalogue import Catalogue
from bot.rules.delivery import Action, Outgoing
from bot.rules.inputs import InputError
from bot.rules.members import GroupCooldown, StoredSession
from bot.rules.session_text import (
    PAUSED,
    START_CUT_SHORT,
    control_payload,
    resumed_message,
    start_payload,
    step_message,
    wrap_up,
)
from bot.rules.sessions import (
    Event,
    Finished,
    Paused,
    Resumed,
    Session,
    SessionError,
    SessionState,
    StepStarted,
    Stopped,
    routine_from_dict,
)
from bot.services.card_writer import CardWriter
from bot.services.delivery import DeliveryService
from bot.services.pacing import SESSION_CAPACITY
from bot.services.session_runner import SessionRunner
from bot.storage import CooldownSessions, DatabaseUnavailable
from bot.storage.deliveries import Leases
from bot.storage.session_runs import SessionRuns, session_resource

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)
CARD_WAITS = 10
SAVE_TRIES = 5
WRAP_UP_GOOD_FOR = timedelta(days=1)
NOT_YOURS = "This is not your session."
ALREADY_STARTED = "This routine has already been started; see its thread."


@dataclass(frozen=True, slots=True)
class StartTicket:
    """A Start press that won: the Discord side opens the thread, then calls `opened`."""

    stored: StoredSession
    session: Session
    tts: bool


@dataclass(frozen=True, slots=True)
class ControlOutcome:
    tell: str | None = None
    session: Session | None = None  # the control card to show, when the press changed it


class SessionService:
    def __init__(
        self,
        cards: CooldownSessions,
        runs: SessionRuns,
        leases: Leases,
        delivery: DeliveryService,
        card_writer: CardWriter,
        catalogue: Catalogue,
        *,
        owns: Callable[[int], bool],
        time_scale: float = 1.0,
        lease: timedelta | None = None,
        renew_seconds: float | None = None,
        clock: Callable[[], float] = time.time,
        capacity: int = SESSION_CAPACITY,
    ) -> None:
        self._cards = cards
        self._runs = runs
        self._leases = leases
        self._delivery = delivery
        self._card_writer = card_writer
        self._catalogue = catalogue
        self._owns = owns
        self._time_scale = time_scale
        self._lease = lease or LEASE
        # Renewed three times per lease: one slow round does not lose it.
        self._renew_seconds = renew_seconds or self._lease.total_seconds() / 3
        self.owner = delivery.owner
        self._clock = clock
        self.runner = SessionRunner(self._persist, clock=clock)
        self._threads: dict[str, tuple[int, int | None, bool]] = {}
        self._keeper: asyncio.Task[None] | None = None
        self._unsaved: dict[str, list[Outgoing]] = {}
        # Sessions timed at once by this process: its share of what the bot token allows.
        self.capacity = capacity
        # Starts admitted whose thread is not open yet, and presses still claiming their card:
        # they count against the capacity, or a burst of presses would all pass the check
        # before the first one runs.
        self._starting: set[int] = set()
        self._claiming = 0

    # -- life cycle -------------------------------------------------------------------------

    async def load(self) -> None:
        await self.sweep()
        self._keeper = asyncio.create_task(self._keep(), name="session-leases")

    async def close(self) -> None:
        """Stop the clock, keep every state as saved, and hand the leases back at once."""
        await background.stop(self._keeper)
        await self.runner.close()
        held = [session_resource(s.id) for s in self.runner.active()]
        try:
            await self._leases.release(held, self.owner)
        except DatabaseUnavailable:
            log.warning("could not hand back %d session leases; they expire", len(held))

    def get(self, session_id: int | str) -> Session | None:
        return self.runner.get(str(session_id))

    async def stored(self, session_id: int) -> StoredSession | None:
        return await self._cards.get(session_id)

    # -- Start ------------------------------------------------------------------------------

    async def begin_start(
        self,
        card_key: int,
        user_id: int,
        card_message_id: int | None,
        *,
        guild_id: int | None,
        channel_id: int | None,
    ) -> StartTicket:
        """Claim the card for its runner, pressed on its own message in its own channel."""
        stored = await self._card(card_key)
        if stored is None:
            raise InputError("This card has expired; run `/cooldown` again.")
        if user_id != stored.owner_id:
            raise InputError("Only the runner this routine is for can start it.")
        elsewhere = (guild_id, channel_id) != (stored.guild_id, stored.channel_id)
        wrong_message = stored.card_message_id not in (None, card_message_id)
        if elsewhere or wrong_message:
            raise InputError("This button does not belong to this card.")
        if stored.state is not SessionState.READY:
            raise InputError(ALREADY_STARTED)
        # A session whose Start is saving its first step is running and starting at once.
        timing = {s.id for s in self.runner.active()} | {str(i) for i in self._starting}
        if len(timing) + self._claiming >= self.capacity:
            raise InputError(
                "I'm timing as many sessions as Discord lets me right now. "
                "Follow the card at your own pace, or press Start again in a minute."
            )
        self._claiming += 1
        try:
            begun = await self._runs.begin(stored.id, card_message_id, self.owner, self._lease)
        finally:
            self._claiming -= 1
        if not begun:
            raise InputError(ALREADY_STARTED)
        self._starting.add(stored.id)
        card = json.loads(stored.snapshot)
        session = Session(
            id=str(stored.id),
            owner_id=stored.owner_id,
            routine=routine_from_dict(card["routine"]),
            guild_id=stored.guild_id,
            channel_id=stored.channel_id,
            members=tuple(card.get("members", ())),
            time_scale=self._time_scale,
        )
        return StartTicket(stored, session, bool(card.get("tts")))

    async def thread_opened(self, ticket: StartTicket, thread_id: int) -> None:
        """The thread exists: stored before anything is posted in it, so that a Start cut
        short from here on (here or in a crash) says so in the thread, and the next Start
        reuses it."""
        ticket.session.thread_id = thread_id
        if not await self._runs.thread_opened(ticket.stored.id, self.owner, thread_id):
            raise RuntimeError(f"session {ticket.stored.id} is no longer this process's to start")

    async def opened(self, ticket: StartTicket, thread_id: int, control_message_id: int) -> None:
        """The thread and its control card exist: run the session."""
        session = ticket.session
        session.thread_id = thread_id
        self._threads[session.id] = (thread_id, control_message_id, ticket.tts)
        try:
            await self.runner.start(session)
        finally:
            self._starting.discard(ticket.stored.id)

    async def abandon(self, ticket: StartTicket) -> None:
        """A Start that could not finish: the card is READY again, with its Start button."""
        self._threads.pop(ticket.session.id, None)
        self._starting.discard(ticket.stored.id)
        await self._put_back(ticket.stored, ticket.session.thread_id)

    async def group_card(
        self,
        group: GroupCooldown,
        snapshot: str,
        posts: Callable[[int], Sequence[Outgoing]],
    ) -> int | None:
        """Store a built group's card with its posts (`posts` of the card's key) in one
        transaction; the key its Start button carries, or None when it already had one."""
        card_key = secrets.randbits(62)
        rows = await self._cards.create_group_card(
            group_id=group.id,
            guild_id=group.guild_id,
            channel_id=group.channel_id,
            owner_id=group.leader_id,
            snapshot=snapshot,
            card_key=card_key,
            outgoing=posts(card_key),
        )
        if rows is None:
            return None
        self._delivery.wake(rows)
        return card_key

    def control_payload(self, session: Session) -> dict[str, object]:
        return control_payload(session, self._clock())

    async def _card(self, card_key: int) -> StoredSession | None:
        # The card's row is written just after the card is posted; a very quick press may
        # arrive first, so give it a moment (well inside Discord's 3 s) before giving up.
        if self._card_writer.pending(card_key):
            await self._card_writer.flush()
        for _ in range(CARD_WAITS):
            stored = await self._cards.by_key(card_key)
            if stored is not None:
                return stored
            await asyncio.sleep(0.1)
        return await self._cards.by_key(card_key)

    async def _put_back(self, stored: StoredSession, thread_id: int | None) -> None:
        outgoing = []
        if stored.card_message_id is not None and stored.card_key is not None:
            outgoing.append(
                Outgoing(
                    stream=f"card:{stored.id}",
                    channel_id=stored.channel_id,
                    guild_id=stored.guild_id,
                    label="the routine card's Start button",
                    payload=start_payload(stored.card_key),
                    action=Action.EDIT,
                    target_message_id=stored.card_message_id,
                )
            )
        if thread_id is not None:
            outgoing.append(
                Outgoing(
                    f"session:{stored.id}",
                    thread_id,
                    stored.guild_id,
                    "the note that the start was cut short",
                    {"content": START_CUT_SHORT},
                )
            )
        rows = await self._runs.put_back(stored.id, self.owner, stored.snapshot, outgoing)
        if rows is None:
            # The lease ran out (a stall longer than it) or another process took it: the
            # sweep of whichever process holds it next puts the card back.
            log.warning("session %d was no longer this process's to put back", stored.id)
        elif rows:
            self._delivery.wake(rows)

    # -- controls -----------------------------------------------------------------------------

    async def control(
        self, session_id: int, user_id: int, action: str, *, channel_id: int | None
    ) -> ControlOutcome:
        """A control pressed in `channel_id`: the session's own thread, or it is refused."""
        session = self.runner.get(str(session_id))
        if session is None or session.is_over:
            raise InputError("This session is over.")
        if session.thread_id is not None and channel_id != session.thread_id:
            raise InputError("This button does not belong to this session.")
        if action == "leave":
            return self._leave(session, user_id)
        if user_id != session.owner_id:
            if user_id in session.members:
                raise InputError("The run leader controls the clock; you can Leave any time.")
            raise InputError(NOT_YOURS)
        command = {
            "pause": self.runner.pause,
            "resume": self.runner.resume,
            "skip": self.runner.skip,
            "stop": self.runner.stop,
        }.get(action)
        if command is None:
            raise InputError("That control is not one I know.")
        try:
            await command(session.id)
        except SessionError as error:
            raise InputError(str(error)) from error
        return ControlOutcome(session=session)

    def _leave(self, session: Session, user_id: int) -> ControlOutcome:
        if user_id == session.owner_id:
            raise InputError("You lead this session; press Stop to end it for everyone.")
        if user_id not in session.members:
            raise InputError(NOT_YOURS)
        session.members = tuple(m for m in session.members if m != user_id)
        return ControlOutcome(tell="You left the session. Nice work today.")

    # -- state and posts together -----------------------------------------------------------------

    async def _persist(self, session: Session, events: list[Event]) -> None:
        # Posts of a change that could not be stored wait for the next one that can.
        outgoing = self._unsaved.pop(session.id, []) + self._posts(session, events)
        columns: dict[str, object] = {}
        thread = self._threads.get(session.id)
        if thread is not None and any(isinstance(e, StepStarted) for e in events):
            columns = {"thread_id": thread[0], "control_message_id": thread[1]}
        snapshot = json.dumps(session.to_snapshot())
        state = session.state
        for attempt in range(1, SAVE_TRIES + 1):
            try:
                rows = await self._runs.save(
                    int(session.id), self.owner, state, snapshot, outgoing, **columns
                )
                break
            except DatabaseUnavailable:
                if attempt == SAVE_TRIES:
                    self._unsaved[session.id] = outgoing
                    raise
                await asyncio.sleep(0.5 * 2**attempt)
        if rows is None:
            log.warning("session %s belongs to another process now; letting go", session.id)
            self.runner.forget(session.id)
            self._threads.pop(session.id, None)
            return
        self._delivery.wake(rows)
        if session.is_over:
            self._threads.pop(session.id, None)
            with contextlib.suppress(DatabaseUnavailable):
                await self._leases.release([session_resource(session.id)], self.owner)

    def _posts(self, session: Session, events: list[Event]) -> list[Outgoing]:
        thread = self._threads.get(session.id)
        if thread is None:
            return []
        thread_id, control_id, tts = thread
        stream = f"session:{session.id}"

        def post(label: str, content: str, deadline: datetime | None, **extra: object) -> Outgoing:
            payload: dict[str, object] = {"content": content, **extra}
            if tts:
                payload["tts"] = True
            return Outgoing(stream, thread_id, session.guild_id, label, payload, deadline=deadline)

        out: list[Outgoing] = []
        for event in events:
            if isinstance(event, StepStarted):
                step = event.step
                # The step ends on the session's clock; the outbox keeps real time.
                ends = datetime.now(UTC) + timedelta(seconds=step.ends_at - self._clock())
                label = f"step {event.progress.step_number} ({step.step.name})"
                out.append(post(label, step_message(event), ends))
            elif isinstance(event, Paused):
                out.append(post("the pause notice", PAUSED, None))
            elif isinstance(event, Resumed):
                out.append(post("the resume notice", resumed_message(event.step), None))
            elif isinstance(event, Finished | Stopped):
                reminder = self._catalogue.stretch(self._catalogue.rules.reminder)
                good_for = datetime.now(UTC) + WRAP_UP_GOOD_FOR
                out.append(post("the wrap-up", wrap_up(event, reminder), good_for))
        if out and control_id is not None:
            out.append(
                Outgoing(
                    stream,
                    thread_id,
                    session.guild_id,
                    "the progress card",
                    control_payload(session, self._clock()),
                    action=Action.EDIT,
                    target_message_id=control_id,
                )
            )
        if session.is_over and out:
            out.append(
                Outgoing(
                    stream, thread_id, session.guild_id, "closing the thread", {}, Action.ARCHIVE
                )
            )
        return out

    # -- ownership ----------------------------------------------------------------------------

    async def _keep(self) -> None:
        while True:
            await asyncio.sleep(self._renew_seconds)
            try:
                await self._renew()
                await self.sweep()
            except DatabaseUnavailable:
                log.warning("database unavailable; session leases not renewed this round")
            except Exception:
                log.exception("keeping session leases failed")

    async def _renew(self) -> None:
        mine = {session_resource(s.id): s.id for s in self.runner.active()}
        # A Start under way holds its lease too: it waits for the REST budget before its
        # thread and control card, which hundreds of Starts at once can make longer than a
        # lease; unrenewed, the lease ran out and this process's own sweep put the card back.
        starting = [session_resource(i) for i in self._starting]
        held = await self._leases.renew([*mine, *starting], self.owner, self._lease)
        for resource, session_id in mine.items():
            if resource not in held:
                log.warning("lost the lease on session %s; another process runs it", session_id)
                self.runner.forget(session_id)
                self._threads.pop(session_id, None)

    async def sweep(self) -> None:
        """Take over sessions (of this process's guilds) whose lease ran out."""
        running = {int(s.id) for s in self.runner.active()}
        for session_id, guild_id in await self._runs.unowned(datetime.now(UTC)):
            if session_id in running or (guild_id is not None and not self._owns(guild_id)):
                continue
            if not await self._leases.acquire(
                session_resource(session_id), self.owner, self._lease
            ):
                continue
            stored = await self._cards.get(session_id)
            if stored is not None:
                await self._take_over(stored)

    async def _take_over(self, stored: StoredSession) -> None:
        if stored.state is SessionState.STARTING:
            # Its Start was cut short before the session ran: the card goes back.
            await self._put_back(stored, stored.thread_id)
            return
        if stored.thread_id is None:
            return
        self._threads[str(stored.id)] = (
            stored.thread_id,
            stored.control_message_id,
            bool(json.loads(stored.snapshot).get("tts")),
        )
        restored = await self.runner.restore([json.loads(stored.snapshot)])
        if not restored:
            self._threads.pop(str(stored.id), None)
        else:
            log.info("running session %s (taken over or resumed)", stored.id)
