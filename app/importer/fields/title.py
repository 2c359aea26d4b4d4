"""The opening's title: the role, not the page's headline around it."""

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import PurePosixPath

from app.importer.fields.common import Found, front_text, front_values, plain
from app.importer.languages import alternatives
from app.importer.markdown import inline_text, sentences
from app.importer.roles import (
    GENDER_MARKER,
    INCLUSIVE_DOT,
    POSITIONS,
    ROLE,
    ROLES,
    after_cue,
    is_generic_title,
    is_role_name,
    looks_like_role,
    offered_roles,
    role_phrase,
    starts_with_role_word,
)
from app.importer.segment import Draft, list_leads

_TITLE_PREFIX = re.compile(
    r"^(?:\[[^\]]*\]\s*|"
    r"(?:we(?:'|’)?re|we are|now|is|are)?\s*hiring(?:\s*[:!-]|\s+(?:an?|our(?: next)?|the)\b)\s*|"
    r"(?:job|vacancy|position|opening|job opening|current vacancy|stellenangebot|"
    r"wir suchen|offre)\s*[:!-]\s*|"
    r"(?:vacancy|vacancies|opening) for\s+(?:an?\s+)?|hiring\s+(?:an?\s+)?|"
    r"(?:à la )?recherche d(?:'|’|e )\s*(?:une?\s+)?|recrutement d(?:'|’|e\s|u\s|\s)\s*|"
    r"offre d(?:e |')\s*(?:emploi\s*:?\s*)?)+",
    re.IGNORECASE,
)
HIRING_SENTENCE = re.compile(
    rf"^(?P<who>.+?)\s+(?:{alternatives('hiring_verbs')})\s+"
    r"(?:(?:a|an|the|one|two|new|our)\s+)*(?P<what>.+?)[!.]?$",
    re.IGNORECASE,
)
JOBS_PAGE = re.compile(
    r"^(?P<org>.+?)\s*[-–|:]\s*(?:job|jobs|job opportunities|careers|vacancies|openings|"
    r"work with us|join us|hiring)\s*$|^(?:jobs|careers|vacancies|work|join us)\s+(?:at|with)\s+"
    r"(?P<org2>.+)$",
    re.IGNORECASE,
)
ORG_TITLE_PAIR = re.compile(r"^(?P<org>[^:]{2,80}):\s+(?P<title>.+)$")
# "Vacature: X", "Oferta de empleo - X": a word for a job posting before the role.
_POSTING_PREFIX = re.compile(
    rf"^(?:{alternatives('generic_titles')})\s*(?::|\s[-–|])\s*(?P<title>.+)$", re.IGNORECASE
)
# "Developer - Job Offer", a job board's "Role @ Org", "Role | Org": the role, then the
# posting's or the organisation's name.
_POSTING_SUFFIX = re.compile(
    rf"^(?P<title>.+?)\s+[-–|]\s+(?:{alternatives('generic_titles')})$", re.IGNORECASE
)
_ROLE_AT_NAME = re.compile(r"^(?P<title>.+?)\s+[@|]\s+(?P<org>[^@|]{2,60})$")
# "Acme - Data Engineer" (or an en dash): a short name, a dash and the role.
_NAME_DASH_ROLE = re.compile(r"^(?P<org>(?:\S+\s+){0,3}\S+)\s+[-–|]\s+(?P<title>.+)$")
# "développeuse / un développeur": the article after a slash belongs to the sentence.
_ARTICLE_AFTER_SLASH = re.compile(r"/\s*(?:une?|a|an|el|la|le|um|uma|ein|eine)\s+", re.I)
# A title that reads as a phrase ("A fixed-term Research Engineer"), not a title.
_PHRASE = re.compile(
    rf"^(?:an?|the|our|une?(?:{INCLUSIVE_DOT}e|\.e|\(e\))?|ein|eine|een|um|uma|una)\s",
    re.IGNORECASE,
)
# A counter before a numbered heading ("2 Teaching assistant", "3. Editor").
_COUNTER = re.compile(r"^\d{1,2}[.)]?\s+(?=[^\d\s])")
# "Research fellowship available - deadline Jan 26, 2023": the part after a dash that gives
# the closing date, and the word that says the post is open, are no part of the role.
_DEADLINE_PART = re.compile(rf"\s+[-–|(]\s*(?:{alternatives('deadline_cues')})\b.*$", re.I)
_OPEN_WORD = re.compile(rf"\s+(?:{alternatives('jobs_adjectives')})$", re.IGNORECASE)
# "Beca Software (ABIERTA)": the post's state, marked after its title.
_OPEN_MARK = re.compile(rf"\s*[(\[](?:{alternatives('open_marks')})[)\]]$", re.IGNORECASE)


