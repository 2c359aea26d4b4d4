"""Advert files to pages: decoded text, its front matter (YAML, TOML or Franklin) as a mapping,
and the Markdown body.

Pure functions: no database, no network. Every way a file can be unusable raises `AdvertError`
with a reason a person can act on.
"""

import json
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from html import unescape
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler

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


class _JsonHandler(JSONHandler):
    """Hugo's JSON front matter: an object from a `{` line to a `}` line that open the file."""

    def load(self, fm: str, **kwargs: Any) -> Any:
        return json.loads(fm)


_HANDLERS = [_YamlHandler(), _TomlHandler(), _JsonHandler()]
# Franklin.jl pages declare page variables as `@def name = value` lines.
_FRANKLIN_DEF = re.compile(r'^@def\s+(\w+)\s*=\s*"?(.*?)"?\s*$')


@dataclass(frozen=True)
class Page:
    """A decoded advert page: where it came from, its front matter and its Markdown body.

    `body_line` is the file's line number of the body's first line, so that a rule can say
    where in the file it found a value; 0 when the body was made from the front matter.
    """

    source: str
    front_matter: dict[str, Any]
    body: str
    body_line: int = 1

    @cached_property
    def key_spellings(self) -> dict[str, str]:
        """Each front-matter key by its normal form (`key_form`), as the page spells it;
        worked out once, as every field's rules look keys up."""
        spelled: dict[str, str] = {}
        for key in self.front_matter:
            spelled.setdefault(key_form(key), key)
        return spelled


def key_form(key: str) -> str:
    """A front-matter key as compared: lower case, without `-`, `_` and spaces, so that
    `postedOn`, `posted_on` and `posted-on` are one key."""
    return key.lower().replace("-", "").replace("_", "").replace(" ", "")


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
        lines = ["" if line.strip() == "~~~" else line for line in lines]
    return metadata, "\n".join(lines)


# Pelican's and MultiMarkdown's metadata: `Key: value` lines that open the file, up to a
# blank line, with no fences; one of them is the title or the date.
_METADATA_LINE = re.compile(r"^([A-Za-z][\w -]{0,30}?):[ \t]+(\S.*?)\s*$")
_METADATA_KEYS = frozenset({"title", "date"})


def _metadata_lines(text: str) -> tuple[dict[str, Any], str]:
    metadata: dict[str, Any] = {}
    end = 0
    for line in text.split("\n"):
        if not line.strip():
            break
        if (match := _METADATA_LINE.match(line)) is None:
            return {}, text
        metadata[match.group(1).strip().lower()] = match.group(2)
        end += len(line) + 1
    # Nothing but `Key: value` lines is a page of labels ("Location: Berlin"), not metadata.
    if not text[end:].strip() or not _METADATA_KEYS & metadata.keys():
        return {}, text
    return metadata, text[end + 1 :]  # after the blank line that ends the metadata


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
        return handler.load(raw), body
    except yaml.YAMLError:
        if not isinstance(handler, YAMLHandler):
            raise
        return _load_yaml(_quote_slips(raw)), body


# Blank lines, and byte-order marks an editor left on them, before a page's first fence: the
# fence must open the text for the front matter to be seen.
_LEADING_BLANKS = re.compile(r"^(?:[\ufeff \t]*\n)+")


