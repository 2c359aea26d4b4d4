"""The templates' environment: autoescaped HTML, and dates and amounts written for people.

Templates are compiled once per worker; a page costs its data and one render.
"""

import math
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import orjson
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from app.core.urls import base_url
from app.pages import board
from app.postings.links import page_path

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
DAY = timedelta(days=1)


def _day(value: date | str | None) -> str:
    """ "1 March 2027": the month in words, so no reader mistakes day for month."""
    if value is None:
        return ""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day.day} {day:%B %Y}"


def moment(value: datetime | str) -> datetime:
    """A time from the API's JSON (`2027-03-01T23:00:00Z`) or from Python."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def days_left(closes_at: datetime | str, now: datetime) -> int:
    """Whole days until applications close (0 within the last day; negative once closed)."""
    return math.floor((moment(closes_at) - now) / DAY)


def closing_words(posting: dict[str, Any], now: datetime) -> str:
    """ "closes in 5 days", "closes within a day", "closed": the deadline as a person reads it.
    Only an open posting's words change as time passes (`words_change_at`)."""
    if posting["status"] != "open":
        return "no longer takes applications"
    closes_at = posting["closes_at"]
    if closes_at is None:
        return "open until filled"
    left = days_left(closes_at, now)
    if moment(closes_at) <= now:
        return "closed"
    if left == 0:
        return "closes within a day"
    return f"closes in {left} day{'s' if left != 1 else ''}"


def words_change_at(closes_at: datetime | str | None, now: datetime) -> datetime | None:
    """When `closing_words` next reads differently, for how long a page may be kept."""
    if closes_at is None or moment(closes_at) <= now:
        return None
    closes = moment(closes_at)
    return closes - days_left(closes, now) * DAY


def json_script(value: Any) -> Markup:
    """JSON for a `<script type="application/ld+json">`: no `<`, `>` or `&` that could end it."""
    text = orjson.dumps(value).decode()
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # safe inside a script element, as escaped above


_HEADING = re.compile(r"<(/?)h([1-5])\b")
_LEADING_TITLE = re.compile(r"\s*<h1>(.*?)</h1>\s*", re.DOTALL)


def description_body(description_html: str, title: str) -> Markup:
    """The posting's sanitised description under the page's own title: a first heading that
    repeats the title is dropped, and the others go a level down, so the page has one `h1`
    and an outline a screen reader can follow."""
    leading = _LEADING_TITLE.match(description_html)
    if leading and Markup(leading.group(1)).striptags().casefold() == title.strip().casefold():
        description_html = description_html[leading.end() :]
    demoted = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", description_html)
    return Markup(demoted)  # sanitised when the posting was written (`app.core.markdown`)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(day=_day, json_script=json_script, number=_number)
    env.globals.update(
        description_body=description_body,
        closing_words=closing_words,
        page_path=page_path,
        form=board.FORM,
        query_string=board.query_string,
        remote_words=board.REMOTE_WORDS,
        employment_words=board.EMPLOYMENT_WORDS,
    )
    return env


ENVIRONMENT = environment()


def render(template: str, **context: Any) -> bytes:
    """The template with `context`, and `root`: the path every link of the page starts with,
    `PUBLIC_URL`'s own (a proxy may serve the site under a prefix it strips)."""
    request = context.get("request")
    root = urlsplit(base_url(request)).path.rstrip("/") if request is not None else ""
    return ENVIRONMENT.get_template(template).render(root=root, **context).encode()
