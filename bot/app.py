"""Starting and stopping the bot: settings, logging, migrations, gateway discovery, signals."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import aiohttp
import discord
from pydantic import ValidationError

from bot.adapter.client import (
    BACKGROUND_REST_BURST,
    BACKGROUND_REST_PER_SECOND,
    SHARED_REST_PER_SECOND,
    CoachBot,
    Services,
)
from bot.adapter.discord_api import (
    DiscordGatewayError,
    DiscordLoginRejected,
    configure_api_base,
    discover_gateway,
)
from bot.adapter.monitor import Monitor
from bot.adapter.observe import rest_trace
from bot.adapter.poster import DiscordPoster
from bot.rules.catalogue import Catalogue, default_catalogue
from bot.rules.checkins.when import now_utc
from bot.rules.shards import shard_owner
from bot.services.card_writer import CardWriter
from bot.services.checkin_desk import CheckInDesk
from bot.services.checkin_posting import CheckInPosting
from bot.services.coach import Coach
from bot.services.delivery import DeliveryService
from bot.services.groups import GroupService
from bot.services.member_data import MemberDataService
from bot.services.pacing import Budget, RestBudget, SharedRestBudget, session_capacity
from bot.services.sessions import SessionService
from bot.settings import Settings
from bot.storage import (
    AvoidedStretches,
    CheckInPosts,
    CheckIns,
    CheckInSchedules,
    ClubReports,
    CooldownSessions,
    Database,
    DatabaseUnavailable,
    GroupCooldowns,
    MemberData,
    Preferences,
    TightAreas,
    migrate,
)
from bot.storage.deliveries import Deliveries, Leases, shard_filter
from bot.storage.session_runs import SessionRuns

log = logging.getLogger("bot")

# REST connections to Discord at once (interaction callbacks are not rate limited).
REST_CONNECTIONS = 512
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_CONFIG = 2


class StartupError(Exception):
    """Why the bot cannot start, in one line for the person starting it."""

    def __init__(self, message: str, exit_code: int = EXIT_CONFIG) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def configure_logging(level: str) -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    # discord.py is chatty at DEBUG about every gateway frame.
    logging.getLogger("discord").setLevel(max(logging.getLevelName(level), logging.INFO))


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as error:
        problem = error.errors()[0]
        field = ".".join(str(p) for p in problem["loc"]).upper()
        if not field:  # a rule across settings: its message names them
            message = str(problem["msg"]).removeprefix("Value error, ")
            raise StartupError(f"settings cannot work together: {message}") from None
        raise StartupError(f"setting {field} is invalid: {problem['msg']}") from None


async def create_bot(
    settings: Settings,
    catalogue: Catalogue | None = None,
    *,
    time_scale: float = 1.0,
    clock: Callable[[], datetime] = now_utc,
    **options: Any,
) -> CoachBot:
    """A ready-to-start bot over a migrated database; `options` go to discord.py's client."""
    # With the shards split across processes, each process's member cache hears the others'
    # writes (PostgreSQL), or is off (SQLite).
    shared = bool(settings.shard_ids)
    database = Database(settings.database_url, cache_members=True, shared=shared)
    try:
        await database.migrate()
        database.listen()
    except DatabaseUnavailable as error:
        await database.dispose()
        raise StartupError(f"cannot reach the database: {error}", EXIT_FAILURE) from error
    catalogue = catalogue or default_catalogue()
    tight = TightAreas(database)
    checkins = CheckIns(database)
    coach = Coach(
        catalogue,
        tight,
        AvoidedStretches(database),
        GroupCooldowns(database),
        Preferences(database),
    )
    desk = CheckInDesk(
        catalogue,
        CheckInSchedules(database),
        CheckInPosts(database),
        checkins,
        tight,
        ClubReports(database),
    )
    owns = shard_owner(settings.shard_ids, settings.shard_count)
    budget = rest_budget(settings)
    poster = DiscordPoster()
    delivery = DeliveryService(
        Deliveries(database),
        poster,
        budget=budget,
        mine=shard_filter(settings.shard_ids, settings.shard_count),
        lease=timedelta(seconds=settings.lease_seconds),
    )
    cards = CooldownSessions(database)
    card_writer = CardWriter(cards)
    sessions = SessionService(
        cards,
        SessionRuns(database),
        Leases(database),
        delivery,
        card_writer,
        catalogue,
        owns=owns,
        time_scale=time_scale,
        lease=timedelta(seconds=settings.lease_seconds),
        clock=lambda: clock().timestamp(),
        # Discord's limit is the token's: each process times its share of the sessions.
        capacity=session_capacity(settings.processes),
    )
    posting = CheckInPosting(
        CheckInPosts(database),
        CheckInSchedules(database),
        delivery,
        reads_replies=settings.message_content,
        clock=clock,
    )
    groups = GroupService(coach, sessions, delivery, Leases(database), catalogue, owns=owns)
    services = Services(
        groups=groups,
        posting=posting,
        coach=coach,
        desk=desk,
        member_data=MemberDataService(MemberData(database)),
        card_writer=card_writer,
        delivery=delivery,
        sessions=sessions,
        rest_budget=budget,
    )
    if settings.metrics_port is not None:
        # Counting REST calls costs a hook per call: only when someone can read the counts.
        options.setdefault("http_trace", rest_trace())
    # aiohttp's default of 100 connections would queue callbacks past a few thousand
    # interactions a second, unseen by the admission (`bot.rules.overload`).
    options.setdefault("connector", aiohttp.TCPConnector(limit=REST_CONNECTIONS))
    bot = CoachBot(
        settings, database, catalogue, services, time_scale=time_scale, clock=clock, **options
    )
    poster.bind(bot)
    if settings.metrics_port is not None:
        bot.monitor = await open_monitor(bot, settings.metrics_host, settings.metrics_port)
    return bot


