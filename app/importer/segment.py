"""A page to its openings: one draft per role the page advertises, each with the text that
belongs to it and the sections every opening on the page shares.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.importer.languages import alternatives
from app.importer.markdown import Heading, anchor_of, headings, inline_text, resolve_references
from app.importer.read import Page
from app.importer.roles import SHARED_SECTION, looks_like_role, role_phrase


@dataclass
class Draft:
    """One opening's share of a page: its heading (if any), anchor and Markdown text.

    `outline` holds the headings of `text` when they are known from the page's own parse,
    so that extraction need not parse the text again.
    """

    page: Page
    title: str | None
    anchor: str | None
    text: str
    hints: dict[str, str] = field(default_factory=dict)
    outline: tuple[Heading, ...] | None = None

    def headings(self) -> tuple[Heading, ...]:
        """Every heading of the opening's text."""
        return headings(self.text) if self.outline is None else self.outline


_INLINE_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_ANCHOR_LINK = re.compile(r"\]\(#([\w-]+)\)")
_LISTED_LINK = re.compile(r"^\s*(?:[-*+]\s+)?\[([^\]]+)\]\((https?://[^)\s]+)\)\s*[,:–-]?\s*(.*)$")


def _anchored(body: str, found: Sequence[Heading]) -> list[Heading]:
    """Headings an index of in-page links (`[Title](#anchor)`) points at."""
    by_anchor: dict[str, Heading] = {}
    for heading in found:
        by_anchor.setdefault(heading.anchor or anchor_of(heading.title), heading)
    targets = dict.fromkeys(_ANCHOR_LINK.findall(body))
    return [by_anchor[target] for target in targets if target in by_anchor]


def _role_headings(found: Sequence[Heading]) -> list[Heading]:
    """Two or more headings of one level that each read as a job title."""
    by_level: dict[int, list[Heading]] = {}
    for heading in found:
        if looks_like_role(heading.title):
            by_level.setdefault(heading.level, []).append(heading)
    best = max(by_level.items(), key=lambda item: (len(item[1]), -item[0]), default=None)
    return best[1] if best and len(best[1]) >= 2 else []


def _section_end(found: Sequence[Heading], heading: Heading, total: int) -> int:
    later = [h.line for h in found if h.line > heading.line and h.level <= heading.level]
    return min(later, default=total)


Span = tuple[int, int]  # a section's first line and the line after its last


def _excerpt(
    lines: list[str], found: Sequence[Heading], spans: list[Span]
) -> tuple[str, tuple[Heading, ...]]:
    """The text of sections of a page, joined by blank lines, and its headings: the page's
    own, moved to their lines in the excerpt, rather than a second parse of the same lines."""
    texts: list[str] = []
    outline: list[Heading] = []
    offset = 0
    for start, end in spans:
        text = "\n".join(lines[start:end]).strip()
        outline += [
            replace(heading, line=heading.line - start + offset)
            for heading in found
            if start <= heading.line < end
        ]
        texts.append(text)
        offset += text.count("\n") + 2
    return "\n\n".join(texts), tuple(outline)


def _sectioned(
    page: Page, body: str, found: Sequence[Heading], openings: list[Heading]
) -> list[Draft]:
    """One draft per opening heading; shared sections after them go with each."""
    lines = body.splitlines()
    chosen = {heading.line for heading in openings}
    top = min(heading.level for heading in openings)
    first = min(chosen)
    shared = [
        (h.line, _section_end(found, h, len(lines)))
        for h in found
        if h.line > first
        and h.line not in chosen
        and h.level <= top
        and SHARED_SECTION.match(h.title)
    ]
    preamble = "\n".join(lines[:first])
    drafts = []
    for heading in sorted(found, key=lambda h: h.line):
        own = (heading.line, _section_end(found, heading, len(lines)))
        text, outline = _excerpt(lines, found, [own, *shared])
        if heading.line in chosen:
            drafts.append(
                Draft(
                    page=page,
                    title=heading.title,
                    anchor=heading.anchor or anchor_of(heading.title),
                    text=text,
                    hints={"context": preamble},
                    outline=outline,
                )
            )
        elif (
            heading.level == top
            and heading.line > first
            and not SHARED_SECTION.match(heading.title)
        ):
            drafts += _linked_roles(page, text, outline, preamble)
    return drafts


def _linked_roles(
    page: Page, text: str, outline: tuple[Heading, ...], preamble: str
) -> list[Draft]:
    """A section between openings that names several roles as links to their adverts
    ("two new roles: the [Data Engineer](...) and the [Editor](...)"): one draft each."""
    roles = {
        inline_text(label): url
        for label, url in _INLINE_LINK.findall(text)
        if url.startswith(("http://", "https://")) and looks_like_role(label)
    }
    return [
        Draft(page=page, title=title, anchor=anchor_of(title), text=text,
              hints={"context": preamble, "apply_url": url}, outline=outline)
        for title, url in roles.items()
    ]  # fmt: skip


def _listed(page: Page, body: str) -> list[Draft]:
    """Openings given as a list of links, one a line: `[Title](url), Organisation - Closes ...`."""
    drafts = []
    for line in body.splitlines():
        match = _LISTED_LINK.match(line)
        if match and match.group(3).strip() and looks_like_role(match.group(1)):
            title = inline_text(match.group(1))
            drafts.append(
                Draft(
                    page=page,
                    title=title,
                    anchor=anchor_of(title),
                    text=line.strip(),
                    hints={"apply_url": match.group(2), "listed": match.group(3)},
                )
            )
    return drafts


_HIRING_PARAGRAPH = re.compile(
    rf"\s(?:{alternatives('hiring_verbs')})\s+(?P<what>[^.]+)", re.IGNORECASE
)


def _announced(page: Page, body: str, listed: list[Draft]) -> list[Draft]:
    """Paragraphs of a listing page that announce a job in prose instead of a link line:
    "The X project are looking for a part-time developer for three months."."""
    listed_text = {draft.text for draft in listed}
    drafts = []
    for paragraph in re.split(r"\n\s*\n", body):
        text = paragraph.strip()
        match = _HIRING_PARAGRAPH.search(inline_text(text))
        if text in listed_text or match is None:
            continue
        if title := role_phrase(match.group("what")):
            drafts.append(Draft(page=page, title=title, anchor=anchor_of(title), text=text))
    return drafts


def split_openings(page: Page) -> list[Draft]:
    """The openings on a page: by an index of anchors, by job-title headings, by a list of
    links, or else the whole page as one opening."""
    body = resolve_references(page.body).strip()
    found = headings(body)
    anchored = _anchored(body, found)
    if anchored:
        return _sectioned(page, body, found, anchored)
    by_heading = _role_headings(found)
    if by_heading:
        return _sectioned(page, body, found, by_heading)
    listed = _listed(page, body)
    if len(listed) >= 2:
        return listed + _announced(page, body, listed)
    return [Draft(page=page, title=None, anchor=None, text=body)]
