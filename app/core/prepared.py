"""Statements compiled once and run on the driver's own cursor: SELECTs for the hot read
paths, and the importer's many-row INSERT on PostgreSQL.

On a page of twenty rows, SQLAlchemy's work around each execution (building the statement, its
cache key, the execution context, the result and row objects) costs three times the query. A
`Prepared` statement keeps what SQLAlchemy is there for, the dialect's SQL and each type's
conversions, and does all of that once per statement shape instead of once per request.
"""

from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Column, Connection, Enum, Select, Table, bindparam, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

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
        """What the driver is given for `sql`: `values` and the fixed ones, converted."""
        converted = {}
        for name in self.names:
            value = values[name] if name in values else self.defaults.get(name)
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


@lru_cache(maxsize=32)
def _insert_statement(
    table: Table, names: tuple[str, ...], returning: tuple[str, ...], dialect: Dialect
) -> tuple[str, dict[str, Callable[[Any], Any]]]:
    """The INSERT of one row with `names` as its SQL, and the conversions its values need."""
    statement = (
        insert(table)
        .values({name: bindparam(name, type_=table.c[name].type) for name in names})
        .returning(*(table.c[name] for name in returning))
    )
    compiled = statement.compile(dialect=dialect)
    processors = {
        name: compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
        for name in names
    }
    return compiled.string, {name: process for name, process in processors.items() if process}


def insert_returning(
    connection: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    returning: Sequence[Column[Any]],
) -> list[tuple[Any, ...]]:
    """Insert `rows` (which all have the same keys) on PostgreSQL: the `returning` columns of
    each, as the driver gives them, in the order of `rows`.

    psycopg's `executemany` sends one short statement, prepared once, for every row in a
    pipeline. SQLAlchemy's many-row VALUES has a placeholder for every value instead, and
    psycopg rewrites placeholders in Python, caching only statements under 4 KB: a thousand
    postings took six times the client time this does (a fifth of a first import's time).
    """
    names = tuple(rows[0])
    sql, processors = _insert_statement(
        table, names, tuple(column.name for column in returning), connection.dialect
    )
    parameters = []
    for row in rows:
        values = dict(row)
        for name, process in processors.items():
            if values[name] is not None:
                values[name] = process(values[name])
        parameters.append(values)
    # psycopg's cursor, whose executemany can return rows (the DB-API's cannot).
    cursor: Any = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, parameters, returning=True)
        returned: list[tuple[Any, ...]] = []
        while True:
            returned.extend(cursor.fetchall())
            if not cursor.nextset():
                return returned
    except connection.dialect.loaded_dbapi.Error as error:
        # As SQLAlchemy would raise it: IntegrityError for a taken unique key, and so on.
        raise DBAPIError.instance(
            sql,
            None,
            error,
            connection.dialect.loaded_dbapi.Error,
            hide_parameters=True,
            dialect=connection.dialect,
        ) from error
    finally:
        cursor.close()
