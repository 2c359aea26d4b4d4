"""Postings as an Atom feed, for feed readers and the simplest integrations."""

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

ATOM = "application/atom+xml"

# What XML 1.0 cannot hold: control characters but tab, LF and CR, lone surrogates, and the
# two non-characters U+FFFE and U+FFFF. Refused on the way in (`app.core.inputs`), but rows
# stored before that was refused may still hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: Any) -> Any:
    """Strings without what XML cannot hold, in lists and dicts too; other values as given."""
    if isinstance(value, str):
        return _NOT_XML.sub("", value)
    if isinstance(value, list):
        return [_xml_text(item) for item in value]
    if isinstance(value, dict):
        return {key: _xml_text(item) for key, item in value.items()}
    return value


def atom_feed(items: Sequence[dict[str, Any]], feed_url: str, base_url: str) -> bytes:
    """One entry per posting summary (as the JSON list shows it), newest first as listed,
    linking to the JSON posting. The feed was updated when its latest entry was."""
    items = [_xml_text(item) for item in items]
    updated = max((datetime.fromisoformat(item["updated_at"]) for item in items), default=None)
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title("Openings")
    feed.subtitle("Job openings published on Openings")
    feed.link(href=feed_url, rel="self", type=ATOM)
    feed.updated(updated or datetime(1970, 1, 1, tzinfo=UTC))
    for item in reversed(items):  # feedgen prepends each entry it is given
        entry = feed.add_entry()
        url = f"{base_url}/v1/postings/{item['id']}"
        entry.id(url)
        entry.title(item["title"])
        entry.link(href=url, rel="alternate", type="application/json")
        if item.get("apply_url"):
            entry.link(href=item["apply_url"], rel="related", title="Apply")
        entry.author(name=item["organisation"]["name"])
        entry.published(datetime.fromisoformat(item["created_at"]))
        entry.updated(datetime.fromisoformat(item["updated_at"]))
        facts = [
            item["organisation"]["name"],
            item["location"],
            item["remote"],
            item["employment_type"],
            f"apply by {item['deadline']}" if item["deadline"] else None,
        ]
        entry.summary(" · ".join(str(fact) for fact in facts if fact))
        if item.get("description_html"):
            entry.content(item["description_html"], type="html")
        for tag in item["tags"]:
            entry.category(term=tag)
    body: bytes = feed.atom_str(pretty=False)
    return body
