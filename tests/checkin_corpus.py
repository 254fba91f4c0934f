"""Check-in replies as runners type them, with what the parser should make of each.

Each case gives the member's expected areas (their tight list when the check-in was posted) and
the full expected reading. `known_miss` marks a case the parser does not get right yet, with why:
those still count in the accuracy figure, and their own test is an expected failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.rules.checkins.parser import Efficiency

B, S, W = Efficiency.BETTER, Efficiency.SAME, Efficiency.WORSE

CALVES_GLUTES = ("calves", "glutes")
THREE = ("calves", "glutes", "hamstrings")


@dataclass(frozen=True)
class Case:
    text: str
    expected_areas: tuple[str, ...] = CALVES_GLUTES
    soreness: dict[str, int] = field(default_factory=dict)
    movement: int | None = None
    efficiency: Efficiency | None = None
    note: str | None = None
    unread: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    untracked: tuple[str, ...] = ()
    is_checkin: bool = True
    known_miss: str = ""


CORPUS: tuple[Case, ...] = (
    # -- the everyday shapes ------------------------------------------------------------------
    Case(
        "calves 3, glutes 6, efficiency better, legs felt fresh",
        soreness={"calves": 3, "glutes": 6},
        efficiency=B,
        note="legs felt fresh",
    ),
    Case(
        "Calves 2 glutes 4 hamstrings 3. Running felt about the same.",
        THREE,
        soreness={"calves": 2, "glutes": 4, "hamstrings": 3},
        efficiency=S,
    ),
    Case(
        "calves 3 glutes 6 efficiency better legs felt fresh",
        soreness={"calves": 3, "glutes": 6},
        efficiency=B,
        note="legs felt fresh",
    ),
    Case(
        "calves 3/10\nglutes 5/10\nmovement 8/10\neff better",
        soreness={"calves": 3, "glutes": 5},
        movement=8,
        efficiency=B,
    ),
    Case(
        "Calves: 5\nGlutes: 7\nDaily movement: 6\nEfficiency: worse\n"
        "Notes: long run on Sunday wrecked me",
        soreness={"calves": 5, "glutes": 7},
        movement=6,
        efficiency=W,
        note="long run on Sunday wrecked me",
    ),
    Case(
        "Calves 2/10, Glutes 5/10, Hip Flexors 3/10. Efficiency: better. Movement: 9/10. "
        "Felt great on the long run.",
        ("calves", "glutes", "hip_flexors"),
        soreness={"calves": 2, "glutes": 5, "hip_flexors": 3},
        movement=9,
        efficiency=B,
        note="Felt great on the long run",
    ),
    Case("calves:3,glutes:4,eff:better", soreness={"calves": 3, "glutes": 4}, efficiency=B),
    Case(
        "calves 3 glutes 5 hams 4 movement 7 eff better",
        THREE,
        soreness={"calves": 3, "glutes": 5, "hamstrings": 4},
        movement=7,
        efficiency=B,
    ),
    Case(
        "• calves 2\n• glutes 5\n• efficiency better",
        soreness={"calves": 2, "glutes": 5},
        efficiency=B,
    ),
    Case("calves - 2 | glutes - 4", soreness={"calves": 2, "glutes": 4}),
    Case("calves = 1; glutes = 3", soreness={"calves": 1, "glutes": 3}),
    Case("calves 3 / glutes 5", soreness={"calves": 3, "glutes": 5}),
    Case(
        "calves 3 and glutes 6 and hamstrings 2",
        THREE,
        soreness={"calves": 3, "glutes": 6, "hamstrings": 2},
    ),
    Case(
        "hamstrings 4 glutes5",
        ("hamstrings", "glutes"),
        soreness={"hamstrings": 4, "glutes": 5},
    ),
    Case("sore calves 7, glutes ok 2", soreness={"calves": 7, "glutes": 2}),
    Case(
        "calves 5 glutes 6 hamstrings 7 adductors 3 quads 2",
        ("calves", "glutes", "hamstrings", "adductors", "quads"),
        soreness={"calves": 5, "glutes": 6, "hamstrings": 7, "adductors": 3, "quads": 2},
    ),
    # -- aliases ------------------------------------------------------------------------------
    Case(
        "hammies 4, IT band 2, low back: 5",
        ("hamstrings", "it_band", "lower_back"),
        soreness={"hamstrings": 4, "it_band": 2, "lower_back": 5},
    ),
    Case("achilles 4, butt 3", soreness={"calves": 4, "glutes": 3}),
    Case(
        "Back 3, neck 2, shoulders 1",
        ("lower_back", "neck", "shoulders"),
        soreness={"lower_back": 3, "neck": 2, "shoulders": 1},
    ),
    Case("groin 4", ("adductors",), soreness={"adductors": 4}),
    Case("piriformis 6", ("it_band",), soreness={"it_band": 6}),
    Case(
        "lower-back 4, upper back 2",
        ("lower_back", "shoulders"),
        soreness={"lower_back": 4, "shoulders": 2},
    ),
    Case(
        "hamstring 4, hip flexor 6",
        ("hamstrings", "hip_flexors"),
        soreness={"hamstrings": 4, "hip_flexors": 6},
    ),
    Case(
        "calves 2 glutes 3 hips 4",
        ("calves", "glutes", "hip_flexors"),
        soreness={"calves": 2, "glutes": 3, "hip_flexors": 4},
    ),
    Case("butt 6 lol", ("glutes",), soreness={"glutes": 6}, note="lol"),
    # -- numbers ------------------------------------------------------------------------------
    Case("calves 3/10; glutes six", soreness={"calves": 3, "glutes": 6}),
    Case("glutes six, calves four", soreness={"calves": 4, "glutes": 6}),
    Case("calves zero glutes two", soreness={"calves": 0, "glutes": 2}),
    Case("3 calves, 5 glutes", soreness={"calves": 3, "glutes": 5}),
    Case("3 calves 6 glutes", soreness={"calves": 3, "glutes": 6}),
    Case("8/10 movement, calves 3", soreness={"calves": 3}, movement=8, missing=("glutes",)),
    Case("calves 4.5, glutes 2", soreness={"calves": 5, "glutes": 2}),
    Case("calves 0.5 glutes 2.4", soreness={"calves": 1, "glutes": 2}),
    Case("calves 3 out of 10, glutes 4ish", soreness={"calves": 3, "glutes": 4}),
    Case("calves 10/10 😭 glutes 9", soreness={"calves": 10, "glutes": 9}),
    Case(
        "Glutes are about 6 today, hams maybe 4ish",
        ("glutes", "hamstrings"),
        soreness={"glutes": 6, "hamstrings": 4},
    ),
    Case("calves 2 but glutes up to 6", soreness={"calves": 2, "glutes": 6}),
    # -- typos --------------------------------------------------------------------------------
    Case(
        "calfs 2, glutse 5, hamstirngs 3",
        THREE,
        soreness={"calves": 2, "glutes": 5, "hamstrings": 3},
    ),
    Case("cavles 3 gluts 5", soreness={"calves": 3, "glutes": 5}),
    Case(
        "hip flexers 4, lowerback 3",
        ("hip_flexors", "lower_back"),
        soreness={"hip_flexors": 4, "lower_back": 3},
    ),
    Case(
        "hamstrngs 5, efficency better",
        ("hamstrings",),
        soreness={"hamstrings": 5},
        efficiency=B,
    ),
    Case(
        "movment 7 calves 2",
        soreness={"calves": 2},
        movement=7,
        missing=("glutes",),
    ),
    # -- movement and efficiency --------------------------------------------------------------
    Case(
        "daily movement 8/10, running felt better",
        movement=8,
        efficiency=B,
        missing=CALVES_GLUTES,
    ),
    Case("moving easy 8, calves 2, glutes 2", soreness={"calves": 2, "glutes": 2}, movement=8),
    Case(
        "movement 7, running better, calves 3",
        soreness={"calves": 3},
        movement=7,
        efficiency=B,
        missing=("glutes",),
    ),
    Case(
        "efficiency: same. moving: 7/10. calves 0, glutes 1",
        soreness={"calves": 0, "glutes": 1},
        movement=7,
        efficiency=S,
    ),
    Case(
        "running felt way easier this week! calves 2",
        soreness={"calves": 2},
        efficiency=B,
        missing=("glutes",),
    ),
    Case(
        "runs feel harder, glutes 7, hamstrings 6",
        ("glutes", "hamstrings"),
        soreness={"glutes": 7, "hamstrings": 6},
        efficiency=W,
    ),
    Case(
        "calves three, glutes 5. no change in efficiency",
        soreness={"calves": 3, "glutes": 5},
        efficiency=S,
    ),
    Case(
        "hip flexors 5 glutes 5 lower back 4 efficiency no change",
        ("hip_flexors", "glutes", "lower_back"),
        soreness={"hip_flexors": 5, "glutes": 5, "lower_back": 4},
        efficiency=S,
    ),
    Case(
        "quads 7 after the race, movement 5, efficiency worse",
        ("quads",),
        soreness={"quads": 7},
        movement=5,
        efficiency=W,
        note="after the race",
    ),
    Case("no change", efficiency=S, missing=CALVES_GLUTES),
    Case("unchanged", efficiency=S, missing=CALVES_GLUTES),
    Case("better", efficiency=B, missing=CALVES_GLUTES),
    Case("eff worse", efficiency=W, missing=CALVES_GLUTES),
    # Movement named as the check-in names it, in words with no number: asked about, as an
    # area in words is, unless it is only said to be fine: kept in the note (tests/corpus/
    # README.md, dev6.jsonl and dev21.jsonl).
    Case(
        "Movement is fine, calves 3",
        soreness={"calves": 3},
        note="Movement is fine",
        missing=("glutes",),
    ),
    Case(
        "Movement stiff, calves 3",
        soreness={"calves": 3},
        unread=("Movement stiff",),
        missing=("glutes",),
    ),
    # -- notes --------------------------------------------------------------------------------
    Case(
        "calves 3 after the long run, glutes 2",
        soreness={"calves": 3, "glutes": 2},
        note="after the long run",
    ),
    Case(
        "Calves 3. Glutes 6. Legs felt heavy on Sunday!",
        soreness={"calves": 3, "glutes": 6},
        efficiency=W,
        note="Legs felt heavy on Sunday",
    ),
    Case(
        "calves 4 (left worse than right), glutes 3",
        soreness={"calves": 4, "glutes": 3},
        note="left worse than right",
    ),
    Case(
        "eff worse, calves 6 glutes 7 - tough week at work",
        soreness={"calves": 6, "glutes": 7},
        efficiency=W,
        note="tough week at work",
    ),
    Case(
        "calves 3\n\nglutes 5\n\nfelt good, ran a 10k PB!",
        soreness={"calves": 3, "glutes": 5},
        note="felt good; ran a 10k PB",
    ),
    Case(
        "calves 6 again. Third week in a row.",
        soreness={"calves": 6},
        note="again; Third week in a row",
        missing=("glutes",),
    ),
    Case("all good, calves 1 glutes 1", soreness={"calves": 1, "glutes": 1}, note="all good"),
    Case(
        "glutes 6 hamstrings 6 efficiency better. hamstrings still tight after intervals",
        ("glutes", "hamstrings"),
        soreness={"glutes": 6, "hamstrings": 6},
        efficiency=B,
        note="hamstrings still tight after intervals",
    ),
    Case(
        "calves better, glutes worse",
        unread=("calves better", "glutes worse"),
        missing=CALVES_GLUTES,
    ),
    Case(
        "one more week of base, calves 2",
        soreness={"calves": 2},
        note="one more week of base",
        missing=("glutes",),
    ),
    Case(
        "back to one run a week for now",
        ("lower_back",),
        note="back to one run a week for now",
        missing=("lower_back",),
        is_checkin=False,
    ),
    # -- n/a, none, everything ----------------------------------------------------------------
    Case("none", missing=CALVES_GLUTES, is_checkin=False),
    Case("n/a", missing=CALVES_GLUTES, is_checkin=False),
    Case("nothing sore this week", soreness={"calves": 0, "glutes": 0}),
    Case("calves n/a, glutes none", soreness={"glutes": 0}),
    Case(
        "calves n/a - didn't run this week",
        note="didn't run this week",
        missing=("glutes",),
    ),
    Case(
        "calves: 3, glutes: n/a (didn't run hills)",
        soreness={"calves": 3},
        note="didn't run hills",
    ),
    Case(
        "calves 3, glutes 4, hamstrings n/a",
        THREE,
        soreness={"calves": 3, "glutes": 4},
    ),
    Case("rest 2", soreness={"calves": 2, "glutes": 2}),
    Case("everything 1", THREE, soreness={"calves": 1, "glutes": 1, "hamstrings": 1}),
    Case(
        "calves 5, everything else 0",
        THREE,
        soreness={"calves": 5, "glutes": 0, "hamstrings": 0},
    ),
    Case(
        "rest day on sunday, calves 2 glutes 2",
        soreness={"calves": 2, "glutes": 2},
        note="rest day on sunday",
    ),
    # -- sides and repeats --------------------------------------------------------------------
    Case(
        "left calf 4 right calf 6, glutes 2",
        soreness={"calves": 6, "glutes": 2},
        note="left calf 4; right calf 6",
    ),
    Case(
        "my left glute is a 7, right one 5",
        ("glutes",),
        soreness={"glutes": 7},
        note="left glute is a 7, right one 5",
    ),
    Case("glutes 6 glutes 6", ("glutes",), soreness={"glutes": 6}),
    Case(
        "calves 3 calves 5, glutes 2",
        soreness={"glutes": 2},
        unread=("calves 3", "calves 5"),
        missing=("calves",),
    ),
    Case(
        "movement 7, movement 4, calves 1, glutes 1",
        soreness={"calves": 1, "glutes": 1},
        unread=("movement 7", "movement 4"),
    ),
    # -- malformed ----------------------------------------------------------------------------
    Case(
        "shins 4, calves 2, glutes 1",
        soreness={"calves": 2, "glutes": 1},
        note="shins 4",
        untracked=("shins",),
    ),
    Case("knee 5", note="knee 5", missing=CALVES_GLUTES, untracked=("knees",)),
    Case(
        "feet 3, calves 2",
        soreness={"calves": 2},
        note="feet 3",
        missing=("glutes",),
        untracked=("feet",),
    ),
    Case("legs 5", unread=("legs 5",), missing=CALVES_GLUTES),
    Case(
        "calves twelve, glutes 3",
        soreness={"glutes": 3},
        unread=("calves twelve",),
        missing=("calves",),
    ),
    Case("calves 11", unread=("calves 11",), missing=CALVES_GLUTES),
    # A range is read as its higher end, as a coach notes the worse of two sides.
    Case("calves 3-4, glutes 2", soreness={"calves": 4, "glutes": 2}),
    Case("calves 3 or 4", soreness={"calves": 4}, missing=("glutes",)),
    Case(
        "calves 5-3, glutes 2", soreness={"glutes": 2}, unread=("calves 5-3",), missing=("calves",)
    ),
    # A range on another scale is asked about; a score out of 5 is turned into tenths once a
    # second score said on a scale shows it (a lone "3/5": out of 5, a range or a date?).
    Case("calves 3-4/5", unread=("calves 3-4/5",), missing=CALVES_GLUTES),
    Case("calves 3/5", unread=("calves 3/5",), missing=CALVES_GLUTES),
    Case("calves 3/5 glutes 1/5", soreness={"calves": 6, "glutes": 2}),
    Case("calves 3 glutes", soreness={"calves": 3}, unread=("glutes",), missing=("glutes",)),
    Case("glutes tight", unread=("glutes tight",), missing=CALVES_GLUTES),
    Case("efficiency 7", unread=("efficiency 7",), missing=CALVES_GLUTES),
    Case(
        "efficiency not better",
        unread=("efficiency not better",),
        missing=CALVES_GLUTES,
    ),
    Case(
        "running 3 times this week, calves 2",
        soreness={"calves": 2},
        note="running 3 times this week",
        missing=("glutes",),
    ),
    # A short form of an area the member was asked about is that area; of any other, asked.
    Case("quds 4", ("quads",), soreness={"quads": 4}),
    Case("qds 4", ("calves",), unread=("qds 4",), missing=("calves",)),
    # A score gone down by an arrow, said of no time: where it ended, as "5 on Monday, 3 by
    # Friday" is (six writers of eight: tests/corpus/README.md, dev21.jsonl).
    Case("calves 5→3, glutes 2", soreness={"calves": 3, "glutes": 2}, note="calves 5→3"),
    Case(
        "calves 6/10 -> 4/10, glutes 2",
        soreness={"calves": 4, "glutes": 2},
        note="calves 6/10 -> 4/10",
    ),
    Case("calves 5→3 now, glutes 2", soreness={"calves": 3, "glutes": 2}, note="calves 5→3"),
    Case(
        "hams 3 calves 2 glutes 5 mvmt 8 eff same",
        THREE,
        soreness={"hamstrings": 3, "calves": 2, "glutes": 5},
        movement=8,
        efficiency=S,
    ),
    Case(
        "Calves were a 4 this week, glutes around 5. Running felt smoother.",
        soreness={"calves": 4, "glutes": 5},
        efficiency=B,
    ),
    Case(
        "calf 5/10 (mostly the left), glute 3/10",
        soreness={"calves": 5, "glutes": 3},
        note="mostly the left",
    ),
    Case("Week 6: calves 3, glutes 4", soreness={"calves": 3, "glutes": 4}, note="Week 6"),
    Case("", missing=CALVES_GLUTES, is_checkin=False),
    Case("👍", missing=CALVES_GLUTES, is_checkin=False),
    Case("better, worse", unread=("better", "worse"), missing=CALVES_GLUTES),
    # -- several areas, one score each, in order ---------------------------------------------
    Case(
        "calves, glutes, hams: 3, 4, 2", THREE, soreness={"calves": 3, "glutes": 4, "hamstrings": 2}
    ),
    Case("calves and glutes 3 and 4", soreness={"calves": 3, "glutes": 4}),
    Case("calves 3 of 10, glutes 4 of 10", soreness={"calves": 3, "glutes": 4}),
    Case(
        "glutes 4 (6 on the left), calves 3",
        soreness={"calves": 3, "glutes": 6},
        note="glutes 4 (6 on the left)",
    ),
    Case("movement-wise 8, calves 3, glutes 4", soreness={"calves": 3, "glutes": 4}, movement=8),
    Case(
        "Calves: low, glutes 2",
        soreness={"glutes": 2},
        unread=("Calves: low",),
        missing=("calves",),
    ),
    Case(
        "The hamstrings have been grumbling all week, I'd put them at a 5",
        ("hamstrings", "calves"),
        soreness={"hamstrings": 5},
        note="grumbling all week",
        missing=("calves",),
    ),
    Case("calves 3½, glutes 2", soreness={"calves": 4, "glutes": 2}),
    Case(
        "Calves: 3 → 2 (improving!)\nGlutes: 4",
        soreness={"calves": 2, "glutes": 4},
        note="Calves: 3 → 2; improving",
    ),
    Case("haha same", note="haha same", missing=CALVES_GLUTES, is_checkin=False),
    Case(
        "calves 3 glutes 2 movement 8, long run felt like a 7/10 effort",
        soreness={"calves": 3, "glutes": 2},
        movement=8,
        note="long run felt like a 7/10 effort",
    ),
    Case("no calf soreness, glutes 2", soreness={"calves": 0, "glutes": 2}),
    Case("pain-free calves this week, glutes 2", soreness={"calves": 0, "glutes": 2}),
    Case("Calves not an issue this week. Glutes 3.", soreness={"calves": 0, "glutes": 3}),
    Case(
        "Not a single niggle anywhere! Movement 10",
        soreness={"calves": 0, "glutes": 0},
        movement=10,
    ),
    Case("no soreness in calves or glutes", soreness={"calves": 0, "glutes": 0}),
    Case(
        "calves and glutes were sore after the race, I'd say a 4",
        soreness={"calves": 4, "glutes": 4},
        note="after the race",
    ),
    Case(
        "hammies were grumpy after the long run, I'd call it a 5",
        ("hamstrings",),
        soreness={"hamstrings": 5},
        note="grumpy after the long run",
    ),
    # -- scores said once for another area, or in rows ---------------------------------------
    Case(
        "quads and hams 2 and 4 respectively",
        ("quads", "hamstrings"),
        soreness={"quads": 2, "hamstrings": 4},
    ),
    Case("calves 2, same for glutes", soreness={"calves": 2, "glutes": 2}),
    Case("calves 2 glutes ditto", soreness={"calves": 2, "glutes": 2}),
    Case("calves 3, glutes too", soreness={"calves": 3, "glutes": 3}),
    Case(
        "calves 3, glutes same as last week",
        soreness={"calves": 3},
        unread=("glutes same as last week",),
        missing=("glutes",),
    ),
    Case("Calves | Glutes\n3 | 4", soreness={"calves": 3, "glutes": 4}),
    Case("calves, glutes\n2, 5", soreness={"calves": 2, "glutes": 5}),
    Case("calves/glutes 3/4", soreness={"calves": 3, "glutes": 4}),
    Case("all zeros", soreness={"calves": 0, "glutes": 0}),
    Case(
        "nothing to report, all good! 0s across the board",
        soreness={"calves": 0, "glutes": 0},
        note="nothing to report; all good",
    ),
    Case("glutes 3, calves not even a little sore", soreness={"calves": 0, "glutes": 3}),
    Case("calves: 3 (was 5), glutes: 2", soreness={"calves": 3, "glutes": 2}, note="was 5"),
    Case(
        "glutes 2/4 (L/R), calves 1",
        soreness={"calves": 1, "glutes": 4},
        note="glutes 2/4 (L/R)",
    ),
    Case(
        "calves 10/10 jk 3, glutes 2",
        soreness={"calves": 3, "glutes": 2},
        note="jk",
    ),
    Case(
        "my calves and glutes hurt after the hills. Both about 3.",
        soreness={"calves": 3, "glutes": 3},
        note="hurt after the hills",
    ),
    Case(
        "calves 2 on monday, 6 by friday, 4 today. glutes 1",
        soreness={"calves": 4, "glutes": 1},
        note="on monday; by friday",
    ),
    Case(
        "Calves 3, glutes... sorry, wrong list. Calves 3, quads 2",
        ("calves", "quads"),
        soreness={"calves": 3, "quads": 2},
        note="glutes; sorry; wrong list",
    ),
    Case(
        "my legs hurt, is that normal?",
        note="is that normal",
        unread=("my legs hurt",),
        missing=CALVES_GLUTES,
    ),
    Case(
        "calves 3 glutes 2, energy 6, sleep was a 5. Ran slower on purpose",
        soreness={"calves": 3, "glutes": 2},
        note="energy 6; sleep was a 5; Ran slower on purpose",
    ),
    Case(
        "calves 3 glutes 2, HR 145 avg, 1,200 m of climbing, way easier than week 6",
        soreness={"calves": 3, "glutes": 2},
        efficiency=B,
        note="HR 145 avg; 1,200 m of climbing; way easier than week 6",
    ),
    Case(
        "calves 3 glutes 2, same as the example lol",
        soreness={"calves": 3, "glutes": 2},
        note="same as the example lol",
    ),
    Case("calves somewhere between 3 and 4, glutes 2", soreness={"calves": 4, "glutes": 2}),
    Case("calves 3 maybe 4, glutes 2", soreness={"calves": 4, "glutes": 2}),
    Case(
        "calves 3 outta 10, glutes 2, mob 8, eff ↑",
        soreness={"calves": 3, "glutes": 2},
        movement=8,
        efficiency=B,
    ),
    Case("calves ↑ glutes 2", soreness={"glutes": 2}, unread=("calves ↑",), missing=("calves",)),
    # "fine" is no number: the writers of the independent sets ask about it, however put.
    Case(
        "calves totally fine, glutes 2",
        soreness={"glutes": 2},
        unread=("calves totally fine",),
        missing=("calves",),
    ),
    Case("glutes 2, nothing else sore", soreness={"calves": 0, "glutes": 2}),
    Case("no soreness except glutes 2", soreness={"calves": 0, "glutes": 2}, note="except"),
    Case(
        "calves/glutes/hams 1/2/3",
        THREE,
        soreness={"calves": 1, "glutes": 2, "hamstrings": 3},
    ),
    Case(
        "calves 3 glutes 2 — 10 days till Berlin",
        soreness={"calves": 3, "glutes": 2},
        note="10 days till Berlin",
    ),
    Case(
        "calves 3, glutes 2. last week calves were 5",
        soreness={"calves": 3, "glutes": 2},
        note="last week calves were 5",
    ),
    Case(
        "calves: tight-ish, call it 4. glutes (ugh) 5",
        soreness={"calves": 4, "glutes": 5},
    ),
    Case(
        "Calves were the main thing. 6 I reckon. Glutes 2.",
        soreness={"calves": 6, "glutes": 2},
        note="main thing",
    ),
    Case(
        "Calves went from a 6 to a 4. Glutes 2",
        soreness={"calves": 4, "glutes": 2},
        note="went from a 6",
    ),
    # The usual score or the worse one, said of a moment: writers read it both ways.
    Case(
        "calves 4 (7 after the long run), glutes 2",
        soreness={"glutes": 2},
        # The 7 is in the question, as "3 at rest, 6 when running" keeps its 6 there.
        note="after the long run",
        unread=("calves 4 (7",),
        missing=("calves",),
    ),
    Case(
        "2 for calves and glutes, hams 4",
        THREE,
        soreness={"calves": 2, "glutes": 2, "hamstrings": 4},
    ),
    Case(
        "c: 3, g: 2, m: 8, e: same",
        soreness={"calves": 3, "glutes": 2},
        movement=8,
        efficiency=S,
    ),
    Case(
        "calves 2, glutes 3. Foam rolled my hamstrings every night",
        THREE,
        soreness={"calves": 2, "glutes": 3},
        note="Foam rolled my hamstrings every night",
        missing=("hamstrings",),
    ),
)