def _names_role(groups: dict[str, str]) -> bool:
    """Whether the part before a title's separator is itself (part of) a role."""
    org = groups.get("org", "")
    return bool(org) and (looks_like_role(org) or starts_with_role_word(org))


def _hired_role(what: str) -> str | None:
    """The role a hiring headline names: all of a short one ("a Data Engineer"), the role in
    the first words of a long one ("engineers to build a product used by millions")."""
    if len(what.split()) <= 6:
        return what if looks_like_role(what) else None
    opening = " ".join(what.split()[:4])
    return role_phrase(opening, ROLES) if ROLES.search(opening) else None


def clean_title(title: str) -> str:
    """The role in a heading: without "We're hiring:", "X is looking for a", "Org: "."""
    title = re.split(r"(?<=[a-z)])[.!]\s+(?=[A-Z])", inline_text(title))[0]
    title = _OPEN_MARK.sub("", _DEADLINE_PART.sub("", title))
    title = _TITLE_PREFIX.sub("", title).strip(" !.:-–")
    if (bare := _OPEN_WORD.sub("", title)) != title and looks_like_role(bare):
        title = bare
    title = _COUNTER.sub("", _ARTICLE_AFTER_SLASH.sub("/ ", title))
    hiring = HIRING_SENTENCE.match(title)
    if hiring and (role := _hired_role(hiring.group("what").strip(" !."))):
        title = role
    if (offered := after_cue(title)) and looks_like_role(offered):
        title = offered
    for pattern in (
        _POSTING_SUFFIX,
        _ROLE_AT_NAME,
        _POSTING_PREFIX,
        ORG_TITLE_PAIR,
        _NAME_DASH_ROLE,
    ):
        pair = pattern.match(title)
        if pair and looks_like_role(pair["title"]) and not _names_role(pair.groupdict("")):
            title = pair.group("title")
    if marker := GENDER_MARKER.search(title):
        title = title[: marker.end()]
    return title[:1].upper() + title[1:]


def _front_titles(draft: Draft) -> Iterator[Found[str]]:
    """The page's title keys that are text and name more than the page ("Jobs")."""
    for key, raw in front_values(draft.page, "title"):
        value = plain(raw)
        if value and not is_generic_title(value) and not JOBS_PAGE.match(value):
            yield Found(value, f"front matter: {key}")


def _from_headings(draft: Draft) -> Found[str] | None:
    for heading in draft.headings():
        cleaned = clean_title(heading.title)
        if looks_like_role(cleaned) and not is_generic_title(cleaned):
            return Found(cleaned, f"heading: line {heading.line + 1}")
    return None


# "Posizione aperta: Consulente GRC", "Position: Data Engineer": a label, then the role.
_LABELLED_ROLE = re.compile(
    rf"(?:^|(?<=[.!?] ))[*_\s]*(?:{alternatives('role_labels')})[*_\s]*[:：]\s*[*_]*"
    r"(?P<role>[^.\n:;|]{2,80}?)[*_]*(?=[.\n;|]|$)",
    re.IGNORECASE | re.MULTILINE,
)


def _labelled(draft: Draft) -> Found[str] | None:
    """A role given under a label ("Posizione aperta: Consulente GRC", "**Position:** Data
    Engineer"), when the label's value is a role."""
    for match in _LABELLED_ROLE.finditer(draft.text):
        role = inline_text(match.group("role")).strip()
        if looks_like_role(role):
            return Found(clean_title(role), "prose: role line")
    return None


# How many words may open a sentence before the role of a post it announces.
_POST_LEAD_WORDS = 4


def _announced_post(sentence: str) -> str | None:
    """The role of a sentence that opens by announcing a post of it: "1-year Postdoc
    opportunity at the University of X", "Research Engineer position available"."""
    role = ROLE.search(sentence)
    if role is None or len(sentence[: role.start()].split()) > _POST_LEAD_WORDS:
        return None
    post = POSITIONS.match(sentence, role.end() + 1)
    return role_phrase(sentence) if post and sentence[role.end() : post.start()] == " " else None


