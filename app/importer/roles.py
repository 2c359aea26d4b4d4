"""Whether a line of an advert names a job: the role nouns and shared-section headings of every
language, and the phrase of a role inside a sentence."""

import re
from collections.abc import Iterator
from functools import lru_cache

from app.importer.languages import alternatives, phrases_of

# French inclusive writing puts the feminine ending after a dot: "un·e développeur⋅se",
# "chercheur•euse·s", written with any of the middle dots.
INCLUSIVE_DOT = "[·⋅•∙]"


def _role_pattern(plural: str = "") -> re.Pattern[str]:
    """The role nouns as one pattern, with an inclusive ending and `plural` after them. Nouns
    that end a compound (`\\w*entwickler\\w*`: "Softwareentwickler") share one leading
    `\\w*`, which would otherwise be retried at every word for each of them."""
    nouns = phrases_of("role_nouns")
    compound = [noun.removeprefix(r"\w*") for noun in nouns if noun.startswith(r"\w*")]
    whole = [noun for noun in nouns if not noun.startswith(r"\w*")]
    return re.compile(
        rf"\b(\w*(?:{'|'.join(compound)})|{'|'.join(whole)})"
        rf"(?:{INCLUSIVE_DOT}\w{{1,5}}){{0,2}}{plural}\b",
        re.IGNORECASE,
    )


ROLE = _role_pattern()
# A role noun also in the plural ("developers", "desarrolladores"): a sentence or a title
# that offers several posts of one role names it so.
ROLES = _role_pattern(plural="(?:e?s)?")
# "(m/w/d)", "(H/F)", "(f/m/x)", "(w/m/d)": German and French adverts mark a job title so.
GENDER_MARKER = re.compile(r"\((?:[mwfdxhn*]\s*[/|,]\s*){1,3}[mwfdxhn*]\)", re.IGNORECASE)
# Headings of parts that belong to every opening on a page rather than being one.
SHARED_SECTION = re.compile(rf"^(?:{alternatives('shared_sections')})", re.IGNORECASE)
# A noun of posts in general ("positions", "Hiwi-Stellen", "vacatures"): a heading over roles.
POSITIONS = re.compile(rf"\b(?:{alternatives('position_nouns')})\b", re.IGNORECASE)
_POST_AFTER = re.compile(rf"(?<=\w)\s+(?:{alternatives('position_nouns')})$", re.IGNORECASE)
# Headings over roles that are no longer open ("Past recruitments", "Filled positions").
PAST_SECTION = re.compile(rf"^(?:{alternatives('past_sections')})\b", re.IGNORECASE)
_GENERIC = alternatives("generic_titles")
# Page titles that name no role: "Jobs", "Careers - Org", "Jobs at Org", "Org is hiring!".
GENERIC_TITLE = re.compile(
    rf"^(?:.{{1,60}}?(?:\s[|–-]|:)\s*)?(?:{_GENERIC})\s*[!.]*$"
    rf"|^(?:{_GENERIC})\s+(?:at|with|bei|chez|en|in|@)\s+.+$"
    rf"|^[^,.]{{1,60}}?\s+(?:is|are|ist|est)\s+(?:hiring|recruiting|recrute)\s*[!.]*$",
    re.IGNORECASE,
)
_MODIFIERS = frozenset(phrases_of("role_modifiers"))
_ADJECTIVE = re.compile(rf"(?:{alternatives('role_adjectives')})", re.IGNORECASE)


def _modifies_a_role(word: str) -> bool:
    """Whether a lower-case word may open a role's name: a modifier ("software") or, where a
    language writes them so, an adjective ("wissenschaftliche", "freiberufliche")."""
    return word.lower() in _MODIFIERS or _ADJECTIVE.fullmatch(word) is not None


_CUE = re.compile(rf"\b(?:{alternatives('role_cues')})\s+", re.IGNORECASE)
# Words between a cue and its role: articles, counts and the like ("a", "two new", "our next").
_FILLER = re.compile(
    r"^(?:(?:an?|the|one|two|three|our|next|new|une?|einen?|eine|een|uma?|una?|la|le|el|"
    rf"d(?:e|'|’)|du|des|der|die|das)(?:\([a-z]{{1,2}}\)|/[a-z]{{1,2}}|{INCLUSIVE_DOT}[a-z]{{1,2}})?\s+"
    r"|l(?:'|’))+",
    re.IGNORECASE,
)
# A role noun followed by "of Training Infrastructure" or "/Research Software Engineer".
_TAIL = re.compile(
    r"^(?:\s+(?:of|for)(?:\s+[A-Z][\w-]*){1,4}(?=[\s,.;:)]|$)|/[\w-]+(?:\s+[A-Z][\w-]*)*)"
)


# "développeur⋅se web back ou Full Stack": words after the noun that belong to the role.
_QUALIFIER = rf"\s+(?:{alternatives('role_qualifiers')})\b"
_QUALIFIED = re.compile(
    rf"{_QUALIFIER}(?:(?:\s+(?:{alternatives('list_joiners')}))?{_QUALIFIER})*", re.IGNORECASE
)
_CAPITALISED_RUN = re.compile(r"(?:\s+[A-Z][\w/-]*)+")
_NEXT_ROLE = re.compile(rf"\s+{ROLE.pattern}", re.IGNORECASE)


