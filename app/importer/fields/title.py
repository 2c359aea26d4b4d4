"""The opening's title: the role, not the page's headline around it."""

import re
from pathlib import PurePosixPath

from app.importer.fields.common import Found, front_text
from app.importer.languages import alternatives
from app.importer.markdown import inline_text
from app.importer.roles import looks_like_role
from app.importer.segment import Draft

_TITLE_PREFIX = re.compile(
    r"^(?:\[[^\]]*\]\s*|(?:we(?:'|’)?re|we are|now|is)?\s*hiring\s*[:!-]\s*|"
    r"(?:job|vacancy|position|opening|job opening|stellenangebot|wir suchen|offre)\s*[:!-]\s*|"
    r"(?:vacancy|vacancies|opening) for\s+(?:an?\s+)?|hiring\s+(?:an?\s+)?)+",
    re.IGNORECASE,
)
HIRING_SENTENCE = re.compile(
    rf"^(?P<who>.+?)\s+(?:{alternatives('hiring_verbs')})\s+"
    r"(?:(?:a|an|the|one|two|new|our)\s+)*(?P<what>.+?)[!.]?$",
    re.IGNORECASE,
)
JOBS_PAGE = re.compile(
    r"^(?P<org>.+?)\s*[-–|:]\s*(?:job|jobs|job opportunities|careers|vacancies|openings|"
    r"work with us|join us|hiring)\s*$|^(?:jobs|careers|vacancies|work|join us)\s+(?:at|with)\s+"
    r"(?P<org2>.+)$",
    re.IGNORECASE,
)
ORG_TITLE_PAIR = re.compile(r"^(?P<org>[^:]{2,80}):\s+(?P<title>.+)$")


def clean_title(title: str) -> str:
    """The role in a heading: without "We're hiring:", "X is looking for a", "Org: "."""
    title = re.split(r"(?<=[a-z])[.!]\s+(?=[A-Z])", inline_text(title))[0]
    title = _TITLE_PREFIX.sub("", title).strip(" !.:-–")
    hiring = HIRING_SENTENCE.match(title)
    if hiring and looks_like_role(hiring.group("what")):
        title = hiring.group("what").strip(" !.")
    pair = ORG_TITLE_PAIR.match(title)
    if pair and looks_like_role(pair.group("title")) and not looks_like_role(pair.group("org")):
        title = pair.group("title")
    return title


def title_of(draft: Draft) -> Found[str]:
    """The opening's heading; else a page title that names a job; else its first job heading;
    else the page title or the file name, as there must be a title."""
    if draft.title:
        return Found(clean_title(draft.title), "heading")
    front = front_text(draft.page, "title")
    page_title = front.value if front else None
    cleaned = clean_title(page_title) if page_title and not JOBS_PAGE.match(page_title) else ""
    if front and cleaned:
        return Found(cleaned, front.source)
    for heading in draft.headings():
        if looks_like_role(heading.title):
            return Found(clean_title(heading.title), f"heading: line {heading.line + 1}")
    if front and page_title:
        return Found(clean_title(page_title) or page_title, front.source)
    stem = PurePosixPath(draft.page.source).stem
    return Found(clean_title(stem) or stem, "file name")