def _from_prose(draft: Draft) -> Found[str] | None:
    """The role the first sentence that offers one names ("we are looking for a ...", "Postdoc
    opportunity at ..."): one written as a title (capitalised) before one in lower case,
    which may describe a person."""
    described = None
    for number, sentence in enumerate(sentences(draft.text)[:40]):
        text = inline_text(sentence)
        announced = _announced_post(text)
        for role in (announced,) if announced else offered_roles(text):
            found = Found(role, f"prose: sentence {number + 1}")
            if role in text:  # as written, so capitalised there
                return found
            described = described or found
    return described


def _from_list(draft: Draft) -> Found[str] | None:
    """A list item that is only a role name, or a link to one."""
    for lead in list_leads(draft.text):
        if (lead.link and looks_like_role(lead.text)) or is_role_name(lead.text):
            return Found(clean_title(lead.text), f"list item: line {lead.line + 1}")
    return None


def _from_item_opening(draft: Draft) -> Found[str] | None:
    """A list item that opens with a role ("web engineer with systems knowledge", among the
    requirements): the role of a page that names it nowhere else."""
    for lead in list_leads(draft.text):
        if starts_with_role_word(lead.text) and (role := role_phrase(lead.text)):
            return Found(role, f"list item: line {lead.line + 1}")
    return None


def _without_prefix(draft: Draft, title: str) -> Found[str] | None:
    """The role a page title holds after a name ("Acme Project Director"), when the prose
    offers it under nearly the same words ("a Projects Director"); the prose's spelling."""
    words = title.split()
    if len(words) < 3 or starts_with_role_word(title):
        return None
    prose = _from_prose(draft)
    if prose is None or len(prose.value.split()) < 2:
        return None
    tail = " ".join(words[-len(prose.value.split()) :])
    similar = SequenceMatcher(None, tail.casefold(), prose.value.casefold()).ratio() >= 0.85
    return prose if similar and len(prose.value.split()) < len(words) else None


def title_of(draft: Draft) -> Found[str]:
    """The opening's heading; else a page title that names a job (unless a heading gives the
    role with its gender marker); else the first job heading or the role a sentence offers;
    else a stand-in, as there must be a title."""
    if draft.title:
        return Found(clean_title(draft.title), draft.hints.get("title_from", "heading"))
    fronts = list(_front_titles(draft))
    heading = _from_headings(draft)
    if heading and GENDER_MARKER.search(heading.value):
        return heading
    for front in fronts:
        if looks_like_role(cleaned := clean_title(front.value)):
            if (phrase := _PHRASE.match(cleaned)) and (
                role := role_phrase(cleaned[phrase.end() :])
            ):
                return Found(role, front.source)
            return _without_prefix(draft, cleaned) or Found(cleaned, front.source)
    return heading or _labelled(draft) or _from_prose(draft) or _stand_in(draft, fronts)


# A file name's date or number before its words ("2031-05-01-data-engineer", "017-lab-role").
_FILE_NUMBER = re.compile(r"^(?:\d{4}-\d{2}-\d{2}|\d+[a-z]?)[-_]")


def _stand_in(draft: Draft, fronts: list[Found[str]]) -> Found[str]:
    """A title for a page that names no role in its title, headings or offers: the page
    title, a list item that is a role, the page's first heading, a generic page title, a list
    item that opens with a role, or the file name."""
    if fronts:
        return Found(clean_title(fronts[0].value) or fronts[0].value, fronts[0].source)
    if listed := _from_list(draft):
        return listed
    for first in draft.headings()[:1]:
        if (first.level == 1 or first.line == 0) and not is_generic_title(first.title):
            return Found(clean_title(first.title), f"heading: line {first.line + 1}")
    if generic := front_text(draft.page, "title"):
        return generic
    if required := _from_item_opening(draft):
        return required
    stem = PurePosixPath(draft.page.source).stem
    words = " ".join(_FILE_NUMBER.sub("", stem).replace("_", "-").split("-"))
    if role := role_phrase(words):
        return Found(role, "file name")
    return Found(clean_title(stem) or stem, "file name")
