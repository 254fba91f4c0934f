"""Scores in one sentence: labels and their numbers, groups, zeros in words, sides, late scores."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterator

from bot.rules.checkins.reading.result import Efficiency
from bot.rules.checkins.reading.state import Score, State
from bot.rules.checkins.reading.tokens import (
    AREA_SEEN,
    AREAS,
    BOARD,
    BREAKS,
    CHANGE,
    CHANGES,
    CLAUSE_ENDS,
    CORRECTIONS,
    GAPS,
    GONE,
    HAS_LABEL,
    HAS_NUM,
    HAS_SIDE,
    JOKES,
    LABELS,
    LABELS_ALL,
    LABELS_ALL_EFF,
    LABELS_EFF,
    LETTERS,
    MAX_SCORE,
    NEGATION,
    NOT_AFTER_AREA,
    NOW,
    NUMS,
    OCCASIONAL,
    PRESENT,
    SEQUENCE,
    SIDE_WORDS,
    TO_COME,
    TYPICAL,
    WORDS,
    ZERO_NUMBERS,
    K,
    Tok,
    decimal_score,
    score_value,
    to_decimal,
    weak_label,
)

# How far into the next sentence a late score may stand ("Calves were sore. Probably a 4.").
_NEXT_SENTENCE_REACH = 6
# Words heading a table column of earlier scores: "| last wk |", "| previous |".
_EARLIER_COLUMN = frozenset({"last", "previous", "prev", "before", "earlier"})
# How long a remark in brackets between two sides' scores may be.
_REMARK_REACH = 12
# How far back a side word looks for the area it belongs to.
_SIDE_REACH = 40


# After an efficiency label: "efficiency up", "efficiency down a bit", "eff: bit up".
_A_LITTLE = frozenset(
    {"a", "bit", "little", "touch", "tad", "slightly", "way", "well", "is", "has", "gone", "went"}
)
_DIRECTIONS = {"up": Efficiency.BETTER, "down": Efficiency.WORSE}
_DIRECTIONS |= {"increased": Efficiency.BETTER, "rose": Efficiency.BETTER}
_DIRECTIONS |= {"dropped": Efficiency.WORSE, "decreased": Efficiency.WORSE}


_SIGNS = {"=": Efficiency.SAME, "==": Efficiency.SAME, "+": Efficiency.BETTER}
_SIGNS |= {"++": Efficiency.BETTER}
_AROUND_A_SIGN = frozenset(" :,;.!\n\r\t")


_DIGITS = re.compile(r"[0-9]+(?:\.[0-9]+)?")


# Between "no" and a soreness word: "no real pain", "not a single niggle".
# After "not a", "no", "not one", these deny that an area hurts as a soreness word does, when
# the area follows ("not a twinge from the IT band all week", "not a peep out of my calves").
_NOT_A_PEEP = frozenset(
    {"twinge", "twinges", "peep", "murmur", "squeak", "whisper", "whimper", "complaint"}
)
_BEFORE_SORE = frozenset(
    {"real", "major", "big", "a", "single", "one", "any", "else", "other", "hint", "trace", "sign"}
    | {"of", "ounce", "shred", "speck", "bit"}
)


# Between a score said first and its areas: "2 for calves and glutes".
_FOR_AREAS = frozenset({"for", "the", "my", "both"})
# Words of rating before a number in words: "I'd give it a one", "call it a three".
_RATING = frozenset({"give", "giving", "call", "rate", "rating", "say", "score", "put", "reckon"})
# Taking the score before back outright, however much is said before the new one, unless
# what follows says the new number is of another time.
_NO_PAIRS = frozenset({("actually", "no"), ("wait", "no"), ("no", "wait")})
_ANOTHER_TIME = frozenset(
    {"was", "were", "had", "after", "then", "ran", "did", "on", "yesterday", "last", "before"}
)
# After a score, said of every area of a list: "2 each", "6 all".
_EACH = frozenset({"each", "all", "both", "apiece"})
# What a list of areas may hold: an untracked part shares the score ("calves and shins both 4").
_GROUPED = frozenset({K.AREA, K.UNTRACKED})
# Between a score and the list of areas it is said of: "about a 5 — hams, glutes, low back".
_OVER_LIST = frozenset({"—", "–", "-", ":", "--"})
# Number tokens that can hold a run of scores ("3 4", "3/4") or one of them.
_IN_A_ROW = frozenset({None, "list", "scale"})
# After the scores of a list of areas: one each, in the order named.
_IN_ORDER = (("respectively",), ("resp",), ("in", "order"), ("in", "that", "order"))
# Said of an area after another's score: it has the same score ("calves 2, glutes ditto").
_LIKEWISE = frozenset({"ditto", "likewise", "too", "also", "same"})
# Before an area: "calves 2, same for glutes", "ditto for the glutes".
_SAME_FOR = frozenset({"same", "ditto", "likewise"})
# "haven't noticed the IT band at all": a zero.
_NOTICED = frozenset({"noticed", "notice", "felt", "feel"})
# After an area, then "as" and the area scored just before: "quads the same as the calves".
_SAME_AS = frozenset({"same", "the same", "about the same", "roughly the same", "much the same"})
_LIKEWISE_GAPS = frozenset({"for", "with", "the", "my", "goes", "is", "are", "was", "were", "as"})

# After a bare number opening a clause, these make it a score ("5 after the downhill").
_SAID_OF_A_SCORE = frozenset(
    {"after", "since", "today", "now", "at", "max", "tops", "ish", "by", "out", "or", "on"}
)

# What a reply of labels and values alone holds besides its labels.
_PLAIN_KINDS = frozenset({K.NUM, K.VAL, K.EFF, K.PUNCT, K.COMMA, K.JOIN})
# How far back from a later score the words that make it the week's may stand.
_CHANGE_REACH = 10
# How many numbers that change nothing a later score of the week may follow ("2 on the 18th, 5
# after saturday's long run, still 5 today").
_UNCHANGED_REACH = 2
_WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue"}
    | {"tues", "wed", "weds", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
_TODAY = frozenset({"today", "now", "currently", "tonight", "hoy", "hoje", "agora"})
# Between a weekday and its score: "Mon run: glutes 6", "Sun long run: 4", "Today still 4".
_ABOUT_A_DAY = frozenset({"still", "its", "it", "was", "is", "on", "by", "a"})
_BY_A_DAY = frozenset({K.PUNCT, K.RUN})
# Between a score and its weekday: "4 on Wednesday", "3 by sat".
_ON_A_DAY = frozenset({"on", "by", "this"})
_DAY, _NOW_SAID, _BY_THEN = "day", "now", "by then"
# After a soreness score, how the member says the area feels: "9, feeling great".
_SAYING_HOW = frozenset(
    {"feeling", "feel", "feels", "felt", "so", "pretty", "really", "very", "all", "absolutely"}
    | {"totally", "is", "are", "they", "theyre", "its", "and", "honestly", "tbh", "super"}
)
_FEELS_GOOD = frozenset(
    {"great", "good", "fine", "perfect", "amazing", "brilliant", "excellent", "fresh"}
    | {"awesome", "grand", "lovely", "fantastic"}
)
# After "good", "great": said of something else ("good thing", "great run").
_GOOD_WHAT = frozenset(
    {"thing", "news", "luck", "job", "idea", "one", "run", "runs", "week", "session", "race"}
)
_AWFUL = frozenset(
    {"killing", "wrecked", "destroyed", "agony", "screaming", "brutal", "awful", "terrible"}
    | {"horrible", "excruciating", "shredded", "trashed", "unbearable"}
)
_AGAINST_A_SCORE = _FEELS_GOOD | _AWFUL | {"no", "not"}
# Before a weak movement label opening its sentence: "Could move fine, 9", "I can walk ok, 8".
_ABLE_TO = frozenset({"i", "can", "could", "im", "able", "to"})
# Glossing a score ("2 - as in hardly any stiffness", "2, i.e. no stiffness").
_GLOSS = frozenset({"as", "in", "i", "e", "ie", "meaning", "so", "=", "feeling", "feel"})
_HARDLY = frozenset({"hardly", "barely", "no", "not", "zero", "minimal", "little"})
_STIFF = frozenset({"stiff", "stiffness", "tight", "tightness", "sore", "soreness"})
# Before a weak movement word, after a word of when, making it an outing ("after the long
# walk"), not how moving goes.
_AN_OUTING = _WEEKDAYS | {"the", "a", "an", "my", "our", "long", "short", "little", "brisk"}
_AN_OUTING |= {"dog", "hill", "hilly", "nice", "evening", "morning", "weekend"}
_AN_OUTING |= {"lunch", "lunchtime"}
_WHEN_OUT = frozenset({"after", "on", "from", "during", "before", "since", "post", "following"})
# Between a word of now and the score now: "today already 3", "hoy ya 3", "now only 2".
_STILL = frozenset({"already", "only", "just", "ya", "still", "more", "solo"})
# Opening a sentence of its own that holds only a number: the score now ("Now ~6.").
_NOW_ALONE = (NOW - {"overall", "since", "by"}) | {"atm"}
_AT_TIMES = (["a", "veces"], ["as", "vezes"], ["a", "vezes"])
# Saying moving goes well: a low number after one is no movement score ("walking fine, 2").
_MOVING_WELL = frozenset(
    {"fine", "ok", "okay", "good", "great", "well", "better", "bien", "alright", "easy"}
)
_LOW_FOR_WELL = 4
# Opening a question about the check-in itself ("what does 0 mean, no pain or ...?").
_ASKED_WITH = frozenset({"what", "whats", "does", "do", "is", "how", "which", "should"})
_OF_THE_SCALE = frozenset({"mean", "means", "meaning", "scale", "0", "zero", "10", "number"})
# After a number "then" gives as the later score, words of when it was said of.
_WHEN_AFTER_A_SCORE = frozenset(
    {"after", "on", "by", "post", "now", "today", "following", "since", "at"}
)
# Right after "no pain": said of now, a later time than a score said of an earlier one.
_NOW_AFTER_NO_PAIN = frozenset({"now", "anymore", "today", "currently"})
_NOW_BEFORE_NO_PAIN = frozenset({"now", "today", "by"})  # "by friday no pain"
# Right after a score, saying it was of an earlier moment ("6 on monday", "5 after the run").
_OF_A_MOMENT = _WEEKDAYS | {"after", "on"}
# Owning up to a score of the wrong week ("no wait that was last week"), not of an event that
# was ("the 10k was last week").
_OWNING_UP = frozenset({"no", "wait", "oops", "sorry", "actually", "sry", "woops"})
_AN_EVENT = frozenset(
    {"race", "run", "marathon", "session", "half", "parkrun", "hill", "hills", "workout"}
    | {"long", "tempo", "intervals", "10k", "5k", "trail", "ultra", "club"}
)
_BUT = frozenset({"but", "though", "pero", "mas"})  # (not "and": "And today 6" adds a run)
_BEFORE_NOW_SCORE = frozenset(
    {"about", "around", "like", "more", "maybe", "prob", "probably", "a", "its"}
)
# Pain denied after a feeling ("tight but not painful") leaves how sore open, unlike "not sore",
# "no pain" or "not painful at all": every reader asked (two writers, two more labellers).
_PAIN = frozenset({"painful"})
# Soreness said to be over: "niggle gone", "pain all cleared up now", "has completely gone".
_BEFORE_GONE = frozenset({"is", "has", "all", "completely", "totally", "fully", "now", "s"})
_AFTER_GONE = frozenset({"up", "now", "away", "completely", "totally", "fully", "thankfully"})
# A score said of doing something ("5 running", "6 when running", "4 on the hills").
_DOING = frozenset({"running", "walking", "sprinting", "racing", "jogging", "climbing"})
_WHILE_DOING = frozenset({"when", "while", "during", "on", "in", "after"})
_ACTIVITIES = frozenset(
    {"runs", "run", "hills", "hill", "stairs", "uphill", "downhill", "descents", "climbs"}
    | {"speedwork", "intervals", "sprints", "track", "trails", "efforts", "reps"}
)
# "back to" is one token (a saying in which "back" names no area): a change to the score after it.
_BACK_TO = "back to"
# Doubting the score just given: "8?? maybe that's too high, call it 6", "7, scratch that, 5".
_TOO = frozenset({"high", "low", "harsh", "generous", "dramatic", "kind"})
_RESCORE = frozenset({"call", "make"})
_RESCORED = frozenset({"it", "that", "them", "this"})
# A subject of the member's own between a score and "call it": what follows may be of another thing.
_OTHER_SUBJECTS = frozenset({"i", "im", "ive", "we"})


def _rescored_after_other_talk(gap: list[str]) -> bool:
    """ "my neck has been a 3 and I get through the day fine, call it 8": the member talks of
    something else between the score and "call it", so "it" may be that (the day, movement) as
    well as the score: both are asked about. A doubt of the score ("I think that's too high,
    call it 4") still corrects it."""
    for at, (a, b) in enumerate(itertools.pairwise(gap)):
        if a in _RESCORE and b in _RESCORED:
            before = gap[:at]
            return bool(_OTHER_SUBJECTS & set(before)) and not _doubted(before)
    return False


# The only words between two scores, with a comma after or a question before: "5...no, 6".
_NO_ALONE = (["no"], ["nah"], ["nope"], ["nao"])  # Portuguese "não"
_NO_WORDS = frozenset(word for [word] in _NO_ALONE)
# Around such a "no" inside a sentence: "5, hmm no maybe 4", "8, no perdón, 7".
_HMM = frozenset({"hmm", "hm", "um", "umm", "erm"})
_SLIPS = frozenset({"maybe", "perdon", "sorry", "wait", "actually", "mentira", "mentiras"})
# After "no" between two scores, owning up to a slip: "5... no mentiras, 6" (no, lies), "no
# sorry, 4".
_OWNED_SLIPS = frozenset({"mentira", "mentiras", "perdon", "sorry"})
_BECAME = ("→", "->", "=>", "➡")  # arrows saying what a score became
# After an arrow from a score, the words of when the next number is said of ("→ now 3",
# "→ after sauna on Friday 3"), not of a hope, a habit or the past ("→ hoping for 3").
_ARROW_WHEN = frozenset({"now", "after", "today", "tonight", "this", "currently", "then"})
_ARROW_NOT_NOW = frozenset(
    {"was", "were", "used", "hoping", "hope", "goal", "target", "normally", "usually"}
    | {"tomorrow", "by", "before", "for", "did", "peak", "worst", "reps", "sets", "of", "in"}
)
# "nothing hurts" says nowhere is sore only at the end of what is said or with these after it
# ("nothing hurts at all", "... anymore"), not as a saying or a measure ("nothing hurts like
# a 30k", "nothing hurts that much", "nothing hurts until mile 10").
_HURTS = frozenset({"hurts", "hurting"})
_HURTS_THEN = frozenset({"at", "anymore", "this", "for", "now", "today", "lets", "coach"})
# Right after the number such a "no" gives instead: the end of what is said of it ("no, 4."),
# not more words ("no, 2 long runs", "no, 7 at night", "no, 3 😂").
_SAID_AND_DONE = re.compile(r"\s*(?:$|[.,;!\n])")


def _taken_back_outright(gap: list[str]) -> bool:
    for at, pair in enumerate(itertools.pairwise(gap)):
        if pair in _NO_PAIRS:
            return not _ANOTHER_TIME & set(gap[at + 2 :])
    return False


def _said_as_now(words: list[str]) -> bool:
    """ "by Sunday it's more like a 3" ("it's" read as "it"), "by Thursday they're a 4"."""
    said = set(words)
    return bool(PRESENT & said) or ("it" in said and not {"was", "were"} & said)


def _doubted(gap: list[str]) -> bool:
    return (
        "scratch" in gap
        or "scrap" in gap
        or any(
            (a == "too" and b in _TOO) or (a in _RESCORE and b in _RESCORED)
            for a, b in itertools.pairwise(gap)
        )
    )


# Before the area a score is doubted to be of: "(or was it my hamstrings?)".
_WHOSE = frozenset({"my", "the", "your", "more"})
# Between a word of conclusion and its score: "so I'd say a 6", "so maybe 5", "so call it 4".
_SO_SAY = frozenset(
    {"a", "an", "about", "around", "maybe", "prob", "probably", "like", "id", "i", "say"}
    | {"call", "it", "make", "that", "roughly", "more"}
)


# Around "kidding", "joking": no joke is taken back ("not kidding", "kidding myself").
_NOT_A_JOKE_BEFORE = frozenset({"not", "no", "never", "aint", "im", "am"})
_NOT_A_JOKE_AFTER = frozenset({"myself", "yourself", "ourselves", "themselves"})


# Single letters that may stand for a label among code letters ("N 3 / S 4 / LB 2").
_LETTER_KINDS = frozenset({K.WORD, K.SIDE, K.JOIN})
# Before a number that closes its clause, these make it something other than a score.
_NOT_SCORE_BEFORE = frozenset({"the", "my", "our", "their", "his", "her", "number", "no", "than"})


# Taking back every score before it in its sentence, when they are given again after it: a
# joke, or a slip ("calves 2, hip flexors 6, wait, I mean the other way, calves 6 and hip
# flexors 2").
_JOKES_AND_SLIPS = JOKES | {"wait", "mean", "meant", "correction", "oops", "edit"}
# Before a number that comes first, taking back what was said: "I meant 7 for movement".
_SAYING_AGAIN = {"meant", "mean", "actually", "rather", "oops", "correction", "sorry"}
# Said of the area named before "haven't noticed": "adductors - haven't noticed them at all".
_AREA_PRONOUNS_NOTICED = frozenset({"them", "it", "they", "those"})
# Before a side that opens what is said of it: "calves 3, and the left 5", "e a direita 6".
_SIDE_OPENERS = frozenset({"the", "my", "and", "but", "o", "a", "e", "el", "la", "y", "on", "its"})
# Sides said after what they are of, as Portuguese and Spanish say them ("joelho direito",
# the right knee): only these can be another word's side ("especially left 5" is the area's).
_SIDES_AFTER = frozenset({"direito", "direita", "esquerdo", "esquerda", "derecho", "derecha"})
_SIDES_AFTER |= {"izquierdo", "izquierda", "izq", "izda", "der", "dcha"}
# Laughs beside a joke taken back, said of nothing ("10 lol jk").
_LAUGHS = frozenset({"lol", "lmao", "haha", "hahaha", "😂", "🤣", "😅", "😜", "😉"})


class ReadScores(State):
    """The passes over one sentence that pair labels with their scores."""

    def _read_sentence(self, features: int, start: int, end: int) -> None:
        if features & LETTERS and self._code_letters(start, end):
            features |= HAS_LABEL
        if features & AREAS:
            self._groups(start, end)
        if features & NEGATION:
            self._zero_phrases(start, end)
        if features & HAS_NUM:
            if features & (AREA_SEEN | AREAS):
                self._glossed(start, end)
            self._leading_digits(start, end)
        if features & HAS_LABEL:
            self._direct(start, end)
            self._late(start, end)
            if features & HAS_NUM:
                self._joined_second(start, end)
                if features & AREAS:
                    self._owner_doubted(start, end)
        if features & HAS_SIDE:
            self._sided_orphans(start, end)

    def _code_letters(self, start: int, end: int) -> bool:
        """ "c 3 g 2 h 4 m 7 e same": single letters for the member's areas, movement and
        efficiency. One letter alone is code after a sentence in code ("Q 3, H 4. M 8."), or
        movement's or efficiency's among spelt labels ("calves 4 glutes 2 m 8 eff better")."""
        letters = self.letters
        toks = self.toks
        found = [
            i
            for i in range(start, end - 1)
            if toks[i].kind in _LETTER_KINDS  # "n" is a joiner too ("calves n glutes")
            and len(toks[i].text) == 1
            and toks[i].text in letters
            and self._letter_value(i + 1, end)
        ]
        # Each letter once: "a 2, calves a 3 and glutes a 4" is no code.
        counts = Counter(toks[i].text for i in found)
        found = [i for i in found if counts[toks[i].text] == 1]
        if not self._a_code(start, end, found):
            return False
        self.in_code = True
        for i in found:
            kind, target = letters[toks[i].text]
            toks[i].kind, toks[i].target = kind, target
        return True

    def _a_code(self, start: int, end: int, found: list[int]) -> bool:
        """Whether the letters found are a code: three or more; any in a sentence of letters
        and values alone after a sentence in code ("Q 3, H 4. M 8. E same.", not "Felt like
        a 6" or "last 3 m 7 pace"); else two, or movement's or efficiency's letter alone,
        among spelt labels and their values."""
        if len(found) > 2:
            return True
        if (
            found
            and self.in_code
            and all(i in found or self.toks[i].kind in _PLAIN_KINDS for i in range(start, end))
        ):
            return True
        if len(found) == 1 and self.letters[self.toks[found[0]].text][0] == K.AREA:
            return False  # "calves 3 g 2": a letter of an area needs another beside it
        return bool(found) and self._plain_answer(start, end, found)

    def _plain_answer(self, start: int, end: int, letters: list[int]) -> bool:
        """ "c 2 itb 2 m 9 same": two letters are a code only among labels and their values,
        with a label spelt out."""
        toks = self.toks
        if any(toks[i].text in ("a", "i") for i in letters):
            return False  # "hamstrings a 3", "i 5": words first
        spelt = False
        for index in range(start, end):
            kind = toks[index].kind
            if kind in LABELS:
                spelt = True
            elif index not in letters and kind not in _PLAIN_KINDS:
                return False
        return spelt

    def _letter_value(self, index: int, end: int) -> bool:
        toks = self.toks
        if toks[index].kind == K.PUNCT and index + 1 < end:
            index += 1  # "c: 3"
        return self._score_like(toks[index]) or toks[index].kind == K.VAL

    def _groups(self, start: int, end: int) -> None:
        """ "quads and hammies both 3", "back, bum and hips all a 2", "Hams, glutes, calves: 3
        across the board": one score for a list of areas."""
        toks = self.toks
        index = start
        while index < end:
            if toks[index].kind not in _GROUPED or toks[index].used:
                index += 1
                continue
            members = [index]
            joined = False
            other = index + 1
            while other < end:
                tok = toks[other]
                if tok.kind in _GROUPED:
                    members.append(other)
                elif tok.kind == K.MOVE and not tok.used and not weak_label(tok):
                    # "calves, glutes, movement: 3, 2, 8": one each, in order, or none.
                    members.append(other)
                    other += 1
                    break
                elif tok.kind == K.JOIN:
                    joined = True
                elif tok.kind not in (K.COMMA, K.PUNCT) and tok.text not in ("my", "the"):
                    break
                other += 1
            if len(members) < 2:
                index += 1
                continue
            if all(toks[m].kind == K.UNTRACKED for m in members):
                index = other
                continue
            if toks[members[-1]].kind == K.MOVE and not self._values_follow(members[-1], end):
                other = members.pop()  # "adductors, movement 8": movement's own score
            if len(members) < 2:
                index += 1
                continue
            if toks[members[-1]].kind == K.MOVE:
                score_at, together = self._group_score(members[-1], end)
                if (
                    score_at is not None
                    and not together
                    and not self._respectively(members, score_at, end)
                ):
                    # "calves, glutes, movement: 3, 2": which is whose? Asked, none kept.
                    toks[members[-1]].used = True
                    self.reading.unread.append((toks[members[0]].start, toks[score_at].end))
                index = other
                continue
            leading = self._score_before(index, start)
            if leading is None and other >= end:
                # "the whole posterior chain is about a 5 — hams, glutes, low back".
                leading = self._score_over_list(index, start)
                if leading is not None:
                    for member in members:
                        self._pair(member, leading, group=True)
                    index = other
                    continue
            if leading is not None and joined:
                # "2 for calves and glutes, hams 4": the score said first is the list's.
                members = [m for m in members if not self._comma_between(index, m)]
                if len(members) > 1:
                    for member in members:
                        self._pair(member, leading, group=True)
                index = members[-1] + 1
                continue
            score_at, together = self._group_score(members[-1], end)
            if score_at is None or (not together and self._respectively(members, score_at, end)):
                pass
            elif joined or together:
                for member in members:
                    self._pair(member, score_at, group=True)
            index = other

    def _values_follow(self, label: int, end: int) -> bool:
        """Two numbers or more in a row after the label: "movement: 3, 2, 8", "movement 3/2"."""
        toks = self.toks
        count = 0
        for other in range(label + 1, end):
            tok = toks[other]
            if tok.kind == K.NUM:
                if tok.training or tok.past:
                    return False
                count += 2 if tok.problem in ("list", "scale") else 1
            elif tok.kind not in GAPS and not (count == 0 and tok.text in self.lex.bridge):
                break
        return count >= 2

    def _score_before(self, first: int, start: int) -> int | None:
        """ "2 for calves and glutes": a score opening the clause, then the areas."""
        toks = self.toks
        other = first - 1
        while other >= start and (toks[other].kind == K.PUNCT or toks[other].text in _FOR_AREAS):
            other -= 1
        if other < start or other == first - 1 or toks[other].used:
            return None
        tok = toks[other]
        if not (self._score_like(tok) and tok.digits and tok.problem is None):
            return None
        return other if other == start or toks[other - 1].kind in BREAKS else None

    def _score_over_list(self, first: int, start: int) -> int | None:
        """A score said of the list of areas that follows it after a dash or colon, closing the
        sentence, with no other label before it."""
        toks = self.toks
        other = first - 1
        while other >= start and toks[other].text in _FOR_AREAS:
            other -= 1
        if other <= start or toks[other].kind != K.PUNCT or toks[other].text not in _OVER_LIST:
            return None
        score = other - 1
        tok = toks[score]
        if tok.used or not (self._score_like(tok) and tok.problem is None and self._cued(score)):
            return None
        if any(toks[i].kind in LABELS_ALL_EFF for i in range(start, score)):
            return None
        return score

    def _comma_between(self, first: int, last: int) -> bool:
        return any(t.kind == K.COMMA for t in self.toks[first:last])

    def _respectively(self, members: list[int], first: int, end: int) -> bool:
        """ "calves and glutes 3 and 4", "calves, glutes, hams: 3, 4, 2", "calves glutes 2 3",
        "calves/glutes/hams 1/2/3": one score each, in the order the areas were named."""
        toks = self.toks
        numbers = [first]
        other = first + 1
        while other < end:
            tok = toks[other]
            if self._score_like(tok) and tok.problem in _IN_A_ROW:
                numbers.append(other)
            elif tok.kind not in GAPS:
                break
            other += 1
        other = self._in_order(other, end)
        values = self._values_in_order(numbers)
        if values is None or len(values) != len(members):
            return False
        if len(numbers) == len(members):
            if not self._ends_clause(other, end):
                return False
            for member, number in zip(members, numbers, strict=True):
                self._pair(member, number)
            return True
        if toks[first].problem == "scale" and len(numbers) == 1 and len(members) != 2:
            return False
        span_end = toks[numbers[-1]].end
        for member, value in zip(members, values, strict=True):
            self._found(member, value, (toks[member].start, span_end))
        for number in numbers:
            toks[number].used = True
        return True

    def _in_order(self, index: int, end: int) -> int:
        """Past "respectively" or "in that order" after a list of scores."""
        toks = self.toks
        for words in _IN_ORDER:
            upto = index + len(words)
            if upto <= end and tuple(t.text for t in toks[index:upto]) == words:
                for tok in toks[index:upto]:
                    tok.used = True
                return upto
        return index

    def _group_score(self, last: int, end: int) -> tuple[int | None, bool]:
        toks = self.toks
        together = False
        other = last + 1
        while other < end:
            tok = toks[other]
            if tok.text in self.lex.together or tok.kind == K.ALL:
                together = True
            elif not (tok.kind == K.PUNCT or (tok.kind == K.WORD and tok.text in self.lex.bridge)):
                break
            other += 1
        if other < end and together and toks[other].kind in (K.WORD, K.COMMA):
            each = self._each_after_words(other, end)
            if each is not None:
                return each, True  # "glutes and groin both chill, 2 each"
        if other >= end or (not self._score_like(toks[other]) and toks[other].kind != K.ZERO):
            return None, False
        after = other + 1
        if after < end and toks[after].text in self.lex.together:
            together = True
        return other, together

    def _each_after_words(self, index: int, end: int) -> int | None:
        """ "both chill, 2 each": a few words on how the areas feel, then a score said of each
        of them in the next clause; where the score is."""
        toks, lex = self.toks, self.lex
        other = index
        while other < min(end, index + 3) and toks[other].kind == K.WORD:
            text = toks[other].text
            if not (text in lex.levels or text in lex.complaining or text in lex.bridge):
                return None  # "both got the roller, 5 each": minutes, not a score
            other += 1
        if other >= end or toks[other].kind != K.COMMA:
            return None
        other += 1
        while other < end and toks[other].kind == K.WORD and toks[other].text in lex.bridge:
            other += 1
        if other + 1 >= end or not self._score_like(toks[other]) or toks[other].used:
            return None
        closes = other + 2 >= end or toks[other + 2].kind in BREAKS  # not "3 each of the clams"
        return other if toks[other + 1].text in _EACH and closes else None

    def _zero_phrases(self, start: int, end: int) -> None:
        """ "nothing sore in the calves", "no soreness anywhere", "quads not tight at all"."""
        toks, lex = self.toks, self.lex
        for index in range(start, end):
            tok = toks[index]
            lead = tok.kind == K.ZERO or tok.text in ("no", "zero", "nil", "not")
            if tok.used or not lead or tok.kind not in (K.ZERO, K.WORD, K.NUM):
                continue
            sore = index + 1
            while sore < end and toks[sore].text in _BEFORE_SORE:
                sore += 1  # "no real pain", "not a single niggle"
            if tok.text == "not" and sore == index + 1:
                continue  # "not sore" is read with its area
            whole = " " in tok.text and tok.kind == K.ZERO  # "pain free calves"
            if whole:
                sore = index  # the phrase's last word
                while sore + 1 < end and toks[sore + 1].kind == K.PUNCT and not toks[sore + 1].text:
                    sore += 1
            elif (
                sore + 1 < end
                and toks[sore].kind == K.AREA
                and toks[sore + 1].text in lex.sore
                and not toks[sore].used
            ):
                self._zero(sore, (tok.start, toks[sore + 1].end), upto=sore + 1)
                tok.used = True  # "no calf soreness"
                continue
            if sore >= end or (
                not whole and toks[sore].text not in lex.sore and toks[sore].text not in _NOT_A_PEEP
            ):
                continue
            area = self._area_after(sore + 1, end)
            if area is None and toks[sore].text in _NOT_A_PEEP:
                continue  # "not a twinge" of an area said after it only
            elsewhere = any(t.text in ("else", "other") for t in toks[index:sore])
            if area is None and not self._area_in_clause(index) and not elsewhere:
                # "lumbar is fine, no pain at all": the area named just before, still unscored.
                before = self._open_area_before(start, index)
                if before is not None and self._number_stands(before, index, sore):
                    continue  # "hip flexors 2, first week with no pain since september"
                if before is not None and self._side_opens(index):
                    # "right ITB 4, left no pain at all": one side's zero, which gives way to
                    # the other side's score.
                    target = toks[before]
                    span = (tok.start, toks[sore].end)
                    self.reading.scores.append(
                        Score(target.kind, target.target, 0, False, True, target.text, True, span)
                    )
                    for used in toks[index : sore + 1]:
                        used.used = True
                    self._use_following(sore + 1, end, {"at", "all", "this", "week"})
                    continue
                if before is None:
                    # "..., Groin has been totally fine, no soreness at all, Movement 9": the
                    # clause before, in a long sentence.
                    clause = toks[index].clause
                    first, last = self.clauses[clause - 1] if clause > 0 else (-1, -1)
                    if first >= start and not any(t.kind == K.NUM for t in toks[first:last]):
                        before = self._open_area_before(first, last)
                area = None if before is None else [before]
            if area is not None:
                for member in area:
                    self._zero(member, (tok.start, toks[sore].end))
                for between in toks[area[0] : area[-1]]:
                    between.used = True  # "calves or glutes"
                tok.used = toks[sore].used = True
            elif (
                (whole or toks[sore].text in lex.anywhere)
                and not (
                    toks[sore].text in _HURTS
                    and sore + 1 < end
                    and toks[sore + 1].kind not in GAPS
                    and toks[sore + 1].text not in _HURTS_THEN
                )
                and (not self._area_in_clause(index) or self._except_follows(sore + 1, end))
                and not self._asks_what_it_means(index)
            ):
                # "nothing else sore", "no soreness except the glutes": the areas without a
                # score are at 0.
                self.reading.everything_zero = True
                for used in toks[index : sore + 1]:
                    used.used = True
                self._use_following(sore + 1, end, {"anywhere", "at", "all", "this", "week"})
        for index in range(start, end):
            if toks[index].kind == K.AREA and not toks[index].used:
                self._area_negated(index, end)

    def _closes_or_dated(self, index: int, end: int) -> bool:
        """Nothing more is said of the number before `index`, or only when ("after the
        massage", "on friday", "by sunday", "now")."""
        toks = self.toks
        while index < end and toks[index].kind == K.PUNCT:
            index += 1
        if index >= end or self._clause_closes_at(index):
            return True
        return toks[index].text.split()[0] in _WHEN_AFTER_A_SCORE

    def _asks_what_it_means(self, index: int) -> bool:
        """ "what does 0 mean again, no pain or no stretching done?": a question about the
        scale, opening with a question word, not a report of no soreness (found once a
        sentence: a long reply of "pain free" asks for each)."""
        sentence = self.toks[index].sentence
        known = self._scale_questions.get(sentence)
        if known is None:
            start, end = self.sentences[sentence]
            first = next((t for t in self.toks[start:end] if t.word), None)
            closing = self.toks[end] if end < len(self.toks) else None
            known = self._scale_questions[sentence] = (
                first is not None
                and first.text in _ASKED_WITH
                and closing is not None
                and "?" in closing.text
                and any(t.text in _OF_THE_SCALE for t in self.toks[start:end])
            )
        return known

    def _number_stands(self, area: int, no: int, sore: int) -> bool:
        """Whether a score follows the area, with only bridge words between ("calves 2"), and
        "no pain" after it says nothing of a later time ("lower back was 7 last week, no pain
        now" and "calves 6 on monday, by friday no pain at all" are the later 0)."""
        toks = self.toks
        following = self._next(area, no, skip_bridge=True)
        if following is None:
            return False
        tok = toks[following]  # (not "Groin is 100% now, no pain at all")
        if not self._score_like(tok) or tok.percent or score_value(tok) is None:
            return False
        return not (self._said_of_before(area, following) and self._said_of_later(no, sore))

    def _said_of_before(self, area: int, score: int) -> bool:
        """ "lower back was 7", "calves 7 last week", "calves 6 on monday", "5 after the long
        run": the score is said of an earlier time."""
        toks = self.toks
        if any(t.text in ("was", "were") for t in toks[area + 1 : score]):
            return True
        after = [w for t in toks[score + 1 : score + 4] if t.word for w in t.text.split()]
        return bool(after) and (after[:2] == ["last", "week"] or after[0] in _OF_A_MOMENT)

    def _said_of_later(self, no: int, sore: int) -> bool:
        """ "no pain now", "no pain anymore", "now no pain", "by friday no pain": said of a
        later time."""
        toks = self.toks
        after = {t.text for t in toks[sore + 1 : sore + 3]}
        before = [t.text for t in toks[max(no - 3, 0) : no] if t.word]
        return bool(after & _NOW_AFTER_NO_PAIN or _NOW_BEFORE_NO_PAIN & set(before))

    def _not_noticed(self) -> None:
        """ "I haven't noticed the IT band at all", "never noticed my quads at all": a zero, as
        "hasn't bothered me at all" is, in a sentence of its own too. Only with "at all" after
        the area: "didn't notice my calves much" says less."""
        toks, negations = self.toks, self.lex.negations
        end = len(toks)
        for index in range(1, end):
            tok = toks[index]
            if tok.text not in _NOTICED or toks[index - 1].text not in negations or tok.used:
                continue
            area = self._area_after(index + 1, end)
            first = index - 1
            if area is None:
                # "adductors - haven't noticed them at all": the area opening the clause, then
                # "them", "it" or nothing for it.
                area, first = self._area_before_not_noticed(index), index - 1
            if area is None or any(toks[a].used for a in area):
                continue
            after = max(area[-1], index) + 1
            while after < end and (
                (toks[after].kind == K.PUNCT and not toks[after].text)
                or (area[-1] < index and toks[after].text in _AREA_PRONOUNS_NOTICED)
            ):
                after += 1
            if after + 1 < end and (toks[after].text, toks[after + 1].text) == ("at", "all"):
                start = min(toks[area[0]].start, toks[first].start)
                for member in area:
                    self._zero(member, (start, toks[after + 1].end))
                for used in toks[min(area[0], first) : after + 2]:
                    used.used = True

    def _area_before_not_noticed(self, index: int) -> list[int] | None:
        """The unscored area opening the clause of "haven't noticed" ("adductors - haven't
        noticed them at all"), with nothing but the negation and punctuation between."""
        toks = self.toks
        other = index - 2  # before the negation
        while other >= 0 and toks[other].kind == K.PUNCT:
            other -= 1
        if other < 0 or toks[other].kind != K.AREA or toks[other].used:
            return None
        if toks[other].clause != toks[index].clause and toks[other + 1].kind == K.COMMA:
            return None
        return [other]

    def _side_opens(self, index: int) -> bool:
        """ "left no pain at all", "right one no pain": a side word right before the zero,
        opening its clause."""
        other = index - 1
        while other >= 0 and self.toks[other].kind == K.PUNCT:
            other -= 1
        if other > 0 and self.toks[other].text == "one":
            other -= 1
        if other < 0 or self.toks[other].kind != K.SIDE:
            return False
        if other > 0 and self.toks[other - 1].text == "the":
            other -= 1  # "the right one no pain"
        return self._opens_clause(other)

    def _except_follows(self, index: int, end: int) -> bool:
        toks = self.toks
        while index < end and toks[index].kind == K.PUNCT:
            index += 1
        return index < end and toks[index].text in self.lex.excepts

    def _open_area_before(self, start: int, index: int) -> int | None:
        """The one area named from `start` on with no score, if there is exactly one label."""
        if self._labels is None:  # found once: a long reply asks for every zero phrase in it
            self._labels = [i for i, tok in enumerate(self.toks) if tok.kind in LABELS]
        first = bisect_left(self._labels, start)
        if bisect_left(self._labels, index, lo=first) - first != 1:
            return None
        label = self._labels[first]
        return label if self.toks[label].kind == K.AREA and not self.toks[label].used else None

    def _area_after(self, index: int, end: int) -> list[int] | None:
        """The area(s) named right after "nothing sore": "in the calves", "with my quads"."""
        toks = self.toks
        other = index
        while (
            other < end
            and toks[other].kind == K.WORD
            and toks[other].text
            in (
                "in",
                "on",
                "with",
                "at",
                "the",
                "my",
                "either",
                "around",
                "for",
                "from",
                "out",
                "of",
            )
        ):
            other += 1
        if other >= end or toks[other].kind != K.AREA:
            return None
        members = [other]
        while other + 2 < end and (
            (toks[other + 1].kind == K.JOIN or toks[other + 1].text in ("or", "nor"))
            and toks[other + 2].kind == K.AREA
        ):
            other += 2
            members.append(other)
        return members

    def _area_negated(self, index: int, end: int) -> None:
        """ "groin not sore at all", "glutes nothing at all", "lower back hasn't bothered me"."""
        toks, lex = self.toks, self.lex
        other = index + 1
        while other < end and toks[other].kind not in NOT_AFTER_AREA:
            tok = toks[other]
            if tok.kind == K.ZERO and self._ends_clause(other + 1, end):
                self._zero(index, (toks[index].start, tok.end), upto=other)
                return
            if tok.text in lex.negations and tok.kind == K.WORD:
                following = other + 1
                while following < end and toks[following].text in (
                    "really",
                    "me",
                    "been",
                    "felt",
                    "even",
                    "at",
                    "any",
                    "a",
                    "an",
                    "bit",
                    "ever",
                    "little",
                    "remotely",
                    "slightly",
                    "the",
                    "least",
                    "tiny",
                    "longer",
                ):
                    following += 1
                if following < end and toks[following].text in lex.softeners:
                    return
                if following < end and toks[following].text in lex.sore:
                    self._zero(index, (toks[index].start, toks[following].end), upto=following)
                    self._use_following(following + 1, end, {"me", "at", "all", "this", "week"})
                    return
            if tok.text in lex.sore and self._gone(other + 1, end):
                # "hamstring niggle gone", "calf pain all cleared up": no soreness now.
                self._zero(index, (toks[index].start, tok.end), upto=other)
                return
            if tok.kind == K.WORD and tok.text in lex.contrasts and self._denied(index, other, end):
                return
            bridging = tok.kind == K.WORD and tok.text in lex.bridge
            if not bridging and tok.kind != K.PUNCT:
                return
            other += 1

    def _gone(self, index: int, end: int) -> bool:
        """ "... gone", "... all cleared up now", "... has completely gone": said of soreness,
        none is left, and nothing else follows in the clause."""
        toks = self.toks
        while index < end and (toks[index].kind == K.PUNCT or toks[index].text in _BEFORE_GONE):
            index += 1
        if index >= end or toks[index].text not in GONE:
            return False
        index += 1
        while index < end and (toks[index].kind == K.PUNCT or toks[index].text in _AFTER_GONE):
            index += 1
        return index >= end or toks[index].kind in BREAKS or toks[index].kind in LABELS_ALL_EFF

    def _denied(self, area: int, contrast: int, end: int) -> bool:
        """ "hips tight but not sore", "calves stiff yet no pain at all": a feeling said, then
        soreness denied outright (not "but not really sore", "not too sore"): 0."""
        toks, lex = self.toks, self.lex
        if not any(toks[i].text in lex.sore for i in range(area + 1, contrast)):
            return False
        negation, sore = contrast + 1, contrast + 2
        if sore >= end or toks[negation].text not in lex.negations:
            return False
        if toks[sore].text not in lex.sore:
            return False
        denied_pain = toks[sore].text in _PAIN or (
            toks[negation].text == "not" and toks[sore].text == "pain"  # "tight but not pain"
        )
        if denied_pain and not self._at_all(sore + 1, end):
            # "tight but not painful": tight, so sore a little? Asked, and no later number is
            # its score ("..., was a 5 after the race").
            self.reading.unread.append((toks[area].start, toks[sore].end))
            for tok in toks[area : sore + 1]:
                tok.used = True
            return True
        self._zero(area, (toks[area].start, toks[sore].end), upto=sore)
        self._use_following(sore + 1, end, {"me", "at", "all", "this", "week"})
        return True

    def _at_all(self, index: int, end: int) -> bool:
        toks = self.toks
        return index + 1 < end and toks[index].text == "at" and toks[index + 1].text == "all"

    def _ends_clause(self, index: int, end: int) -> bool:
        toks = self.toks
        while (
            index < end
            and toks[index].kind in (K.WORD, K.ALL)
            and toks[index].text
            in (
                "at",
                "all",
                "this",
                "week",
                "really",
                "today",
                "to",
                "report",
                "whatsoever",
            )
        ):
            index += 1
        return index >= end or toks[index].kind in CLAUSE_ENDS or (toks[index].kind in LABELS)

    def _zero(self, area_at: int, span: tuple[int, int], upto: int | None = None) -> None:
        toks = self.toks
        # "hip flexors and adductors both tight but not sore": the areas joined before it too.
        joined = area_at
        while True:
            link = self._skip_absorbed(joined - 1)
            if link < 1 or toks[link].text not in ("and", "&"):
                break
            joined = self._skip_absorbed(link - 1)
            if joined < 0 or toks[joined].kind != K.AREA or toks[joined].used:
                break
            self._zero_one(joined, (toks[joined].start, span[1]))
        self._zero_one(area_at, span, upto)

    def _skip_absorbed(self, index: int) -> int:
        while index >= 0 and self.toks[index].kind == K.PUNCT and not self.toks[index].text:
            index -= 1
        return index

    def _zero_one(self, area_at: int, span: tuple[int, int], upto: int | None = None) -> None:
        tok = self.toks[area_at]
        self.reading.scores.append(
            # "no pain in the calves during runs" beside "calves 2": the number is the score.
            Score(tok.kind, tok.target, 0, False, False, tok.text, True, span)
        )
        tok.used = True
        if upto is not None:
            for between in self.toks[area_at : upto + 1]:
                between.used = True

    def _use_following(self, index: int, end: int, words: set[str]) -> None:
        while index < end and self.toks[index].text in words:
            self.toks[index].used = True
            index += 1

    def _glossed(self, start: int, end: int) -> None:
        """ "mông 3 (glutes)", "the other one 4 (lower back)", "glues 5 (glutes*)": a score with
        an area alone in brackets right after it is that area's, whatever word (of another
        language, often) goes before it."""
        toks = self.toks
        for index in range(start, end - 2):
            tok, opening, area = toks[index], toks[index + 1], toks[index + 2]
            if not (
                tok.kind == K.NUM
                and tok.digits
                and self._score_like(tok)
                and not tok.used
                and opening.text == "("
                and area.kind == K.AREA
                and not area.used
            ):
                continue
            closing = index + 3
            while closing < end and toks[closing].kind == K.PUNCT and not toks[closing].text:
                closing += 1
            # "glues 5 (glutes*)": the star of a word put right, before the bracket closes.
            if closing < len(toks) and toks[closing].text.lstrip("*").startswith(")"):
                self._pair(index + 2, index)

    def _leading_digits(self, start: int, end: int) -> None:
        """ "3 calves, 5 glutes", "8/10 movement", "7 for movement": the number comes first."""
        toks = self.toks
        clause_start = start
        for index in range(start, end + 1):
            if index < end and toks[index].kind != K.COMMA:
                continue
            # "I'd call it 8 for movement", "I meant 7 for movement": the words of rating or
            # of correcting before it are no subject.
            first = self._next(clause_start - 1, end, skip_bridge=True, extra=_SAYING_AGAIN)
            if first is not None and first < index:
                self._leading_clause(first, index)
            clause_start = index + 1

    def _leading_clause(self, first: int, end: int) -> None:
        toks = self.toks
        head = toks[first]
        if not (head.kind == K.NUM and head.digits and self._score_like(head)):
            return
        last = self._prev(end, skip_bridge=False, floor=first)
        if last is not None and toks[last].kind == K.VAL and last > first:
            last = self._prev(last, skip_bridge=False, floor=first)  # "... 8 movement better"
        if last is not None and toks[last].kind in LABELS:
            # "3 calves 6 glutes": every number names the label after it.
            for index in range(first, end):
                label = self._next(index, end, skip_bridge=True, extra={"for"})
                tok = toks[index]
                if (
                    self._score_like(tok)
                    and label is not None
                    and toks[label].kind in LABELS
                    and not toks[label].used
                ):
                    self._pair(label, index)
            return
        index = first
        while index < end:
            tok = toks[index]
            if tok.kind == K.NUM and tok.digits and self._score_like(tok) and not tok.used:
                label = self._next(index, end, skip_bridge=True, extra={"for"})
                if label is not None and toks[label].kind in LABELS_ALL:
                    after = self._next(label, end, skip_bridge=True)
                    if after is None or not self._score_like(toks[after]):
                        self._pair(label, index)
                        index = label
            index += 1

    def _direct(self, start: int, end: int) -> None:
        """A label followed by its score, with only bridge words between."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.used or tok.kind not in LABELS_ALL_EFF:
                continue
            if tok.kind == K.AREA and index > start and toks[index - 1].text in self.lex.excepts:
                continue  # "everything except calves is a 1": the 1 is everything's
            if tok.kind == K.ALL:
                self._all_except(index, end)
                if tok.used:
                    continue
            if tok.kind == K.EFF and self._direction(index, end):
                continue
            score = self._next(index, end, skip_bridge=True)
            if (
                tok.kind == K.AREA
                and (score is None or toks[score].kind != K.NUM)
                and self._likewise(index, start, end)
            ):
                continue
            if score is None or toks[score].used:
                continue
            other = toks[score]
            if tok.kind == K.EFF:
                negated = other.text in self.lex.negations
                if negated and score + 1 < end and toks[score + 1].kind == K.VAL:
                    score, other = score + 1, toks[score + 1]
                if other.kind == K.VAL:
                    self._explicit(index, score)
                elif other.kind == K.NA or (other.kind == K.NUM and not other.training):
                    tok.used = other.used = True
                    if other.kind == K.NUM:
                        self.reading.unread.append((tok.start, other.end))
                continue
            if (
                other.kind == K.NA and (other.text == "n/a" or self._ends_clause(score + 1, end))
            ) or (other.kind == K.ZERO and self._ends_clause(score + 1, end)):
                self._pair(index, score)
            elif (
                other.kind == K.NUM
                and not other.training
                and (other.digits or self._reachable(index, score))
            ):
                self._pair(index, score)
                self._more_sides(index, score, end)
            elif other.kind == K.SIDE:
                self._sided_after_side(index, score, end)
            elif other.kind == K.VAL and other.text == "same" and tok.kind == K.AREA:
                self._same_as_before(index, score, start)

    def _direction(self, label: int, end: int) -> bool:
        """ "efficiency up", "efficiency down a bit"."""
        toks = self.toks
        other = label + 1
        while other < end and (
            toks[other].kind == K.PUNCT or toks[other].text in _A_LITTLE  # "eff: bit up"
        ):
            other += 1
        value = _DIRECTIONS.get(toks[other].text) if other < end else None
        if value is None:
            return self._signed(label, end)
        for used in toks[label : other + 1]:
            used.used = True
        self.reading.explicit.append((value, (toks[label].start, toks[other].end)))
        return True

    def _signed(self, label: int, end: int) -> bool:
        """ "efficiency =", "eff: +": a sign alone after the label (a "-" may be a dash)."""
        toks = self.toks
        said = ""
        other = label + 1
        while other < end and toks[other].kind in (K.PUNCT, K.JOIN):
            said += toks[other].text
            other += 1
        if other < end and toks[other].kind not in BREAKS:
            return False
        if other < len(toks) and toks[other].kind in BREAKS:
            said += toks[other].text  # "eff =, movement 8": one run of symbols
        sign = "".join(ch for ch in said if ch in "=+")
        if any(ch not in _AROUND_A_SIGN for ch in said if ch not in "=+"):
            return False
        value = _SIGNS.get(sign)
        if value is None:
            return False
        for used in toks[label:other]:
            used.used = True
        self.reading.explicit.append((value, (toks[label].start, toks[other - 1].end)))
        return True

    def _same_as_before(self, label: int, same: int, start: int) -> None:
        """ "hip flexors 4 and groin the same": the score of the area just before."""
        toks = self.toks
        if same + 1 < len(toks) and toks[same + 1].text in ("as", "than", "to"):
            return  # "glutes same as last week": no score from the area before
        owner = self._last_scored_area(start, label)
        earlier = self._scores_for(owner) if owner is not None else []
        if len(earlier) != 1 or earlier[0].value is None:
            return
        for between in toks[label : same + 1]:
            between.used = True
        self._found(label, earlier[0].value, (toks[label].start, toks[same].end))

    def _likewise(self, label: int, start: int, end: int) -> bool:
        """ "calves 2, same for glutes", "glutes ditto", "hams 3, quads too": the score of the
        area scored just before."""
        toks = self.toks
        before = label - 1
        while before >= start and (
            toks[before].kind == K.PUNCT or toks[before].text in _LIKEWISE_GAPS
        ):
            before -= 1
        if before >= start and toks[before].text in _SAME_FOR and not toks[before].used:
            return self._copy_score(label, before, label)
        after = label + 1
        while after < end and (toks[after].kind == K.PUNCT or toks[after].text in _LIKEWISE_GAPS):
            after += 1
        if (
            after < end
            and toks[after].text in _LIKEWISE
            and not toks[after].used
            and self._ends_clause(after + 1, end)
        ):
            return self._copy_score(label, label, after)
        if after < end and toks[after].text in _SAME_AS and not toks[after].used:
            # "hamstrings about the same as the glutes": the score of the area named, when it
            # is the one scored just before.
            named = after + 1
            while named < end and (
                toks[named].kind == K.PUNCT or toks[named].text in _LIKEWISE_GAPS
            ):
                named += 1
            sentence = toks[label].sentence
            floor = self.sentences[sentence - 1][0] if sentence else 0
            owner = self._last_scored_area(floor, label)
            if (
                owner is not None
                and named < end
                and toks[named - 1].text in _LIKEWISE_GAPS
                and toks[named].kind == K.AREA
                and toks[owner].target == toks[named].target
                and self._ends_clause(named + 1, end)
            ):
                return self._copy_score(label, label, named)
        return False

    def _copy_score(self, label: int, first: int, last: int) -> bool:
        sentence = self.toks[label].sentence
        floor = self.sentences[sentence - 1][0] if sentence else 0
        owner = self._last_scored_area(floor, first)
        earlier = self._scores_for(owner) if owner is not None else []
        if len(earlier) != 1 or earlier[0].value is None:
            return False
        toks = self.toks
        for between in toks[first : last + 1]:
            between.used = True
        self._found(label, earlier[0].value, (toks[first].start, toks[last].end))
        return True

    def _found(self, label: int, value: int | None, span: tuple[int, int]) -> None:
        """An area's score that no one number token gives ("3, 4, 2", "the same")."""
        tok = self.toks[label]
        tok.used = True
        # An untracked part in a list ("calves shins 2/5") keeps its kind: no score is kept.
        found = Score(tok.kind, tok.target, value, False, False, tok.text, False, span)
        self.reading.scores.append(found)
        self.label_scores.setdefault(label, []).append(found)

    def _all_except(self, index: int, end: int) -> None:
        """ "everything except calves is a 1": the score after the excepted areas."""
        toks = self.toks
        after = self._next(index, end, skip_bridge=True)
        if after is None or toks[after].text not in self.lex.excepts:
            return
        other = after + 1
        while other < end and (
            toks[other].kind in (K.AREA, K.JOIN, K.PUNCT)
            or toks[other].text in ("the", "my", "for", "which", "that")  # "quads which are 5"
        ):
            other += 1
        while other < end and toks[other].kind == K.WORD and toks[other].text in self.lex.bridge:
            other += 1
        if other < end and self._score_like(toks[other]) and not toks[other].used:
            toks[after].used = True
            self._pair(index, other)

    def _reachable(self, label: int, score: int) -> bool:
        """A number word is a score only close to its label ("back to one run" is none)."""
        if self.toks[score].digits:
            return True
        loose = {"to", "up", "down", "in", "this", "week", "way", "lot", "like", "of", "for"}
        return not any(t.text in loose for t in self.toks[label + 1 : score])

    def _sided_after_side(self, label: int, side: int, end: int) -> None:
        """ "calves L3 R5", "ITB left 6 right 2"."""
        toks = self.toks
        score = self._next(side, end, skip_bridge=True)
        if score is None or not self._score_like(toks[score]) or toks[score].used:
            return
        self._pair(label, score, sided=True)
        self._more_sides(label, score, end, force=True)

    def _more_sides(self, label: int, score: int, end: int, force: bool = False) -> None:
        """After "calf 6": more values for other sides ("left, 3 right", "R 5", "| 5 |")."""
        toks = self.toks
        earlier = -1
        sided = force
        values = 0
        index = score + 1
        # "hammy 6 left 3 right, 8": sides said after their numbers belong to them, and make
        # no side of the number after.
        after = index
        while after < end and toks[after].kind == K.PUNCT:
            after += 1
        postfix = not force and after < end and toks[after].kind == K.SIDE
        while index < end:
            tok = toks[index]
            kind = tok.kind
            if kind == K.PUNCT and "(" in tok.text and ")" not in tok.text:
                # "4 on the right (tweaked it on a hill rep), 2 on the left": a remark between.
                closing = self._closing_bracket(index, end)
                if closing is not None:
                    index = closing + 1
                    continue
            if kind == K.SIDE:
                sided = not (postfix and self._follows_number(index))
            elif kind == K.NUM and not tok.training and not tok.used:
                sided = sided or self._side_follows(index, end)  # "glutes 4 (6 on the left)"
                # Said after their numbers, each side is said after its own.
                loose = not postfix and (self.side_header or self._side_near(label, score, end))
                if not (sided or loose):
                    return
                if earlier < 0:
                    earlier = len(self._scores_for(label))
                self._pair(label, index, sided=True)
                values += 1
                sided = False
            elif not (kind in GAPS or (kind == K.WORD and tok.text in SIDE_WORDS)):
                break
            index += 1
        if values:
            for found in self._scores_for(label)[:earlier]:
                found.sided = True
            last = index - 1
            while toks[last].kind in GAPS and ")" not in toks[last].text:
                last -= 1
            self.reading.notes.append((toks[label].start, toks[last].end))

    def _closing_bracket(self, index: int, end: int) -> int | None:
        """The ")" closing a remark of words (no number, side or label in it) within a few
        tokens."""
        toks = self.toks
        for other in range(index + 1, min(index + _REMARK_REACH, end)):
            tok = toks[other]
            if tok.kind in (K.NUM, K.SIDE) or tok.kind in LABELS_ALL_EFF:
                return None  # "(left)", "(7 after the long run)": no remark to step over
            if ")" in tok.text:
                return other
        return None

    def _follows_number(self, index: int) -> bool:
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        return before >= 0 and self.toks[before].kind == K.NUM

    def _side_follows(self, index: int, end: int) -> bool:
        toks = self.toks
        other = index + 1
        while other < end and (toks[other].text in SIDE_WORDS or toks[other].kind == K.PUNCT):
            other += 1
        return other < end and toks[other].kind == K.SIDE

    def _side_near(self, label: int, score: int, end: int) -> bool:
        """ "left calf 4, 6 right": a side word around the first score."""
        return any(
            self.toks[i].kind == K.SIDE for i in range(max(label - 1, 0), min(score + 4, end))
        )

    def _said_sore(self, index: int, end: int) -> bool:
        """A soreness word right before or after the word for everything ("sore everywhere",
        "everything's achy")."""
        toks, anywhere = self.toks, self.lex.anywhere
        before = index - 1
        after = self._next(index, end, skip_bridge=False, extra={"is", "s", "was", "feels"})
        return (before >= 0 and toks[before].text in anywhere) or (
            after is not None and toks[after].text in anywhere
        )

    def _late_weak_move(self, index: int, end: int) -> None:
        """ "I move difficult, maybe 5", "walking is hard work, I'd say 6": a weak movement
        label takes a score said as one ("maybe", "I'd say") in the very next clause, with no
        other label between."""
        toks = self.toks
        if self._an_outing(index):
            return  # "after the long walk with the dog, then about 4": a walk taken, no label
        score = self._late_score(index + 1, end)
        if score is None:
            return
        if not (self._cued(score) or self._says_how_then_scores(index, score, end)):
            return
        if toks[score].clause != toks[index].clause + 1:
            return
        if any(toks[i].kind in LABELS_ALL for i in range(index + 1, score)):
            return
        self._pair(index, score)

    def _an_outing(self, index: int) -> bool:
        """ "after the long walk", "on my walk": a walk taken, said after a word of when (not
        "my walking is ok, prob 7")."""
        toks = self.toks
        before = index - 1
        while before >= 0 and toks[before].text in _AN_OUTING:
            before -= 1
        return before < index - 1 and before >= 0 and toks[before].text in _WHEN_OUT

    def _says_how_then_scores(self, label: int, score: int, end: int) -> bool:
        """ "Walking fine-ish, 7.", "Daily stuff all ok, 8": the weak label opens its sentence
        (after "I", "can", "could" at most: "Could move fine, 9"), says how it goes in words,
        and a bare number alone in the next clause ends the sentence, with no area named in
        it."""
        toks = self.toks
        first = self.clauses[toks[label].clause][0]
        if any(
            toks[i].kind != K.PUNCT and toks[i].text not in _ABLE_TO for i in range(first, label)
        ):
            return False
        if not (self._opens_clause(score) and toks[score].bare):
            return False
        said = {t.text for t in toks[first:score]}
        if said & NOW:
            return False  # "glutes 6 on sunday, walking fine now, 2": the glutes' now
        value = score_value(toks[score])
        if value is not None and value <= _LOW_FOR_WELL and said & _MOVING_WELL:
            return False  # "walking better, 1", "I move fine, 3": a soreness, not movement
        after = score + 1
        while after < end and toks[after].kind == K.PUNCT:
            after += 1
        if after < end and toks[after].kind != K.STOP and not self._verdict_follows(after, end):
            return False
        return not any(
            toks[i].kind in (K.AREA, K.UNTRACKED, K.NUM) for i in range(first, score)
        ) and self._feeling_in_clause(label)

    def _verdict_follows(self, index: int, end: int) -> bool:
        """ "I move fine, 8, same same": a comma, then the verdict on the running."""
        following = index + 1
        return (
            self.toks[index].kind == K.COMMA
            and following < end
            and self.toks[following].kind in (K.VAL, K.EFF)
        )

    def _late(self, start: int, end: int) -> None:
        """A label whose score comes later in the sentence: "hammies were grumpy after the long
        run, I'd call it a 5", "Getting around is fine, I'd say 8"."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.used or tok.kind not in LABELS_ALL:
                continue
            if weak_label(tok):
                self._late_weak_move(index, end)
                continue
            sore_all = False
            if tok.kind == K.ALL and not self._scores_follow(index, end):
                # "sore everywhere, like an 8": everything said to be sore, then a score said
                # as one.
                sore_all = self._said_sore(index, end)
                if not sore_all:
                    continue
            score = self._late_score(index + 1, end)
            if sore_all and score is not None and not self._cued(score):
                score = None
            following = self._next(index, end, skip_bridge=True)
            if (
                score is not None
                and following is not None
                and toks[following].kind == K.NUM
                and toks[following].training
                and not self._cued(score)
            ):
                # "glutes 1 run count 5": the number by the area was taken for training talk,
                # so a later one is its score only when said as one ("3 days after the half
                # are still a 4").
                score = None
            if score is not None:
                for member in self._joined_before(index, start):
                    self._pair(member, score)  # "calves and glutes were sore, a 4"
                self._pair(index, score)
        features = self.features[toks[start].sentence] if start < end else 0
        if features & NUMS and features & CHANGE:
            for index in range(start, end):
                tok = toks[index]
                if tok.kind in (K.AREA, K.MOVE) and tok.used:
                    self._changed_to(index, end)  # "movement was 6 early on but 8 now" too
        self._across_the_board(start, end)

    def _joined_before(self, label: int, start: int) -> list[int]:
        """The unscored areas listed with this one: "calves, glutes and hams" for "hams"."""
        toks = self.toks
        if toks[label].kind != K.AREA:
            return []
        members: list[int] = []
        joined = False
        other = label - 1
        while other - 1 >= start and toks[other].kind in (K.JOIN, K.COMMA):
            joined = joined or toks[other].kind == K.JOIN
            if toks[other - 1].kind != K.AREA or toks[other - 1].used:
                break
            members.append(other - 1)
            other -= 2
        return members if joined else []

    def _changed_to(self, label: int, end: int) -> None:
        """ "Calf was 6 on Monday but settled to a 3 by Thursday": the later score is the
        week's, the earlier one is kept as an earlier value."""
        earlier = self._scores_for(label)
        if len(earlier) != 1 or earlier[0].yields:
            return
        toks = self.toks
        said = label  # the earlier score: "3 today, was 5 midweek" holds no change
        unchanged = 0  # numbers passed that change nothing ("5 after saturday's long run")
        for other in range(label + 1, end):
            tok = toks[other]
            if tok.kind in LABELS_EFF and not (weak_label(tok) and not tok.used):
                return  # (not "after the walk", a word of the week's doings)
            if not self._score_like(tok) or tok.past:
                continue
            if tok.used:
                said = other + 1  # what follows it is said of it ("3 today")
                continue
            if self._for_label(other, end):
                return  # "glutes 2, call it 8 for movement": another label's number
            before = [t.text for t in toks[max(other - 4, said + 1) : other] if t.kind != K.PUNCT]
            # Said anywhere between the two scores: "a 6 on Monday but by Sunday it's more like
            # a 3", "8?? maybe that's too high, call it 6".
            gap = [t.text for t in toks[max(other - _CHANGE_REACH, said + 1) : other] if t.word]
            if _RESCORE & set(gap) and _rescored_after_other_talk(
                [t.text for t in toks[said + 1 : other] if t.word]
            ):
                # "a 2 and I manage everything at home easily, call it 9": of what? The back's
                # score taken back, or another thing's? Neither is kept: both are asked about.
                self._pair(label, other)
                self._dispute(label, True)
                return
            corrected = any(t.text in CORRECTIONS for t in toks[max(other - 4, said) : other])
            corrected = corrected or _doubted(gap) or self._concluded(other, end)
            # "4 — actually no, be honest with yourself, 5": said against the first outright
            # (not "actually no wait, they were 6 on monday": an earlier score).
            corrected = corrected or _taken_back_outright(gap) or self._no_then(gap, other)
            if self._owned_by_word(other) and not corrected:
                return  # "calves 3, legs 7/10 overall": the legs' number
            after = [t.text for t in toks[other + 1 : min(other + 3, end)] if t.kind != K.PUNCT]
            # "overall" before a number is a score for everything ("overall 7/10"), after it the
            # week's ("a 6 on Tuesday, a 4 overall").
            # "4-5 most days, 7 after the long run": the earlier score said to be the usual one.
            usual = (
                [t.text for t in toks[said : min(said + 2, other)] if t.word]
                if said > label
                else []
            )
            typical = bool(TYPICAL & set(after + before + usual))
            now = bool(NOW & set(after))
            if (
                NOW & set(after) == {"overall"}
                and said > label
                and all(t.kind in (K.PUNCT, K.COMMA) for t in toks[said:other])
                and self._areas_scored_before(label, other)
            ):
                return  # "calves 6 quads 5, 7 overall": of everything, or the quads? Asked.
            turned = any(a in CHANGES and b == "to" for a, b in itertools.pairwise(before))
            turned = turned or _BACK_TO in before  # "a 4 on Monday but back to 2 now"
            dated = (NOW - {"overall"}) & set(gap)
            # "4 for 2 days after the race, then 2": a later score, as "by Friday" says one.
            sequenced = bool(SEQUENCE & set(gap))
            # "hamstrings 6 then 4 after the massage": "then" right after the earlier score, the
            # later number closing what is said of it or said of a moment (not "then 2 more",
            # "then 4 glutes", "then 8 movement").
            sequenced = sequenced or (
                label < said < other
                and toks[said].text in SEQUENCE
                and self._closes_or_dated(other + 1, end)
                and not any(t.text in _OTHER_SUBJECTS for t in toks[said:other])  # "then i ran 8"
            )
            changed = now or typical or bool(dated) or turned or corrected or sequenced
            earlier_value = self._scores_for(label)[-1].value
            later_value = score_value(tok) if tok.kind == K.NUM else None
            if not changed:
                if self._peak(before, after) and earlier_value is not None and later_value:
                    # "5, occasionally 6": a range; a point wide it is its higher end, wider
                    # it is asked about (two scores for the area), as "2-5" is.
                    if later_value == earlier_value + 1:
                        self._scores_for(label)[-1].yields = True
                        self.reading.notes.append(self._scores_for(label)[-1].span)
                    if later_value > earlier_value:
                        self._pair(label, other)
                        self._dispute(label, later_value > earlier_value + 1)
                    return
                unchanged += 1
                if unchanged == _UNCHANGED_REACH:
                    return  # (a long reply of numbers: each label looks this far, no further)
                continue
            said_now = (NOW - {"by"}) & set(after) or (NOW - {"by", "overall"}) & set(gap)
            if (
                "by" in set(gap + after)
                and not corrected
                and self._said_of_the_future(label, min(other + 6, end))
            ):
                # "calves 6, should be 3 by friday", "aiming for 4 by race day": a score hoped
                # for, not had. The week's? Asked, both kept to be asked about.
                self._pair(label, other)
                self._dispute(label, True)
                said = other + 1
                continue
            if (
                typical
                and not (said_now or corrected)
                and earlier_value is not None
                and later_value is not None
                and earlier_value != later_value
            ):
                # "peaked at 7 but 4 most of the week": the week's usual or its worst? Writers
                # read it both ways; a point apart it is a range ("a 5 at worst, mostly 4" is
                # 5), further apart it is asked about.
                self._pair(label, other)
                if abs(earlier_value - later_value) == 1:
                    lower = min(earlier_value, later_value)
                    for found in self._scores_for(label):
                        if found.value == lower:
                            found.yields = True
                            self.reading.notes.append(found.span)
                else:
                    self._dispute(label, True)
                said = other + 1
                continue
            # "2 on Monday, 6 by Friday, 4 today": each later score gives way to the next.
            for found in self._scores_for(label):
                found.yields = found.gave_way = True
                found.taken_back = found.taken_back or corrected
                if typical:
                    self.reading.notes.append(found.span)  # the peak stays in the note
            self._pair(label, other)
            said = other + 1

    def _said_of_the_future(self, start: int, end: int) -> bool:
        """A word of hope or of time to come between `start` and `end` ("will", "should",
        "hopefully", "next week", "if I rest")."""
        wishes = self.lex.wishes
        return any(t.text in wishes or t.text in TO_COME for t in self.toks[start:end])

    def _concluded(self, index: int, end: int) -> bool:
        """ "maybe 6, by Sunday about 3, so 6 I guess": the score opening its clause after a
        word of conclusion ("so", "therefore"), with nothing but chat after it in the clause,
        settles the scores said before it."""
        toks, lex = self.toks, self.lex
        before = index - 1
        while before >= 0 and toks[before].kind == K.WORD and toks[before].text in _SO_SAY:
            before -= 1
        if before < 0 or toks[before].text not in lex.conclusions:
            return False
        if before > 0 and toks[before - 1].kind not in (K.COMMA, K.STOP, K.PUNCT):
            return False
        after = index + 1
        while after < end and toks[after].kind == K.WORD and toks[after].text in lex.filler:
            after += 1
        return after >= end or toks[after].kind in CLAUSE_ENDS

    def _joined_second(self, start: int, end: int) -> None:
        """ "glutes 3 and 6", "quads 3 & 7.": a second number joined to an area's score, naming
        nothing else, is the area's too (two sides? a second thought?): asked about."""
        toks = self.toks
        for label, found in list(self.label_scores.items()):
            if not start <= label < end or toks[label].kind != K.AREA or len(found) != 1:
                continue
            said_to = found[0].span[1]
            score = label + 1
            while score < end and toks[score].end != said_to:
                score += 1
            if score + 2 >= end or toks[score + 1].kind != K.JOIN:
                continue
            if toks[score + 1].text not in ("and", "&"):
                continue
            second = toks[score + 2]
            if second.kind != K.NUM or second.used or second.training or second.past:
                continue
            if score + 3 < end and toks[score + 3].kind not in BREAKS | {K.PUNCT}:
                continue  # "calves 2 and 4 respectively", "glutes 3 and 6 days out"
            self._pair(label, score + 2)
            self._dispute(label, True)

    def _owner_doubted(self, start: int, end: int) -> None:
        """ "quads 4 (or was it my hamstrings?)", "glutes 2, or maybe that's my hips": whose
        score is it? Asked about, not kept for either area."""
        toks, doubted = self.toks, self.lex.doubted
        for index in range(start + 1, end):
            if toks[index].text != "or" or toks[index].kind != K.WORD:
                continue
            score = index - 1
            while score > start and toks[score].kind in (K.PUNCT, K.COMMA):
                score -= 1
            if toks[score].kind != K.NUM or not toks[score].used:
                continue
            other = index + 1
            while other < end and (
                toks[other].kind == K.PUNCT
                or toks[other].text in doubted
                or toks[other].text in _WHOSE
            ):
                other += 1
            if other == index + 1 or other >= end or toks[other].kind not in (K.AREA, K.UNTRACKED):
                continue  # "quads 4 or 5", "quads 4, or calves 3 if you count them"
            if not any(toks[i].text in doubted for i in range(index + 1, other)):
                continue
            for found in self.reading.scores:
                if found.span[1] == toks[score].end and found.kind == K.AREA:
                    found.problem = True

    def _dispute(self, label: int, disputed: bool) -> None:
        for found in self._scores_for(label):
            found.disputed = found.disputed or disputed

    @staticmethod
    def _peak(before: list[str], after: list[str]) -> bool:
        """ "occasionally 6", "sometimes a 4", "a 4 at times", "7 at worst"."""
        if OCCASIONAL & set(before[-2:]) - {"worst", "times", "veces", "vezes"}:
            return True
        if before[-2:] in _AT_TIMES:
            return True  # Spanish, Portuguese: "5, a veces 6"
        return len(after) >= 2 and after[0] == "at" and after[1] in OCCASIONAL

    def _for_label(self, index: int, end: int) -> bool:
        """ "8 for movement", "3 for the glutes": the number is that label's."""
        toks = self.toks
        after = index + 1
        if after >= end or toks[after].text != "for":
            return False
        label = self._next(after, end, skip_bridge=True)
        return label is not None and toks[label].kind in LABELS_ALL_EFF

    def _owned_by_word(self, index: int) -> bool:
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        if before < 0:
            return False
        tok, lex = self.toks[before], self.lex
        if (
            tok.text in _STILL
            and before
            and self.toks[before - 1].text in NOW
            and self._clause_closes_at(index + 1)
        ):
            return False  # "but today already 3", "hoy ya 3" (not "today already 3 coffees")
        return (
            tok.kind == K.WORD
            and tok.text != _BACK_TO
            and tok.text not in lex.bridge
            and tok.text not in lex.filler
            and tok.text not in NOW
            and tok.text not in CHANGES
            and tok.text not in CORRECTIONS
            and tok.text not in OCCASIONAL
        )

    def _across_the_board(self, start: int, end: int) -> None:
        """ "sore everywhere, 6 across the board": one score for every area asked about."""
        toks = self.toks
        for index in range(start, end - 1):
            tok, after = toks[index], toks[index + 1]
            if after.text in BOARD and self._score_like(tok) and not tok.used:
                tok.used = after.used = True
                value = score_value(tok)
                span = (tok.start, after.end)
                found = Score(K.ALL, "", value, value is None, False, "all", False, span)
                self.reading.scores.append(found)

    def _scores_follow(self, index: int, end: int) -> bool:
        following = self._next(index, end, skip_bridge=True)
        return following is not None and self._score_like(self.toks[following])

    def _late_score(self, begin: int, end: int) -> int | None:
        toks = self.toks
        passed = False  # a number passed over: a later one is no more the area's than it
        stops = self._late_stops()
        for at in range(bisect_left(stops, begin), len(stops)):
            other = stops[at]
            if other >= end:
                break
            tok = toks[other]
            if tok.kind in LABELS_EFF and not weak_label(tok):
                return None
            if tok.used:
                continue
            if passed and tok.kind == K.SIDE:
                return None  # "on the left ... left 6 right 1": sides, read as sides
            if (
                (tok.kind == K.ZERO or (tok.kind == K.NUM and tok.text in ZERO_NUMBERS))
                and self._ends_clause(other + 1, end)
                and (self._cued(other) or self._opens_clause(other))
            ):
                return other
            if (
                self._score_like(tok)
                and not tok.past
                # "Moving around easily, nine.": a number in words alone in its clause
                and (tok.digits or self._article_before(other) or self._alone_in_clause(other))
            ) and (
                self._cued(other)
                or tok.changed  # "calves improved from 5 to 3 this week"
                or self._alone_in_clause(other)
                or (tok.clause == toks[begin - 1].clause and self._closes_clause(other, end))
                or (tok.clause == toks[begin - 1].clause + 1 and self._heads_clause(other, end))
            ):
                return None if passed else other
            if self._score_like(tok) and tok.digits and not tok.past:
                passed = True
        return None

    def _late_stops(self) -> list[int]:
        """Where `_late_score` can stop: numbers, zeros, sides and labels other than weak ones.
        It skips every other token, so it jumps between these: a reply of hundreds of "walk"s
        (each a weak label looking for its score) would otherwise read the rest of its
        sentence for each."""
        if self._stops is None:
            self._stops = [
                index
                for index, tok in enumerate(self.toks)
                if tok.kind in (K.NUM, K.ZERO, K.SIDE)
                or (tok.kind in LABELS_EFF and not weak_label(tok))
            ]
        return self._stops

    def _heads_clause(self, index: int, end: int) -> bool:
        """ "Lower back is the one that worries me, 5 after the long downhill": a bare number
        opening the next clause, said of a time or a limit."""
        tok = self.toks[index]
        return (
            tok.bare
            and self._opens_clause(index)
            and index + 1 < end
            and self.toks[index + 1].text in _SAID_OF_A_SCORE
        )

    def _closes_clause(self, index: int, end: int) -> bool:
        """ "glutes after parkrun 3": a bare number last in its clause (not "on the 3"), or
        right before the next label ("hammies hardly noticed them 1 movement 7")."""
        toks = self.toks
        tok = toks[index]
        return (
            tok.bare
            and index > 0
            and toks[index - 1].text not in _NOT_SCORE_BEFORE
            and (
                index + 1 >= end
                or toks[index + 1].kind in BREAKS
                or (toks[index + 1].kind in LABELS_EFF and not weak_label(toks[index + 1]))
            )
        )

    def _opens_clause(self, index: int) -> bool:
        other = index - 1
        while other >= 0 and self.toks[other].clause == self.toks[index].clause:
            tok = self.toks[other]
            if not (tok.kind == K.PUNCT or (tok.kind == K.WORD and tok.text in self.lex.filler)):
                return tok.kind in BREAKS
            other -= 1
        return True

    def _spoken_at_clause_end(self, index: int, end: int) -> bool:
        """ "I'd give it a one.": a number in words after "a" and a word of rating, closing
        its clause (not "a one off", nor "Long run was a ten": a distance)."""
        toks = self.toks
        if not self._article_before(index) or not (
            index + 1 >= end or toks[index + 1].kind in BREAKS
        ):
            return False
        sentence = toks[index].sentence
        before = index - 1
        while before >= 0 and toks[before].sentence == sentence:
            if toks[before].text in _RATING:
                return True
            before -= 1
        return False

    def _article_before(self, index: int) -> bool:
        return index > 0 and self.toks[index - 1].text in ("a", "an")

    def _sided_orphans(self, start: int, end: int) -> None:
        """ "I'd give it a 6, right is more like a 3": the other side of the area just scored."""
        toks = self.toks
        for index in range(start, end):
            tok = toks[index]
            if tok.kind != K.SIDE or tok.used or self._side_of_a_word(index):
                continue
            score = self._next(index, end, skip_bridge=True)
            if score is None or not self._score_like(toks[score]) or toks[score].used:
                continue
            owner = self._last_scored_area(start, index)
            if owner is None:
                # "Glute med on the right has been nagging since Wednesday — R 4, L 1": the
                # sides of the area the sentence is about.
                owner = self._last_open_area(start, index)
            if owner is not None:
                earlier = self._scores_for(owner)
                self._pair(owner, score, sided=True)
                for found in earlier:
                    found.sided = True
                self.reading.notes.append((toks[owner].start, toks[score].end))

    def _side_of_a_word(self, index: int) -> bool:
        """ "panturrilha 2, joelho direito 6" (the right knee), "não dormi direito 5 noites"
        (slept properly): a side after a word is that word's, not the area's."""
        if self.toks[index].text not in _SIDES_AFTER:
            return False
        before = self.toks[index - 1] if index else None
        return before is not None and before.kind == K.WORD and before.text not in _SIDE_OPENERS

    def _last_open_area(self, start: int, before: int) -> int | None:
        for index in range(before - 1, max(start, before - _SIDE_REACH) - 1, -1):
            tok = self.toks[index]
            if tok.kind in LABELS or (tok.kind == K.NUM and tok.used):
                return index if tok.kind == K.AREA and not tok.used else None
        return None

    def _last_scored_area(self, start: int, before: int) -> int | None:
        for index in range(before - 1, max(start, before - _SIDE_REACH) - 1, -1):
            tok = self.toks[index]
            if tok.kind in LABELS:
                return index if tok.kind == K.AREA and tok.used else None
        return None

    def _late_across_sentences(self) -> None:
        """ "My calves were sore. Probably a 4.": a score opening the next sentence."""
        toks, features = self.toks, self.features
        for index in range(1, len(self.sentences)):
            here, before = features[index], features[index - 1]
            owner = index - 1
            if (
                index >= 2
                and not before & (HAS_LABEL | HAS_NUM | HAS_SIDE)
                and features[index - 2] & HAS_LABEL
            ):
                # "my quads after the downhill parkrun... let's just say they've been better.
                # a 7 if I'm honest.": a sentence of chat between the area and its score.
                owner, before = index - 2, features[index - 2]
            if here & HAS_LABEL or not here & HAS_NUM or not before & HAS_LABEL:
                continue
            start, end = self.sentences[index]
            prev_start, prev_end = self.sentences[owner]
            open_labels = [
                i
                for i in range(prev_start, prev_end)
                if toks[i].kind in LABELS and not toks[i].used and not weak_label(toks[i])
            ]
            if self._says_both(start, end) and len(open_labels) > 1:
                # "My shoulders and neck are what hurt. Both about 3."
                if any(toks[i].kind != K.AREA for i in open_labels):
                    continue
            elif len(open_labels) != 1 or toks[open_labels[0]].kind == K.UNTRACKED:
                continue
            bare = not here & WORDS  # "quads feel fine. 1."
            for other in range(start, end):
                tok = toks[other]
                if tok.kind in LABELS_EFF:
                    break
                if (
                    self._score_like(tok)
                    and not tok.used
                    and (tok.digits or self._spoken_at_clause_end(other, end))
                    and (
                        (other < start + _NEXT_SENTENCE_REACH and (bare or self._cued(other)))
                        # "low back... forgot what I was going to say, 4 I think."
                        or self._alone_in_clause(other)
                    )
                ):
                    for label in open_labels:
                        self._pair(label, other)
                    break

    def _now_across_sentences(self) -> None:
        """ "Hams 10/10 wrecked after Sat's race. Now ~6.": a sentence of "now" and a number
        alone, after a sentence that scored one area, is that area's score now; the earlier
        one gives way to it, as it does within a sentence."""
        toks, features = self.toks, self.features
        for index in range(1, len(self.sentences)):
            if features[index] & HAS_LABEL or not features[index] & HAS_NUM:
                continue
            start, end = self.sentences[index]
            words = [i for i in range(start, end) if toks[i].kind != K.PUNCT or "~" in toks[i].text]
            if words and toks[words[0]].text in _BUT:
                words = words[1:]  # "...on Sunday (21 km!!) but today more 6."
            # "glutes 5, no wait that was last week. this week 3": said again for now.
            this_week = [toks[i].text for i in words[:2]] == ["this", "week"]
            this_week = this_week and self._said_last_week(index - 1)
            if this_week:
                words = words[1:]
            elif not 2 <= len(words) <= 4 or toks[words[0]].text not in _NOW_ALONE:
                continue
            number = words[-1]
            if not self._score_like(toks[number]) or toks[number].used or toks[number].past:
                continue
            if any(
                toks[i].text not in _BEFORE_NOW_SCORE and "~" not in toks[i].text
                for i in words[1:-1]
            ):
                continue
            scored = self._scored_labels(*self.sentences[index - 1])
            if len(scored) != 1 or toks[scored[0]].kind != K.AREA:
                continue
            earlier = self._scores_for(scored[0])
            later = score_value(toks[number])
            if len(earlier) != 1 or earlier[0].value is None or later is None:
                continue
            # Only a spike said of a moment that has eased since ("wrecked after Sat's race.
            # Now ~6."): a higher number may be movement's ("Hams 2. Today 8.").
            if later < earlier[0].value and (
                this_week or self.said_of_a_moment(toks[scored[0]].sentence)
            ):
                earlier[0].yields = earlier[0].gave_way = True
                self._pair(scored[0], number)

    def _said_last_week(self, sentence: int) -> bool:
        """Whether the sentence ends saying what it said was last week's ("no wait that was
        last week.")."""
        start, end = self.sentences[sentence]
        said = [t.text for t in self.toks[start:end] if t.word]
        return (
            said[-2:] == ["last", "week"]
            and said[-4:-2] in (["that", "was"], ["it", "was"], ["thats", "was"])
            and bool(_OWNING_UP & set(said))
            and not _AN_EVENT & set(said)
        )

    def _scored_labels(self, start: int, end: int) -> list[int]:
        return [i for i in self.label_scores if start <= i < end]

    def _day_logs(self) -> None:
        """A score kept day by day ("calves: Tues 4, Thu 6, Sat 5", "Mon run: glutes 6. Wed:
        5. Fri: 4. Today still 4", "6 on Monday, 4 on Wednesday, 3 on Saturday"): the one said
        of today or now is the week's, the others stay in the note. With none said of now,
        writers take the worst, the last or something between, so the area is asked about,
        unless every day says the same or the last is the worst ("mon 5, wed 3, sun 6")."""
        toks = self.toks
        if not any(t.text in _WEEKDAYS for t in toks):
            return
        for label, score, number, earlier in self._scored_once():
            if toks[number].kind != K.NUM:
                continue
            said_when = self._said_when(number)
            if not (self._day_between(label, number) or said_when in (_DAY, _BY_THEN)):
                continue
            log: list[int] = []
            now: int | None = None
            for other in range(number + 1, len(toks)):
                tok = toks[other]
                if tok.kind in LABELS_ALL_EFF or tok.kind == K.VAL:
                    break
                if tok.kind != K.NUM:
                    continue
                when = self._said_when(other)
                if tok.used or tok.training or tok.past or when is None:
                    break
                log.append(other)
                if when == _NOW_SAID or (
                    # (not hoped for, nor doubted: "hopefully 3 by saturday", "by Sunday 2?")
                    when == _BY_THEN
                    and not self._said_of_the_future(number + 1, other + 3)
                    and not (other + 1 < len(toks) and "?" in toks[other + 1].text)
                ):
                    now = other  # (the last of them: "6 by Friday, 4 today" is 4)
            if not log:
                continue
            if now is not None:
                score.yields = score.gave_way = True
                self.reading.notes.append(score.span)
                for other in log:
                    if other != now:
                        toks[other].used = True
                        self.reading.notes.append((toks[other].start, toks[other].end))
                self._pair(label, now)
                continue
            values = {score_value(toks[other]) for other in log} | {earlier}
            for other in log:
                self._pair(label, other)
            last = score_value(toks[log[-1]])
            known = [value for value in values if value is not None]
            if last is not None and len(known) == len(values) and last == max(known):
                # "mon 5, wed 3, sun 6": the last is the worst too, every reading's score.
                for found in self._scores_for(label)[:-1]:
                    found.yields = found.gave_way = True
                continue
            self._dispute(label, len(values) > 1)

    def _day_rows(self) -> None:
        """ "mon: calves 5 back 3 / wed: calves 4 back 3 / today: calves 2 back 2": rows of
        scores, each headed by its day. The row headed today or now is the week's and the
        others stay in the note; with none, an area's last row is the week's where it is the
        worst too ("mon 5, wed 3, sun 6", as in a day log), and otherwise the scores are read
        as any said of days are."""
        rows = self._row_heads()
        if len(rows) < 2:
            return
        starts = [self.toks[head].start for head, _ in rows]
        by_area: dict[str, list[list[Score]]] = {}
        for score in self.reading.scores:
            row = bisect_right(starts, score.span[0]) - 1
            if row < 0 or score.kind != K.AREA or score.problem or score.value is None:
                continue
            lists = by_area.setdefault(score.target, [[] for _ in rows])
            lists[row].append(score)
        now = [row for row, (_, today) in enumerate(rows) if today]
        for per_row in by_area.values():
            said = [(row, found) for row, scores in enumerate(per_row) for found in scores]
            if len({row for row, _ in said}) < 2:
                continue
            week = [found for row, found in said if row in now]
            if not week:
                last_row = said[-1][0]
                week = [found for row, found in said if row == last_row]
                worst = max(found.value or 0 for _, found in said)
                if any(found.value != worst for found in week):
                    continue  # read as any scores said of days are (`_one_value`)
            for _, found in said:
                if found not in week:
                    found.yields = found.gave_way = True
                    self.reading.notes.append(found.span)

    def _row_heads(self) -> list[tuple[int, bool]]:
        """Each day heading a row ("mon:", "Wed -", "today:" at a line's start or after a
        comma), and whether it is today."""
        toks = self.toks
        heads: list[tuple[int, bool]] = []
        for index, tok in enumerate(toks[:-1]):
            if tok.text not in _WEEKDAYS and tok.text not in _TODAY:
                continue
            mark = toks[index + 1]
            if mark.kind != K.PUNCT or not {":", "-", "–"} & set(mark.text):
                continue
            if index and toks[index - 1].kind not in BREAKS and "\n" not in toks[index - 1].text:
                continue
            heads.append((index, tok.text in _TODAY))
        return heads

    def _activity_scores(self) -> None:
        """A second number for an area said of a kind of activity ("2 at rest, 5 when
        running", "2 walking but 6 running", "3, 4 on the hills"): a second score for the area,
        as "3 but 4 on hills" is. A point above the first it is the higher; further above,
        asked about (writers take the worse or the usual); lower, the first stands."""
        toks = self.toks
        if not any(
            t.kind == K.RUN or t.text in _DOING or t.text.rsplit(" ", 1)[-1] in _ACTIVITIES
            for t in toks
        ):
            return
        for label, score, number, earlier in self._scored_once():
            sentence_end = self.sentences[toks[number].sentence][1]
            second = None
            for other in range(number + 1, sentence_end):
                tok = toks[other]
                if tok.text == "rest" or weak_label(tok):
                    continue  # "2 at rest", "2 walking": what the first was said of
                if tok.kind in LABELS_ALL_EFF or tok.kind == K.VAL:
                    break
                if tok.kind == K.NUM:
                    second = other
                    break
            if second is None or toks[second].used or toks[second].past:
                continue
            if not toks[second].digits and toks[second].text not in self.lex.numbers:
                continue
            if not self._said_of_an_activity(second + 1, sentence_end):
                continue
            later = score_value(toks[second]) if toks[second].problem is None else None
            if later is None:
                continue
            toks[second].training = False
            if later <= earlier:
                toks[second].used = True
                self.reading.notes.append((toks[second].start, toks[second].end))
                continue
            self._pair(label, second)
            if later == earlier + 1:
                score.yields = True
                self.reading.notes.append(score.span)
            else:
                self._dispute(label, True)

    def _score_against_words(self) -> None:
        """A soreness score the member's next words contradict: "calves 9, feeling great",
        "10 - no pain at all!", "calves 1, absolutely killing me". The member may be scoring
        the other way round (10 the best): asked about rather than kept."""
        self._movement_against_words()
        toks = self.toks
        if not any(t.text in _AGAINST_A_SCORE or t.kind == K.ZERO for t in toks):
            return
        for _label, score, number, value in self._scored_once():
            if 2 <= value <= 6:
                continue
            after = number + 1
            while after < len(toks) and (
                toks[after].kind in (K.PUNCT, K.COMMA) or toks[after].text in _SAYING_HOW
            ):
                after += 1
            if after >= len(toks):
                continue
            word = toks[after].text
            if after + 1 < len(toks) and toks[after + 1].text in _GOOD_WHAT:
                continue  # "calves 8, good thing I booked a massage"
            freed = word in ("no", "not", "zero", "pain free") and any(
                t.text in self.lex.sore or t.text in ("free",)
                for t in toks[after : min(after + 3, len(toks))]
            )
            if (value >= 7 and (word in _FEELS_GOOD or freed)) or (value <= 1 and word in _AWFUL):
                score.problem = True

    def _movement_against_words(self) -> None:
        """ "movement 2 - as in hardly any stiffness", "movement 1, feeling great": a low
        movement score the member's next words say is easy going. They may be scoring
        movement as soreness is scored (0 the best): asked about rather than kept."""
        toks = self.toks
        for label, found in self.label_scores.items():
            if toks[label].kind != K.MOVE or len(found) != 1:
                continue
            value = found[0].value
            if value is None or value > 3:
                continue
            number = label + 1
            while number < len(toks) and toks[number].end < found[0].span[1]:
                number += 1
            after = number + 1
            while after < len(toks) and (
                toks[after].kind in (K.PUNCT, K.COMMA)
                or toks[after].text in _GLOSS
                or (toks[after].text == "." and toks[after - 1].text in ("i", "e"))
            ):
                after += 1
            said = [t.text for t in toks[after : min(after + 4, len(toks))]]
            if not said or (said[0] not in _HARDLY and said[0] not in _FEELS_GOOD):
                continue
            if said[0] in _FEELS_GOOD or any(w in self.lex.sore or w in _STIFF for w in said[1:]):
                found[0].problem = True

    def _said_of_an_activity(self, index: int, end: int) -> bool:
        """ "when running", "on the hills", "running", "during runs": what a score was said
        of, not a count ("6 hills" are hill reps)."""
        toks = self.toks
        while index < end and toks[index].kind == K.PUNCT:
            index += 1
        if index >= end:
            return False
        first = toks[index]
        # A saying read as one token ("after runs", "after long runs") is looked into word by
        # word, as the same words apart are.
        head, *rest = first.text.split()
        if head in _DOING:
            return True
        if head not in _WHILE_DOING:
            return False
        if any(word in _DOING or word in _ACTIVITIES for word in rest):
            return True
        for other in toks[index + 1 : min(index + 4, end)]:
            if other.text in _DOING or other.text in _ACTIVITIES or other.kind == K.RUN:
                return True
        return False

    def _scored_once(self) -> Iterator[tuple[int, Score, int, int]]:
        """Each area label with a single score read for it, the token of that score's number
        (after the label) and its value: (label, score, number, value)."""
        toks = self.toks
        ends = {tok.end: index for index, tok in enumerate(toks)}
        for label, found in list(self.label_scores.items()):
            value = found[0].value if len(found) == 1 else None
            if toks[label].kind != K.AREA or value is None:
                continue
            number = ends.get(found[0].span[1])
            if number is not None and number > label:
                yield label, found[0], number, value

    def _day_between(self, label: int, number: int) -> bool:
        """ "calves: Tues 4", "Mon run: glutes 6": a weekday by the area's first score."""
        toks = self.toks
        if any(t.text in _WEEKDAYS for t in toks[label + 1 : number]):
            return True
        before = label - 1
        while before >= 0 and (toks[before].kind in _BY_A_DAY or toks[before].text in _ABOUT_A_DAY):
            before -= 1
        return before >= 0 and toks[before].text in _WEEKDAYS

    def _said_when(self, index: int) -> str | None:
        """ "Thu 6", "Wed: 5", "4 on Wednesday", "6 mon": a score said of a weekday; "today
        still 4", "2 today", "4 now": said of now."""
        toks = self.toks
        before = index - 1
        while before >= 0 and (toks[before].kind in _BY_A_DAY or toks[before].text in _ABOUT_A_DAY):
            before -= 1
        after = index + 1
        while after < len(toks) and (toks[after].kind == K.PUNCT or toks[after].text in _ON_A_DAY):
            after += 1
        said = [toks[before].text if before >= 0 else ""]
        said.append(toks[after].text if after < len(toks) else "")
        if any(word in _TODAY for word in said):
            return _NOW_SAID
        if said[0] in _WEEKDAYS and before > 0 and toks[before - 1].text == "by":
            if before > 1 and any(arrow in toks[before - 2].text for arrow in _BECAME):
                return _DAY  # "calves 5 → by Sunday 3": where it should get to
            return _BY_THEN  # "7 on Wednesday, by Sunday 2": where the week ended
        if said[1] in _WEEKDAYS and toks[index + 1 : after] and toks[after - 1].text == "by":
            return _BY_THEN  # "6 on Monday, 3 by Saturday"
        if any(word in _WEEKDAYS for word in said):
            return _DAY
        return None

    def _doubted_across_sentences(self) -> None:
        """ "hip flexors 8?? maybe that's too high, call it 6.": the score taken back at the end
        of one sentence and given again in the next is the week's."""
        toks, features = self.toks, self.features
        for index in range(1, len(self.sentences)):
            prev_start, prev_end = self.sentences[index - 1]
            if not features[index - 1] & HAS_LABEL:
                # "calves ... I think 4? Actually make that 3": the area before an ellipsis.
                if not (index >= 2 and self._after_an_ellipsis(index - 1)):
                    continue
                prev_start = self.sentences[index - 2][0]
            start, end = self.sentences[index]
            if not features[index] & HAS_NUM:
                # "quads 6!! hmm too high. make it 4": the doubt a sentence of its own.
                if index + 1 >= len(self.sentences) or not features[index + 1] & HAS_NUM:
                    continue
                end = self.sentences[index + 1][1]
            last = prev_end - 1
            while last >= prev_start and toks[last].kind == K.PUNCT:
                last -= 1
            taken_back = self._taken_back_at_end(prev_start, last)
            if taken_back is not None:
                # "lower back 10 lol jk. 6.": the joke closing the score's sentence is the
                # gap's, as it would be at the start of the next one.
                last = taken_back
                start = last + 1
            elif last >= prev_start and not (toks[last].kind == K.NUM and toks[last].used):
                # "Lower back is a 5 on a good day and 7 after a long session. Call it 6.": a
                # second number for the one area scored, then a word of conclusion.
                last = self._spread_end(prev_start, prev_end)
                if last < prev_start:
                    # "shoulders 6 after the peal... sorry that was a fortnight ago, now about
                    # 4": the sentence's one score, talk after it, taken back in the next.
                    last = self._only_score(prev_start, prev_end)
            if last < prev_start or toks[last].kind != K.NUM or not toks[last].used:
                continue
            owner = self._last_scored_area(prev_start, last)
            earlier = self._scores_for(owner) if owner is not None else []
            if owner is None or len(earlier) != 1 or earlier[0].yields:
                continue
            for other in range(start, min(end, start + _CHANGE_REACH + 1)):
                tok = toks[other]
                if tok.kind in LABELS_ALL_EFF:
                    break
                if not (self._score_like(tok) and tok.digits and not tok.used and not tok.past):
                    continue
                if self._for_label(other, end):
                    break  # "call it 8 for movement": another label's
                gap = [t.text for t in toks[start:other] if t.word]
                # "calves... 6? no 5", "glute 5...no, 6": the score taken back by a bare "no".
                answered = self._no_then(gap, other)
                if answered or _doubted(gap) or any(word in CORRECTIONS for word in gap):
                    earlier[0].yields = True
                    self.reading.notes.append(earlier[0].span)
                    self._pair(owner, other)
                break

    def _areas_scored_before(self, label: int, index: int) -> bool:
        """Whether another area than `label`'s was scored in its sentence before `index`."""
        first = self.sentences[self.toks[label].sentence][0]
        return any(
            t.kind == K.AREA and t.used and t.target != self.toks[label].target
            for t in self.toks[first:index]
        )

    def _no_within_sentences(self) -> None:
        """ "glúteos 5, no, 4", "Movimiento 8, no perdón, 7", "ITB 4, hmm no maybe 5": a bare
        "no" right after a score, with a comma or a word of a slip after it, takes the score
        back for the number after it (two writers' files; across sentences it is
        `_doubted_across_sentences`)."""
        toks = self.toks
        for index, tok in enumerate(toks):
            if tok.text not in _NO_WORDS:
                continue
            before = index - 1
            while before >= 0 and (toks[before].kind in GAPS or toks[before].text in _HMM):
                before -= 1
            if before < 0 or toks[before].kind != K.NUM or not toks[before].used:
                continue
            after, slipped = index + 1, False
            while after < len(toks) and (toks[after].kind in GAPS or toks[after].text in _SLIPS):
                slipped = slipped or toks[after].kind == K.COMMA or toks[after].text in _SLIPS
                after += 1
            if not slipped or after >= len(toks) or toks[after].sentence != tok.sentence:
                continue
            if self._said_instead(toks[after]):
                self._given_instead(toks[before].end, after)

    def _arrows_within_sentences(self) -> None:
        """ "calves 5 → after sauna on Friday 3", "lower back 5 → after stretching 3": an arrow
        from a score to a later number, with words of when between, is where it went (two
        writers' files; "5 → 3" is one token, read so already)."""
        toks = self.toks
        for index, tok in enumerate(toks):
            if tok.kind != K.PUNCT or not any(arrow in tok.text for arrow in _BECAME):
                continue
            if not index or toks[index - 1].kind != K.NUM or not toks[index - 1].used:
                continue
            later = index + 1
            while later < min(index + 7, len(toks)) and toks[later].kind == K.WORD:
                later += 1
            if later >= len(toks) or toks[later].sentence != tok.sentence:
                continue
            said = [t.text for t in toks[index + 1 : later]]
            if said and (said[0] not in _ARROW_WHEN or _ARROW_NOT_NOW & set(said)):
                continue
            if said[:1] == ["after"] and len(said) < 2:
                continue  # "→ after 10": after 10 what?
            if toks[later].kind == K.NUM and self._said_instead(toks[later]):
                self._given_instead(toks[index - 1].end, later)

    def _said_instead(self, later: Tok) -> bool:
        """A number that can replace a score said before it: a score of its own, unpaired, said
        in digits of this week, and the end of what is said of it ("no, 4." but not "no, 2
        long runs", "→ now 3" but not "→ 3 runs")."""
        return (
            not later.used
            and later.digits
            and not later.past
            and self._score_like(later)
            and _SAID_AND_DONE.match(self.text, later.end) is not None
        )

    def _given_instead(self, end: int, later: int) -> None:
        """The number at `later` is the score of the label whose last score ends at `end`; the
        earlier one is kept in the note."""
        owner = next(
            (label for label, scores in self.label_scores.items() if scores[-1].span[1] == end),
            None,
        )
        if owner is not None:
            earlier = self._scores_for(owner)[-1]
            earlier.yields = True
            self.reading.notes.append(earlier.span)
            self._pair(owner, later)

    def _no_then(self, gap: list[str], index: int) -> bool:
        """ "glute 5...no, 6", "calves... 6? no 5": a bare "no" between two scores, with a
        comma after it or a question before it, takes the first back (not "calves 4. No 1
        showed up", "no 2 ways about it", nor "calves 4? no 10 lol", a joke)."""
        slip = len(gap) == 2 and gap[0] in _NO_WORDS and gap[1] in _OWNED_SLIPS
        if (gap not in _NO_ALONE and not slip) or self._laughed_after(index):
            return False
        toks = self.toks
        said = index - 1  # the "no"
        while said > 0 and toks[said].text != gap[0]:
            said -= 1
        if slip and not self._right_after_a_score(said):
            return False  # "isquios 5, corrí 8... no mentira, 9": the run, not the score
        if not _SAID_AND_DONE.match(self.text, toks[index].end):
            return False  # "calves 5. Nah, 1 bad day": a count, not a score
        return toks[index - 1].kind == K.COMMA or self._follows_a_question(said)

    def _right_after_a_score(self, index: int) -> bool:
        """Whether the token at `index` follows a score read, with only punctuation between
        ("5... no mentiras, 6", not "corrí 8... no mentira, 9")."""
        toks = self.toks
        before = index - 1
        while before >= 0 and not toks[before].word and toks[before].kind != K.NUM:
            before -= 1
        return before >= 0 and toks[before].kind == K.NUM and toks[before].used

    def _laughed_after(self, index: int) -> bool:
        after = index + 1
        while after < len(self.toks) and self.toks[after].kind == K.PUNCT:
            after += 1
        return after < len(self.toks) and self.toks[after].text in _LAUGHS

    def _after_an_ellipsis(self, index: int) -> bool:
        """A short sentence with a number, right after an ellipsis closing a sentence that
        names a label: "calves ... I think 4?" is one thought."""
        start, end = self.sentences[index]
        return (
            self._trailed_off(start)
            and bool(self.features[index - 1] & HAS_LABEL)
            and end - start <= 6
        )

    def _only_score(self, start: int, end: int) -> int:
        """The one number of a sentence, a score; `start - 1` if it holds none or more."""
        numbers = [i for i in range(start, end) if self.toks[i].kind == K.NUM]
        if len(numbers) != 1 or not self.toks[numbers[0]].used:
            return start - 1
        return numbers[0]

    def _taken_back_at_end(self, start: int, last: int) -> int | None:
        """The score a sentence ends on before words taking it back and laughs alone ("10 lol
        jk", "9 haha kidding"); None if the sentence does not end so."""
        toks = self.toks
        index, taken = last, False
        while index >= start and toks[index].kind != K.NUM:
            tok = toks[index]
            if tok.text in JOKES:
                taken = True
            elif tok.kind != K.PUNCT and tok.text not in _LAUGHS:
                return None
            index -= 1
        if not taken or index < start or not toks[index].used:
            return None
        return index

    def _spread_end(self, start: int, end: int) -> int:
        """The one score of a sentence naming one label, when a bare number of the score's size
        follows it unread ("a 5 on a good day and 7 after a long session"); `start - 1` if
        none."""
        toks = self.toks
        score = None
        for index in range(start, end):
            tok = toks[index]
            if tok.kind in LABELS_ALL_EFF and score is not None:
                return start - 1
            if tok.kind == K.NUM and tok.used:
                if score is not None:
                    return start - 1
                score = index
            elif (
                score is not None
                and tok.kind == K.NUM
                and tok.digits
                and tok.bare
                and not (tok.training or tok.past)
                and tok.value is not None
                and tok.value <= MAX_SCORE
            ):
                return score
        return start - 1

    def _jokes_taken_back(self) -> None:
        """ "glutes 9 quads 9 movement 2 lol jk. glutes 3 quads 4 movement 8": a joke taken back
        takes back every score said before it in its sentence; those given again after it are
        the week's, and the others, once any is given again, are asked about (taken back, with
        none in their place). Where none is given again, they stay as read. A slip ("wait, I
        mean the other way, calves 6 and hip flexors 2") takes back only the scores given again
        in its sentence or the next, and reaches back to the sentence before when it opens its
        own."""
        toks, scores = self.toks, self.reading.scores
        jokes = [
            tok
            for (start, end), features in zip(self.sentences, self.features, strict=True)
            if features & CHANGE  # (a sentence holding a joke has this bit)
            for tok in toks[start:end]
            if tok.text in _JOKES_AND_SLIPS
        ]
        if not jokes:
            return
        # Scores in the order they were said, and where each label's last score starts: a joke
        # reaches to the reply's end, and a long reply of jokes once looked at every score for
        # each of them.
        ordered = sorted(scores, key=lambda s: s.span[0])
        starts = [s.span[0] for s in ordered]
        last_said = {(s.kind, s.target): s.span[0] for s in ordered}
        # Of jokes (or slips) reaching the same scores, a later one gives fewer of them again: a
        # score an earlier one did not find given again is not given again after a later one
        # either, so each looks only past the one before (`looked`); and once one takes the
        # scores before it back, each of them is settled for the next (`settled`).
        looked: dict[tuple[int, int, bool], int] = {}
        settled: dict[tuple[int, int, bool], int] = {}
        said_before_last: dict[int, dict[tuple[int, str], int]] = {}
        for tok in jokes:
            if self._no_joke(tok.at):
                continue
            slip = tok.text not in JOKES
            if slip and not self._slip_after_score(tok.at):
                continue  # "can't wait for the race", "the hills were mean", "oops forgot"
            opening, closing = self.sentences[tok.sentence]
            if slip and tok.sentence > 0 and tok.at - opening <= 1:
                opening = self.sentences[tok.sentence - 1][0]  # "... hip flexors 6. Wait no, ..."
            first = toks[opening].start
            if slip and tok.sentence + 1 < len(self.sentences):
                closing = self.sentences[tok.sentence + 1][1]
            again_in_reach: Callable[[tuple[int, str]], bool]
            last = toks[closing - 1].end
            if slip:
                # Where each label's last score before the end of the slip's reach starts (the
                # first slip of a reach is the earliest: later ones look at less of it).
                said_before = said_before_last.get(last)
                if said_before is None:
                    after = ordered[bisect_left(starts, tok.end) : bisect_left(starts, last)]
                    said_before = {(s.kind, s.target): s.span[0] for s in after}
                    said_before_last[last] = said_before
                again_in_reach = self._said_again_after(said_before, tok.end)
            else:
                again_in_reach = self._said_again_after(last_said, tok.end)
            reach = (first, last if slip else -1, slip)
            opens = bisect_left(starts, first)
            upto = bisect_left(starts, tok.start)
            since = max(opens, looked.get(reach, 0))
            new = ordered[since:upto]
            # A score said across the joke is looked at again by the next.
            looked[reach] = next(
                (i for i, s in enumerate(new, since) if s.span[1] > tok.start), upto
            )
            if not any(
                again_in_reach((s.kind, s.target))
                for s in new
                if s.span[1] <= tok.start and not s.yields
            ):
                continue
            since = max(opens, settled.get(reach, 0))
            crossing = upto
            for at in range(since, upto):
                found = ordered[at]
                if found.span[1] > tok.start:
                    crossing = min(crossing, at)
                    continue
                if found.yields:
                    continue
                if again_in_reach((found.kind, found.target)):
                    found.yields = found.taken_back = True
                    self.reading.notes.append(found.span)
                elif not slip:  # a slip leaves the scores it does not give again
                    found.problem = True
            settled[reach] = crossing

    @staticmethod
    def _said_again_after(
        last_said: dict[tuple[int, str], int], at: int
    ) -> Callable[[tuple[int, str]], bool]:
        """Whether a label has a score said at or after `at` (its last one starts there)."""
        return lambda label: last_said.get(label, -1) >= at

    def _no_joke(self, index: int) -> bool:
        """ "9, not kidding", "kidding myself if I say they're fine": nothing taken back."""
        toks = self.toks
        before = toks[index - 1].text if index > 0 else ""
        after = toks[index + 1].text if index + 1 < len(toks) else ""
        return before in _NOT_A_JOKE_BEFORE or after in _NOT_A_JOKE_AFTER

    def _says_both(self, start: int, end: int) -> bool:
        first = start
        while first < end and self.toks[first].kind == K.PUNCT:
            first += 1
        return first < end and self.toks[first].text == "both"

    def _header_rows(self) -> None:
        """ "Calves | Glutes\n3 | 4", "calves, glutes\n3, 4": a line of labels, then a line
        of as many scores, one each in order."""
        toks, features = self.toks, self.features
        for index in range(len(self.sentences) - 1):
            if not features[index] & AREAS or features[index + 1] & (WORDS | HAS_LABEL):
                continue
            start, end = self.sentences[index]
            labels = [i for i in range(start, end) if toks[i].kind in LABELS]
            if any(
                toks[i].used or toks[i].kind == K.UNTRACKED or weak_label(toks[i]) for i in labels
            ) or any(toks[i].kind not in GAPS for i in range(start, end) if i not in labels):
                continue
            first, last = self.sentences[index + 1]
            numbers = [i for i in range(first, last) if toks[i].kind not in GAPS]
            if not numbers or any(toks[i].kind != K.NUM or toks[i].used for i in numbers):
                continue
            values = self._values_in_order(numbers)
            if values is None or len(values) != len(labels):
                continue
            for label, value in zip(labels, values, strict=True):
                tok = toks[label]
                found = Score(
                    tok.kind, tok.target, value, False, False, tok.text, False, (tok.start, tok.end)
                )
                self.reading.scores.append(found)
                tok.used = True
            for number in numbers:
                toks[number].used = True

    def _tables(self) -> None:
        """A table with a header row ("| calves | glutes | movement | eff |" over "| 3 | 4 | 8 |
        same |"): each labelled column's value, from its last row when there are several (the
        days of the week, the latest last). A column headed as an earlier week ("| area | this
        wk | last wk |") holds earlier scores."""
        if "|" not in self.text:
            return
        rows = [self._cells(start, end) for start, end in self.sentences]
        index = 0
        while index < len(rows):
            width = len(rows[index])
            last = index + 1
            while last < len(rows) and len(rows[last]) == width:
                last += 1
            if width >= 2 and last - index >= 2:
                self._table(rows[index], rows[index + 1 : last])
            index = last

    def _cells(self, start: int, end: int) -> list[list[int]]:
        """The cells of one line of a table, as the indices of their tokens; no cells for a line
        without a "|" between two of them."""
        toks = self.toks
        cells: list[list[int]] = [[]]
        for index in range(start, end):
            tok = toks[index]
            if tok.kind == K.PUNCT and "|" in tok.text:
                cells.append([])
            elif tok.kind != K.PUNCT:
                cells[-1].append(index)
        while cells and not cells[0]:
            cells.pop(0)
        while cells and not cells[-1]:
            cells.pop()
        return cells if len(cells) >= 2 and all(cells) else []

    def _table(self, header: list[list[int]], rows: list[list[list[int]]]) -> None:
        toks, lex = self.toks, self.lex
        for column, cell in enumerate(header):
            words = [toks[i] for i in cell]
            labels = [t for t in words if t.kind in LABELS_EFF]
            if not labels:
                if any(t.text in _EARLIER_COLUMN for t in words):
                    for row in rows:
                        for i in row[column]:
                            toks[i].past = toks[i].kind == K.NUM or toks[i].past
                continue
            label = labels[0]
            if len(labels) > 1 or any(
                t is not label and t.text not in lex.filler and t.text not in lex.bridge
                for t in words
            ):
                continue
            values = [toks[row[column][0]] for row in rows if len(row[column]) == 1]
            if label.kind == K.EFF:
                values = [v for v in values if v.kind == K.VAL and v.efficiency is not None]
            else:
                values = [v for v in values if self._score_like(v) or v.kind == K.ZERO]
            if not values:
                continue
            value = values[-1]
            label.used = True
            for used in values:
                used.used = True
            span = (label.start, label.end)
            if value.kind == K.VAL and value.efficiency is not None:
                self.reading.explicit.append((value.efficiency, span))
            elif label.kind != K.EFF:
                score = score_value(value)
                found = Score(
                    label.kind, label.target, score, score is None, False, label.text, False, span
                )
                self.reading.scores.append(found)
                if len(values) > 1:
                    self.reading.notes.append((values[0].start, values[-1].end))

    def _values_in_order(self, numbers: list[int]) -> list[int] | None:
        """The scores of number tokens read one after another ("3, 4", "3 4", "3/4")."""
        values: list[int | None] = []
        for index in numbers:
            tok = self.toks[index]
            if tok.training or tok.past:
                return None
            if tok.problem in ("list", "scale"):
                values += [decimal_score(to_decimal(v)) for v in _DIGITS.findall(tok.text)]
            else:
                values.append(score_value(tok))
        if None in values:
            return None
        return [v for v in values if v is not None]

    def _explicit(self, label_at: int, value_at: int) -> None:
        label, value = self.toks[label_at], self.toks[value_at]
        label.used = value.used = True
        for between in self.toks[label_at:value_at]:
            between.used = True
        span = (label.start, value.end)
        if value.negated or value.efficiency is None:
            self.reading.unread.append(span)
        else:
            self.reading.explicit.append((value.efficiency, span))
