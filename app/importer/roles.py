"""Whether a line of an advert names a job: the role nouns and shared-section headings of every
language, and the phrase of a role inside a sentence."""

import re

from app.importer.languages import alternatives

ROLE = re.compile(rf"\b({alternatives('role_nouns')})\b", re.IGNORECASE)
# Headings of parts that belong to every opening on a page rather than being one.
SHARED_SECTION = re.compile(rf"^(?:{alternatives('shared_sections')})", re.IGNORECASE)


def looks_like_role(text: str) -> bool:
    """Whether a heading or link text names a job: a role noun, not a section of an advert."""
    words = text.split()
    return (
        0 < len(words) <= 16
        and ROLE.search(text) is not None
        and SHARED_SECTION.match(text.strip()) is None
    )


def role_phrase(text: str) -> str | None:
    """The job named in a phrase: "a full-time Research Software Engineer for ..." ->
    "Research Software Engineer"; a lower-case role noun alone is capitalised."""
    match = ROLE.search(text)
    if match is None:
        return None
    words = text[: match.start()].split()
    lead: list[str] = []
    while words and words[-1][:1].isupper() and len(lead) < 4:
        lead.insert(0, words.pop())
    role = match.group(0)
    return " ".join([*lead, role]) if lead else role[:1].upper() + role[1:]
