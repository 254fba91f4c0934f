"""What is left over (notes and questions), and one result from all that was read."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import replace
from typing import TypeVar

from bot.rules.checkins.reading.result import Efficiency, ParsedCheckIn
from bot.rules.checkins.reading.state import Score, State
from bot.rules.checkins.reading.tokens import (
    BREAKS,
    CORRECTIONS,
    FEELS_WRONG,
    GLUE,
    LABELS,
    MAX_SCORE,
    WORDS,
    K,
    Tok,
    score_value,
)

_FRAGMENT_CHARS = 80
# Right after an area, these take it back: "glutes... sorry, wrong list", "quads, oops, hams".
# "scratch that", "scrap that": what was just said is taken back.
_WITHDRAWING = frozenset({"scratch", "scrap"})
_BEFORE_WITHDRAWING = frozenset({"actually", "no", "wait", "oh", "hmm", "-", "—", "…"})
_TAKING_BACK = frozenset(
    {"sorry", "oops", "nvm", "nevermind", "scratch", "scrap", "ignore", "wrong"}
)
_BREAKS_AND_GLUE = BREAKS | GLUE
_FRONT_AND_BACK = ("front and back", "back and front")
# What may stand between a label and what is said of it ("calves: pesë", "neck - mokõi").
_LABEL_MARKS = frozenset({":", "-", "–", "—", "="})
# Questions listed for one reply; the rest are counted.
_MAX_QUESTIONS = 20
_PICTURES_AFTER = re.compile(
    r"(?:[ \t]*[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\u200d\ufe0f]+)+"
)
# After an efficiency verdict, it is said of some runs ("better on the climbs", "worse coming
# down"), not of the week ("better on the whole", "on most runs", "on balance").
_SAID_OF_SOME_RUNS = re.compile(
    r"\s*(?:on|in|at|during|coming|going|up|down|uphill|downhill)\b"
    r"(?!\s+(?:the\s+whole|balance|average|general|most|all|every|nothing|none)\b)",
    re.IGNORECASE,
)
_OPPOSITE = {Efficiency.BETTER: Efficiency.WORSE, Efficiency.WORSE: Efficiency.BETTER}
# How far after a verdict said of some runs the member may settle on "same", and the words
# that settle on it or leave it open.
_SETTLING_REACH = 16
_SETTLING = frozenset({"so", "idk", "overall", "call", "guess", "say", "basically", "probably"})
_NOT_SETTLED = frozenset({"not", "never", "than", "if", "whether", "rather"})
_T = TypeVar("_T")
_AFTER_MOVEMENT = BREAKS | {K.VAL, K.EFF}
# Opening a question to whoever runs the bot: "how do I...?", "can you...?", "where is...?".
_DASHES = frozenset({"-", "–", "—", "--"})
# After a high soreness, saying it feels good: the scale the other way up.
_FEEL = frozenset({"feel", "feels", "feeling", "felt"})
_FEELS_GOOD = frozenset({"good", "great", "amazing", "fresh", "strong", "brilliant"})
# A scale the other way up, said outright: "10 = feeling amazing", "8 means good right?", "0
# being the worst".
_UPSIDE_DOWN = re.compile(
    r"\b(?:[6-9]|10|ten)\s*(?:=|is|being|means)\s*(?:feeling\s+|feel\s+|the\s+)?"
    r"(?:great|amazing|good|fresh|best|perfect|no\s+pain|pain[\s-]?free)\b"
    r"(?!\s+(?:movement|mobility|moving|mvmt|mv|move))"
    r"|\b(?:0|zero)\s*(?:=|is|being|means)\s*(?:the\s+)?(?:worst|awful|terrible|agony)\b",
    re.IGNORECASE,
)
# Said of an area after a score said of a day ("fine by friday"): where it is now, no number.
_FINE_AGAIN = frozenset({"fine", "good", "ok", "okay", "grand", "gone", "normal", "sorted"})
# After "movement fine": the reply's next value ("quads 3 movement fine efficiency same").
_AFTER_FINE = frozenset({K.AREA, K.MOVE, K.EFF, K.RUN, K.VAL, K.ALL})
# A week without running: "didn't run this week", "no runs", "not running this week, flu".
_NO_RUNNING = re.compile(
    r"(?:^\W*(?:sorry\W+)?(?:i\s+)?)?"
    r"\b(?:didn'?t|did not|haven'?t|have not|couldn'?t|wasn'?t|not|no)\s+(?:been\s+)?"
    r"(?:run|runs|running|ran)\b(?!\s+(?:club|group|crew|session|with))"
    r"(?P<week>\W+(?:at all\W+)?this w(?:ee)?k|\W+all week|\W+at all)?"
    # "Skipped the whole week, had covid", "Missed the week with a dose of the flu"
    r"|^\W*(?:i\s+)?(?:skipped|missed)\s+(?:the\s+)?(?:whole\s+|entire\s+)?(?P<skipped>week)"
    r"(?=\s*(?:[,.!;]|$)|\s+(?:with|sick|ill|off|had|due|because|cos)\b)",
    re.IGNORECASE,
)
_THIS_WEEK = re.compile(r"\b(?:this|all) w(?:ee)?k\b", re.IGNORECASE)
# Beside a week off, what makes the reply no answer: putting it off ("will check in next
# week", "remind me tomorrow", "ask me again Monday"), asking ("how do I change my areas", "can
# you pause my check-ins") or passing on someone else's news ("Dave said no runs this week").
_NOT_THE_ANSWER = re.compile(
    r"\b(?:will|ll|i'll)\s+(?:\w+\s+)?(?:do|sort|send|update|let|get|report)\b"
    r"|\b(?:check[\s-]?in|fill|reply|answer|report back|remind|ask me"
    r"|let you know|later|tomorrow|how|what|whats|when|where|why|can you|can i|could you|do i"
    r"|is there|pause|said|says|btw)\b",
    re.IGNORECASE,
)
# Movement said to be well, and nothing more: "movement fine", "mobility is all good".
_ALL_WELL = frozenset({"fine", "good", "ok", "okay", "grand", "great", "normal", "alright"})
_ALL_WELL |= {"is", "was", "all", "been", "pretty", "really", "very", "totally", "completely"}
_PLURAL_THING = re.compile(r"\s+[^\W\d_]{2,}(?:-[^\W\d_]+)*s\b")
_ASKING = frozenset({"how", "can", "could", "where", "what", "why", "when", "who", "should"})
_ASKING |= {"ano", "paano", "bakit", "como", "donde", "cual"}  # Tagalog, Spanish
# Anywhere in a sentence ending in "?", these make it a question rather than a report.
_QUESTION_WORDS = frozenset(
    {"how", "can", "could", "what", "why", "who", "should", "is", "are", "does", "do", "did"}
    | {"will", "would", "normal", "count"}
)
# Before the question, calling whoever runs the bot: "coach, how do I...", "Kuya ano po...".
_CALLING = frozenset(
    {"coach", "bot", "hey", "hi", "hello", "yo", "bro", "mate", "kuya", "pana", "oi"}
)
_CALLING |= {"quick", "question", "q", "btw", "ps"}
# Before a question about the list of areas or the check-in's words, these open it too ("also
# how do I change my areas?"); before any other question they may open the club's ("so when is
# the next club run?").
_CALLING_ON_THE_BOT = _CALLING | {"so", "also", "ok", "okay", "oh", "sorry", "um", "erm"}
# In a question, these make it one about the member's list of areas: "areas" after one of
# _WHOSE_AREAS ("my areas", "which areas"), or "area"/"areas" with a word of changing the list
# ("can I add quads to my areas?", "how do I remove an area?"). "how do I stretch that area?"
# is none.
_LIST_WORDS = frozenset({"area", "areas"})
# Between a labelled verdict and the one that takes it back: "same... no, actually better".
_LETTERS = re.compile(r"[a-z]+")
_CALF = re.compile(r"calf|calv", re.I)
_UNSAYING = frozenset({"no", "nah", "actually", "sorry", "wait", "mean", "make"})
# What may follow a verdict that takes another back: the end of what is said of it.
# Not "better? not sure" nor "better, or worse, not sure": unsure, asked.
_VERDICT_ENDS = re.compile(
    r"\s*(?:$|[.;!\n)]|,(?!\s*(?:or|maybe|not sure|idk)\b)"
    r"|(?:overall|really|tbh|for sure|i think|now|this week)\b)",
    re.I,
)
_BEFORE_A_NEW_VERDICT = _UNSAYING | {"i", "hmm", "um", "oh", "that"}
# "take them off my list", "add quads to my areas".
_OFF_THE_LIST = frozenset({"off", "from", "to", "onto"})
_THE_LIST = frozenset({"list", "areas"})
_WHAT_IS_LISTED = frozenset({"them", "it", "those", "these", "that", "one"})
_WHOSE_AREAS = frozenset({"my", "which", "what", "tracked", "tight", "listed", "chosen", "your"})
_LIST_CHANGES = frozenset(
    {"add", "change", "remove", "swap", "switch", "update", "edit", "drop", "delete", "replace"}
    | {"set", "reset", "pick", "choose", "list", "track", "tracks", "tracked", "ask", "asks"}
)
# A reply of scores alone is short: past this many tokens the order of its numbers says less.
_ORDER_TOKENS = 40
_ANSWER_KINDS = frozenset(
    {K.AREA, K.ALL, K.MOVE, K.NUM, K.VAL, K.EFF, K.PUNCT, K.COMMA, K.STOP, K.JOIN, K.ZERO}
    | {K.SIDE, K.NA}
)


# Movement's label as the check-in names it (not "moving", "getting around").
_MOVEMENT_NOUNS = frozenset(
    {"movement", "mobility", "mvmt", "mvt", "mov", "mv", "mvmnt", "movt", "mvnt", "mob"}
    | {"movimiento", "movilidad", "movimento", "mobilidade", "mouvement", "mobilite"}
)

# Between a score and a second one said of a moment or in doubt: "3 but 5 on hills", "4 (prob
# 5 after", "3, could be 5".
_MOMENT_AFTER = frozenset({"when", "while", "during", "after", "on", "in", "going", "running"})
_HEDGES = frozenset({"maybe", "prob", "probably", "possibly", "could", "might", "perhaps"})
_BEFORE_SITUATIONAL = _HEDGES | {"but", "and", "a", "or", "though", "like", "be"}
# Between a score and a number closing its clause, these say the number is none of its.
_NOT_THE_SCORE = frozenset({"not", "instead", "than"})

# Tokens naming a body part, tracked or not.
_BODY_PARTS = frozenset({K.AREA, K.UNTRACKED})

# How far after an area the word making it the sorest may stand ("calves were by far the worst").
_SOREST_REACH = 5
# The whole reply a verdict on the week, and nothing else: "fine", "all good this week", "no
# issues tbh". An answer, but no value in it: asked about. ("ok", "good", "all good, thanks"
# alone are taken for a nod to the message, as every file has them.)
_WEEK_IN_A_WORD = re.compile(
    r"(?:(?:all |everything(?:'s| is)? )?(?:fine|grand)|all good|no (?:issues|problems)"
    r"|nothing to report)"
    r"(?:(?:,? (?:this|all) week)|(?:,? (?:tbh|really|thanks|cheers|coach|mate|x+)))*[.! ]*",
    re.IGNORECASE,
)
# Asking whether the bot keeps an area: "do you track that?", "does the achilles count?".
_TRACKING = re.compile(
    r"\b(?:track|tracked|tracking|count|counts|counted|cover|covers|include|includes)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?\n]+")
_WITH_A_WEEK = re.compile(r"\b(?:this|all) week\b", re.IGNORECASE)
# A week without running said alone ("no runs this week, flu", "sorry didn't run this week,
# exams") holds no answer, as "haven't run yet" holds none: no check-in, as most writers label
# it (tests/corpus/README.md, the dev12 round).
_SHORT_REPLY = 200
# Right after a score, the member says it is of something else than the check-in asks about:
# "my arse is a 10 but that's a different thing", "bum a 9 (another story)", "8 - unrelated".
_ANOTHER_THING = re.compile(
    r"[\s,.;:()\-–—]*(?:but\s+|tho\s+|though\s+)?"
    r"(?:(?:that|it|this)\s*(?:['’]?s|\s+is|\s+was)\s+|which\s+is\s+)?(?:a\s+)?"
    r"(?:(?:(?:totally|completely|whole|entirely)\s+)?(?:different|another|separate)\s+"
    r"(?:thing|story|matter|issue|problem)|unrelated|not\s+related)\b"
    r"(?![^\S\n]+(?:for|with|on|in|when|about|to)\b)",  # "different story for the hams, 6"
    re.IGNORECASE,
)


def _opens_asking(words: list[Tok], calling: frozenset[str] = _CALLING) -> bool:
    """A sentence's words open with a word of asking, after any calling ("coach, how...")."""
    for tok in words[:4]:
        if tok.text in _ASKING:
            return True
        if tok.text not in calling:
            return False
    return False


