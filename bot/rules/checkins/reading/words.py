"""Reading the tokens: words looked up, phrases merged, numbers that are no scores, typos."""

from __future__ import annotations

import re
from decimal import Decimal

from bot.rules.checkins.reading.lexicon import FUZZY_MIN_LETTERS
from bot.rules.checkins.reading.result import Efficiency
from bot.rules.checkins.reading.state import State
from bot.rules.checkins.reading.tokens import (
    AREA_SEEN,
    AREAS,
    ARROWS,
    BOARD,
    BREAKS,
    CHANGE,
    COMPLAINT,
    CORRECTIONS,
    DECIMALS,
    FEATURES,
    FEELS_LEVEL,
    FEELS_WRONG,
    HAS_LABEL,
    HAS_NUM,
    HAS_VAL,
    LABELS,
    LABELS_ALL,
    LABELS_ALL_EFF,
    LABELS_EFF,
    LETTER,
    LETTERS,
    LEVEL,
    MAX_REPLY_TOKENS,
    MAX_SCORE,
    MEASURE,
    MOMENT,
    NATIVE_MARK,
    NATIVE_MARKS,
    NOW,
    NUMS,
    PAST,
    SEQUENCE,
    SYMBOL_KINDS,
    TO_COME,
    TOKEN,
    WISH,
    WORDS,
    K,
    Tok,
    clean_word,
    decimal_score,
    hyphenated,
    number_token,
    read_range,
    symbol_kind,
    to_decimal,
)

# Korean particles after a noun: "종아리가 3" (the calves, subject), "어깨는 2" (the shoulders,
# topic).
_PARTICLES = frozenset("은는이가을를도의")
# The longest label a word of Chinese or Japanese can open with: "小腿酸痛" is "小腿" (the calves)
# and "sore" written without a space.
_JOINED_MAX = 6


def _hangul(char: str) -> bool:
    return "\uac00" <= char <= "\ud7a3"


def _cjk(char: str) -> bool:
    return "\u3040" <= char <= "\u30ff" or "\u4e00" <= char <= "\u9fff"


def _joined_label(
    word: str, info: dict[str, tuple[int, str, Efficiency | None, Decimal | None, bool, int]]
) -> str | None:
    """The label a word of a script written without spaces holds at its start: an area,
    movement or efficiency word with a Korean particle after it ("종아리가"), or a Chinese or
    Japanese one joined to the next word ("小腿酸痛"). Only labels are taken so: a word of the
    tables' that opens another word is no reading of it."""
    if len(word) >= 2 and _hangul(word[0]) and word[-1] in _PARTICLES:
        stem = word[:-1]
        entry = info.get(stem)
        if entry is not None and entry[0] in LABELS_ALL_EFF:
            return stem
        return None
    if len(word) >= 3 and _cjk(word[0]):
        for size in range(min(len(word) - 1, _JOINED_MAX), 1, -1):
            entry = info.get(word[:size])
            if entry is not None and entry[0] in LABELS_ALL_EFF:
                return word[:size]
    return None


# Words that can be the unit after a number ("2 runs", "3 laps", "10 mins").
_FIVE, _TEN, _HUNDRED, _HALF = Decimal(5), Decimal(10), Decimal(100), Decimal("0.5")
# A scale said in words after a score: "3 out of five", "4 outta 5", "4 of 5".
_OUT_OF = frozenset({"out", "of", "outta"})
_PERCENT_WORDS = frozenset({"percent", "pct", "pc"})
_STARS = frozenset({"stars", "star"})
# How much a score changed: "calves dropped by 2", "2 points better", "a notch worse".
_CHANGED_BY = frozenset(
    {"dropped", "dropping", "down", "up", "improved", "improving", "went", "gone", "fell"}
    | {"rose", "increased", "decreased", "eased", "worse", "better", "lower", "higher"}
)
_STEPS = frozenset({"point", "points", "pts", "pt", "notch", "notches", "step", "steps"})
# Right before a number, the words `_by_how_much` starts from.
_HOW_MUCH_BEFORE = _CHANGED_BY | {"+", "by"}
_SCALE_AFTER = _OUT_OF | _PERCENT_WORDS | _STARS
_OPENS_ANOTHER = frozenset({"his", "her", "for"})
# Ending another runner's report: the member speaks of their own again ("Her calves 5, mine 3").
_BACK_TO_ME = frozenset({"mine", "myself"})
# A scale's end said with what it means: "(0 = no pain)", "10 being fully recovered".
_SCALE_ENDS = frozenset({Decimal(0), Decimal(1), Decimal(10)})
_DEFINING = frozenset({"is", "means", "meaning", "being", "as", "for"})
_DEFINING_BEFORE = frozenset({"where", "if", "with", "assuming", "and"})
# The areas "legs" may stand for together (not the IT band's deep hip rotators, nor the hip
# flexors), and the words that say a score for them all.
_LEG_AREAS = frozenset({"calves", "hamstrings", "quads", "adductors"})
_ABOUT = frozenset({"about", "around", "like", "roughly", "approx", "approximately"})
# Beside "legs about a 6", a score of another time than the week's ("overall" is the week's).
_LATER = (NOW - {"overall"}) | SEQUENCE
# How an area feels, before a score in brackets ("tight (5)"): no crossword's count.
_FEELS = frozenset({"tight", "stiff", "sore", "well", "easy", "heavy", "light", "achy", "tender"})
# "wait is 10 the worst?": asking which end is which.
_DEFINING_ASK = frozenset({"is", "isnt"})
_THE = frozenset({"the", "=", "being"})
_GOOD_END = frozenset(
    {"best", "good", "great", "fine", "perfect", "recovered", "fresh", "healthy", "normal"}
)
_BAD_END = frozenset(
    {"worst", "bad", "agony", "max", "maximum", "unbearable", "excruciating", "terrible"}
)
# Before the range a member scores on: "scale 1-5", "on a scale of 1 to 10", "rated 0-10".
_SCALE_WORDS = frozenset({"scale", "of", "from", "rated", "rating", "ratings", "scores"})
_DIGITS = re.compile(r"[0-9]+")
# Before the person a report is for ("for my wife", "for the husband").
_DETERMINERS = frozenset({"my", "the", "our", "me", "and"})
# After the person: the report for them follows ("for Priya too since her phone's broken: ...").
_TOO = frozenset({"too", "also", "aswell"})
# Before a person: the member speaking of their own ("my wife says ...").
_OWN_RELATION = frozenset({"my", "our"})
# Before "for" and a person, with a colon after: a report for them ("Also for Tom: ..."), not
# what the member trains for ("Training for Boston: calves 3").
_FOR_ANOTHER = frozenset(
    {"also", "and", "plus", "answering", "replying", "posting", "scores", "here", "heres"}
)
# Capitalised at a sentence's start, these name no one ("That's calves 4").
_NO_ONE = frozenset(
    {
        "that",
        "what",
        "there",
        "here",
        "who",
        "he",
        "she",
        "they",
        "it",
        "everything",
        "nothing",
        "someone",
        "mine",
        "which",
        "tonight",
        "tomorrow",
    }
)
_POSSESSIVE = ("'s", "’s")
# After "says": the member's own areas, not the other person's ("wife says my calves look
# swollen").
_OWN = frozenset({"my", "i", "im", "id", "me"})
# After a percentage said of an area, these leave it a score ("calves 30%, glutes 2", "movement
# 80% efficiency same"); a word there says what it is a share of ("80% recovered").
_AFTER_A_SHARE = BREAKS | LABELS_ALL_EFF | {K.PUNCT}
_UNIT_KINDS = frozenset({K.WORD, K.RUN, K.MOVE, K.ALL, K.VAL, K.SIDE})
# Words voice-to-text writes for a number said aloud ("for" for four): read only where a score is
# due in a list of scores (`_numbers_said_aloud`).
_SOUNDS_LIKE = {"for": 4, "fore": 4, "to": 2, "won": 1, "ate": 8, "tree": 3}
_SAID_BEFORE_A_SCORE = frozenset({"is", "are", "a", "at", "was", "were", ""})
# Opening a clause, these make its numbers an earlier week's ("last week calves were 5").
_EARLIER_WEEK = frozenset({"last week", "previously", "last time", "before that"})
# Later in such a clause, these bring it back to this week.
_NOW_AGAIN = frozenset({"now", "today", "currently"})
# Between the ends of a range said in words: "3 maybe 4", "3, possibly 4", "between 3 and 4".
_RANGE_WORDS = frozenset(
    {"maybe", "or", "possibly", "perhaps", "prob", "probably", "and", "to", "a", "an"}
)
# "or" as members write it in their first language: "3 ou 4", "3 o 4", "3 oder 4".
_OR = frozenset({"or", "o", "ou", "oder", "lub", "albo", "ili", "atau", "eller", "vagy", "sau"})
_RANGE_WORDS |= _OR
_MAYBE = _RANGE_WORDS - {"and"} - _OR
_TO_A = frozenset({"to", "a", "an"})
# In the clause of an arrow, these put where it ends ahead ("calves 6 -> 3 if the massage
# works"); not "race" ("6 → 3 after the race" is over).
_HOPED = TO_COME - {"race"}
# Between the two ends of a range in words with a "maybe": "3 I'd say, maybe 4".
_HEDGES = frozenset({"i", "id", "i'd", "would", "say", "think", "guess", "reckon"})
# "a one off", "a one time thing": no score of one.
_ONE_OFF = frozenset({"off", "time", "timer"})
# After a run of emoji: the words it is followed by (`_label_follows`).
_NEXT_WORDS = re.compile(r"[ \t]*([^\W\d_]+)(?:[ \t]+([^\W\d_]+))?(?:[ \t]+([^\W\d_]+))?")
_LABEL_KINDS = frozenset({K.AREA, K.MOVE, K.EFF, K.UNTRACKED, K.ALL, K.RUN})
_NONE_OF_IT = frozenset({"nothing", "none", "zero", "no", "nowhere"})
# "the long one", "Sunday's big one": a run, no score of one.
_OF_A_RUN = frozenset(
    {"long", "big", "short", "easy", "hard", "tough", "hilly", "slow", "fast", "last", "next"}
)
# Said of an area already named: a number after one is not a measure's ("yoga, it's a 3 now").
_AREA_PRONOUNS = frozenset({"they", "theyre", "theyve", "theyd", "its", "it"})
# Before a measure, making it a moment ("after stretching now 3", "post massage 2"): the
# number is the area's at that moment, not the stretching's.
_WHEN_DONE = frozenset({"after", "post", "since", "following", "despues"})
_BEFORE_A_MEASURE = frozenset({"the", "a", "some", "my", "foam", "more", "el", "la", "un"})
# Between a count after "all" and the score said of the areas counted: "all four are about 2".
_BEFORE_A_COUNTED_SCORE = frozenset(
    {"of", "them", "a", "an", "at", "are", "were", "about", "around", "on"}
    | {"my", "mine", "areas", "tight"}  # "all 3 of my (tight) areas are 3", "all 4 of mine"
    | {"sitting", "hovering", "like", "roughly"}  # "all 3 areas sitting at 4"
)
# Between a count after "all" and how the areas counted feel: "all three a bit sore".
_BEFORE_A_COUNTED_FEELING = frozenset(
    {"of", "them", "mine", "are", "were", "feel", "feeling", "felt", "a", "bit", "little", "pretty"}
    | {"quite", "very", "really", "kinda", "so", "still"}
)
# After the second end of a range in words, these make it a score for a moment of the week.
_SAID_OF_A_MOMENT = frozenset({"after", "during", "post", "when", "on", "at", "first", "mid"})
_IN_RANGE = frozenset({K.PUNCT, K.COMMA})
# After the runs as the subject of a clause: "runs felt sluggish", "runs were harder".
_SAID_OF_RUNS = frozenset({"felt", "feel", "feeling", "were", "was", "seemed", "went", "have"})
_OPPOSITE = {Efficiency.BETTER: Efficiency.WORSE, Efficiency.WORSE: Efficiency.BETTER}
# What a word tells about its clause rather than its sentence.
_CLAUSE_FLAGS = COMPLAINT | LEVEL | WISH | MOMENT | LETTER
# Words telling how an area feels, which "-ish" only softens ("tightish").
_FEELINGS = COMPLAINT | LEVEL
# A word without hyphens is one part: the word itself.
_WHOLE_WORD: tuple[tuple[None, int]] = ((None, 0),)

# A word in capitals right before or after a word: the reply is shouted.
_CAPITALS_BEFORE = re.compile(r"[A-Z]{2,}[^\w]{0,3}$")
_CAPITALS_AFTER = re.compile(r"[^\w]{0,3}[A-Z]{2,}")

# An emoji or other picture between a number and the word after it: no count of that word.
_PICTURE = re.compile("[\u2190-\u2bff\U0001f000-\U0001faff]")
# An emoji between a score and what follows ends what was said of the score ("hərəkət 10 👍
# sağ olun"); not an arrow, which says the score changed ("6 → 7").
_EMOJI = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff]")

