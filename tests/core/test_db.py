"""The unit of work is all or nothing, and errors never echo the data they were given."""

import asyncio
import fcntl
import logging
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import pytest
from fastapi import Request
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col

from app.api.dependencies import get_session
from app.core.db import IN_LIST_SIZE, Database, make_engine, one_of, session_for
from app.main import create_app
from app.organisations.models import Organisation


def organisations(bind: Engine | Connection) -> int:
    with Session(bind) as session:
        return session.scalar(select(func.count()).select_from(Organisation)) or 0


def test_a_failure_after_a_released_savepoint_leaves_no_rows(db_bind: Engine | Connection) -> None:
    unit_of_work = contextmanager(session_for)
    with pytest.raises(RuntimeError), unit_of_work(db_bind) as session:
        session.execute(select(1))
        with session.begin_nested():
            session.add(Organisation(slug="half-done", name="Half done"))
        raise RuntimeError("the request fails after its savepoint was released")
    assert organisations(db_bind) == 0


def duplicate_error(session: Session) -> IntegrityError:
    """A real database error whose message quotes the value: PostgreSQL names the key."""
    session.add(Organisation(slug="secret-lab", name="Secret"))
    session.flush()
    session.add(Organisation(slug="secret-lab", name="Secret again"))
    with pytest.raises(IntegrityError) as raised:
        session.flush()
    session.rollback()
    return raised.value


def test_database_errors_do_not_repeat_the_parameters_sent(session: Session) -> None:
    assert "SQL parameters hidden" in str(duplicate_error(session))


def test_an_unexpected_database_error_is_logged_without_the_values(
    session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    error = duplicate_error(session)
    app = create_app()
    handler = app.exception_handlers[Exception]
    request = Request({"type": "http", "method": "POST", "path": "/v1/x", "headers": []})
    with caplog.at_level(logging.ERROR):
        response = asyncio.run(handler(request, error))  # type: ignore[arg-type]
    assert response.status_code == 500
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "IntegrityError" in logged or "UniqueViolation" in logged
    assert "secret-lab" not in logged


def test_one_of_finds_every_match_among_more_values_than_an_in_list_holds(
    session: Session,
) -> None:
    session.add_all(
        Organisation(slug=f"lab-{n}", name=f"Lab {n}") for n in (1, 2, IN_LIST_SIZE + 5)
    )
    session.flush()
    wanted = [f"lab-{n}" for n in range(IN_LIST_SIZE * 2 + 1)]
    found = {
        slug
        for condition in one_of(session, col(Organisation.slug), wanted)
        for slug in session.scalars(select(Organisation.slug).where(condition))
    }
    assert found == {"lab-1", "lab-2", f"lab-{IN_LIST_SIZE + 5}"}
    assert list(one_of(session, col(Organisation.slug), [])) == []


def _request(method: str, engine: Engine) -> Request:
    """A request to an app that serves `engine`, as `create_app` serves the configured one."""
    app = SimpleNamespace(state=SimpleNamespace(database=Database(engine)))
    scope = {"type": "http", "method": method, "path": "/v1/x", "headers": [], "app": app}
    return Request(scope)


def _request_session(method: str, engine: Engine, started: threading.Event, reach: bool) -> None:
    """A request's session, from start to commit, in a thread of its own as FastAPI runs it;
    with a statement first when `reach` says the database can be reached."""
    session = get_session(_request(method, engine))
    opened = next(session)
    if reach:
        opened.execute(select(1))
    started.set()
    next(session, None)


@pytest.mark.parametrize(
    ("url", "turns"),
    [("sqlite:///{tmp}/turns.db", True), ("postgresql+psycopg://nobody@127.0.0.1/none", False)],
)
def test_on_sqlite_a_workers_writing_requests_take_turns_and_reading_ones_never_wait(
    url: str, turns: bool, tmp_path: Path
) -> None:
    # Turns are taken at a session's first statement. On PostgreSQL, which takes none, the
    # sessions are begun and committed without one, so no database is reached.
    reach = url.startswith("sqlite")
    engine = make_engine(url.format(tmp=tmp_path))
    writing = get_session(_request("POST", engine))
    first = next(writing)
    if reach:
        first.execute(select(1))
    threads: list[threading.Thread] = []

    def start(method: str) -> threading.Event:
        started = threading.Event()
        threads.append(
            threading.Thread(
                target=_request_session, args=(method, engine, started, reach), daemon=True
            )
        )
        threads[-1].start()
        return started

    assert start("GET").wait(10), "a reading request waited for a writing one"
    second_writer = start("PATCH")
    assert second_writer.wait(0.3) is not turns
    next(writing, None)
    assert second_writer.wait(10)
    for thread in threads:
        thread.join(10)
    engine.dispose()


def test_on_sqlite_a_writing_request_holds_the_write_lock_from_its_first_read(
    tmp_path: Path,
) -> None:
    """What a writing request reads cannot change before it commits, even by a writer in
    another process, which no lock of this worker's stops; a reading request locks nothing."""
    path = tmp_path / "lock.db"
    engine = make_engine(f"sqlite:///{path}")
    other_process = sqlite3.connect(path, timeout=0)
    for method, locks in (("GET", False), ("PATCH", True)):
        request_session = get_session(_request(method, engine))
        next(request_session).execute(select(1))
        if locks:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other_process.execute("BEGIN IMMEDIATE")
        else:
            other_process.execute("BEGIN IMMEDIATE")
            other_process.rollback()
        next(request_session, None)
    other_process.execute("BEGIN IMMEDIATE")  # the commit let it go
    other_process.rollback()
    other_process.close()
    engine.dispose()


def test_on_sqlite_writing_requests_of_every_worker_take_turns_on_a_shared_file(
    tmp_path: Path,
) -> None:
    """Another worker's writer (a lock file opened apart) waits for the turn in the kernel,
    which wakes it as soon as the turn is given back, instead of polling SQLite's lock."""
    path = tmp_path / "turns.db"
    engine = make_engine(f"sqlite:///{path}")
    writing = get_session(_request("POST", engine))
    next(writing).execute(select(1))
    other_worker = os.open(f"{path}-writers.lock", os.O_RDWR)
    with pytest.raises(BlockingIOError):
        fcntl.flock(other_worker, fcntl.LOCK_EX | fcntl.LOCK_NB)
    next(writing, None)
    fcntl.flock(other_worker, fcntl.LOCK_EX | fcntl.LOCK_NB)
    os.close(other_worker)
    engine.dispose()
