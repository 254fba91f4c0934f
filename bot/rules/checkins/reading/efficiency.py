"""Running efficiency: labelled values and everyday words about the running."""

from __future__ import annotations

import re
from bisect import bisect_left

from bot.rules.checkins.reading.result import Efficiency
from bot.rules.checkins.reading.state import State
from bot.rules.checkins.reading.tokens import (
    BREAKS,
    FEELS_LEVEL,
    LABELS,
    LABELS_ALL,
    LABELS_SIDE,
    MAX_SCORE,
    K,
    Tok,
    weak_label,
)

# Before an efficiency word, these make it a small or unsure change, which gives way to a plain
# one ("about the same, maybe a hair faster on the tempo": the same).
_QUALIFIERS = frozenset(
    {"maybe", "perhaps", "possibly", "slightly", "marginally", "hair", "touch", "tad", "fraction"}
)


# Chat after the last answer: "movement 7 SAME sorry caps lock", "mvmt 8 same lol".
_SIGN_OFFS = frozenset(
    {"sorry", "soz", "lol", "haha", "btw", "ps", "mate", "coach", "thanks", "cheers", "ty"}
    | {"thx", "x", "xx", "typing", "caps", "autocorrect", "on"}
    # who the member speaks to: "movement 8 same sham", "same ta", "same habibi"
    | {"sham", "ta", "habibi", "lads", "bro", "folks", "guys", "yall"}
)


# Between two verdicts offered as a choice: "faster or just easier", "better or worse".
_BETWEEN_OPTIONS = frozenset({"or", "just", "more", "simply", "only"})
# Said of these, a comparison is not of the running: "the new shoes are lighter", "getting up
# the stairs is easier".
_THINGS = frozenset(
    {"shoes", "shoe", "trainers", "insoles", "kit", "stairs", "commute", "bike", "cycling"}
    | {"swimming", "swim", "car", "job"}
    # daily life: "transfers a bit harder than usual" (in and out of a wheelchair), "lifting"
    | {"transfers", "transfer", "chores", "housework", "gardening", "lifting", "gym", "weights"}
    # the gym's lifts: "gym session bench and rows was heavy"
    | {"bench", "rows", "squats", "squat", "deadlifts", "deadlift", "lifts"}
)
# Right after a verdict of load, these make it said of the time's load: "lighter week",
# "easier block", "harder shifts" ("better week overall" is still the running).
_STRETCHES_OF_TIME = frozenset(
    {"week", "weeks", "month", "block", "load", "schedule", "shift", "shifts", "rota"}
)
_LOADS = frozenset(
    {"lighter", "easier", "harder", "heavier", "busier", "quieter", "calmer", "tougher"}
)
# Words ending in "ing" that say when, not what was done: "easier than this morning".
_NOT_AN_ACTIVITY = frozenset(
    {"morning", "evening", "during", "spring", "something", "nothing", "anything", "thing"}
    | {"everything", "beginning", "starting", "ing"}
)
# Said before a verdict in its clause, these leave it no area for a subject.
_NO_SUBJECT_AFTER = frozenset({K.RUN, K.EFF, K.NUM, K.VAL})
# "it was worse", "they're much better now": a pronoun, then these, then the verdict.
_IT = frozenset({"it", "its", "they", "theyre", "them"})
_BETWEEN_IT_AND_VERDICT = frozenset(
    {"is", "was", "are", "were", "s", "re", "goes", "go", "went", "gets", "got", "getting"}
    | {"much", "bit", "little", "lot", "way", "now", "already"}  # ("it felt": the running;
    # "it was a better week": the week)
    | {"kinda", "even", "slightly", "far", "been", "has", "have", "ve"}
)
_A_BIT = frozenset({"bit", "little", "lot"})  # "it was a bit worse" (not "a better week")
# After "than": someone else is compared with the member ("they're faster than me").
_ME = frozenset({"me", "us"})
_SOMEONE_ELSE = frozenset(
    {"she", "he", "they", "shes", "hes", "theyre", "everyone", "everybody", "others", "dogs"}
    | {"dog", "daughter", "son", "wife", "husband", "partner", "friend", "mate", "kids"}
)
# Right after a verdict, where a comparison may follow: "than", or a phrase's merged words.
_THAN_OR_NOTHING = frozenset({"than", ""})
# After "than" and a word of doing, these make it the running before: "than running did in
# October", "than running last month".
_BEFORE_NOW = frozenset(
    {"last", "before", "ago", "previously", "earlier", "usual", "normal", "used", "was", "did"}
    | {"january", "february", "april", "june", "july", "august", "september", "october"}
    | {"november", "december"}
)
# Between "than" and what was done instead: "easier than pushing it", "than with the pram".
_BEFORE_AN_ACTIVITY = frozenset({"when", "i", "was", "im", "with", "the", "my", "all", "just"})


