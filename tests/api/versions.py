"""Data versions, and changes committed behind the app's back, for the tests of what a worker
keeps while the data is unchanged."""

import time
from collections.abc import Callable

from sqlalchemy import Engine, text

from tests.conftest import ON_POSTGRES

WAIT_S = 5.0


def eventually(check: Callable[[], bool]) -> bool:
    """SQLite sees a commit at once; a PostgreSQL worker when the notification arrives."""
    give_up = time.monotonic() + (WAIT_S if ON_POSTGRES else 0)
    while not check():
        if time.monotonic() > give_up:
            return False
        time.sleep(0.02)
    return True


class Counter:
    """A data version the test moves by hand."""

    def __init__(self) -> None:
        self.value: int | None = 0

    def current(self) -> int | None:
        return self.value


def retitle(engine: Engine, posting_id: int, title: str) -> None:
    """A change committed by another connection, as psql or another worker would make it."""
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE posting SET title = :title WHERE id = :id"),
            {"title": title, "id": posting_id},
        )
