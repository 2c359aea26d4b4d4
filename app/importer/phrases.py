"""Searching a text for a vocabulary's phrases only where they can be.

A pattern of a hundred alternatives ("based in|located at|basé à|...") has no literal start for
the regular-expression engine to skip ahead to, so it tries every position of the advert: a
third of a millisecond for a page, for each pattern. Each phrase of a vocabulary has a word
it cannot match without ("based", "basé"); finding those words is a plain substring search,
and the pattern then runs only on the lines around them.
"""

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from app.importer.languages import longest_first

# Groups, optional characters and escapes of a phrase: what is left is literal text.
_GROUP = re.compile(r"\((?:[^()\\]|\\.)*\)\??")
_OPTIONAL = re.compile(r"\\?.\?")
_ESCAPE = re.compile(r"\\[a-zA-Z]")
_LETTERS = re.compile(r"[^\W\d_]{3,}")
_TEXT_WORD = re.compile(r"[^\W\d_]+")
# How many first letters of a word `_word_starts` keeps.
_STEM = 4


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


@lru_cache(maxsize=16)
def _word_starts(text: str) -> frozenset[str]:
    """The first letters of every word of the text, in lower case: a phrase's word that no
    word of the text starts like is not in it, and need not be looked for."""
    return frozenset(word[:_STEM] for word in _TEXT_WORD.findall(_lowered(text)))


@dataclass(frozen=True, eq=False)
class Phrases:
    """A pattern made of phrases, searched only on the lines that hold one of their words.

    `words` is None when some phrase has no word of its own: then the whole text is searched.
    `listed` is the pattern around its list of phrases, and each phrase with its word, when
    the pattern holds the list as `alternatives` writes it: a text that holds the word of
    only one phrase or a few (most texts that hold any) is then searched with those phrases
    alone, and a list of three phrases scans a line ten times faster than one of a hundred. A
    phrase whose word is not in the text cannot match there, so the matches are the same.
    The patterns are made for one word each rather than for each set of words a text holds:
    there are a few hundred words, but more sets than adverts, and making a pattern costs
    more than a text's scan.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...] | None
    listed: tuple[str, str, tuple[tuple[str, str], ...]] | None = None
    # The words by their first letters, which the text's word starts are compared with.
    by_stem: dict[str, tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        stems: dict[str, tuple[str, ...]] = {}
        for word in self.words or ():
            stems[word[:_STEM]] = (*stems.get(word[:_STEM], ()), word)
        object.__setattr__(self, "by_stem", stems)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Every match, in order, as `pattern.finditer(text)` would find them."""
        if self.words is None:
            yield from self.pattern.finditer(text)
            return
        starts = _word_starts(text)
        present = [word for stem in self.by_stem.keys() & starts for word in self.by_stem[stem]]
        if not present:
            return
        lowered = _lowered(text)
        # The next place of each word, looked for again only once the lines are past it, so
        # that a search that stops at its first match finds no more than it needs.
        next_at = {word: lowered.find(word) for word in present}
        held = frozenset(word for word, at in next_at.items() if at >= 0)
        if not held:
            return
        pattern = _narrowed(self, next(iter(held))) if len(held) == 1 else self.pattern
        while found := [at for at in next_at.values() if at >= 0]:
            first = min(found)
            start = text.rfind("\n", 0, first) + 1
            end = text.find("\n", first)
            end = len(text) if end < 0 else end
            yield from pattern.finditer(text, start, end)
            for word, at in next_at.items():
                if 0 <= at < end:
                    next_at[word] = lowered.find(word, end)

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


@lru_cache(maxsize=1024)
def _narrowed(phrases: Phrases, word: str) -> re.Pattern[str]:
    """The pattern with only the phrases of `word`, in their order."""
    if phrases.listed is None:
        return phrases.pattern
    before, after, listed = phrases.listed
    kept = "|".join(phrase for phrase, its_word in listed if its_word == word)
    return re.compile(f"{before}{kept}{after}", phrases.pattern.flags)


def phrases(pattern: str, vocabulary: Iterable[str], flags: int = re.IGNORECASE) -> Phrases:
    """`pattern` (which holds the vocabulary's alternatives) searched only on lines that hold a
    word of one of the vocabulary's phrases."""
    ordered = longest_first(vocabulary)
    words = [literal_word(phrase) for phrase in ordered]
    if None in words:
        return Phrases(re.compile(pattern, flags), None)
    needed = tuple(sorted({word for word in words if word}))
    alternatives = "|".join(ordered)
    listed = None
    if pattern.count(alternatives) == 1:
        before, after = pattern.split(alternatives)
        listed = (
            before,
            after,
            tuple((phrase, word or "") for phrase, word in zip(ordered, words, strict=True)),
        )
    return Phrases(re.compile(pattern, flags), needed, listed)
