"""Admission under load: answer, defer at once, shed, or send nothing past the deadline."""

from __future__ import annotations

import pytest

from bot.rules.overload import DEADLINE, DEFAULT, Thresholds, Verdict, admit


def test_an_idle_bot_answers_and_defers_a_slow_answer_at_the_usual_age() -> None:
    admission = admit(late=0.002, lag=0.001)
    assert admission.verdict is Verdict.ANSWER
    assert admission.defer_in == pytest.approx(DEFAULT.defer_at - 0.002)


def test_a_handler_starting_late_keeps_its_deferral_on_the_interactions_clock() -> None:
    # 0.3 s in the queue: the slow-answer deferral comes 0.3 s sooner, not 1.5 s from now.
    admission = admit(late=0.3, lag=0.0)
    assert admission.verdict is Verdict.ANSWER
    assert admission.defer_in == pytest.approx(DEFAULT.defer_at - 0.3)


def test_an_answer_expected_late_is_deferred_at_once() -> None:
    # Waiting behind slow work (a database), on a loop that keeps up.
    assert admit(late=0.7, lag=0.0).verdict is Verdict.DEFER
    assert admit(late=0.3, lag=0.03).verdict is Verdict.DEFER


def test_a_loop_short_of_cpu_sheds_rather_than_defers() -> None:
    # Started early, but each of the answer's awaits waits on a lagging loop: a deferral
    # would add a callback and an edit to work the loop cannot keep up with.
    assert admit(late=0.1, lag=0.25).verdict is Verdict.SHED
    assert admit(late=0.3, lag=DEFAULT.saturated_lag).verdict is Verdict.SHED


def test_a_deep_backlog_sheds_rather_than_defers() -> None:
    assert admit(late=1.6, lag=0.0).verdict is Verdict.SHED
    assert admit(late=1.0, lag=0.2).verdict is Verdict.SHED


def test_too_many_in_flight_sheds_before_the_lag_shows() -> None:
    assert admit(late=0.0, lag=0.0, in_flight=DEFAULT.max_in_flight - 1).verdict is Verdict.ANSWER
    assert admit(late=0.0, lag=0.0, in_flight=DEFAULT.max_in_flight).verdict is Verdict.SHED


def test_past_the_deadline_nothing_is_sent() -> None:
    assert admit(late=DEADLINE, lag=0.0).verdict is Verdict.EXPIRED
    assert admit(late=2.0, lag=0.2).verdict is Verdict.EXPIRED


def test_a_shed_written_at_once_is_sent_whatever_the_lag_until_the_age_says_too_late() -> None:
    # 1.5 s old on a loop 0.3 s behind: "I'm busy" written straight onto a connection is out
    # at once and arrives in time, so it is sent; through an HTTP client's request (three
    # loop turns behind) it would land past the margin, so nothing is sent.
    assert admit(late=1.5, lag=0.3).verdict is Verdict.SHED
    through_a_client = Thresholds(shed_awaits=DEFAULT.ack_awaits)
    assert admit(1.5, 0.3, 0, through_a_client).verdict is Verdict.EXPIRED
    assert admit(late=DEFAULT.expired_after, lag=0.0).verdict is Verdict.EXPIRED


def test_the_verdict_only_gets_harsher_as_the_backlog_grows() -> None:
    order = [Verdict.ANSWER, Verdict.DEFER, Verdict.SHED, Verdict.EXPIRED]
    seen = [order.index(admit(late=ms / 1000, lag=0.0).verdict) for ms in range(0, 4000, 10)]
    assert seen == sorted(seen)
    assert set(seen) == {0, 1, 2, 3}
    seen = [order.index(admit(late=0.0, lag=ms / 1000).verdict) for ms in range(0, 4000, 10)]
    assert seen == sorted(seen)


def test_clock_skew_is_no_backlog() -> None:
    # A snowflake from a clock slightly ahead of ours reads as a negative age.
    admission = admit(late=-0.3, lag=-0.01)
    assert admission.verdict is Verdict.ANSWER
    assert admission.defer_in == pytest.approx(DEFAULT.defer_at)


def test_thresholds_are_the_callers() -> None:
    strict = Thresholds(defer_at=1.0, defer_now_after=0.2, shed_after=0.4, expired_after=0.6)
    assert admit(0.3, 0.0, 0, strict).verdict is Verdict.DEFER
    assert admit(0.5, 0.0, 0, strict).verdict is Verdict.SHED
    assert admit(0.7, 0.0, 0, strict).verdict is Verdict.EXPIRED
