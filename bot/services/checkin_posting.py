"""The post-once-a-week protocol of the weekly check-in.

Claiming a week and putting its message in the outbox happen in one transaction, so a
claimed week always has its post on the way: a crash after the claim no longer loses the week,
and the outbox's lease hands the post to whichever process runs next, within seconds. The
Answer button carries the post's id, known before the message exists, so it works from what
was posted even when recording the message id was cut short. A post that finally fails
marks the week failed (it can be claimed again) and tells the organiser why.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from bot.metrics import CHECKIN_POSTS
from bot.rules.checkins.replies import checkin_post
from bot.rules.checkins.when import occurrence_week
from bot.rules.delivery import Action, Delivery, DeliveryState, Outgoing, retry_delay
from bot.rules.members import CheckInPost, PostState
from bot.services.delivery import DeliveryService
from bot.storage import CheckInPosts, CheckInSchedules, DatabaseUnavailable

log = logging.getLogger(__name__)
_T = TypeVar("_T")

# A week's post still makes sense this long after its due minute (a bot that was down for an
# evening still posts it); past that, the week is skipped rather than posted a day late.
GRACE = timedelta(hours=6)
SETTLE_WAIT = 2.0


class WeekState(StrEnum):
    STARTED = "started"  # claimed by this call: the post is on its way
    POSTING = "posting"  # claimed earlier, not posted yet
    POSTED = "posted"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WeekStatus:
    state: WeekState
    post: CheckInPost
    reason: str | None = None  # why the last try failed, when one did
    fresh: bool = False  # posted by the call that returned it

    @property
    def link(self) -> str | None:
        if self.post.message_id is None:
            return None
        post = self.post
        return f"https://discord.com/channels/{post.guild_id}/{post.channel_id}/{post.message_id}"


def answer_button(post_id: int) -> dict[str, Any]:
    return {
        "type": 2,
        "style": 1,
        "label": "Answer",
        "emoji": {"name": "📝"},
        "custom_id": f"checkin:answer:{post_id}",
    }


def stream_of(post_id: int) -> str:
    return f"checkin:{post_id}"


class CheckInPosting:
    def __init__(
        self,
        posts: CheckInPosts,
        schedules: CheckInSchedules,
        delivery: DeliveryService,
        *,
        reads_replies: bool,
        grace: timedelta = GRACE,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self._posts = posts
        self._schedules = schedules
        self._delivery = delivery
        self._reads_replies = reads_replies
        self._grace = grace
        # The clubs' clock (schedules are on it); posting deadlines are on the real one.
        self._clock = clock or (lambda: datetime.now(UTC))
        self._closing = asyncio.Event()
        delivery.on_sent("checkin:", self._sent)
        delivery.on_failed("checkin:", self._failed)

    def close(self) -> None:
        self._closing.set()

    async def post_week(
        self, guild_id: int, channel_id: int, week: date, due: datetime | None = None
    ) -> WeekStatus | None:
        """Claim and post the week once; retried while the database is down, until the grace
        window closes. None only when the bot is shutting down before it could claim it."""
        deadline = self._deadline(due)
        return await self._retrying(
            lambda: self._claim(guild_id, channel_id, week, deadline), deadline, guild_id
        )

    async def post_scheduled(self, guild_id: int, week: date, due: datetime) -> None:
        """A club's weekly job fired: post to the channel its schedule names, if it still has
        one. Reading the schedule is retried like the claim, within the same grace window."""
        deadline = self._deadline(due)
        schedule = await self._retrying(lambda: self._schedules.get(guild_id), deadline, guild_id)
        if schedule is not None and schedule.enabled:
            await self.post_week(guild_id, schedule.channel_id, week, due)

    def _deadline(self, due: datetime | None) -> datetime:
        # Due on the clubs' clock; the outbox and the retries run on the real one.
        left = (due or self._clock()) + self._grace - self._clock()
        return datetime.now(UTC) + left

    async def _retrying(
        self, call: Callable[[], Awaitable[_T]], deadline: datetime, guild_id: int
    ) -> _T | None:
        attempt = 0
        while not self._closing.is_set():
            try:
                return await call()
            except DatabaseUnavailable:
                attempt += 1
                delay = retry_delay(attempt)
                if datetime.now(UTC) + timedelta(seconds=delay) >= deadline:
                    log.error("check-in of guild %s: database down too long", guild_id)
                    CHECKIN_POSTS.labels("missed").inc()
                    raise
                log.warning("check-in of guild %s: database unavailable, retrying", guild_id)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._closing.wait(), delay)
        return None

    async def post_now(self, guild_id: int, here: int) -> WeekStatus | None:
        """`/checkin now`: this week's check-in in the scheduled channel (without a schedule:
        `here`, on UTC weeks), then a moment's wait so the organiser hears how it went."""
        schedule = await self._schedules.get(guild_id)
        channel_id = schedule.channel_id if schedule else here
        zone = ZoneInfo(schedule.timezone if schedule else "UTC")
        week = occurrence_week(self._clock(), zone)
        status = await self.post_week(guild_id, channel_id, week)
        if status is None or status.state is not WeekState.STARTED:
            return status
        current: WeekStatus | None = status
        for _ in range(int(SETTLE_WAIT / 0.1)):
            await asyncio.sleep(0.1)
            current = await self.status(guild_id, week)
            if current is not None and current.state is not WeekState.POSTING:
                return replace(current, fresh=True)
        if current is None or current.reason is None:
            return status  # on its way, nothing has gone wrong yet
        return current

    async def status(self, guild_id: int, week: date) -> WeekStatus | None:
        post = await self._posts.for_week(guild_id, week)
        if post is None:
            return None
        if post.state is PostState.POSTED:
            return WeekStatus(WeekState.POSTED, post)
        if post.state is PostState.FAILED:
            return WeekStatus(WeekState.FAILED, post, post.error)
        tries = await self._delivery.store.in_stream(stream_of(post.id))
        reason = tries[-1].error if tries else None
        return WeekStatus(WeekState.POSTING, post, reason)

    async def post_of(self, post_id: int, message_id: int | None) -> CheckInPost | None:
        """The week an Answer press or a reply belongs to, from the post's own id."""
        post = await self._posts.get(post_id)
        if post is None or post.state is PostState.FAILED:
            return None
        if post.message_id is None and message_id is not None:
            # Posted, but the record was cut short: the press proves which message it is.
            await self._posts.mark_posted(post.id, message_id)
        elif message_id is not None and post.message_id != message_id:
            return None
        return post

    async def _claim(
        self, guild_id: int, channel_id: int, week: date, deadline: datetime
    ) -> WeekStatus:
        def message(post: CheckInPost) -> Outgoing:
            return Outgoing(
                stream=stream_of(post.id),
                channel_id=channel_id,
                guild_id=guild_id,
                label=f"the weekly check-in for the week of {post.week:%d %b}",
                payload={
                    "content": checkin_post(post.week, self._reads_replies),
                    "components": [{"type": 1, "components": [answer_button(post.id)]}],
                },
                deadline=deadline,
            )

        claimed = await self._posts.claim_with_post(guild_id, week, channel_id, message)
        if claimed is None:
            current = await self.status(guild_id, week)
            assert current is not None, "a week that cannot be claimed exists"
            return current
        post, delivery = claimed
        if delivery is not None:
            self._delivery.wake([delivery])
        return WeekStatus(WeekState.STARTED, post)

    async def _sent(self, delivery: Delivery, message_id: int | None) -> None:
        post_id = int(delivery.stream.split(":")[1])
        if delivery.action is Action.SEND:
            CHECKIN_POSTS.labels("posted").inc()
        if message_id is not None:
            await self._posts.mark_posted(post_id, message_id)

    async def _failed(self, delivery: Delivery, reason: str) -> None:
        if delivery.state is DeliveryState.SUPERSEDED or delivery.action is Action.DIRECT:
            return
        CHECKIN_POSTS.labels("failed").inc()
        post_id = int(delivery.stream.split(":")[1])
        await self._posts.mark_failed(post_id, reason)
        post = await self._posts.get(post_id)
        schedule = await self._schedules.get(post.guild_id) if post else None
        if post is None or schedule is None:
            return
        await self._delivery.post(
            [
                Outgoing(
                    stream=f"organiser:{post.guild_id}",
                    channel_id=schedule.updated_by,
                    guild_id=post.guild_id,
                    label="a note to the organiser",
                    payload={
                        "content": (
                            f"I couldn't post the weekly check-in for the week of "
                            f"{post.week:%d %b} in <#{post.channel_id}>: {reason}. Check that I "
                            "can view and post in that channel, then run `/checkin now` to "
                            "post it; next week's goes out as scheduled."
                        )[:2000]
                    },
                    action=Action.DIRECT,
                    deadline=datetime.now(UTC) + timedelta(days=1),
                )
            ]
        )
