"""A page to its openings: one draft per role the page advertises, each with the text that
belongs to it and the sections every opening on the page shares.
"""

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import Any

from app.importer.fields.common import FRONT_FORMS, FRONT_KEYS, front_values
from app.importer.languages import alternatives
from app.importer.markdown import (
    TITLE_PARTS,
    Heading,
    anchor_of,
    headings,
    inline_text,
    resolve_references,
)
from app.importer.read import Page, key_form
from app.importer.roles import (
    PAST_SECTION,
    POSITIONS,
    ROLE,
    ROLES,
    SHARED_SECTION,
    is_generic_title,
    is_role_name,
    looks_like_role,
    names_a_role,
    role_phrase,
    starts_with_role_word,
)


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
    pointed = [by_anchor[target] for target in targets if target in by_anchor]
    return pointed if any(looks_like_role(heading.title) for heading in pointed) else []


def _role_headings(found: Sequence[Heading]) -> list[Heading]:
    """Two or more headings of one level that each read as a job title."""
    by_level: dict[int, list[Heading]] = {}
    for heading in found:
        if names_a_role(heading.title):
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
    page: Page,
    body: str,
    found: Sequence[Heading],
    openings: list[Heading],
    kind: str = "heading",
) -> list[Draft]:
    """One draft per opening heading; shared sections after them go with each."""
    lines = body.splitlines()
    chosen = {heading.line for heading in openings}
    top = min(heading.level for heading in openings)
    first = min(chosen)
    candidates = [
        h
        for h in found
        if h.line > first
        and h.line not in chosen
        and h.level <= top
        and SHARED_SECTION.match(h.title)
    ]
    # A section title that recurs ("Apply here" after each role) belongs to the role before it.
    counts = Counter(h.title.casefold() for h in candidates)
    own_parts = {h.line: h for h in candidates if counts[h.title.casefold()] > 1}
    shared = [
        (h.line, _section_end(found, h, len(lines))) for h in candidates if h.line not in own_parts
    ]
    preamble = "\n".join(lines[:first])
    drafts = []
    for heading in sorted(found, key=lambda h: h.line):
        own = (heading.line, _section_end(found, heading, len(lines)))
        while own[1] in own_parts:
            own = (own[0], _section_end(found, own_parts[own[1]], len(lines)))
        text, outline = _excerpt(lines, found, [own, *shared])
        if heading.line in chosen:
            drafts.append(
                Draft(
                    page=page,
                    title=heading.title,
                    anchor=heading.anchor or anchor_of(heading.title),
                    text=text,
                    hints={
                        "context": _with_intro_above(lines, found, heading, preamble, first),
                        "title_from": f"{kind}: line {heading.line + 1}",
                    },
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


def _with_intro_above(
    lines: list[str], found: Sequence[Heading], heading: Heading, preamble: str, first: int
) -> str:
    """The text an opening shares with the others: the page's preamble, and the intro of the
    section it is in when that section starts below the first opening ("Student Hourly
    Positions", then what they pay, then a heading per student job)."""
    parents = [h for h in found if h.line < heading.line and h.level < heading.level]
    if not parents or parents[-1].line < first:
        return preamble
    parent = parents[-1]
    intro_end = min((h.line for h in found if h.line > parent.line), default=len(lines))
    return "\n\n".join(filter(None, (preamble, "\n".join(lines[parent.line : intro_end]))))


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
              hints={"context": preamble, "apply_url": url, "title_from": "link in a section"},
              outline=outline)
        for title, url in roles.items()
    ]  # fmt: skip


