"""What every value a client sends must be, wherever it arrives: text the databases and XML
can hold, dates the code can compute with, and JSON of bounded depth.

Declared once here: request bodies' models derive from `InputModel`, query strings, paths and
headers are checked by `app.api.request_limits`, and the feeds strip what is already stored.
"""

import re
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, field_validator

# C0 control characters but tab, LF and CR: PostgreSQL cannot store NUL and XML 1.0 holds none
# of them. Lone surrogates ("\ud800" in JSON) are no characters at all: UTF-8 cannot encode them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

# Years every computation here stays inside: a deadline's closing time a day and a timezone
# away, an offset turned into UTC, a cursor's date. Far beyond any real posting either way.
FIRST_YEAR = 1900
LAST_YEAR = 9000
EARLIEST_DAY = date(FIRST_YEAR, 1, 1)
LATEST_DAY = date(LAST_YEAR, 12, 31)
DATE_RANGE = f"must be between {EARLIEST_DAY.isoformat()} and {LATEST_DAY.isoformat()}"

# The most values one repeatable filter takes: each is a condition of the query, and past a
# few hundred SQLite refuses the expression and PostgreSQL plans for minutes.
MAX_FILTER_VALUES = 50

MAX_JSON_DEPTH = 20


def unsafe_character_error(text: str) -> str | None:
    """Why `text` cannot be accepted, naming the first character no database or feed holds."""
    match = _UNSAFE.search(text)
    if match is None:
        return None
    return (
        f"holds U+{ord(match.group()):04X} at position {match.start()}, which cannot be stored:"
        " text may hold tab, line feed and carriage return, but no other control character"
        " and no lone surrogate"
    )


def _check_text(value: Any) -> None:
    """Raise for the first unsafe string in `value`, in its keys and items too."""
    if isinstance(value, str):
        if error := unsafe_character_error(value):
            raise ValueError(error)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_text(item)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            _check_text(item)


def json_depth_error(value: Any) -> str | None:
    """Why JSON parsed into `value` nests too deeply for the code that reads it, if it does."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict | list):
            if depth > MAX_JSON_DEPTH:
                return f"nests deeper than {MAX_JSON_DEPTH} levels of arrays and objects"
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return None


class InputModel(BaseModel):
    """A model of what a client sends: no field, however nested, holds unsafe text."""

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_unsafe_text(cls, value: Any) -> Any:
        _check_text(value)
        return value


def _within_days(value: date) -> date:
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise ValueError(DATE_RANGE)
    return value


def _within_moments(value: datetime) -> datetime:
    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not EARLIEST_DAY.year <= moment.year <= LATEST_DAY.year:
        raise ValueError(DATE_RANGE)
    return moment


Day = Annotated[date, AfterValidator(_within_days)]
"""A calendar date in the range above."""

Moment = Annotated[datetime, AfterValidator(_within_moments)]
"""A timestamp in the range above, taken as UTC when it has no offset."""
