"""Statements compiled once and run on the driver's own cursor: SELECTs for the hot read
paths, and many-row INSERTs on PostgreSQL.

On a page of twenty rows, SQLAlchemy's work around each execution (building the statement, its
cache key, the execution context, the result and row objects) costs three times the query. A
`Prepared` statement keeps what SQLAlchemy is there for, the dialect's SQL and each type's
conversions, and does all of that once per statement shape instead of once per request.
"""

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    JSON,
    BindParameter,
    Column,
    Connection,
    Enum,
    Select,
    Table,
    Text,
    bindparam,
    cast,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError

from app.core.db import compact_json

Processor = Callable[[Any], Any] | None


class Prepared:
    """A SELECT as its SQL, its parameters' order and conversions, and its columns'."""

    def __init__(self, statement: Select[*tuple[Any, ...]], dialect: Dialect) -> None:
        """Compile `statement`; its `bindparam`s (given a placeholder value of None and their
        column's type) are filled in by `rows`, every other value is fixed here."""
        compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})

        def parameter(name: str) -> BindParameter[Any]:
            # A literal list rendered as `status_1_1, status_1_2, ...` keeps its type under
            # the name it had before it was expanded.
            if name in compiled.binds:
                return compiled.binds[name]
            return compiled.binds[name.rsplit("_", 1)[0]]

        self.sql = compiled.string
        self.names = tuple(compiled.positiontup or compiled.params)
        self.positional = compiled.positional
        self.defaults = {
            name: value for name, value in compiled.params.items() if value is not None
        }
        self.binds: dict[str, Processor] = {
            name: parameter(name).type.dialect_impl(dialect).bind_processor(dialect)
            for name in self.names
        }
        self.columns = tuple(str(column.key) for column in statement.selected_columns)
        self._types = tuple(column.type for column in statement.selected_columns)
        self._dialect = dialect
        self._converting: list[tuple[int, Callable[[Any], Any]]] | None = None

    def arguments(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        """What the driver is given for `sql`: `values` and the fixed ones, converted.

        A parameter the statement names that neither gives raises `KeyError`: sent as NULL,
        it would make every comparison unknown and the answer silently empty."""
        converted = {}
        for name in self.names:
            value = values[name] if name in values else self.defaults[name]
            process = self.binds[name]
            converted[name] = value if process is None or value is None else process(value)
        if self.positional:
            return [converted[name] for name in self.names]
        return converted

    def _result_processors(self, description: Sequence[Any]) -> list[tuple[int, Any]]:
        """Each column's conversion, chosen once from the types the driver reports (PostgreSQL
        numerics need them). Enum columns come back as the text stored, not as members: what
        JSON shows, and what a `StrEnum` member compares equal to."""
        converting = []
        for index, (type_, column) in enumerate(zip(self._types, description, strict=True)):
            if isinstance(type_, Enum):
                continue
            process = type_.dialect_impl(self._dialect).result_processor(self._dialect, column[1])
            if process is not None:
                converting.append((index, process))
        return converting

    def rows(self, connection: Connection, values: Mapping[str, Any]) -> list[dict[str, Any]]:
        """Every row, as a dict of converted values, with `values` for the parameters."""
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(self.sql, self.arguments(values))
            fetched = cursor.fetchall()
            if self._converting is None:
                self._converting = self._result_processors(cursor.description)
        except connection.dialect.loaded_dbapi.Error as error:
            raise _as_sqlalchemy_error(connection, self.sql, error) from error
        finally:
            cursor.close()
        converting, columns = self._converting, self.columns
        rows = []
        for fetched_row in fetched:
            row = list(fetched_row)
            for index, process in converting:
                if row[index] is not None:
                    row[index] = process(row[index])
            rows.append(dict(zip(columns, row, strict=True)))
        return rows


def _as_sqlalchemy_error(connection: Connection, sql: str, error: Exception) -> StatementError:
    """The driver's `error` as SQLAlchemy would raise it (IntegrityError for a taken unique
    key, OperationalError for a lost connection, ...), so that it is answered as any other.

    A lost connection is invalidated, as SQLAlchemy does for its own statements: back in the
    pool it would fail the next request too.
    """
    dialect = connection.dialect
    dbapi_connection = connection.connection.dbapi_connection
    lost = dialect.is_disconnect(error, dbapi_connection, None)  # type: ignore[arg-type]
    if lost:
        connection.invalidate(error)
    return DBAPIError.instance(
        sql,
        None,
        error,
        dialect.loaded_dbapi.Error,
        hide_parameters=True,
        connection_invalidated=lost,
        dialect=dialect,
    )


@lru_cache(maxsize=32)
def _from_arrays(
    table: Table, names: tuple[str, ...], returning: tuple[str, ...], dialect: Dialect
) -> tuple[str, dict[str, Processor], frozenset[str]]:
    """`INSERT … SELECT … FROM unnest(one array per column) RETURNING …` as its SQL, with
    binary placeholders; the conversion of each array; the JSON columns, sent as text."""
    json_columns = frozenset(name for name in names if isinstance(table.c[name].type, JSON))
    arrays = [
        bindparam(name, type_=ARRAY(Text() if name in json_columns else table.c[name].type))
        for name in names
    ]
    rows = func.unnest(*arrays).table_valued(*names).render_derived()
    values = [
        cast(rows.c[name], table.c[name].type) if name in json_columns else rows.c[name]
        for name in names
    ]
    statement = insert(table).from_select(list(names), select(*values))
    if returning:
        statement = statement.returning(*(table.c[name] for name in returning))
    compiled = statement.compile(dialect=dialect)
    sql = compiled.string
    for name in names:
        sql = sql.replace(f"%({name})s", f"%({name})b")
    processors = {
        name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in names
    }
    converting: dict[str, Processor] = {
        name: process for name, process in processors.items() if process
    }
    return sql, converting, json_columns


def insert_returning(
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[Column[Any]],
) -> list[tuple[Any, ...]]:
    """Insert `rows` (which all have the same keys) in as few statements as the database
    takes: the `returning` columns of each inserted row, as the driver gives them.

    PostgreSQL gets the rows as one array per column, in binary, which `unnest` turns back
    into rows: SQLAlchemy's many-row VALUES has a placeholder for every value, which psycopg
    rewrites in Python and caches only under 4 KB, and one row per statement costs the server
    more. For 1,000 postings: 15 ms of client and 115 ms of server CPU, against 140 and 165
    (VALUES) or 40 and 250 (executemany). SQLite, in process, gets many-row VALUES with the
    values converted here, once per row rather than through SQLAlchemy's execution of each
    parameter set, a third of a first import's writing.

    The rows come back in no promised order: return a key with each id.
    """
    if not rows:
        return []
    names = tuple(rows[0])
    returned = tuple(column.name for column in returning)
    if connection.dialect.name == "postgresql":
        return _insert_from_arrays(connection, table, names, returned, rows)
    return _insert_values(connection, table, names, returned, rows)


def _insert_from_arrays(
    connection: Connection,
    table: Table,
    names: tuple[str, ...],
    returning: tuple[str, ...],
    rows: Sequence[Mapping[str, Any]],
) -> list[tuple[Any, ...]]:
    sql, converting, json_columns = _from_arrays(table, names, returning, connection.dialect)
    arrays: dict[str, Any] = {}
    for name in names:
        values = [row[name] for row in rows]
        if name in json_columns:
            values = [None if value is None else compact_json(value) for value in values]
        process = converting.get(name)
        arrays[name] = values if process is None else process(values)
    return _run(connection, sql, arrays, fetch=bool(returning))


# SQLite's default limit on the placeholders of one statement (SQLITE_MAX_VARIABLE_NUMBER).
_SQLITE_PLACEHOLDERS = 32_766


def _insert_values(
    connection: Connection,
    table: Table,
    names: tuple[str, ...],
    returning: tuple[str, ...],
    rows: Sequence[Mapping[str, Any]],
) -> list[tuple[Any, ...]]:
    processors = _bind_processors(table, names, connection.dialect)
    values = [
        value if process is None or value is None else process(value)
        for row in rows
        for name, process in zip(names, processors, strict=True)
        for value in (row[name],)
    ]
    per_statement = _SQLITE_PLACEHOLDERS // len(names)
    returned: list[tuple[Any, ...]] = []
    for start in range(0, len(rows), per_statement):
        count = min(per_statement, len(rows) - start)
        sql = _values_sql(table, names, returning, count, connection.dialect)
        chunk = values[start * len(names) : (start + count) * len(names)]
        returned += _run(connection, sql, chunk, fetch=bool(returning))
    return returned


@lru_cache(maxsize=32)
def _bind_processors(
    table: Table, names: tuple[str, ...], dialect: Dialect
) -> tuple[Processor, ...]:
    """Each column's conversion to what the driver stores, as SQLAlchemy would apply it."""
    return tuple(table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)


@lru_cache(maxsize=64)
def _values_sql(
    table: Table, names: tuple[str, ...], returning: tuple[str, ...], count: int, dialect: Dialect
) -> str:
    """`INSERT INTO table (names) VALUES (?, …), … RETURNING …` for `count` rows."""
    quote = dialect.identifier_preparer.quote
    row = f"({', '.join('?' * len(names))})"
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) "
        f"VALUES {', '.join([row] * count)}"
    )
    return f"{sql} RETURNING {', '.join(map(quote, returning))}" if returning else sql


def _run(
    connection: Connection, sql: str, parameters: Any, *, fetch: bool
) -> list[tuple[Any, ...]]:
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, parameters)
        return list(cursor.fetchall()) if fetch else []
    except connection.dialect.loaded_dbapi.Error as error:
        raise _as_sqlalchemy_error(connection, sql, error) from error
    finally:
        cursor.close()


def insert_all(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert `rows` (which all have the same keys) in as few statements as the database
    takes (see `insert_returning`)."""
    insert_returning(connection, table, rows, ())
