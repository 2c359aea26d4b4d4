"""When the opening was posted and when applications close."""

import re
from datetime import date
from pathlib import PurePosixPath

from app.importer.dates import find_dates, parse_date
from app.importer.fields.common import Found, front_values
from app.importer.markdown import inline_text
from app.importer.segment import Draft

# Every cue starts a word, with one of the letters in the lookahead; saying so lets the scan
# skip every other position at once. A cue with another first letter must add it there.
_DEADLINE_CUE = re.compile(
    r"\b(?=[abcdejnrsu])(?:deadline|closing date|closes|close on|closing on|apply by|"
    r"applications? (?:are )?(?:due|close|will close|must be received|accepted until)|"
    r"no later than|by the|"
    r"(?:received|submitted|apply|applications?)\s+(?:by|before|until)|bewerbungsfrist|"
    r"ausschreibungsfrist|bewerbungsschluss|bis zum|bis spätestens|date limite|avant le|"
    r"jusqu'au|expires?|(?:by|before|until)\b)",
    re.IGNORECASE,
)
# How far after its cue a deadline may stand; a bare "by" or "until" must be followed at once.
_NEAR, _AT_ONCE = 40, 6
_POSTED_CUE = re.compile(r"\b(?:posted|published|veröffentlicht|publié)(?:\s+on)?\b", re.I)


def posted_of(draft: Draft) -> Found[date] | None:
    """A date key, else the date in the file name, else "posted on" in the text."""
    front = draft.page.front_matter
    for key, value in front_values(draft.page, "posted"):
        if found := parse_date(value):
            return Found(found, f"front matter: {key}")
    for key, value in front.items():
        if key.startswith("date") and (found := parse_date(value)):
            return Found(found, f"front matter: {key}")
    name = PurePosixPath(draft.page.source.split("?")[0]).name
    if match := re.match(r"(\d{4}-\d{2}-\d{2})-", name):
        return Found(date.fromisoformat(match.group(1)), "file name")
    text = inline_text(draft.text)
    for cue in _POSTED_CUE.finditer(text):
        dates = find_dates(text[cue.end() : cue.end() + 40])
        if dates and dates[0][0] <= _AT_ONCE:
            return Found(dates[0][1], "prose")
    return None


def deadline_of(draft: Draft, posted: date | None) -> Found[date] | None:
    """A closing-date key, else a date right after a deadline cue in the text."""
    front = draft.page.front_matter
    for key, value in front_values(draft.page, "deadline"):
        if found := parse_date(value):
            return Found(found, f"front matter: {key}")
    summaries = " ".join(
        str(front[key]) for key in ("teaser", "excerpt", "summary", "description") if key in front
    )
    text = inline_text(f"{draft.hints.get('listed', '')}\n{draft.text}\n{summaries}")
    for cue in _DEADLINE_CUE.finditer(text):
        bare = cue.group(0).lower() in ("by", "before", "until")
        dates = find_dates(text[cue.end() : cue.end() + 80], after=posted)
        if dates and dates[0][0] <= (_AT_ONCE if bare else _NEAR):
            return Found(dates[0][1], "prose")
    return None
