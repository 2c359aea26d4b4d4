"""Where a posting lives for people: its page, `/postings/{id}/{slug}`, named once for the
pages, the JSON-LD that search engines read, the sitemap and the feeds."""

import re

_NOT_WORDS = re.compile(r"[^a-z0-9]+")


def slug_of(title: str) -> str:
    """ "Research Software Engineer (m/w/d)" -> "research-software-engineer-m-w-d"; the id
    finds the posting, the slug only tells a reader of the address what it is."""
    return _NOT_WORDS.sub("-", title.lower()).strip("-")[:80].rstrip("-") or "posting"


def page_path(posting_id: int, title: str) -> str:
    return f"/postings/{posting_id}/{slug_of(title)}"