def _listed(page: Page, body: str) -> list[Draft]:
    """Openings given as a list of links, one a line: `[Title](url), Organisation - Closes ...`,
    each with the heading it is listed under (an aggregator's heading per employer)."""
    drafts = []
    found = headings(body)
    for number, line in enumerate(body.splitlines()):
        match = _LISTED_LINK.match(line)
        if match and match.group(3).strip() and looks_like_role(match.group(1)):
            title = inline_text(match.group(1))
            above = [heading for heading in found if heading.line < number]
            under = f"{'#' * above[-1].level} {above[-1].title}\n" if above else ""
            drafts.append(
                Draft(
                    page=page,
                    title=title,
                    anchor=anchor_of(title),
                    text=under + line.strip(),
                    hints={
                        "apply_url": match.group(2),
                        "listed": match.group(3),
                        "title_from": "listing link",
                    },
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
            drafts.append(Draft(page=page, title=title, anchor=anchor_of(title), text=text,
                                hints={"title_from": "prose"}))  # fmt: skip
    return drafts


@dataclass(frozen=True)
class Lead:
    """The first line of a list item: its text, the link it is (if it is one), whether it is
    bold, and where the item is (its first line, the line after it, and its list's first)."""

    text: str
    link: str | None
    bold: bool
    line: int
    end: int
    list_line: int


_LIST_MARKER = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s+")
_DATED = re.compile(r"^\d{4}-\d{2}-\d{2}\s+")
_LEAD_LINK = re.compile(r"^(?:\*\*|__)?\s*\[([^\]]+)\]\(\s*([^)\s]+)[^)]*\)")
_LEAD_BOLD = re.compile(r"^(\*\*|__)(.+?)\1")
_ITEM_LINE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,2}[.)])[ \t]+\S", re.MULTILINE)


