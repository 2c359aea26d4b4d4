"""The hiring organisation, as a person would name it."""

import re

from app.importer.fields.common import Found, front_text, plain
from app.importer.fields.title import HIRING_SENTENCE, JOBS_PAGE, ORG_TITLE_PAIR
from app.importer.languages import alternatives
from app.importer.markdown import html_class, inline_text
from app.importer.roles import looks_like_role
from app.importer.segment import Draft

_HIRING_VERB = alternatives("hiring_verbs")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]$")
_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+|\bthat\s+)(?P<who>(?:The\s+[\w&.'’-]+|[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z(][\w&.'’()-]*|of|for|and|"
    rf"de|des|du|the|in|at))*?)\s+(?:{_HIRING_VERB})\b"
)
_GERMAN_SUBJECT = re.compile(
    r"(?:^|\.\s+)(?:Das|Die|Der)\s+(?P<who>[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der|für|und|von|[A-ZÄÖÜ][\w-]+))*)"
    r"(?:\s+in\s+(?P<city>[A-ZÄÖÜ]\w+))?\s*\((?P<short>[\w-]+)\)\s+ist\b"
)
_LINKED_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+)(?:The\s+)?\[([^\]]+)\]\([^)]*\)\s+(?:{_HIRING_VERB})", re.IGNORECASE
)
_PRONOUN = re.compile(r"^(?:we|our|they|you|i|it|he|she|this|that|who)\b", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?:university|universität|université|hospital|institute|institut|laboratory|lab|"
    r"college|school|centre|center|foundation|consortium|museum|library|council|agency|"
    r"ministry|company|inc|ltd|gmbh)\b",
    re.IGNORECASE,
)


def _expand_acronym(name: str, text: str) -> str:
    """ "SSI" -> "Software Sustainability Institute" when the advert spells it out."""
    if not _ACRONYM.match(name):
        return name
    spelled = re.search(rf"([A-Z][\w-]*(?:\s+(?:of|for|and|[A-Z][\w-]*))+)\s*\({name}\)", text)
    return spelled.group(1) if spelled else name


def _strip_article(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(" ,.:;"), flags=re.IGNORECASE)
    return re.sub(r"\s*\[[^\]]*\]\([^)]*\)", "", inline_text(name)).strip()


def institution_and_place(draft: Draft) -> tuple[str | None, str | None]:
    """A front-matter location such as "Some Hospital, Genoa, Italy": who, and where."""
    location = plain(draft.page.front_matter.get("location"))
    parts = [part.strip() for part in (location or "").split(",")]
    if len(parts) >= 3 and _INSTITUTION.search(parts[0]):
        return parts[0], ", ".join(parts[1:])
    return None, location


def organisation_of(draft: Draft) -> Found[str] | None:
    """Front matter, else the page title ("Org - Jobs", "Org is hiring ..."), else the prose."""
    front = draft.page.front_matter
    if named := front_text(draft.page, "organisation"):
        return named
    if institution := institution_and_place(draft)[0]:
        return Found(institution, "front matter: location")
    text = draft.text
    context = draft.hints.get("context", "")
    heading = inline_text(draft.title or "")
    pair = ORG_TITLE_PAIR.match(heading)
    if pair and not looks_like_role(pair.group("org")):
        return Found(_strip_article(pair.group("org")), "heading")
    if listed := draft.hints.get("listed"):
        name = listed.split(" - ")[0].split(",")[0].strip()
        return Found(name, "listing line") if name else None
    if company := html_class(text, "company") or html_class(text, "employer"):
        return Found(company, "page markup")
    page_title = plain(front.get("title")) or ""
    if jobs_page := JOBS_PAGE.match(page_title):
        name = _strip_article(jobs_page.group("org") or jobs_page.group("org2"))
        return Found(name, "front matter: title")
    hiring = HIRING_SENTENCE.match(page_title)
    if hiring and looks_like_role(hiring.group("what")) and not _PRONOUN.match(hiring["who"]):
        name = _expand_acronym(_strip_article(hiring.group("who")), text + "\n" + context)
        return Found(name, "front matter: title")
    for where, source in (("prose", text), ("page prose", context)):
        if linked := _LINKED_SUBJECT.search(source):
            return Found(_strip_article(linked.group(1)), where)
        prose = inline_text(source)
        for subject in _SUBJECT.finditer(prose):
            if not _PRONOUN.match(subject.group("who")):
                return Found(_expand_acronym(_strip_article(subject.group("who")), prose), where)
        if german := _GERMAN_SUBJECT.search(prose):
            return Found(german.group("who"), where)
    if department := plain(front.get("department")):
        return Found(department, "front matter: department")
    return None
