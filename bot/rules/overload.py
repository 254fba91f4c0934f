"""What to do with an interaction when the bot is behind: answer, defer at once, or shed it.

Discord drops an interaction whose first response arrives more than 3 seconds after it was
created, and the member sees "This interaction failed" although the bot may have done the
work. How far behind the bot is shows in two figures the adapter measures:

* `late`: how long after its creation (the interaction's snowflake) the handler started; under
  overload this is the queue of interactions waiting on the event loop ahead of this one;
* `lag`: how late the event loop runs a timer now; every await the answer still makes (the
  database read, the callback) waits about this long again;
* `in_flight`: interactions admitted and not finished yet. Each one admitted adds to the lag
  of all the others, so past a bound the next one is shed even before the lag shows it.

Past capacity the cheapest answer wins: a deferral still costs the work afterwards and an extra
call, so when the backlog is deep, or the loop itself is short of CPU, the bot sheds (a short
"I'm busy" and nothing stored), which frees the loop for the interactions behind it. Too late
for any first response, it sends none: Discord would refuse it. A shed written at once is out
whatever the loop's lag, so only the interaction's age says when even that is too late.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    ANSWER = "answer"  # do the work; defer after `defer_in` if no answer went out by then
    DEFER = "defer"  # acknowledge at once, then do the work
    SHED = "shed"  # answer BUSY at once and do nothing else
    EXPIRED = "expired"  # past Discord's deadline: no response can arrive in time


BUSY = "I'm busy, try again in a minute. Nothing was saved."

# Discord's deadline for the first response, from the interaction's creation.
DEADLINE = 3.0


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Seconds from an interaction's creation; tuned on the interactions benchmark."""

    # Without a backlog, a slow answer (a busy database) is deferred at this age.
    defer_at: float = 1.5
    # When the answer is expected past this age, defer at once.
    defer_now_after: float = 0.5
    # When even the acknowledgement is expected past this age, shed.
    shed_after: float = 1.0
    # A response that cannot arrive before this age is not sent (Discord refuses it).
    expired_after: float = 2.0
    # Loop turns an answer takes before its callback is out (reads, the HTTP request's own
    # steps), and an acknowledgement (the HTTP request alone), each waiting about `lag`.
    answer_awaits: int = 8
    ack_awaits: int = 3
    # Loop turns a shed takes before its callback is out: none when it is written at once
    # onto a kept-alive connection of its own (`bot.adapter.callbacks`, which also drops it
    # unsent past its deadline); through an HTTP client's request, as many as a deferral.
    shed_awaits: int = 0
    # Past this lag the backlog is CPU: an answer expected late is shed, not deferred.
    saturated_lag: float = 0.05
    # Interactions admitted at once; past this many, the next is shed. As many as the REST
    # connections the bot keeps (`bot.app.REST_CONNECTIONS`): past them a callback would
    # wait for a connection, a queue neither the age nor the lag shows.
    max_in_flight: int = 512


DEFAULT = Thresholds()


@dataclass(frozen=True, slots=True)
class Admission:
    verdict: Verdict
    # For ANSWER: seconds from now until the answer, if not sent yet, is replaced by a deferral.
    defer_in: float = 0.0


def admit(
    late: float, lag: float, in_flight: int = 0, thresholds: Thresholds = DEFAULT
) -> Admission:
    """The admission of an interaction whose handler starts `late` seconds after its creation,
    while the event loop runs `lag` seconds late and `in_flight` others are being answered."""
    late, lag = max(0.0, late), max(0.0, lag)
    if late + thresholds.shed_awaits * lag >= thresholds.expired_after:
        return Admission(Verdict.EXPIRED)  # not even "I'm busy" would arrive in time
    acknowledged = late + thresholds.ack_awaits * lag
    if acknowledged >= thresholds.shed_after or in_flight >= thresholds.max_in_flight:
        return Admission(Verdict.SHED)
    if late + thresholds.answer_awaits * lag >= thresholds.defer_now_after:
        # A loop running this late is short of CPU, not waiting on a database: a deferral
        # would add a callback and an edit to work it already cannot keep up with.
        if lag >= thresholds.saturated_lag:
            return Admission(Verdict.SHED)
        return Admission(Verdict.DEFER)
    return Admission(Verdict.ANSWER, defer_in=max(0.0, thresholds.defer_at - late))
