"""The bot through the REST proxy of deploy/proxy (node): nothing lost, doubled or emptied.
Skipped where node or npm is missing; bench/proxy.py runs the same at any size."""

from __future__ import annotations

import pytest

from bench import proxy

pytestmark = pytest.mark.skipif(not proxy.node_available(), reason="node and npm are needed")


async def test_every_post_arrives_once_with_its_body_through_the_proxy() -> None:
    result = await proxy.run(sessions=1)
    assert result.steps_due >= 4, result
    assert (result.lost, result.steps_doubled) == (0, 0), result
    assert result.empty_bodies == 0 and result.refused == 0, result
    assert result.answers == result.answers_expected == 2, result
    assert result.upload_bytes > 0
    assert result.faults_met >= 5, result  # each 429 and 5xx was met on the way