def rest_budget(settings: Settings) -> Budget:
    """The budget the outbox paces its calls with: this process's own, or, with Redis, one
    shared by every process of the bot token (Discord's global limit is per token)."""
    alone = RestBudget(BACKGROUND_REST_PER_SECOND, burst=BACKGROUND_REST_BURST)
    if settings.rate_limit_redis_url is None:
        return alone
    token = settings.discord_token.get_secret_value() if settings.discord_token else ""
    # Without Redis, each process keeps to its share of the limit rather than stall.
    share = RestBudget(BACKGROUND_REST_PER_SECOND / settings.processes, burst=BACKGROUND_REST_BURST)
    return SharedRestBudget(
        settings.rate_limit_redis_url, token, SHARED_REST_PER_SECOND, fallback=share
    )


async def open_monitor(bot: CoachBot, host: str, port: int) -> Monitor:
    monitor = Monitor(bot, bot.database, bot.delivery, host=host, port=port)
    try:
        await monitor.start()
    except OSError as error:
        await bot.database.dispose()
        raise StartupError(
            f"cannot serve metrics on {host}:{port} (METRICS_HOST, METRICS_PORT): "
            f"{os.strerror(error.errno).lower() if error.errno else error}"
        ) from None
    return monitor


async def serve(settings: Settings) -> None:
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        raise StartupError("DISCORD_TOKEN is not set; put the bot token in .env (see .env.example)")
    token = settings.discord_token.get_secret_value().strip()
    configure_api_base(settings.discord_api_base)
    try:
        gateway = await discover_gateway(settings.discord_api_base, token)
    except DiscordLoginRejected:
        raise StartupError(
            "Discord rejected DISCORD_TOKEN (401 Unauthorized); check the token"
        ) from None
    except DiscordGatewayError as error:
        raise StartupError(
            f"cannot reach Discord at {settings.discord_api_base}: {error}", EXIT_FAILURE
        ) from None
    log.info("gateway: %s", gateway)
    bot = await create_bot(settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    async with bot:
        runner = asyncio.create_task(bot.start(token), name="discord-client")
        stopper = asyncio.create_task(stop.wait(), name="shutdown-signal")
        done, _ = await asyncio.wait({runner, stopper}, return_when=asyncio.FIRST_COMPLETED)
        if stopper in done:
            log.info("shutting down")
            await bot.close()
        stopper.cancel()
        try:
            await runner
        except discord.LoginFailure:
            raise StartupError("Discord rejected DISCORD_TOKEN; check the token") from None
        except discord.PrivilegedIntentsRequired:
            raise StartupError(
                "a privileged intent is not enabled in the Discord developer portal (see README)"
            ) from None


def event_loop_factory() -> Callable[[], asyncio.AbstractEventLoop] | None:
    """uvloop where it is installed (Linux, macOS): a faster loop for a network-bound bot."""
    try:
        import uvloop
    except ImportError:
        return None
    return uvloop.new_event_loop


def run_command() -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        with asyncio.Runner(loop_factory=event_loop_factory()) as runner:
            runner.run(serve(settings))
    except StartupError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return EXIT_OK


def migrate_command() -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        asyncio.run(migrate(settings.database_url))
    except StartupError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except DatabaseUnavailable as error:
        print(f"error: cannot reach the database: {error}", file=sys.stderr)
        return EXIT_FAILURE
    print("database is at the latest schema")
    return EXIT_OK
