"""JSON text written by the database, for representations read far more often than written.

A page of twenty postings as Python values costs more to convert (timestamps parsed, rows made
into dicts, then encoded again) than to query. Rendered in SQL, each row arrives as the JSON
text the API sends, what `orjson` with `OPT_UTC_Z` writes for the same values: compact, keys in
the order given, timestamps in UTC ending in `Z`.

The functions below make *members*: SQL for one value, which `object_` puts under a key. On
SQLite a member is the value itself and `json_object` encodes it; PostgreSQL's
`json_build_object` would space its output out, so there a member is the value's JSON text,
and `object_` joins the texts with `||`.
"""

import typing
from collections.abc import Sequence
from functools import reduce
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    Numeric,
    String,
    TypeDecorator,
    case,
    cast,
    func,
    literal_column,
    not_,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Mapped
from sqlalchemy.sql.elements import ColumnClause, ColumnElement

Member = ColumnElement[Any]
Column = ColumnElement[Any] | Mapped[Any]


def _constant(text: str) -> ColumnElement[str]:
    if "'" in text:
        raise ValueError(f"constant JSON text may not contain a quote: {text!r}")
    return literal_column(f"'{text}'", String())


def _json_text(expression: ColumnElement[Any]) -> Member:
    """PostgreSQL: the JSON text of a value, `null` for NULL."""
    return func.coalesce(cast(func.to_json(expression), String()), _constant("null"))


def value(dialect: str, expression: Column) -> Member:
    """A text, integer or date column."""
    if dialect == "sqlite":
        return expression  # type: ignore[return-value]
    return _json_text(expression)  # type: ignore[arg-type]


def number(dialect: str, expression: Column) -> Member:
    """A number written as Python writes a float: `60000.0`, `70000.5`. SQLite would keep a
    whole NUMERIC as an integer, and PostgreSQL writes a whole float8 without the `.0`."""
    real = cast(expression, Float())
    if dialect == "sqlite":
        return real
    whole = case((real == func.trunc(real), _constant(".0")), else_=_constant(""))
    return func.coalesce(cast(func.to_json(real), String()).op("||")(whole), _constant("null"))


def raw(dialect: str, expression: Column) -> Member:
    """A column that holds JSON text already."""
    if dialect == "sqlite":
        return func.json(expression)
    return func.coalesce(cast(expression, String()), _constant("null"))


def boolean(dialect: str, expression: Column) -> Member:
    """`true` or `false`: SQLite keeps a boolean as 1 or 0 and would write the number."""
    if dialect == "sqlite":
        return case(
            (expression, func.json(_constant("true"))),
            (not_(expression), func.json(_constant("false"))),
        )
    return _json_text(expression)  # type: ignore[arg-type]


def timestamp(dialect: str, expression: Column) -> Member:
    """A UTC timestamp as ISO 8601 ending in `Z`, with microseconds only when there are some.

    SQLite holds them as SQLAlchemy writes them, `YYYY-MM-DD HH:MM:SS.ffffff`.
    """
    if dialect == "sqlite":
        whole_seconds = func.replace(expression, _constant(".000000"), _constant(""))
        return func.replace(whole_seconds, _constant(" "), _constant("T")).op(
            "||", return_type=String()
        )(_constant("Z"))
    utc = expression.op("AT TIME ZONE")(_constant("UTC"))
    no_fraction = func.to_char(utc, _constant("US")) == _constant("000000")
    text = func.to_char(
        utc,
        case(
            (no_fraction, _constant('YYYY-MM-DD"T"HH24:MI:SS"Z"')),
            else_=_constant('YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        ),
    )
    return _json_text(text)


def of_column(dialect: str, column: ColumnElement[Any]) -> Member:
    """A column's member, chosen by its type: a new column of any type is written right
    without a list of names to add it to."""
    type_ = column.type
    if isinstance(type_, TypeDecorator):
        type_ = type_.impl_instance
    if isinstance(type_, DateTime):
        return timestamp(dialect, column)
    if isinstance(type_, Boolean):
        return boolean(dialect, column)
    if isinstance(type_, Numeric | Float):
        return number(dialect, column)
    if isinstance(type_, JSON):
        return raw(dialect, column)
    return value(dialect, column)


def text_array(dialect: str, column: Column, *where: ColumnElement[bool]) -> Member:
    """The values of a text column in the rows matching `where`, sorted, as a JSON array."""
    if dialect == "sqlite":
        # SQLite before 3.44 has no ORDER BY inside an aggregate; it aggregates a sorted
        # subquery in its order. An aggregate of no rows is `[]`.
        table = typing.cast(ColumnClause[Any], column).table
        ordered = (
            select(column.label("item"))
            .where(*where)
            .order_by(column)
            .correlate_except(table)
            .subquery()
        )
        return select(func.json_group_array(ordered.c.item)).scalar_subquery()
    aggregate = (
        select(func.array_to_json(func.array_agg(aggregate_order_by(column, column))))
        .where(*where)
        .scalar_subquery()
    )
    return func.coalesce(cast(aggregate, String()), _constant("[]"))


def object_(dialect: str, members: Sequence[tuple[str, Member]]) -> Member:
    """A JSON object of (key, member), in that order."""
    if dialect == "sqlite":
        return func.json_object(
            *(part for key, member in members for part in (_constant(key), member)),
            type_=String(),
        )
    parts: list[ColumnElement[Any]] = []
    for index, (key, member) in enumerate(members):
        parts.append(_constant(("{" if index == 0 else ",") + f'"{key}":'))
        parts.append(member)
    parts.append(_constant("}"))
    return reduce(lambda left, right: left.op("||", return_type=String())(right), parts)
