"""Reading a member's plain-words answer to the weekly check-in, as a coach would.

A reply such as ``calves 3, glutes 6/10, daily movement 8, efficiency better, legs felt fresh``
becomes a `ParsedCheckIn`. The parser never raises and never guesses a number: a value is only
recorded when the reply says it, whatever needs a question goes to `unread`, and the rest of
what the member wrote is kept whole in the note.

What it reads
-------------
- Scores 0-10 for the catalogue's areas by id, name or alias (data/areas.toml), as digits ("3",
  "3/10", "3 out of 10", "3ish", "~3") or words ("six"). Half points round up (4.5 -> 5), other
  decimals to the nearest whole number (not under one: "calves 0.3" is asked about). A score said
  on another scale for one area or movement is read in tenths: out of 5 ("3/5", "3 out of five",
  "4 of 5": 6, 8), out of 100 ("30/100") or a percentage ("60%", "60 percent"), unless another
  area has a bare score ("calves 3, glutes 2/5": is the 3 out of 5 too?); a range on it
  ("3-4/5"), stars ("4 stars"), a share of something ("80% recovered") and every score after a
  scale of five said once for all ("on a scale of 1 to 5") are asked about, and the scale of ten
  said beside the scores ("calves (0-10): 3") is no score. A range a point wide is its higher end,
  as the worse of two sides is (and as its middle rounds up): "3-4", "3ish-4", "2 to 3", "a 3 to a
  4", "3 or 4", "three or four", "between 3 and 4", "3, maybe 4", "maybe 3? 4?", "3... or 4". A
  wider one ("2-5", "3 maybe 5", "4? 7?") is asked about: its top and its middle are both fair
  readings. "3 and a half" is a half point. Small typos of longer words right next to a score
  ("hamstirngs 7") are matched with rapidfuzz when one area is clearly the closest. Anywhere else
  only the member's own areas (and movement, efficiency) are looked for, and only a close typo
  ("caves were pretty good", "moement 9") or a short form ("cvs 4", "glts 3", "nek 2", "glu 1") is
  read; everyday words never are ("should be 5"), nor a word taken for a typo of an area the
  reply names in its own words elsewhere ("glutes 4, movement gluten 8": it would be a second
  score).
- A score next to its area ("calves: 3", "3 calves", "hips are about a six", "the main thing
  - 4 -"), or later in the same sentence when nothing else could own it ("hammies were grumpy after
  the long run, I'd call it a 5"), or a sentence or two later with only chat between ("my
  quads... let's just say they've been better. a 7 if I'm honest"), or in a table ("Quads | 2",
  or a header row over rows of values, the last row the week's; a "last wk" column holds earlier
  scores).
- Several areas at once ("quads and hammies both 3", "back, bum and hips all a 2", "groin the
  same", "same for glutes", "glutes ditto", "My shoulders and neck hurt. Both about 3."), one
  score each in order ("calves, glutes, hams: 3, 4, 2", "calves/glutes 3/4", "2 and 4
  respectively", a line of areas over a line of scores) and every area asked about ("everything a
  2", "all 1s", "Everything's a 0 except the hammies, they're a 3", "all four a 2" (the four
  counts the areas), and "both 3" from a member asked about two areas who names none).
- A score taken back or changed over the week: the later one is the week's ("10/10 jk 3",
  "2 on Monday, 6 by Friday, 4 today", "a 6 on Monday but by Sunday it's more like a 3",
  "down to 3 now", "8?? maybe that's too high, call it 6", "7, scratch that, 5", "sorry calves
  4 not 5"). The score right before "scratch that" that is not given again is taken back
  ("quads 3, hams 3... scrap that, quads 4"). "call it 9" after the member talks of something
  else ("my back has been a 2 and I manage everything at home easily, call it 9") may or may
  not take the score back: both numbers are asked about. A peak and
  the usual score are a range ("a 5 at worst, mostly 4" is 5); further apart than a point
  ("peaked at 7 but 4 most of the week") they are asked about. A lower score said only of a
  later day ("maybe 6, but by Friday they were about 3", "5 on Monday, settled to 3 by
  Thursday") is asked about: writers take the worse or the later, and neither is said to be
  now. An occasional peak is a range too ("5, occasionally 6", "a 3 but a 4 at times", "6, 7
  at worst"), and so is a second score said of a moment or a kind of run ("3 but 4 on hills",
  "calves 3. Calves were a 6 on Sunday", "4 (maybe 5 after the long run)", "movement 8 but 6
  on stairs") or in doubt ("3, could be 5"): a point wide, its higher end (for movement, the
  first); wider, asked about; where the second is the better one, the first stands. A second
  number joined to an area's score ("glutes 3 and 6") is asked about, and so is a score
  doubted to be another area's ("quads 4 (or was it my hamstrings?)"). A word of conclusion
  settles the scores before it ("maybe 6, by Sunday about 3, so 6 I guess"), also opening the
  next sentence ("a 5 on a good day and 7 after a long session. Call it 6."). An area said to
  be the sorest keeps the week's worse score where the one now would put it under another
  area's ("calves were the worst, a 5 by Sunday but back to 3 now. Hamstrings 4" is 5). A
  joke taken back ("quads 9 calves 9 lol jk. quads 2 calves 3", "11/10 😂 no seriously 6",
  "jokes aside") gives the scores before it in its sentence up to those said again after it;
  those not given again are asked about ("not kidding" takes nothing back). A score the member
  says right after it is of another thing ("my arse is a 10 but that's a different thing", "a 9
  (separate issue)") is not the area's: kept in the note, or asked about where the area has no
  other score. A score for an area the member was not asked about, in a sentence asking whether
  the bot tracks it ("my achilles is like a 5, do you track that?"), is kept in the note.
- A change said with an arrow is where it ended, the change noted: "calves 3 → 5" is a 5,
  "calves 5 → 3" and "8 -> 5 -> 3" a 3 (six writers of eight), unless its sentence hopes for it
  ("hopefully by next week", "Goal: calves 5 -> 2"), says it of an earlier week ("last week
  calves went 7 → 5") or goes on against it ("but flared up again"): asked about. "a 4 on
  Monday but back to zero now" is a 0; "5 for two days, then 2" is asked about. A score kept day
  by day ("calves: Tues 4, Thu 6, Sat 5", "Mon run: glutes 6. Wed: 5. Today still 4", or rows
  headed by days, "mon: calves 5 back 3 / today: calves 2 back 2") is the one said of today or
  now; with none, it is asked about, unless every day says the same or the last is the worst.
  How much a score changed ("calves +1", "down 2", "dropped by 2", "2 points better") is no
  score: asked about.
- A second number for an area said of an activity ("2 at rest, 6 when running", "1 walking but
  5 running") is a second score, as "3 but 4 on hills" is.
- A soreness score the member's words contradict ("glutes 9, feeling great", "10 - no pain at
  all!", "1, absolutely killing me") or said on a scale the other way round ("(10 being fully
  recovered)") is asked about: the member may be scoring 10 as the best. Asked both ways
  ("wait is 10 good or bad??"), every score is asked about, movement's too; and so is a low
  movement score said to be easy going ("movement 2 - as in hardly any stiffness").
- Zero in words: "nothing sore in the calves", "quads not tight at all", "glutes: none",
  "zero soreness anywhere", "lower back hasn't bothered me at all", "no calf soreness",
  "pain-free calves", "hips tight but not sore" (not "tight but not really sore"), "not a twinge
  from the IT band", "no longer sore", "calf niggle gone", "pain all cleared up". A number
  said for the area outweighs its zero in words.
- Left and right given separately ("hamstrings L 3 R 5", "calf 6 left, 3 right", "3/4 (L/R)",
  and the pairs after that one, "glute med on the right has been nagging, R 4 L 1"): the worse
  side is scored and both stay in the note; a side said not to hurt ("right ITB 4, left no pain
  at all") leaves the other side's score. Two parts of one area ("Achilles 3, soleus 5")
  keep the worse too; the area's own word and a sorer part of it ("calves 3, achilles 5") are
  asked about, as writers differ on which is the area's score.
- A word that could be two areas ("hips": hip flexors or IT band; "back", "Rücken", "espalda":
  lower back or shoulders; "thighs": quads or adductors) is asked about when the member was
  asked about the other one, unless
  the reply names that one in its own words ("itb 4, hips 2") and the member was asked about
  this one too: "itb 3, hips 5" from a member asked about the IT band alone is asked about.
- Another runner's check-in in the member's reply ("Also for Tom: hamstrings 6", "Mark's calves
  are a 6", "husband says his calves are 7"): from where that person is named to the end of the
  sentence (or to "mine"), kept in the note, neither a value nor a question. Where such a report
  answers the check-in whole and is all the reply scores, with no "too" or "also" and not of the
  member's own relation ("Grandad says calves 2 adductors 2 movement 9 ... this is Lily typing
  for him"), it is the member's, posted for them ("my wife says her calves are a 6" stays hers).
- Ease of daily movement ("movement 7", "moving ok day to day, 7ish", "7 for movement"; in a list
  of labels over a list of values, "calves, glutes, movement: 3, 2, 8", in order), and in
  a reply of scores alone, the bare number after every area's score, in the check-in's order
  ("calves 2, glutes 5, 8, same", "hamstrings 3 8 better", "no soreness, 10, better"); beside
  the last score with nothing after it ("calves 3 glutes 2 7") it is asked about, as writers
  read it both ways. A weak label said in words then scored alone ("Walking fine-ish, 7.",
  "Could move fine, 9.").
- Code letters for the member's areas and movement: three ("c 3 g 2 m 7"), or two among labels
  spelt out ("c 2 itb 2 m 9 same"); never "a" or "i" in a pair; "it" among them ("c 3 it 2 m 8 e
  same") is the IT band, and "n" ("N 3 / S 4") the area it stands for, not a joiner.
- Running efficiency: "efficiency better", "efficiency =" ("+" for better), a bare "same" (also
  right after a score before chat that signs off, "MOVEMENT 7 SAME sorry caps lock", and with two
  letters swapped, "movement 7 smae lol"; not "same shoes"), or everyday words about the running
  ("legs felt sluggish", "quicker than last week", "smoother", "more bouncy", "freer", "less
  effortful", "hasn't changed", "less shuffling", "didn't really notice any difference", "no
  efficiency change", "effsame"; not "no difference in my calves" nor "no change after the
  massage"). A plain verdict outweighs a small or unsure
  change ("about the same, maybe a hair faster"). Said of an area or of movement ("hips are better
  than last week", "quads ok on flats, worse on hills") or of something else ("the new shoes are
  lighter", "transfers a bit harder than usual", "a lighter week of bookings") it is no
  efficiency, nor is a verdict against
  another way of doing it ("easier than pushing the pram"). The efficiency's label and its value
  both mistyped close a reply of scores ("movment 7 efficency beter"). "better" or "worse"
  against last week right after movement's
  score ("movement 6 worse than last week": movement's, or the running's?) is asked about, and
  so is a labelled verdict set against what the member felt ("efficiency: same per garmin, felt
  better though").
- What the member does not give stays open: "same as last week" opening the reply, or after
  "everything", is said of every score (no efficiency; asked while one is not given); words about
  the running beside "no idea", "not sure" said of the efficiency are no verdict; of two comparisons
  the one against last week is the answer ("worse than before the op but better than last week"); a
  small change the member ends on ("same-ish, maybe slightly worse") leaves it open; "60% better"
  said of an area is no efficiency.
- A score past the top of the scale of ten ("11/10") is a 10, and so is "🔟"; numbers
  voice-to-text wrote as words ("calves for hamstrings six movement ate", "neck is a won") are
  read where a score is due in a list of scores; "it" where a label is due ("calfs 4 it 3 move
  8") is the IT band, and two consonants before a score ("HS 3") an area asked about.
- "fine", "all good this week" alone are an answer with no score (asked); a week without running
  said alone ("no runs this week, flu", "sorry didn't run this week, exams") is no check-in, as
  "haven't run yet" is none; a whole reply "posting for Dave: ..." with no "too" or "also" answers
  the check-in it replies to; "quads: yes" is an answer asked about.
- A member's first language: Spanish numbers (and Welsh and Irish ones: "calves chwech", "a
  seacht"), verdicts, sides and areas ("gemelos cinco",
  "eficiencia mejor", "izquierdo 2 derecho 5", "todo un 2", "me duele la espalda"); the areas,
  numbers, verdicts, movement and "everything" of some sixty more ("IT band sedem", "lëvizja
  6", "efficiency njësoj": docs/area-words.md), their numbers, movement and everything only
  where the check-in's own word would stand ("IT band sedem", not "polpacci dieci minuti");
  their short area words only opening a clause with a score, from a member asked about the
  area ("qafa 3, shpatullat 5").
- "all 3 sore" from a member asked about three areas counts them (said to feel some way, asked
  about), as "all four a 2" does; "everything" does not reach the areas a word beside it could
  be ("everything a 3 except back which is a 5": the lower back or the upper back? both open).
- Numbers that are training talk never become scores: distances, paces, times, run counts
  ("glutes 1 runs 3" is glutes 1), "week 6", "1 more week until the half", "9,800 ft", an
  earlier week's score ("down from 5 last week"), nor are numbers said of something else runners
  rate ("energy 6", "sleep was a 5").
- Body parts the bot does not track (shins, knees, feet...) are named in `untracked`.
- A reply with nothing to record and nothing to ask ("cheers!", "ok", an emoji, a question about
  the bot, even with its reason: "how do I change my tight areas? no calf issues anymore") is
  no check-in: `is_checkin` is False.

Questions (`unread`) are kept for what a coach would have to ask, and nothing else: an area the
member was asked about, said to feel some way without a number ("calves a bit meh", "hips are
okay", "itb quite bad", "quads 🟡", "glutes the usual"), named alone ("quads ?", also among
scores) or opening its clause with one or two words none of the lists know ("calves pesë",
"calves 3, glutes natuke": a score or a feeling in the member's first language, which a coach
asks about in a reply that answers the check-in otherwise; alone, one such area is as often chat,
"calves merci", "neck Voltaren", and is kept in the note); an area not asked about only when
something is wrong with it ("hamstrings are wrecked"); movement named as the check-in names it
and said in words with no number ("movement so-so"; not "moving fine", nor "movement fine" beside
scores with the next value after it: "quads 3 movement fine efficiency same") or said in words
none of the lists know ("movement siment"), or said as a stiffness ("movement stiffness 4", the
scale the other way up); an emoji where the efficiency would be ("efficiency 👍": better, or fine
as before?), but not one that gives no verdict ("eff 🤷", "🍻": a note, as "efficiency ??" is; a
verdict in quotation marks, "who wrote 'beer near better'", is someone else's words); "my legs
hurt" when no area is scored; a number that is no score on the 0-10 scale ("calves 3-4/5", "5-3",
"calves 11", "calves 80% recovered"); two different scores for one area; a number alone in
brackets counting the letters of the word before it, as a crossword's does ("tight as a drum
(4)"; after labels only when every such number counts its label's letters, two or more: "Neck
(4), shoulders (9)", while "Calves (6), Glutes (6), Movement (7)" are scores); and a number that
names nothing ("7", "calves 3, 6", "legs 5") while an asked area or movement still has no value
(or, in a reply of scores alone, at all: "lower back 2, movement 9, 7"; after a single area's
score ending the reply, "hamstrings 4, 7", with that score too); a number closing a score's
clause past two or three words the parser cannot read ("hammies 3 oot o 5"), with that score.
Everything else about an area ("foam rolled my calves every night", "hips ok" of hips not asked
about), harmless words ("legs fine", which on its own still answers the check-in) and numbers
once every value is given ("new shoes, Novablast 5, 10/10 recommend") stay in the note.

The word lists live in data/checkin_words.toml (see `bot.rules.checkins.words`). The stages live
in `bot.rules.checkins.reading`: tokens and words (`words`), scores sentence by sentence
(`scores`), efficiency (`efficiency`), and what is left over and the result (`reconcile`). Every
step is a single pass over the reply's tokens (or the sentences that can match), so even a
4,000-character reply reads in a few milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from bot.rules.catalogue import Catalogue
from bot.rules.checkins.reading.efficiency import ReadEfficiency
from bot.rules.checkins.reading.lexicon import lexicon_for
from bot.rules.checkins.reading.reconcile import Reconcile, fragment
from bot.rules.checkins.reading.result import Efficiency, ParsedCheckIn
from bot.rules.checkins.reading.scores import ReadScores
from bot.rules.checkins.reading.tokens import (
    BUSY,
    HAS_VAL,
    LETTERS,
    MAX_REPLY_CHARS,
    MAX_REPLY_TOKENS,
    MAX_SCORE,
    SIDED,
    WORDS,
)
from bot.rules.checkins.reading.words import ReadWords
from bot.rules.checkins.words import CheckInWords, default_checkin_words

__all__ = [
    "MAX_REPLY_CHARS",
    "MAX_REPLY_TOKENS",
    "MAX_SCORE",
    "Efficiency",
    "ParsedCheckIn",
    "parse_reply",
    "read_reply",
]

# -- entry point -------------------------------------------------------------------------------


def parse_reply(
    text: str,
    catalogue: Catalogue,
    expected_areas: Sequence[str] = (),
    words: CheckInWords | None = None,
) -> ParsedCheckIn:
    """Read a check-in reply. Never raises; what needs a question lands in `unread`."""
    try:
        return read_reply(text, catalogue, expected_areas, words)
    except Exception:  # pragma: no cover - the property tests show read_reply does not raise
        whole = text if isinstance(text, str) else ""
        expected = tuple(a for a in expected_areas if isinstance(a, str))
        unread = (fragment(whole),) if whole.strip() else ()
        return ParsedCheckIn(unread=unread, missing=expected, is_checkin=bool(unread))


def read_reply(
    text: str,
    catalogue: Catalogue,
    expected_areas: Sequence[str] = (),
    words: CheckInWords | None = None,
) -> ParsedCheckIn:
    """`parse_reply` without its last-resort guard, for the tests that prove it needs none."""
    if not isinstance(text, str):
        text = ""
    expected = list(dict.fromkeys(a for a in expected_areas if isinstance(a, str)))
    lexicon = lexicon_for(catalogue, words or default_checkin_words())
    parser = _Parser(_unquoted(text[:MAX_REPLY_CHARS]), lexicon, expected)
    parsed = parser.parse()
    overflow = text[parser.read_upto :]
    if overflow.strip():
        limit = (
            f"{MAX_REPLY_CHARS} characters"
            if parser.read_upto >= MAX_REPLY_CHARS
            else f"{MAX_REPLY_TOKENS} words and numbers"
        )
        more = f"{fragment(overflow)} (past the first {limit})"
        parsed = replace(
            parsed, unread=(*parsed.unread, more), is_checkin=True, rest=overflow.strip()
        )
    return parsed


# A line Discord shows as a quote ("> calves 3, glutes 6, movement 8") before the member's own:
# someone else's words, the check-in's example most often, not the member's answer.
_QUOTED = re.compile(r"^>[^\n]*", re.MULTILINE)


def _unquoted(text: str) -> str:
    """The reply with its quoted lines that hold numbers blanked, every other character where
    it was, when the member's own lines hold numbers too; as it is otherwise ("> calves 3,
    glutes 6\nsame for me" takes the quote as the member's, and "> movement\n8" quotes the
    question it answers)."""
    if ">" not in text:
        return text
    blanked = _QUOTED.sub(lambda line: _blank_if_scored(line.group()), text)
    if blanked == text or not any(ch.isdigit() for ch in blanked):
        return text
    return blanked


def _blank_if_scored(line: str) -> str:
    return " " * len(line) if any(ch.isdigit() for ch in line) else line


class _Parser(ReadWords, ReadScores, ReadEfficiency, Reconcile):
    """The stages in order, each a pass over the tokens (or the sentences that can match)."""

    def parse(self) -> ParsedCheckIn:
        self._read_tokens()
        self._right_only_beside_left()
        self._mark_numbers()
        self._fuzzy_labels()
        self._short_forms()
        self._typos_of_own_areas()
        self._an_between_areas()
        self._legs_for_all()
        self._tables()
        for index, (start, end) in enumerate(self.sentences):
            features = self.features[index]
            if (
                features & BUSY
                or features & SIDED == SIDED
                or features & LETTERS == LETTERS
                or (self.in_code and features & LETTERS)
            ):
                self._read_sentence(features, start, end)
        self._not_noticed()
        self._late_across_sentences()
        self._now_across_sentences()
        self._doubted_across_sentences()
        self._arrows_within_sentences()
        self._no_within_sentences()
        self._jokes_taken_back()
        self._day_logs()
        self._day_rows()
        self._activity_scores()
        self._score_against_words()
        self._header_rows()
        for index, (start, end) in enumerate(self.sentences):
            features = self.features[index]
            if features & HAS_VAL:
                self._efficiency(start, end)
            if features & WORDS:
                self._leftovers(start, end)
        self._bare_numbers()
        self._movement_in_order()
        return self._reconcile()