def _asks_off_the_list(words: list[Tok]) -> bool:
    """ "can u take them off my list", "please remove calves from my areas": an area (or "them")
    taken off or put on the list in so many words, a question mark or not ("add hill reps to
    my list" is none)."""
    said = [t.text for t in words]
    for at in range(1, len(said) - 2):
        if said[at] not in _OFF_THE_LIST or said[at + 1] != "my" or said[at + 2] not in _THE_LIST:
            continue
        what = words[at - 1]
        if not (what.kind in _BODY_PARTS or what.text in _WHAT_IS_LISTED):
            return False
        return at >= 2 and said[at - 2] in _LIST_CHANGES | {"take"}
    return False


class Reconcile(State):
    """The words no pass used become the note or a question; all values become one result."""

    def _bare_numbers(self) -> None:
        """Sentences of numbers and punctuation only ("7", "3/10"): a score for nothing we can
        name, so each is asked about (times, distances and earlier weeks' scores are notes)."""
        toks, features = self.toks, self.features
        for index in self.numbers:
            tok = toks[index]
            if features[tok.sentence] & WORDS or tok.kind != K.NUM or tok.used:
                continue
            if tok.training or tok.past or (index and toks[index - 1].text == "+"):
                self.reading.notes.append((tok.start, tok.end))  # "+1" agrees with a post
            else:
                self.reading.strays.append((tok.start, tok.end))

    def _movement_in_order(self) -> None:
        """ "calves 2, glutes 5, 8, same", "quads 2 / 9 / better": a reply of scores alone, in
        the order the check-in asks for them. Once every area asked about is scored, a bare
        number after the last of them (and before how the running felt) is the ease of
        movement, the check-in's next question, and nothing else. Anything less plain (a word
        of chat, a second bare number, movement named, an area left open) and it is asked
        about as before."""
        toks = self.toks
        if not self.expected or len(toks) > _ORDER_TOKENS:
            return
        if len(self.expected) == 1 and self._one_area_in_order():
            return
        plain = self._in_answer_form(0, len(toks))
        last_score = max((t.at for t in toks if t.kind == K.NUM and t.used), default=-1)
        first_value = min((t.at for t in toks if t.kind in (K.VAL, K.EFF)), default=len(toks))
        # "glutes 5 8 same": the last area's score and the movement side by side.
        pair = self._score_and_movement(last_score) if last_score >= 0 else None
        scored = {
            s.target
            for s in self.reading.scores
            if s.kind == K.AREA and (not s.problem or (pair is not None and s is pair[0]))
        }
        loose = [
            t for t in toks if t.kind == K.NUM and not t.used and not t.training and not t.past
        ]
        if any(s.kind == K.ALL and s.value is not None for s in self.reading.scores):
            scored.update(self.expected)  # "everything 2, 8, same"
        if not self.reading.everything_zero and not set(self.expected) <= scored:
            return  # a number left over is asked about as ever: it may be an open area's
        if not plain:
            # "hamstrings 4 on the right (tweaked it), 2 on the left. calves 1. 7. worse": a
            # sentence of its own right after the last score, in a reply with chat elsewhere.
            pair = None
            if len(loose) != 1 or not self._own_sentence_after_score(loose[0]):
                return
        if any(s.kind == K.MOVE for s in self.reading.scores):
            # "lower back 2, movement 9, 7": every value given, and a score for what? In a
            # reply of scores alone it is no chat to keep in the note.
            self.reading.unread += [
                (t.start, t.end)
                for t in loose
                if t.digits and t.at > last_score and self._on_its_own(t)
            ]
            return
        if len(loose) == 1 and pair is None:
            number = loose[0]
            if not (
                number.digits
                and number.bare
                and number.problem is None
                and number.value is not None
                and number.value == number.value.to_integral_value()
                and number.value <= MAX_SCORE
                and last_score < number.at < first_value
                and self._on_its_own(number)
            ):
                return
            if len(scored) < 2 and first_value >= len(toks):
                # "hip flexors 4, 6" alone could be two sides or a second thought, as "calves
                # 3 4" below: the order shows only with another area scored before. The area's
                # score is in doubt too (writers keep it or not): both are asked about.
                for found in self.reading.scores:
                    if found.kind == K.AREA and found.value is not None:
                        found.problem = True
                return
            if (
                len(scored) < 2
                and number.at == last_score + 2
                and toks[last_score + 1].kind == K.COMMA
                and not self.reading.everything_zero
                and not any(s.kind == K.ALL for s in self.reading.scores)
            ):
                # "calves 3, 8, better": movement for one writer, asked about by four (who keep
                # the area's score): the number is asked about, the score and efficiency kept.
                # Said for every area ("everything 2, 8, same", "no soreness, 10, better") it is
                # movement as after two areas' scores, and so it is on a line or in a sentence
                # of its own ("quads 2\n9\nbetter", "neck 2. 8. Better.").
                self.reading.unread.append((number.start, number.end))
                return
            value = int(number.value)
        elif (
            not loose
            and pair is not None
            and last_score < first_value
            # "calves 3 4" alone could be a range typed without its dash, and "calves 3 glutes
            # 2 5" ending the reply a second side or a slip as well as movement (writers read it
            # both ways): the order shows only with the efficiency after.
            and first_value < len(toks)
        ):
            owner, first, value = pair
            owner.value, owner.problem = first, False
            number = toks[last_score]
        elif not loose and pair is not None and last_score < first_value and len(scored) >= 2:
            # "calves 3 glutes 2 5" ending the reply: every writer keeps the glutes' 2; the 5 is
            # movement for some and asked about by others, so it is asked about.
            owner, first, _ = pair
            owner.value, owner.problem = first, False
            number = toks[last_score]
            self.reading.unread = [s for s in self.reading.unread if not _within(owner.span, s)]
            self.reading.unread.append((number.start, number.end))
            return
        else:
            return
        number.used = True
        span = (number.start, number.end)
        self.reading.strays = [s for s in self.reading.strays if not _within(span, s)]
        self.reading.unread = [s for s in self.reading.unread if not _within(span, s)]
        self.reading.notes = [s for s in self.reading.notes if not _within(span, s)]
        self.reading.scores.append(Score(K.MOVE, "", value, False, False, "", False, span))

    def _better_since_in_words(self) -> None:
        """ "quads were 7 on monday, fine by friday": a score said of a day, then the area said
        to be fine by a later one, with no number: where it is now is not told. Asked."""
        toks = self.toks
        dated = [s for s in self.reading.scores if s.kind == K.AREA and s.dated and not s.problem]
        for score in dated:
            at = self._token_starting_at(score.span[0])
            if at is None:
                continue
            sentence_end = self.sentences[toks[at].sentence][1]
            if any(
                t.kind in (K.NUM, K.AREA)
                for t in toks[at + 1 : sentence_end]
                if t.start >= score.span[1]
            ):
                continue  # (first: it stops at the next number, and a long reply has many)
            said = [t for t in toks[at:sentence_end] if t.start >= score.span[1] and t.word]
            texts = [t.text for t in said]
            if any(a in _FINE_AGAIN and b in ("by", "now") for a, b in itertools.pairwise(texts)):
                score.problem = True

    def _said_to_feel_good(self) -> None:
        """ "glutes 9 feel amazing", "hamstrings 8/10 good": a high soreness said to feel good,
        on the member's own scale the other way up (two writers of two ask): asked."""
        toks = self.toks
        high = [
            s
            for s in self.reading.scores
            if s.kind == K.AREA and not s.problem and s.value is not None and s.value >= 6
        ]
        ends = {t.end: t.at for t in toks if t.kind == K.NUM} if high else {}
        for score in high:
            at = ends.get(score.span[1])
            if at is None:
                continue
            after, felt = at + 1, False
            while after < len(toks) and toks[after].text in _FEEL:
                after, felt = after + 1, True
            if not (felt or toks[at].scaled) or after >= len(toks):
                continue  # "calves 6 good week though": said of the week
            if toks[after].text in _FEELS_GOOD and self._clause_closes_at(after + 1):
                score.problem = True
        if self._scale_upside_down():
            # "calves 8 (10 = feeling amazing)": the member's scale says so outright.
            for score in self.reading.scores:
                if score.kind in (K.AREA, K.ALL) and not score.problem:
                    score.problem = True

    def _scale_upside_down(self) -> bool:
        """ "calves 8 (10 = feeling amazing)", "back 3, 0 being the worst": said right after an
        area's score (not movement's "8 (10 = amazing)", nor "Mood 9, 10 is great")."""
        if not _UPSIDE_DOWN.search(self.text):
            return False
        toks = self.toks
        area_scores = {s.span[1] for s in self.reading.scores if s.kind in (K.AREA, K.ALL)}
        for match in _UPSIDE_DOWN.finditer(self.text):
            at = self._token_starting_at(match.start())
            before = (at or 0) - 1
            while before >= 0 and toks[before].kind in GLUE:
                before -= 1
            if before >= 0 and toks[before].kind == K.NUM and toks[before].end in area_scores:
                return True
        return False

    def _one_area_in_order(self) -> bool:
        """ "4 8 same", "2, 8, better", "4/8/same" from a member with one area: its score and
        the movement, in the check-in's order, as five writers of six read it (the sixth
        asks). Only two whole numbers on the scale, then the verdict, and nothing else."""
        toks = self.toks
        said = [t for t in toks if t.kind not in (K.PUNCT, K.COMMA) and t.text != "/"]
        if len(said) not in (2, 3) or said[-1].kind != K.VAL or said[-1].efficiency is None:
            return False
        numbers = said[:-1]
        if len(numbers) == 1 and numbers[0].problem == "list":
            parts = numbers[0].text.split()  # "4 8": one token of two numbers
        elif len(numbers) == 1 and numbers[0].problem == "scale" and toks[-2].text == "/":
            parts = numbers[0].text.split("/")  # "4/8/same": no score out of 8
        elif len(numbers) == 2 and not any(t.used for t in numbers):
            parts = [t.text for t in numbers]
        else:
            return False
        if len(parts) != 2 or not all(p.isdigit() and int(p) <= MAX_SCORE for p in parts):
            return False
        span = (numbers[0].start, numbers[-1].end)
        score, movement = (int(p) for p in parts)
        for number in numbers:
            number.used = True
        self.reading.strays = [s for s in self.reading.strays if not _within(span, s)]
        self.reading.unread = [s for s in self.reading.unread if not _within(span, s)]
        area = self.expected[0]
        self.reading.scores.append(Score(K.AREA, area, score, False, False, "", False, span))
        self.reading.scores.append(Score(K.MOVE, "", movement, False, False, "", False, span))
        return True

    def _score_and_movement(self, index: int) -> tuple[Score, int, int] | None:
        """ "glutes 5 8": two numbers side by side after the last area, each on the scale."""
        number = self.toks[index]
        parts = number.text.split()
        if number.problem != "list" or len(parts) != 2 or not all(p.isdigit() for p in parts):
            return None
        first, second = (int(p) for p in parts)
        if first > MAX_SCORE or second > MAX_SCORE:
            return None
        owners = [s for s in self.reading.scores if s.span[1] == number.end and s.problem]
        if len(owners) != 1 or owners[0].kind != K.AREA:
            return None
        return owners[0], first, second

    def _on_its_own(self, number: Tok) -> bool:
        """Between breaks ("glutes 5, 8, worse", "quads 2 / 9 / better"), or before how the
        running felt: not "calves 3, maybe 5"."""
        toks = self.toks
        before = number.at - 1
        while before >= 0 and toks[before].kind == K.PUNCT:
            before -= 1
        after = number.at + 1
        while after < len(toks) and toks[after].kind == K.PUNCT:
            after += 1
        return (before < 0 or toks[before].kind in BREAKS) and (
            after >= len(toks) or toks[after].kind in _AFTER_MOVEMENT
        )

    def _own_sentence_after_score(self, number: Tok) -> bool:
        sentence = number.sentence
        if sentence == 0:
            return False
        start, end = self.sentences[sentence]
        if not self._in_answer_form(start, end) or any(
            t.kind == K.NUM and t is not number for t in self.toks[start:end]
        ):
            return False
        first, last = self.sentences[sentence - 1]
        last -= 1
        while last >= first and self.toks[last].kind == K.PUNCT:
            last -= 1
        return last >= first and self.toks[last].kind == K.NUM and self.toks[last].used

    def _in_answer_form(self, start: int, end: int) -> bool:
        """Labels, numbers and values only, with no word of chat between them."""
        lex = self.lex
        for tok in self.toks[start:end]:
            if tok.kind in _ANSWER_KINDS:
                continue
            if tok.kind == K.WORD and (
                tok.text in lex.filler or tok.text in lex.zeros or tok.text in lex.sore
            ):
                continue
            return False
        return True

    def _opens_with_an_area(self, start: int, end: int) -> bool:
        """ "quads and calves both kinda sore?": the areas first and no word of asking
        ("Calves: is it normal that they hurt?" asks the coach)."""
        words = [t for t in self.toks[start:end] if t.word]
        return (
            bool(words)
            and words[0].kind == K.AREA
            and not any(t.text in _QUESTION_WORDS for t in words)
        )

    def _leftovers(self, start: int, end: int) -> None:
        toks = self.toks
        # A question about the bot or the routine ("does that count as calves?"), not a "quads ?"
        # nor a report said with a rising voice ("quads and calves both kinda sore?").
        question = (
            end < len(toks)
            and "?" in toks[end].text
            and end - start > 2
            and not self._opens_with_an_area(start, end)
        )
        run: list[Tok] = []
        named: list[Tok] = []
        for index in range(start, end + 1):
            tok = toks[index] if index < end else None
            if tok is not None and tok.kind == K.AREA and not tok.used:
                named.append(tok)
            if (
                tok is not None
                and tok.kind == K.UNTRACKED
                and (tok.used or question or self._complaint_in_clause(index))
            ):
                self.reading.untracked.append(tok.target)
            if tok is not None and not tok.used and tok.kind not in BREAKS:
                if tok.text in self.lex.vague and self._feeling_in_clause(index):
                    # "legs fine" answers the check-in; "my legs hurt" asks which of them.
                    self.reading.body_said = True
                    if self._complaint_in_clause(index):
                        self.reading.vague.append(self._clause_of(index))
                run.append(tok)
                continue
            if run:
                self._leftover_run(run, start, end)
                span = (run[0].start, run[-1].end)
                alone = self._alone_in_run(run) if named else None
                for area in named:
                    # Named without a score: worth a question only when the member says how it
                    # feels in words no number can be read from ("calves a bit meh", "quads 🟡";
                    # of an area they were not asked about, only that something is wrong), or
                    # names it alone ("quads ?"). Anything else about it is kept in the note.
                    asked_about = area.target in self.expected
                    feels = (
                        self._feeling_in_clause(area.at)
                        if asked_about
                        else self._complaint_in_clause(area.at)
                    )
                    unknown = asked_about and not feels and self._said_in_unknown_words(area)
                    if unknown:
                        feels = True  # "calves pesë", "neck tlete": a score in words we lack
                    if alone is area and not asked_about and self._feeling_in_clause(area.at):
                        alone = None  # "hips ok" of an area not asked about: nothing wrong
                    if feels and not asked_about and self._asks_to_change_the_list():
                        # "can I change my areas? shoulders are the problem now": the reason
                        # for the question, for whoever runs the bot.
                        feels = False
                    asked = (
                        (not question or alone is area)  # "hip flexors 3 glutes ?"
                        and not self._names_a_thing(area)
                        and (feels or alone is area or self._rated_by_symbol(area))
                        and not self._taken_back(area)
                    )
                    mentions = self.reading.mentioned.setdefault(area.target, [])
                    mentions.append(span if asked else (-1, -1))
                    if asked and unknown:
                        self.reading.said_unknown.append(span)
            run, named = [], []

    def _movement_in_words(self, scored: bool) -> list[tuple[int, int]]:
        """ "mobility so-so", "movement bad": movement named, as the check-in asks for it, and
        said to feel some way without a number, like an area in words: asked about. "moving
        fine" says how the member gets about and is kept in the note, and so is "movement
        fine" beside scores, with the next clause on to another value (four writers of five
        with every other value read: nothing to ask; not "movement fine. Stairs are agony")."""
        asked = []
        for tok in self.toks:
            if tok.kind != K.MOVE or tok.used or not _MOVEMENT_NOUNS & set(tok.text.split()):
                continue
            if self._feeling_in_clause(tok.at):
                if not (scored and self._only_fine(tok.at)):
                    asked.append(self._clause_of(tok.at))
            elif self._said_in_unknown_words(tok):
                asked.append(self._clause_of(tok.at))
                self.reading.said_unknown.append(asked[-1])
        return asked

    def _movement_said_as_soreness(self) -> set[int]:
        """Where "Movement stiffness 4" starts: a soreness of moving about, the scale the other
        way up from the ease the check-in asks for. Asked about."""
        said = [t for t in self.toks if t.text]
        complaining = self.lex.complaining
        return {
            tok.start
            for tok, word, number in zip(said, said[1:], said[2:], strict=False)
            if tok.kind == K.MOVE
            and word.word
            and word.text in complaining
            and number.kind == K.NUM
            and number.digits
        }

    def _only_fine(self, index: int) -> bool:
        """Nothing after the label at `index`, up to its clause's end or the next label or
        number, but words of all being well."""
        said, toks = set(), self.toks
        after = index + 1
        while (
            after < len(toks) and toks[after].kind not in _AFTER_FINE and toks[after].kind != K.NUM
        ):
            if toks[after].word:
                said.add(toks[after].text)
            after += 1
        while after < len(toks) and (toks[after].kind in BREAKS or not toks[after].text):
            after += 1
        # The next clause on to another value, or the reply's end.
        next_on = after >= len(toks) or toks[after].kind in _AFTER_FINE
        return bool(said) and said <= _ALL_WELL and next_on

    def _efficiency_by_emoji(self) -> list[tuple[int, int]]:
        """ "efficiency 👍", "eff 🙂": a picture where the verdict would be. Better, or fine as
        before? Asked about, as "calves 🟡" is; "efficiency ??" or "eff –" says the member
        cannot tell, and stays a note."""
        asked = []
        for tok in self.toks:
            if tok.kind != K.EFF:
                continue
            following = tok.at + 1
            while following < len(self.toks) and self.toks[following].kind == K.PUNCT:
                following += 1  # "efficiency: 😐"
            upto = self.toks[following].start if following < len(self.toks) else len(self.text)
            between = self.text[tok.end : upto]
            pictures = [ch for ch in between if _is_emoji(ch) and ch not in _PICTURE_MODIFIERS]
            if pictures and not any(c.isalnum() for c in between):
                if all(ch in self.lex.no_verdict_pictures for ch in pictures):
                    # "eff 🤷", "efficiency 👍": no verdict against before, kept in the note
                    # with its picture.
                    self.reading.notes.append((tok.start, upto))
                    continue
                asked.append((tok.start, upto if between.strip() else tok.end))
        return asked

    def _thighs_front_and_back(self, score: Score) -> bool:
        """The thighs said to be sore front and back, right after the word or its score, then
        the clause's end or the score ("thighs 5 front and back", "thighs front and back both
        4"; not "thighs 5 front and back of the knee is fine"), with neither the quads nor the
        hamstrings scored otherwise."""
        if score.word not in ("thigh", "thighs"):
            return False
        if any(s.target in ("quads", "hamstrings") and s is not score for s in self.reading.scores):
            return False
        toks = self.toks
        label = next((t.at for t in toks if t.start == score.span[0]), None)
        if label is None:
            return False
        last = self.clauses[toks[label].clause][1]
        said = " ".join(t.text for t in toks[label + 1 : last] if t.text and t.kind != K.PUNCT)
        value = str(score.value)
        return said in {f"{value} {both}" for both in _FRONT_AND_BACK} | {
            f"{both} {value}" for both in _FRONT_AND_BACK
        } | {f"{both} both {value}" for both in _FRONT_AND_BACK}

    def _unknown_words_alone(self, unread: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """In a reply with nothing else to record or ask, one area said in words none of the
        lists know is no answer to ask about: as often chat ("calves merci", "neck Voltaren",
        "Calves compression") as a score in another language ("calves pesë"), and the member
        has not answered the check-in. Two or more are an answer ("calves duha, glutes tulo,
        movement siyam")."""
        unknown = set(self.reading.said_unknown)
        if len(unknown) != 1 or any(span not in unknown for span in unread):
            return unread
        return []

    def _said_in_unknown_words(self, label: Tok) -> bool:
        """The label opening its clause, then one or two words none of the lists know, then
        the clause's end: how it feels or its score in words of the member's first language
        ("calves pesë", "cuello mokõi", "movement siment"), which a coach would ask about
        rather than drop."""
        toks, known = self.toks, self.lex.known_alone
        first, _ = self.clauses[label.clause]
        if any(t.text and not self._empty_word(t) for t in toks[first : label.at]):
            return False  # "foam rolled my hamstrings every night": said in passing
        after = label.at + 1
        while after < len(toks) and (not toks[after].text or toks[after].text in _LABEL_MARKS):
            after += 1
        unknown: list[str] = []
        while (
            after < len(toks)
            and toks[after].kind == K.WORD
            and toks[after].word
            and toks[after].text not in known
        ):
            unknown.append(toks[after].text)
            after += 1
        if after < len(toks) and "?" in toks[after].text:
            return False  # "neck graph?", "calves Theragun?": a question, not an answer
        return 1 <= len(unknown) <= 2 and (after >= len(toks) or toks[after].kind in BREAKS)

    def _names_a_thing(self, area: Tok) -> bool:
        """ "the glute stretch feels good", "calf raises are easier": the area word names an
        exercise or a thing, not how the area feels."""
        after = area.at + 1
        return after < len(self.toks) and self.toks[after].text in self.lex.measures

    def _clause_of(self, index: int) -> tuple[int, int]:
        first, last = self.clauses[self.toks[index].clause]
        return self.toks[first].start, self.toks[max(last - 1, first)].end

    def _taken_back(self, area: Tok) -> bool:
        """ "glutes... sorry, wrong list": the member takes the area back."""
        toks = self.toks
        other = area.at + 1
        while other < len(toks) and toks[other].kind in _BREAKS_AND_GLUE:
            other += 1
        return other < len(toks) and toks[other].text in _TAKING_BACK

    def _alone_in_run(self, run: list[Tok]) -> Tok | None:
        """The one word of a run that is not filler ("quads ?"), if there is only one."""
        found = None
        for tok in run:
            if not self._empty_word(tok):
                if found is not None:
                    return None
                found = tok
        return found

    def _rated_by_symbol(self, area: Tok) -> bool:
        """ "calves 🟡 glutes 🟢": an emoji or symbol where the score would be."""
        following = area.at + 1
        upto = self.toks[following].start if following < len(self.toks) else len(self.text)
        between = self.text[area.end : upto].strip()
        return bool(between) and not any(ch.isalnum() for ch in between)

    def _leftover_run(self, run: list[Tok], start: int, end: int) -> None:
        lex = self.lex
        meaningful = [t for t in run if not (t.kind == K.WORD and t.text in lex.filler)]
        meaningful = [t for t in meaningful if t.kind not in GLUE]
        if not meaningful:
            return
        numbers = [t for t in meaningful if t.kind == K.NUM and t.digits and not t.training]
        for number in numbers:
            if number.past or self._earlier_value(number):
                continue
            if self._situational(number):
                continue
            if self._remark(number):
                continue
            if self._past_words_of_a_score(number, run):
                return
            if self._right_after_score(number):
                self.reading.unread.append((number.start, number.end))
                return
            bare = len(meaningful) == 1 and self._sentence_is_bare(number, start, end)
            if (
                bare
                or number.problem == "list"  # "3 3 3 7 same": scores, but whose?
                or self._only_numbers(meaningful)
                or self._after_unknown_word(number, meaningful)
            ):
                # "7", "calves 3, 6", "4 and 6", "overall 7/10": scores, but whose? And "legs
                # 5", "qds 4" (with no quads asked about): a score for something that is no
                # area we know. ("10/10 would recommend" says whose.)
                self._kept(run, self.reading.strays)
                return
        if not all(t.kind in (K.NA, K.ZERO) for t in meaningful):
            self._kept(run, self.reading.notes)

    def _situational(self, number: Tok) -> bool:
        """ "calves 3 but 5 on hills", "calves 4 (7 after the long run)", "movement 8 but 6 on
        stairs": a second score for the label just scored, said of a moment or a kind of run.
        The usual one or the worse one? Writers read it both ways: where the two agree (the
        second is the better), the first stands; a point apart they are a range (its higher
        end for an area, as "3-4" is); further apart both are asked about."""
        toks = self.toks
        before = number.at - 1
        words, hedged = 0, False
        # "3 at rest, 6 when running": a moment said after it, whatever is said before.
        moment = number.at + 1 < len(toks) and toks[number.at + 1].text in _MOMENT_AFTER
        while before >= 0 and toks[before].kind != K.NUM:
            tok = toks[before]
            if tok.kind in (K.STOP, K.AREA, K.MOVE, K.EFF, K.ALL, K.VAL) or tok.used:
                return False
            if words == 3 or (tok.word and tok.text not in _BEFORE_SITUATIONAL and not moment):
                return False
            words += tok.word
            hedged = hedged or tok.text in _HEDGES
            before -= 1
        after = number.at + 1
        # Said of a moment ("5 on hills"), or in doubt ("3, could be 5"): "3 but 5" alone is
        # two numbers whose meaning the reply does not tell.
        said_of = after < len(toks) and toks[after].word
        if before < 0 or not (said_of or hedged):
            return False
        if said_of and toks[after].text in ("for", "of", "out", "percent", "tbh", "honestly"):
            return False
        if said_of and self._counts_a_thing(number):
            return False  # "neck 2, 5 recitals this week": a count, no moment
        sided = said_of and any(t.kind == K.SIDE for t in toks[after : after + 3])
        score = toks[before]
        if score.kind != K.NUM or not score.used or score.sentence != number.sentence:
            return False
        second = score_value(number) if number.text.isdigit() else None
        if second is None:
            return False
        for label, found in self.label_scores.items():
            if len(found) != 1 or found[0].span[1] != score.end or found[0].value is None:
                continue
            first = found[0].value
            kind = toks[label].kind
            if kind not in (K.AREA, K.MOVE) or (sided and kind != K.AREA):
                return False
            if sided:
                self._pair(label, number.at, sided=True)  # "calves 3 but 5 on the left"
                return True
            worse = second - first if kind == K.AREA else first - second
            if worse <= 0:
                return False  # the worse is the one given: both readings agree
            self._pair(label, number.at)
            if worse == 1 and kind == K.AREA:
                found[0].yields = True
                self.reading.notes.append(found[0].span)
            elif worse == 1:
                self.label_scores[label][-1].yields = True
            else:
                for each in self.label_scores[label]:
                    each.disputed = True
            return True
        return False

    def _past_words_of_a_score(self, number: Tok, run: list[Tok]) -> bool:
        """ "hammies 3 oot o 5", "calves 2 blah blah 4": a number closing a score's clause past
        two or three words that say nothing the reader knows is the label's too (a scale in
        words it cannot read? a second score?): asked about, as "calves 3 4" is, never dropped.
        After one word the number may be that word's ("calves 2 hotel 5"): asked about alone.
        One word at least must be one the parser cannot read, and none of training ("glutes 2
        calves 4 hill reps 8" is a count of hill reps). The two or three words are checked here
        alone."""
        if not 2 <= number.at - run[0].at <= 3:  # (the cheap test first: a long reply)
            return False
        toks = self.toks
        score_at = run[0].at - 1
        if score_at < 0 or not number.bare or number.value is None or number.value > MAX_SCORE:
            return False
        score = toks[score_at]
        if score.kind != K.NUM or not score.used or score.clause != number.clause:
            return False
        between = toks[score_at + 1 : number.at]
        if any(t.kind != K.WORD or t.text in self.lex.training_words for t in between):
            return False
        if all(t.text in self.lex.known for t in between):
            return False  # words the parser reads, none it cannot
        if between[-1].end == number.start or any(t.text in _NOT_THE_SCORE for t in between):
            return False  # "calf's a 4 m8" (mate), "calves 4 not 5" (the one it is not)
        after = number.at + 1
        if after < len(toks) and toks[after].kind not in BREAKS:
            return False
        for label, found in self.label_scores.items():
            if len(found) != 1 or found[0].span[1] != score.end:
                continue
            if toks[label].kind not in (K.AREA, K.MOVE):
                return False
            self._pair(label, number.at)
            found[0].disputed = True
            return True
        return False

    def _remark(self, number: Tok) -> bool:
        """ "calves 4 (7 after the long run)": in brackets right after a score, with words."""
        toks = self.toks
        before = number.at - 1
        if before < 1 or "(" not in toks[before].text:
            return False
        score = toks[before - 1]
        after = toks[number.at + 1] if number.at + 1 < len(toks) else None
        return score.kind == K.NUM and score.used and after is not None and after.word

    def _earlier_value(self, number: Tok) -> bool:
        """ "calves: 3 (was 5)": after a score, what it was before."""
        toks = self.toks
        before = number.at - 1
        while before >= 0 and toks[before].kind == K.PUNCT:
            before -= 1
        if before < 0 or toks[before].text not in ("was", "were"):
            return False
        # The sentence's first score, found once a sentence: a long reply of "were 3" asks for
        # every number (no score changes while the sentence's leftovers are read).
        first_score = self._first_score.get(number.sentence)
        if first_score is None:
            first, last = self.sentences[number.sentence]
            first_score = self._first_score[number.sentence] = next(
                (i for i in range(first, last) if toks[i].kind == K.NUM and toks[i].used), last
            )
        return first_score < number.at

    def _kept(self, run: list[Tok], spans: list[tuple[int, int]]) -> None:
        """The run without the joining words at its edges."""
        lex = self.lex
        while run and run[0].text in lex.openers:
            run = run[1:]
        opened = any("(" in t.text for t in run if t.kind == K.PUNCT)
        while run and run[-1].kind in GLUE and not (opened and ")" in run[-1].text):
            run = run[:-1]
        while run and run[0].kind in GLUE:
            run = run[1:]
        if run:
            spans.append((run[0].start, run[-1].end))

    def _only_numbers(self, meaningful: list[Tok]) -> bool:
        return all(
            t.kind == K.NUM
            and t.digits
            and t.bare
            and not (t.training or t.past or t.used)
            and t.value is not None
            and t.value <= MAX_SCORE
            for t in meaningful
        )

    def _sentence_is_bare(self, number: Tok, start: int, end: int) -> bool:
        if end - start > 12:
            return False
        return all(
            t is number or t.kind == K.COMMA or self._empty_word(t) for t in self.toks[start:end]
        )

    def _after_unknown_word(self, number: Tok, meaningful: list[Tok]) -> bool:
        if len(meaningful) > 2 or number.value is None or number.value > MAX_SCORE:
            return False
        before = number.at - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        if before < 0:
            return False
        tok = self.toks[before]
        return (
            tok.kind == K.WORD
            and tok.text not in self.lex.filler
            and tok.text not in self.lex.bridge
            and tok in meaningful
            and meaningful[0] is tok
        )

    def _right_after_score(self, number: Tok) -> bool:
        """ "calves 3 4": a second number straight after a score (not "calves 4 (7 after the
        long run)", a remark on it)."""
        before = number.at - 1
        dashed = False
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            if "(" in self.toks[before].text:
                return False
            dashed = dashed or self.toks[before].text in _DASHES
            before -= 1
        if before < 0 or (dashed and self._counts_a_thing(number)):
            return False  # "shoulders 5 — 3 load-outs this week": a count, set apart
        tok = self.toks[before]
        return tok.kind == K.NUM and tok.used and tok.clause == number.clause

    def _counts_a_thing(self, number: Tok) -> bool:
        """A number followed by a word the reader does not know, said in the plural ("gigs",
        "load-outs")."""
        after = number.at + 1
        if after >= len(self.toks) or self.toks[after].kind != K.WORD:
            return False
        said = _PLURAL_THING.match(self.text, number.end)
        lex = self.lex
        first = self.toks[after].text
        return (
            said is not None
            and first not in lex.bridge
            and first not in lex.filler
            and first not in lex.cues
        )

    def _withdrawn(self) -> None:
        """ "quads 3, hams 3... actually scrap that, quads 4": "that" is what was just said.
        The score right before "scratch that" / "scrap that", when nothing scores its area
        again after, is taken back: kept in the note, not recorded."""
        toks = self.toks
        for tok in toks:
            if tok.text not in _WITHDRAWING or tok.at + 1 >= len(toks):
                continue
            if toks[tok.at + 1].text != "that":
                continue
            before = [s for s in self.reading.scores if s.kind == K.AREA and s.span[1] <= tok.start]
            if not before:
                continue
            last = max(before, key=lambda s: s.span[1])
            between = self.text[last.span[1] : tok.start]
            words = between.lower().replace(".", " ").replace(",", " ").split()
            if any(w not in _BEFORE_WITHDRAWING for w in words):
                continue
            if any(s.target == last.target and s.span[0] > tok.start for s in self.reading.scores):
                continue  # "glutes 5, scratch that, 4": corrected, read as such
            self.reading.scores.remove(last)
            self.reading.notes.append(last.span)

    def _of_another_thing(self) -> None:
        """ "glutes 3 ... my arse is a 10 but that's a different thing": a score the member
        says right after it is of something else is not the area's. Kept in the note where the
        area has another score or was not asked about; asked about where it has none."""
        scores = self.reading.scores
        for found in list(scores):
            if found.kind not in (K.AREA, K.MOVE) or not _ANOTHER_THING.match(
                self.text, found.span[1]
            ):
                continue
            if (found.kind == K.AREA and found.target not in self.expected) or any(
                s is not found and s.target == found.target for s in scores
            ):
                scores.remove(found)
                self.reading.notes.append(found.span)
            else:
                found.problem = True

    def _tendon_not_asked_about(self) -> None:
        """ "Glutes 4 but the main problem is my achilles tbh, that's about a 6" from a member
        not asked about the calves: the tendon, not the calves the bot stretches (the writers
        of four files leave it out), kept in the note."""
        if not self.expected:
            return
        scores = self.reading.scores
        tendons = [
            found
            for found in scores
            if found.kind == K.AREA
            and found.target not in self.expected
            and found.word.startswith("achilles")
            and not _CALF.search(self.text, max(found.span[0] - 24, 0), found.span[0])
        ]
        if not tendons or len(tendons) == sum(s.value is not None for s in scores):
            return  # "achilles 5" alone: the member's one score, read as the calves'
        self.reading.scores = [s for s in scores if all(s is not t for t in tendons)]
        self.reading.notes += [found.span for found in tendons]

    def _reconcile(self) -> ParsedCheckIn:
        self._withdrawn()
        self._tendon_not_asked_about()
        lowered = self.text.lower()
        if any(word in lowered for word in ("different", "another", "separate", "related")):
            self._of_another_thing()
        reading, text = self.reading, self.text
        unread = list(reading.unread)
        soreness: dict[str, int] = {}
        movement_values: list[Score] = []
        everything: list[Score] = []
        by_area: dict[str, list[Score]] = {}
        kept: list[tuple[int, int]] = []
        self._said_to_feel_good()
        self._better_since_in_words()
        for score in reading.scores:
            if score.kind == K.AREA and self._thighs_front_and_back(score):
                # "thighs 5 front and back", "thighs front and back both 4": the quads and the
                # hamstrings each (three writers' files).
                for area in ("quads", "hamstrings"):
                    by_area.setdefault(area, []).append(replace(score, target=area))
            elif score.kind == K.AREA and score.word in self.unclear_words:
                unread.append(score.span)  # "back 4": the lower back or the upper back?
            elif score.kind == K.AREA and self._asked_if_tracked(score):
                kept.append(score.span)  # "my achilles is like a 5, do you track that?"
            elif score.kind == K.AREA:
                by_area.setdefault(score.target, []).append(score)
            elif score.kind == K.MOVE:
                movement_values.append(score)
            elif score.kind == K.ALL:
                everything.append(score)
            elif score.kind == K.UNTRACKED and score.problem:
                pass
        for area, answers in by_area.items():
            value, problems, others = _one_value(answers, self.lex.parts)
            if value is not None:
                soreness[area] = value
            unread += problems
            kept += others
        self._sorest_kept(soreness, by_area)
        skipped = [a for a in dict.fromkeys(reading.skipped) if a not in soreness]
        mentioned = {a for a in reading.mentioned if a not in soreness and a not in skipped}
        rest = [a for a in self.expected if a not in soreness and a not in skipped]
        rest = [a for a in rest if a not in mentioned]
        if self.unclear_words:
            # "everything a 3 except back which is a 5": "back" is one of the lower back and
            # the shoulders, which "everything" does not reach, but which? Both are open.
            doubted = {a for w in self.unclear_words for a in self.lex.unclear.get(w, ())}
            rest = [a for a in rest if a not in doubted]
        for score in everything:
            if score.problem or score.value is None or (not rest and not self.expected):
                unread.append(score.span)
            else:
                soreness.update(dict.fromkeys(rest, score.value))
                rest = []
        if reading.everything_zero:
            soreness.update(dict.fromkeys(rest, 0))
        if movement_values:
            stiff = self._movement_said_as_soreness()
            for score in movement_values:
                if score.span[0] in stiff:
                    score.problem = True
        movement, problems, others = _one_value(movement_values, frozenset())
        unread += problems
        if movement is None:
            unread += self._movement_in_words(bool(soreness))
        kept += others
        efficiency = self._efficiency_value(unread)
        if efficiency is None:
            self._keep_unsettled_verdicts(unread)
        if efficiency is not None and not soreness and movement is None and self._label_asked():
            # "what does efficiency mean? faster?": a guess at the word's meaning, no verdict.
            efficiency = None
        if efficiency is None:
            unread += self._efficiency_by_emoji()
        has_values = bool(soreness or movement is not None or efficiency or skipped)
        if not soreness and not skipped:
            unread += reading.vague  # "my legs hurt": which of them?
        every_area = all(area in soreness or area in skipped for area in self.expected)
        for felt in reading.counted_feelings:
            if every_area and self._scored_after(felt):
                reading.notes.append(felt)  # "All 3 sore sia, like 6 all": each has its score
            else:
                unread.append(felt)
        if mentioned:
            for area in mentioned:
                unread += [span for span in reading.mentioned[area] if span[0] >= 0]
        untracked_scored = any(s.kind == K.UNTRACKED for s in reading.scores)
        open_values = movement is None or any(
            a not in soreness and a not in skipped for a in self.expected
        )
        notes = reading.notes + kept
        if open_values:
            unread += reading.strays
        else:
            notes = notes + reading.strays
        if not has_values and not untracked_scored and not reading.body_said:
            unread = self._unknown_words_alone(unread)
        kept_spans = [(a, _with_pictures_after(text, b)) for a, b in _merge_spans(notes, unread)]
        notes_text = [_note(text[a:b]) for a, b in kept_spans]
        note = "; ".join(n for n in notes_text if n) or None
        if not has_values and not unread and not untracked_scored and len(text) <= _SHORT_REPLY:
            words = "".join(ch for ch in text if not _is_emoji(ch)).strip()
            pictured = words != text.strip()
            if _WEEK_IN_A_WORD.fullmatch(words) and (
                "all good" not in words.lower() or pictured or _WITH_A_WEEK.search(words)
            ):
                # "fine", "all good 👍": which scores? ("all good" alone may be a nod.)
                unread.append((0, len(text)))
        about_areas = movement is None and efficiency is None and self._asks_about_the_areas()
        if about_areas:
            # "how do I change which areas it asks me about? neck's sorted now, it's my hips
            # that are the problem": what the member says of any area, asked about or not, is
            # why the list should change, not this week's answer (every writer reads it so).
            soreness, skipped, has_values, unread = {}, [], False, []
        elif not has_values and not untracked_scored and self._only_asks_the_bot():
            # "how do I change my tight areas? I don't really have calf issues anymore": a
            # question for whoever runs the bot, the rest its reason. No check-in to ask about.
            unread = []
        asked = sorted(set(unread))
        fragments = [fragment(text[a:b]) for a, b in asked[:_MAX_QUESTIONS]]
        if len(asked) > _MAX_QUESTIONS:
            fragments.append(f"and {len(asked) - _MAX_QUESTIONS} more")
        unread_text = tuple(f for f in dict.fromkeys(fragments) if f)
        return ParsedCheckIn(
            soreness=soreness,
            movement=movement,
            efficiency=efficiency,
            note=note,
            unread=unread_text,
            missing=tuple(a for a in self.expected if a not in soreness and a not in skipped),
            skipped=tuple(skipped),
            untracked=tuple(dict.fromkeys(reading.untracked)),
            is_checkin=not about_areas
            and (
                has_values
                or bool(unread_text)
                or untracked_scored
                or reading.body_said
                or self._week_off()
            ),
        )

    def _week_off(self) -> bool:
        """ "didn't run this week, flu", "no runs, swell was pumping all week": the answer for a
        week without running (ten writers of fourteen), kept as the week's note; not when it
        asks something, puts the answer off or passes on someone else's news."""
        said = _NO_RUNNING.search(self.text)
        if "?" in self.text or not said or _NOT_THE_ANSWER.search(self.text):
            return False
        # Of this week ("not running tomorrow", "didn't run the marathon" are not).
        return (
            said.group("week") is not None
            or said.group("skipped") is not None
            or (said.start() == 0 and _THIS_WEEK.search(self.text) is not None)
        )

    def _asked_if_tracked(self, score: Score) -> bool:
        """ "Also my achilles is like a 5, do you track that?": a score for an area the member
        was not asked about, in a sentence asking whether the bot keeps it, is kept in the note
        (the member asks because it is not theirs), no value."""
        if score.target in self.expected or not self.expected:
            return False
        text = self.text
        if self._asks_tracking is None:
            # Once a reply (most never ask): where each sentence ends, and whether it asks.
            ends: list[int] = []
            asks: list[bool] = []
            if "?" in text and _TRACKING.search(text) is not None:
                start = 0
                for found in _SENTENCE_END.finditer(text):
                    sentence = text[start : found.end()]
                    ends.append(found.end())
                    asks.append("?" in sentence and _TRACKING.search(sentence) is not None)
                    start = found.end()
            self._asks_tracking = (ends, asks)
        ends, asks = self._asks_tracking
        at = bisect_right(ends, score.span[1])
        return at < len(asks) and asks[at]

    def _sorest_kept(self, soreness: dict[str, int], by_area: dict[str, list[Score]]) -> None:
        """ "Calves were the worst, a 5 by Sunday night but back to 3 now. Hamstrings 4": the
        member's own words make the calves the sorest, so the score now, which would put them
        under the hamstrings, gives way to the week's worse one that does not."""
        for tok in self.toks:
            if tok.kind != K.AREA or tok.target not in soreness or not self._said_sorest(tok):
                continue
            others = [v for a, v in soreness.items() if a != tok.target]
            if not others or soreness[tok.target] >= max(others):
                continue
            earlier = [
                s
                for s in by_area.get(tok.target, [])
                if s.gave_way and s.value is not None and s.value > max(others)
            ]
            if earlier:
                # The latest of them that still makes it the sorest.
                latest = max(earlier, key=lambda s: s.span).value
                soreness[tok.target] = soreness[tok.target] if latest is None else latest

    def _said_sorest(self, area: Tok) -> bool:
        toks, lex = self.toks, self.lex
        for other in toks[area.at + 1 : area.at + 1 + _SOREST_REACH]:
            if other.kind == K.WORD and other.text in lex.sorest:
                return True
            if other.kind != K.PUNCT and not (other.kind == K.WORD and other.text in lex.bridge):
                return False
        return False

    def _only_asks_the_bot(self) -> bool:
        """A question about the bot or the check-in ("how do I...?", "can you...?") and, besides
        it, no number and nothing said to be wrong (unless denied: "no calf issues now") of an
        area the member was asked about: what is wrong elsewhere ("my hip flexors are bad",
        "shins are killing me") is the question's reason."""
        toks, lex = self.toks, self.lex
        asking: set[int] = set()  # the sentences asking
        for sentence, (start, end) in enumerate(self.sentences):
            words = [t for t in toks[start:end] if t.word]
            if _opens_asking(words) and end < len(toks) and "?" in toks[end].text:
                asking.add(sentence)
        if not asking or any(t.kind == K.NUM and not t.training for t in toks):
            return False
        for clause, (first, last) in enumerate(self.clauses):
            if first >= len(toks) or toks[first].sentence in asking:
                continue  # "how do I change my tight areas?": the bot's words
            if (
                self.clause_feels[clause] & FEELS_WRONG
                and not any(t.text in lex.negations for t in toks[first:last])
                and not self._wrong_only_elsewhere(first, last)
            ):
                return False
        return True

    def _label_asked(self) -> bool:
        """A question opening with a word of asking and naming the efficiency ("what does
        efficiency mean?"), every other sentence a question too, and no number."""
        toks = self.toks
        if any(t.kind == K.NUM and not t.training for t in toks):
            return False
        named = False
        for start, end in self.sentences:
            words = [t for t in toks[start:end] if t.word]
            if not words:
                continue
            if end >= len(toks) or "?" not in toks[end].text:
                return False
            named = named or (
                _opens_asking(words, _CALLING_ON_THE_BOT) and any(t.kind == K.EFF for t in words)
            )
        return named

    def _asks_about_the_areas(self) -> bool:
        """A question about the member's list of areas ("how do I change my tight areas?",
        "can I add quads to my areas?") and no number anywhere in the reply."""
        if any(t.kind == K.NUM for t in self.toks):
            return False
        return self._asks_to_change_the_list()

    def _asks_to_change_the_list(self) -> bool:
        """A question about the member's list of areas, whatever else the reply holds."""
        if self._list_asked is not None:
            return self._list_asked
        toks = self.toks
        self._list_asked = False
        for start, end in self.sentences:
            words = [t for t in toks[start:end] if t.word]
            asking = (
                _opens_asking(words, _CALLING_ON_THE_BOT)
                and end < len(toks)
                and "?" in toks[end].text
                and any(t.text in _LIST_WORDS for t in words)
                and self._of_the_list(words)
            )
            if asking or _asks_off_the_list(words):
                self._list_asked = True
                break
        return self._list_asked

    @staticmethod
    def _of_the_list(words: list[Tok]) -> bool:
        """ "my areas", "which areas", "add ... areas": the member's list of areas itself, not
        one area ("how do I stretch that area?")."""
        if any(t.text in _LIST_CHANGES for t in words):
            return True
        return any(
            t.text == "areas" and at > 0 and words[at - 1].text in _WHOSE_AREAS
            for at, t in enumerate(words)
        )

    def _wrong_only_elsewhere(self, first: int, last: int) -> bool:
        """Whether each word of complaint in a clause is said of a body part the member was not
        asked about: the nearest one named before it ("my calves are fine but my hip flexors
        are bad"), or after it when none is."""
        toks, complaining = self.toks, self.lex.complaining
        parts = [i for i in range(first, last) if toks[i].kind in _BODY_PARTS]
        said = [i for i in range(first, last) if toks[i].word and toks[i].text in complaining]
        if not parts or not said:
            return False
        for at in said:
            before = [i for i in parts if i < at]
            part = toks[before[-1] if before else parts[0]]
            if part.kind == K.AREA and part.target in self.expected:
                return False
        return True

    def _same_then_hedged(self, span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
        """ "efficiency: same, maybe slightly better": "same" said plainly, then a hedge; not
        "not the same, maybe worse", "same? maybe better?", "same... actually, maybe better"."""
        toks, lex = self.toks, self.lex
        said = [t for t in toks if span[0] <= t.start < span[1]]
        if not said:
            return False
        last = max(end for _, end in spans)  # (the hedge, the last thing said of it)
        for tok in toks[self.sentences[said[0].sentence][0] :]:
            if tok.start >= last:
                break
            if tok.text in lex.negations or tok.text in CORRECTIONS:
                return False
        end = said[-1].at + 1
        while end < len(toks) and not toks[end].text:
            end += 1
        return not (end < len(toks) and "?" in toks[end].text)

    def _verdict_taken_back(self, said: tuple[int, int]) -> Efficiency | None:
        """ "efficiency same... no, actually better", "Efficiency same... no actually worse"
        (two writers' files): the verdict right after a word taking the labelled one back."""
        taken: Efficiency | None = None
        for value, span, _ in sorted(self.reading.loose, key=lambda loose: loose[1]):
            if not 0 <= span[0] - said[1] <= 24:
                continue
            words = set(_LETTERS.findall(self.text[said[1] : span[0]].lower()))
            if not (words and words <= _BEFORE_A_NEW_VERDICT and words & _UNSAYING):
                continue
            if not _VERDICT_ENDS.match(self.text, span[1]):
                continue  # "same, actually worse calves", "worse, actually better than last year"
            taken, said = value, span  # "better. Wait, worse? no, better": the last word
        return taken

    def _efficiency_value(self, unread: list[tuple[int, int]]) -> Efficiency | None:
        reading = self.reading
        # The member's last word on it, a small or unsure change: "better, maybe slightly
        # worse?" ("same, maybe a touch better? call it same" settles it again).
        spans = [span for _, span in reading.explicit] + [span for _, span, _ in reading.loose]
        leaning = {
            v
            for v, span, _ in reading.loose
            if span in reading.leaning and span == max(spans, default=None)
        }
        explicit = reading.explicit
        if explicit and reading.felt_otherwise:
            unread += [span for _, span in explicit] + reading.felt_otherwise
            return None
        if explicit:
            corrected = self._verdict_taken_back(explicit[-1][1])
            if corrected is not None:
                return corrected
            value = _single([v for v, _ in explicit])
            if value is None:
                unread += [span for _, span in explicit]
            weekly = {v for v, span, _ in reading.loose if span in reading.against_last_week}
            if len(weekly) == 1 and not any(s in reading.against_last_week for _, s in explicit):
                return weekly.pop()  # "efficiency better than in March but worse than last week"
            if value in _OPPOSITE and self._settles_on_the_same(value, explicit[-1][1], spans):
                # "efficiency better on the flat, worse on the hills so idk.. same?": the
                # member's last word (three writers of three, all three labellers of one).
                return Efficiency.SAME
            mixed = self._better_on_some_worse_on_others(explicit[-1][1], spans)
            if value is not None and mixed is not None:
                # "efficiency better on the climbs, worse on the descents": no verdict over the
                # week (four writers of four): kept in the note.
                reading.notes.append(mixed)
                return None
            if leaning - {value} and not (
                value is Efficiency.SAME and self._same_then_hedged(explicit[-1][1], spans)
            ):
                return None  # the member does not settle which; kept in the note
            # "efficiency: same, maybe slightly better": the same, the hedge in the note (five
            # writers of six, and all three labellers of one).
            return value
        loose = reading.loose
        value = _single([v for v, _, _ in loose])
        if value is None and loose:
            # "worse than before the op but better than last week": the check-in's comparison.
            value = _single([v for v, span, _ in loose if span in reading.against_last_week])
        if value is None and loose:
            # "about the same, maybe a hair faster on the tempo": the plain verdict.
            qualified = reading.qualified
            if leaning - {v for v, span, _ in loose if span not in qualified}:
                return None
            value = _single([v for v, span, _ in loose if span not in qualified])
        if value is None and loose:
            # "about the same, maybe slightly better on hills ... same.": said on its own, it
            # is the member's verdict; two different verdicts ("better, worse") are asked about.
            verdicts = [(v, span) for v, span, bare in loose if bare]
            value = _single([v for v, _ in verdicts])
            if value is None and len(verdicts) == len(loose):
                unread += [span for _, span in verdicts]
        return value

    def _token_starting_at(self, position: int) -> int | None:
        """The index of the token that starts at `position` in the text, if one does."""
        if self._token_starts is None:
            self._token_starts = {t.start: t.at for t in self.toks}
        return self._token_starts.get(position)

    def _scored_after(self, span: tuple[int, int]) -> bool:
        """A score read later in the sentence of `span` (not one said before it)."""
        toks = self.toks
        at = next((t.at for t in toks if t.start >= span[1]), len(toks))
        if at >= len(toks) or at == 0:
            return False
        sentence = toks[at - 1].sentence
        return any(t.kind == K.NUM and t.used for t in toks[at:] if t.sentence == sentence)

    def _keep_unsettled_verdicts(self, unread: list[tuple[int, int]]) -> None:
        """Verdicts the member did not settle ("no change, maybe slightly worse") and did not
        get asked about stay in the note with their clause: nothing they wrote is dropped."""
        reading = self.reading
        said = [span for _, span in reading.explicit] + [span for _, span, _ in reading.loose]
        for span in said:
            kept = any(a <= span[0] and span[1] <= b for a, b in unread + reading.notes)
            at = None if kept else self._token_starting_at(span[0])
            if at is not None:
                reading.notes.append(self._clause_of(at))

    def _settles_on_the_same(
        self, value: Efficiency, said: tuple[int, int], spans: list[tuple[int, int]]
    ) -> bool:
        """The labelled verdict said of some runs, the other said of others, then "same" as the
        last word, close after and with no other label between."""
        if not _SAID_OF_SOME_RUNS.match(self.text, said[1]):
            return False
        last = max(spans)
        loose = {span: v for v, span, _ in self.reading.loose}
        if loose.get(last) is not Efficiency.SAME:
            return False
        if not any(
            v is _OPPOSITE[value]
            and said[1] <= span[0] < last[0]
            and _SAID_OF_SOME_RUNS.match(self.text, span[1])
            for span, v in loose.items()
        ):
            return False
        toks = self.toks
        at, end = self._token_starting_at(said[0]), self._token_starting_at(last[0])
        if at is None or end is None:
            return False
        words = [t.text for t in toks[max(end - 3, at) : end] if t.word]
        return (
            end - at <= _SETTLING_REACH
            and not any(t.kind in LABELS or t.kind == K.EFF for t in toks[at + 1 : end])
            # "so idk.. same?", not "not the same", "hard to say if same", "same on the flat"
            and bool(_SETTLING & set(words))
            and not _NOT_SETTLED & set(words)
            and not toks[end].negated
            and (
                end + 1 >= len(toks)
                or toks[end + 1].kind in BREAKS
                or toks[end + 1].text in ("?", "overall", "really", "tbh", "i", "guess")
            )
        )

    def _better_on_some_worse_on_others(
        self, said: tuple[int, int], spans: list[tuple[int, int]]
    ) -> tuple[int, int] | None:
        """Where the member says the labelled verdict of some runs ("efficiency better on the
        climbs") and, last in the same sentence, the other verdict of others ("worse coming
        down"): from the label to the end of that sentence, for the note."""
        value = next(v for v, span in self.reading.explicit if span == said)
        # The last "better" or "worse" ("..., not the same" after it settles nothing).
        last = max(
            (span for v, span, _ in self.reading.loose if v in _OPPOSITE and span > said),
            default=said,
        )
        if value not in _OPPOSITE or not (
            _SAID_OF_SOME_RUNS.match(self.text, said[1])
            and _SAID_OF_SOME_RUNS.match(self.text, last[1])
        ):
            return None
        if not any(v is _OPPOSITE[value] and span == last for v, span, _ in self.reading.loose):
            return None
        toks = self.toks
        at, end = self._token_starting_at(said[0]), self._token_starting_at(last[0])
        if at is None or end is None:
            return None
        if any(
            t.kind in LABELS
            or t.kind == K.EFF
            or (t.kind == K.STOP and not set(t.text) <= {"!", "?", ")"})
            for t in toks[at + 1 : end]
        ):
            return None  # another label, or another sentence ("Week overall was worse for sleep")
        label = at
        while label > 0 and toks[label - 1].sentence == toks[at].sentence:
            label -= 1
            if toks[label].kind == K.EFF:
                break
        first = label if toks[label].kind == K.EFF else at
        closing = end
        while (
            closing + 1 < len(toks)
            and toks[closing + 1].sentence == toks[end].sentence
            and toks[closing + 1].kind != K.STOP
        ):
            closing += 1
        return toks[first].start, max(toks[closing].end, last[1])


def _one_value(
    answers: list[Score],
    parts: set[str] | frozenset[str],
) -> tuple[int | None, list[tuple[int, int]], list[tuple[int, int]]]:
    """One value from all that was said for a label, the spans to ask about, and the spans of
    other values to keep in the note."""
    if not answers:
        return None, [], []
    problems = [a.span for a in answers if a.problem and not a.taken_back]
    current = [a for a in answers if not a.problem and not a.yields] or [
        a for a in answers if not a.problem
    ]
    values = {a.value for a in current if a.value is not None}
    if not values:
        return None, problems, []
    if len(values) == 1:
        return values.pop(), problems, []
    if any(a.disputed for a in current):
        # One question for the lot: "calves 3 but 5", not "calves 3" and "calves 3 but 5".
        whole = (min(a.span[0] for a in current), max(a.span[1] for a in current))
        return None, [*problems, whole], []
    corrections = [a for a in current if a.corrected and a.value is not None]
    if corrections:
        # "calves 3 ... Edit: calves 4": the correction is the score.
        return max(corrections, key=lambda a: a.span).value, problems, []
    if not any(a.sided for a in current):
        own = {a.value for a in current if a.word not in parts and a.value is not None}
        if own and max(own) < max(values):
            if len(own) > 1:
                return None, problems + [a.span for a in current], []
            # "calves 3, achilles 5": the area's own score, the sorer part's kept in the note
            # (six writers of seven, and all three labellers of one); when the area's own is
            # the sorer ("achilles 3, calf 5") both readings agree.
            said_of_parts = [a.span for a in current if a.word in parts]
            return own.pop(), problems, said_of_parts
    if any(a.sided for a in current) or len({a.word for a in current}) > 1:
        return max(values), problems, []  # the worse side, or the sorer part of one area
    # "Calves 3. Calves were a 5 after Sunday's long run": the score said of no one moment.
    undated = {a.value for a in current if not a.dated and a.value is not None}
    if len(undated) == 1 and any(a.dated for a in current):
        usual = undated.pop()
        dated = [a.value for a in current if a.dated and a.value is not None]
        # The usual score or the worse one: the same where the moment was the better; a point
        # apart, a range; further apart, asked about.
        movement = current[0].kind == K.MOVE
        worst = min(dated) if movement else max(dated)
        worse = usual - worst if movement else worst - usual
        if worse <= 0 or (worse == 1 and movement):
            return usual, problems, [a.span for a in current if a.dated]
        if worse == 1:
            return worst, problems, [a.span for a in current if a.value != worst]
    return None, problems + [a.span for a in current], []


# What changes a picture without being one: a gender sign, a skin tone.
_PICTURE_MODIFIERS = frozenset("\u2640\u2642\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff")


def _is_emoji(ch: str) -> bool:
    # Pictographs and dingbats; arrows ("eff ↑") are values and read before this.
    return ord(ch) >= 0x2600 and not 0xFE00 <= ord(ch) <= 0xFE0F


def _with_pictures_after(text: str, end: int) -> int:
    """Where a piece of the note ends with the pictures right after it ("legs felt great 😀"):
    they are the member's words too."""
    pictures = _PICTURES_AFTER.match(text, end)
    return pictures.end() if pictures else end


def _within(inner: tuple[int, int], outer: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _single(values: list[_T]) -> _T | None:
    distinct = list(dict.fromkeys(values))
    return distinct[0] if len(distinct) == 1 else None


def _merge_spans(
    notes: list[tuple[int, int]], unread: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Note spans in reading order, overlapping ones joined, none that is being asked about."""
    asked = sorted(set(unread))
    merged: list[tuple[int, int]] = []
    question = 0
    reach = -1  # the furthest end of the questions starting at or before this note
    for start, end in sorted(set(notes)):
        while question < len(asked) and asked[question][0] <= start:
            reach = max(reach, asked[question][1])
            question += 1
        if end <= reach:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _note(text: str) -> str:
    """A piece of the note as the member wrote it, without the punctuation at its edges (but
    with both brackets of a pair)."""
    text = text.strip(" \t-–—:=•*,;\"'")
    while text.endswith((")", "]")) and text.count("(") + text.count("[") < text.count(")") + (
        text.count("]")
    ):
        text = text[:-1].rstrip()
    while text.startswith(("(", "[")) and text.count("(") + text.count("[") > text.count(")") + (
        text.count("]")
    ):
        text = text[1:].lstrip()
    return text.strip(" \t-–—:=•*,;\"'")


def fragment(text: str) -> str:
    text = " ".join(text.split()).strip(" -–—:=•*()[]\"'")
    if len(text) > _FRAGMENT_CHARS:
        text = text[: _FRAGMENT_CHARS - 1].rstrip() + "…"
    return text
