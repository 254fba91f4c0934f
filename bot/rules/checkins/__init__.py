"""Weekly check-ins: reading replies, finding trends, drawing progress charts.

Pure functions of plain data: nothing here imports discord or SQLAlchemy. The chart module
imports matplotlib, so it is not imported here; use `bot.rules.checkins.chart` directly.
"""

from bot.rules.checkins.parser import Efficiency, ParsedCheckIn, parse_reply

__all__ = ["Efficiency", "ParsedCheckIn", "parse_reply"]
