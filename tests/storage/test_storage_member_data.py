"""A member's data, whole: every table and column that can hold a member's id, found by reading
the schema itself, is filled for two members; after one asks to be deleted, no column holds
their id any more, and the other member's data is whole (less the deleted member's name)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, String, Text, select

from bot.rules.delivery import Action, Outgoing
from bot.rules.members import CardDraft
from bot.rules.privacy import NOBODY
from bot.rules.session_text import card_snapshot
from bot.storage import (
    AvoidedStretches,
    CheckIns,
    CheckInSchedules,
    CooldownSessions,
    Database,
    GroupCooldowns,
    MemberData,
    TightAreas,
)
from bot.storage.deliveries import Deliveries, add_in, supersede_edits_in
from bot.storage.member_data import member_columns
from bot.storage.models import Base, CooldownSessionRow
from tests.test_session_engine import TINY

ALICE, BOB = 310000000000000001, 310000000000000002
GUILD, OTHER_GUILD, CHANNEL = 500000000000000001, 500000000000000002, 600000000000000001

# Id and text columns that can never hold a member: anything else must say in models.py
# whether it does (info=OWNER, REFERENCE or MENTIONS), or this list must name it.
NEVER_A_MEMBER = {
    "tight_areas.area",
    "tight_areas.note",  # the member's own words, in the member's own row
    "avoided_stretches.stretch_id",
    "group_cooldowns.guild_id",
    "group_cooldowns.channel_id",
    "group_cooldowns.message_id",
    "group_cooldowns.run",
    "group_cooldowns.state",
    "cooldown_sessions.guild_id",
    "cooldown_sessions.channel_id",
    "cooldown_sessions.card_message_id",
    "cooldown_sessions.card_key",
    "cooldown_sessions.thread_id",
    "cooldown_sessions.control_message_id",
    "cooldown_sessions.state",
    "checkin_schedules.guild_id",
    "checkin_schedules.channel_id",
    "checkin_schedules.local_time",
    "checkin_schedules.timezone",
    "checkin_posts.guild_id",
    "checkin_posts.channel_id",
    "checkin_posts.message_id",
    "checkin_posts.state",
    "checkin_posts.error",
    "checkins.guild_id",
    "checkins.soreness",
    "checkins.efficiency",
    "checkins.note",  # the member's own words, in the member's own row
    "deliveries.stream",
    "deliveries.guild_id",
    "deliveries.action",
    "deliveries.target_message_id",
    "deliveries.label",
    "deliveries.state",
    "deliveries.message_id",
    "deliveries.error",
    "deliveries.lease_owner",
    "leases.resource",
    "leases.owner",
}


def declared() -> dict[str, str]:
    """Every column declared to hold a member: "table.column" -> role."""
    return {
        f"{table.name}.{column.name}": role
        for role in ("owner", "reference", "mentions")
        for table, column in member_columns(role)
    }


def test_every_id_and_text_column_says_whether_it_holds_a_member() -> None:
    undecided = [
        f"{table.name}.{column.name}"
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, (BigInteger, String, Text))
        and not column.primary_key
        and "member" not in column.info
        and f"{table.name}.{column.name}" not in NEVER_A_MEMBER
    ]
    assert not undecided, f"say whether these can hold a member's id: {undecided}"
    assert not set(declared()) & NEVER_A_MEMBER


async def seed(database: Database) -> None:
    """Two members, each with something in every table that can name a member."""
    closes_at = datetime.now(UTC) + timedelta(minutes=10)
    groups, cards, deliveries = (
        GroupCooldowns(database),
        CooldownSessions(database),
        Deliveries(database),
    )
    for me, other, guild in ((ALICE, BOB, GUILD), (BOB, ALICE, OTHER_GUILD)):
        await TightAreas(database).add(me, "calves", note="after hills")
        await AvoidedStretches(database).add(me, "pigeon")
        await CheckIns(database).record(me, guild, datetime.now(UTC).date(), {"calves": 4})
        await CheckInSchedules(database).set(guild, CHANNEL, 6, "18:00", "Europe/London", me)
        group = await groups.create(guild, CHANNEL, me, 10, "easy", closes_at)
        await groups.join(group.id, me)
        await groups.join(group.id, other)
        # A card of the member's own, and the group's card listing both runners.
        await cards.create(
            guild_id=guild, channel_id=CHANNEL, owner_id=me, snapshot=card_snapshot(TINY)
        )
        await cards.create(
            guild_id=guild,
            channel_id=CHANNEL,
            owner_id=me,
            snapshot=card_snapshot(TINY, (me, other)),
            group_id=group.id,
        )
        await deliveries.add(
            [
                Outgoing(
                    stream=f"group:{group.id}",
                    channel_id=CHANNEL,
                    guild_id=guild,
                    label="the group card",
                    payload={"content": f"Led by <@{me}>; joined: <@{me}> <@!{other}>"},
                ),
                Outgoing(
                    stream=f"organiser:{me}",
                    channel_id=me,
                    guild_id=guild,
                    label="a note to the organiser",
                    payload={"content": "The weekly check-in could not be posted."},
                    action=Action.DIRECT,
                ),
            ]
        )


async def every_row(database: Database) -> dict[str, list[dict[str, Any]]]:
    async with database.engine.connect() as connection:
        return {
            table.name: [dict(row._mapping) for row in await connection.execute(select(table))]
            for table in Base.metadata.sorted_tables
        }


def holds(value: Any, member: int) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return value == member
    return isinstance(value, str) and str(member) in value


def cells_holding(rows: dict[str, list[dict[str, Any]]], member: int) -> set[str]:
    return {
        f"{table}.{column}"
        for table, table_rows in rows.items()
        for row in table_rows
        for column, value in row.items()
        if holds(value, member)
    }


async def test_delete_leaves_no_trace_of_the_member_in_any_column(database: Database) -> None:
    await seed(database)
    before = await every_row(database)
    # The seed reaches every declared column: each one is checked below, none by luck.
    assert cells_holding(before, ALICE) >= set(declared())

    forgotten = await MemberData(database).delete(ALICE)

    after = await every_row(database)
    assert cells_holding(after, ALICE) == set(), cells_holding(after, ALICE)
    assert forgotten.deleted == {
        "tight_areas": 1,
        "avoided_stretches": 1,
        "group_members": 2,
        "cooldown_sessions": 2,
        "checkins": 1,
        "deliveries": 1,
    }
    assert forgotten.anonymised == {
        "group_cooldowns": 1,
        "checkin_schedules": 1,
        "cooldown_sessions": 1,
        "deliveries": 2,
    }
    # Bob's data is whole: every row of his is still there, only Alice is gone from it.
    assert cells_holding(after, BOB) == cells_holding(before, BOB)
    bobs_card = next(
        row for row in after["cooldown_sessions"] if row["owner_id"] == BOB and row["group_id"]
    )
    assert json.loads(bobs_card["snapshot"])["members"] == [BOB]
    assert (
        json.loads(bobs_card["snapshot"])["routine"] == json.loads(card_snapshot(TINY))["routine"]
    )
    alice_group = next(row for row in after["group_cooldowns"] if row["guild_id"] == GUILD)
    assert alice_group["leader_id"] == NOBODY
    posts = [json.loads(row["payload"])["content"] for row in after["deliveries"]]
    assert "Led by <@310000000000000002>; joined: <@310000000000000002> a former member" in posts
    assert "Led by a former member; joined: a former member <@!310000000000000002>" in posts
    assert await GroupCooldowns(database).members(alice_group["id"]) == [BOB]
    # Deleting again finds nothing left.
    again = await MemberData(database).delete(ALICE)
    assert not any(again.deleted.values()) and not any(again.anonymised.values())


async def test_export_holds_everything_stored_about_the_member(database: Database) -> None:
    await seed(database)

    exported = await MemberData(database).export(ALICE)

    assert json.loads(json.dumps(exported)) == exported
    assert [a["area"] for a in exported["tight_areas"]] == ["calves"]
    assert [s["stretch_id"] for s in exported["avoided_stretches"]] == ["pigeon"]
    assert [c["soreness"] for c in exported["checkins"]] == [{"calves": 4}]
    assert len(exported["group_memberships"]) == 2
    assert len(exported["cooldown_sessions"]) == 2
    assert exported["cooldown_sessions"][0]["routine"]["minutes"] == TINY.minutes
    assert len(exported["sessions_you_joined"]) == 1  # Bob's group session listed Alice
    [led] = exported["group_cooldowns_you_led"]
    assert (led["guild_id"], led["minutes"]) == (GUILD, 10)
    [schedule] = exported["checkin_schedules_you_set"]
    assert (schedule["guild_id"], schedule["local_time"]) == (GUILD, "18:00")
    [note] = exported["messages_to_you"]
    assert note["content"] == "The weekly check-in could not be posted."
    assert len(exported["posts_mentioning_you"]) == 2
    # Nothing of Bob's leaks into Alice's export: not his id, not his scores.
    assert str(BOB) not in json.dumps(exported)


async def test_forgetting_a_member_waits_for_a_session_saving_and_never_deadlocks_it(
    database: Database,
) -> None:
    # A session lists member 2 and has a post mentioning them. The session saves as it runs
    # (its row, then its posts) while member 2 asks to be forgotten: the deletion must take
    # the same locks in the same order, or PostgreSQL fails one of the two.
    member = 222222222222222222
    cards = CooldownSessions(database)
    await cards.create_many([CardDraft(42, 5, 77, 1, card_snapshot(TINY, (1, member)))])
    card = await cards.by_key(42)
    assert card is not None
    edit = Outgoing(
        f"session:{card.id}", 77, 5, "step", {"content": f"with <@{member}>"}, Action.EDIT, 901
    )
    async with database.session() as session:
        add_in(session, [edit])

    async with database.session() as saving:
        await saving.execute(
            select(CooldownSessionRow.id).where(CooldownSessionRow.id == card.id).with_for_update()
        )
        forgetting = asyncio.create_task(MemberData(database).delete(member))
        await asyncio.sleep(0.5)  # the deletion goes as far as the session's lock lets it
        await supersede_edits_in(saving, [edit])
    forgotten = await forgetting

    assert forgotten.anonymised.get("cooldown_sessions") == 1
    assert forgotten.anonymised.get("deliveries") == 1
