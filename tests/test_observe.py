"""Labels the bot gives what it counts: route templates and component names stay few."""

from __future__ import annotations

from datetime import UTC, datetime

import discord
import pytest

from bot.adapter.observe import acknowledgement_seconds, component_name, route_of


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/channels/1234567890123/messages", "/channels/{id}/messages"),
        ("/channels/12/messages/34", "/channels/{id}/messages/{id}"),
        (
            "/interactions/1234567890/aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpYeFl5WnpBYUJiQ2M/callback",
            "/interactions/{id}/{token}/callback",
        ),
        (
            "/webhooks/99/itoken-Ug-_6uWZsFMNH6LQFuriU/messages/@original",
            "/webhooks/{id}/{token}/messages/@original",
        ),
        ("/users/@me/channels", "/users/@me/channels"),
        ("/oauth2/applications/@me", "/oauth2/applications/@me"),
        (
            "/channels/5/messages/6/reactions/%F0%9F%91%8D/@me",
            "/channels/{id}/messages/{id}/reactions/{token}/@me",
        ),
    ],
)
def test_a_path_becomes_its_route_template(path: str, route: str) -> None:
    assert route_of(path) == route


@pytest.mark.parametrize(
    ("custom_id", "name"),
    [
        ("session:pause:42", "session:pause"),
        ("checkin:answer:1576709642149560464", "checkin:answer"),
        ("group:join:7", "group:join"),
        ("tight:clear:yes", "tight:clear:yes"),
        ("0a1b2c3d4e5f60718293a4b5c6d7e8f9", "unnamed"),  # discord.py's generated ids
        ("", "unnamed"),
    ],
)
def test_a_custom_id_names_its_component_without_its_ids(custom_id: str, name: str) -> None:
    assert component_name(custom_id) == name


def test_acknowledgement_is_timed_from_the_snowflake() -> None:
    created = 1_700_000_000.0
    snowflake = discord.utils.time_snowflake(datetime.fromtimestamp(created, UTC))
    assert acknowledgement_seconds(snowflake, created + 0.25) == pytest.approx(0.25, abs=0.002)
    assert acknowledgement_seconds(snowflake, created - 5) == 0.0  # a clock behind Discord's
