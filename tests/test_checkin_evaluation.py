"""How well the parser reads labelled replies (bench/checkin_parser.py), held to its figures.

tests/corpus/train.jsonl, dev2.jsonl, dev3.jsonl, heldout.jsonl, dev4.jsonl, dev5.jsonl,
dev6.jsonl, dev7.jsonl, dev8.jsonl, dev9.jsonl, dev10.jsonl, dev11.jsonl, dev12.jsonl,
dev13.jsonl, dev14.jsonl, dev15.jsonl, dev16.jsonl, dev17.jsonl, dev18.jsonl, dev19.jsonl,
dev20.jsonl to dev40.jsonl were written independently of the parser (by seventy-two writers) and
are tuned on; heldout.jsonl was held out for three rounds of work, dev4.jsonl for one, dev5.jsonl
to dev13.jsonl and dev15.jsonl to dev40.jsonl for two measures each, dev14.jsonl for three, and all
are development sets since.
The parser's own corpora (tests/checkin_corpus.py, extra.jsonl) were written beside it. Each file is
held to a floor just under its figures, so a change that reads any of them worse fails here. A fresh
held-out set (FRESH_HELDOUT, by writers who have not seen the parser), never tuned on, is kept from
getting worse than when it was measured, and the issue's bar on it is an expected failure until it
holds; both are skipped while the file is absent. When a new fresh file comes, set FRESH_MEASURED /
FRESH_BAR_MISSED from its measure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from bench.checkin_parser import (
    CORPUS_DIR,
    DEVELOPMENT,
    FRESH_HELDOUT,
    Reply,
    agreement,
    builtin_corpus,
    every_reply_yardsticks,
    judge,
    load_corpus,
    load_second_labels,
    main,
    run,
    three_labellers,
    worst_case,
)
from bot.rules.catalogue import default_catalogue
from bot.rules.checkins.parser import Efficiency, ParsedCheckIn

CATALOGUE = default_catalogue()


class Floor(NamedTuple):
    """What a corpus must still be read at: just under the figures it is read at now (every
    value and reply right but for the few readings writers disagree on, which are asked about,
    and nothing invented but where one writer's reading of a shape is another's: see
    tests/corpus/README.md), so that one honest trade-off can be made without hiding a
    slide."""

    size: int
    values: float
    replies: float
    needless_per_100: float
    # Only where two writers read the same shape of reply two ways (tests/corpus/README.md).
    invented: int = 0
    # Replies labelled as no check-in that the parser takes for one: likewise only where two
    # writers label the same reply two ways.
    non_checkins_missed: int = 0
    # Check-ins the parser takes for none: likewise only where writers label one shape two
    # ways (or while a file is measured before its round).
    checkins_missed: int = 0


# Each development file by its name in tests/corpus/.
FLOORS = {
    "train": Floor(250, values=0.995, replies=0.99, needless_per_100=0.5),
    "dev2": Floor(300, values=0.995, replies=0.99, needless_per_100=0.5),
    # "Thighs a 3" from a member with the quads and the hamstrings is the quads' for its writer
    # (e149), asked about by three others (c133, aa217, ab150): asked. One invented value:
    # "calves 2 but the achilles on its own is more like a 5" is 5 for its writer (e240), the
    # calves' own score for six writers of seven who score an area and a sorer part of it.
    "dev3": Floor(300, values=0.995, replies=0.99, needless_per_100=0.7, invented=1),
    "extra": Floor(170, values=0.995, replies=0.99, needless_per_100=0.6),
    "heldout": Floor(230, values=0.995, replies=0.99, needless_per_100=0.5),
    # "shoulders 2, 8, better": movement for dev4's writer (d4-142, d4-240), asked about by
    # dev5's, dev6's, dev11's and dev13's (f009, g161, r181, w096), so asked about.
    "dev4": Floor(250, values=0.99, replies=0.975, needless_per_100=2.0),
    # Two invented values: "2, 8, better" from a member with one area, asked about by its
    # writer (f121), read in the check-in's order as five other writers read it (k119, o129,
    # l009, aa055, ab137).
    "dev5": Floor(250, values=0.99, replies=0.985, needless_per_100=0.8, invented=2),
    # One invented value: "maybe 6, but by Friday they were about 3" is the worse for its
    # writer (g139), the later for three other writers (aa157, ab051, l210).
    "dev6": Floor(250, values=0.989, replies=0.96, needless_per_100=0.8, invented=1),
    # "shoulders fine" is 0 for dev7's writer, asked about by dev2's, dev3's and dev4's. One
    # invented value: "calves 6 → 3" asked about by its writer (k169), where it ended for six
    # writers of eight (y201, i125, l115, ad152, af167, e075).
    "dev7": Floor(250, values=0.995, replies=0.98, needless_per_100=0.4, invented=1),
    # "calves 3 glutes 2 7" ending the reply: asked about (movement for dev4's writer).
    "dev8": Floor(250, values=0.985, replies=0.96, needless_per_100=1.2),
    # "Mon: hams 5 glutes 4, ... so by now 2 and 2": two areas kept day by day, asked about.
    "dev9": Floor(250, values=0.995, replies=0.985, needless_per_100=0.4),
    # Three readings its two writers make and the other writers do not: a score for an area
    # the member was not asked about left out ("quads 3 hamstrings 4 ..." from a member asked
    # about the quads: the others keep it), and "2 3 8 same" asked with no efficiency by the
    # eleventh writer (the twelfth's "3 6 8 better" and the others' "4, 6, 8, better" are
    # read as better), and "efficiency same-ish maybe slightly worse" as worse (m211: same
    # for five writers of six and all three labellers of ak178).
    "dev10": Floor(500, values=0.98, replies=0.95, needless_per_100=1.0, invented=4),
    # Five invented values where its writers read a shape as other files' writers do not: two
    # scores out of 5 asked about (r180's two: the tenth to twelfth writers read them in tenths;
    # a lone one, s129, is asked about since the dev14 round), a score for an area the member
    # was not asked about left out (r125: the first ten writers keep it), and "a 6 on Tuesday,
    # 3 now" read as the worse (s124, s055: the thirteenth writer, and the other files, take
    # the score now). One reply taken for a check-in: "no runs this week, flu 🤒 will be back
    # next week" (s044) is none for its writer, the week's answer for ten writers of fourteen
    # (k205, the same text, y053, y209, aa103, ab206, ad223, ae155, af107, ag245, ah163).
    "dev11": Floor(
        500, values=0.99, replies=0.975, needless_per_100=0.6, invented=5, non_checkins_missed=1
    ),
    # Four invented values where its sixteenth writer reads a shape as other files' writers do
    # not: "legs felt heavy on the climb" and "ran slower but thats the mountain" as no
    # efficiency (v048, v062: "sluggish on the hills", "effortless on sunday" are verdicts for
    # six other writers, "slower than usual but that's the mud" worse for train.jsonl's), "way
    # faster than I usually go" as none (v044: "than usual" is a verdict for five other
    # writers), and "IT band 3, hip 4" asked about (v092: the hip flexors' for dev9.jsonl's and
    # dev11.jsonl's writers). One reply taken for a check-in: "sorry didn't run this week,
    # exams" (v235), none for its writer, a week off's answer for most (see dev11).
    "dev12": Floor(
        500, values=0.99, replies=0.975, needless_per_100=0.4, invented=4, non_checkins_missed=1
    ),
    # Nothing invented. Two needless questions: "calves and hamstrings both fine, 0 and 1" (a
    # list said to feel some way, then its scores after a comma) and a reply typed by voice
    # ("quads tree calves tree movement ate").
    "dev13": Floor(500, values=0.995, replies=0.99, needless_per_100=0.4),
    # Two invented values where its writers read a shape as other files' writers do not:
    # "achilles 4" from a member tracking the calves asked about (z150: the calves' for earlier
    # writers), and "calves a bit, 7" asked about (z031: the calves' 7 as "hams fine, 0" and
    # "glutes fine, 1" are read by other files' writers). Its needless questions are
    # mostly readings the other writers split on ("groin fine" as 0, "legs 4" as every leg
    # area, "movement good" left alone, "2 on a good day, 5 after runs" as the worse). One
    # check-in taken for none: "Didn't run, covid again. Will be back next week hopefully"
    # (y209), a week off said of no week (taken, it would take "not running tomorrow" too).
    "dev14": Floor(
        500,
        values=0.985,
        replies=0.945,
        needless_per_100=2.6,
        invented=2,
        checkins_missed=1,
    ),
    # Nothing invented. Its needless questions are readings the other writers split on or make
    # otherwise: "4 6 8 better" read in the check-in's order (every other writer asks about a
    # row of bare numbers), "calves 5/6" as 6 ("it band 3/4" is asked about by dev13's
    # writer), and two words left out of the tables ("banda" for the IT band, "band" alone
    # being none; Vietnamese "lưng", the back, which is "lung" once unaccented).
    "dev15": Floor(500, values=0.99, replies=0.98, needless_per_100=0.8),
    # Its needless questions: "calves 100% fine" as
    # 0 ("fine" of an area is asked about, the writers split), Malay "betis" left out of the
    # tables, Welsh number words said again in digits, and since the dev31 round "calves bien,
    # como un 1" ("bien" of an area is asked about, and "como un" is no cue: counts).
    "dev16": Floor(
        500,
        values=0.99,
        replies=0.965,
        needless_per_100=1.2,
    ),
    # Nothing invented. Its needless questions are readings the other writers split on or make
    # otherwise: "Neck fine" as 0 ("fine" of an area is asked about, the writers split), "4, 7,
    # same" from a member with one area read in the check-in's order (dev5's writer asks, f121),
    # and a complaint of an area the member was not asked about said in passing ("didnt really
    # notice over the back pain": asked, as "my back is bad though" is by dev6's writer). One
    # invented value: "IT band 5 → 3 after foam rolling" asked about (a068), where it ended for
    # six writers of eight (see dev7).
    "dev17": Floor(500, values=0.995, replies=0.99, needless_per_100=0.6, invented=1),
    # One invented value where its writers read a shape as other files' writers do not: "hip
    # flexors – tight but not sore" asked about (i124: 0 for dev7's writer, k139, as the parser
    # reads it). Its needless questions are readings the other writers split on: "fine",
    # "grand" of an area as 0, "back" from a member with the lower back and the shoulders as
    # the lower back (asked about by dev13's, dev16's and dev17's writers when the shoulders
    # are not named), "2, 8, same" from a member with one area, "legs about 4" as every leg
    # area, "dropped to 4 by Sunday" as the later; and words left out ("hamo", Dutch "beter",
    # Turkish for "worse").
    "dev18": Floor(500, values=0.985, replies=0.955, needless_per_100=2.0, invented=1),
    # Six invented values where its writers read a shape as other files' writers do not:
    # "traps 5" and "upper back 4" asked about (aa072, ab157, ab164: the shoulders' for the
    # writers of d022, d092, d294, z128, j152, d034, q073, j160, i103), "movement 2 (2 as in
    # easy?)" asked about (aa170), and "5 shoulders 3 back 7 move same run" (aa139, two values).
    # A seventh since the dev40 round's words: "Eficiencia: más rápido pero me costó más" (ab165,
    # faster but harder, no verdict to its writer) reads as "better", as "efficiency: faster but
    # harder" does in English. Its needless questions are mostly words left out of the tables on
    # purpose (Malay "betis", "bahu" and Romanian "gambe" read since the dev40 round only opening
    # a score of an area the member was asked about; Italian legs; Dutch "rug", an English word)
    # and readings the writers split on ("neck's fine" as 0, "calves 3pts", "movement 7/8" as 8,
    # "eff 👎" as worse), and Malay "lagi baik" (better; Indonesian "doing well now") left out.
    "dev19": Floor(500, values=0.975, replies=0.94, needless_per_100=2.6, invented=7),
    # Two invented values where its writers read a shape as other files' writers do not: "IT
    # band too" after a score asked (ad164: "too" as two or as the same), "upper back 4" asked
    # (ad207: the shoulders' for nine replies' writers). ("better on the climbs, worse on the
    # descents", ad069, is no verdict since the dev25 round, as its writer read it; "tight but
    # not painful", ac218, is asked about since the dev28 round, as every reader of dev28's
    # at035 asked too, while "tight but not sore" stays 0 for the writers of m177, r199, k139.)
    "dev20": Floor(500, values=0.99, replies=0.96, needless_per_100=1.4, invented=2),
    # Two invented values where its writers read a shape as others do not or could not be
    # told: "calves glutes 4" asked about for both (ae044: the second area's for dev16's
    # writer, b243), "calves three hamstrings too" with "too" as two (ae216). Its needless
    # questions are readings the writers split on: "calves grand", "shoulders fine" as 0,
    # "hf 2 / 9 / better" in the check-in's order (four writers of eight), "3 (7 on Tuesday
    # after the hills)" as 3, "glutes ... idk 4?" as 4, "overall soreness 3" as every area's
    # (asked: "overall soreness 3, mostly calves" is not). One check-in taken for none: "c 3 m
    # 8 e +".
    "dev21": Floor(
        500,
        values=0.985,
        replies=0.96,
        needless_per_100=1.4,
        invented=2,
        checkins_missed=1,
    ),
    # Labelled three times (the writers, and two more pairs of people). Seven invented values
    # against the writers' labels, four of them given by another labeller too: "calves 2 out of
    # 5" asked about by its writer (ah107's three values: tenths for the other labellers), "calves
    # 3 quads 4, 7, same" asked (ag159: movement for the others), a copied example before "nah
    # for real" leaving its "better" (ag050), "all better than last week" said of the areas
    # (ag086), "running felt sluggish" read as worse, as the issue asks (ag217: no comparison
    # for all three labellers). Its needless questions are readings the writers split on:
    # "hamstrings fine", "back grand" as 0, "back 5 (upper not lower)" as the shoulders', "3
    # on good days, 6 on bad ones" as 6, "Ten. Well maybe a 9." as 9, and (since a sentence
    # opening with an area and ending in "?" is no question to the bot) "quads grand, ITB
    # flared up thursday, id say a 5?" (its writer's 0 for "grand", asked as most writers do).
    "dev22": Floor(500, values=0.985, replies=0.96, needless_per_100=1.2, invented=7),
    # Labelled three times. Three invented values, two given by another labeller too: "lower
    # back 4 6 better" from a member with one area read in the check-in's order (ai099: asked
    # by its writer, read so by the third labeller and five writers of six before), "achilles 4"
    # from a member with the calves (aj223: all three labellers ask; earlier writers read the
    # calves). Its needless questions: "hammies 3/4 calves 2/3" (aj226: the higher of each for
    # all three labellers, asked by two writers of five before), and two questions about the
    # bot opened by "is" holding numbers or "same" (ai162, aj044: taking such questions for no
    # check-in dropped check-ins whose answer is in a question), taken for check-ins too. ("quads
    # sore after volunteering?? how lol" is a check-in asked about since the dev25 round.)
    "dev23": Floor(
        500,
        values=0.99,
        replies=0.97,
        needless_per_100=0.6,
        invented=3,
        non_checkins_missed=2,
    ),
    # Labelled three times. Four invented values, two given by both other labellers: "calves 2
    # out of 5, hip flexors 1 out of 5" read in tenths (ak236: asked by its writer), "runs felt
    # a bit sluggish", "felt sluggish all week" read as worse, as the issue asks (ak097, al143:
    # no comparison for all three labellers). Its needless questions: "ITB fine, glutes fine",
    # "Neck's been a 3 most of the week, flared up to about a 5 on Wednesday" (3 for all three),
    # and "soreness about 4 overall", "soreness 3" with no area named (every area's for all
    # three: scoring every area from them read "soreness 8 after the marathon, now 3" as 8 and
    # "soreness down 2" as 2), "moving about 7/8" (8 for all three: "movement 6/7" is as often
    # days of the week). One check-in taken for none: "7. long week" from a member with one
    # area.
    "dev24": Floor(
        500, values=0.985, replies=0.965, needless_per_100=1.0, invented=4, checkins_missed=1
    ),
    # Labelled three times. Eight invented values, four given by another labeller too: "hip
    # flexors 3/5, neck 1/5" read in tenths (an104: asked by its writer, as a scale of five is
    # by three writers of fifteen), "calves 3 now but they were a 6 on weds" and "a 7 on
    # Tuesday but it's more like a 4 now" read as now (an165, an230: its writer takes the
    # week's worst), "quads 2 hammies sore 9" (an218: the 9 may be movement), "the thigh is a
    # 6, thats the ITB" (an153), "my achilles ... about a 6" from a member not asked about the
    # calves (an241: kept by forty-four of forty-nine such scores), and "Not much change in the
    # running, plodding along nicely" as worse (am058: reading "plodding along" or "not much
    # change" as the same lost other members' words in review). Needless questions: "lower
    # back, ah, 3 as well", "took a belt off their corner back", "piriformis/deep hip thing 5"
    # ("deep hip" as an area read "deep hip flexor ache 4" as two areas).
    "dev25": Floor(500, values=0.99, replies=0.97, needless_per_100=0.6, invented=8),
    # Labelled three times. One invented value, given by no other labeller: "calves like a 4
    # on a good day. this was not a good day" (ao193: asked by all four readers). ("2 on the
    # 18th, 5 after saturday's long run (16 miles), still 5 today", ap154, is 5 since the dev28
    # round, as all four read it.) Needless questions: "Hammer 3\n*hammy 3 stupid phone" (a
    # starred correction of the area's word) and "the deep hip thing (rotators?) 6".
    "dev26": Floor(500, values=0.99, replies=0.975, needless_per_100=0.6, invented=1),
    # Labelled three times. Five invented values: "7 8 same" from a member with one area read
    # in the check-in's order (aq116: asked by its writer, read so by both other labellers),
    # "hamstrings nae bother" as 0 (aq151: asked by all three), "everyone back at the pub for
    # 9" as the lower back's (aq213), and "IT band 4. no, I correct: it is 5" as 4 (ar084:
    # taking "correct" as a word of correction read "(correct, it was 7 after the race)" as 7).
    # ("then about 4 midweek, and now I'd say two and a half", ar045, and "about a 6, but by
    # Friday they were fine, a 1", ar093, are the later scores since the dev28 round: "the
    # walk" there had been taken for movement's label.) Needless questions, each read by all
    # four: "about a 3 by the end of the week, they were more like 6 after tuesdays run" and
    # "lower back 2 but ... was a 6 mid-week, its just better now" (the score now), "deep hip
    # stuff (piriformis?) 6", "glutes 13 (typo, 3 lol)", a Pidgin "waist" for the lower back
    # ("waist" as an area word took "wasn't" for it) and "I forgot the number for movement but
    # it is good". ("m 8" for movement among spelt labels is read since the dev28 round, and
    # "glutes an hamstrings both about 4" since the dev30 round.)
    "dev27": Floor(500, values=0.985, replies=0.96, needless_per_100=1.2, invented=5),
    # Labelled three times; tuned on in the dev28 round, which mended kinds of reply seen in
    # two writers' files or more, and shapes read elsewhere but missed in one place (a score
    # after "and" and an area, "calves... 6? no 5"). Three invented values ("it was worse on
    # wednesday" of the IT band, as076, is no verdict on the running since the dev29 round):
    # "efficiency the same as last week but ... maybe better?" as better (as249), "kal se
    # better hai" (better than yesterday, of a hamstring) as the running's (at019), and "hip 5"
    # from a member with glutes and the IT band read as the IT band (at082: asked by its
    # writer, read so by both other labellers).
    # Needless questions: "okay calves um I wanna say three" (voice-to-text), "upar wali back
    # 4" (Hindi: the upper back), and "wait how do i add my neck to the list? my neck is
    # killing me", no check-in for all three readers (taking "add my neck to the list" as
    # asking to change the list lost words of the member's own areas said beside it).
    "dev28": Floor(
        500, values=0.985, replies=0.955, needless_per_100=0.6, invented=3, non_checkins_missed=1
    ),
    # Labelled three times (the second and third labellers are far closer to each other and to
    # the writers than on earlier files: tests/corpus/README.md). Tuned on in the dev29 round,
    # on kinds seen in two writers' files or more. Seventeen invented values, mostly one-off
    # shapes: scores over the week in Tagalog ("hammies baka 5 na lang ngayon": maybe 5 now),
    # after "massage roller only 2" (read as a count), after an arrow and a moment ("calves 5 →
    # after sauna on Friday 3") and across sentences ("really bad, 8 ... Now it is better, 5",
    # its "better" read as the running's too, as is "I do the stretches every day so it is
    # better than last week": "it" in a sentence after the area's may as well be a session);
    # "Everything was 1 or 2 this week, calves maybe 2 and the others 1"; "pain in the
    # achilles, 5" from a member not asked about the calves; "groin strain is back 😞 6" (the
    # lower back's; "is back" as a saying turned into a typo of "upper back"); "my traps are
    # super tight, like 7" after "shoulders 3"; "@RunBot what means efficiency? faster or
    # easier?" (a question, read as better); "movement 2 (I mean movement is easy)" and "glute
    # 2/5 movement 4/5 haha sorry I think I did the scale wrong" (scales turned round or
    # wrong: asked by all three); "Calves 3. 7. Same." (a bare 7 as movement: asked by its
    # writer); "shoulders 3 → they were 6 on Monday ..., better now". Needless questions
    # include Tagalog "leeg" (the neck), left out: it is Dutch for empty and a typo of "leg".
    "dev29": Floor(
        500, values=0.975, replies=0.92, needless_per_100=3.0, invented=17, non_checkins_missed=3
    ),
    # Labelled three times (the second and third labels differ on one reply). Tuned on in the
    # dev30 round, on kinds seen in two writers' files or more. Six invented values: "Would
    # be easier for me to automate it from my Garmin export" read as better; "lower back is
    # tight but not sore if that makes sense?" as 0 (asked by all three readers here, 0 for the
    # writers of three earlier files); "Also lower back 5 but that's not on my list" kept for
    # an area not asked about (as most writers keep such scores); "shoulders 3/5 neck 2/5" in
    # tenths (asked by all three; scaled by most earlier writers); "Hamstrings were better
    # mid-week, 2, but Saturday's hill repeats made them 5 again" as 2. ("chalna 9" stays
    # asked: "chalna" alone is any walking, "chalna 3 din se band tha" three days of none.)
    "dev30": Floor(
        500,
        values=0.97,
        replies=0.925,
        needless_per_100=2.8,
        invented=6,
        non_checkins_missed=1,
        checkins_missed=1,
    ),
    # Labelled three times (the second and third labels differ on one reply). Tuned on in the
    # dev31 round, on kinds seen in two writers' files or more. Five invented values: "back...
    # 8? maybe 7" as 8 (as three earlier files' writers read "6? maybe 5"); "shoulders 5 lower
    # back 6, 7 oot o 10 for movement" (Scots "out of", the score before its label: two
    # values); "quads 6 in the morning, after your stretch maybe 4" as 6; "pantorrilla izq 2,
    # der 7" as 2 ("der" is German "the", so not read as a side).
    # ("la IT band a full, un 8 fácil" stays a check-in taken for none: read as a cue, "un"
    # turned counts into scores in the round's review.)
    "dev31": Floor(
        500, values=0.98, replies=0.965, needless_per_100=0.6, invented=5, checkins_missed=1
    ),
    # Labelled three times (the labellers part more often than on earlier files). Tuned on in
    # the dev32 round, on kinds seen in two writers' files or more. Six invented values:
    # "quadríceps 5, ou talvez 6" as 5 (Portuguese "or maybe": "mais ou menos" is "more or
    # less"); "quanto é 10? é a pior dor..." and "How can I change the time the bot posts?
    # Sunday evening is better" as verdicts on the running; "Monday ... glutes maybe a 2 ... by
    # Thursday my glutes were a 7 and hamstrings a 6 ... Today glutes 4, hams 3" (hamstrings
    # 6); "calves 3 hamstrings 6 7 same" (7 as movement in the check-in's order: its writer
    # asks).
    "dev32": Floor(
        500,
        values=0.98,
        replies=0.935,
        needless_per_100=2.6,
        invented=6,
        non_checkins_missed=2,
        checkins_missed=3,
    ),
    # Labelled three times. Tuned on in the dev33 round, on kinds seen in two writers' files or
    # more. Five invented values: "hamstrings were really bad after wednesday intervals but
    # better now" (better read as the running's: "intervals"); "I also have pain in my
    # achilles, maybe 4" kept for the calves of a member not asked about them (as most
    # writers keep such scores); "quads were 8 😵 after the Authentic on the 10th ... now maybe
    # 4" as 8; Vietnamese "đùi sau 3" (the back of the thigh) as the quads ("sau" is also
    # "after": "đùi sau 10k 4" is the quads). Its needless questions are mostly words left out
    # of the tables: Turkish "bel" (the waist; Dutch "bel" is call), Greek "mesi" (the waist;
    # Italian months), Swedish "vader" (calves; Dutch father), German "Po", Vietnamese "lưng"
    # (the back, "lung" once unaccented).
    "dev33": Floor(
        500, values=0.97, replies=0.93, needless_per_100=4.2, invented=5, checkins_missed=1
    ),
    # Labelled three times (the second labeller scored areas the member was not asked about
    # and "fine" as 0; the third did neither). Tuned on in the dev34 round, on kinds seen in
    # two writers' files or more. Ten invented values, among them: "łydki are killing me, like
    # 8 😩 groin ok, maybe a 2" (the emoji is no sentence mark: the 8 went to the groin);
    # "hamstrings were a 7 after parkrun on saturday (22:41 PB!!! 🎉) but by now more like 4";
    # "back 5, maybe 4" as 5; "efficiency better/same/worse: same" (the message's own words
    # copied) as better; "psoas 2 igual" and "igual que la semana pasada en todo" as the same;
    # "hombros 3 espalda 4" (the back of a member asked about the shoulders and upper back);
    # "neck also 5" and "My hamstrings were also sore, 4" from members not asked about them
    # (the writers leave them out, as dev30's did not).
    "dev34": Floor(
        500, values=0.975, replies=0.94, needless_per_100=2.0, invented=10, non_checkins_missed=2
    ),
    # Labelled three times. Tuned on in the dev35 round, on kinds seen in two writers' files
    # or more. Its thirteen invented values are one-off shapes: scores given on a date ("hip
    # flexors was 6 on 18.11. after the intervals, now is 3", the date a sentence mark), a
    # spike then "maybe a 4 now" three clauses on, scores out of 5 its writer asks about ("I
    # give calves 4 out of 5"), bare numbers in the check-in's order ("calves 3 IT 7 8 same"),
    # "lower back 5 → after stretching 3" (a count of stretching?), piriformis against the IT
    # band, "movement 2 - i mean its easy".
    "dev35": Floor(
        500,
        values=0.97,
        replies=0.915,
        needless_per_100=2.0,
        invented=13,
        non_checkins_missed=1,
        checkins_missed=2,
    ),
    # Labelled three times. Held out before and after the dev34 round and after the dev35
    # round; tuned on in the dev36 round (97.6 % / 92.2 % / 8 / 3.2 before it). Left: Latvian
    # "un" (and) between two areas, "calves were really bad on Monday ... I'd say 8. Now on
    # Sunday 2.", "hip stuff 5" for the deep hip, "IT band 3, 5, 4 - monday, wednesday,
    # friday", Spanish "como un 7" after "re tensos" and "no me duelen para nada", "10 is the
    # worst or the best?" after a score.
    "dev36": Floor(
        500,
        values=0.985,
        replies=0.95,
        needless_per_100=2.6,
        invented=3,
        non_checkins_missed=1,
        checkins_missed=2,
    ),
    # Labelled three times. Held out and measured before the dev31 round, before and after the
    # dev35 round and after the dev36 round (the fresh file of those rounds); tuned on in the
    # dev37 round (96.4 % / 90.6 % / 10 / 3.4 before it). Left: Cebuano and Lebanese numbers
    # in words ("quads kwatro", "adductors tlete"), "ug" (and), "siguro" (maybe), Quechua
    # "kimsa", "kif kif" (same, said of anything), "🍑 4", "ca 2 gl 2 lb 4", "3 5 8 better".
    "dev37": Floor(
        500,
        values=0.971,
        replies=0.918,
        needless_per_100=3.8,
        invented=3,
        non_checkins_missed=0,
        checkins_missed=3,
    ),
    # Labelled three times. Held out and measured before and after the dev36 round; the area
    # words of sixty first languages were written knowing which languages its clubs spoke (not
    # its replies). Tuned on in a short dev38 round (95.9 % / 90.8 % / 13 / 3.2 before it).
    # Left: Estonian "kael", "liikumine", Japanese "koshi", "kubi", "uramomo", full-width
    # digits with ideographic spaces, Armenian "nuyn@" (same), "Back 4, was a 5 on the days I
    # worked", "Quads 5, calves 6. Then ... now both are 3".
    "dev38": Floor(
        500,
        values=0.967,
        replies=0.922,
        needless_per_100=3.0,
        invented=8,
        non_checkins_missed=0,
        checkins_missed=3,
    ),
    # Labelled three times. Held out and measured before and after the dev36 round, the area
    # words of sixty first languages and the dev37 round (the sixty-ninth and seventieth
    # writers, clubs drawn at random); tuned on in the dev39 round (94.1 % / 84.6 % / 9 / 6.4
    # before it). Left: "mesi më dhemb shumë, 7", "lomo 3" (Guaraní-Spanish back), "sve 3 brate"
    # ("sve" is German and Swedish text too), "calves 6... ne, 5" (Bosnian no), Albanian "dje,
    # sot" (yesterday, today), "vrapimi më keq" (the running, unknown), "3 5 7 better" (every
    # writer of three files read the 7 as movement, those of 24 earlier replies none).
    "dev39": Floor(
        500,
        values=0.96,
        replies=0.888,
        needless_per_100=5.0,
        invented=7,
        non_checkins_missed=0,
        checkins_missed=11,
    ),
    # Labelled three times. Held out and measured before and after the dev39 round with the
    # words of sixty first languages (the seventy-first and seventy-second writers, clubs drawn at
    # random: 88.2 % / 79.0 % / 7 / 11.0, then 92.4 % / 82.0 % / 7 / 5.6).
    "dev40": Floor(
        500,
        values=0.923,
        replies=0.82,
        needless_per_100=5.6,
        invented=7,
        non_checkins_missed=1,
        checkins_missed=3,
    ),
}
# Where a floor's needless questions rose in the dev39 round: an area or movement said in words
# none of the lists know ("calves pesë", "quads pump", "movement siment") is asked about, not
# taken for no check-in or kept in the note; where the words were a score in the member's first
# language, the question is needless to a reader of that language (dev16 0.8 -> 1.2, dev19 2.2
# -> 2.6, dev26 0.4 -> 0.6, dev37 2.8 -> 3.8), and check-ins taken for none fell (dev37 4 -> 3,
# dev39 18 -> 11; one area said so alone is kept as chat: "calves merci" is as likely).
BUILTIN_VALUES = 1.0
BUILTIN_REPLIES = 1.0
# The issue's bar, for replies the parser has never seen.
BAR_VALUES = 0.97
BAR_REPLIES = 0.90
BAR_INVENTED = 1
BAR_NEEDLESS_PER_100 = 1.0
WORST_CASE_MS = 5.0


@pytest.mark.parametrize("name", list(FLOORS))
def test_each_development_corpus_is_read_no_worse_than_now(name: str) -> None:
    floor = FLOORS[name]
    replies = load_corpus(CORPUS_DIR / f"{name}.jsonl")
    assert len(replies) >= floor.size
    figures, outcomes = run(replies, CATALOGUE)
    misses = [o.reply.id for o in outcomes if not o.fully_right]
    assert figures.value_share >= floor.values, misses
    assert figures.reply_share >= floor.replies, misses
    assert figures.invented <= floor.invented, misses
    assert figures.needless_per_100 <= floor.needless_per_100, misses
    assert figures.non_checkins > 0
    assert figures.non_checkins - figures.non_checkins_seen <= floor.non_checkins_missed, misses
    assert figures.checkins_missed <= floor.checkins_missed, misses


def test_every_development_file_the_bench_reads_has_a_floor() -> None:
    assert set(FLOORS) == {path.stem for path in DEVELOPMENT}


def test_the_parsers_own_corpus_is_read_as_well_as_ever() -> None:
    figures, _ = run(builtin_corpus(), CATALOGUE)
    assert figures.value_share >= BUILTIN_VALUES
    assert figures.reply_share >= BUILTIN_REPLIES
    assert figures.invented == 0
    assert figures.needless_questions == 0


class Measured(NamedTuple):
    """What the fresh held-out replies were read at when first measured."""

    size: int
    values: float
    replies: float
    invented: int
    needless_per_100: float


# Set these from the fresh file's measure (tests/corpus/README.md); replace them when the next
# fresh file comes. Now: the seventy-third and seventy-fourth writers (clubs drawn at random,
# their languages left to the writers: a third of the replies are in Cyrillic, Hangul or Arabic
# letters alone), with the code from before the dev40 round.
FRESH_MEASURED = Measured(500, values=0.666, replies=0.394, invented=14, needless_per_100=27.8)
# Which of the bars that measure missed, for the expected failure's reason; when the bar test
# passes, drop its xfail mark.
FRESH_BAR_MISSED = (
    "66.6 % of values (bar: 97 %), 39.4 % of replies (bar: 90 %), 14 invented values (bar: at "
    "most 1), 27.8 needless questions per 100 (bar: at most 1)"
)

needs_fresh = pytest.mark.skipif(
    not FRESH_HELDOUT.exists(),
    reason=f"no fresh held-out replies yet (drop them in as {FRESH_HELDOUT.name})",
)


@needs_fresh
def test_fresh_held_out_replies_are_read_no_worse_than_when_measured() -> None:
    replies = load_corpus(FRESH_HELDOUT)
    figures, _ = run(replies, CATALOGUE)
    assert len(replies) >= FRESH_MEASURED.size
    assert figures.value_share >= FRESH_MEASURED.values
    assert figures.reply_share >= FRESH_MEASURED.replies
    assert figures.invented <= FRESH_MEASURED.invented
    assert figures.needless_per_100 <= FRESH_MEASURED.needless_per_100


@pytest.mark.parametrize(
    "path",
    sorted([*CORPUS_DIR.glob("*.second_labels.jsonl"), *CORPUS_DIR.glob("*.third_labels.jsonl")]),
    ids=lambda path: path.name,
)
def test_more_labels_cover_their_replies_with_valid_values(path: Path) -> None:
    replies = load_corpus(path.with_name(path.name.split(".")[0] + ".jsonl"))
    labels = load_second_labels(path)
    assert set(labels) == {reply.id for reply in replies}
    known = {area.id for area in CATALOGUE.areas}
    for parsed in labels.values():
        assert set(parsed.soreness) <= known
        assert all(0 <= v <= 10 for v in parsed.soreness.values())
        assert parsed.movement is None or 0 <= parsed.movement <= 10


@needs_fresh
@pytest.mark.xfail(
    strict=True,
    reason=f"not there yet on the fresh held-out replies: {FRESH_BAR_MISSED}; when this "
    "passes, drop the mark",
)
def test_fresh_held_out_replies_meet_the_bar() -> None:
    """The issue's bar, on replies written by someone who has not seen the parser."""
    figures, _ = run(load_corpus(FRESH_HELDOUT), CATALOGUE)
    assert figures.value_share >= BAR_VALUES
    assert figures.reply_share >= BAR_REPLIES
    assert figures.invented <= BAR_INVENTED
    assert figures.needless_per_100 <= BAR_NEEDLESS_PER_100