_HTML_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.IGNORECASE | re.DOTALL)
_HTML_LIST = re.compile(r"<[ou]l\b", re.IGNORECASE)
_HTML_LEAD_LINK = re.compile(
    r"^\s*(?:<(?:strong|b|h\d|span|div)\b[^>]*>\s*)*<a\b[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>",
    re.IGNORECASE | re.DOTALL,
)
_HTML_LEAD_BOLD = re.compile(r"^\s*<(strong|b|h\d)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)


def _html_leads(body: str) -> list[Lead]:
    """The lead of every HTML list item (`<li>`, a card per role on some job pages): its
    first link, its bold or heading text, or else its first line."""
    leads = []
    for item in _HTML_ITEM.finditer(body):
        line = body.count("\n", 0, item.start())
        end = line + item.group(0).count("\n") + 1
        opened = [m.start() for m in _HTML_LIST.finditer(body, 0, item.start())]
        list_line = body.count("\n", 0, opened[-1]) if opened else line
        content = item.group(1)
        if link := _HTML_LEAD_LINK.match(content):
            leads.append(
                Lead(inline_text(link.group(2)), link.group(1), False, line, end, list_line)
            )
        elif bold := _HTML_LEAD_BOLD.match(content):
            leads.append(Lead(inline_text(bold.group(2)), None, True, line, end, list_line))
        else:
            first = inline_text(content.strip().split("\n")[0])
            leads.append(Lead(first, None, False, line, end, list_line))
    return [lead for lead in leads if lead.text]


@lru_cache(maxsize=8)
def list_leads(body: str) -> tuple[Lead, ...]:
    """The lead line of every outermost list item of the body, in order. Kept for the last few
    bodies: segmenting and the title rules ask for the items of the same text.

    A line scan rather than a Markdown parse, which would cost as much again as the rest of
    segmenting: an item runs to the next item or to an unindented line after a blank one,
    which also ends its list (as does a heading); fenced code is skipped."""
    html = _html_leads(body) if "<li" in body or "<LI" in body else []
    if _ITEM_LINE.search(body) is None:
        return tuple(html)
    lines = body.splitlines()
    spans: list[tuple[int, int]] = []  # (first line, list's first line)
    ends: list[int] = []
    list_line: int | None = None
    fenced = blank = False
    for number, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced:
            continue
        if _ITEM_LINE.match(line):
            if spans and len(ends) < len(spans):
                ends.append(number)
            list_line = number if list_line is None else list_line
            spans.append((number, list_line))
        elif not line.strip():
            blank = True
            continue
        elif line.startswith("#") or (blank and not line[:1].isspace()):
            if len(ends) < len(spans):
                ends.append(number)
            list_line = None
        blank = False
    if len(ends) < len(spans):
        ends.append(len(lines))
    leads = [
        _lead(_lead_line(lines, start, end), start, end, first)
        for (start, first), end in zip(spans, ends, strict=True)
    ]
    return tuple(sorted([*html, *(lead for lead in leads if lead.text)], key=attrgetter("line")))


def _lead_line(lines: list[str], start: int, end: int) -> str:
    """An item's first line, joined with the lines its link runs on to when it opens a link
    that it does not close (`- [A long title that\nwraps](url)`), as Markdown reads them."""
    line = lines[start]
    if "[" not in line or _LEAD_LINK.match(_LIST_MARKER.sub("", line, count=1).strip()):
        return line
    for number in range(start + 1, min(end, start + 4)):
        if not lines[number].strip():
            break
        line = f"{line.rstrip()} {lines[number].strip()}"
        if _LEAD_LINK.match(_LIST_MARKER.sub("", line, count=1).strip()):
            return line
    return lines[start]


def _lead(line: str, start: int, end: int, list_line: int) -> Lead:
    content = _DATED.sub("", _LIST_MARKER.sub("", line, count=1)).strip()
    if link := _LEAD_LINK.match(content):
        text = inline_text(link.group(1))
        return Lead(text, link.group(2), content.startswith(("**", "__")), start, end, list_line)
    if bold := _LEAD_BOLD.match(content):
        return Lead(inline_text(bold.group(2)), None, True, start, end, list_line)
    return Lead(inline_text(content), None, False, start, end, list_line)


def _under_past_heading(found: Sequence[Heading], line: int) -> bool:
    """Whether the nearest heading above a line is over roles no longer open."""
    above = [heading for heading in found if heading.line < line]
    return bool(above) and PAST_SECTION.match(above[-1].title) is not None


def _under_positions_heading(found: Sequence[Heading], line: int) -> bool:
    """Whether the nearest heading above a line is over posts ("PhD positions", "Hiwi-Stellen"),
    so that a link listed there is one whatever its text says (a thesis topic, a project)."""
    above = [heading for heading in found if heading.line < line]
    return bool(above) and POSITIONS.search(above[-1].title) is not None


# A count that opens a line or item ("**Two** open positions", "3 postdocs in ...").
_COUNT = alternatives("count_words")
_COUNTED = re.compile(rf"^(?:\*\*|__)?(?:\d{{1,2}}|{_COUNT})(?:\*\*|__)?\s+", re.IGNORECASE)
_ROLE_CLAUSE = re.compile(
    rf",?\s+(?:{alternatives('role_clause_words')})\s|\.\s|\s[–—-]\s|;", re.IGNORECASE
)


def _counted_role(text: str) -> str | None:
    """The role a list item counts ("3 Postdocs in X will be hired to ...", "1 postdoc to
    ..."): its words from the role noun to where the item goes on to say what it does."""
    match = _COUNTED.match(text)
    role = text[match.end() :] if match else ""
    if not role.strip():
        return None
    first = role.split(maxsplit=1)[0]
    if ROLES.fullmatch(first) is None and not starts_with_role_word(role):
        return None
    name = _ROLE_CLAUSE.split(role, maxsplit=1)[0].strip(" ,:")
    if not name or len(name.split()) > 16 or not looks_like_role(name):
        return None
    return name[:1].upper() + name[1:]


# "1 May 2025 (deadline): ...", or a dash after the date: an item of a dated list of news.
_DATED_ITEM = re.compile(r"^(?P<when>[^:–]{4,40}?)\s*[:–]\s+(?P<what>\S.*)$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_ANNOUNCED_END = re.compile(r",|\.\s|\.$|\s\(|;|\s(?:funded|starting|at|to|with)\s", re.I)


def _announced_role(text: str) -> str | None:
    """The post a dated announcement offers ("1 May 2025 (deadline): 2 postdoc positions on
    X funded by ..." -> "Postdoc positions on X"): from the role or post noun, with the words
    of its name before it, to where the item goes on to say more."""
    match = _DATED_ITEM.match(text)
    if match is None or _YEAR.search(match.group("when")) is None:
        return None
    what = match.group("what")
    found = ROLES.search(what) or POSITIONS.search(what)
    if found is None:
        return None
    start = found.start()
    words_before = what[:start].split()
    while words_before and starts_with_role_word(words_before[-1]):
        start = what.rindex(words_before.pop(), 0, start)
    name = _ANNOUNCED_END.split(what[start:], maxsplit=1)[0].strip(" ,:")
    if not name or len(name.split()) > 16 or not (ROLES.search(name) or POSITIONS.search(name)):
        return None
    return name[:1].upper() + name[1:]


def _role_items(body: str, found: Sequence[Heading]) -> list[Lead]:
    """List items that are roles: links or bold names that read as a job title, or items that
    count a role ("2 PhD students in X will ..."), wherever they are, or two or more bare role
    names in one list ("* Backend Developer")."""
    marked: list[Lead] = []
    names: dict[int, list[Lead]] = {}
    for lead in list_leads(body):
        if _under_past_heading(found, lead.line):
            continue
        if lead.link or lead.bold:
            role = (
                looks_like_role(lead.text) or _under_positions_heading(found, lead.line)
                if lead.link
                else is_role_name(lead.text)
            )
            if role:
                marked.append(lead)
        elif is_role_name(lead.text):
            names.setdefault(lead.list_line, []).append(lead)
        elif role_named := _counted_role(lead.text) or _announced_role(lead.text):
            marked.append(replace(lead, text=role_named))
    if len(marked) >= 2:
        return _with_sibling_links(body, found, marked)
    return max(names.values(), key=len) if names and max(map(len, names.values())) >= 2 else []


# How many link sections a page may have for each role link among them for the others to be
# taken as openings too: most of them must be roles.
_SIBLINGS_PER_ROLE = 1.5


def _with_sibling_links(body: str, found: Sequence[Heading], marked: list[Lead]) -> list[Lead]:
    """Role links each alone under a heading of one level (a heading per employer), and the
    link alone under a sibling heading that does not name its role as a job ("Software
    Grants"): the page's layout makes it one more opening, when roles are most of them."""
    total = body.count("\n") + 1
    by_line = {heading.line: heading for heading in found}
    alone: dict[Span, list[Lead]] = {}
    for lead in list_leads(body):
        if (section := _enclosing(found, lead.line, total)) is not None:
            alone.setdefault(section, []).append(lead)
    sections = {
        section: leads[0]
        for section, leads in alone.items()
        if len(leads) == 1
        and (leads[0].link or "").startswith(("http://", "https://"))
        and not _under_past_heading(found, leads[0].line)
        and SHARED_SECTION.match(by_line[section[0]].title) is None
        and SHARED_SECTION.match(leads[0].text) is None
    }
    roles = set(marked)
    levels = {by_line[section[0]].level for section, lead in sections.items() if lead in roles}
    if (
        not roles <= set(sections.values())
        or len(levels) != 1
        or len(sections) > len(roles) * _SIBLINGS_PER_ROLE
    ):
        return marked
    siblings = {lead for section, lead in sections.items() if by_line[section[0]].level in levels}
    return sorted(roles | siblings, key=attrgetter("line"))


def _titled_as_one_role(page: Page, found: Sequence[Heading]) -> bool:
    """Whether the page's title, or its only top heading, names a role: then it is that
    role's advert, and a list of roles in it (other openings, related jobs) does not split
    it."""
    tops = [heading for heading in found if heading.level == 1]
    return any(
        isinstance(value, str) and looks_like_role(value) and not is_generic_title(value)
        for _, value in front_values(page, "title")
    ) or (len(tops) == 1 and names_a_role(tops[0].title))


def _enclosing(found: Sequence[Heading], line: int, total: int) -> Span | None:
    above = [heading for heading in found if heading.line < line]
    if not above:
        return None
    return above[-1].line, _section_end(found, above[-1], total)


def _itemised(page: Page, body: str, found: Sequence[Heading], items: list[Lead]) -> list[Draft]:
    """One draft per role item. An item alone in its section (a heading per employer) takes
    that section; otherwise the page is shared, less the other roles' items."""
    lines = body.splitlines()
    preamble = "\n".join(lines[: items[0].line])
    drafts = []
    for item in items:
        section = _enclosing(found, item.line, len(lines))
        if section and sum(section[0] <= other.line < section[1] for other in items) == 1:
            text = "\n".join(lines[section[0] : section[1]])
        else:
            others = {n for other in items if other != item for n in range(other.line, other.end)}
            text = "\n".join(line for n, line in enumerate(lines) if n not in others)
        hints = {
            "context": preamble,
            "title_from": f"list item: line {item.line + 1}",
            "item_line": _LIST_MARKER.sub("", lines[item.line], count=1),
        }
        if item.link and item.link.startswith(("http://", "https://")):
            hints["apply_url"] = item.link
        drafts.append(
            Draft(page=page, title=item.text, anchor=anchor_of(item.text), text=text.strip(),
                  hints=hints)
        )  # fmt: skip
    return drafts


_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)([^*_\n]{3,120})(?:\*\*|__)\s*$", re.MULTILINE)


def _bold_role_lines(body: str) -> list[Heading]:
    """Lines that are a bold role name alone (`**Data Engineer**`), as headings below any."""
    if "**" not in body and "__" not in body:
        return []
    lines = [
        Heading(level=6, title=inline_text(match.group(1)), anchor=None,
                line=body.count("\n", 0, match.start()))
        for match in _BOLD_LINE.finditer(body)
        if is_role_name(inline_text(match.group(1)))
    ]  # fmt: skip
    return lines if len(lines) >= 2 else []


_OPEN = re.compile(r"^(?:open|new|vacant|offene?|neue?)\s+", re.IGNORECASE)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")


def _counted(page: Page, body: str) -> list[Draft]:
    """Lines that each open with a count of one role ("**Two** open PhD positions on X"):
    one draft each, as the page counts one advert per line, however many posts it has."""
    drafts = []
    for number, line in enumerate(body.splitlines()):
        text = line.strip()
        if not _COUNTED.match(text) or ROLE.search(text) is None:
            continue
        sentence = re.split(r"(?<=[\w)])[.!]\s", inline_text(text) + " ")[0]
        title = _PARENTHESIS.sub("", _OPEN.sub("", _COUNTED.sub("", sentence))).strip(" .")
        if starts_with_role_word(title):
            source = {"title_from": f"counted line: line {number + 1}"}
            drafts.append(
                Draft(page=page, title=title, anchor=anchor_of(title), text=text, hints=source)
            )
    return drafts if len(drafts) >= 2 else []


# "openings in my group for A, B and C": a post noun shortly before "for", then the roles up
# to the sentence's end. "for" is looked for first: most pages have no post noun before one.
_OFFERED_FOR = re.compile(rf"\s(?:{alternatives('offered_for')})\s+", re.IGNORECASE)
_OFFER_REACH = 80  # how far before "for" the post noun may be
_SENTENCE_END = re.compile(r"[.!?:]")
_JOINED = re.compile(
    rf"\s*,\s*(?:(?:{alternatives('list_joiners')})\s+)?|\s+(?:{alternatives('list_joiners')})\s+"
)


def _role_in_list(phrase: str) -> str | None:
    """A role named in a list of several, up to where the sentence goes on ("... and research
    engineers would be available"), from its first word that is part of a role's name
    ("outstanding postdoctoral fellows" names "postdoctoral fellows"), else whole when it ends
    in a role ("undergraduate students")."""
    words = _ROLE_CLAUSE.split(phrase, maxsplit=1)[0].split()
    if not words or len(words) > 6 or ROLES.fullmatch(words[-1].strip("()")) is None:
        return None
    start = next((n for n in range(len(words)) if starts_with_role_word(" ".join(words[n:]))), 0)
    name = " ".join(words[start:])
    return name[:1].upper() + name[1:]


def _enumerated(page: Page, body: str) -> list[Draft]:
    """A sentence that offers posts for several roles ("There are openings for postdoctoral
    fellows, staff programmers and graduate students"): one draft per role, the page shared."""
    if _OFFERED_FOR.search(body) is None:
        return []
    prose = inline_text(" ".join(body.split()))
    for match in _OFFERED_FOR.finditer(prose):
        before = prose[max(0, match.start() - _OFFER_REACH) : match.start()]
        if POSITIONS.search(_SENTENCE_END.split(before)[-1]) is None:
            continue
        roles = _SENTENCE_END.split(prose[match.end() :], maxsplit=1)[0]
        phrases = [part for part in _JOINED.split(roles.strip()) if part]
        named = [role for phrase in phrases if (role := _role_in_list(phrase))]
        if len(named) >= 2 and len(named) == len(phrases):
            return _sharing_the_page(page, body, named, "a sentence listing roles")
    return []


def _sharing_the_page(page: Page, body: str, roles: list[str], source: str) -> list[Draft]:
    """One draft per role (each once), every one with the whole page as its text."""
    return [
        Draft(page=page, title=role, anchor=anchor_of(role), text=body,
              hints={"title_from": source})
        for role in dict.fromkeys(roles)
    ]  # fmt: skip


def _listed_in_title(page: Page, body: str) -> list[Draft]:
    """A page title that lists several roles ("Backend Engineer, Product Engineer, Design
    Engineer : Berlin"): one draft per role, the page shared. The part of the title with the
    roles is the one whose every comma-separated piece is a role's name."""
    title = page.front_matter.get("title")
    if not isinstance(title, str) or "," not in title:
        return []
    for part in TITLE_PARTS.split(inline_text(title)):
        pieces = [piece for piece in _JOINED.split(part.strip()) if piece]
        if len(pieces) >= 2 and all(is_role_name(piece) for piece in pieces):
            return _sharing_the_page(page, body, pieces, "a page title listing roles")
    return []


_APPLY_FOR = re.compile(
    r"\bapply for the (?P<what>.+?) (?:role|position|post|job|vacancy)\b", re.IGNORECASE
)
_URL = re.compile(r"\]\((https?://[^)\s]+)|href=[\"'](https?://[^\"']+)")


def _apply_buttons(page: Page, body: str) -> list[Draft]:
    """Two or more "Apply for the X position" lines, each with its own link: separate
    postings that share the page."""
    if "apply for the" not in body.lower():
        return []
    lines = body.splitlines()
    drafts = []
    for number, line in enumerate(lines):
        match = _APPLY_FOR.search(inline_text(line)) if "pply" in line else None
        if match is None:
            continue
        nearby = "\n".join(lines[number : number + 3])
        url = _URL.search(nearby)
        if url is None:
            continue
        what = match.group("what")
        title = what if looks_like_role(what) else None
        drafts.append(
            Draft(page=page, title=title, anchor=anchor_of(what), text=body,
                  hints={"apply_url": url.group(1) or url.group(2),
                         "title_from": f"apply line: line {number + 1}"})
        )  # fmt: skip
    urls = {draft.hints["apply_url"] for draft in drafts}
    return drafts if len(drafts) >= 2 and len(urls) == len(drafts) else []


_NUMBERED_POST = re.compile(rf"{ROLE.pattern}\s+\d{{3,5}}\b", re.IGNORECASE)
_POST_NUMBER = re.compile(r"\s\d{3,5}\b")


def _numbered_posts(page: Page, body: str) -> list[Draft]:
    """Posts named by a role and a post number, two or more in one line ("the posts MCF 0072,
    MCF 0138 and MCF 0219"): one draft each, sharing the page."""
    if _POST_NUMBER.search(body) is None:
        return []
    for number, line in enumerate(body.splitlines()):
        if len(_POST_NUMBER.findall(line)) < 2:
            continue
        posts = dict.fromkeys(inline_text(m.group(0)) for m in _NUMBERED_POST.finditer(line))
        if len(posts) >= 2:
            source = {"title_from": f"numbered post: line {number + 1}"}
            return [
                Draft(page=page, title=post, anchor=anchor_of(post), text=body, hints=source)
                for post in posts
            ]
    return []


_NUMBERED_LINK = re.compile(r"\[(?P<label>[^\]\d]{2,30}?)\s*#?\d{1,2}\]\((?P<target>[^)\n]+)\)")
_FILE_STEM = re.compile(r"([^/\s]+?)(?:\.\w{2,4})?/?$")
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])|[_+-]+|%20")


