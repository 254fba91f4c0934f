"""The benchmarks' clock: the day and hour a run says it is, running at the real rate from there.

A benchmark hands it to the bot (`create_bot(clock=...)`), so the same command gives the same
figures whatever the real day: `--now 2026-11-29T19:59:58` starts the clock on a Sunday evening
in the clubs' zone; an offset (`+01:00`, `Z`) picks one side of a daylight saving change.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.rules.checkins.when import now_utc


class BenchClock:
    """Reads `start` when made and runs on with the monotonic clock."""

    def __init__(self, start: datetime | None = None) -> None:
        self.start = (start or now_utc()).astimezone(UTC)
        self._origin = time.monotonic()

    def __call__(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self._origin)

    def timestamp(self) -> float:
        """Seconds since the epoch on this clock, for what runs on `time.time` (sessions)."""
        return self().timestamp()

    def monotonic_at(self, moment: datetime) -> float:
        """The `time.monotonic()` reading at which this clock reads `moment`."""
        return self._origin + (moment - self.start).total_seconds()

    async def sleep_until(self, moment: datetime) -> None:
        await asyncio.sleep(max(0.0, self.monotonic_at(moment) - time.monotonic()))


def parse_moment(text: str, zone: str) -> datetime:
    """An ISO 8601 date and time; without an offset, read in `zone`, where it must exist and
    be unambiguous (a time repeated or skipped by a daylight saving change needs an offset)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date and time") from None
    if moment.tzinfo is not None:
        return moment.astimezone(UTC)
    tz = ZoneInfo(zone)
    first, second = moment.replace(tzinfo=tz), moment.replace(tzinfo=tz, fold=1)
    if first.utcoffset() != second.utcoffset():
        raise ValueError(
            f"{text} in {zone} is repeated or skipped by a daylight saving change: "
            "give its UTC offset, e.g. 2026-10-25T01:30+01:00 or +00:00"
        )
    return first.astimezone(UTC)


def add_clock_options(parser: argparse.ArgumentParser, zone: str = "Europe/London") -> None:
    parser.add_argument(
        "--now",
        help="the moment the run starts at, ISO 8601 (without an offset: in --zone); "
        "default: the real time",
    )
    parser.add_argument("--zone", default=zone, help=f"the clubs' time zone (default {zone})")


def clock_from(parser: argparse.ArgumentParser, args: argparse.Namespace) -> BenchClock:
    """The clock the options ask for, started now; a bad --now ends the run with usage."""
    try:
        return BenchClock(parse_moment(args.now, args.zone) if args.now else None)
    except ValueError as error:
        parser.error(str(error))


def describe_clock(start: datetime, zone: str) -> str:
    local = start.astimezone(ZoneInfo(zone))
    return f"clock: started {local:%a %Y-%m-%d %H:%M:%S %Z} ({zone}), {start:%H:%M:%S} UTC"
