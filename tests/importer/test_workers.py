"""The worker pool hands each worker a few items at once, and still bounds every item alone:
its time starts when its worker starts on it, and the items held behind one that fails are
read by the worker that takes its place."""

import sys
import time

import pytest

from app.importer.read import AdvertError
from app.importer.workers import Limits, WorkerPool

START_METHOD = "fork" if sys.platform == "linux" else None


def _doubled_after(item: tuple[float, int]) -> int:
    seconds, value = item
    time.sleep(seconds)
    return value * 2


def test_items_held_behind_one_that_overruns_are_read_by_the_next_worker() -> None:
    limits = Limits(seconds=1, megabytes=200)
    with WorkerPool(_doubled_after, 1, limits, start_method=START_METHOD) as pool:
        futures = [pool.submit((60 if value == 0 else 0, value)) for value in range(4)]
        with pytest.raises(AdvertError, match="longer than 1 s"):
            futures[0].result(timeout=30)
        assert [future.result(timeout=30) for future in futures[1:]] == [2, 4, 6]


def test_an_items_time_starts_when_its_worker_starts_on_it() -> None:
    limits = Limits(seconds=1.5, megabytes=200)
    with WorkerPool(_doubled_after, 1, limits, start_method=START_METHOD) as pool:
        futures = [pool.submit((0.6, value)) for value in range(4)]
        assert [future.result(timeout=30) for future in futures] == [0, 2, 4, 6]
