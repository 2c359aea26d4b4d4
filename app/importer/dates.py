"""Dates as adverts write them: ISO, day-first numeric, and named months in every language."""

import re
from datetime import date

from app.importer.languages import merged

MONTHS: dict[str, int] = merged("months")

_MONTH = "|".join(sorted((re.escape(name) for name in MONTHS), key=len, reverse=True))
_ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")
_DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er|\.)?\s+(?:of\s+)?({_MONTH})\.?,?(?:\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_MONTH_DAY = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.IGNORECASE
)


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


def find_dates(text: str, after: date | None = None) -> list[tuple[int, date]]:
    """Every date in `text` with its offset, in order of appearance."""
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
    for match in _DAY_MONTH.finditer(text):
        year = int(match[3]) if match[3] else None
        if parsed := _make(year, MONTHS[match[2].lower()], int(match[1]), after):
            found.append((match.start(), parsed))
    for match in _MONTH_DAY.finditer(text):
        year = int(match[3]) if match[3] else None
        if parsed := _make(year, MONTHS[match[1].lower()], int(match[2]), after):
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