@pytest.mark.alone
def test_the_slowest_long_reply_is_read_in_under_5_ms() -> None:
    """Under 5 ms on the issue's machine, where a reply reads in about 0.2 ms: the slowest long
    reply's cost in yardsticks (ten reads of the check-in's example, shorter than the issue's
    typical reply, so the bound errs on the strict side) is the same on a fast host and on a
    slow one, where its milliseconds are not (on a shared host slow throughout, 1.6x its usual
    speed, the same code read at 4.5-5.2 ms and a test of milliseconds failed two runs of
    five)."""
    worst = worst_case(CATALOGUE)
    assert worst.ms_on_the_issues_machine < WORST_CASE_MS, worst


# -- the measures themselves ---------------------------------------------------------------


def _reply(**labels: object) -> Reply:
    fields: dict[str, object] = {"id": "x", "areas": ("calves",), "text": "", "soreness": {}}
    return Reply(**(fields | labels))  # type: ignore[arg-type]


def test_values_count_what_either_side_gives() -> None:
    reply = _reply(soreness={"calves": 3, "glutes": 2}, movement=7)
    parsed = ParsedCheckIn(soreness={"calves": 3, "quads": 4}, efficiency=Efficiency.BETTER)
    outcome = judge(reply, parsed)
    # calves right; glutes missed; quads and efficiency invented; movement missed.
    assert (outcome.values, outcome.right) == (5, 1)
    assert sorted(outcome.invented) == [
        "efficiency=better (label None)",
        "soreness.quads=4 (label None)",
    ]
    assert len(outcome.wrong) == 2
    assert not outcome.fully_right