def _role_of_file(target: str) -> str | None:
    """The role a linked file's name spells ("2024_StaffScientist.pdf" -> "Staff
    Scientist", "field-technician" -> "Field Technician"), without dates and numbers."""
    stem = _FILE_STEM.search(target.strip())
    if stem is None:
        return None
    words = [word for word in _CAMEL_BREAK.split(stem.group(1)) if word and not word.isdigit()]
    name = " ".join(word[:1].upper() + word[1:] for word in words)  # a slug has lost its case
    return name if is_role_name(name) else None


def _numbered_links(page: Page, body: str) -> list[Draft]:
    """Two or more links labelled by one word and a number ("Opening 1", "Opening 2") whose
    linked files are named for roles: one draft each, titled by its file's name."""
    if "]" not in body:
        return []
    found = list(_NUMBERED_LINK.finditer(body))
    if len(found) < 2 or len({match["label"].strip().casefold() for match in found}) != 1:
        return []
    drafts = []
    for match in found:
        title = _role_of_file(match["target"])
        if title is None:
            return []
        line = body.count("\n", 0, match.start()) + 1
        hints = {"title_from": f"linked file name: line {line}"}
        if match["target"].startswith(("http://", "https://")):
            hints["apply_url"] = match["target"]
        drafts.append(
            Draft(page=page, title=title, anchor=anchor_of(title), text=body, hints=hints)
        )
    return drafts


