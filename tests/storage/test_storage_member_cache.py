"""With the member cache on, every write through the repositories shows in the next read."""

from __future__ import annotations

from datetime import date

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