def test_a_wrong_value_counts_as_invented() -> None:
    outcome = judge(_reply(soreness={"calves": 3}), ParsedCheckIn(soreness={"calves": 5}))
    assert outcome.invented == ["soreness.calves=5 (label 3)"]


def test_questions_and_non_checkins_are_judged() -> None:
    asked = ParsedCheckIn(unread=("calves meh",))
    assert judge(_reply(should_ask=False), asked).needless_question
    assert not judge(_reply(should_ask=True), asked).needless_question
    assert judge(_reply(should_ask=True), ParsedCheckIn()).missed_question
    chat = ParsedCheckIn(is_checkin=False)
    assert judge(_reply(checkin=False), chat).fully_right
    assert not judge(_reply(checkin=True), chat).fully_right


def test_a_corpus_with_a_broken_line_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "areas": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.jsonl:1"):
        load_corpus(path)


def test_the_command_prints_the_figures_for_any_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "some.jsonl"
    rows = [
        {"id": "a", "areas": ["calves"], "text": "calves 3, movement 8", "soreness": {"calves": 3},
         "movement": 8, "efficiency": None, "checkin": True, "should_ask": False},
        {"id": "b", "areas": ["calves"], "text": "cheers!", "soreness": {},
         "movement": None, "efficiency": None, "checkin": False, "should_ask": False},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    assert main([str(path), "--timing-repeats", "1"]) == 0
    printed = capsys.readouterr().out
    assert f"{path}: 2 replies" in printed
    assert "values right         100.0%  (2/2)" in printed
    assert "non-check-ins seen     1/1" in printed
    assert "slowest 4000-character reply" in printed


def test_a_second_labeller_is_judged_as_the_parser_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The second labels read as a reader's answers: a value the first labeller does not have is
    invented, a question stands for `should_ask`; and of the parser's invented values, those the
    second labeller gave too are told apart from those neither gave."""
    corpus, second = tmp_path / "replies.jsonl", tmp_path / "second.jsonl"
    rows = [
        {"id": "a", "areas": ["calves"], "text": "calves 6 → 3", "soreness": {},
         "movement": None, "efficiency": None, "checkin": True, "should_ask": True},
        {"id": "b", "areas": ["calves"], "text": "calves 3, movement 8", "soreness": {"calves": 3},
         "movement": 8, "efficiency": None, "checkin": True, "should_ask": False},
        {"id": "c", "areas": ["calves"], "text": "calves 4 lol", "soreness": {"calves": 4},
         "movement": None, "efficiency": None, "checkin": True, "should_ask": True},
    ]  # fmt: skip
    theirs = [
        {"id": "a", "soreness": {"calves": 3}, "movement": None, "efficiency": None,
         "checkin": True, "should_ask": False},
        {"id": "b", "soreness": {"calves": 3}, "movement": 7, "efficiency": "same",
         "checkin": True, "should_ask": True},
        {"id": "c", "soreness": {"calves": 4}, "movement": None, "efficiency": None,
         "checkin": True, "should_ask": True},
    ]  # fmt: skip
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    second.write_text("\n".join(json.dumps(r) for r in theirs) + "\n", encoding="utf-8")
    replies = load_corpus(corpus)
    labels = load_second_labels(second)
    assert labels["b"].unread and labels["b"].efficiency is Efficiency.SAME
    parsed = ParsedCheckIn(soreness={"calves": 3}, movement=8, efficiency=Efficiency.WORSE)
    outcomes = [judge(replies[0], parsed), judge(replies[1], parsed), judge(replies[2], parsed)]
    agreed = agreement(replies, labels, outcomes)
    # The second labeller: calves 3 for a (invented), movement 7 and efficiency for b (invented).
    assert (agreed.second.invented, agreed.second.needless_questions) == (3, 1)
    assert agreed.second.missed_questions == 1
    # The parser: all three values for a, efficiency for b, all three for c; the second
    # labeller gave a's calves 3 only.
    assert (agreed.invented, agreed.second_agrees, agreed.both_disagree) == (7, 1, 6)
    assert main([str(corpus), "--second-labels", str(second), "--timing-repeats", "1"]) == 0
    assert "the second labeller" in capsys.readouterr().out


def test_second_labels_that_leave_out_a_reply_are_refused(tmp_path: Path) -> None:
    second = tmp_path / "second.jsonl"
    second.write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match="lack 1 replies"):
        agreement([_reply()], load_second_labels(second), [])


def test_each_reader_is_judged_where_two_labellers_agree() -> None:
    replies = [
        _reply(id="a", soreness={"calves": 3}, movement=8),
        _reply(id="b", soreness={"calves": 4}, should_ask=True),
    ]
    second = {
        "a": ParsedCheckIn(soreness={"calves": 3}, movement=8),
        "b": ParsedCheckIn(soreness={"calves": 5}),
    }
    third = {
        "a": ParsedCheckIn(soreness={"calves": 3}, movement=7),
        "b": ParsedCheckIn(soreness={"calves": 5}),
    }
    parsed = {
        "a": ParsedCheckIn(soreness={"calves": 2}, movement=8, unread=("x",)),
        "b": ParsedCheckIn(soreness={"calves": 5}, efficiency=Efficiency.SAME),
    }
    rows = {row.reader: row for row in three_labellers(replies, parsed, second, third)}
    # Where second and third agree: a's calves 3 and no efficiency, b's calves 5, nobody asks;
    # the first labels give b's calves 4 (invented) and ask about b (needless).
    assert (rows["first labels"].invented, rows["first labels"].needless_per_100) == (1, 50.0)
    # The third labels' movement 7 where first and second agree on 8.
    assert rows["third labels"].invented == 1
    # The parser, against each pair: calves 2 (all three pairs), efficiency (all three), b's
    # calves 5 against first+second and first+third only where they agree (they do not), and
    # a's question needless for all three pairs.
    assert rows["parser"].invented == 2
    assert rows["parser"].needless_per_100 == 50.0


def test_the_every_reply_sweep_puts_the_slowest_shape_first() -> None:
    """A word of thanks is cheaper said over and over than scores with jokes taken back."""
    replies = [
        _reply(id="a", text="thanks"),
        _reply(id="b", text="quads 11/10 😭 (jk 7) movement 6 calves 2 glutes 4 lol jk 3"),
    ]
    swept = every_reply_yardsticks(replies, CATALOGUE, top=2)
    assert [text for _, text in swept] == [replies[1].text, "thanks"]
    assert swept[0][0] > swept[1][0] > 0
