"""Persistence. The only package that imports SQLAlchemy; everything else uses these names."""

from bot.storage.database import Database, migrate
from bot.storage.errors import DatabaseUnavailable
from bot.storage.repositories import (
    AvoidedStretches,
    CooldownSessions,
    GroupCooldowns,
    Preferences,
    TightAreas,
)

__all__ = [
    "AvoidedStretches",
    "CooldownSessions",
    "Database",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "Preferences",
    "TightAreas",
    "migrate",
]
