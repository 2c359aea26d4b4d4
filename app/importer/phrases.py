"""Searching a text for a vocabulary's phrases only where they can be.

A pattern of a hundred alternatives ("based in|located at|basé à|...") has no literal start for
the regular-expression engine to skip ahead to, so it tries every position of the advert: a
third of a millisecond for a page, for each pattern. Each phrase of a vocabulary has a word
it cannot match without ("based", "basé"); finding those words is a plain substring search,
and the pattern then runs only on the lines around them.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

# Groups, optional characters and escapes of a phrase: what is left is literal text.
_GROUP = re.compile(r"\((?:[^()\\]|\\.)*\)\??")
_OPTIONAL = re.compile(r"\\?.\?")
_ESCAPE = re.compile(r"\\[a-zA-Z]")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


def literal_word(phrase: str) -> str | None:
    """The longest word a phrase matches in every case, in lower case; None when it has none
    ("(?:this|that) job")."""
    text = phrase
    while _GROUP.search(text):
        text = _GROUP.sub(" ", text)
    text = _ESCAPE.sub(" ", _OPTIONAL.sub(" ", text))
    if "|" in text or "[" in text:
        return None
    words = _LETTERS.findall(text)
    return max(words, key=len).lower() if words else None


@lru_cache(maxsize=16)
def _lowered(text: str) -> str:
    """The text in lower case, kept for the last few texts: every pattern of a field looks for
    its words in the same few texts."""
    return text.lower()


@dataclass(frozen=True)
class Phrases:
    """A pattern made of phrases, searched only on the lines that hold one of their words.

    `words` is None when some phrase has no word of its own: then the whole text is searched.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...] | None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match, in order, as `pattern.finditer(text)` would find them."""
        if self.words is None:
            yield from self.pattern.finditer(text)
            return
        lowered = _lowered(text)
        lines: list[tuple[int, int]] = []
        for word in self.words:
            found = lowered.find(word)
            while found >= 0:
                start = text.rfind("\n", 0, found) + 1
                end = text.find("\n", found)
                lines.append((start, len(text) if end < 0 else end))
                found = (
                    lowered.find(word, found + len(word)) if end < 0 else lowered.find(word, end)
                )
        last = -1
        for start, end in sorted(set(lines)):
            for match in self.pattern.finditer(text, max(start, last), end):
                last = match.end()
                yield match

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def phrases(pattern: str, vocabulary: Iterable[str], flags: int = re.IGNORECASE) -> Phrases:
    """`pattern` (which holds the vocabulary's alternatives) searched only on lines that hold a
    word of one of the vocabulary's phrases."""
    words = [literal_word(phrase) for phrase in vocabulary]
    needed = None if None in words else tuple(sorted({word for word in words if word}))
    return Phrases(re.compile(pattern, flags), needed)
