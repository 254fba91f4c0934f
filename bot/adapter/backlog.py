"""How far behind the bot is, measured where an interaction's handler starts.

The decision (answer, defer at once, shed) is `bot.rules.overload.admit`; this module measures
its two inputs: the interaction's age when its handler starts (from its snowflake) and the
event loop's lag (how late a timer fires).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any, Final

import discord

from bot import background
from bot.rules.overload import DEFAULT, Admission, Thresholds, Verdict, admit

ADMISSION: Final = "cooldown.admission"
# A timer this often: a backlog shows within a tick, at a negligible cost.
TICK = 0.05


class LoopLag:
    """The event loop's lag: how late its timer fired, the least of the last few times.

    A queue of ready work delays every tick; a single stall (a collection, a slow callback)
    delays one, and is already in the age of the interactions it held up, so it does not count.
    """

    def __init__(self, tick: float = TICK, ticks: int = 3) -> None:
        self.tick = tick
        self._lags: deque[float] = deque([0.0] * ticks, maxlen=ticks)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="loop-lag")

    async def stop(self) -> None:
        await background.stop(self._task)
        self._task = None

    def seconds(self) -> float:
        return min(self._lags) if self._task is not None else 0.0

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            due = loop.time() + self.tick
            await asyncio.sleep(self.tick)
            self._lags.append(max(0.0, loop.time() - due))


def created_at(snowflake: int) -> float:
    """When a Discord id (an interaction's, say) was made, in seconds since the epoch."""
    return ((snowflake >> 22) + discord.utils.DISCORD_EPOCH) / 1000


def age(interaction: discord.Interaction[Any], now: float | None = None) -> float:
    """Seconds since the interaction was created (its snowflake), on the wall clock."""
    return (time.time() if now is None else now) - created_at(interaction.id)


class InFlight:
    """Interactions admitted whose handling task has not ended yet."""

    def __init__(self) -> None:
        self.count = 0

    def enter(self) -> None:
        """Count the current task until it ends."""
        task = asyncio.current_task()
        if task is None:
            return
        self.count += 1
        task.add_done_callback(self._leave)

    def _leave(self, _task: asyncio.Task[Any]) -> None:
        self.count -= 1


def admission(
    interaction: discord.Interaction[Any],
    lag: LoopLag | None,
    in_flight: InFlight | None = None,
    thresholds: Thresholds = DEFAULT,
) -> Admission:
    """The interaction's admission, decided once, when its handler first asks; an admitted
    one counts as in flight until its task ends."""
    decided: Admission | None = interaction.extras.get(ADMISSION)
    if decided is None:
        seconds = lag.seconds() if lag is not None else 0.0
        busy = in_flight.count if in_flight is not None else 0
        decided = admit(age(interaction), seconds, busy, thresholds)
        interaction.extras[ADMISSION] = decided
        if in_flight is not None and decided.verdict in (Verdict.ANSWER, Verdict.DEFER):
            in_flight.enter()
    return decided


def admitted(interaction: discord.Interaction[Any]) -> Admission | None:
    """The admission decided for this interaction, if any was."""
    return interaction.extras.get(ADMISSION)