_ADVERT_LIST = re.compile(rf"^(?:{alternatives('advert_lists')})$", re.IGNORECASE)


def _front_matter_adverts(page: Page, title_keys: Sequence[str]) -> list[Draft]:
    """Adverts given as a front-matter list of mappings (`jobs: [{title: ...}, ...]`): one
    draft per entry, whose page's front matter is the page's with the entry's keys on top."""
    for key, value in page.front_matter.items():
        if not (_ADVERT_LIST.match(key) and isinstance(value, list) and value):
            continue
        entries = [_lowered(entry) for entry in value if isinstance(entry, dict)]
        if len(entries) == len(value) and all(set(e) & set(title_keys) for e in entries):
            shared = {k: v for k, v in page.front_matter.items() if k != key}
            return [
                Draft(page=replace(page, front_matter={**shared, **entry}), title=None,
                      anchor=None, text=page.body.strip())
                for entry in entries
            ]  # fmt: skip
    return []


_TABLE_ROW = re.compile(r"^\s*\|(.+)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# What a table of openings must say of each row besides its title, so that a table of
# papers or of people ("| Title | Authors |") is not one.
_ROW_FIELDS = ("organisation", "location", "deadline", "apply_url", "employment_type", "salary")


def _cells(line: str) -> list[str]:
    match = _TABLE_ROW.match(line)
    return [cell.strip() for cell in match.group(1).split("|")] if match else []


def _table_at(lines: list[str], number: int) -> tuple[list[str], list[dict[str, str]]] | None:
    """The key forms of a table of openings whose header is line `number`, and its rows."""
    header = _cells(lines[number])
    if not header or number + 1 >= len(lines) or not _TABLE_RULE.match(lines[number + 1]):
        return None
    keys = [key_form(inline_text(cell)) for cell in header]
    if not (set(keys) & FRONT_FORMS["title"]) or not any(
        set(keys) & FRONT_FORMS[field] for field in _ROW_FIELDS
    ):
        return None
    rows = []
    for line in lines[number + 2 :]:
        cells = _cells(line)
        if len(cells) != len(header):
            break
        rows.append({name: inline_text(cell) for name, cell in zip(header, cells, strict=True)})
    return keys, rows


def _table_rows(page: Page, body: str) -> list[Draft]:
    """Markdown tables of openings, a row each: a header's cells are read as front-matter keys
    are (`Title`/`Position`, `Institution`, `Deadline`, `Location`, ...), so a row is an advert
    whose keys are its cells, and the text since the previous table is its context. A table is
    one of openings when a column holds the title and another something only adverts have (a
    deadline, a place, an employer)."""
    lines = body.splitlines()
    drafts: list[Draft] = []
    after_table = 0
    for number in range(len(lines)):
        if not lines[number].lstrip().startswith("|") or number < after_table:
            continue
        table = _table_at(lines, number)
        if table is None:
            continue
        keys, rows = table
        # The row's keys stand in for the page's of the same form (its `title`, say).
        shared = {k: v for k, v in page.front_matter.items() if key_form(str(k)) not in keys}
        title_column = next(n for n, key in enumerate(keys) if key in FRONT_FORMS["title"])
        context = "\n".join(lines[after_table:number]).strip()
        for index, row in enumerate(rows):
            title = list(row.values())[title_column] or None
            drafts.append(
                Draft(page=replace(page, front_matter={**shared, **row}), title=title,
                      anchor=title and anchor_of(title),
                      text="\n".join(f"{name}: {value}" for name, value in row.items()),
                      hints={"context": context,
                             "title_from": f"table row: line {number + 3 + index}"})
            )  # fmt: skip
        after_table = number + 2 + len(rows)
    return drafts if len(drafts) >= 2 else []


def _lowered(entry: dict[Any, Any]) -> dict[str, Any]:
    return {str(key).lower(): value for key, value in entry.items() if value is not None}


def split_openings(page: Page) -> list[Draft]:
    """The openings on a page: by front-matter adverts, an index of anchors, job-title
    headings or bold lines, items of a list that are roles, a list of links, counted or
    separately applied-for postings; or else the whole page as one opening."""
    if in_front := _front_matter_adverts(page, FRONT_KEYS["title"]):
        return in_front
    body = resolve_references(page.body).strip()
    if "|" in body and (rows := _table_rows(page, body)):
        return rows
    found = headings(body)
    anchored = _anchored(body, found)
    if anchored:
        return _sectioned(page, body, found, anchored)
    by_heading = _role_headings(found)
    if by_heading:
        return _sectioned(page, body, found, by_heading)
    if bold := _bold_role_lines(body):
        merged = tuple(sorted((*found, *bold), key=lambda heading: heading.line))
        return _sectioned(page, body, merged, bold, kind="bold line")
    listed = _listed(page, body)
    if len(listed) >= 2:
        return listed + _announced(page, body, listed)
    if not _titled_as_one_role(page, found) and (items := _role_items(body, found)):
        return _itemised(page, body, found, items)
    if several := (
        _counted(page, body)
        or _apply_buttons(page, body)
        or _numbered_posts(page, body)
        or _numbered_links(page, body)
        or _enumerated(page, body)
        or _listed_in_title(page, body)
    ):
        return several
    return [Draft(page=page, title=None, anchor=None, text=body)]
