"""Routine and group cards as Discord JSON, so the bot can post them on its own too.

The cogs turn these into discord.py objects for answers; the delivery service posts them as
they are when a join window closes with nobody pressing anything.
"""

from __future__ import annotations

from typing import Any

from bot.rules.catalogue import Catalogue, Kind
from bot.rules.group import GroupTargets
from bot.rules.limits import (
    EMBED_DESCRIPTION,
    EMBED_TITLE,
    FIELD_VALUE,
    field,
    fit,
    fit_embed,
    join_within,
)
from bot.rules.members import GroupCooldown
from bot.rules.plan_text import clock, step_timing, targets_line, title
from bot.rules.routine import Routine
from bot.rules.session_text import BRAND_COLOUR, start_payload

# (label, Discord button style): 1 primary, 2 secondary, 3 success, 4 danger.
GROUP_LOOKS: dict[str, tuple[str, int]] = {
    "join": ("Join", 3),
    "leave": ("Leave", 2),
    "build": ("Build routine", 1),
    "cancel": ("Cancel", 4),
}


def routine_card(
    routine: Routine, catalogue: Catalogue, heading: str | None = None
) -> dict[str, Any]:
    """The routine as a card a runner can read at a glance on a phone."""
    lines = [f"*{targets_line(routine, catalogue)}*", ""]
    start = 0
    for step in routine.steps:
        if step.kind is Kind.REMINDER:
            lines.append(f"💧 **{step.name}**: {step.how}")
            continue
        lines.append(f"`{clock(start)}` **{step.name}** · {step_timing(step)}")
        if step.kind is Kind.STRETCH:
            lines.append(f"   ↳ {step.cue}")
        start += step.seconds
    fields = [field("Why", note) for note in routine.notes[:3]]
    if routine.left_out:
        left = "\n".join(f"• {item.what}: {item.why}" for item in routine.left_out)
        fields.append(field("Left out", left))
    return fit_embed(
        {
            "title": fit(heading or title(routine, catalogue), EMBED_TITLE),
            "description": fit("\n".join(lines), EMBED_DESCRIPTION),
            "color": BRAND_COLOUR,
            "fields": fields,
            "footer": {
                "text": f"Total {clock(routine.total_seconds)} of {routine.minutes}:00 · "
                "holds 20-30 s, no bouncing, breathe out into each stretch"
            },
        }
    )


def group_id(action: str, group_id: int) -> str:
    return f"group:{action}:{group_id}"


def group_open_card(group: GroupCooldown, members: list[int], run_label: str) -> dict[str, Any]:
    closes = f"<t:{round(group.closes_at.timestamp())}:R>"
    joined = join_within([f"<@{m}>" for m in members], FIELD_VALUE) or "nobody yet"
    return {
        "title": f"Group cooldown after the {run_label}: {group.minutes} min",
        "description": (
            f"Led by <@{group.leader_id}>. Press **Join** and the routine will cover the "
            f"areas most of you listed with `/tight add`.\nJoining closes {closes}, or "
            "when the leader presses **Build routine**."
        ),
        "color": BRAND_COLOUR,
        "fields": [field(f"Joined ({len(members)})", joined)],
    }


def group_routine_card(
    group: GroupCooldown,
    routine: Routine,
    targets: GroupTargets,
    catalogue: Catalogue,
    run_label: str,
) -> dict[str, Any]:
    card = routine_card(
        routine, catalogue, f"Group cooldown after the {run_label}: {group.minutes} min"
    )
    covers = ", ".join(f"{catalogue.area_name(a)} ({targets.share(a)})" for a in targets.areas)
    runners = join_within([f"<@{m}>" for m in targets.members], FIELD_VALUE)
    card["fields"] = [
        field("Covers", covers or "general areas"),
        field(f"For {len(targets.members)}", runners),
        *card["fields"],
    ]
    return fit_embed(card)


def called_off_card() -> dict[str, Any]:
    return {"title": "Group cooldown called off", "color": BRAND_COLOUR}


def group_routine_message(card: dict[str, Any], card_key: int) -> dict[str, Any]:
    return {"content": "", "embeds": [card], **start_payload(card_key)}