_AREA_KINDS = frozenset({K.AREA, K.UNTRACKED})
# Before a word of how something feels, these make it the member's: "I'm knackered".
_ME = frozenset({"im", "i'm", "iam", "myself"})
# After the number of a numbered list: "1. glutes 3", "2) hips 4".
_MARKS = frozenset({".", ")"})


def _said_of_me(toks: list[Tok]) -> bool:
    """The word just read said of the member, not an area: "I'm knackered", "I am toast"."""
    before = [t.text for t in toks[-3:-1] if t.word]
    return bool(before) and (before[-1] in _ME or before[-2:] in (["i", "am"], ["i", "was"]))


def _said_pain_free(toks: list[Tok], index: int) -> bool:
    """ "no pain", "pain free", "not sore" at `index`."""
    words = [t.text for t in toks[index : index + 3] if t.word or t.kind == K.ZERO]
    joined = " ".join(words)
    return joined.startswith(("no pain", "pain free", "not sore", "no soreness", "nothing"))


# Words of a member's first language that are another language's everyday word (French "dos",
# the back, is Spanish "two" and Portuguese "of the"; German "Po", the bum, is Polish "after"
# and Tagalog's particle of respect): an area only opening their clause with a bare score in
# digits right after them that closes the clause or another label follows ("dos 3/10", "Dos 5,
# ischios 6", "dos 2 fesses 2", "Po 3"; not "Dos 2 longões", "Po 2 dniach"), read as the
# English word is (so "dos" is the lower back or the shoulders, as "back" is). Greek "μέση"
# (the lower back, and "middle": "στη μέση 5") likewise ("μέση 4").
AREA_OPENING_A_SCORE = {"dos": "back", "po": "bum", "μεση": "lumbar"}
# A back said with its part in brackets: "back (lower) 6", "back (upper) 3".
_BACKS = frozenset({"lower", "upper"})
# Parts of the foot among the calves' words, and the foot itself as the bot's untracked parts
# name it.
_OF_THE_FOOT = frozenset({"plantar", "plantar fascia", "arch", "arches"})
_FEET = frozenset({"foot", "feet", "sole", "soles"})
# Between the running and a verdict of `in_context`: "running más o menos igual que antes".
_HEDGING = frozenset({"mas", "o", "menos", "more", "or", "less", "about", "pretty", "much"})
_HEDGING |= {"kinda", "roughly", "piu", "meno", "plus", "ou", "moins", "mais", "ili", "manje"}
# Between a running word of another language and its verdict: "bėgti buvo sunkiau" (was
# harder), "qaçış keçən həftədən daha yaxşı" (than last week better).
_WORDS_BEFORE_A_VERDICT = 3
# An ellipsis between a label and what is said of it ("efficiency ... hmm same").
_ELLIPSES = frozenset({"...", "…", "..", "....", "....."})
# What may follow a score said in a word of `in_context`: its clause's end, another label, or a
# verdict ("hreyfing 5 verra").
_AFTER_A_SCORE = BREAKS | LABELS_ALL_EFF | {K.VAL}


# Said after movement's score, its scale the other way round: "lower = better", "higher is
# worse", "the lower the better".
_LOWER = frozenset({"lower"})
_HIGHER = frozenset({"higher"})
_BETTER_END = frozenset({"better", "good", "best"})
_WORSE_END = frozenset({"worse", "bad", "worst", "stiffer"})
# "lower is better for soreness": the scale said of soreness, not of movement.
_SORE_WORDS = frozenset({"soreness", "sore", "pain", "tightness", "areas"})
_SCALE_LINKS = frozenset({"=", "is", "means", "the", "==", "->", "→", "being", "number", "score"})


def _one_or(words: set[str]) -> bool:
    return len(words) == 1 and words <= _OR


# A half said after a whole number: "and a half", "y medio" (Spanish), "e meio" (Portuguese),
# "et demi" (French).
_SHORT_RIGHT = frozenset({"der", "dcha"})
_SHORT_LEFT = frozenset({"izq", "izda", "izquierdo", "izquierda"})
_HALF_JOINS = frozenset({"an", "and", "n", "y", "e", "et"})
_HALVES = frozenset({"half", "medio", "media", "meio", "meia", "demi", "demie"})


