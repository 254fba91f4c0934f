"""Timed-holds sessions: a routine run step by step on the clock, free of Discord and storage.

`engine.Session` takes commands at a given time and returns events; `runner.SessionRunner`
drives many sessions from one timer loop and hands their events to the Discord side.
"""

from bot.sessions.engine import (
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
from bot.sessions.runner import SessionRunner
from bot.sessions.schedule import (
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
    "SessionRunner",
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
