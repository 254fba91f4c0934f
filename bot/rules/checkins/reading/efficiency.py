"""Running efficiency: labelled values and everyday words about the running."""

from __future__ import annotations

from bot.rules.checkins.reading.state import State
from bot.rules.checkins.reading.tokens import (
    LABELS,
    MAX_SCORE,
    K,
)


class ReadEfficiency(State):
    """Efficiency in everyday words, once the scores of each sentence are read."""

    def _efficiency(self, start: int, end: int) -> None:
        toks = self.toks
        # "As for efficiency, the runs felt harder": an efficiency label without its value
        # holds for the rest of the sentence, until another label or the first value.
        eff_label = False
        compared = -1  # the clause of a comparison: its other values are what it compares to
        for index in range(start, end):
            tok = toks[index]
            if tok.kind in LABELS:
                eff_label = False
            if tok.kind == K.EFF and not tok.used:
                eff_label = True
            if tok.kind != K.VAL or tok.used or tok.efficiency is None:
                continue
            if tok.clause == compared or self.clause_wishes[tok.clause]:
                continue  # "better than when I was struggling", "hoping next week is better"
            if tok.negated or self._describes_label(index, start) or self._compares(index, end):
                continue
            if tok.text == "same" and self._measured_at(index):
                continue  # "faster at the same heart rate": a measure, not how running felt
            if self._than_follows(index, end):
                compared = tok.clause
            if eff_label or self._only_about_running(index):
                tok.used = True
                self._use_running_words(index, start, end)
            if eff_label:
                self.reading.explicit.append((tok.efficiency, (tok.start, tok.end)))
                eff_label = False
            else:
                bare = self._alone_in_clause(index)
                self.reading.loose.append((tok.efficiency, (tok.start, tok.end), bare))

    def _measured_at(self, index: int) -> bool:
        words = [t.text for t in self.toks[max(index - 2, 0) : index]]
        return bool(words) and (words[-1] in ("at", "with") or words[-2:] == ["at", "the"])

    def _than_follows(self, index: int, end: int) -> bool:
        other = index + 1
        while other < end and self.toks[other].kind == K.PUNCT and not self.toks[other].text:
            other += 1
        return other < end and self.toks[other].text == "than"

    def _only_about_running(self, index: int) -> bool:
        """ "running felt way easier this week": nothing else to keep in the note (unlike
        "legs felt heavy on Sunday", which stays whole)."""
        first, last = self.clauses[self.toks[index].clause]
        return all(
            t.kind in (K.RUN, K.EFF, K.VAL, K.PUNCT, K.JOIN)
            or t.text in self.lex.bridge
            or t.text in self.lex.filler
            for t in self.toks[first:last]
        )

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

    def _describes_label(self, index: int, start: int) -> bool:
        """ "calves better", "hips are better than last week", "moving heaps better"."""
        before = self._prev(index, skip_bridge=True, floor=start)
        if before is None:
            return False
        tok = self.toks[before]
        return tok.kind in (*LABELS, K.SIDE) or (tok.kind == K.ALL and tok.text != "all")

    def _compares(self, index: int, end: int) -> bool:
        """ "better than last week's 5": a comparison of scores, not of running."""
        toks = self.toks
        while index + 1 < end and toks[index + 1].kind == K.PUNCT and not toks[index + 1].text:
            index += 1  # the rest of a phrase ("about the same than")
        if index + 1 >= end or toks[index + 1].text != "than":
            return False
        clause = toks[index].clause
        return any(
            t.kind == K.NUM
            and t.clause == clause
            and (t.bare or not t.digits)
            and t.value is not None
            and t.value <= MAX_SCORE
            for t in toks[index + 2 : min(index + 8, end)]
        )