def _normalised(text: str) -> str:
    """The text with `\n` line endings and without the blank lines before its first line."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LEADING_BLANKS.sub("", text.lstrip("\ufeff"), count=1)


# What a page's reader never sees: HTML and Liquid comments (an advert commented out is not
# advertised), Liquid and Hugo template tags, and Kramdown attribute lists (`{: .class}`).
# Comments give way to as many line breaks as they held, so that lines keep their numbers.
_COMMENTS = re.compile(
    r"<!--.*?(?:-->|\Z)|\{%-?\s*comment\s*-?%\}.*?(?:\{%-?\s*endcomment\s*-?%\}|\Z)",
    re.DOTALL | re.IGNORECASE,
)
_TEMPLATE_TAGS = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{:[^}\n]*\}")


# A character reference (`&#x2F;`, `&#39;`, `&rsquo;`), which pages exported from HTML write
# for plain characters: "https:&#x2F;&#x2F;example.com" hides a link from every rule.
_REFERENCE = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});")
# What a reference stands for that is markup, or text only as a reference.
_KEPT_REFERENCES = frozenset("<>&\\`*_[]()#!|~{}")


def _referenced(match: re.Match[str]) -> str:
    character = unescape(match.group(0))
    return match.group(0) if character in _KEPT_REFERENCES or len(character) != 1 else character


def _visible(body: str) -> str:
    """The body without what a reader of the rendered page does not see as text, and with the
    plain characters that character references stand for (which Markdown shows the same)."""
    if "<!--" in body or "{%" in body:
        body = _COMMENTS.sub(lambda match: "\n" * match.group(0).count("\n"), body)
    if "{" in body:
        body = _TEMPLATE_TAGS.sub("", body)
    if "&" in body:
        body = _REFERENCE.sub(_referenced, body)
    return body


_NESTED_TEXT = 2  # how deep in front matter an advert's text is looked for
# Front-matter keys that hold a page's own text, when its advert is kept in front matter.
_TEXT_KEYS = ("text", "content", "body", "description", "brief", "summary", "details", "about")


def _front_matter_text(metadata: dict[str, Any], depth: int = 0) -> str:
    """The advert a page keeps in its front matter, as Markdown: its text keys as paragraphs,
    other keys of words as `Key: value` lines, lists of words as labelled bullet lists, and a
    mapping of them (`Job: {Title: …, TextLine1: …}`) in its place. Values without a space
    (layouts, slugs, dates, links) are page machinery, not text."""
    paragraphs: list[str] = []
    for key, value in metadata.items():
        if isinstance(value, dict) and depth < _NESTED_TEXT:
            paragraphs.append(_front_matter_text(value, depth + 1))
            continue
        if str(key).replace("_", "").endswith("title"):
            continue  # the title is read from its key; as text it would be read twice
        label = str(key).replace("_", " ").replace("-", " ").capitalize()
        if isinstance(value, str) and " " in value.strip():
            text = value.strip()
            paragraphs.append(text if str(key).lower() in _TEXT_KEYS else f"{label}: {text}")
        elif isinstance(value, list) and value and all(isinstance(item, str) for item in value):
            items = "\n".join(f"- {' '.join(item.split())}" for item in value)
            paragraphs.append(f"{label}:\n\n{items}")
    return "\n\n".join(paragraphs)


def _holds_adverts(metadata: dict[str, Any]) -> bool:
    """Whether the front matter lists adverts of its own (`jobs:` of mappings)."""
    return any(
        isinstance(value, list) and value and all(isinstance(item, dict) for item in value)
        for value in metadata.values()
    )


def read_page(source: str, data: bytes) -> Page:
    """Split a page into front matter (YAML, TOML or Franklin) and its Markdown body.

    A page whose body is empty keeps its advert in the front matter: the body is then made
    from the front matter's text. Lists of adverts in front matter are kept as they are, for
    segmenting."""
    text = _normalised(decode(data))
    handler = frontmatter.detect_format(text, _HANDLERS)
    if handler is None:
        metadata, body = _franklin(text)
        if not metadata:
            metadata, body = _metadata_lines(body)
    else:
        try:
            metadata, body = _parse_front_matter(text, handler)
        except (yaml.YAMLError, tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
            kind = {_YamlHandler: "YAML", _TomlHandler: "TOML"}.get(type(handler), "JSON")
            problem = str(error).splitlines()[0]
            raise AdvertError(f"the front matter is not valid {kind}: {problem}") from error
        if metadata is None:
            metadata = {}
        if not isinstance(metadata, dict):
            raise AdvertError("the front matter is not a mapping of keys to values")
    front_matter = _plain(metadata)
    # The front matter is the text before the body, whatever its form (Franklin's `~~~`
    # lines are blanked, not dropped, so the count holds for it too).
    blank = len(body) - len(body.lstrip("\n"))
    first_line = text.count("\n", 0, len(text) - len(body)) + blank + 1
    body = _visible(body[blank:])
    if not body.strip():
        body, first_line = _front_matter_text(front_matter), 0
    titled = any(key.replace("_", "").endswith("title") for key in front_matter)
    if not body.strip() and not titled and not _holds_adverts(front_matter):
        raise AdvertError("the page has no text and no title")
    return Page(source=source, front_matter=front_matter, body=body, body_line=first_line)


def _plain(metadata: dict[str, Any]) -> dict[str, Any]:
    """Keys lower-cased; dates kept as dates, so later rules need not care about YAML types."""
    return {
        str(key).lower(): value.date() if isinstance(value, datetime) else value
        for key, value in metadata.items()
        if value is not None
        and (not isinstance(value, str | list | dict) or value)
        and isinstance(value, str | int | float | bool | list | dict | date)
    }
