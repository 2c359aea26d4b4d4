"""Markdown advert pages to a front-matter mapping, a body, and one draft per opening.

Pure functions: no database, no network. Every way a page can be unusable raises
`AdvertError` with a reason a person can act on.
"""

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, YAMLHandler
from markdown_it import MarkdownIt

from app.importer.vocabulary import HIRING_VERB, SHARED_SECTION, looks_like_role, role_phrase

MAX_ADVERT_BYTES = 1_000_000
# YAML aliases (`*name`) repeat what an anchor holds, and a few nested ones multiply into
# gigabytes ("billion laughs"); front matter has no need of more than a handful.
MAX_YAML_ALIASES = 10


class AdvertError(Exception):
    """A page that cannot be imported, and why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _TomlHandler(BaseHandler):
    """Hugo's `+++` front matter, read with the standard library's TOML parser."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: Any) -> Any:
        return tomllib.loads(fm)


class _YamlHandler(YAMLHandler):
    """YAML front matter read by libyaml, when PyYAML has it: five times the pure-Python
    reader's speed, for the same values."""

    def load(self, fm: str, **kwargs: Any) -> Any:
        return _load_yaml(fm)


def _load_yaml(text: str) -> Any:
    """The YAML document in `text`, refused when it uses more than `MAX_YAML_ALIASES`
    aliases. The aliases are counted in the parser's events, before any value is built; a
    text without a `*` has none."""
    if "*" in text:
        aliases = 0
        for event in yaml.parse(text, Loader=_YAML_LOADER):
            aliases += isinstance(event, yaml.AliasEvent)
            if aliases > MAX_YAML_ALIASES:
                raise AdvertError(
                    f"the front matter uses more than {MAX_YAML_ALIASES} YAML aliases (*name),"
                    " which could expand without bound; write the values out instead"
                )
    return yaml.load(text, Loader=_YAML_LOADER)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HANDLERS = [_YamlHandler(), _TomlHandler()]
# Franklin.jl pages declare page variables as `@def name = value` lines.
_FRANKLIN_DEF = re.compile(r'^@def\s+(\w+)\s*=\s*"?(.*?)"?\s*$')


@dataclass(frozen=True)
class Page:
    """A decoded advert page: where it came from, its front matter and its Markdown body."""

    source: str
    front_matter: dict[str, Any]
    body: str


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str | None
    line: int


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


# Bytes that text does not hold: the C0 controls but tab, line feed, form feed and carriage
# return, and DEL. A file whose first 8 KB are a tenth these, or that is not UTF-8 and holds any,
# is binary (an image, a PDF, an archive), not a text in another encoding.
_CONTROL_BYTES = bytes([*range(9), 11, *range(14, 32), 127])
_SNIFFED_BYTES = 8192


def _looks_binary(data: bytes, decodes: bool) -> bool:
    sample = data[:_SNIFFED_BYTES]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return b"\x00" in data or controls * 10 > len(sample) or (not decodes and controls > 0)


