"""Postings as an Atom feed, for feed readers and the simplest integrations."""

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from app.postings.links import page_path

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


def _text(parent: Element, tag: str, text: str, **attributes: str) -> Element:
    element = SubElement(parent, tag, attributes)
    element.text = text
    return element


def _link(parent: Element, href: str, rel: str, media_type: str | None = None, **more: str) -> None:
    attributes = {"href": href, "rel": rel, **more}
    if media_type:
        attributes["type"] = media_type
    SubElement(parent, "link", attributes)


def atom_feed(items: Sequence[dict[str, Any]], feed_url: str, base_url: str) -> bytes:
    """One entry per posting summary (as the JSON list shows it), newest first as listed,
    linking to the posting's page and to its JSON. An entry's id stays the JSON's address,
    as it was before there were pages, so no reader sees its entries again as new ones. The
    feed was updated when its latest entry was.

    Written with the standard library: feedgen 1.0 dropped every link's `rel` and `type`, so
    an apply link read as the entry's own address.
    """
    items = [_xml_text(item) for item in items]
    updated = max((datetime.fromisoformat(item["updated_at"]) for item in items), default=None)
    feed = Element("feed", {"xmlns": "http://www.w3.org/2005/Atom"})
    _text(feed, "id", feed_url)
    _text(feed, "title", "Openings")
    _text(feed, "subtitle", "Job openings published on Openings")
    _link(feed, feed_url, "self", ATOM)
    _text(feed, "updated", (updated or datetime(1970, 1, 1, tzinfo=UTC)).isoformat())
    for item in items:
        entry = SubElement(feed, "entry")
        url = f"{base_url}/v1/postings/{item['id']}"
        _text(entry, "id", url)
        _text(entry, "title", item["title"])
        _link(entry, base_url + page_path(item["id"], item["title"]), "alternate", "text/html")
        _link(entry, url, "alternate", "application/json")
        if item.get("apply_url"):
            _link(entry, item["apply_url"], "related", title="Apply")
        author = SubElement(entry, "author")
        _text(author, "name", item["organisation"]["name"])
        _text(entry, "published", datetime.fromisoformat(item["created_at"]).isoformat())
        _text(entry, "updated", datetime.fromisoformat(item["updated_at"]).isoformat())
        facts = [
            item["organisation"]["name"],
            item["location"],
            item["remote"],
            item["employment_type"],
            f"apply by {item['deadline']}" if item["deadline"] else None,
        ]
        _text(entry, "summary", " · ".join(str(fact) for fact in facts if fact))
        if item.get("description_html"):
            _text(entry, "content", item["description_html"], type="html")
        for tag in item["tags"]:
            SubElement(entry, "category", {"term": tag})
    body: bytes = tostring(feed, encoding="utf-8")
    return b"<?xml version='1.0' encoding='UTF-8'?>\n" + body
