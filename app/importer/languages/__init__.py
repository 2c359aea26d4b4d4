"""The words job adverts use, one module per language, and their union for the rules.

Adding a language is one module here and one line in `LANGUAGES`. Every rule reads the union, so
a page that mixes languages (a French advert with an English "Apply" button) is read whole.
"""

from collections.abc import Iterable
from typing import Any

from app.importer.languages import de, en, es, fr, it, nl, pt
from app.importer.languages.vocabulary import Vocabulary

LANGUAGES: tuple[Vocabulary, ...] = (
    en.WORDS,
    de.WORDS,
    fr.WORDS,
    es.WORDS,
    it.WORDS,
    nl.WORDS,
    pt.WORDS,
)


def longest_first(phrases: Iterable[str]) -> list[str]:
    """Phrases in the order a pattern's alternatives list them: longest first, so a longer
    phrase wins over its own first word."""
    return sorted(set(phrases), key=lambda phrase: (-len(phrase), phrase))


def phrases_of(name: str) -> list[str]:
    """The phrases of one field of every language, each whole (a phrase may hold `|` inside
    a group: "conseill(?:er|ère)\\w*"), `longest_first`."""
    return longest_first(phrase for words in LANGUAGES for phrase in getattr(words, name))


def alternatives(name: str) -> str:
    """The regular-expression alternatives of one field of every language (`phrases_of`)."""
    return "|".join(phrases_of(name))


def merged(name: str) -> dict[str, Any]:
    """One mapping field (`months`, ...) of every language, merged."""
    union: dict[str, Any] = {}
    for words in LANGUAGES:
        union.update(getattr(words, name))
    return union
