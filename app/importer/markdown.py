"""Markdown as adverts use it: plain text of a line, headings with their anchors and lines,
sentences, links by reference, and the job-board markup some pages carry.

Pure functions over text, shared by segmenting and by every field's rules.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from markdown_it import MarkdownIt


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str | None
    line: int


# Block structure is all that headings need: a heading's raw text is kept without parsing its
# inline Markdown, which would cost a third of the time.
_blocks = MarkdownIt("commonmark").disable("inline")
# A disclosure's summary (`<details><summary>Role</summary>…`) heads what it folds away, the
# whole of it: as a top heading.
_HTML_HEADING = re.compile(r"<(h([1-6])|summary)\b[^>]*>(.*?)</\1>", re.IGNORECASE | re.DOTALL)
_ANCHOR_NAME = re.compile(r"""<a\s+(?:name|id)=["']([^"']+)["'][^>]*>\s*</a>""", re.IGNORECASE)
_ATTRIBUTE_ID = re.compile(r"\s*\{#([\w-]+)[^}]*\}\s*$")
_TAG = re.compile(r"<[^>]+>")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Where a title goes on to another fact: "Backend Engineer : Berlin Germany", "Data Scientist
# - Remote | Lisbon".
TITLE_PARTS = re.compile(r"\s+[:|–-]\s+|:\s+")
# A backslash escape ("\$10", "\_"): the character itself, as Markdown shows it.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


@lru_cache(maxsize=64)
def inline_text(markdown: str) -> str:
    """Plain text of a line of Markdown: links become their text, tags and emphasis go.

    Kept for the last few texts: most extraction rules ask for the plain text of the same
    opening.
    """
    # A pattern that starts with a character class scans some thirty times slower than a test
    # for a character or a plain replace, so the link pattern runs only when there is a "[",
    # and emphasis marks go by replace.
    text = _ESCAPED.sub(r"\1", markdown) if "\\" in markdown else markdown
    text = _LINK.sub(r"\1", text) if "[" in text else text
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
                        level=int(match.group(2) or 1),
                        title=inline_text(match.group(3)),
                        anchor=None,
                        line=line,
                    )
                )
    return tuple(heading for heading in found if heading.title)


_REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+[\"'(].*)?\s*$", re.M)
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[([^\]]*)\]")


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


@dataclass(frozen=True)
class Cued:
    """A pattern that cannot match without one of its cue words, in lower case or any other.

    Most texts have none of the words, and a substring test for them is some twenty times
    cheaper than the pattern's scan, so the words are looked for first.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]

    def _may_match(self, text: str) -> bool:
        lowered = text.lower()
        return any(word in lowered for word in self.words)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self._may_match(text) else None

    def sub(self, replacement: str, text: str) -> str:
        return self.pattern.sub(replacement, text) if self._may_match(text) else text


def cued(pattern: str, *words: str, flags: int = re.IGNORECASE | re.MULTILINE) -> Cued:
    """`pattern`, which cannot match without one of `words` (in lower case), compiled."""
    return Cued(re.compile(pattern, flags), words)


# A space after a full stop, before a capital: spelled to start with the space, as a pattern
# that starts with a plain character scans several times faster than one that starts with a
# lookbehind. Blocks are joined with single spaces, so the space is the whole gap.
_SENTENCE_BREAK = re.compile(r" (?=[A-Z(*])(?<=[.!?] )")


_ITEM_NUMBER = re.compile(r"\d{1,3}\. ")


@lru_cache(maxsize=8)
def sentences(text: str) -> tuple[str, ...]:
    """Sentences of Markdown prose (list items and headings stand alone), links kept; kept
    for the last few texts, as the email and link rules both ask for them."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#)\s)", text):
        joined = " ".join(block.split())
        # A numbered item's "3. " ends no sentence: "3. Copies of your degrees" is one.
        number = _ITEM_NUMBER.match(joined)
        split = _SENTENCE_BREAK.split(joined[number.end() :] if number else joined)
        if number:
            split[0] = number.group() + split[0]
        parts += split
    return tuple(part.strip() for part in parts if part.strip())


def html_class(text: str, name: str) -> str | None:
    """The text of the first element whose class mentions `name` (job-board markup)."""
    if "class" not in text.lower():
        return None  # most adverts have no markup, and the case-blind scan is slow
    match = re.search(
        rf"""class=["'][^"']*\b[\w-]*{name}[\w-]*\b[^"']*["'][^>]*>(?:\s*<[^>]+>)*\s*([^<]+)""",
        text,
        re.IGNORECASE,
    )
    return (" ".join(unescape(match.group(1)).split()) or None) if match else None
