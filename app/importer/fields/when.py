"""When the opening was posted and when applications close.

The cues are each language's words (`app/importer/languages`): a closing cue ("deadline",
"Bewerbungsfrist", "no later than") takes a date soon after it; a bare word ("until",
"jusqu'au", "entro") only a date right after it, in a sentence about applying. A date
after a start, a review or a contract's end is not a closing date, however it is cued.
"""

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

from app.importer.dates import find_dates, parse_date
from app.importer.fields.common import Found, front_values
from app.importer.languages import LANGUAGES, alternatives
from app.importer.markdown import inline_text
from app.importer.read import Page, key_form
from app.importer.segment import Draft


def _cue_pattern(*names: str) -> re.Pattern[str]:
    """One pattern of the cues of `names` (each starts with a plain letter), grouped by that
    letter: the scan then tries at each word only the cues that start with its letter, not
    all of them, and skips the words that start with no cue's letter at once."""
    phrases = {phrase for words in LANGUAGES for name in names for phrase in getattr(words, name)}
    by_letter: dict[str, list[str]] = {}
    for phrase in sorted(phrases, key=lambda phrase: (-len(phrase), phrase)):
        by_letter.setdefault(phrase[0].lower(), []).append(phrase[1:])
    letters = "".join(sorted(by_letter))
    groups = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
    return re.compile(rf"\b(?=[{letters}])(?:{groups})(?!\w)", re.IGNORECASE)


def _words(name: str) -> tuple[str, ...]:
    """A field of every language as lower-case words, for substring tests."""
    return tuple(sorted({word.lower() for words in LANGUAGES for word in getattr(words, name)}))


_DEADLINE_CUE = _cue_pattern("deadline_cues", "deadline_bare_cues")
_BARE_CUE = re.compile(rf"(?:{alternatives('deadline_bare_cues')})", re.IGNORECASE)
_POSTED_CUE = _cue_pattern("posted_cues")
_OPEN_UNTIL_FILLED = re.compile(rf"\b(?:{alternatives('open_until_filled')})", re.IGNORECASE)
_APPLICATION_WORDS = _words("application_words")
_NOT_DEADLINE_WORDS = _words("not_deadline_cues")
# How far after its cue a deadline may stand; a bare word must be followed at once.
_NEAR, _AT_ONCE = 40, 6
# How much text after a cue is searched for its date: enough for the longest way of writing
# one ("Wednesday, the 15th of September 2027") after the distance allowed.
_WINDOW, _BARE_WINDOW = 80, 50
_MONTH_END_AHEAD = re.compile(rf"\W{{0,6}}(?:{alternatives('month_end_cues')})\b", re.IGNORECASE)
_LEAD_WORDS = 2  # words before a cue that may say what its date is about
# Where a sentence or a clause ends in the inline text of Markdown, which joins its lines:
# at a full stop and the like, and where a heading, a list item or a table cell begins.
_BLOCK_START = r"\s(?:#+|[-+]|\d+\.|\|)\s"
_CLAUSE_BREAK = re.compile(rf"[.;:!?,]\s|{_BLOCK_START}")
_SENTENCE_BREAK = re.compile(rf"[.;!?]\s|{_BLOCK_START}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Date keys that are not the posting's: `date_modified`, `date_end`, `date_expires`, ...
_NOT_POSTED_KEYS = ("modif", "updat", "end", "expir", "start", "clos", "deadline", "limit")
_FILE_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})-")


@dataclass(frozen=True)
class _Candidate:
    """A date a cue points at, and how much the cue says it is a closing date."""

    when: date
    closing: bool  # a closing cue ("deadline"), not a bare word ("until")
    source: str


def _mentions(text: str, words: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in words)


def _file_line(page: Page, raw: str, plain: str, cue: re.Match[str]) -> int | None:
    """The file's line of a cue found in `plain`, the inline text of `raw` (a part of the
    page's body): its raw line is found by the count of the same cue before it."""
    word = cue.group(0).lower()
    count = plain.lower().count(word, 0, cue.start())
    lowered, at = raw.lower(), -1
    for _ in range(count + 1):
        at = lowered.find(word, at + 1)
        if at < 0:
            return None
    start = raw.rfind("\n", 0, at) + 1
    end = raw.find("\n", at)
    line = raw[start : end if end >= 0 else len(raw)]
    where = page.body.find(line)
    if where < 0 or page.body_line == 0:
        return None
    return page.body_line + page.body.count("\n", 0, where)


def _where(page: Page, label: str, raw: str, plain: str, cue: re.Match[str]) -> str:
    """A prose source with its line in the file when it can be told."""
    if not label.endswith("prose"):
        return label
    line = _file_line(page, raw, plain, cue)
    return f"{label}: line {line}" if line else label


def _is_closing(text: str, cue: re.Match[str], offset: int, bare: bool) -> bool:
    """Whether a date `offset` characters after a cue closes applications: nothing between
    them speaks of a start, a review or a contract's end; and a bare word must stand in a
    sentence about applying, in a clause that is not about one of those."""
    between = text[cue.end() : cue.end() + offset]
    before = text[max(0, cue.start() - 200) : cue.start()]
    clause = _CLAUSE_BREAK.split(before)[-1]
    # "to begin no later than": the words right before a cue can make it a start's.
    lead = " ".join(clause.split()[-_LEAD_WORDS:])
    if _mentions(f"{lead} {between}", _NOT_DEADLINE_WORDS):
        return False
    if not bare:
        return True
    sentence = _SENTENCE_BREAK.split(before)[-1] + cue.group(0) + between
    return _mentions(sentence, _APPLICATION_WORDS) and not _mentions(clause, _NOT_DEADLINE_WORDS)