# After "same", these still say the running is the same ("same again", "same as ever").
_AFTER_SAME = frozenset({"as", "again", "ish", "overall", "really", "tbh", "mostly", "here"})
# Tagalog particles after it in Taglish ("same po", "same lang", "same naman"): polite, "just".
_AFTER_SAME |= {"po", "lang", "naman", "din", "rin"}
# Singlish particles ("same lah", "same ar", "same lor").
_AFTER_SAME |= {"lah", "la", "leh", "lor", "ar", "sia"}
# "runs felt the same otherwise": the same, but for what the member has just said.
_AFTER_SAME |= {"otherwise", "anyway", "anyways"}
# Words in quotation marks, opened after a space (not "it's") and closed before one.
_QUOTED = re.compile(r"""(?:(?<=\s)|^)['"‘“][^'"’”\n]{1,80}['"’”](?=[\s.,!?;:)]|$)""")
# Habit, not a verdict, after something said to have been done: "did parkrun as usual".
_HABITS = frozenset({"as usual", "as normal", "as ever", "as always"})
# "both same as last week", "both about the same": the areas said before, not the running.
_BOTH_SAME_GLUE = frozenset({"the", "are", "were", "feel", "felt", "about", "pretty", "much"})
_DOING = frozenset({"did", "do", "done", "doing", "went", "go", "joined", "ran", "run", "made"})
_FEELING = frozenset({"felt", "feel", "feels", "feeling", "seemed", "seems", "was", "were", "is"})
# Between a doubt and the verdict the member comes down on: "not sure, maybe better".
_LEANING = frozenset({"about", "the", "maybe", "probably", "prob", "roughly", "kinda", "like"})
_LEANING |= {"i", "id", "i'd", "think", "guess", "say", "would", "so", "call", "it", "mostly"}
# Said beside the efficiency label, the member does not know how the running went ("no idea
# about efficiency, I just plod", "efficiency better on Monday, worse on Saturday, no idea
# overall"): no verdict in that sentence is theirs for the week.
_UNKNOWING = frozenset(
    {"no idea", "not sure", "unsure", "dunno", "idk", "cant tell", "cant really tell"}
    | {"hard to say", "cant say", "cant really say", "couldnt say", "couldnt tell"}
)
# After a first comparison, these start a second one that is not what the first compares to
# ("worse than before the op but better than last week").
_CONTRASTS = frozenset({"but", "though", "although", "however", "yet", "whereas"})
# "than last week", "on last week", "vs last week": the check-in's own comparison.
_LAST_WEEK = frozenset(
    {("than", "last", "week"), ("than", "last", "wk"), ("on", "last", "week")}
    | {("vs", "last", "week"), ("to", "last", "week"), ("than", "the", "last")}
    # "than week 1", "than wk 2 of the plan": an earlier week by its number
    | {("than", "week"), ("than", "wk"), ("than", "week", "of"), ("than", "wk", "of")}
)
_LAST_WEEK_FIRST = frozenset(words[0] for words in _LAST_WEEK)


# "no difference in my calves", "no change since the physio": a change said of something else.
_NO_CHANGE_ENDS = ("difference", "change", "changes", "diff", "different")
_OF_WHAT = frozenset({"in", "with", "to", "after", "since", "from", "for"})
_SINCE = frozenset({"after", "since", "from"})
_EARLIER = frozenset({"last", "before", "then", "previous", "previously", "earlier"})
_NAMES_EFFICIENCY = frozenset({"efficiency", "eff"})
_DETERMINERS = frozenset({"my", "the", "his", "her", "their", "any", "either", "both", "them"})
# Before a verdict, the member's own feeling of the running ("felt better though").
_FELT = frozenset({"felt", "feel", "feels", "feeling"})
# The pace alone, which a member may set against how the running felt.
_PACE = frozenset({"slower"})
# Before a verdict compared with last week, any of these makes it no area's.
_NOT_OF_THE_AREA = frozenset({K.RUN, K.EFF, K.MOVE, K.AREA, K.ALL, K.NUM})
_PLAIN_VERDICTS = frozenset({"better", "worse", "same"})
_SAME_WHAT = frozenset(
    {"effort", "hr", "heart", "expected", "feared", "mentally", "like", "not", "sure", "legs"}
    | {"breathing", "pace", "rate"}
)
_FEELING_REACH = 9
# After two verdicts, words settling them: "overall better", "call it same".
_SETTLING = frozenset({"overall", "call", "so", "verdict"})
# How far after the felt verdict they are looked for (a long reply holds many verdicts).
_SETTLING_REACH = 8
# Verdicts that may as well be said of a score as of the running.
_OF_A_SCORE_TOO = frozenset({"better", "worse"})
# Between movement's score and such a verdict: how much ("movement 9 - way better than last
# week").
_HOW_MUCH = frozenset({"way", "much", "loads", "lots", "heaps", "far", "a", "lot", "bit"})
# Opening a clause said of the value right before it ("movement 8 which is the same as ...").
_RELATIVE = frozenset({"which", "that", "thats", "whichs"})
_DASHES = frozenset({"-", "–", "—"})
_RELATIVE_VERBS = frozenset({"is", "was", "s", "the", "about", "pretty", "much"} | _HOW_MUCH)


# What a clause with no subject of its own can go on about (`_area_before_clause`).
_SAYS_WHAT = frozenset({K.AREA, K.RUN, K.EFF, K.MOVE, K.NUM})


