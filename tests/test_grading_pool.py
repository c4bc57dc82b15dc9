"""autograde.grading_pool: one pool of grading workers (and their kernel zygotes) kept from grading to
grading, as the demo and the played courses of the tests use it; a worker that dies costs a new pool."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from valmennus.ops import autograde


class _Course:
    root = Path("/nonexistent/course")


def test_does_a_grading_pool_serve_every_grading_and_outlive_a_dead_worker() -> None:
    context = autograde.grading_context()
    with autograde.grading_pool(workers=1):
        shared = autograde._shared
        assert shared is not None
        pool = shared.get(context)
        with autograde.grading_pool():  # nested: the outer pool serves
            assert autograde._shared is shared and shared.get(context) is pool
        worker = pool.submit(os.getpid).result()
        assert pool.submit(os.getpid).result() == worker  # the same worker, kept between gradings
        os.kill(worker, signal.SIGKILL)  # a worker dies between gradings: the pool breaks
        deadline = time.monotonic() + 10
        while not pool._broken and time.monotonic() < deadline:
            time.sleep(0.05)
        (result,) = autograde._grade_in_pool(_Course(), "viikko1", ["p01"], 1, context, None, shared)
        assert result.participant == "p01" and not result.ok  # no such course, but graded in a new pool
        assert shared.pool is not None and shared.pool is not pool
    assert autograde._shared is None and shared.pool is None  # closed with the block
