"""Real databases for every test.

SQLite (the default): each test gets a fresh database file, copied from one built by
`alembic upgrade head` once per worker. PostgreSQL (`TEST_DATABASE_URL=postgresql+psycopg://...`):
each pytest worker gets its own database, built by `alembic upgrade head`, and every test runs
inside a transaction that is rolled back. An unreachable PostgreSQL fails the run; it never skips.
"""

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlmodel import Session

from app.core.config import get_settings
from app.core.db import Database, make_engine
from app.main import create_app
from tests.commands import environment_for, openings, run_openings
from tests.databases import migrate
from tests.harness import create_postgres_database, drop_postgres_database, serving

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
# The suite applies many times from one address; tests/applications/test_rate_limits.py sets
# low limits to test them.
UNTHROTTLED = {
    "RATE_LIMIT_STORAGE": "memory://",
    "ANONYMOUS_WRITE_LIMIT": "100000/minute",
    "POSTING_APPLICATION_LIMIT": "100000/minute",
}
ON_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL ' + TEST_DATABASE_URL if ON_POSTGRES else 'SQLite'}"


@pytest.fixture(scope="session")
def worker_id_suffix(worker_id: str) -> str:
    """Names this worker's PostgreSQL databases: the worker and its process, so two runs of
    the suite at once on one cluster (two checkouts, or CI beside a developer) never share
    or drop each other's databases."""
    worker = "main" if worker_id == "master" else worker_id
    return f"{worker}_{os.getpid()}"


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per worker, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "openings.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine, "head")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_engine(worker_id_suffix: str) -> Iterator[Engine]:
    """This worker's own migrated PostgreSQL database."""
    url = create_postgres_database(TEST_DATABASE_URL, f"openings_{worker_id_suffix}")
    engine = make_engine(url)
    migrate(engine, "head")
    yield engine
    engine.dispose()
    drop_postgres_database(TEST_DATABASE_URL, url)


@contextmanager
def fresh_bind(request: pytest.FixtureRequest, path: Path) -> Iterator[Engine | Connection]:
    """A database of the kind under test, as new: on SQLite a copy of the migrated template at
    `path`, on PostgreSQL this worker's database in a transaction rolled back at the end."""
    if ON_POSTGRES:
        engine: Engine = request.getfixturevalue("postgres_engine")
        with engine.connect() as connection:
            transaction = connection.begin()
            yield connection
            transaction.rollback()
        return
    template: Path = request.getfixturevalue("sqlite_template")
    shutil.copyfile(template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


@pytest.fixture
def db_bind(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine | Connection]:
    """What sessions bind to: a fresh SQLite engine, or a PostgreSQL transaction to roll back."""
    with fresh_bind(request, tmp_path / "openings.db") as bind:
        yield bind


@pytest.fixture
def scratch_database_url(tmp_path: Path, worker_id_suffix: str) -> Iterator[str]:
    """An empty database of the kind under test that separate processes can commit to."""
    if ON_POSTGRES:
        url = create_postgres_database(TEST_DATABASE_URL, f"openings_scratch_{worker_id_suffix}")
        yield url
        drop_postgres_database(TEST_DATABASE_URL, url)
    else:
        yield f"sqlite:///{tmp_path / 'scratch.db'}"


@pytest.fixture
def session(db_bind: Engine | Connection) -> Iterator[Session]:
    """A session for arranging and checking data; factories commit through it."""
    with Session(db_bind, expire_on_commit=False, join_transaction_mode="create_savepoint") as s:
        yield s


@pytest.fixture
def app(db_bind: Engine | Connection, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:
    # The cache of answers trusts the data version of committed data, and these tests read
    # what they have not committed (tests/api/test_response_cache.py tests it for real).
    monkeypatch.setenv("RESPONSE_CACHE_MB", "0")
    for name, value in UNTHROTTLED.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield app_on(db_bind)
    get_settings.cache_clear()


def app_on(bind: Engine | Connection) -> FastAPI:
    """The app, its sessions and hot reads on `bind`."""
    application = create_app()
    application.state.database = Database.on(bind)
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def environment(scratch_database_url: str, tmp_path: Path) -> dict[str, str]:
    """What the real `openings` command runs with: the scratch database, and the test's own
    counts of anonymous writes, under limits no test that is not about them reaches."""
    return (
        environment_for(scratch_database_url)
        | UNTHROTTLED
        | {"RATE_LIMIT_STORAGE": f"sqlite:///{tmp_path / 'rate-limits.db'}"}
    )


@pytest.fixture
def server_log(tmp_path: Path) -> Path:
    """Everything the real server prints, for tests that check what it logs."""
    return tmp_path / "server.log"


# How long the real server may take to answer: importing the app on a busy machine has taken
# seconds, and more than 20 with the whole suite running beside it.
SERVER_START_TIMEOUT_S = float(os.environ.get("TEST_SERVER_START_TIMEOUT_S", "60"))


@contextmanager
def running_server(
    environment: dict[str, str], log: Path, ready: str = "/healthz", workers: int = 2
) -> Iterator[httpx.Client]:
    """`openings serve` on a free loopback port, once `ready` answers 200, until the block
    ends, with a client for it. Two workers unless a test asks otherwise: what one worker
    serialises, two must not break. The server's log is shown when it fails to start, and
    printed for a failing test (pytest shows what is printed only then)."""
    try:
        with (
            serving(
                environment, log, ready=ready, workers=workers, timeout_s=SERVER_START_TIMEOUT_S
            ) as (base, _process),
            httpx.Client(base_url=base, timeout=10) as client,
        ):
            yield client
    finally:
        print(f"the server's log:\n{log.read_text()}")


@pytest.fixture
def server(environment: dict[str, str], server_log: Path) -> Iterator[httpx.Client]:
    """`openings migrate`, then `openings serve` on a free loopback port until it is healthy."""
    openings(environment, "migrate")
    with running_server(environment, server_log) as client:
        yield client


@pytest.fixture
def committed_engine(scratch_database_url: str) -> Iterator[Engine]:
    """A migrated database whose data is committed, as the server sees it."""
    run_openings(environment_for(scratch_database_url), "migrate")
    engine = make_engine(scratch_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def cached_app(
    committed_engine: Engine, scratch_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FastAPI]:
    monkeypatch.setenv("DATABASE_URL", scratch_database_url)
    monkeypatch.setenv("RESPONSE_CACHE_MB", "8")
    get_settings.cache_clear()
    application = create_app()
    application.state.database = Database.on(committed_engine)
    yield application
    get_settings.cache_clear()