class ReadWords(State):
    """The tokens of the reply, and what each number is when it is plainly no score."""

    def _right_only_beside_left(self) -> None:
        """Spanish "der", "dcha" are the right side only in a reply that names the left in
        Spanish too ("izq 2, der 7"): German "der" is "the" ("calves 3, der 6 Tage später")."""
        toks = self.toks
        short = [t for t in toks if t.kind == K.SIDE and t.text in _SHORT_RIGHT]
        if short and not any(t.kind == K.SIDE and t.text in _SHORT_LEFT for t in toks):
            for tok in short:
                tok.kind = K.WORD

    def _pronoun_one(self, index: int) -> bool:
        """ "the left one", "nice one", "one and done", "the quad one with the wall" (the quad
        stretch): no score."""
        before = self.toks[index - 1] if index else None
        after = self.toks[index + 1] if index + 1 < len(self.toks) else None
        if before is not None and (
            before.kind == K.SIDE
            or before.text in {"the", "that", "this", "nice", "each", "every", "no", "any", "which"}
        ):
            return True
        if before is not None and before.kind == K.AREA and index >= 2:
            # (not "the hamstrings one, movement 8", "the quads one out of ten": a score)
            return (
                self.toks[index - 2].text in {"the", "that", "this"}
                and after is not None
                and after.kind == K.WORD
                and after.text not in _OUT_OF
            )
        return after is not None and after.kind == K.WORD and after.text in {"and", "of", "more"}

    def _shouted(self, start: int, end: int) -> bool:
        """A word in capitals beside this one: "I'D CALL IT A 5" says "it", not the IT band."""
        text = self.text
        return bool(
            _CAPITALS_BEFORE.search(text, max(start - 16, 0), start)
            or _CAPITALS_AFTER.match(text, end, end + 16)
        )

    def _negated(self, index: int) -> bool:
        before = self.toks[index - 1] if index else None
        if before is None or before.kind != K.WORD:
            return False
        if before.text in self.lex.negations:
            return True
        two = self.toks[index - 2] if index >= 2 else None
        return before.text in {"as", "any"} and two is not None and two.text in self.lex.negations

    def _read_tokens(self) -> None:
        """The reply's tokens in one pass: words looked up, sentences and clauses numbered, and
        what each sentence holds (so that later passes skip what cannot match)."""
        toks, lex = self.toks, self.lex
        info, spellings = lex.word_info, lex.spellings
        word_kind, num_kind, stop, comma, area_kind = K.WORD, K.NUM, K.STOP, K.COMMA, K.AREA
        untracked_kind = K.UNTRACKED
        phrase_at: list[int] = []
        sentence = clause = start = clause_start = features = feels = 0
        wish = moment = False
        self.read_upto = len(self.text)
        text = self.text
        if not text.isascii() and NATIVE_MARK.search(text):
            text = text.translate(NATIVE_MARKS)
        for match in TOKEN.finditer(text):
            group = match.lastgroup
            begin, end = match.span()
            count = len(toks)
            if count >= MAX_REPLY_TOKENS:
                self.read_upto = begin
                break
            if group == "word":
                features |= WORDS
                word = match.group()
                parts = _WHOLE_WORD if "-" not in word else hyphenated(word, begin)
                for part, at in parts:
                    if part is None:
                        part, at = word, begin
                    cleaned = part.lower()
                    if (
                        part == "IT"
                        and not self._shouted(at, at + 2)
                        and self.text[at + 2 : at + 7].lower() != " band"
                    ):
                        cleaned = "itb"  # "IT 3": the IT band ("IT band" is read as a phrase)
                    if "'" in cleaned or "’" in cleaned or not cleaned.isascii():
                        cleaned = clean_word(cleaned)  # "it's", "glúteos": as the lists keep them
                    cleaned = spellings.get(cleaned, cleaned)  # "noo": now
                    tok = Tok(word_kind, cleaned, at, at + len(part))
                    tok.word, tok.sentence, tok.clause, tok.at = True, sentence, clause, count
                    toks.append(tok)
                    count += 1
                    entry = info.get(cleaned)
                    if entry is None and not cleaned.isascii():
                        stem = _joined_label(cleaned, info)
                        if stem is not None:
                            tok.text, entry = stem, info[stem]
                    if entry is None:
                        if not cleaned.endswith("ish") or len(cleaned) < 6:
                            continue
                        # "tightish", "achyish": the feeling, a little; "twoish": about two.
                        entry = info.get(cleaned[:-3])
                        if entry is None or not (entry[5] & _FEELINGS or entry[0] == num_kind):
                            continue
                        tok.text = cleaned[:-3]
                        tok.ish = entry[0] == num_kind
                    kind, target, efficiency, value, starts, flags = entry
                    if starts:
                        phrase_at.append(count - 1)
                    if kind == num_kind and features & HAS_NUM:
                        features |= NUMS  # "a 4 on Monday but down to zero now"
                    if kind != word_kind:
                        tok.kind, tok.target = kind, target
                        if efficiency is not None:
                            tok.efficiency = efficiency
                        if value is not None:
                            tok.value = value
                        if kind in (area_kind, untracked_kind):
                            features |= AREAS if features & AREA_SEEN else AREA_SEEN
                    if flags & _CLAUSE_FLAGS:
                        if flags & (COMPLAINT | LEVEL) and not _said_of_me(toks):
                            feels |= FEELS_WRONG if flags & COMPLAINT else FEELS_LEVEL
                        if flags & WISH:
                            wish = True
                        if flags & MOMENT:
                            moment = True
                        if flags & LETTER and features & LETTERS != LETTERS:
                            features += LETTER
                        flags &= ~_CLAUSE_FLAGS
                    features |= flags
                continue
            if group == "symbols":
                text = match.group()
                known = SYMBOL_KINDS.get(text) or symbol_kind(text)
                tok = Tok(known[0], known[1], begin, end)
            elif group == "plain":
                tok = Tok(num_kind, match.group(), begin, end)
                tok.value = DECIMALS.get(tok.text) or to_decimal(tok.text)
                tok.digits = tok.bare = True
                features |= NUMS if features & HAS_NUM else HAS_NUM
            elif group == "num":
                tok = number_token(match, begin, end)
                features |= NUMS if features & HAS_NUM else HAS_NUM
            elif group == "emoji":
                if not self._label_follows(end):
                    continue  # "after 8 😵 miles": the number and its unit stay together
                tok = Tok(comma, ",", begin, end)
            elif group == "keycap":
                tok = Tok(num_kind, "10", begin, end)
                tok.value, tok.digits, tok.bare = Decimal(MAX_SCORE), True, True
                features |= NUMS if features & HAS_NUM else HAS_NUM
            elif group == "arrow":
                tok = Tok(K.VAL, "arrow", begin, end)
                tok.efficiency = ARROWS[match.group()[0]]
                features |= HAS_VAL
            elif group == "na":
                tok = Tok(K.NA, "n/a", begin, end)
                features |= HAS_NUM
            elif group == "change":
                tok = Tok(num_kind, match.group(), begin, end)
                tok.value, tok.digits, tok.bare = to_decimal(match.group("now")), True, True
                tok.changed = True
                tok.was = to_decimal(match.group("was"))
                features |= NUMS if features & HAS_NUM else HAS_NUM
            else:
                tok = Tok(num_kind, match.group(), begin, end)
                tok.digits = True
                features |= HAS_NUM
                if group == "range":
                    read_range(tok, match)
                elif group == "list":
                    tok.problem = group  # "3 4": which is it?
                else:
                    tok.training = True  # a time ("22:14", "5:30/km") or reps ("6x800")
            index = count
            tok.sentence, tok.clause, tok.at = sentence, clause, index
            toks.append(tok)
            kind = tok.kind
            if kind in (stop, comma):
                self.clauses.append((clause_start, index))
                self.clause_feels.append(feels)
                self.clause_wishes.append(wish)
                self.clause_moments.append(moment)
                clause_start, feels, wish, moment = index + 1, 0, False, False
                clause += 1
                if kind == stop:
                    self.sentences.append((start, index))
                    self.features.append(features)
                    start, features = index + 1, 0
                    sentence += 1
        self.sentences.append((start, len(toks)))
        self.features.append(features)
        self.clauses.append((clause_start, len(toks)))
        self.clause_feels.append(feels)
        self.clause_wishes.append(wish)
        self.clause_moments.append(moment)
        if phrase_at:
            self._merge_phrases(phrase_at)
        self._after_tokens()

    def _someone_else(self) -> None:
        """Another runner's check-in inside the member's reply: "Also for Tom (he's not on
        here): hamstrings 6", "answering for my wife too: calves 5", "Mark's calves are a 6",
        "husband says his calves are 7", "Jen (my running buddy) says calves 5". From where the
        other person is named to the end of the sentence nothing is the member's: it is kept
        in the note, neither a value nor a question. Where every area and movement label of
        the reply is in such reports and nothing says they come besides the member's own ("too",
        "also"), the reply is one posted for the member by someone else ("Grandad says calves
        2, movement 9. This is Lily typing for him"): its scores are the member's."""
        toks, text, people = self.toks, self.text, self.lex.people
        reports: list[tuple[int, int]] = []
        for index, tok in enumerate(toks):
            if tok.kind != K.WORD or tok.used:
                continue
            if not (tok.text in _OPENS_ANOTHER or tok.text in people or text[tok.start].isupper()):
                continue
            start = self._other_person_at(index)
            if start is None:
                continue
            end = self.sentences[tok.sentence][1]
            for other in range(index + 1, end):
                if toks[other].text in _BACK_TO_ME:
                    end = other  # "Her calves 5, mine 3": the member's again
                    break
            if not any(t.kind in LABELS_ALL_EFF or t.kind == K.NUM for t in toks[index:end]):
                continue
            reports.append((start, end))
        if not reports or self._all_said_for_the_member(reports):
            return
        for start, end in reports:
            last = end - 1
            while last > start and toks[last].kind in (K.COMMA, K.PUNCT):
                last -= 1
            self.reading.notes.append((toks[start].start, toks[max(last, start)].end))
            for said in toks[start:end]:
                said.kind, said.text, said.used, said.word = K.PUNCT, "", True, False

    def _all_said_for_the_member(self, reports: list[tuple[int, int]]) -> bool:
        """Every area and movement label is in the reports for someone else, which answer the
        check-in whole (movement too), no word says they come besides the member's own, and
        the member is not the one speaking of their own relation ("my wife says her calves are
        6"): the reply was posted for the member."""
        toks = self.toks
        if any(start > 0 and toks[start - 1].text in _OWN_RELATION for start, _ in reports):
            return False
        if not any(toks[i].kind == K.MOVE for start, end in reports for i in range(start, end)):
            return False
        inside = [False] * len(toks)
        for start, end in reports:
            inside[start:end] = [True] * (end - start)
        for index, tok in enumerate(toks):
            if tok.text in _TOO or tok.text in _BACK_TO_ME:
                return False
            if not inside[index] and tok.kind in (K.AREA, K.MOVE, K.ALL):
                return False
        return any(
            toks[i].kind in (K.AREA, K.MOVE, K.ALL)
            for start, end in reports
            for i in range(start, end)
        )

    def _a_score_in_words(self) -> bool:
        """A number in words right after a label ("movement seven"), as a reply said aloud
        holds (not "the long one", "zero pain" or "one long run")."""
        toks = self.toks
        return any(
            tok.kind == K.NUM
            and tok.text.isalpha()
            and not tok.training
            and (label := self._said_of(index)) >= 0
            and toks[label].kind in (K.AREA, K.MOVE)
            for index, tok in enumerate(toks)
        )

    def _said_of(self, index: int) -> int:
        """Where the label a score at `index` would be said of is ("calves are a tree": the
        calves): the token before it past "is", "a", "at"; -1 at the start of the reply."""
        before = index - 1
        while before >= 0 and self.toks[before].text in _SAID_BEFORE_A_SCORE:
            before -= 1
        return before

    def _label_follows(self, position: int) -> bool:
        """Whether the next word names an area, movement or the running ("like 8 😩 groin ok"),
        or the next words do ("3 😄 lower back 2"; not "no 🙅 pain in the neck")."""
        match = _NEXT_WORDS.match(self.text, position)
        if match is None:
            return False
        words = tuple(clean_word(w) for w in match.groups() if w)
        if words[0] in _NONE_OF_IT:
            return True  # "calves 6 😩 nothing else sore"
        entry = self.lex.word_info.get(words[0])
        if entry is not None and entry[0] in _LABEL_KINDS:
            return True
        phrases = self.lex.phrases
        return any(
            phrases.get(words[:length], (K.WORD,))[0] in _LABEL_KINDS
            for length in range(2, len(words) + 1)
        )

    def _numbers_said_aloud(self) -> None:
        """Voice-to-text writes a number said aloud as a word that sounds like it: "calves for
        hamstrings six movement ate", "neck is a won calves are a tree". Such a word is the
        number only where a score is due in a list of scores: right after a label with no
        number of its own ("is a", "at" between), and right before another label that has its
        value ("quads for movement eight"), or the efficiency's. Anywhere else it is the word
        ("calves, glutes too", "from calves to hamstrings 4", "stretched glutes for calves"),
        nor in a reply with no other number said aloud or in words ("hip flexors to calves 0":
        typed, not said)."""
        toks = self.toks
        said_aloud: list[tuple[int, int]] = []
        for index, tok in enumerate(toks):
            if tok.text == "it" and tok.kind == K.WORD and "it_band" in self.expected:
                self._it_in_a_list(index)
                continue
            number = _SOUNDS_LIKE.get(tok.text) if tok.kind == K.WORD else None
            if number is None:
                continue
            label = self._said_of(index)
            if label < 0 or toks[label].kind not in (K.AREA, K.MOVE):
                continue
            opening = label - 1
            while opening >= 0 and toks[opening].kind == K.PUNCT:
                opening -= 1
            if (
                opening >= 0
                and toks[opening].kind not in (K.NUM, K.STOP, K.COMMA)
                and not (said_aloud and said_aloud[-1][0] == opening)
            ):
                continue  # the label opens the reply, a clause or the next pair of a list
            after = index + 1
            if after >= len(toks) or toks[after].kind not in (K.AREA, K.MOVE, K.EFF):
                continue
            if toks[after].kind != K.EFF and not self._scored_next(after):
                continue
            if toks[after].kind == K.AREA and toks[after].target == toks[label].target:
                continue  # "calves to calves": one area named twice, no list of scores
            said_aloud.append((index, number))
        if len(said_aloud) < 2 and not self._a_score_in_words():
            return
        for index, number in said_aloud:
            tok = toks[index]
            tok.kind, tok.value, tok.word = K.NUM, Decimal(number), False
            features = self.features[tok.sentence]
            self.features[tok.sentence] = features | (NUMS if features & HAS_NUM else HAS_NUM)

    def _it_in_a_list(self, index: int) -> None:
        """ "calfs 4 it 3 move 8": "it" where a label is due in a list of scores, from a member
        asked about the IT band, is the IT band (as "IT 3" is); not "I'd give it 3"."""
        toks = self.toks
        before = index - 1
        while before >= 0 and toks[before].kind == K.PUNCT:
            before -= 1
        if before >= 0 and toks[before].kind not in (K.NUM, K.STOP, K.COMMA):
            return
        score = index + 1
        if score >= len(toks) or toks[score].kind != K.NUM or not toks[score].bare:
            return
        after = score + 1
        while after < len(toks) and toks[after].kind == K.PUNCT:
            after += 1
        if (
            after < len(toks)
            and toks[after].kind not in (K.AREA, K.MOVE, K.EFF, K.STOP, K.COMMA)
            and toks[after].text not in self.letters  # "c 3 it 2 m 8 e same"
        ):
            return
        tok = toks[index]
        tok.kind, tok.target = K.AREA, "it_band"
        self.features[tok.sentence] |= HAS_LABEL | (
            AREAS if self.features[tok.sentence] & AREA_SEEN else AREA_SEEN
        )

    def _scored_next(self, label: int) -> bool:
        toks = self.toks
        other = label + 1
        while other < len(toks) and toks[other].text in _SAID_BEFORE_A_SCORE:
            other += 1
        if other >= len(toks):
            return False
        said = toks[other]
        return (said.kind == K.NUM and not said.training) or said.text in _SOUNDS_LIKE

    def _other_person_at(self, index: int) -> int | None:
        """Where a report for someone else starts, if `index` opens one."""
        toks, lex = self.toks, self.lex
        tok = toks[index]
        after = index + 1 if index + 1 < len(toks) else None
        if tok.text in ("his", "her") and after is not None and toks[after].kind in LABELS:
            return index  # "his calves are 7"
        if not self._a_person(index):
            if tok.text != "for":
                return None
            # "for Tom (he's not on here):", "for my wife too:", "answering for Priya too"
            person = after
            while person is not None and person < len(toks) and toks[person].text in _DETERMINERS:
                person += 1
            if person is None or person >= len(toks) or not self._a_person(person):
                return None
            opened = index > 0 and toks[index - 1].text in _FOR_ANOTHER
            sentence_end = self.sentences[tok.sentence][1]
            if index == 1 and not any(t.text in _TOO for t in toks[:sentence_end]):
                # "Posting for Dave as his screen reader is playing up: calves 3, ...": the
                # whole reply posted on their behalf, no "too", "also": the check-in replied
                # to is theirs, and so are its answers.
                return None
            for later in toks[person + 1 : self.sentences[tok.sentence][1]]:
                if later.kind in LABELS_ALL_EFF or later.kind in (K.NUM, K.VAL):
                    return None
                if later.text in _TOO or (opened and later.kind == K.PUNCT and ":" in later.text):
                    return index
            return None
        said = self.text[tok.start : tok.end]
        if after is not None and toks[after].kind in LABELS and said.endswith(_POSSESSIVE):
            return index  # "Mark's calves", "my wife's hamstrings"
        # "Jen says calves 5", "husband reckons his calves are 7", "Jen (my buddy) says"
        end = min(index + 8, self.sentences[tok.sentence][1])
        for other in range(index + 1, end):
            word = toks[other]
            if word.kind in LABELS_ALL_EFF or word.kind in (K.NUM, K.VAL, K.STOP):
                return None
            if word.text in lex.says:
                following = other + 1 < len(toks) and toks[other + 1].text in _OWN
                return None if following else index
        return None

    def _a_person(self, index: int) -> bool:
        """Someone else: a word for a person ("husband", "mate"), or a name (a capitalised word
        the parser does not know, inside a sentence or before "'s")."""
        tok, lex = self.toks[index], self.lex
        if tok.kind != K.WORD or tok.text in lex.not_people or tok.text in _NO_ONE:
            return False
        if tok.text in lex.people:
            return True
        said = self.text[tok.start : tok.end]
        return (
            len(said) > 1
            and said[0].isupper()
            and not said.isupper()
            and tok.text not in lex.word_info
            and tok.text not in lex.filler
            and tok.text not in lex.bridge
        )

    def _merge_phrases(self, phrase_at: list[int]) -> None:
        """Known phrases ("lower back", "about the same") become their first token; the
        others are absorbed (glue that the passes step over)."""
        toks, lex = self.toks, self.lex
        openings = lex.phrase_openings
        done = 0
        for index in phrase_at:
            if index < done:
                continue
            head = toks[index]
            if index + 1 >= len(toks) or (head.text, toks[index + 1].text) not in openings:
                continue  # (the cheap test first: "all" starts many phrases, "all week" none)
            for length in lex.phrase_lengths[head.text]:
                window = toks[index : index + length]
                if len(window) < length or not all(t.word for t in window):
                    continue
                key = tuple(t.text for t in window)
                found = lex.phrases.get(key)
                if found is None:
                    continue
                counted = any(t.kind in _AREA_KINDS for t in window)  # ("hip", "back")
                head.kind, head.target, head.efficiency = found
                head.text, head.end, head.value = " ".join(key), window[-1].end, None
                for absorbed in window[1:]:
                    absorbed.kind, absorbed.text, absorbed.word = K.PUNCT, "", False
                features = self.features[head.sentence] | FEATURES[head.kind]
                if head.kind in _AREA_KINDS and not counted:
                    # "IT band and glutes 5": an area only as a phrase counts for the list too.
                    features |= AREAS if features & AREA_SEEN else AREA_SEEN
                self.features[head.sentence] = features
                if head.text in BOARD:
                    self.features[head.sentence] |= HAS_LABEL  # "0s across the board"
                if head.text in lex.complaining:
                    self.clause_feels[head.clause] |= FEELS_WRONG
                elif head.text in lex.levels:
                    self.clause_feels[head.clause] |= FEELS_LEVEL
                if head.text in lex.moments:
                    self.clause_moments[head.clause] = True
                if head.text in CORRECTIONS:
                    self.features[head.sentence] |= CHANGE  # "no seriously 6": a later score
                done = index + length
                break

    def _after_tokens(self) -> None:
        """What needs the tokens around it: "the left one", "not better", a side header."""
        if self.features and any(f & HAS_LABEL for f in self.features):
            self._someone_else()
            self._numbers_said_aloud()
        elif self.features and any(f & LETTERS >= 2 * LETTER for f in self.features):
            self._numbers_said_aloud()  # "c 3 it 2 m 8": "it" among code letters
        sides = set()
        self.clause_areas = [False] * len(self.clauses)
        for index, tok in enumerate(self.toks):
            kind = tok.kind
            if tok.text in AREA_OPENING_A_SCORE and self._opens_a_score(index, True):
                # "dos 3/10" (French: the back), "Po 3" (German: the bum).
                tok.text, tok.value = AREA_OPENING_A_SCORE[tok.text], None
                self._relabel(index, K.AREA, self.lex.single[tok.text][1])
                continue
            if kind == K.WORD and self._short_area_opening_a_score(index):
                # "qafa 3, shpatullat 5", "wegeb 5 qit 3 movement 6": see the table's comment.
                self._relabel(index, K.AREA, self.lex.opening_a_score[tok.text])
                continue
            if kind == K.AREA and self._glosses_another_part(index):
                # "my left foot (plantar) is like a 5": the foot's, not the calves'.
                tok.kind, tok.target = K.WORD, ""
                continue
            if kind == K.AREA and self._back_with_its_part_in_brackets(index):
                continue
            if kind == K.WORD and self._joins_two_areas(index):
                # "ramena i vrat 5", "neck ug shoulders both 4": "and" of another language.
                tok.kind = K.JOIN
                continue
            if tok.text in self.lex.in_context and not self._in_context(index):
                # "polpacci dieci minuti", "hreyfing 3 sinnum", "obrigado mesmo": another
                # language's everyday word, not the check-in's (see the table's comment).
                tok.kind, tok.target, tok.value, tok.efficiency = K.WORD, "", None, None
                continue
            if kind == K.NUM:
                self.numbers.append(index)
                if tok.text == "one" and self._pronoun_one(index):
                    tok.kind, tok.value = K.WORD, None
            elif kind == K.AREA:
                self.clause_areas[tok.clause] = True
            elif kind == K.MOVE and tok.text in self.lex.weak_moves:
                tok.weak = True
            elif kind == K.VAL:
                self.values.append(index)
                tok.negated = self._negated(index)
                before = self.toks[index - 1] if index else None
                if before is not None and before.text == "less" and tok.efficiency in _OPPOSITE:
                    tok.efficiency = _OPPOSITE[tok.efficiency]  # "less shuffling": better
            elif kind == K.SIDE:
                sides.add(tok.target)
        self.side_header = {"left", "right"} <= sides
        self._unclear_areas()
        self._both_areas()

    def _both_areas(self) -> None:
        """ "Both 3. Movement 8.": asked about two areas, a member naming none means both."""
        toks = self.toks
        if len(self.expected) != 2 or any(t.kind in (K.AREA, K.UNTRACKED) for t in toks):
            return
        for index, tok in enumerate(toks):
            if tok.kind == K.WORD and tok.text == "both":
                after = self._next(index, len(toks), skip_bridge=True)
                if after is not None and toks[after].kind == K.NUM:
                    tok.kind = K.ALL
                    self.features[tok.sentence] |= HAS_LABEL

    def _unclear_areas(self) -> None:
        """ "hips 4" from a member asked about hip flexors and IT band (or about the IT band
        alone): which one? Unless the reply names one of them in its own words ("itb 4, hips
        2"), so that "hips" is the other, when the member was asked about it: from a member
        asked about the IT band alone, "itb 3, hips 5" leaves "hips" to an area no one asked
        about (the hip flexors? the joint?), and it is asked about."""
        unclear = self.lex.unclear
        toks = [t for t in self.toks if t.kind == K.AREA and t.text in unclear]
        if not toks:
            return
        named = {t.target for t in self.toks if t.kind == K.AREA and t.text not in unclear}
        for tok in toks:
            asked = [a for a in unclear[tok.text] if a in self.expected]
            if not asked or (len(asked) == 1 and asked[0] == tok.target):
                continue  # the word's usual area
            if len(asked) == 1:
                # "hips 4" from a member asked about the IT band only: theirs, or the hip
                # flexors the word usually means? With the IT band named on its own, still
                # some other part of the hip, but which?
                self.unclear_words.add(tok.text)
                continue
            left = [a for a in asked if a not in named]
            if len(left) == 1:
                tok.target = left[0]
            else:
                self.unclear_words.add(tok.text)

    def _glosses_another_part(self, index: int) -> bool:
        """A part of the foot the calves' words take in ("plantar", "arch") in brackets right
        after the foot: a name for the foot's part ("heel (achilles) 6" is still the calves')."""
        toks = self.toks
        if toks[index].text not in _OF_THE_FOOT or index < 2 or "(" not in toks[index - 1].text:
            return False
        return toks[index - 2].kind == K.UNTRACKED and toks[index - 2].target in _FEET

    def _in_context(self, index: int) -> bool:
        """Whether a word of `in_context` stands where the check-in's own word would."""
        kind = self.toks[index].kind
        if kind == K.NUM:
            return self._said_of_a_label(index) and self._closes_a_score(index)
        if kind in (K.MOVE, K.ALL):
            after = self._after_marks(index)
            # "всичко на 2", "tot a 3": a word or two of the bridge before a score in digits.
            bridged = after
            while (
                bridged < len(self.toks)
                and bridged - after < 2
                and self.toks[bridged].text in self.lex.bridge
            ):
                bridged = self._after_marks(bridged)
            if bridged > after and bridged < len(self.toks) and self.toks[bridged].digits:
                after = bridged
            if after >= len(self.toks) or self.toks[after].kind != K.NUM:
                return False
            return self._closes_a_score(after) or (
                kind == K.MOVE and self._a_last_word_after(after)
            )
        if kind == K.VAL:
            return (
                self._of_the_running(index)
                or self._answering_after_scores(index)
                or self._before_the_running(index)
            )
        if kind == K.RUN:
            return self._said_how_it_went(index)
        if kind == K.ZERO:
            return self._said_of_an_area(index)
        return True

    def _of_the_running(self, index: int) -> bool:
        """Right after the efficiency label or a word of the running, with nothing between but
        punctuation, an ellipsis or a word of hesitation ("efficiency njësoj", "efficiency ...
        hmm njësoj", "running: come sempre"; not "Run club thursday como sempre")."""
        toks, lex = self.toks, self.lex
        before = index - 1
        while before >= 0 and (
            toks[before].kind in (K.PUNCT, K.COMMA)
            or toks[before].text in _ELLIPSES
            or (toks[before].kind == K.WORD and toks[before].text in lex.filler)
            or toks[before].text in _HEDGING
        ):
            before -= 1
        if before >= 0 and toks[before].kind in (K.EFF, K.RUN):
            return True
        # A few words after a running word of another language: "bėgti buvo sunkiau".
        running = next(
            (
                at
                for at in range(index - 1, max(-1, index - 2 - _WORDS_BEFORE_A_VERDICT), -1)
                if toks[at].kind == K.RUN and toks[at].text in lex.in_context
            ),
            None,
        )
        return running is not None and self._verdict_after_the_running(running) == index

    def _back_with_its_part_in_brackets(self, index: int) -> bool:
        """ "back (lower) is 6 today": the lower back, as "lower back" is (not "lower" as a
        score dropping)."""
        toks = self.toks
        if toks[index].text not in ("back", "backs") or index + 3 >= len(toks):
            return False
        part = toks[index + 2].text
        if part not in _BACKS or "(" not in toks[index + 1].text or ")" not in toks[index + 3].text:
            return False
        tok = toks[index]
        tok.text = f"{part} back"
        tok.target = self.lex.phrases[(part, "back")][1]
        toks[index + 2].kind, toks[index + 2].text, toks[index + 2].used = K.PUNCT, "", True
        return True

    def _joins_two_areas(self, index: int) -> bool:
        """Right between two areas, or between their two scores once it joined them in the
        sentence ("mollets ak ischios yi, 3 ak 4", "IT a pen-ôl: 3/5 a 2/5")."""
        toks = self.toks
        tok = toks[index]
        if tok.text not in self.lex.joiners_between_areas or not 0 < index < len(toks) - 1:
            return False
        before, after = toks[index - 1].kind, toks[index + 1].kind
        if before == K.AREA and after == K.AREA:
            return True
        return (
            before == K.NUM
            and after == K.NUM
            and any(
                t.kind == K.JOIN and t.text == tok.text and t.sentence == tok.sentence
                for t in toks[:index]
            )
        )

    def _a_last_word_after(self, index: int) -> bool:
        """A score in digits with a word or two after it that end the reply or its sentence:
        "dvizenje 7 isto", "hərəkət 8 eyni" (the same, in words no list may know); not
        "harake 8 dakika kila siku" (minutes a day)."""
        toks = self.toks
        if not toks[index].digits:
            return False
        after = index + 1
        while after < len(toks) and after <= index + 2 and toks[after].kind == K.WORD:
            after += 1
        return after > index + 1 and (after >= len(toks) or toks[after].kind == K.STOP)

    def _said_how_it_went(self, index: int) -> bool:
        """A running word of another language with a verdict right before it or a few words
        after it in its clause ("бег так же", "poloshto trcanje", "bėgti buvo sunkiau"); not
        "course de 10 km", "trcanje vo parkot"."""
        before = self._before_marks(index)
        if before >= 0 and self.toks[before].kind == K.VAL:
            return True
        return self._verdict_after_the_running(index) is not None

    def _verdict_after_the_running(self, index: int) -> int | None:
        """The verdict in the running's clause, after at most a few words that say how it went
        ("qaçış keçən həftədən daha yaxşı", than last week; "løbet føltes som sidst", felt)."""
        toks = self.toks
        after = index + 1
        words = 0
        while after < len(toks) and words <= _WORDS_BEFORE_A_VERDICT:
            tok = toks[after]
            if tok.kind == K.VAL:
                return after
            if tok.kind == K.WORD:
                words += 1
            elif tok.kind != K.PUNCT:
                return None
            after += 1
        return None

    def _before_the_running(self, index: int) -> bool:
        """Right before a running word of another language: "poloshto trcanje"."""
        after = self._after_marks(index)
        return (
            after < len(self.toks)
            and self.toks[after].kind == K.RUN
            and self.toks[after].text in self.lex.in_context
        )

    def _answering_after_scores(self, index: int) -> bool:
        """Right after movement's score, closing its clause or as a sentence of its own, as the
        check-in's last answer ("movement 6 peor que antes", "movilidad siete. igual que
        antes"; not "glutes 4. Como sempre, obrigado", "calves 7, come sempre dopo il lungo")."""
        toks = self.toks
        before = index - 1
        while before >= 0 and toks[before].kind in (K.PUNCT, K.COMMA):
            before -= 1
        # Or a sentence of its own right after the score's: "movilidad siete. igual que antes"
        # (not "glutes 4. Como sempre, obrigado").
        own_sentence = before >= 0 and toks[before].kind == K.STOP
        if own_sentence:
            before = self._before_marks(before)
        if before < 0 or toks[before].kind != K.NUM:
            return False
        # Movement's score, the check-in's question before the running's (scores are paired
        # later: a number right after its label). After an area's it is said of the area:
        # "listovi 3, kao prošli tjedan" (as last week), "pigu 4, cha bu duo" (roughly).
        label = self._before_marks(before)
        if label < 0 or toks[label].kind != K.MOVE:
            return False
        after = self._after_marks(index)
        closing = (K.STOP,) if own_sentence else BREAKS
        return after >= len(toks) or toks[after].kind in closing

    def _said_of_an_area(self, index: int) -> bool:
        """Right after an area, closing its clause ("glutes não dói", "calves: ne boli"); not
        "o joelho já não dói", "calves ne boli glutes 4", "senza dolore non c'è gloria"."""
        toks = self.toks
        after = self._after_marks(index)
        if after < len(toks) and toks[after].kind not in BREAKS:
            return False
        before = self._before_marks(index)
        if before >= 0 and toks[before].kind in (K.AREA, K.ALL):
            return True
        # Opening a clause after one of the same sentence naming an area without a score:
        # "pescoço tranquilo, zero dor".
        if before < 0 or toks[before].kind != K.COMMA:
            return False
        first, last = self.clauses[toks[before].clause]
        said = toks[first:last]
        return (
            toks[first].sentence == toks[index].sentence
            and any(t.kind == K.AREA for t in said)
            and not any(t.kind == K.NUM for t in said)
        )

    def _said_of_a_label(self, index: int) -> bool:
        before = self._before_marks(index)
        return before >= 0 and self.toks[before].kind in LABELS_ALL_EFF

    def _closes_a_score(self, index: int) -> bool:
        """The number at `index` ends its clause, or another label or a verdict follows it; its
        scale ("6 из 10") and an emoji ("hərəkət 10 👍 sağ olun") may come first."""
        toks = self.toks
        after = self._after_marks(index)
        if after + 1 < len(toks) and toks[after].text in self.lex.scale_words:
            scale = self._after_marks(after + (toks[after].text == "out"))
            if scale < len(toks) and toks[scale].kind == K.NUM and toks[scale].value == _TEN:
                index, after = scale, self._after_marks(scale)
        if after >= len(toks) or toks[after].kind in _AFTER_A_SCORE:
            return True
        return _EMOJI.search(self.text, toks[index].end, toks[after].start) is not None

    def _short_area_opening_a_score(self, index: int) -> bool:
        area = self.lex.opening_a_score.get(self.toks[index].text)
        if area is None or area not in self.expected or not self._opens_a_score(index, True):
            return False
        # Not once the area is named by a word of its own before it ("shoulders 3, trapeze 5":
        # a part's score, as "traps 5" is; "calves 3, neck ok. kael 2"); a gloss after it is
        # no other naming ("Rass 5 (glutes I mean)").
        return not any(t.kind == K.AREA and t.target == area for t in self.toks[:index])

    def _opens_a_score(self, index: int, or_before_a_label: bool = False) -> bool:
        """ "dos 3/10", "Dos 5, ischios 6": opening its clause with a score in digits right
        after it, the score closing the clause ("Dos 2 longões, gostei" is no score)."""
        toks = self.toks
        after = self._after_marks(index)
        if after >= len(toks) or toks[after].kind != K.NUM or not toks[after].digits:
            return False
        closing = self._after_marks(after)
        if closing < len(toks) and toks[closing].kind not in BREAKS:
            following = toks[closing]
            if not or_before_a_label or not (
                following.kind in LABELS_EFF or following.text in self.lex.opening_a_score
            ):
                return False
        if index == 0 or toks[index - 1].kind in BREAKS:
            return True
        # In a list of scores: "wegeb 5 qit 3", after another label's score.
        before = toks[index - 1]
        return (
            or_before_a_label
            and before.kind == K.NUM
            and before.digits
            and index >= 2
            and toks[index - 2].kind in LABELS
        )

    def _mark_numbers(self) -> None:
        toks = self.toks
        last = len(toks) - 1
        # Once "3/4 (L/R)" has said what a pair is, the pairs after it are sides too.
        sides_said = False
        marker: Decimal | None = None  # the number of the last item of a numbered list
        declared = self._declared_scale()
        training_before = self.lex.training_before
        reversed_scale, unknown_scale = self._scale_defined()
        ends = self._which_way_up()
        for index in self.numbers:
            tok = toks[index]
            if (
                (declared or unknown_scale or (reversed_scale and not self._movement_before(index)))
                and tok.bare
                and not tok.scaled
                and tok.problem is None
            ):
                # "on a scale of 1 to 5, calves 3": 6? 5? "(10 being fully recovered)": the
                # soreness scores the other way round. "is 10 good or bad??": either way round,
                # movement's too. Asked.
                tok.problem = "scale"
            if tok.kind == K.NUM and index < last and toks[index + 1].text in _SCALE_AFTER:
                self._scale_in_words(index)
            if tok.bare and self._movement_before(index) and self._lower_is_better(index, ends):
                # "Movement: 3 (stiffness, lower = better)": movement scored the other way
                # round from the check-in's, on the member's own scale. Asked.
                tok.problem = "scale"
            if tok.percent and self._label_before(index):
                # "calves 30%": a score on another scale (not "60% of my usual").
                tok.training, tok.problem = False, "scale"
                self._in_tenths(index)
            if tok.kind != K.NUM or tok.training:
                continue
            if tok.scaled and self._off_the_top(index):
                # "neck 11/10 🙃": said past the top of the scale of ten, the top (not taken
                # back: "back 12/10 lol jk" is still asked about).
                tok.value = Decimal(MAX_SCORE)
            if tok.digits and tok.value is not None and 0 < tok.value < 1 and tok.value != _HALF:
                # "calves 0.3": a tenth of a point, or 3 on a scale of 1? Asked.
                tok.problem = "odd"
            elif tok.bare and self._counts_the_letters_before(index):
                # "Calves (6)": a crossword's count of the letters, or a score? Asked.
                tok.problem = "odd"
            follows = tok.problem == "scale" and self._sides_follow(index)
            if (
                tok.problem == "scale"
                and tok.over in (_FIVE, _HUNDRED)
                and not sides_said
                and not follows
            ):
                self._in_tenths(index)  # "calves 3/5" (not "3/5 (L/R)")
                follows = tok.problem == "scale" and self._sides_follow(index)
            if tok.problem == "scale" and (sides_said or follows):
                # "glutes 2/4 (L/R)": two sides, the worse one scored.
                values = [to_decimal(v) for v in tok.text.split("/")]
                if len(values) == 2 and all(v is not None and v <= MAX_SCORE for v in values):
                    tok.value = max(v for v in values if v is not None)
                    tok.problem, tok.scaled = None, False
                    if sides_said and not self._sides_follow(index):
                        tok.sides_end = tok.end
                    else:
                        self._use_sides(index)
                    sides_said = True
                continue
            if index > 1 and toks[index - 1].text == "not" and self._not_that(index):
                continue
            if tok.changed and self._change_not_now(index):
                tok.problem = "change"  # "calves 6 -> 3 hopefully by friday": asked
                continue
            if (
                index
                and toks[index - 1].text == "from"
                and not tok.changed
                and self._from_to(index)
            ):
                continue
            if (
                (index and toks[index - 1].text in _HOW_MUCH_BEFORE and not tok.changed)
                or (index < last and toks[index + 1].text in _STEPS)
            ) and self._by_how_much(index):  # (the cheap test first, for every number)
                tok.problem = "change"  # "calves +1", "down 2", "2 points better": from what?
                continue
            if index < last and toks[index + 1].kind in _UNIT_KINDS and self._unit_follows(index):
                tok.training = True  # "2 days ago" too: a span of time, whenever it was
            elif self.features[tok.sentence] & PAST and self._past(index):
                tok.past = True
            elif index and toks[index - 1].kind == K.ALL and self._counts_areas(index):
                tok.kind, tok.text, tok.used = K.PUNCT, "", True  # "all four a 2"
                if index + 2 < len(toks) and toks[index + 2].text == "mine":
                    toks[index + 2].kind, toks[index + 2].used = K.PUNCT, True  # "all 4 of mine"
            elif index and toks[index - 1].kind == K.ALL and (felt := self._counted_feeling(index)):
                tok.kind, tok.text, tok.used = K.PUNCT, "", True  # "all 3 sore": asked
                self.reading.counted_feelings.append((toks[index - 1].start, toks[felt].end))
            elif (
                (index and toks[index - 1].text in training_before and self._training_before(index))
                or (self.features[tok.sentence] & MEASURE and self._measure_before(index))
                or (
                    index < last and toks[index + 1].text == "of"  # "all 4 of my runs"
                )
                or (tok.text == "one" and index < last and toks[index + 1].text in _ONE_OFF)
                or (tok.text == "one" and index and toks[index - 1].text in _OF_A_RUN)
            ):
                tok.training = True
            elif index < last and toks[index + 1].text in _MARKS and self._list_marker(index):
                marker = tok.value
                tok.kind, tok.text, tok.used = K.PUNCT, "", True
            elif marker is not None and tok.value == marker + 1 and self._next_marker(index):
                # "1) calves 3 2) movement 8 3) same": the list goes on in the line.
                marker = tok.value
                tok.kind, tok.text, tok.used = K.PUNCT, "", True
            elif tok.value is not None and tok.value > MAX_SCORE and not tok.scaled:
                # Big bare numbers are training talk unless they sit right by a label.
                before = self._prev(index, skip_bridge=True)
                if before is None or toks[before].kind not in LABELS_EFF:
                    tok.training = True
        self._spoken_ranges()

    def _spoken_ranges(self) -> None:
        """ "between 3 and 4", "3 maybe 4": a range in words, read as its higher end. And "3
        and a half", a half point."""
        toks = self.toks
        last = len(toks) - 1
        movement_named: bool | None = None  # (looked for once, at the first decimal comma)
        for index in self.numbers:
            tok = toks[index]
            if tok.kind != K.NUM or tok.training or tok.past or tok.problem or tok.value is None:
                continue
            if tok.scaled and self._scaled_range(index):
                continue
            if index < last and toks[index + 1].text == "," and self._decimal_comma(index):
                # "calves 3,5": 3.5 written with a decimal comma, or two sides? Asked, unless
                # both readings (and a range's top) agree, with movement named elsewhere so
                # that the second number is not movement's: "4,5" is 5, "7,0" is 7.
                if movement_named is None:
                    movement_named = any(t.kind == K.MOVE for t in toks)
                agreed = (
                    self._agreed_decimal_comma(tok.value, toks[index + 2].value)
                    if movement_named
                    else None
                )
                if toks[index + 2].text == "5" and tok.value < MAX_SCORE and self._one_said(index):
                    # "3,5": a half, as three writers of three read a decimal comma's five
                    # (rounded up, as "3.5" is); "3,7" stays asked, and so does "calves and
                    # glutes 3,5" or "L/R 3,5", two scores.
                    agreed = tok.value + Decimal("0.5")
                if agreed is not None:
                    tok.value = agreed
                else:
                    tok.problem, tok.value, tok.bare = "range", None, False
                tok.end = toks[index + 2].end
                for merged in toks[index + 1 : index + 3]:
                    merged.kind, merged.text, merged.word, merged.used = K.PUNCT, "", False, True
                continue
            half = self._half_after(index)
            if half and not tok.scaled and tok.value == tok.value.to_integral_value():
                tok.value += Decimal("0.5")
                tok.end = toks[index + half].end
                for merged in toks[index + 1 : index + half + 1]:
                    merged.kind, merged.text, merged.word, merged.used = K.PUNCT, "", False, True
                continue
            if self._asked_range(index):
                continue
            other = index + 1
            while other < len(toks) and (
                toks[other].kind in _IN_RANGE
                or toks[other].text in _RANGE_WORDS
                or toks[other].text in _HEDGES
            ):
                other += 1
            if other == index + 1 or other >= len(toks):
                continue
            words = {t.text for t in toks[index + 1 : other] if t.kind != K.COMMA}
            comma = any(t.kind == K.COMMA for t in toks[index + 1 : other])
            before = index - 1
            if before > 0 and toks[before].text in ("a", "an"):
                before -= 1  # "between a 3 and a 4"
            between = before >= 0 and toks[before].text == "between"
            if not (
                words & _MAYBE
                # "a 3 to a 4", "three or four" (as "3 to 4" and "3 or 4" are)
                or (not comma and ((words <= _TO_A and "to" in words) or _one_or(words)))
                or (between and "and" in words and not comma)
                # "2 I think, or 3": a second guess after a hedge
                or (words & _HEDGES and _one_or(words - _HEDGES))
            ):
                continue
            if comma and self._names_next(other):
                continue  # "calves 3, maybe 4 for the glutes"
            high = toks[other]
            framed = between and "and" in words and not comma
            if not framed and other + 1 < len(toks) and self._moment_word(toks[other + 1].text):
                # "4 (prob 5 after intervals)": the 5 is said of a moment; but "between 4 and
                # 5 after intervals" says the moment of the whole range.
                continue
            if (
                high.kind == K.NUM
                and not (high.training or high.past or high.problem)
                and high.value is not None
                and tok.value < high.value <= MAX_SCORE
            ):
                if high.value - tok.value > 1:
                    # "3 maybe 5", "between 2 and 4": its top or its middle? Asked.
                    tok.problem, tok.value, tok.bare = "range", None, False
                else:
                    tok.value = high.value
                tok.end = high.end
                for merged in toks[index + 1 : other + 1]:
                    merged.kind, merged.text, merged.word, merged.used = K.PUNCT, "", False, True

    @staticmethod
    def _agreed_decimal_comma(whole: Decimal, tenths: Decimal | None) -> Decimal | None:
        """The score of "N,D" when it is the same read as N.D and as two sides (or a range's
        top); else None."""
        if tenths is None:
            return None
        if whole != whole.to_integral_value() or not 0 <= whole < MAX_SCORE:
            return None
        decimal = decimal_score(whole + tenths / 10)
        return Decimal(decimal) if decimal is not None and decimal == max(whole, tenths) else None

    def _decimal_comma(self, index: int) -> bool:
        """ "3,5" with nothing between: a score with a decimal comma, as many languages write
        it, or two numbers typed in a hurry."""
        toks = self.toks
        if index + 2 >= len(toks):
            return False
        comma, after, tok = toks[index + 1], toks[index + 2], toks[index]
        return (
            comma.text == ","
            and tok.end == comma.start
            and comma.end == after.start
            and after.kind == K.NUM
            and after.digits
            and len(after.text) == 1
            and not (after.training or after.past)
        )

    def _half_after(self, index: int) -> int:
        """How many tokens after a whole number say it is a half more: "3 and a half", "3 ½",
        "3 1/2" (the half of a score, not a score of 1 on a scale of 2)."""
        toks = self.toks
        if index + 1 >= len(toks):
            return 0
        after = toks[index + 1]
        if after.text in _HALF_JOINS:
            # "3 and a half", "4 and half", "3 y medio", "3 e meio", "3 et demi", "4 an a half";
            # not "5 and half marathon training", "7 and half my runs were easy": the half ends
            # its clause.
            said = [t.text for t in toks[index + 2 : index + 4]]
            if said[:1] and said[0] in _HALVES and self._clause_closes_at(index + 3):
                return 2
            if said[:1] == ["a"] and said[1:] and said[1] in _HALVES:
                return 3 if after.text == "and" or self._clause_closes_at(index + 4) else 0
            return 0
        if after.text == "point" and index + 2 < len(toks) and toks[index + 2].text == "5":
            return 2  # "4 point 5", said as a decimal is read out
        if after.text == "½":
            return 1
        if after.kind == K.NUM and "".join(after.text.split()) == "1/2":
            return 1
        return 0

    def _one_said(self, index: int) -> bool:
        """No side and no joined label in the few words before a number (a joiner after a
        score joins scores: "IT band 2,5 and adductors 1,5")."""
        toks = self.toks
        for at in range(max(index - 4, 0), index):
            tok = toks[at]
            if tok.kind == K.SIDE:
                return False
            if tok.text in ("and", "&", "/", "+", "n") and tok.kind != K.JOIN:
                return False
            if self._joins_labels(at):
                return False
        return True

    def _moment_word(self, text: str) -> bool:
        return text.split(" ")[0] in _SAID_OF_A_MOMENT or text in self.lex.moments

    def _asked_range(self, index: int) -> bool:
        """ "maybe 3? 4?", "3?? 4??", "4... or 5": two scores offered in doubt across a
        sentence mark, read as a range (its higher end; asked about when wider than a
        point)."""
        toks = self.toks
        mark_at = index + 1
        while mark_at < min(index + 4, len(toks)) and toks[mark_at].text in _HEDGES:
            mark_at += 1  # "2 I think? or 3"
        hedged = mark_at > index + 1
        if mark_at + 1 >= len(toks):
            return False
        mark = toks[mark_at]
        if mark.kind != K.STOP:
            return False
        asked = set(mark.text) == {"?"}
        trailing = not asked and (mark.text == "…" or mark.text.startswith(".."))
        if not (asked or trailing):
            return False
        at = mark_at + 1
        while at < len(toks) and at < mark_at + 3 and toks[at].text in _RANGE_WORDS - _TO_A:
            at += 1  # "4... or 5", "3? maybe 4?"
        if (
            at >= len(toks)
            or toks[at].kind != K.NUM
            or ((trailing or hedged) and at == mark_at + 1)
        ):
            return False  # "calves 3... 4 runs", "2 I think? 4 runs": no second guess
        high = toks[at]
        after = toks[at + 1] if at + 1 < len(toks) else None
        if (
            asked
            and at == mark_at + 1
            and after is not None
            and not (after.kind == K.STOP and "?" in after.text)
        ):
            return False  # "3? 4 runs": no second guess
        low = toks[index]
        if (
            high.training
            or high.past
            or high.problem
            or high.value is None
            or low.value is None
            or not low.value < high.value <= MAX_SCORE
        ):
            return False
        if high.value - low.value > 1:
            low.problem, low.value, low.bare = "range", None, False  # "4? 7?": asked
        else:
            low.value = high.value
        low.end = high.end
        for merged in toks[index + 1 : at + 1]:
            merged.kind, merged.text, merged.word, merged.used = K.PUNCT, "", False, True
        return True

    def _scaled_range(self, index: int) -> bool:
        """ "3/10-4/10": a range of two scores out of 10, read as its higher end."""
        toks = self.toks
        if index + 2 >= len(toks) or toks[index + 1].text not in ("-", "–", "to"):
            return False
        low, high = toks[index], toks[index + 2]
        if not (high.kind == K.NUM and high.scaled and high.problem is None):
            return False
        if high.value is None or low.value is None or not low.value <= high.value <= MAX_SCORE:
            return False
        low.value, low.end = high.value, high.end
        for merged in toks[index + 1 : index + 3]:
            merged.kind, merged.text, merged.word, merged.used = K.PUNCT, "", False, True
        return True

    def _names_next(self, index: int) -> bool:
        after = self._next(index, len(self.toks), skip_bridge=False, extra={"for"})
        return after is not None and self.toks[after].kind in LABELS_ALL

    def _sides_follow(self, index: int) -> bool:
        """ "(L/R)", "l/r": the sides of a pair of numbers."""
        toks = self.toks
        after = index + 1
        while after < len(toks) and after < index + 6 and toks[after].kind == K.PUNCT:
            after += 1
        if after >= len(toks) or toks[after].kind != K.SIDE:
            return False  # (the cheap test first: a long reply of pairs asks for each)
        kinds = [t.kind for t in toks[index + 1 : index + 6] if t.kind != K.PUNCT]
        return kinds[:3] == [K.SIDE, K.JOIN, K.SIDE]

    def _use_sides(self, index: int) -> None:
        """The sides after "2/4" go with it into the note."""
        tok = self.toks[index]
        sides = 0
        for other in self.toks[index + 1 : index + 6]:
            if sides == 2 and ")" not in other.text:
                break
            sides += other.kind == K.SIDE
            other.used = True
            tok.sides_end = other.end

    def _list_marker(self, index: int) -> bool:
        """ "1. glutes 3\n2. hip flexors 5": a number opening a line, then "." or ")" and more
        on the same line, numbers the list."""
        toks, text = self.toks, self.text
        tok = toks[index]
        if not tok.bare or index + 2 >= len(toks):
            return False
        if index and "\n" not in text[toks[index - 1].start : tok.start]:
            return False
        mark, after = toks[index + 1], toks[index + 2]
        return (
            mark.text in _MARKS
            and "\n" not in text[mark.start : after.start]
            and after.kind not in (K.NUM, K.STOP, K.COMMA)
        )

    def _by_how_much(self, index: int) -> bool:
        """ "calves +1", "calves down 2", "up 1 on last week", "dropped by 2", "2 points better":
        how much a score changed, not the score. Asked about: the score itself is not said."""
        toks = self.toks
        tok = toks[index]
        if not tok.digits or tok.value is None or tok.value > MAX_SCORE:
            return False
        before = toks[index - 1] if index else None
        if before is not None and before.text == "by" and index > 1:
            if toks[index - 2].text not in _CHANGED_BY:
                return False
            before = toks[index - 2]  # "calves dropped by 2"
            index -= 1
        if before is not None and (
            (before.text == "+" and before.end == tok.start)  # "calves +1"
            or before.text in _CHANGED_BY  # "calves down 2" (not "down to 2"), "dropped by 2"
        ):
            label = self._prev(index - 1, skip_bridge=True) if index > 1 else None
            if label is not None and toks[label].kind in LABELS:
                return True
        after = tok.at + 1
        if (
            after + 1 < len(toks)
            and toks[after].text in _STEPS
            and toks[after + 1].kind == K.VAL
            and self._label_before(tok.at)
        ):
            value = toks[after + 1]
            value.kind, value.efficiency = K.WORD, None  # said of the area
            return True  # "calves 2 points better"
        return False

    def _from_to(self, index: int) -> bool:
        """ "dropped from 5 to 3": no range but a change, and the score is where it ended."""
        toks = self.toks
        tok = toks[index]
        if not index or toks[index - 1].text != "from" or " to " not in tok.text:
            return False
        ends = [to_decimal(v) for v in tok.text.split(" to ")]
        if len(ends) != 2 or ends[1] is None or not 0 <= ends[1] <= MAX_SCORE:
            return False
        tok.value, tok.problem, tok.bare, tok.changed = ends[1], None, True, True
        return True

    def _change_not_now(self, index: int) -> bool:
        """ "calves 6 -> 3": where it ended, unless its clause hopes for it or puts it ahead
        ("hopefully by next week", "Goal: ... by the marathon", "if the massage works"), it is
        said of an earlier week, or its clause goes on against it ("but flared up again
        sunday"): asked about."""
        sentence = self.toks[index].sentence
        if self.features[sentence] & PAST and self._past(index):
            return True  # "last week calves went 7 → 5", "from 6 -> 3": whose week?
        toks, wishes = self.toks, self.lex.wishes
        first, last = self.clauses[toks[index].clause]
        if any(t.text in wishes or t.text in _HOPED for t in toks[first:last]):
            return True
        return any(t.text in self.lex.contrasts for t in toks[index + 1 : last])

    def _not_that(self, index: int) -> bool:
        """ "glutes 5 not 6": the score set right against the one it is not; the other number
        is kept in the note."""
        toks = self.toks
        score = toks[index - 2]
        if score.kind != K.NUM or not score.digits or toks[index].value is None:
            return False
        if index + 1 < len(toks) and toks[index + 1].kind not in BREAKS:
            return False  # "calves 5 not 6 like last week"? kept to the plain shape
        tok = toks[index]
        tok.kind, tok.used = K.PUNCT, True
        toks[index - 1].used = True
        self.reading.notes.append((toks[index - 1].start, tok.end))
        return True

    def _next_marker(self, index: int) -> bool:
        toks = self.toks
        if index + 2 >= len(toks) or toks[index + 1].text != ")":
            return False
        return toks[index + 2].kind not in (K.NUM, K.STOP, K.COMMA)

    def _unit_follows(self, index: int) -> bool:
        toks, lex = self.toks, self.lex
        if index + 1 < len(toks) and _PICTURE.search(
            self.text[toks[index].end : toks[index + 1].start]
        ):
            return False  # "calves 7 😖 stairs are a nightmare": a score, then what hurts
        adjectives = 0
        other = index + 1
        while other < len(toks) and adjectives <= 2:
            tok = toks[other]
            if (
                tok.kind == K.NUM
                and tok.training
                and tok.digits
                and other == index + 1 + adjectives
            ):
                return adjectives > 0 and not self._label_before(index)
            if tok.kind in _UNIT_KINDS:
                if tok.text in lex.units:
                    # "mvmt 6 runs felt sluggish": a score, then what the runs were like; and
                    # "glutes 1 runs 3": a score, then a count of runs.
                    return not (
                        tok.kind == K.RUN
                        and other == index + 1
                        and other + 1 < len(toks)
                        and (toks[other + 1].text in _SAID_OF_RUNS or toks[other + 1].kind == K.NUM)
                        and self._label_before(index)
                    )
                if (
                    tok.text in lex.unit_starts
                    and other + 1 < len(toks)
                    and f"{tok.text} {toks[other + 1].text}" in lex.units
                ):
                    return True
                if tok.text in lex.unit_adjectives and not self._label_before(index):
                    adjectives += 1
                    other += 1
                    continue
            return False
        return False

    def _declared_scale(self) -> bool:
        """ "calves (0-10): 3", "on a scale of 1 to 10": the scale the member scores on, no
        score. Said to be out of 5 ("scale 1-5", "(0-5)"), whether 3 is a 6 or a 5 is the
        member's own reading: every score said without its scale is asked about."""
        toks = self.toks
        other_scale = False
        for index in self.numbers:
            tok = toks[index]
            if tok.kind != K.NUM or tok.problem != "range" or "/" in tok.text:
                continue
            said = _DIGITS.findall(tok.text) or [
                word for word in tok.text.split() if word.isdecimal()
            ]
            if len(said) != 2 or said[0] not in ("0", "1") or said[1] not in ("5", "10"):
                continue
            before = index - 1
            while before >= 0 and toks[before].kind == K.PUNCT and toks[before].text != "(":
                before -= 1
            opened = before >= 0 and (toks[before].text == "(" or toks[before].text in _SCALE_WORDS)
            if not opened:
                continue
            tok.kind, tok.text, tok.used = K.PUNCT, "", True
            other_scale = other_scale or said[1] == "5"
        return other_scale

    def _counts_the_letters_before(self, index: int) -> bool:
        """ "tight as a drum (4)", "Neck (4), shoulders (9)": a number alone in brackets right
        after a word of as many letters (three or more), as a crossword gives the length of its
        answer. After a label ("Calves (6), Glutes (6), Movement (7)") it is the label's score,
        unless every number in brackets after a word counts its letters and there are two or
        more; after any other word, unless another number in brackets does not count its
        word's letters (the member scores in brackets). Not after a word of how an area feels
        ("sore (4)", "tight (5)", "fine (4)") or of a day ("Monday (6)"): its score."""
        counted = self._counted_letters(index)
        if counted is None or not counted or self.toks[index - 2].text in self.lex.moments:
            return False  # "tight Monday (6)": the score on that day
        if self._bracket_counts is None:
            found = [i for i in self.numbers if self._counted_letters(i) is not None]
            self._bracket_counts = (len(found), all(self._counted_letters(i) for i in found))
        bracketed, all_counted = self._bracket_counts
        if self.toks[index - 2].kind in LABELS_ALL_EFF:
            return bracketed >= 2 and all_counted
        return all_counted

    def _counted_letters(self, index: int) -> bool | None:
        """For a number alone in brackets right after a word (not one of how an area feels),
        whether it counts the word's letters; None for any other number."""
        toks = self.toks
        tok = toks[index]
        if index < 2 or index + 1 >= len(toks) or tok.value is None or not tok.bare:
            return None
        opening, closing, word = toks[index - 1], toks[index + 1], toks[index - 2]
        if opening.text != "(" or not closing.text.startswith(")") or not word.word:
            return None
        lex = self.lex
        if word.text in lex.sore or word.text in lex.levels or word.text in lex.complaining:
            return None
        if word.text in lex.complaints or word.text in _FEELS:
            return None
        letters = sum(c.isalpha() for c in self.text[word.start : word.end])
        return tok.value >= 3 and letters == tok.value

    def _which_way_up(self) -> dict[int, bool]:
        """ "lower = better", "higher is worse", "higher = better": which way up a scale is, no
        efficiency. By where each is said, whether it is the other way round from movement's."""
        toks = self.toks
        said = [i for i, t in enumerate(toks) if t.text in _LOWER or t.text in _HIGHER]
        ends: dict[int, bool] = {}
        for index in said:
            end = index + 1
            while end < len(toks) and end <= index + 3 and toks[end].text in _SCALE_LINKS:
                end += 1
            if end >= len(toks) or toks[end].sentence != toks[index].sentence:
                continue
            word = toks[end].text
            if word not in _BETTER_END and word not in _WORSE_END:
                continue
            toks[end].used = True  # a scale's end, not how running felt
            ends[index] = (toks[index].text in _LOWER) == (word in _BETTER_END)
        return ends

    def _lower_is_better(self, index: int, ends: dict[int, bool]) -> bool:
        """Movement's number followed closely in its sentence by its scale said the other way
        round: "Movement: 3 (stiffness, lower = better)"."""
        toks = self.toks
        sentence = toks[index].sentence
        return any(
            inverted
            and 0 < other - index <= 6
            and toks[other].sentence == sentence
            and not any(
                t.sentence == sentence and (t.kind == K.AREA or t.text in _SORE_WORDS)
                for t in toks[other : other + 6]
            )
            for other, inverted in ends.items()
        )

    def _movement_before(self, index: int) -> bool:
        before = self._prev(index, skip_bridge=True)
        return before is not None and self.toks[before].kind == K.MOVE

    def _asks_which_end(self, index: int) -> bool:
        """ "is 10 good or bad?", "is 10 the best or the worst?": one end of the scale and the
        other, joined by "or", right after the number in its clause, in a question ("neck is 1
        good, glutes bad 6" asks nothing)."""
        toks = self.toks
        clause = toks[index].clause
        said = [
            t.text
            for t in toks[index + 1 : index + 7]
            if t.clause == clause and t.kind not in BREAKS and t.text and t.text != "the"
        ]
        if len(said) < 3 or said[1] not in ("or", "/"):
            return False
        first, second = said[0], said[2]
        if not (
            (first in _GOOD_END and second in _BAD_END)
            or (first in _BAD_END and second in _GOOD_END)
        ):
            return False
        sentence = toks[index].sentence
        later = index + 1
        while later < len(toks) and toks[later].sentence == sentence:
            if "?" in toks[later].text:
                return True
            later += 1
        return later < len(toks) and "?" in toks[later].text

    def _scale_defined(self) -> tuple[bool, bool]:
        """ "(0 = no pain)", "where 10 is no pain", "10 being fully recovered", "wait is 10 the
        worst?": the member saying what the scale's ends mean, no score. Said the other way
        round from the check-in's (10 the best), the member's scores are on their own scale:
        every score said without its scale is asked about (the first of the pair returned).
        Asked both ways ("wait is 10 good or bad??"), the member does not know which way round
        they scored: every score said without its scale is asked about, movement's too (the
        second)."""
        toks = self.toks
        reversed_scale = unknown_scale = False
        for index in self.numbers:
            tok = toks[index]
            if tok.kind != K.NUM or tok.value not in _SCALE_ENDS or not tok.bare:
                continue
            after = index + 1
            if after >= len(toks):
                continue
            before = index - 1
            while before >= 0 and toks[before].kind == K.PUNCT and "(" not in toks[before].text:
                before -= 1
            opened = before >= 0 and (
                "(" in toks[before].text or toks[before].text in _DEFINING_BEFORE
            )
            if index > 0 and toks[index - 1].kind in LABELS_ALL_EFF:
                continue  # "movement 10 being perfect": movement's score
            link = toks[after].text
            the = after + 1 < len(toks) and toks[after + 1].text == "the"
            defines = link == "being" or (link in _DEFINING and (opened or the))
            asks = before >= 0 and toks[before].text in _DEFINING_ASK
            if asks and (link not in _THE or self._asks_which_end(index)):
                if self._asks_which_end(index):
                    # "is 10 good or bad?": which way round the member scored is not known.
                    tok.kind, tok.text, tok.used = K.PUNCT, "", True
                    unknown_scale = True
                continue
            if not (defines or asks or (opened and link == "=")):
                continue
            meaning = {t.text for t in toks[after + 1 : after + 5] if t.word}
            good = bool(meaning & _GOOD_END) or _said_pain_free(toks, after + 1)
            bad = bool(meaning & _BAD_END)
            if not (good or bad):
                continue
            tok.kind, tok.text, tok.used = K.PUNCT, "", True
            self.reading.notes.append((tok.start, toks[min(after + 4, len(toks) - 1)].end))
            if (tok.value == _TEN and good and not bad) or (tok.value == 0 and bad and not good):
                reversed_scale = True
        return reversed_scale, unknown_scale

    def _scale_in_words(self, index: int) -> None:
        """ "3 out of five", "4 of 5", "60 percent", "4 stars" said of an area or movement: the
        scale said in words, as "3/5" and "60%" say it ("ran 4 of 5 planned" is no score)."""
        toks = self.toks
        tok, after = toks[index], toks[index + 1]
        if not self._label_before(index) or tok.value is None or tok.training:
            return
        if after.text in _PERCENT_WORDS:
            tok.percent, tok.training, tok.bare = True, True, False
            after.kind, after.text, after.used = K.PUNCT, "", True
            return
        if after.text in _STARS:
            tok.problem = "scale"  # "4 stars": out of 5, or of how many?
            return
        over = index + 1
        while over < len(toks) and toks[over].text in _OUT_OF and over < index + 3:
            over += 1
        if over == index + 1 and toks[over].text in self.lex.scale_of:
            over += 1
        if over == index + 1 or over >= len(toks) or toks[over].kind != K.NUM:
            return
        if toks[index + 1].text in self.lex.scale_of_one and over != index + 2:
            return
        scale = toks[over].value
        if scale not in (_FIVE, _TEN) or toks[over].scaled or toks[over].problem:
            return
        for word in toks[index + 1 : over + 1]:
            word.kind, word.text, word.used = K.PUNCT, "", True
        tok.over, tok.scaled = scale, True
        if scale == _FIVE:
            tok.problem = "scale"

    def _in_tenths(self, index: int) -> None:
        """ "calves 3/5", "movement 4 out of 5", "lower back 50%": a score on a scale said with
        it, turned into tenths (3/5 is 6, 50% is 5, half points rounding up as ever), when it
        stands for one area or movement alone. Two areas before it ("calves glutes 2/5",
        "calves and glutes 3/5") take one number each; a share said of something after it
        ("80% recovered", "70% of normal") or a range ("3-4/5") is still asked about."""
        toks = self.toks
        tok = toks[index]
        value = tok.value
        if value is None or tok.problem != "scale":
            return
        label = self._prev(index, skip_bridge=True)
        if label is None or toks[label].kind not in LABELS:
            return
        if toks[label].kind == K.AREA and self._scales_mixed():
            return  # "calves 3, glutes 2/5": the 3 out of 5 too, or of 10? Asked.
        before = label - 1
        while before >= 0 and toks[before].kind == K.PUNCT and toks[before].text in ("", ":"):
            before -= 1
        if before >= 0 and (toks[before].kind in LABELS_ALL or self._joins_labels(before)):
            return  # "calves glutes 2/5", "calves/glutes 3/5": one each
        if tok.percent:
            after = index + 1
            while after < len(toks) and toks[after].kind == K.PUNCT and not toks[after].text:
                after += 1  # "20 percent": the word is read
            if after < len(toks) and not (
                toks[after].kind in _AFTER_A_SHARE or toks[after].text in self.lex.sore
            ):
                return  # "calves 80% recovered", "movement 70% of normal"
            if not 0 <= value <= 100:
                return
            tok.value = value / 10
        elif tok.over == _FIVE and 0 <= value <= 5:
            if not self._fives_shown():
                return  # "calves 3/5" alone: out of 5, a range or a date? Asked.
            tok.value = value * 2
        elif tok.over == _HUNDRED and 0 <= value <= 100:
            tok.value = value / 10
        else:
            return
        tok.problem, tok.percent, tok.training = None, False, False
        tok.bare = tok.scaled = True

    def _joins_labels(self, join: int) -> bool:
        """A joiner between labels ("calves and glutes"), not after a score ("calves 3/5 and
        IT band 2/5")."""
        toks = self.toks
        if toks[join].kind != K.JOIN:
            return False
        before = self._before_phrase(join)
        return before < 0 or toks[before].kind != K.NUM

    def _fives_shown(self) -> bool:
        """Whether the reply says another score on a scale beside one out of 5 ("quads 3/5,
        neck 1 out of 5", "calves 3/5, glutes 4/10"): writers read a lone "calves 3/5" in
        tenths or ask about it (a range? a date?), so only a second score said on its scale
        shows the scale."""
        if self._five_scores is None:
            toks = self.toks
            count = 0
            for index in self.numbers:
                tok = toks[index]
                if tok.kind != K.NUM:
                    continue
                if tok.over in (_FIVE, _TEN):
                    count += 1
                    continue
                after = index + 1
                while after < len(toks) and after <= index + 2 and toks[after].text in _OUT_OF:
                    after += 1
                if (
                    after == index + 1
                    and after < len(toks)
                    and toks[after].text in self.lex.scale_of
                ):
                    after += 1
                if (
                    after > index + 1
                    and after < len(toks)
                    and toks[after].kind == K.NUM
                    and toks[after].value in (_FIVE, _TEN)
                ):
                    count += 1
            self._five_scores = count
        return self._five_scores > 1

    def _scales_mixed(self) -> bool:
        """Areas scored on another scale ("glutes 2/5", "quads 40%") beside areas scored with
        a bare number ("calves 3"): is the bare one out of 5 too, or the other out of ten in
        the member's mind? The ones on another scale are asked about; the bare ones stand.
        Looked at once a reply, before any score is turned into tenths."""
        if self._mixed_scales is None:
            toks = self.toks
            other = ten = False
            for index in self.numbers:
                tok = toks[index]
                if tok.kind != K.NUM or not tok.digits:
                    continue
                on_other = tok.percent or (tok.problem == "scale" and tok.over in (_FIVE, _HUNDRED))
                on_ten = (
                    tok.problem is None
                    and tok.bare
                    and not (tok.scaled or tok.training)
                    and tok.value is not None
                    and tok.value <= MAX_SCORE
                )
                if not (on_other or on_ten):
                    continue
                label = self._prev(index, skip_bridge=True)
                if label is None or toks[label].kind != K.AREA:
                    continue
                other, ten = other or on_other, ten or on_ten
                if other and ten:
                    break
            self._mixed_scales = other and ten
        return self._mixed_scales

    def _off_the_top(self, index: int) -> bool:
        toks = self.toks
        tok = toks[index]
        if not (tok.scaled and tok.over == MAX_SCORE and tok.value is not None):
            return False
        if not MAX_SCORE < tok.value < 100 or tok.problem is not None or tok.value % 1:
            return False
        after = {t.text for t in toks[index + 1 : index + 4]}
        return self._label_before(index) and not after & CORRECTIONS

    def _label_before(self, index: int) -> bool:
        before = self._prev(index, skip_bridge=True)
        return before is not None and self.toks[before].kind in LABELS_ALL

    def _counts_areas(self, index: int) -> bool:
        """ "all four a 2", "all 3 at about 2": a number right after "all" with a score after
        it counts the areas; the score is the second."""
        toks = self.toks
        if index == 0 or toks[index - 1].kind != K.ALL:
            return False
        other = index + 1
        while other < len(toks) and toks[other].text in _BEFORE_A_COUNTED_SCORE:
            other += 1
        return other > index + 1 and other < len(toks) and toks[other].kind == K.NUM

    def _counted_feeling(self, index: int) -> int | None:
        """ "all 3 sore", "all three a bit tight": a number right after "all", as many as the
        areas the member was asked about, with how they feel and no score after it, counts the
        areas (said to feel some way, without a number: asked about). Where the feeling word
        is."""
        toks = self.toks
        tok = toks[index]
        if len(self.expected) < 2 or tok.value != len(self.expected):
            return None
        if tok.digits and not tok.bare:
            return None  # "all 3/5 sore": a score on a scale
        other = index + 1
        while other < len(toks) and toks[other].text in _BEFORE_A_COUNTED_FEELING:
            other += 1
        if other < len(toks) and (
            toks[other].text in self.lex.complaining or toks[other].text in self.lex.levels
        ):
            return other
        return None

    def _measure_before(self, index: int) -> bool:
        """ "energy 6", "sleep was a 5": a number for something other than an area (not
        "after foam rolling they're down to a 2": said of the area, as "they")."""
        before = self._prev(index, skip_bridge=True)
        if before is None or self.toks[before].text not in self.lex.measures:
            return False
        if self._done_before(before) and self._clause_closes_at(index + 1):
            return False  # "after stretching now 3": when the score is said, not of what
        return not any(t.text in _AREA_PRONOUNS for t in self.toks[before + 1 : index])

    def _done_before(self, measure: int) -> bool:
        """ "after stretching", "after the massage roller", "post foam rolling": the measure
        names something done, and a number after it is said of the moment after."""
        for at in range(measure - 1, max(measure - 4, -1), -1):
            text = self.toks[at].text
            if text in _WHEN_DONE:
                # (not "energy after work now 4": the energy's)
                return not at or self.toks[at - 1].text not in self.lex.measures
            if text not in _BEFORE_A_MEASURE and text not in self.lex.measures:
                return False
        return False

    def _training_before(self, index: int) -> bool:
        """ "week 6", "mile 9", "last 6 at marathon pace" (but "this week 3" is a score)."""
        before = self.toks[index - 1] if index else None
        if before is None or before.kind == K.NUM or before.kind in BREAKS:
            return False
        if before.text not in self.lex.training_before:
            return False
        two = self.toks[index - 2] if index >= 2 else None
        return not (before.text == "week" and two is not None and two.text == "this")

    def _past(self, index: int) -> bool:
        """ "down from 5 last week", "last week's 5", "it was a 7 back in October"."""
        toks, lex = self.toks, self.lex
        if index > 1 and toks[index - 1].text in ("a", "an"):
            index -= 1  # "from a 6"
        if index and toks[index - 1].text in lex.past_before_last:
            for length in (2, 1):
                before = " ".join(t.text for t in toks[max(index - length, 0) : index])
                if index >= length and before in lex.past_before:
                    return True
        for skip in (0, 1):
            begin = index + 1 + skip
            if begin >= len(toks) or toks[begin].text not in lex.past_after_first:
                continue
            for length in (1, 2, 3):
                after = " ".join(t.text for t in toks[begin : begin + length])
                if begin + length <= len(toks) and after in lex.past_after:
                    return True
        # "last week calves were 5": a clause about an earlier week.
        first = self.clauses[toks[index].clause][0]
        opening = " ".join(t.text for t in toks[first : min(first + 2, index)])
        if opening not in _EARLIER_WEEK:
            return False
        # "last week hamstrings were 6 but this week down to 3": the week's again.
        said = [t.text for t in toks[first + 2 : index]]
        return not any(
            word in _NOW_AGAIN or (word == "week" and said[at - 1] == "this")
            for at, word in enumerate(said)
            if at
        ) and not (said and said[0] in _NOW_AGAIN)

    def _fuzzy_labels(self) -> None:
        """Typos in the words right before a score or a value ("hamstirngs 7", "efficency same")."""
        toks = self.toks
        for index in sorted(self.numbers + self.values):
            tok = toks[index]
            kind = tok.kind
            if not ((kind == K.NUM and not tok.training) or kind == K.VAL):  # `_score_like`
                continue
            before = self._prev(index, skip_bridge=True)
            if before is None or toks[before].kind != K.WORD:
                continue
            for length in (3, 2, 1):
                first = before - length + 1
                if first < 0 or any(
                    t.kind not in (K.WORD, K.AREA)
                    or (t.text in self.lex.filler and t.text not in self.lex.label_words)
                    for t in toks[first : before + 1]
                ):
                    continue
                if self.fuzzy_budget <= 0:
                    return
                self.fuzzy_budget -= 1
                phrase = " ".join(t.text for t in toks[first : before + 1])
                found = self.lex.fuzzy(phrase)
                if found is None or self._named_already(found, first, before):
                    continue
                kind, target = found
                if tok.kind == K.VAL and kind != K.EFF:
                    break
                if kind == K.AREA and self.expected and target not in self.expected:
                    # Of an area not asked about, only a typo that starts as the word does
                    # ("hamstrngs 5"; not "ITB khamse (5)", Lebanese five, taken for "hams").
                    typo_of = self.lex.fuzzy_word(phrase) or ""
                    if phrase[:1] != typo_of[:1]:
                        break
                for merged in toks[first : before + 1]:
                    merged.kind, merged.target = K.WORD, ""
                head = toks[first]
                head.kind, head.target = kind, target
                if kind == K.AREA:
                    self._note_named(first, target)
                self.features[head.sentence] |= HAS_LABEL
                for merged in toks[first + 1 : before + 1]:
                    merged.kind = K.PUNCT  # absorbed into the label
                break

    def _short_forms(self) -> None:
        """Words no list knows, right before a score: a short form of an area the member was
        asked about ("cvs 4"), a typo opening a clause ("quadz r cooked lol 6"), or a typo of an
        efficiency value closing one ("mvoement 8 beter")."""
        toks, lex = self.toks, self.lex
        unnamed: list[str] | None = None
        for index in self.numbers:
            tok = toks[index]
            if tok.kind != K.NUM or tok.training:  # not `_score_like`
                continue
            before = self._prev(index, skip_bridge=True)
            if before is None or not self._unknown(toks[before]):
                continue
            if unnamed is None:
                # Not an area the reply names in its own words ("HF 4 / HS 3": not the hip
                # flexors).
                named = {t.target for t in toks if t.kind == K.AREA}
                unnamed = [a for a in self.expected if a not in named]
            area = lex.short_form(toks[before].text, unnamed)
            if area is not None:
                self._relabel(before, K.AREA, area)
        for sentence, (start, end) in enumerate(self.sentences):
            features = self.features[sentence]
            if not features & HAS_NUM or self.fuzzy_budget <= 0:
                continue
            if not features & HAS_LABEL:
                first = self._next(start - 1, end, skip_bridge=False)
                if (
                    first is not None
                    and self._unknown(toks[first])
                    and self._complaint_in_clause(first)
                ):
                    # Only of an area asked about, said to be sore: "should be 5" is no
                    # shoulders.
                    self.fuzzy_budget -= 1
                    found = lex.fuzzy(toks[first].text)
                    if found is not None and found[0] == K.AREA and found[1] in self.expected:
                        self._relabel(first, K.AREA, found[1])
            last = end - 1
            while last > start and toks[last].kind == K.PUNCT:
                last -= 1
            # Closing the sentence, right after a score in a reply of scores ("movment 9 smae
            # lol") or right after the efficiency's label: where the check-in's last answer goes.
            for after in range(start + 1, end):
                if toks[after].kind != K.WORD:
                    continue  # (no unknown word: the cheap test first)
                if (
                    after == last
                    and self._after_a_score(after - 1, start)
                    and self._unknown(toks[after - 1])
                    and self._unknown(toks[after])
                    and self.fuzzy_budget > 0
                ):
                    # "movment 7 efficency beter": the efficiency's label and its value, both
                    # mistyped, closing a reply of scores.
                    self.fuzzy_budget -= 1
                    found = lex.fuzzy(toks[after - 1].text)
                    if found is not None and found[0] == K.EFF:
                        self._relabel(after - 1, K.EFF, found[1])
                labelled = toks[after - 1].kind == K.EFF  # "effeciency beter"
                if not (after == last or labelled or self._after_labelled_score(after)):
                    continue
                if not (self._unknown(toks[after]) and (labelled or toks[after - 1].kind == K.NUM)):
                    continue
                if self.fuzzy_budget <= 0:
                    break
                self.fuzzy_budget -= 1
                value = lex.fuzzy_value(toks[after].text)
                if value is not None:
                    toks[after].kind, toks[after].efficiency = K.VAL, value
                    self.values.append(after)
                    self.features[sentence] |= HAS_VAL
                    break

    def _after_a_score(self, index: int, start: int) -> bool:
        """Right after a number, a comma or glue between: "mvmt 7, efficency bettr"."""
        toks = self.toks
        before = index - 1
        while before >= start and toks[before].kind in (K.PUNCT, K.COMMA):
            before -= 1
        return before >= start and toks[before].kind == K.NUM

    def _after_labelled_score(self, index: int) -> bool:
        """ "movment 9 smae": the word right after a label's number."""
        toks = self.toks
        return index >= 2 and toks[index - 1].kind == K.NUM and toks[index - 2].kind in LABELS

    def _typos_of_own_areas(self) -> None:
        """Far from any score, a close typo or short form of an area the member was asked about,
        of movement or of efficiency ("caves were pretty good, I'd say a 2", "quds not tight at
        all", "moement is a 9")."""
        toks, lex = self.toks, self.lex
        letters = lex.first_letters[""].union(
            *(lex.first_letters.get(a, ()) for a in self.expected)
        )
        for index, tok in enumerate(toks):
            if (
                tok.kind != K.WORD
                or len(tok.text) < 3
                or tok.text[0] not in letters
                or not self._unknown(tok)
                or tok.text in lex.not_typos
                or tok.text in lex.chat_words
            ):
                continue
            if len(tok.text) >= FUZZY_MIN_LETTERS:
                if self.fuzzy_budget <= 0:
                    continue
                self.fuzzy_budget -= 1
            found = lex.typo_of_own(tok.text, self.expected)
            if found is not None and not self._named_already(found, index, index):
                self._relabel(index, *found)

    def _an_between_areas(self) -> None:
        """ "glutes an hamstrings both about 4", "Neck an shoulders both a 5": "an" for "and"
        between two areas (three writers' files), or two scores ("calves an glutes 3 an 2"),
        never before a number alone ("calves an 8")."""
        toks = self.toks
        for index in range(1, len(toks) - 1):
            tok = toks[index]
            if tok.text != "an" or tok.kind != K.WORD:
                continue
            kinds = toks[self._before_phrase(index)].kind, toks[index + 1].kind  # "IT band an"
            if kinds in ((K.AREA, K.AREA), (K.NUM, K.NUM)):
                tok.kind = K.JOIN

    def _legs_for_all(self) -> None:
        """ "legs about a 4 overall" from a member whose areas are all in the legs, and who
        names none of them: one score for them all, as "everything a 4" is (five writers of
        six read it so, and the two other readers of the sixth). A bare "legs 5" is asked
        about (writers split, most ask): "legs" is no area."""
        if not self.expected or not set(self.expected) <= _LEG_AREAS:
            return
        toks = self.toks
        if any(t.kind == K.AREA for t in toks):
            return
        legs = [i for i, t in enumerate(toks) if t.kind == K.WORD and t.text in ("legs", "leg")]
        if len(legs) != 1:
            return
        index = legs[0]
        first, last = self.clauses[toks[index].clause]
        if any(toks[i].kind == K.NUM for i in range(first, index)):
            return  # "calves 3, legs ..."
        numbers = [i for i in range(index + 1, last) if toks[i].kind == K.NUM]
        if len(numbers) != 1 or toks[numbers[0]].training or toks[numbers[0]].past:
            return
        if self._said_of_another_time(toks[index].sentence):
            return  # "legs about a 6 after the race, now 3", "... yesterday": which is now's?
        if any(toks[i].text in _ABOUT for i in range(index + 1, numbers[0])):
            self._relabel(index, K.ALL, "")

    def _said_of_another_time(self, sentence: int) -> bool:
        start, end = self.sentences[sentence]
        return (
            bool(self.features[sentence] & PAST)
            or any(t.text in _LATER for t in self.toks[start:end])
            or self.said_of_a_moment(sentence)
        )

    def _named_already(self, found: tuple[int, str], first: int, last: int) -> bool:
        """An area the reply names in its own words outside the words read as a typo of it
        ("glutes 3. Movement aboot 7"): the typo would give it a second score, so the words are
        something else (a dialect's, another language's): left as they are. ("hip flexes
        three" is read: "hip" is among the words.)"""
        kind, target = found
        if kind != K.AREA:
            return False
        if self._named_areas is None:
            # Where each area is first and last named: one is outside the words if either is.
            named: dict[str, tuple[int, int]] = {}
            for index, tok in enumerate(self.toks):
                if tok.kind == K.AREA:
                    low, _ = named.get(tok.target, (index, index))
                    named[tok.target] = (low, index)
            self._named_areas = named
        span = self._named_areas.get(target)
        return span is not None and (span[0] < first or span[1] > last)

    def _unknown(self, tok: Tok) -> bool:
        return tok.kind == K.WORD and tok.text not in self.lex.known and tok.text.isalpha()

    def _note_named(self, index: int, target: str) -> None:
        """A word read as an area after `_named_already` looked: it names the area too
        ("glutse 4, movement gluten 8": "gluten" would give the glutes a second score)."""
        named = self._named_areas
        if named is not None:
            low, high = named.get(target, (index, index))
            named[target] = (min(low, index), max(high, index))

    def _relabel(self, index: int, kind: int, target: str) -> None:
        tok = self.toks[index]
        tok.kind, tok.target = kind, target
        features = self.features[tok.sentence] | HAS_LABEL
        if kind == K.AREA:
            self._note_named(index, target)
            self.clause_areas[tok.clause] = True
            features |= AREAS if features & AREA_SEEN else AREA_SEEN
        self.features[tok.sentence] = features