def _may_hold_date(window: str) -> bool:
    """Whether a date can stand in the text after a cue: every date has a digit but a month's
    end ("end of June"). Most bare words ("by the way") are followed by neither, and this
    test is much cheaper than looking for dates."""
    return any(character.isdigit() for character in window) or bool(_MONTH_END_AHEAD.match(window))


def _candidates(
    page: Page, label: str, raw: str, posted: date | None, near: int | None
) -> list[_Candidate]:
    """Every closing date a cue in `raw` points at."""
    text = inline_text(raw)
    found: list[_Candidate] = []
    for cue in _DEADLINE_CUE.finditer(text):
        bare = _BARE_CUE.fullmatch(cue.group(0)) is not None
        window = text[cue.end() : cue.end() + (_BARE_WINDOW if bare else _WINDOW)]
        if not _may_hold_date(window):
            continue
        dates = find_dates(window, after=posted, near=near)
        if not dates:
            continue
        offset, when = dates[0]
        if offset <= (_AT_ONCE if bare else _NEAR) and _is_closing(text, cue, offset, bare):
            found.append(_Candidate(when, not bare, _where(page, label, raw, text, cue)))
    return found


def _chosen(candidates: list[_Candidate]) -> _Candidate | None:
    """The closing date in force: a closing cue's over a bare word's, and of several the
    latest, as a page re-advertised keeps its old dates beside the new."""
    if not candidates:
        return None
    closing = [candidate for candidate in candidates if candidate.closing] or candidates
    return max(closing, key=lambda candidate: candidate.when)


def _latest_year(texts: list[str]) -> int | None:
    """The latest year the texts name: the one a weekday's date most likely falls in."""
    return max((int(year) for text in texts for year in _YEAR.findall(text)), default=None)


# "- 21 April 2023: Lab X offers ...", "- 31 July 2024 (deadline): ...": a listed opening
# that opens with a date, the day it was announced unless the words there call it a deadline.
_DATED_ITEM = re.compile(r"^[\s*_]*(?P<when>[^:–\n]{4,40}?)[\s*_]*[:–]\s")


def _item_date(draft: Draft) -> tuple[date, bool] | None:
    """The date a list item of several openings opens with, and whether it is the deadline."""
    dated = _DATED_ITEM.match(draft.hints.get("item_line", ""))
    if dated is None:
        return None
    when = dated.group("when")
    dates = find_dates(when)
    if not dates or dates[0][0] != 0:  # "Ab 1. Mai 2025:" is when the job starts
        return None
    return dates[0][1], _DEADLINE_CUE.search(when) is not None


def deadline_of(draft: Draft, posted: date | None) -> Found[date] | None:
    """A closing-date key; else the posting's expiry key, unless the advert says it stays
    open until filled; else a date a cue points at in the opening's text, else in the page's
    text around the openings."""
    page = draft.page
    for key, value in front_values(page, "deadline"):
        if found := parse_date(value):
            return Found(found, f"front matter: {key}")
    for key, value in front_values(page, "expiry"):
        if found := parse_date(value):
            if _OPEN_UNTIL_FILLED.search(inline_text(draft.text)):
                break
            return Found(found, f"front matter: {key}")
    if (dated := _item_date(draft)) and dated[1]:
        return Found(dated[0], "list item: its date")
    front = page.front_matter
    own = [
        ("listing line", draft.hints.get("listed", "")),
        ("prose", draft.text),
        *(
            (f"front matter: {key}", str(front[key]))
            for key in ("teaser", "excerpt", "summary", "description")
            if key in front and page.body_line
        ),
    ]
    around = [("page prose", draft.hints.get("context", ""))]
    near = posted.year if posted else _latest_year([raw for _, raw in own + around])
    for texts in (own, around):
        candidates = [
            candidate
            for label, raw in texts
            if raw
            for candidate in _candidates(page, label, raw, posted, near)
        ]
        if chosen := _chosen(candidates):
            return Found(chosen.when, chosen.source)
    return None


def posted_of(draft: Draft) -> Found[date] | None:
    """A date key, else the date a listed opening opens with, else the date in the file
    name, else "posted on" in the text."""
    page = draft.page
    for key, value in front_values(page, "posted"):
        if found := parse_date(value):
            return Found(found, f"front matter: {key}")
    for key, value in page.front_matter.items():
        form = key_form(key)
        if (
            form.startswith("date")
            and not any(word in form for word in _NOT_POSTED_KEYS)
            and (found := parse_date(value))
        ):
            return Found(found, f"front matter: {key}")
    if (dated := _item_date(draft)) and not dated[1]:
        return Found(dated[0], "list item: its date")
    name = PurePosixPath(page.source.split("?")[0]).name
    if match := _FILE_NAME_DATE.match(name):
        try:
            return Found(date.fromisoformat(match.group(1)), "file name")
        except ValueError:
            pass
    text = inline_text(draft.text)
    for cue in _POSTED_CUE.finditer(text):
        dates = find_dates(text[cue.end() : cue.end() + 40])
        if dates and dates[0][0] <= _AT_ONCE:
            return Found(dates[0][1], _where(page, "prose", draft.text, text, cue))
    return None