def _last_role(text: str) -> int:
    """Where the last role noun of `text` ends, or 0: "Executive" + " Director" reaches on."""
    ends = [match.end() for match in ROLE.finditer(text)]
    return ends[-1] if ends else 0


# Answers are kept for the last headings asked about: segmenting a page and extracting each
# field of its openings ask about the same titles, and each answer runs the role pattern of
# every language.


@lru_cache(maxsize=256)
def looks_like_role(text: str) -> bool:
    """Whether a heading or link text names a job: a role noun or a gender marker, not a
    section of an advert."""
    words = text.split()
    return (
        0 < len(words) <= 16
        and (ROLES.search(text) is not None or GENDER_MARKER.search(text) is not None)
        and SHARED_SECTION.match(text.strip()) is None
    )


_ASIDE = re.compile(r"\s*(?:\([^)]*\)|\[[^\]]*\])")


_SENTENCE_WORDS = frozenset(phrases_of("sentence_words"))
_CONNECTIVES = frozenset(phrases_of("connectives"))


def names_a_role(text: str) -> bool:
    """Whether a heading is a role's name ("Senior Data Engineer (m/w/d)", "Postdoc on X"),
    not a sentence about one ("What You'll Do as a Developer"): the words before its first
    role noun belong to the name, capitalised, modifiers or numbers, and none is a pronoun or
    question word."""
    if not looks_like_role(text):
        return False
    match = ROLE.search(text)
    before = text[: match.start()].split() if match else []
    return all(
        word.lower() not in _SENTENCE_WORDS
        and (
            word[:1].isupper()
            or word[:1].isdigit()
            or word.lower() in _CONNECTIVES
            or _modifies_a_role(word)
        )
        for word in before
    )


def is_role_name(text: str) -> bool:
    """Whether a short line is nothing but a role ("Backend Developer", "Bioinformatics
    graduate students (2)"): it ends in a role noun, so a sentence or a list of duties that
    merely mentions one does not count."""
    if len(text) > 160:
        return False
    bare = _ASIDE.sub("", text).strip(" .:;,–-") if "(" in text or "[" in text else text
    bare = _POST_AFTER.sub("", bare)  # "PhD position": the post of a role
    if not bare or len(bare.split()) > 8 or bare.isupper():
        return False
    roles = list(ROLE.finditer(bare))
    if not roles or roles[-1].end() != len(bare) or not looks_like_role(text):
        return False
    # The words before the role are part of its name: capitalised, or modifiers ("senior").
    before = bare[: roles[0].start()].replace("`", "").split()
    return all(word[:1].isupper() or _modifies_a_role(word) for word in before)


def starts_with_role_word(text: str) -> bool:
    """Whether a title's first word is part of the role ("Senior", "Research", "Engineer"),
    rather than, say, an organisation's name before it."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return _modifies_a_role(first) or ROLE.match(first) is not None


@lru_cache(maxsize=256)
def is_generic_title(text: str) -> bool:
    """Whether a page title names the page ("Jobs", "Join us", "Org is hiring") and no role."""
    return GENERIC_TITLE.match(text.strip()) is not None and ROLE.search(text) is None


def _lead(words: list[str]) -> list[str]:
    """The words before a role noun that belong to it: capitalised, or a modifier such as
    "software"; up to four."""
    lead: list[str] = []
    while words and len(lead) < 4:
        word = words[-1]
        if not (word[:1].isupper() or _modifies_a_role(word)) or word.endswith(","):
            break
        lead.insert(0, words.pop())
    return lead


def role_phrase(text: str, nouns: re.Pattern[str] = ROLE) -> str | None:
    """The job named in a phrase: "a full-time Research Software Engineer for ..." ->
    "Research Software Engineer"; a lower-case role is capitalised. `nouns` may be `ROLES`,
    for a phrase that may name the role in the plural."""
    match = nouns.search(text)
    if match is None:
        return None
    lead = _lead(text[: match.start()].split())
    end = match.end()
    if (more := _CAPITALISED_RUN.match(text, end)) and (last := _last_role(more.group(0))):
        end += last
    # "lead développeur", "senior researcher": a role noun that goes on to another.
    while (following := _NEXT_ROLE.match(text, end)) is not None:
        end = following.end()
    if qualified := _QUALIFIED.match(text, end):
        end = qualified.end()
    tail = _TAIL.match(text[end:])
    role = text[match.start() : end] + (tail.group(0) if tail else "")
    phrase = " ".join([*lead, role])
    return phrase[:1].upper() + phrase[1:]


def after_cue(title: str) -> str | None:
    """What follows a role cue that opens a title ("Buscamos desarrolladores freelance" ->
    "desarrolladores freelance"), less its articles; None when no cue opens it."""
    cue = _CUE.match(title)
    return _FILLER.sub("", title[cue.end() :]) if cue else None


def offered_roles(sentence: str) -> Iterator[str]:
    """The roles a sentence offers after a cue: "we are seeking a creative software research
    scientist to ..." -> "Software research scientist"; none when no role follows closely."""
    for cue in _CUE.finditer(sentence):
        after = _FILLER.sub("", sentence[cue.end() :])
        window = " ".join(after.split()[:8])
        match = ROLES.search(window)
        ends_first = match is not None and re.search(r"[.;:!?]", window[: match.start()])
        if match and not ends_first and (role := role_phrase(window, ROLES)):
            yield role
