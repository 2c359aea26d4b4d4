"""JSON written by the database is byte for byte what the API writes from Python values."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Date,
    Engine,
    Integer,
    Numeric,
    String,
    cast,
    literal,
    literal_column,
    select,
)
from sqlalchemy.types import TypeEngine

from app.api.conditional import json_bytes
from app.core.db import UTCDateTime
from app.fastpath import sql_json

Render = Callable[[str, Any], sql_json.Member]

CASES: list[tuple[Render, TypeEngine[Any], Any]] = [
    (sql_json.timestamp, UTCDateTime(), datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)),
    (sql_json.timestamp, UTCDateTime(), datetime(2026, 1, 2, 3, 4, 5, 120000, tzinfo=UTC)),
    (sql_json.timestamp, UTCDateTime(), datetime(2026, 1, 2, 3, 4, 5, 7, tzinfo=UTC)),
    (sql_json.timestamp, UTCDateTime(), None),
    (sql_json.number, Numeric(12, 2, asdecimal=False), 60000.0),
    (sql_json.number, Numeric(12, 2, asdecimal=False), 70000.5),
    (sql_json.number, Numeric(12, 2, asdecimal=False), 0.01),
    (sql_json.number, Numeric(12, 2, asdecimal=False), 9999999999.99),
    (sql_json.number, Numeric(12, 2, asdecimal=False), None),
    (sql_json.value, String(), 'She said "hi"\n\tthen left\x01 \\ / — Zürich 🚀'),
    (sql_json.value, String(), ""),
    (sql_json.value, String(), None),
    (sql_json.value, Date(), date(2030, 2, 7)),
    (sql_json.value, Integer(), 42),
    (sql_json.boolean, Boolean(), True),
    (sql_json.boolean, Boolean(), False),
    (sql_json.boolean, Boolean(), None),
]


@pytest.mark.parametrize(("render", "type_", "value"), CASES)
def test_a_member_reads_as_the_api_writes_the_value(
    db_bind: Engine | Connection, render: Render, type_: TypeEngine[Any], value: Any
) -> None:
    dialect = db_bind.dialect.name
    parameter = literal(value, type_)
    # PostgreSQL needs a parameter's type to pick `to_json`'s; on SQLite a CAST to DATE or
    # DATETIME would make a number of the text.
    member = render(dialect, parameter if dialect == "sqlite" else cast(parameter, type_))
    document = sql_json.object_(
        dialect, [("value", member), ("nested", sql_json.object_(dialect, [("same", member)]))]
    )
    written = _scalar(db_bind, select(document))
    assert written.encode() == json_bytes({"value": value, "nested": {"same": value}})


def _scalar(db_bind: Engine | Connection, statement: Any) -> str:
    if isinstance(db_bind, Connection):
        return str(db_bind.execute(statement).scalar_one())
    with db_bind.connect() as connection:
        return str(connection.execute(statement).scalar_one())


@pytest.mark.parametrize(
    ("type_", "render"),
    [
        (UTCDateTime(), sql_json.timestamp),
        (Boolean(), sql_json.boolean),
        (Numeric(12, 2, asdecimal=False), sql_json.number),
        (JSON(), sql_json.raw),
        (String(), sql_json.value),
        (Date(), sql_json.value),
    ],
)
def test_a_column_is_written_as_its_type_says(type_: TypeEngine[Any], render: Render) -> None:
    column = literal_column("x", type_)
    for dialect in ("sqlite", "postgresql"):
        chosen = sql_json.of_column(dialect, column)
        assert str(chosen.compile()) == str(render(dialect, column).compile())
