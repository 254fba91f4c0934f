"""What a timed session says in its thread, as Discord JSON: step cues, the control card.

Each step is one message whose end time is a Discord relative timestamp, so every phone counts
down by itself with no edits per second. The control card's buttons carry custom ids of the
form `session:<action>:<id>`, the one place those ids are made.
"""

from __future__ import annotations

from typing import Any

import orjson

from bot.rules.catalogue import Kind, Stretch
from bot.rules.limits import FIELD_VALUE, join_within
from bot.rules.plan_text import clock, step_timing
from bot.rules.routine import Routine, Side
from bot.rules.sessions import (
    Finished,
    Progress,
    ScheduledStep,
    Session,
    SessionState,
    StepStarted,
    Stopped,
    routine_to_dict,
)

BRAND_COLOUR = 0x2EA078
# (label, Discord button style): 1 primary, 2 secondary, 3 success, 4 danger.
CONTROL_LOOKS: dict[str, tuple[str, int]] = {
    "pause": ("Pause", 2),
    "resume": ("Resume", 3),
    "skip": ("Skip", 1),
    "stop": ("Stop", 4),
    "leave": ("Leave", 2),
}
STATE_WORDS = {
    SessionState.RUNNING: "Running",
    SessionState.PAUSED: "Paused: press Resume to carry on",
    SessionState.FINISHED: "Finished",
    SessionState.STOPPED: "Stopped",
    SessionState.READY: "Starting",
}
PAUSED = "⏸️ **Paused.** The clock stops until Resume is pressed."
START_CUT_SHORT = (
    "This start was cut short before the session began. "
    "Press **Start** on the routine card again and it runs here."
)


def start_id(card_key: int) -> str:
    return f"session:start:{card_key}"


def control_id(action: str, session_id: int | str) -> str:
    return f"session:{action}:{session_id}"


def card_snapshot(routine: Routine, members: tuple[int, ...] = (), tts: bool = False) -> str:
    """What a routine card stores until Start is pressed."""
    return stored_card(routine_json(routine), members, tts)


def routine_json(routine: Routine) -> str:
    """The routine part of a card's snapshot (orjson: one per `/cooldown`, several times
    faster than the json module here)."""
    return orjson.dumps(routine_to_dict(routine)).decode()


def stored_card(routine: str, members: tuple[int, ...] = (), tts: bool = False) -> str:
    """`card_snapshot` from the routine's JSON (`routine_json`), kept for a repeated routine."""
    others = orjson.dumps(members).decode()
    return f'{{"routine":{routine},"members":{others},"tts":{"true" if tts else "false"}}}'


def progress_line(progress: Progress | None) -> str:
    if progress is None:
        return "Starting…"
    return (
        f"Step {progress.step_number} of {progress.step_count} {progress.bar} "
        f"{clock(progress.seconds_left)} left"
    )


def stamp(seconds: float) -> str:
    return f"<t:{round(seconds)}:R>"


def step_message(started: StepStarted) -> str:
    scheduled = started.step
    step = scheduled.step
    lines = [f"**{progress_line(started.progress)}**", f"## {step.name}", step.how]
    if step.kind is Kind.STRETCH:
        lines.append(f"> {step.cue}  *({step_timing(step)}, no bouncing)*")
    lines.append(when_line(scheduled))
    if started.caught_up:
        lines.append(f"*Picked up where the clock is: {started.skipped} step(s) passed.*")
    return "\n".join(lines)


def when_line(scheduled: ScheduledStep) -> str:
    holds = scheduled.holds
    if len(holds) == 2 and holds[0].side is Side.LEFT:
        return (
            f"Left side until {stamp(holds[0].ends_at)}, then **switch sides**: "
            f"right side until {stamp(holds[1].ends_at)}."
        )
    verb = "Hold" if scheduled.step.kind is Kind.STRETCH else "Go"
    if holds:
        return f"{verb} from {stamp(holds[0].starts_at)} until {stamp(holds[-1].ends_at)}."
    return f"{verb} until {stamp(scheduled.ends_at)}."


def resumed_message(scheduled: ScheduledStep) -> str:
    return f"▶️ **Resumed: {scheduled.step.name}.** {when_line(scheduled)}"


def wrap_up(event: Finished | Stopped, reminder: Stretch) -> str:
    summary = event.summary
    if isinstance(event, Stopped):
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        head = f"Stopped: {summary.steps_done} of {summary.step_count} steps done{skipped}."
    elif event.while_offline:
        head = "This session ended while I was offline; here is the wrap-up."
    else:
        head = f"Done: {summary.steps_done} steps in {clock(summary.seconds)}. Well stretched!"
    return (
        f"**{head}**\n💧 **{reminder.name}**: {reminder.how}\n"
        "How did it feel? If an area is still tight, tell me with `/tight add` so the "
        "next routine works on it."
    )


def control_actions(session: Session) -> list[str]:
    if session.is_over:
        return []
    first = "resume" if session.state is SessionState.PAUSED else "pause"
    return [first, "skip", "stop"] + (["leave"] if session.members else [])


def control_embed(session: Session, now: float) -> dict[str, Any]:
    runners = join_within([f"<@{m}>" for m in session.participants], FIELD_VALUE)
    return {
        "title": "Cooldown session",
        "description": progress_line(session.progress(now)),
        "color": BRAND_COLOUR,
        "fields": [
            {"name": "State", "value": STATE_WORDS[session.state], "inline": True},
            {"name": "Runners", "value": runners or "—", "inline": True},
        ],
    }


def control_payload(session: Session, now: float) -> dict[str, Any]:
    buttons = [
        {
            "type": 2,
            "style": CONTROL_LOOKS[action][1],
            "label": CONTROL_LOOKS[action][0],
            "custom_id": control_id(action, session.id),
        }
        for action in control_actions(session)
    ]
    rows = [{"type": 1, "components": buttons}] if buttons else []
    return {"embeds": [control_embed(session, now)], "components": rows}


def start_payload(card_key: int) -> dict[str, Any]:
    button = {
        "type": 2,
        "style": 3,
        "label": "Start",
        "emoji": {"name": "▶️"},
        "custom_id": start_id(card_key),
    }
    return {"components": [{"type": 1, "components": [button]}]}
