"""Persistence. The only package that imports SQLAlchemy; everything else uses these names."""

from bot.storage.database import Database, migrate
from bot.storage.errors import DatabaseUnavailable
from bot.storage.repositories import (
    AvoidedStretches,
    CheckInPosts,
    CheckIns,
    CheckInSchedules,
    ClubReports,
    CooldownSessions,
    GroupCooldowns,
    MemberData,
    Preferences,
    TightAreas,
)

__all__ = [
    "AvoidedStretches",
    "CheckInPosts",
    "CheckInSchedules",
    "CheckIns",
    "ClubReports",
    "CooldownSessions",
    "Database",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "MemberData",
    "Preferences",
    "TightAreas",
    "migrate",
]
