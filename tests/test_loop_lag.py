"""The loop's lag: a queue of ready work shows, a single stall does not."""

from __future__ import annotations

import asyncio
import time

from bot.adapter.backlog import LoopLag


def stall(seconds: float) -> None:
    """Hold the event loop, as a slow callback would."""
    time.sleep(seconds)


async def test_a_busy_loop_shows_lag_and_a_single_stall_does_not() -> None:
    lag = LoopLag(tick=0.01)
    lag.start()
    try:
        await asyncio.sleep(0.05)
        assert lag.seconds() < 0.01
        stall(0.3)  # one stall
        await asyncio.sleep(0.05)
        assert lag.seconds() < 0.05

        async def busy() -> None:
            for _ in range(20):
                stall(0.005)
                await asyncio.sleep(0)

        # Ten tasks taking 5 ms each per turn: each tick waits about 50 ms.
        await asyncio.gather(*(busy() for _ in range(10)))
        assert lag.seconds() > 0.03
    finally:
        await lag.stop()
    assert lag.seconds() == 0.0