def decode(data: bytes) -> str:
    """UTF-8 text of an advert, or the reason it is not one."""
    if not data.strip():
        raise AdvertError("the file is empty")
    if len(data) > MAX_ADVERT_BYTES:
        raise AdvertError(f"the file is over the size limit of {MAX_ADVERT_BYTES:,} bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if _looks_binary(data, decodes=False):
            raise AdvertError("the file is binary, not Markdown text") from error
        raise AdvertError(
            f"the file is not UTF-8 text (bad byte at offset {error.start})"
        ) from error
    if _looks_binary(data, decodes=True):
        raise AdvertError("the file is binary, not Markdown text")
    return text


def _franklin(text: str) -> tuple[dict[str, Any], str]:
    metadata: dict[str, Any] = {}
    lines = text.splitlines()
    while lines and (match := _FRANKLIN_DEF.match(lines[0])):
        metadata[match.group(1)] = match.group(2)
        lines.pop(0)
    if metadata:  # Franklin fences raw HTML with `~~~` lines; the HTML is the content
        lines = [line for line in lines if line.strip() != "~~~"]
    return metadata, "\n".join(lines)


_UNQUOTED_INDICATOR = re.compile(r"^(\w[\w-]*):[ \t]+([\[{*&!|>@`].*?)\s*$", re.M)


def _quote_slips(front_matter: str) -> str:
    """Quote `key: [CDD] text`-style values, a common slip that Jekyll authors make: a plain
    value starting with a YAML indicator. Values that parse on their own are left alone."""

    def quote(match: re.Match[str]) -> str:
        try:
            _load_yaml(match.group(2))
        except (yaml.YAMLError, AdvertError):
            return f"{match.group(1)}: '{match.group(2).replace(chr(39), chr(39) * 2)}'"
        return match.group(0)

    return _UNQUOTED_INDICATOR.sub(quote, front_matter)


def _parse_front_matter(text: str, handler: BaseHandler) -> tuple[Any, str]:
    raw, body = handler.split(text)
    try:
        return handler.load(raw), body.lstrip("\n")
    except yaml.YAMLError:
        if not isinstance(handler, YAMLHandler):
            raise
        return _load_yaml(_quote_slips(raw)), body.lstrip("\n")


def read_page(source: str, data: bytes) -> Page:
    """Split a page into front matter (YAML, TOML or Franklin) and its Markdown body."""
    text = decode(data)
    handler = frontmatter.detect_format(text, _HANDLERS)
    if handler is None:
        metadata, body = _franklin(text)
    else:
        try:
            metadata, body = _parse_front_matter(text, handler)
        except (yaml.YAMLError, tomllib.TOMLDecodeError) as error:
            kind = "YAML" if isinstance(handler, YAMLHandler) else "TOML"
            problem = str(error).splitlines()[0]
            raise AdvertError(f"the front matter is not valid {kind}: {problem}") from error
        if metadata is None:
            metadata = {}
        if not isinstance(metadata, dict):
            raise AdvertError("the front matter is not a mapping of keys to values")
    if not body.strip() and not metadata.get("title"):
        raise AdvertError("the page has no text and no title")
    return Page(source=source, front_matter=_plain(metadata), body=body)


def _plain(metadata: dict[str, Any]) -> dict[str, Any]:
    """Keys lower-cased; dates kept as dates, so later rules need not care about YAML types."""
    return {
        str(key).lower(): value.date() if isinstance(value, datetime) else value
        for key, value in metadata.items()
        if value is not None
        and (not isinstance(value, str | list | dict) or value)
        and isinstance(value, str | int | float | bool | list | dict | date)
    }


# --- headings ------------------------------------------------------------------------------

# Block structure is all that headings need: a heading's raw text is kept without parsing its
# inline Markdown, which would cost a third of the time.
_blocks = MarkdownIt("commonmark").disable("inline")
_HTML_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.IGNORECASE | re.DOTALL)
_ANCHOR_NAME = re.compile(r"""<a\s+(?:name|id)=["']([^"']+)["'][^>]*>\s*</a>""", re.IGNORECASE)
_ATTRIBUTE_ID = re.compile(r"\s*\{#([\w-]+)[^}]*\}\s*$")
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@lru_cache(maxsize=64)
def inline_text(markdown: str) -> str:
    """Plain text of a line of Markdown: links become their text, tags and emphasis go.

    Kept for the last few texts: most extraction rules ask for the plain text of the same
    opening.
    """
    # A pattern that starts with a character class scans some thirty times slower than a test
    # for a character or a plain replace, so the link pattern runs only when there is a "[",
    # and emphasis marks go by replace.
    text = _LINK.sub(r"\1", markdown) if "[" in markdown else markdown
    text = _TAG.sub("", text)
    text = text.replace("*", "").replace("_", "").replace("`", "")
    return " ".join(text.split())


@lru_cache(maxsize=8)
def headings(body: str) -> tuple[Heading, ...]:
    """Every heading of the body (Markdown ATX/setext and HTML), with its anchor and line.

    Kept for the last few bodies: splitting a page and extracting its opening ask for the
    headings of the same text.
    """
    found: list[Heading] = []
    tokens = _blocks.parse(body)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.map:
            raw = tokens[index + 1].content
            anchor_match = _ANCHOR_NAME.search(raw) or _ATTRIBUTE_ID.search(raw)
            raw = _ATTRIBUTE_ID.sub("", raw)
            found.append(
                Heading(
                    level=int(token.tag[1]),
                    title=inline_text(raw),
                    anchor=anchor_match.group(1) if anchor_match else None,
                    line=token.map[0],
                )
            )
        # Indented HTML (a page of nested <div>s) parses as code blocks: look inside those too.
        elif token.type in ("html_block", "code_block") and token.map:
            for match in _HTML_HEADING.finditer(token.content):
                line = token.map[0] + token.content[: match.start()].count("\n")
                found.append(
                    Heading(
                        level=int(match.group(1)),
                        title=inline_text(match.group(2)),
                        anchor=None,
                        line=line,
                    )
                )
    return tuple(heading for heading in found if heading.title)


# --- openings ------------------------------------------------------------------------------

_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?\s*$", re.M)
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\((\S+?)\)")
_ANCHOR_LINK = re.compile(r"\]\(#([\w-]+)\)")
_LISTED_LINK = re.compile(r"^\s*(?:[-*+]\s+)?\[([^\]]+)\]\((https?://[^)\s]+)\)\s*[,:–-]?\s*(.*)$")


def resolve_references(body: str) -> str:
    """Turn reference-style links (`[text][ref]` + `[ref]: url`) into inline ones."""
    targets = {m.group(1).lower(): m.group(2) for m in _REFERENCE_DEFINITION.finditer(body)}
    if not targets:
        return body

    def inline(match: re.Match[str]) -> str:
        url = targets.get((match.group(2) or match.group(1)).lower())
        return f"[{match.group(1)}]({url})" if url else match.group(0)

    return _REFERENCE_LINK.sub(inline, _REFERENCE_DEFINITION.sub("", body))


def anchor_of(title: str) -> str:
    """The anchor a static-site generator gives a heading: lower-case words joined by '-'."""
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-")


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


_HIRING_PARAGRAPH = re.compile(rf"\s(?:{HIRING_VERB})\s+(?P<what>[^.]+)", re.IGNORECASE)


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
