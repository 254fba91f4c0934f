"""Timed-holds sessions: a routine run step by step on the clock, free of Discord and storage.

`engine.Session` takes commands at a given time and returns events; the session runner in
`bot.services` drives many sessions from one timer loop and hands their events to Discord.
"""

from bot.rules.sessions.engine import (
    Event,
    Finished,
    InvalidCommand,
    Paused,
    Progress,
    Resumed,
    Session,
    SessionError,
    SessionNotFound,
    SessionOver,
    SessionState,
    Skipped,
    StepStarted,
    Stopped,
    Summary,
    progress_bar,
)
from bot.rules.sessions.schedule import (
    ScheduledHold,
    ScheduledStep,
    build_schedule,
    routine_from_dict,
    routine_to_dict,
)

__all__ = [
    "Event",
    "Finished",
    "InvalidCommand",
    "Paused",
    "Progress",
    "Resumed",
    "ScheduledHold",
    "ScheduledStep",
    "Session",
    "SessionError",
    "SessionNotFound",
    "SessionOver",
    "SessionState",
    "Skipped",
    "StepStarted",
    "Stopped",
    "Summary",
    "build_schedule",
    "progress_bar",
    "routine_from_dict",
    "routine_to_dict",
]
