"""Fitting payloads to Discord's limits: checked against the fake Discord's own checker, which
refuses what Discord refuses."""

from __future__ import annotations

from bot.rules import limits
from tests.fakediscord import limits as discord_limits


def test_fit_clips_with_an_ellipsis_only_when_needed() -> None:
    assert limits.fit("short", 10) == "short"
    clipped = limits.fit("x" * 30, 10)
    assert len(clipped) == 10 and clipped.endswith("…")


def test_join_within_never_cuts_a_mention() -> None:
    mentions = [f"<@{310000000000000000 + n}>" for n in range(200)]
    text = limits.join_within(mentions, limits.FIELD_VALUE)
    assert len(text) <= limits.FIELD_VALUE
    shown, more = text.rsplit(" and ", 1)
    assert all(part in mentions for part in shown.split(" "))
    assert more == f"{200 - len(shown.split(' '))} more"
    assert limits.join_within(mentions[:3], 100) == " ".join(mentions[:3])


def test_line_fields_keep_every_line_whole() -> None:
    lines = [f"{week:02d} Jan: 2 member(s)" for week in range(52)]
    fields = limits.line_fields("Check-ins per week", lines)
    assert len(fields) == 2
    assert fields[1]["name"] == "Check-ins per week (cont.)"
    assert all(len(f["value"]) <= limits.FIELD_VALUE for f in fields)
    assert "\n".join(f["value"] for f in fields).split("\n") == lines
    assert limits.line_fields("Areas", [])[0]["value"] == "none yet"


def test_an_oversized_message_fits_every_limit() -> None:
    huge = "word " * 3000
    message = {
        "content": huge,
        "embeds": [
            {
                "title": huge,
                "description": huge,
                "fields": [{"name": huge, "value": huge} for _ in range(40)],
                "footer": {"text": huge},
                "author": {"name": huge},
            }
            for _ in range(12)
        ],
        "components": [
            {
                "type": 1,
                "components": [{"type": 2, "style": 1, "label": huge, "custom_id": "a:1"}],
            }
        ],
    }
    assert discord_limits.message_errors(message)  # Discord would refuse it as it is

    fitted = limits.fit_message(message)

    assert discord_limits.message_errors(fitted) == {}
    assert fitted["embeds"][0]["title"].endswith("…")
    assert sum(limits.embed_size(e) for e in fitted["embeds"]) <= limits.EMBED_TOTAL


def test_a_message_within_the_limits_is_left_alone() -> None:
    message = {
        "content": "hello",
        "embeds": [{"title": "t", "description": "d", "fields": [{"name": "n", "value": "v"}]}],
    }
    fitted = limits.fit_message(message)
    assert fitted["content"] == "hello"
    assert fitted["embeds"][0]["fields"][0] == {"name": "n", "value": "v", "inline": False}


def test_choices_are_at_most_25_and_never_carry_a_clipped_value() -> None:
    pairs = [("n" * 300, f"v{n}") for n in range(40)] + [("long value", "x" * 101)]
    fitted = limits.choices(pairs)
    assert len(fitted) == 25
    assert all(len(name) <= 100 and len(value) <= 100 for name, value in fitted)
    assert ("long value", "x" * 101) not in fitted
    assert limits.choices([("Too long", "x" * 101), ("Ok", "ok")]) == [("Ok", "ok")]