class ReadEfficiency(State):
    """Efficiency in everyday words, once the scores of each sentence are read."""

    def _efficiency(self, start: int, end: int) -> None:
        toks = self.toks
        # "As for efficiency, the runs felt harder": an efficiency label without its value
        # holds for the rest of the sentence, until another label or the first value.
        eff_label = False
        # Where in `explicit` the labelled value of this sentence is, if it has one.
        first, last = toks[start].start, toks[end - 1].end
        labelled = next(
            (i for i, (_, span) in enumerate(self.reading.explicit) if first <= span[0] <= last),
            -1,
        )
        compared = -1  # the clause of a comparison: its other values are what it compares to
        compared_at = start
        of_everything = -1  # the clause of "same as last week" said of the whole check-in
        if self._unknowing(start, end):
            # "no idea about efficiency, I just plod", "efficiency better on Monday, worse on
            # Saturday, no idea overall": kept in the note, even a value read with its label.
            first, last = toks[start].start, toks[end - 1].end
            self.reading.explicit = [
                (value, span)
                for value, span in self.reading.explicit
                if not first <= span[0] <= last
            ]
            for tok in toks[start:end]:
                if tok.kind in (K.VAL, K.EFF):
                    tok.used = False
            return
        hedges = self.lex.hedges
        hedged = {toks[i].clause for i in range(start, end) if toks[i].text in hedges}
        for clause in list(hedged):
            # "Easy runs were slower, as planned": a hedge alone in its clause is said of the
            # clause before.
            first, last = self.clauses[clause]
            if clause > 0 and all(
                self._empty_word(t) or t.text in hedges for t in toks[first:last]
            ):
                hedged.add(clause - 1)
        for index in range(start, end):
            tok = toks[index]
            if tok.kind in LABELS:
                eff_label = False
            if tok.kind == K.EFF and not tok.used:
                eff_label = True
            if tok.kind != K.VAL or tok.used or tok.efficiency is None:
                continue
            if tok.clause == compared and not any(
                t.text in _CONTRASTS for t in toks[compared_at:index]
            ):
                continue  # "better than when I was struggling"
            if self.clause_wishes[tok.clause] or tok.clause == of_everything:
                continue  # "hoping next week is better", "same as usual" after "same"
            if (
                not eff_label
                and tok.text in _LOADS
                and index + 1 < end
                and toks[index + 1].text in _STRETCHES_OF_TIME
            ):
                continue  # "a lighter week of bookings", "an easier block": not the running
            if (
                tok.text == "same"
                and not eff_label
                and self._said_of_everything(index)
                and not self._same_as_other(index)
            ):
                # "same as last week tbh", "same as last week except calves now 2": the scores
                # are said to be last week's, not the running; asked while any is not given.
                self.reading.strays.append(self._clause_span(index))
                of_everything = tok.clause
                continue
            if tok.text == "same" and not eff_label and self._areas_both_same(index, start):
                # "hip flexor 5 lower back 5, both same as last week": the scores, not the
                # running (all four readers of one reply): kept in the note.
                self.reading.notes.append(self._clause_span(index))
                continue
            if not eff_label and (
                (tok.text == "same" and self._scores_as_before(index, start, end))
                or (
                    tok.text in _PLAIN_VERDICTS
                    and self._scores_as_before(index, start, end, again=True)
                )
            ):
                # "shoulders 4 neck 4 same as last week", "Calves 5, same as last week, same as
                # the week before that": the scores, said to be last week's (three writers'
                # files, none read it as the running): kept in the note.
                self.reading.notes.append(self._clause_span(index))
                continue
            described = self._described_label(index, start)
            if described is None:
                described = self._area_before_clause(index, start)
            if described is None:
                described = self._subject_of_clause(index)
            if described is not None:
                label = toks[described]
                if label.kind == K.AREA and not label.used:
                    # "calves better, glutes worse": how the area feels, with no number.
                    self.clause_feels[label.clause] |= FEELS_LEVEL
                elif label.kind == K.ALL and described > index:
                    # "same as last week for everything": no number to record.
                    self.reading.unread.append(self._clause_span(index))
                elif label.kind == K.ALL and tok.text == "same":
                    if described + 1 < end and toks[described + 1].text == "else":
                        # "everything else same as last week": said of what is not given.
                        self.reading.notes.append(self._clause_span(index))
                    else:
                        # "everything same as last week": asked while a value is not given.
                        self.reading.strays.append(self._clause_span(index))
                continue
            if tok.text == "arrow" and not eff_label:
                continue  # "calves 3 ↓": how the calves go, not the running
            if not eff_label and self._said_of_an_area_as_it(index):
                continue  # "IT band 6 but it was worse on wednesday": the area, not the running
            if not eff_label and self._area_score_compared(index, end):
                self.reading.notes.append(self._clause_span(index))
                continue  # "neck 3, I think better than last week": the neck's 3
            if not eff_label and self._quoted(tok):
                continue  # "who wrote 'beer near better'": someone else's words
            # Whether "than" may follow (the cheap test first: a long reply of verdicts).
            than = index + 1 < end and toks[index + 1].text in _THAN_OR_NOTHING
            if (
                tok.negated
                or (than and self._compares(index, end))
                or self._remark_on_score(index, start)
                or self._one_of_two(index, start, end)
                or self._preferred_after_asking(index, end)
            ):
                continue
            if not eff_label and than and self._than_another_activity(index, end):
                continue  # "easier than pushing the pram", "harder than cycling"
            if tok.text == "same" and (
                self._measured_at(index) or self._same_as_other(index) or self._same_thing(index)
            ):
                continue  # "faster at the same heart rate": a measure, not how running felt
            if tok.text in _HABITS and not eff_label and self._done_as_usual(index):
                continue
            if not eff_label and self._difference_in_another_thing(index):
                continue  # "no difference in my calves", "didn't notice a change after physio"
            if tok.clause in hedged and not eff_label:
                continue  # "ran slower on purpose", "slower, so can't really say"
            if not eff_label and self._pace_then_feeling(index, end):
                self.reading.notes.append(self._clause_span(index))
                continue  # "Ran slower but felt the same": how it felt is the verdict
            if not eff_label and self._movement_compared(index, end):
                # "movement 6 worse than last week": movement worse than last week's, or the
                # running? Writers read it both ways: no efficiency, kept in the note.
                continue
            if than and self._than_follows(index, end):
                compared, compared_at = tok.clause, index
            span = (tok.start, tok.end)
            if self._against_last_week(index, end):
                self.reading.against_last_week.append(span)
            if eff_label or self._only_about_running(index):
                tok.used = True
                self._use_running_words(index, start, end)
            elif self._after_values(index, end):
                tok.used = True  # "movement 9 better": no note
            if eff_label:
                labelled = len(self.reading.explicit)
                self.reading.explicit.append((tok.efficiency, (tok.start, tok.end)))
                eff_label = False
            elif labelled >= 0 and self._verdict(index, end):
                # "efficiency: heavier on the long run but quicker on the short ones, so
                # probably same overall": the verdict, not the first word, is the value.
                tok.used = True
                self.reading.explicit[labelled] = (tok.efficiency, (tok.start, tok.end))
            else:
                if (
                    labelled >= 0
                    and self.reading.explicit[labelled][0] != tok.efficiency
                    and self.reading.explicit[labelled][1][1] <= tok.start
                    and self._felt_otherwise(index, end)
                ):
                    # "efficiency: same per garmin, felt better though": the watch's verdict
                    # against the member's feeling, neither settled: asked about.
                    self.reading.felt_otherwise.append(span)
                opens, closes = self.clauses[tok.clause]
                bare = closes - opens <= 6 and self._alone_in_clause(index)  # (cheap test first)
                self.reading.loose.append((tok.efficiency, span, bare))
                if self._qualified(index):
                    self.reading.qualified.append(span)
                    if self._ends_sentence(index, end):
                        self.reading.leaning.append(span)

    def _one_of_two(self, index: int, start: int, end: int) -> bool:
        """ "What's efficiency mean?? like faster or just easier": two verdicts offered with
        "or" between them are a question, not how the running felt."""
        toks = self.toks
        for step in (1, -1):
            at, offered = index + step, False
            while start <= at < end and abs(at - index) <= 3 and toks[at].text in _BETWEEN_OPTIONS:
                offered = offered or toks[at].text == "or"
                at += step
            if offered and start <= at < end and toks[at].kind == K.VAL and toks[at].efficiency:
                # "faster or slower": no verdict; "lighter or more springy" is one, but not
                # asked as a question ("faster or easier?", "efficiency mean?? like faster or
                # just easier").
                return toks[at].efficiency != toks[index].efficiency or self._asked_near(index)
        return False

    def _preferred_after_asking(self, index: int, end: int) -> bool:
        """ "How can I change the time the bot posts? Sunday evening is better for our group":
        after a question, "better for me" is a preference, not how the running felt (three
        writers' files)."""
        toks = self.toks
        if index + 2 >= end or toks[index + 1].text != "for":
            return False
        if toks[index + 2].text not in ("me", "us", "our", "my"):
            return False
        first = self.sentences[toks[index].sentence][0]
        if not self._follows_a_question(first):
            return False
        # Not an answer to a question about the running ("Efficiency? better for me", "what
        # pace? easier for me than last week"), nor said of the running itself.
        asked = self.sentences[toks[first - 1].sentence][0]
        said = toks[asked:end]
        return not any(t.kind in (K.EFF, K.RUN) or t.text == "than" for t in said)

    def _asked_near(self, index: int) -> bool:
        """Whether a question mark closes the sentence of `index` or the one before it."""
        toks = self.toks
        start, end = self.sentences[toks[index].sentence]
        closers = toks[max(start - 1, 0) : start] + toks[max(end - 1, 0) : end + 1]
        return any("?" in t.text for t in closers)

    def _unknowing(self, start: int, end: int) -> bool:
        """An efficiency label in the sentence and words saying the member cannot tell, in the
        label's clause or in a clause of their own after it ("..., no idea overall")."""
        toks = self.toks
        labels = [i for i in range(start, end) if toks[i].kind == K.EFF]
        if not labels:
            return False
        for index in range(labels[0], end):
            tok = toks[index]
            if tok.text not in _UNKNOWING:
                continue
            first, last = self.clauses[tok.clause]
            if any(toks[i].kind == K.EFF for i in range(first, last)) or all(
                self._empty_word(t) or t.text in _UNKNOWING or t.text == "overall"
                for t in toks[first:last]
            ):
                return not self._leans_after(labels[0], index, end)
        # "I have no idea about efficiency": said before the label, in its clause.
        first, last = self.clauses[toks[labels[0]].clause]
        return any(t.text in _UNKNOWING for t in toks[first:last])

    def _leans_after(self, label: int, unknowing: int, end: int) -> bool:
        """ "efficiency, hard to say, about the same": the one value, in a clause of its own
        after the doubt with nothing but a hedge before it, is where the member comes down
        (both writers of two); "not sure if it got worse", "no idea, will know better after
        the race" and "better Monday, worse Saturday, no idea overall" are no verdict."""
        toks = self.toks
        values = [i for i in range(label, end) if toks[i].kind == K.VAL]
        if len(values) != 1 or values[0] <= unknowing:
            return False
        said = [t for t in toks[unknowing + 1 : values[0]] if t.text]
        if not said or said[0].kind not in (K.COMMA, K.PUNCT):
            return False
        between = {t.text for t in said if t.kind not in (K.COMMA, K.PUNCT)}
        after = values[0] + 1
        while after < len(toks) and not toks[after].text:
            after += 1  # (what a phrase of several words left behind)
        return between <= _LEANING and self._clause_closes_at(after)

    def _said_of_everything(self, index: int) -> bool:
        """ "same as last week tbh" opening the reply: before any label, number or word about
        the running, "same" is said of the whole check-in."""
        toks = self.toks
        if any(
            t.kind in LABELS or t.kind in (K.NUM, K.ALL, K.RUN, K.EFF, K.VAL) for t in toks[:index]
        ):
            return False  # (stops at the first such token: a long reply costs no more)
        first, last = self.clauses[toks[index].clause]
        return not any(t.kind in (K.RUN, K.EFF) for t in toks[first:last])

    def _areas_both_same(self, index: int, start: int) -> bool:
        """ "hip flexor 5 lower back 5, both same as last week": said of the areas scored
        right before it, with nothing about the running between ("running all the same" is
        the running)."""
        toks = self.toks
        before = index - 1
        while before >= start and toks[before].text in _BOTH_SAME_GLUE:
            before -= 1
        if before < start or toks[before].text != "both":
            return False
        areas = [i for i in range(start, before) if toks[i].kind == K.AREA]
        return len(areas) >= 2 and not any(
            t.kind in (K.RUN, K.EFF, K.MOVE, K.VAL) or (t.word and t.text in self.lex.measures)
            for t in toks[areas[-1] + 1 : before]
        )

    def _scores_as_before(self, index: int, start: int, end: int, again: bool = False) -> bool:
        """ "same as last week" (or as before) right after an area's score, with no label of
        movement or the running, and no verdict, before it in its sentence; `again`: "same as
        ..." once more after one."""
        toks = self.toks
        said = [t.text for t in toks[index + 1 : min(index + 4, end)] if t.word]
        if said[:1] not in (["as"], ["than"] if again else ["as"]):
            return False
        if not (again or _EARLIER & set(said[1:])):
            return False
        clause_end = self.clauses[toks[index].clause][1]
        if any(t.kind in (K.RUN, K.EFF) for t in toks[index + 1 : min(clause_end, end)]):
            return False  # "same as last week for efficiency", "... in terms of running"
        if any(
            t.kind in (K.MOVE, K.RUN, K.EFF, K.ALL)
            or (t.kind == K.VAL and not (again and t.text == "same"))
            for t in toks[start:index]
        ):
            return False
        before = index - 1
        while before >= start and toks[before].kind in (K.PUNCT, K.COMMA):
            before -= 1
        if before < start:
            return False
        if toks[before].kind == K.NUM:
            return (
                not again
                and toks[before].used
                and any(t.kind == K.AREA for t in toks[start:before])
            )
        # "..., same as last week, same as the week before that", "calves 3 glutes 4 same as
        # last week, better than the week before": one more after the first
        first = self.clauses[toks[before].clause][0]
        return any(
            toks[at].text == "same" and self._scores_as_before(at, start, end)
            for at in range(first, before)
        )

    def _against_last_week(self, index: int, end: int) -> bool:
        toks = self.toks
        if index + 1 < end and toks[index + 1].text == "overall":
            index += 1  # "better overall than last week"
        after = index + 1
        while after < end and after < index + 4 and not toks[after].word:
            after += 1
        if after >= min(index + 4, end) or toks[after].text not in _LAST_WEEK_FIRST:
            return False  # (the cheap test first: a long reply asks it for every verdict)
        words = tuple(t.text for t in toks[index + 1 : min(index + 4, end)] if t.word)
        return words[:3] in _LAST_WEEK

    def _ends_sentence(self, index: int, end: int) -> bool:
        return all(t.kind in (K.PUNCT, K.STOP, K.COMMA) for t in self.toks[index + 1 : end])

    def _quoted(self, tok: Tok) -> bool:
        """Within quotation marks: words the member quotes, not their verdict."""
        if self._quotes is None:
            # Found once: a long reply of efficiency words asks for every one of them.
            self._quotes = [match.span() for match in _QUOTED.finditer(self.text)]
        at = bisect_left(self._quotes, (tok.start,)) - 1  # the last quote opening before it
        return at >= 0 and tok.end < self._quotes[at][1]

    def _done_as_usual(self, index: int) -> bool:
        """ "did parkrun as usual", "went to the track as normal": what was done, not how
        running felt ("running felt as usual" is a verdict)."""
        clause = self.toks[index].clause
        firsts = self._doing_feeling.get(clause)
        if firsts is None:  # once a clause, as for `_only_about_running`
            first, last = self.clauses[clause]
            words = [(at, t.text) for at, t in enumerate(self.toks[first:last], first) if t.word]
            firsts = self._doing_feeling[clause] = (
                next((at for at, text in words if text in _DOING), last),
                next((at for at, text in words if text in _FEELING), last),
            )
        doing, feeling = firsts
        return doing < index <= feeling

    def _qualified(self, index: int) -> bool:
        """ "maybe a hair faster", "slightly better on the hills": a small or unsure change."""
        toks = self.toks
        if self._qualifiers is None:  # found once: a long reply asks for each of its verdicts
            self._qualifiers = [at for at, t in enumerate(toks) if t.text in _QUALIFIERS]
        at = bisect_left(self._qualifiers, index) - 1  # the last qualifier before it
        first = self.clauses[toks[index].clause][0]
        return at >= 0 and self._qualifiers[at] >= max(first, index - 4)

    def _verdict(self, index: int, end: int) -> bool:
        toks, lex = self.toks, self.lex
        if index + 1 < end and toks[index + 1].text == "overall":
            return True
        other = index - 1
        while other >= 0 and toks[other].kind == K.WORD and toks[other].text != "so":
            if toks[other].text not in lex.bridge and toks[other].text not in lex.filler:
                return False
            other -= 1
        return other >= 0 and toks[other].text == "so"

    def _measured_at(self, index: int) -> bool:
        words = [t.text for t in self.toks[max(index - 2, 0) : index]]
        return bool(words) and (
            words[-1] in ("at", "with") or words[-2:] in (["at", "the"], ["for", "the"])
        )

    def _same_thing(self, index: int) -> bool:
        """ "same shoes as always", "did the same loop": the same thing, not the same running
        (but "same pace" is)."""
        after = index + 1
        if after >= len(self.toks):
            return False
        tok, lex = self.toks[after], self.lex
        if self._after_score(index) and tok.text in _SIGN_OFFS:
            return False  # "movement 7 same sorry caps lock": the check-in's last answer
        return (
            tok.kind == K.WORD
            and tok.text not in lex.bridge
            and tok.text not in lex.filler
            and tok.text not in _AFTER_SAME
        )

    def _same_as_other(self, index: int) -> bool:
        """ "same as the example", "same as you": not the member's running before."""
        toks = self.toks
        other = index + 1
        if other >= len(toks) or toks[other].text != "as":
            return False
        other += 1
        while other < len(toks) and toks[other].text in ("the", "my", "your", "that"):
            other += 1
        return other < len(toks) and toks[other].text in self.lex.others

    def _than_follows(self, index: int, end: int) -> bool:
        other = index + 1
        while other < end and self.toks[other].kind == K.PUNCT and not self.toks[other].text:
            other += 1
        return other < end and self.toks[other].text == "than"

    def _said_of_an_area_as_it(self, index: int) -> bool:
        """ "IT band 6 but it was worse on wednesday", "hip flexors 6, when I walk it goes
        better": "it" (or "they") is the area named last in its sentence, in a clause that says
        nothing of the running (every reader of such replies in two files; "one run and it felt
        worse", "calves 3. The session was hard but it was better" are the running)."""
        toks = self.toks
        before = index - 1
        while before >= 0 and (
            toks[before].text in _BETWEEN_IT_AND_VERDICT
            or (toks[before].text == "a" and toks[before + 1].text in _A_BIT)
        ):
            before -= 1
        if before < 0 or toks[before].text not in _IT:
            return False
        return not self._running_in_clause(toks[index].clause) and self._area_last_named(before)

    def _area_score_compared(self, index: int, end: int) -> bool:
        """ "neck 3, I think better than last week": "better" or "worse" compared with last
        week in the clause right after the one area's score of its sentence, with no word of
        the running, of feeling or of a label before it, is the area's (three writers' files;
        after movement's score, "movement 7, better than last week", or a list of areas,
        "calves 2, hamstrings 3, better than last week", it is the running's)."""
        toks = self.toks
        first = self.clauses[toks[index].clause][0]
        if not first or toks[first - 1].kind != K.COMMA:
            return False
        number = self._before_marks(first - 1)
        if number < 0 or toks[number].kind != K.NUM or not toks[number].used:
            return False
        if toks[index].text not in _PLAIN_VERDICTS:
            return False  # (not "smoother", "slower": said of running)
        if any(t.kind in _NOT_OF_THE_AREA or t.text in _FELT for t in toks[first:index]):
            return False
        if self._running_in_clause(toks[index].clause) or not self._against_last_week(index, end):
            return False
        start = self.sentences[toks[index].sentence][0]
        scored = self._scored_areas()
        # One area's score: "calves 2, hamstrings 3, better than last week" may be the running.
        one = bisect_left(scored, first) - bisect_left(scored, start) == 1
        return one and self._area_last_named(number)

    def _scored_areas(self) -> list[int]:
        """Where the areas given a score are, in order (found once: a long reply of "calves 2,
        better than last week" asks for every verdict)."""
        if self._scored_area_marks is None:
            self._scored_area_marks = [
                t.at for t in self.toks if t.kind in (K.AREA, K.ALL) and t.used
            ]
        return self._scored_area_marks

    def _running_in_clause(self, clause: int) -> bool:
        known = self._clauses_of_running.get(clause)
        if known is None:  # once a clause: a long reply of "it was better" asks for each
            first, last = self.clauses[clause]
            known = self._clauses_of_running[clause] = any(
                t.kind == K.RUN for t in self.toks[first:last]
            )
        return known

    def _area_last_named(self, position: int) -> bool:
        """Whether the last label before `position` in its sentence is an area (not the running,
        efficiency, movement or everything), found in one pass over the sentence."""
        toks = self.toks
        start = self.sentences[toks[position].sentence][0]
        marks = self._last_labels.get(start)
        if marks is None:
            marks = self._last_labels[start] = []
            last = False
            for tok in toks[start : self.sentences[toks[start].sentence][1]]:
                marks.append(last)
                if tok.kind == K.AREA:
                    last = True
                elif tok.kind in (K.RUN, K.EFF, K.ALL) or (
                    tok.kind == K.MOVE and not weak_label(tok)
                ):
                    last = False
        return marks[position - start]

    def _only_about_running(self, index: int) -> bool:
        """ "running felt way easier this week": nothing else to keep in the note (unlike
        "legs felt heavy on Sunday", which stays whole)."""
        clause = self.toks[index].clause
        known = self._running_clauses.get(clause)
        if known is None:  # once a clause: a clause of hundreds of values asks for each
            first, last = self.clauses[clause]
            known = self._running_clauses[clause] = all(
                t.kind in (K.RUN, K.EFF, K.VAL, K.PUNCT, K.JOIN)
                or t.text in self.lex.bridge
                or t.text in self.lex.filler
                for t in self.toks[first:last]
            )
        return known

    def _use_running_words(self, index: int, start: int, end: int) -> None:
        """ "running felt about the same", "no change in efficiency": the words around a value
        that only say what it is about are no note."""
        toks, bridge = self.toks, self.lex.bridge
        about = (K.RUN, K.EFF)
        other = index - 1
        while other >= start and (toks[other].kind in about or toks[other].text in bridge):
            toks[other].used = True
            other -= 1
        other = index + 1
        while other < end and (
            toks[other].kind == K.PUNCT
            or (toks[other].text in bridge and toks[other].kind == K.WORD)
        ):
            other += 1
        if other < end and toks[other].kind in about:
            for tok in toks[index + 1 : other + 1]:
                tok.used = True

    def _area_before_clause(self, index: int, start: int) -> int | None:
        """ "shoulders tight from the rowing, maybe a bit worse than usual": a clause with no
        subject of its own goes on about the area before it, not about the running. So does
        "same as last week for everything"."""
        toks = self.toks
        clause = toks[index].clause
        first = self.clauses[clause][0]
        known = self._subjectless_clauses.get(clause)
        if known is None:  # once a clause, as for `_only_about_running`
            known = self._subjectless_clauses[clause] = self._subjectless(clause)
        for_everything, subjectless = known
        if for_everything is not None:
            return for_everything
        if not subjectless or first <= start:
            return None
        other = self._said_before(first, start)
        if other is None or toks[other].kind != K.AREA or toks[other].text == "legs":
            return None  # nothing before, or the running, movement or a number
        return other if not toks[other].used else None

    def _said_before(self, position: int, start: int) -> int | None:
        """The last token before `position`, from the sentence's `start` on, that says what a
        clause goes on about: an area, the running, movement, a number or "legs". One pass over
        the sentence serves all its clauses (a reply of hundreds of bare "better,"s)."""
        marks = self._said_in_sentence.get(start)
        if marks is None:
            marks = self._said_in_sentence[start] = []
            last = None
            for index in range(start, self.sentences[self.toks[start].sentence][1]):
                marks.append(last)
                tok = self.toks[index]
                if tok.kind in _SAYS_WHAT or tok.text == "legs":
                    last = index
        return marks[position - start]

    def _subjectless(self, clause: int) -> tuple[int | None, bool]:
        """The token "for everything" in the clause names, if any; else whether the clause has
        no subject of its own."""
        toks, lex = self.toks, self.lex
        first, last = self.clauses[clause]
        for tok in toks[first + 1 : last]:
            if tok.kind == K.ALL and toks[tok.at - 1].text == "for":
                return tok.at, False
        return None, all(
            t.kind in (K.VAL, K.PUNCT, K.JOIN)
            or (t.kind == K.WORD and (t.text in lex.filler or t.text in lex.bridge))
            or t.text in ("than", "usual", "normal", "before", "last", "week")
            for t in toks[first:last]
        )

    def _subject_of_clause(self, index: int) -> int | None:
        """ "quads are always worse after hills": an area unscored heading the clause is what
        the word describes, not the running ("calves 2 but runs felt worse" is the running)."""
        toks = self.toks
        if index and toks[index - 1].kind in _NO_SUBJECT_AFTER:
            return None  # (as the search below would find first: a long reply of verdicts)
        clause = toks[index].clause
        first = self.clauses[clause][0]
        if clause > 0 and all(self._empty_word(t) for t in toks[first:index]):
            # "quads ok on flats, worse on hills": the clause goes on about the one before,
            # within the sentence.
            before = self.clauses[clause - 1][0]
            if toks[before].sentence == toks[index].sentence:
                first = before
        for other in range(index - 1, first - 1, -1):
            tok = toks[other]
            if tok.kind in _NO_SUBJECT_AFTER or tok.text in self.lex.measures:
                return None
            if tok.kind in LABELS:
                return other if tok.kind == K.AREA and not tok.used else None
        return None

    def _remark_on_score(self, index: int, start: int) -> bool:
        """ "calves 3 (a bit better than last week)": said of that score, in brackets."""
        toks = self.toks
        other = index - 1
        while other > start and toks[other].kind == K.WORD and toks[other].text in self.lex.bridge:
            other -= 1
        return (
            other > start
            and toks[other].kind == K.PUNCT
            and "(" in toks[other].text
            and toks[other - 1].kind == K.NUM
            and toks[other - 1].used
        )

    def _difference_in_another_thing(self, index: int) -> bool:
        """ "no difference in my calves", "didn't notice any change after the massage": no
        change said of a body part, or since something other than the running, is no verdict on
        the running ("no change in efficiency", "no difference in my running" are)."""
        toks = self.toks
        if not toks[index].text.endswith(_NO_CHANGE_ENDS):
            return False
        after = index + 1
        while after < len(toks) and toks[after].kind == K.PUNCT and not toks[after].text:
            after += 1  # the rest of the phrase
        if after >= len(toks) or toks[after].text not in _OF_WHAT:
            return False
        thing = after + 1
        while thing < len(toks) and toks[thing].text in _DETERMINERS:
            thing += 1
        if thing >= len(toks) or toks[thing].kind in (K.RUN, K.EFF):
            return False
        if toks[thing].text.split()[0] in _EARLIER:
            return False  # "no change since last week": the check-in's comparison
        return (
            toks[thing].kind in (K.AREA, K.UNTRACKED, K.ALL)
            or toks[thing].text in self.lex.vague
            or toks[after].text in _SINCE
        )

    def _pace_then_feeling(self, index: int, end: int) -> bool:
        """ "Ran slower but felt about the same", "faster but honestly it felt the same": the
        pace set against how the running felt, which is what the check-in asks (two writers)."""
        toks = self.toks
        if toks[index].text not in _PACE:
            return False
        stop = min(index + _FEELING_REACH, self.sentences[toks[index].sentence][1], end)
        words = [t for t in toks[index + 1 : stop] if t.word]
        if not words or words[0].text not in _CONTRASTS:
            return False
        felt = next((at for at, t in enumerate(words) if t.text in _FELT), None)
        if felt is None or any(t.kind in LABELS_ALL for t in words[:felt]):
            return False  # (not "slower but my calves felt better": the calves)
        rest = words[felt + 1 :]
        verdict = next((at for at, t in enumerate(rest) if t.kind == K.VAL and t.efficiency), None)
        if verdict is None or rest[verdict].efficiency is not Efficiency.SAME:
            return False  # (not "slower but felt easier": the two agree, or pull apart)
        # Not the same effort or heart rate at a slower pace ("felt the same effort"), nor a
        # hedge ("felt like the same, not sure").
        return not {t.text for t in rest[verdict + 1 :]} & _SAME_WHAT and not any(
            t.text in _SAME_WHAT for t in rest[:verdict]
        )

    def _felt_otherwise(self, index: int, end: int) -> bool:
        """ "felt better though", "but it felt worse": a verdict the member felt, set against
        what comes before it, with nothing after it settling the two ("overall", "call it")."""
        toks = self.toks
        before = [t.text for t in toks[max(index - 3, 0) : index] if t.word]
        if not _FELT & set(before):
            return False
        first, last = self.clauses[toks[index].clause]
        near = {t.text for t in toks[first : min(last + 2, end)] if t.word}
        settled = {t.text for t in toks[index + 1 : min(index + _SETTLING_REACH, end)]} & _SETTLING
        return bool(near & _CONTRASTS) and not settled

    def _movement_compared(self, index: int, end: int) -> bool:
        """ "movement 6 worse than last week", "movement 9 - way better than last week":
        "better" or "worse" against last week right after movement's score, nothing but how
        much between (not "faster", said of running alone, nor "movement 6, worse than last
        week"); or any verdict in a clause said of the score ("movement 8 which is the same as
        last week", "movement 7, that's better than it was")."""
        toks = self.toks
        number = index - 1
        relative = set_apart = False
        while number >= 0 and index - number <= 5:
            tok = toks[number]
            if tok.kind == K.NUM:
                break
            if tok.text in _DASHES:
                pass
            elif tok.kind == K.COMMA and relative:
                set_apart = True
            elif not tok.word:
                return False
            elif tok.text in _RELATIVE and not set_apart:
                relative = True
            elif relative or tok.text not in _HOW_MUCH | _RELATIVE_VERBS:
                return False
            number -= 1
        if number < 0 or toks[number].kind != K.NUM or not toks[number].used:
            return False
        if not relative and (
            toks[index].text not in _OF_A_SCORE_TOO
            or any(t.text in _RELATIVE_VERBS - _HOW_MUCH for t in toks[number:index])
        ):
            return False
        label = self._before_marks(number)
        if label < 0 or toks[label].kind != K.MOVE:
            return False
        return relative or self._against_last_week(index, end)

    def _after_score(self, index: int) -> bool:
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        return before >= 0 and self.toks[before].kind == K.NUM and self.toks[before].used

    def _after_values(self, index: int, end: int) -> bool:
        before = index - 1
        while before >= 0 and self.toks[before].kind == K.PUNCT:
            before -= 1
        after = index + 1
        return (
            before >= 0
            and self.toks[before].kind == K.NUM
            and self.toks[before].used
            and (after >= end or self.toks[after].kind in BREAKS)
        )

    def _clause_span(self, index: int) -> tuple[int, int]:
        first, last = self.clauses[self.toks[index].clause]
        return self.toks[first].start, self.toks[last - 1].end

    def _described_label(self, index: int, start: int) -> int | None:
        """The label an efficiency word describes: "calves better", "hips are better than last
        week", "moving heaps better". None for a value that names the efficiency itself ("busy
        at work 🙃 no efficiency change")."""
        said = self.toks[index].text
        if "eff" in said and _NAMES_EFFICIENCY & set(said.split()):
            return None
        before = self._prev(index, skip_bridge=True, floor=start)
        if before is None:
            return None
        tok = self.toks[before]
        if tok.kind == K.NUM and tok.percent:
            # "hamstrings 60% better than last week": how much the area changed.
            label = self._prev(before, skip_bridge=True, floor=start)
            if label is not None and self.toks[label].kind in LABELS_SIDE:
                return label
        if tok.kind in LABELS_SIDE or (tok.kind == K.ALL and tok.text != "all"):
            return before
        if tok.kind == K.WORD and (tok.text in self.lex.measures or tok.text in _THINGS):
            return before  # "recovery is slower", "the new shoes are lighter": not the running
        return None

    def _than_another_activity(self, index: int, end: int) -> bool:
        """ "it felt so much easier than pushing it", "harder than cycling": one way of doing
        it against another, not the running against before ("easier than in October", "than
        this morning", "than last week")."""
        toks = self.toks
        other = index + 1
        while other < end and toks[other].kind == K.PUNCT and not toks[other].text:
            other += 1
        if other >= end or toks[other].text != "than":
            return False
        other += 1
        while other < end and toks[other].text in _BEFORE_AN_ACTIVITY:
            other += 1
        if other >= end or not toks[other].word:
            return False
        said = toks[other].text
        if not said.endswith("ing") or said in _NOT_AN_ACTIVITY:
            return False
        clause_end = self.clauses[toks[other].clause][1]
        # "easier than running did in October", "than running last month": against before.
        return not any(t.text in _BEFORE_NOW for t in toks[other + 1 : min(clause_end, end)])

    def _someone_else_before(self, index: int) -> bool:
        """ "she's much faster", "the dogs are faster": another runner the verdict's subject
        (not "felt faster than me last week", the member against an earlier self)."""
        toks = self.toks
        first = max(self.clauses[toks[index].clause][0], index - 6)  # (a long clause of them)
        return any(t.text in _SOMEONE_ELSE for t in toks[first:index])

    def _compares(self, index: int, end: int) -> bool:
        """ "better than last week's 5": a comparison of scores, not of running; "faster than
        me": of someone else's."""
        toks = self.toks
        while index + 1 < end and toks[index + 1].kind == K.PUNCT and not toks[index + 1].text:
            index += 1  # the rest of a phrase ("about the same than")
        if index + 1 >= end or toks[index + 1].text != "than":
            return False
        if index + 2 < end and toks[index + 2].text in _ME and self._someone_else_before(index):
            return True  # "she's much faster than me": someone else's running, not mine
        clause = toks[index].clause
        return any(
            t.kind == K.NUM
            and t.clause == clause
            and not t.training  # "easier than week 6", "than the week 5 runs"
            and (t.bare or not t.digits)
            and t.value is not None
            and t.value <= MAX_SCORE
            for t in toks[index + 2 : min(index + 8, end)]
        )
