"""Dates as adverts write them: ISO, day-first numeric, named months in every language, with
or without a weekday, and a month's end ("end of June", "fin juin")."""

import calendar
import re
from datetime import date

from app.importer.languages import alternatives, merged

MONTHS: dict[str, int] = merged("months")
WEEKDAYS: dict[str, int] = merged("weekdays")

_MONTH = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_WEEKDAY = "|".join(sorted((re.escape(name) for name in WEEKDAYS), key=len, reverse=True))
# A date, also as the start of a timestamp ("2022-02-21T17:40:47Z").
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:\b|(?=T\d))")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
# "1st December 2027", "15 de marzo de 2027", "1er mars"; Spanish and Portuguese join with "de".
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|º|\.)?\s+(?:of\s+|de\s+)?({_MONTH})\.?,?"
    rf"(?:\s+(?:de\s+)?(\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE
)
_MONTH_END = re.compile(
    rf"\b(?:{alternatives('month_end_cues')})\s+({_MONTH})\b\.?,?(?:\s+(\d{{4}}))?",
    re.IGNORECASE,
)
# A weekday just before a date: "Friday 1st December", "vendredi 1er décembre", "Fri, Dec 1".
_WEEKDAY_BEFORE = re.compile(rf"\b({_WEEKDAY})\.?,?\s+(?:the\s+)?$", re.IGNORECASE)
# How far from the year the page otherwise speaks of a weekday may move a date's year.
_WEEKDAY_YEARS = 3


def _make(year: int | None, month: int, day: int, after: date | None) -> date | None:
    """A date; a missing year is the first that puts it on or after `after`."""
    if year is not None and year < 100:
        year += 2000
    try:
        if year is not None:
            return date(year, month, day)
        if after is None:
            return None
        candidate = date(after.year, month, day)
        return candidate if candidate >= after else date(after.year + 1, month, day)
    except ValueError:
        return None


def _month_end(year: int | None, month: int, after: date | None) -> date | None:
    """The last day of a month; without a year, the first such day on or after `after`."""
    if year is None:
        if after is None:
            return None
        year = after.year
        if date(year, month, calendar.monthrange(year, month)[1]) < after:
            year += 1
    return date(year, month, calendar.monthrange(year, month)[1])


def _by_weekday(weekday: int, month: int, day: int, near: int) -> date | None:
    """The date of that day and month, in the year nearest `near`, that falls on `weekday`."""
    for offset in sorted(range(-_WEEKDAY_YEARS, _WEEKDAY_YEARS + 1), key=abs):
        try:
            candidate = date(near + offset, month, day)
        except ValueError:
            continue
        if candidate.weekday() == weekday:
            return candidate
    return None


def _named(
    text: str, start: int, year: str | None, month: int, day: int, after: date | None,
    near: int | None,
) -> date | None:  # fmt: skip
    """A date with a named month; without a year, a weekday before it can tell the year."""
    if year or near is None or not WEEKDAYS:
        return _make(int(year) if year else None, month, day, after)
    weekday = _WEEKDAY_BEFORE.search(text[max(0, start - 16) : start])
    if weekday is None:
        return _make(None, month, day, after)
    return _by_weekday(WEEKDAYS[weekday.group(1).lower()], month, day, near)


def find_dates(
    text: str, after: date | None = None, near: int | None = None
) -> list[tuple[int, date]]:
    """Every date in `text` with its offset, in order of appearance.

    A date without a year takes the first year that puts it on or after `after`; one with a
    weekday ("Friday 1st December") the year near `near` whose calendar agrees."""
    found: list[tuple[int, date]] = []
    for match in _ISO.finditer(text):
        if parsed := _make(int(match[1]), int(match[2]), int(match[3]), after):
            found.append((match.start(), parsed))
    for match in _NUMERIC.finditer(text):
        day, month = int(match[1]), int(match[2])
        if month > 12 >= day:  # month first, as written in the United States
            day, month = month, day
        if parsed := _make(int(match[3]), month, day, after):
            found.append((match.start(), parsed))
    if not any(character.isalpha() for character in text):
        return sorted(found, key=lambda item: item[0])
    for match in _DAY_MONTH.finditer(text):
        month = MONTHS[match[2].lower()]
        if parsed := _named(text, match.start(), match[3], month, int(match[1]), after, near):
            found.append((match.start(), parsed))
    for match in _MONTH_DAY.finditer(text):
        month = MONTHS[match[1].lower()]
        if parsed := _named(text, match.start(), match[3], month, int(match[2]), after, near):
            found.append((match.start(), parsed))
    for match in _MONTH_END.finditer(text):
        month = MONTHS[match[1].lower()]
        if parsed := _month_end(int(match[2]) if match[2] else None, month, after):
            found.append((match.start(), parsed))
    return sorted(found, key=lambda item: item[0])


def parse_date(value: object) -> date | None:
    """A front-matter value as a date, whatever form it took."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        dates = find_dates(value)
        return dates[0][1] if dates else None
    return None
