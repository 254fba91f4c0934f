"""With the member cache on, every write through the repositories shows in the next read."""

from __future__ import annotations

import asyncio
from datetime import date

from sqlalchemy import event

from bot.storage import AvoidedStretches, CheckIns, Database, MemberData, Preferences, TightAreas

USER = 123_456_789_012_345_678


async def test_reads_after_writes_are_never_stale(database: Database) -> None:
    database.member_cache.enabled = True
    preferences = Preferences(database)
    tight, avoided, checkins = TightAreas(database), AvoidedStretches(database), CheckIns(database)

    async def areas() -> list[str]:
        return [a.area for a in (await preferences.read(USER, 6)).tight]

    assert await areas() == []
    await tight.add(USER, "calves")
    assert await areas() == ["calves"]
    assert await areas() == ["calves"]  # served from the cache
    assert database.member_cache.hits == 1
    await tight.add(USER, "glutes")
    await tight.reorder(USER, ["glutes"])
    assert await areas() == ["glutes", "calves"]
    await avoided.add(USER, "kneeling_lunge")
    assert [a.stretch_id for a in (await preferences.read(USER, 6)).avoided] == ["kneeling_lunge"]
    today = date.today()
    await checkins.record(USER, 1, today, {"glutes": 7}, None, None, None)
    assert [w.soreness for w in (await preferences.read(USER, 6)).history] == [{"glutes": 7}]
    await tight.remove(USER, "glutes")
    assert await areas() == ["calves"]
    await MemberData(database).delete(USER)
    assert await areas() == []


def _counting_statements(database: Database) -> list[str]:
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(database.engine.sync_engine, "before_cursor_execute", seen)
    return statements


async def test_a_members_commands_during_their_read_share_it(database: Database) -> None:
    # A backlog: five commands of one member arrive while their first read is under way;
    # they wait for it rather than each take a connection for the same rows.
    database.member_cache.enabled = True
    await TightAreas(database).add(USER, "calves")
    preferences = Preferences(database)
    statements = _counting_statements(database)
    alone = [a.area for a in (await Preferences(database).read(USER, 6)).tight]
    one_read = len(statements)
    database.member_cache.forget(USER)
    statements.clear()
    results = await asyncio.gather(*(preferences.read(USER, 6) for _ in range(5)))
    assert [[a.area for a in r.tight] for r in results] == [alone] * 5 == [["calves"]] * 5
    assert len(statements) == one_read


async def test_a_read_begun_before_a_write_is_not_shared_with_one_after_it(
    database: Database,
) -> None:
    # However the two reads interleave with the write, the one begun after it reads for
    # itself: two reads of the member's areas, and the second sees the write.
    database.member_cache.enabled = True
    preferences = Preferences(database)
    tight = TightAreas(database)
    statements = _counting_statements(database)
    before = asyncio.ensure_future(preferences.read(USER, 6))
    await asyncio.sleep(0)  # under way
    await tight.add(USER, "glutes")
    after = await preferences.read(USER, 6)
    await before
    assert [a.area for a in after.tight] == ["glutes"]
    reads = [s for s in statements if s.startswith("SELECT tight_areas.area")]
    assert len(reads) == 2
