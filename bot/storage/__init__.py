"""Persistence. The only package that imports SQLAlchemy; everything else uses these names.

Repositories take canonical ids (validated elsewhere) and return the dataclasses from
bot.rules.members. When the database cannot be reached they raise DatabaseUnavailable.
"""

from bot.storage.checkins import CheckInPosts, CheckIns, CheckInSchedules, ClubReports
from bot.storage.database import Database, migrate
from bot.storage.errors import DatabaseBusy, DatabaseUnavailable
from bot.storage.groups import GroupCooldowns
from bot.storage.member_data import MemberData
from bot.storage.members import AvoidedStretches, Preferences, TightAreas
from bot.storage.sessions import CooldownSessions

__all__ = [
    "AvoidedStretches",
    "CheckInPosts",
    "CheckInSchedules",
    "CheckIns",
    "ClubReports",
    "CooldownSessions",
    "Database",
    "DatabaseBusy",
    "DatabaseUnavailable",
    "GroupCooldowns",
    "MemberData",
    "Preferences",
    "TightAreas",
    "migrate",
]
