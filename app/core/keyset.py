"""Keyset pagination, declared once per sort order of a list: the columns rows are ordered by,
and from these the ORDER BY, the condition "rows after this position", and the signed cursor
that keeps the last row's position between requests.

A page after a cursor is one index seek, however deep the page: no OFFSET that reads and drops
every row before it, and no row skipped or repeated when rows are added between pages.
"""

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Label, bindparam, tuple_

from app.core.errors import InvalidInput
from app.core.pagination import decode_cursor, encode_cursor


@dataclass(frozen=True)
class Codec:
    """How a cursor keeps a value of one type as JSON and reads it back; `from_json` raises
    `ValueError` or `TypeError` for JSON that is no value of the type."""

    to_json: Callable[[Any], Any]
    from_json: Callable[[Any], Any]


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def _int(value: Any) -> int:
    if type(value) is not int:  # JSON `true` is a bool, which is an int to Python
        raise TypeError("not an integer")
    return value


def _moment(value: Any) -> datetime:
    moment = datetime.fromisoformat(_text(value))
    if moment.tzinfo is None:
        raise ValueError("a moment without its offset")
    return moment


DATETIME = Codec(lambda moment: moment.isoformat(), _moment)
DATE = Codec(lambda day: day.isoformat(), lambda value: date.fromisoformat(_text(value)))
INT = Codec(lambda number: number, _int)
STR = Codec(lambda text: text, _text)
UUID = Codec(lambda value: value.hex, lambda value: uuid.UUID(hex=_text(value)))


@dataclass(frozen=True, eq=False)  # SQL expressions compare into SQL, not into a bool
class Key:
    """One column of a sort order.

    `name` is its entry in a cursor, its label in the rows `Keyset.columns` selects, and (as
    `after_<name>`) the parameter of `Keyset.after`. `shown` is what a row gives of it when
    that is not `column` itself: a nullable column that `column` coalesces, so a NULL sorts as
    `null_as` (and a cursor at such a row keeps JSON null).
    """

    name: str
    column: Any
    codec: Codec
    shown: Any = None
    null_as: Any = None

    @property
    def selected(self) -> Any:
        return self.column if self.shown is None else self.shown


Position = dict[str, Any]  # a row's values of a keyset's keys, by key name


@dataclass(frozen=True, eq=False)
class Keyset:
    """A total order of a list's rows (its last key unique) and the cursors of its pages.

    All keys run one way, `descending` or not, so "after" is one row comparison, which the
    databases seek a matching index with. `marks` are what a cursor carries besides its
    position to tell which list and sort it belongs to; a list whose cursors also depend on
    the request (whose posting's applications) passes those as keyword arguments.
    """

    keys: tuple[Key, ...]
    descending: bool = False
    marks: Mapping[str, Any] = field(default_factory=dict)
    parameter: str = "cursor"
    refusal: str = "this cursor belongs to another list or sort order; start again without it"

    def order_by(self) -> list[ColumnElement[Any]]:
        """The ORDER BY of the list."""
        if self.descending:
            return [key.column.desc() for key in self.keys]
        return [key.column.asc() for key in self.keys]

    def columns(self) -> list[Label[Any]]:
        """What a page's rows must select for `encode`: each key's value, named as the key."""
        return [key.selected.label(key.name) for key in self.keys]

    def after(self, position: Position | None = None) -> ColumnElement[bool]:
        """Rows strictly after `position` in this order; without one, its values are left as
        the parameters `arguments` gives, for a statement compiled once.

        As a row comparison, PostgreSQL seeks the index to the row after the position; spelled
        `a <= x AND (a < x OR id > y)`, it sought only to `x`, then read and dropped every row
        before the position that shares it (hundreds of rows may share a date).
        """
        columns = [key.column for key in self.keys]
        values = [
            bindparam(
                f"after_{key.name}",
                None if position is None else position[key.name],
                type_=key.column.type,
            )
            for key in self.keys
        ]
        row: ColumnElement[Any] = tuple_(*columns) if len(columns) > 1 else columns[0]
        bound: ColumnElement[Any] = tuple_(*values) if len(values) > 1 else values[0]
        return row < bound if self.descending else row > bound

    def arguments(self, position: Position) -> dict[str, Any]:
        """The values of `after`'s parameters for `position`."""
        return {f"after_{key.name}": position[key.name] for key in self.keys}

    def encode(self, row: Mapping[str, Any], **marks: Any) -> str:
        """The cursor of the page after `row` (which holds each key's value by its name)."""
        sealed = {**self.marks, **marks}
        for key in self.keys:
            value = row[key.name]
            if value is None and key.null_as is None:
                raise ValueError(f"key {key.name!r} is NULL but declares no `null_as`")
            sealed[key.name] = None if value is None else key.codec.to_json(value)
        return encode_cursor(sealed)

    def decode(self, cursor: str, **marks: Any) -> Position:
        """The position `cursor` keeps; 422 naming the parameter for a cursor this API did not
        issue, or one of another list or sort order."""
        sealed = decode_cursor(cursor, self.parameter)
        expected = {**self.marks, **marks}
        names = {key.name for key in self.keys}
        fits = sealed.keys() == expected.keys() | names and all(
            sealed[name] == value for name, value in expected.items()
        )
        if fits:
            try:
                return {key.name: self._value(key, sealed[key.name]) for key in self.keys}
            except (TypeError, ValueError):
                pass
        raise InvalidInput(["query", self.parameter], self.refusal)

    @staticmethod
    def _value(key: Key, value: Any) -> Any:
        if value is None and key.null_as is not None:
            return key.null_as
        return key.codec.from_json(value)
