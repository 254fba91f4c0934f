"""An answer that fails just as its deferral falls due still reaches the member, once.

The deferral is a timer; once it fires, its task starts a loop turn later. An error answered
in between (the database busy, say) used to race that "thinking…" to Discord: the loser was
refused as a second acknowledgement, and when the "thinking…" won, the member was left on it
for good.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands

from bot.adapter.client import CoachBot
from bot.rules.overload import BUSY, Thresholds
from bot.storage import DatabaseBusy
from cogs import common
from tests.e2e.conftest import ALICE
from tests.e2e.helpers import answer_to, eventually, text_of
from tests.fakediscord import FakeDiscord


async def test_an_error_in_the_turn_the_deferral_fires_is_still_told_to_the_member(
    fake: FakeDiscord, bot: CoachBot
) -> None:
    async def fails_as_the_deferral_fires() -> common.Reply:
        # One loop turn at a time: the turn after the timer created the deferral's task,
        # before that task has started.
        while not common._deferrals:  # noqa: ASYNC110 (a turn at a time is the point)
            await asyncio.sleep(0)
        raise DatabaseBusy("every connection taken")

    async def flaky(interaction: discord.Interaction[CoachBot]) -> None:
        await common.answer(interaction, fails_as_the_deferral_fires, ephemeral=False)

    assert not common._deferrals  # the wait below is for this answer's deferral alone
    bot.overload = Thresholds(defer_at=0.2)
    bot.tree.add_command(app_commands.Command(name="flaky", description="x", callback=flaky))
    await bot.tree.sync()
    sent = await fake.send_slash_command("flaky", {}, user=ALICE)
    body = await answer_to(fake, sent)
    assert text_of(body) == BUSY
    # And only one acknowledgement went out: none refused as a second one.
    await eventually(lambda: not common._deferrals)
    callbacks = [r for r in fake.requests if r.path.startswith(f"/interactions/{sent.id}/")]
    assert [r.status < 400 for r in callbacks] == [True]
