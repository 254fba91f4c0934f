"""`python -m bot`: run the bot, migrate its database, or preview a routine offline."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import NoReturn

from bot.rules.catalogue import Catalogue, UnknownArea, UnknownStretch, default_catalogue
from bot.rules.inputs import MINUTES, InputError, run_type
from bot.rules.plan_text import format_plan
from bot.rules.planner import PlanError, PlanRequest, plan
from bot.rules.routine import DEFAULT_MINUTES, RunType

EXIT_USAGE = 2


class UsageError(Exception):
    """Bad input on the command line: one clear line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m bot", description="Cooldown coach, the running-club bot.")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    commands.add_parser("run", help="run the Discord bot (the default)")
    commands.add_parser("migrate", help="bring the database up to the latest schema")
    preview = commands.add_parser("plan", help="preview a routine, no Discord account needed")
    preview.add_argument(
        "--tight", default="", help="tight areas in priority order, comma separated"
    )
    preview.add_argument("--minutes", default=str(DEFAULT_MINUTES), help="minutes available (3-60)")
    preview.add_argument(
        "--run", default=RunType.EASY.value, help="easy, long, tempo, intervals or race"
    )
    preview.add_argument("--today", default="", help="areas that feel sore today, comma separated")
    preview.add_argument("--avoid", default="", help="stretches to leave out, comma separated")
    preview.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _areas(text: str, catalogue: Catalogue) -> list[str]:
    resolved = []
    for typed in _split(text):
        try:
            resolved.append(catalogue.resolve_area(typed))
        except UnknownArea as error:
            hint = ", ".join(error.suggestions)
            raise UsageError(f"unknown area {typed!r}; closest areas: {hint}") from error
    return resolved


def _avoid(text: str, catalogue: Catalogue) -> frozenset[str]:
    avoided = set()
    for typed in _split(text):
        try:
            avoided.add(catalogue.resolve_stretch(typed))
        except UnknownStretch as error:
            hint = ", ".join(error.suggestions) or "see data/stretches.toml"
            raise UsageError(f"unknown stretch {typed!r}; closest: {hint}") from error
    return frozenset(avoided)


def _minutes(text: str) -> int:
    try:
        return MINUTES.check(text)
    except InputError as error:
        raise UsageError(f"--minutes: {error}") from None


def _run_type(text: str) -> RunType:
    try:
        return run_type(text)
    except InputError as error:
        raise UsageError(f"--run: {error}") from None


def request_from_args(args: argparse.Namespace, catalogue: Catalogue) -> PlanRequest:
    return PlanRequest(
        tight=tuple(_areas(args.tight, catalogue)),
        minutes=_minutes(args.minutes),
        run=_run_type(args.run),
        today=tuple(_areas(args.today, catalogue)),
        avoid=_avoid(args.avoid, catalogue),
    )


def preview(args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    try:
        routine = plan(request_from_args(args, catalogue), catalogue)
    except PlanError as error:
        raise UsageError(str(error)) from error
    if args.json:
        print(json.dumps(routine.to_dict(), indent=2))
    else:
        print(format_plan(routine, catalogue))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command == "plan":
            return preview(args)
        if args.command == "migrate":
            from bot.app import migrate_command

            return migrate_command()
        from bot.app import run_command

        return run_command()
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # Piped into `head`: the reader left, which is not an error of ours.
        sys.stderr.close()
        return 0
