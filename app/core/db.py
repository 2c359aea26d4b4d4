"""Database engine, sessions, and the column types every table shares."""

import enum
import fcntl
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TypeVar, cast

import orjson
from sqlalchemy import (
    ColumnElement,
    Connection,
    DateTime,
    Engine,
    Enum,
    QueuePool,
    Table,
    any_,
    bindparam,
    event,
    inspect,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, create_engine

from app.core.config import get_settings
from app.core.errors import Conflict

# Stable constraint names on SQLite and PostgreSQL alike, so migrations can name what they drop.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (naive datetimes are refused everywhere)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite has no timezone type and returns naive values; this makes both databases agree.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a timezone-aware one is required")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        """On SQLite, ISO 8601 text parsed in one step: `datetime.fromisoformat` reads what the
        dialect writes several times faster than the dialect's own regular expression, and
        lists read three timestamps a row."""
        if dialect.name != "sqlite":
            return super().result_processor(dialect, coltype)
        process_result_value = self.process_result_value

        def process(value: str | None) -> datetime | None:
            if value is None:
                return None
            return process_result_value(datetime.fromisoformat(value), dialect)

        return process


def portable_enum(cls: type[enum.StrEnum], name: str) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, holding the values."""
    return Enum(
        cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


T = TypeVar("T")
IN_LIST_SIZE = 500  # values per IN (...): well inside every database's limit on parameters


def in_lists(values: Sequence[T]) -> Iterator[Sequence[T]]:
    """`values` in slices of at most IN_LIST_SIZE, one IN (...) list, one query, each."""
    for start in range(0, len(values), IN_LIST_SIZE):
        yield values[start : start + IN_LIST_SIZE]


def one_of(session: Session, column: Any, values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """Conditions that together say `column IN values`, one query each.

    On PostgreSQL, one `column = ANY(array)`: a single parameter however many values.
    psycopg rewrites a query's placeholders in Python (6 ms for an IN list of 500) and keeps
    the result only for short queries, so a re-import of 10,000 adverts spent half its time
    there. Elsewhere, IN lists of at most IN_LIST_SIZE.
    """
    if session.get_bind().dialect.name == "postgresql":
        if values:
            yield column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
        return
    for chunk in in_lists(values):
        yield column.in_(chunk)


@contextmanager
def conflict_unless_unique(session: Session, message: str) -> Iterator[None]:
    """Run the block's writes in a savepoint and flush them; if they break a unique or
    foreign-key constraint, only the savepoint is rolled back and the caller gets a 409 with
    `message`, the request's other work intact. Make the changes inside the block: beginning
    the savepoint flushes what is pending, so a change made before it would fail outside it."""
    try:
        with session.begin_nested():
            yield
            session.flush()
    except IntegrityError as error:
        raise Conflict(message) from error


def table_of(model: type[SQLModel]) -> Table:
    """A table model's table, for bulk inserts in Core: the ORM's bulk insert spends more time
    on each row than the database does, and leaves out None values, so rows with None in
    different columns cannot share a statement."""
    return cast(Table, inspect(model).local_table)


def compact_json(value: Any) -> str:
    """JSON columns as the API writes JSON, compact and in UTF-8, so PostgreSQL's `json`
    type (which keeps the text it is given) hands back what a response can embed.

    orjson writes what `json.dumps(value, separators=(",", ":"), ensure_ascii=False)` does
    (but `1e-7` for `1e-07`), several times faster: the importer stores a snapshot of every
    posting it creates in the change log."""
    return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """Foreign keys on, and WAL for concurrent readers (how long a writer waits for the lock
    is the connection's `timeout`, see `make_engine`)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _begin_immediate(connection: Connection) -> None:
    """Begin pysqlite's transaction IMMEDIATE, taking SQLite's write lock (waiting for it as
    the busy timeout allows), unless a transaction is open already. It is run through
    SQLAlchemy, so that a lock still taken when the wait ends is its OperationalError,
    answered 503, not the driver's own."""
    dbapi_connection: Any = connection.connection.dbapi_connection
    if not dbapi_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_before_savepoint(connection: Connection, _name: str | None) -> None:
    """Open the transaction pysqlite has not begun yet, so a savepoint cannot commit early.

    pysqlite begins a transaction only before its first INSERT/UPDATE/DELETE. A SAVEPOINT
    issued earlier starts one of its own, and releasing it would commit everything at once,
    leaving partial rows behind if the request later fails.

    The transaction begins IMMEDIATE, taking the write lock: a savepoint comes before a write.
    A deferred one could find, at its first write, that another writer committed since it
    began, and fail at once with "database is locked".
    """
    _begin_immediate(connection)


def _begin_writing(session: Session, _transaction: Any, connection: Connection) -> None:
    """A writing unit of work on SQLite takes the write lock with its first statement, so
    nothing it reads can change before it commits: the ETag `If-Match` is checked against,
    whether an external id is taken. (pysqlite reads outside any transaction until the first
    write, each statement seeing whatever was committed last.)

    It first takes its turn, then, and not when the request begins: a request that reads its
    body or an advert before it touches the database holds up no other writer meanwhile. The
    turn is the worker's own lock, then a lock on a file beside the database that the
    workers share (see `app.api.dependencies.get_session`)."""
    if _HOLDS_WRITER not in session.info:
        _SQLITE_WRITER.acquire()
        session.info[_HOLDS_WRITER] = None  # given back even if the file cannot be taken
        session.info[_HOLDS_WRITER] = _take_writers_file(connection)
    _begin_immediate(connection)


# The open lock file of each SQLite database this worker writes to, by the database's path.
_WRITERS_FILES: dict[str, int] = {}


def _take_writers_file(connection: Connection) -> int | None:
    """Wait for the lock on `<database>-writers.lock`, which the workers' writing requests
    take in turn: the kernel wakes the next the moment it is free, where SQLite's own lock
    makes a writer of another process poll, sleeping up to 100 ms between tries (a p99 of
    2.9 s for POST /v1/postings on two workers). The file descriptor, or None in memory."""
    database = connection.engine.url.database
    if not database or database == ":memory:":
        return None
    descriptor = _WRITERS_FILES.get(database)
    if descriptor is None:
        descriptor = os.open(f"{database}-writers.lock", os.O_RDWR | os.O_CREAT, 0o600)
        _WRITERS_FILES[database] = descriptor
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    return descriptor


def _give_back_turn(session: Session) -> None:
    """Release what `_begin_writing` took, if it took anything."""
    if _HOLDS_WRITER not in session.info:
        return
    descriptor = session.info.pop(_HOLDS_WRITER)
    if descriptor is not None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)
    _SQLITE_WRITER.release()


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine for `url`, tuned for the dialect it names.

    Nothing a request does with it waits on the database without end: connecting, waiting for
    a pooled connection and each statement are bounded by the settings' timeouts, and an
    error at the end of one is answered 503 (`app.api.problems`). A database that accepts
    connections and never answers otherwise holds every request, and every thread, forever.

    Parameters never appear in error messages or logs: they carry applicants' personal data.
    """
    settings = get_settings()
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            echo=echo,
            hide_parameters=True,
            json_serializer=compact_json,
            json_deserializer=orjson.loads,
            pool_timeout=settings.database_pool_timeout_s,
            # pysqlite's timeout is SQLite's busy timeout: how long a writer waits for the lock.
            connect_args={
                "check_same_thread": False,
                "timeout": settings.database_statement_timeout_s,
            },
        )
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "savepoint", _begin_before_savepoint)
        return engine
    statement_timeout_ms = round(settings.database_statement_timeout_s * 1000)
    return create_engine(
        url,
        echo=echo,
        hide_parameters=True,
        json_serializer=compact_json,
        json_deserializer=orjson.loads,
        pool_pre_ping=True,
        pool_size=10,
        max_overflow=10,
        pool_timeout=settings.database_pool_timeout_s,
        connect_args={
            "connect_timeout": settings.database_connect_timeout_s,
            # A database host that vanishes (no answer, not even a reset) is noticed by the
            # kernel within seconds, not the two hours of TCP's defaults: keepalive probes
            # when idle, and a limit on unacknowledged data while a statement is sent.
            "keepalives": 1,
            "keepalives_idle": 10,
            "keepalives_interval": 5,
            "keepalives_count": 3,
            "tcp_user_timeout": round(settings.database_statement_timeout_s * 1000),
            # No parallel workers for one query: the API runs many small queries at once, and
            # a plan that walks an index for one page (a search, newest first) stops sooner
            # alone than with helpers that each read ahead and must be started and gathered.
            "options": "-c max_parallel_workers_per_gather=0"
            f" -c statement_timeout={statement_timeout_ms}",
        },
    )


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database, creating its folder if needed."""
    settings = get_settings()
    path = settings.sqlite_path()
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return make_engine(settings.database_url, settings.database_echo)


def session_for(bind: Engine | Connection, *, sqlite_write_lock: bool = False) -> Iterator[Session]:
    """A unit of work on `bind`: the one place that commits, or rolls back on any error.

    Given a connection already in a transaction (as tests give), it works in a savepoint, so
    the outer transaction stays the caller's to end. `sqlite_write_lock` takes the worker's
    turn and SQLite's write lock before the first statement (see `_begin_writing`), and gives
    them back when the unit of work ends.
    """
    with Session(bind, expire_on_commit=False, join_transaction_mode="create_savepoint") as session:
        if sqlite_write_lock:
            event.listen(session, "after_begin", _begin_writing)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            _give_back_turn(session)


# A worker's requests that may write to SQLite, one at a time (see
# `app.api.dependencies.get_session`).
_SQLITE_WRITER = threading.Lock()
_HOLDS_WRITER = "holds_sqlite_writer"


@contextmanager
def session_scope() -> Iterator[Session]:
    """The command line's unit of work: commit on success, roll back on error."""
    yield from session_for(get_engine())


# How a hot read route gets a connection: called, it gives one for a `with` block.
Connect = Callable[[], AbstractContextManager[Connection]]


def connect_for_reads() -> AbstractContextManager[Connection]:
    """A connection for the hot read routes, which hold one only for work that does not
    await, and never an ORM session unless they need one (they run `app.fastpath`).

    Held across an await, a connection checked out on the event loop can hang the worker:
    with the pool empty, the loop waits for a connection that only the loop can give back.

    They read in autocommit: on PostgreSQL a transaction around one SELECT costs two more
    round trips (BEGIN, and ROLLBACK when the connection goes back to the pool), while the
    loop waits.
    """
    return _get_read_engine().connect()


def connects_at_once(connect: Connect) -> bool:
    """True when `connect` gives a connection without waiting on the database, so that a hot
    read route may run its query on the event loop: SQLite's (a file, in process), or one
    idle in the pool. Opening a new one waits for the database, up to the connect timeout when
    it does not answer, and on the loop every request of the worker (`/livez` too) would wait
    with it; then the route runs in a thread instead.

    A connect given in place of `connect_for_reads` (by tests) is taken as at once.
    """
    if connect is not connect_for_reads:
        return True
    engine = _get_read_engine()
    if engine.dialect.name == "sqlite":
        return True
    pool = engine.pool
    return isinstance(pool, QueuePool) and pool.checkedin() > 0


@dataclass(frozen=True)
class Database:
    """Where the app's requests find the database: units of work on `bind` for the routes that
    declare a session, and connections from `connect` for the hot read routes.

    The app keeps one in `app.state.database`: the configured database unless tests put one
    on a bind of their own there, the one thing they change to serve the app from it.
    """

    # None: the configured database (`get_engine`), made at first use.
    bind: Engine | Connection | None = None
    connect: Connect = connect_for_reads

    @classmethod
    def on(cls, bind: Engine | Connection) -> "Database":
        """Sessions and hot reads both on `bind`; a connection in a transaction (as tests
        give) is lent to every request as it is."""
        if isinstance(bind, Connection):
            return cls(bind, lambda: nullcontext(bind))
        return cls(bind, bind.connect)

    def session(self, *, writes: bool) -> Iterator[Session]:
        """A unit of work (`session_for`) that, when it `writes` to a SQLite engine, takes the
        write lock from its first statement (see `app.api.dependencies.get_session`).

        A connection already in a transaction gets none: the transaction is its owner's.
        """
        bind = self.bind if self.bind is not None else get_engine()
        lock = writes and isinstance(bind, Engine) and bind.dialect.name == "sqlite"
        yield from session_for(bind, sqlite_write_lock=lock)


@lru_cache
def _get_read_engine() -> Engine:
    engine = get_engine()
    if engine.dialect.name == "sqlite":
        # pysqlite begins no transaction for a SELECT already; switching the isolation level
        # would run a PRAGMA, and that makes SQLite prepare every cached statement again.
        return engine
    return engine.execution_options(isolation_level="AUTOCOMMIT")
