"""Persistence. The only package that imports SQLAlchemy; everything else uses these names."""

from bot.storage.database import Database, migrate
from bot.storage.errors import DatabaseUnavailable
from bot.storage.repositories import AvoidedStretches, GroupCooldowns, Preferences, TightAreas

__all__ = [
    "AvoidedStretches",
    "Database",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "Preferences",
    "TightAreas",
    "migrate",
]
