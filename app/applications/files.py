"""Recognising an uploaded CV by its content, never its name, and naming it safely."""

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

import filetype

from app.core.errors import InvalidInput, UnsupportedMediaType

# What a CV may be, and the extension its stored name gets.
ACCEPTED_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/rtf": ".rtf",
    "text/plain": ".txt",
    "text/markdown": ".md",
}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class CV:
    """A recognised CV: its safe name, its real type, and its bytes."""

    filename: str
    content_type: str
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


def _is_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return _CONTROL.search(text) is None


def content_type_of(content: bytes, filename: str) -> str | None:
    """The CV's type read from its bytes; the name only tells Markdown from plain text."""
    kind = filetype.guess(content)
    if kind is not None:
        return kind.mime if kind.mime in ACCEPTED_TYPES else None
    if _is_text(content):
        suffix = PurePosixPath(filename.lower()).suffix
        return "text/markdown" if suffix in _MARKDOWN_SUFFIXES else "text/plain"
    return None


def safe_filename(filename: str, content_type: str) -> str:
    """A name safe in any header or file system: ASCII letters, digits, `._-`, its true suffix."""
    base = re.split(r"[/\\]", filename)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem = PurePosixPath(ascii_name).stem
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")[:80] or "cv"
    return stem + ACCEPTED_TYPES[content_type]


def recognise(content: bytes, filename: str) -> CV:
    """The upload as a CV, or 415 naming what is accepted (an empty file is a 422)."""
    if not content:
        raise InvalidInput(["body", "cv"], "the file is empty")
    content_type = content_type_of(content, filename)
    if content_type is None:
        kind = filetype.guess(content)
        found = f"a {kind.extension.upper()} file" if kind else "not a document we can read"
        raise UnsupportedMediaType(
            f"The CV is {found}. Send a PDF, DOCX, ODT, RTF, plain-text or Markdown file."
        )
    return CV(safe_filename(filename, content_type), content_type, content)
