"""How long a try of the outbox waits for Discord: longer after tries that got no answer,
never past the post's deadline unless that is closer than a first try."""

from __future__ import annotations

import pytest

from bot.rules.delivery import LONGEST_ATTEMPT_SECONDS, attempt_timeout


@pytest.mark.parametrize(
    ("attempts", "expected"), [(0, 10.0), (1, 20.0), (2, 40.0), (3, LONGEST_ATTEMPT_SECONDS)]
)
def test_each_try_waits_twice_as_long_as_the_one_before_capped(
    attempts: int, expected: float
) -> None:
    assert attempt_timeout(10.0, attempts, None) == expected
    assert attempt_timeout(10.0, attempts + 20, None) <= LONGEST_ATTEMPT_SECONDS


def test_a_try_waits_no_longer_than_the_post_makes_sense() -> None:
    assert attempt_timeout(10.0, 2, left=25.0) == 25.0
    assert attempt_timeout(10.0, 0, left=25.0) == 10.0


def test_a_try_close_to_the_deadline_still_waits_as_long_as_a_first() -> None:
    assert attempt_timeout(10.0, 3, left=4.0) == 10.0
    assert attempt_timeout(10.0, 3, left=-2.0) == 10.0
