"""The hiring organisation, as a person would name it."""

import re
from collections.abc import Iterator

from app.importer.fields.common import Found, front_text, plain
from app.importer.fields.organisation_phrases import (
    named_by_heading,
    named_by_invitation,
    named_by_invites,
    recurring_name,
    spelled_by_domain,
)
from app.importer.fields.title import HIRING_SENTENCE, JOBS_PAGE, ORG_TITLE_PAIR
from app.importer.languages import alternatives
from app.importer.markdown import html_class, inline_text
from app.importer.places import is_place, places_in
from app.importer.roles import SHARED_SECTION, looks_like_role
from app.importer.segment import Draft

_HIRING_VERB = alternatives("hiring_verbs")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]$")
_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+|\bthat\s+)(?P<who>(?:(?:The|Le|La|L'|Il|El|Der|Die|Das|De|Het|O|A)\s*[\w&.'’-]+|"
    rf"[A-ZÀ-Þ][\w&.'’-]*|[a-z]+[A-Z][\w&.'’-]*)(?:\s+(?:[A-ZÀ-Þ(][\w&.'’()-]*|of|for|and|"
    rf"de|des|du|the|in|at|per|la|di|del|für|des|der|e\.V\.|lab|group|team|project))*?)\s+(?:team\s+|fund\s+)?"
    rf"(?:(?:is|are)\s+(?:currently|now)\s+(?:searching|looking)\s+for|"
    rf"(?:is\s+)?(?:currently\s+|now\s+)?(?:{_HIRING_VERB}))\b"
)
# "sucht die X": German puts the verb before its subject.
_GERMAN_INVERTED = re.compile(
    r"\bsucht\s+(?:der|die|das)\s+(?P<who>[A-ZÄÖÜ][^\n,:]{2,150}?)\s+(?:eine|einen|ein|zum|ab)\b"
)
# A job board's company line right under the opening's title ("### KAYAK").
_BOARD_COMPANY = re.compile(r"^#{3,4}\s+(?P<who>[^#`\n]{2,60}?)\s*$", re.MULTILINE)
_ABOUT = re.compile(
    rf"^(?:#+\s*|\*\*)\s*(?:{alternatives('about_words')})\s+(?P<who>[^\n*:]{{2,60}}?)\s*:?\s*(?:\*\*)?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_NOT_A_NAME = re.compile(
    r"^(?:us|you|yourself|the\s+\w+|this\s+\w+|our\s+\w+|uns|vous|nous|nosotros|noi|ons|nós)$",
    re.IGNORECASE,
)
# Page titles that name the organisation: "Join X", "Jobs at X", "X | Jobs | Role", "X - Job
# vacancies", "Position at X".
_TITLE_NAMES = re.compile(
    r"^(?:join|jobs\s+at|careers\s+at|work\s+(?:at|with))\s+(?P<org>[^|:–-]{2,60})$|"
    r"^(?P<org2>[^|]{2,60}?)\s+\|\s+(?:jobs|careers)\b|"
    r"^(?P<org3>[^|]{2,60}?)\s+[-–|]\s+job\s+(?:vacancies|openings|offers)\s*$|"
    r"\b(?:position|job|opening|vacancy)\s+at\s+(?P<org4>[A-Z][^,;:()]{1,60}?)\s*$|"
    r"^(?P<org5>[^\s:|–-][^:|–]{1,60}?)\s+(?:is\s+)?hiring\s+(?:for|an?)\b",
    re.IGNORECASE,
)
# A line of HTML markup (a tag or a comment), not an autolink such as "<https://...>".
_HTML_LINE = re.compile(r"^\s*<(?:[a-zA-Z][\w-]*[\s>/]|[a-zA-Z][\w-]*$|!--|/)")
_PROSE_KEYS = ("summary", "description", "excerpt")
# Front-matter keys that can carry a page heading: "Open positions at the X Lab".
_HEADING_KEYS = ("title", "meta", "description", "subtitle")
_FIRST_HEADING = re.compile(r"^#\s+(?P<heading>[^\n]+)$|^(?P<setext>[^\n]+)\n=+\s*$", re.M)
_MAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_ADDRESS = re.compile(r"https?://\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bwww\.\S+")
# Host names around an organisation's own: "jobs.example.ac.uk" is example's.
_GENERIC_HOST_PARTS = frozenset({"info", "jobs", "careers", "online", "site", "email", "mail"})
# Sites adverts link to that are nobody's employer in the advert: code hosts, social media,
# forms, job boards and applicant-tracking services.
_PLATFORMS = frozenset({
    "github", "gitlab", "bitbucket", "google", "goo", "linkedin", "twitter", "facebook",
    "youtube", "youtu", "instagram", "medium", "wikipedia", "gmail", "bit", "docs", "forms",
    "eventbrite", "meetup", "slack", "zoom", "apple", "microsoft", "amazon", "mozilla",
    "creativecommons", "orcid", "doi", "zenodo", "arxiv", "readthedocs", "workable",
    "greenhouse", "lever", "smartrecruiters", "applytojob", "recruitee", "personio",
    "bamboohr", "indeed", "glassdoor", "stackoverflow", "typeform", "jotform", "calendly",
    "mailchimp", "wordpress", "blogspot", "herokuapp", "netlify", "vercel", "discord",
    "telegram", "whatsapp", "mastodon", "bsky", "angel", "wellfound", "join", "ashbyhq",
    "teamtailor", "jobvite", "icims", "taleo", "myworkdayjobs", "remotewlb", "remoteok",
    "weworkremotely", "jobs", "careers", "apply", "www", "example",
})  # fmt: skip
_TIMES_NAMED = 2
_ABBREVIATION_END = re.compile(r"(?:\b\w\.\w+|\b[A-Z]\w{0,2})\.$")
_ARTICLE_WORD = re.compile(r"^(?:the|a|an|o|a|la|le|el|il|der|die|das|de|het)$", re.IGNORECASE)
_SELF_DESCRIPTION = re.compile(
    r"(?:^|[.!?]\s+)(?P<who>(?:[A-ZÀ-Þ]|[a-z]+[A-Z])[\w&.'’-]*(?:\s+(?:[A-ZÀ-Þ(][\w&.'’()-]*|"
    r"of|for|and|de|du|des|der|für|e\.V\.))*?)\s+(?:is|est|ist|es|è|is een|é)\s+"
    r"(?:a|an|une|un|eine|ein|una|uno|een|uma|um)\s+(?:[\w'’-]+\s+){0,4}?"
    rf"(?:{alternatives('organisation_nouns')})\b"
)
_GERMAN_SUBJECT = re.compile(
    r"(?:^|\.\s+)(?:Das|Die|Der)\s+(?P<who>[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der|für|und|von|[A-ZÄÖÜ][\w-]+))*)"
    r"(?:\s+in\s+(?P<city>[A-ZÄÖÜ]\w+))?\s*\((?P<short>[\w-]+)\)\s+[a-zäöüß]+\b"
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
    """A name without its article and the punctuation around it; a name that ends on an
    abbreviation keeps its full stop ("e.V.", "Inc.")."""
    name = name.strip(" ,:;")
    if name.endswith(".") and not _ABBREVIATION_END.search(name):
        name = name.rstrip(".")
    name = re.sub(
        r"^(?:the|an?|der|die|das|le|la|les|il|el|lo|het|de)\s+|^l['’]", "", name, flags=re.I
    )
    return re.sub(r"\s*\[[^\]]*\]\([^)]*\)", "", inline_text(name)).strip()


def institution_and_place(draft: Draft) -> tuple[str | None, str | None]:
    """A front-matter location such as "Some Hospital, Genoa, Italy": who, and where."""
    location = plain(draft.page.front_matter.get("location"))
    parts = [part.strip() for part in (location or "").split(",")]
    if len(parts) >= 3 and _INSTITUTION.search(parts[0]):
        return parts[0], ", ".join(parts[1:])
    return None, location


def _named(name: str) -> bool:
    """Whether a phrase can be an organisation's name: it has a capital, is no pronoun or
    "About the role", and names no job."""
    return (
        any(char.isupper() for char in name)
        and not _NOT_A_NAME.match(name)
        and not _PRONOUN.match(name)
        and not looks_like_role(name)
        and SHARED_SECTION.match(name) is None
    )


def _without_place(name: str) -> str:
    """A name without the place a title adds to it: "Some Lab Toulouse" -> "Some Lab"."""
    name = _strip_article(name)
    places = places_in(name)
    if places and places[-1].end == len(name) and places[-1].start > 0:
        return name[: places[-1].start].rstrip(" ,-–")
    return name


def _about_name(heading: str, text: str) -> str | None:
    """The name in "About X": not "About the role", "Sobre a vaga" (an article and one
    capitalised word), "About us"."""
    words = heading.split()
    if len(words) == 2 and _ARTICLE_WORD.match(words[0]) and words[1][1:].islower():
        return None
    name = _strip_article(heading)
    if " " not in name and re.search(rf"\b{re.escape(name.lower())}\b", text):
        return None  # a word the advert also writes in lower case: "About Vaga", "vaga"
    return name if _named(name) else None


def _self_described(prose: str) -> str | None:
    """ "X is a non-profit", "X est une start-up", "X ist ein Unternehmen": the X."""
    if match := _SELF_DESCRIPTION.search(prose):
        name = _strip_article(match.group("who"))
        return name if _named(name) else None
    return None


def _board_company(text: str) -> str | None:
    """A job board's layout: the title as the first heading, the company as a small heading
    right under it ("# [Role](link)" then "### Company")."""
    lines = [line for line in text.split("\n", 6)[:6] if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("# ["):
        return None
    company = _BOARD_COMPANY.match(lines[1].strip())
    name = inline_text(company.group("who")) if company else ""
    return name if name and _named(name) else None


def _front_place_name(draft: Draft) -> str | None:
    """A location mapping named "Org, City, Country": the part before the places."""
    location = draft.page.front_matter.get("location")
    if not isinstance(location, dict):
        return None
    parts = [part.strip() for part in (plain(location.get("name")) or "").split(",")]
    if len(parts) < 2 or is_place(parts[0]) or not any(is_place(part) for part in parts[1:]):
        return None
    return _strip_article(parts[0]) or None


def _from_titles(draft: Draft) -> Found[str] | None:
    front = draft.page.front_matter
    page_title = plain(front.get("title")) or ""
    if jobs_page := JOBS_PAGE.match(page_title):
        name = _strip_article(jobs_page.group("org") or jobs_page.group("org2"))
        return Found(name, "front matter: title")
    titled = _TITLE_NAMES.search(page_title)
    name = _without_place(next(group for group in titled.groups() if group)) if titled else ""
    if name and _named(name):
        text = draft.text + "\n" + draft.hints.get("context", "")
        return Found(_expand_acronym(name, text), "front matter: title")
    if headed := _from_headings(draft):
        return headed
    hiring = HIRING_SENTENCE.match(page_title)
    if hiring and looks_like_role(hiring.group("what")) and not _PRONOUN.match(hiring["who"]):
        text = draft.text + "\n" + draft.hints.get("context", "")
        return Found(
            _expand_acronym(_strip_article(hiring.group("who")), text), "front matter: title"
        )
    return None


def _from_headings(draft: Draft) -> Found[str] | None:
    """A page title, meta line or first heading that names the employer: "Vacatures bij X",
    "X Open Positions"."""
    front = draft.page.front_matter
    for key in _HEADING_KEYS:
        if name := named_by_heading(plain(front.get(key)) or ""):
            return Found(name, f"front matter: {key}")
    for where, source in (
        ("heading", draft.text),
        ("page heading", draft.hints.get("context", "")),
    ):
        first = _FIRST_HEADING.search(source)
        if first and (name := named_by_heading(first.group("heading") or first.group("setext"))):
            return Found(name, where)
    return None


def _paragraphs(source: str) -> Iterator[str]:
    """The paragraphs of Markdown, a heading standing alone, so that a sentence starts each."""
    lines: list[str] = []
    for line in [*source.split("\n"), ""]:
        if not line.strip() or line.lstrip().startswith("#") or _HTML_LINE.match(line):
            if lines:
                yield "\n".join(lines)
            lines = [line] if line.strip() else []
            if line.strip():
                heading = lines.pop()
                if not _HTML_LINE.match(heading):
                    yield heading
        else:
            lines.append(line)


def _from_prose(source: str) -> str | None:
    """The subject of a hiring sentence ("X is looking for", "Die X sucht", "X recrute"), a
    German self-description ("Das X (abbr) ist"), or the name after "sucht die"."""
    if linked := _LINKED_SUBJECT.search(source):
        return _strip_article(linked.group(1))
    for paragraph in _paragraphs(source):
        prose = inline_text(paragraph.lstrip("#> "))
        for subject in _SUBJECT.finditer(prose):
            who = _strip_article(subject.group("who"))
            if who and _named(who):
                return _expand_acronym(who, prose)
        german = _GERMAN_SUBJECT.search(prose)
        if german and german.group("short")[0].lower() == german.group("who")[0].lower():
            return german.group("who")
        if inverted := _GERMAN_INVERTED.search(prose):
            return _strip_article(inverted.group("who"))
        if described := _self_described(prose):
            return described
        if invites := named_by_invites(prose):
            return invites
    return None


def _from_invitation(source: str) -> str | None:
    """The employer a "Join X" or "At X, we" sentence names, when no role is the X."""
    for paragraph in _paragraphs(source):
        name = named_by_invitation(inline_text(paragraph.lstrip("#> ")))
        if name and _named(name) and name.lower() not in _PLATFORMS:
            return name
    return None


def _domain_names(text: str) -> list[str]:
    """The names in the advert's mail domains: "jobs@quill.example" -> "quill",
    "info@hbz-nrw.de" -> "hbz-nrw" and "hbz". Web domains are left out: adverts link to
    their partners and funders as often as to their own site."""
    names: list[str] = []
    for match in _MAIL_DOMAIN.finditer(text):
        parts = match.group(1).lower().split(".")
        while len(parts) > 1 and (len(parts[-1]) <= 3 or parts[-1] in _GENERIC_HOST_PARTS):
            parts.pop()
        name = parts[-1]
        for candidate in (name, name.split("-")[0]):
            if candidate not in _PLATFORMS and len(candidate) >= 3 and candidate not in names:
                names.append(candidate)
    return names


def _named_by_a_domain(text: str) -> str | None:
    """The name the advert writes, capitalised, at least twice and outside any address, that
    its mail domain spells: "Quillworks ... jobs@quillworks.example"."""
    if "@" not in text:
        return None
    names = _domain_names(text)
    if not names:
        return None
    prose = _ADDRESS.sub(" ", text)
    for name in names:
        if spelled := spelled_by_domain(name, prose):
            return spelled
        written: list[str] = re.findall(
            rf"(?<![\w@./-]){re.escape(name)}(?![\w@/-]|\.\w)", prose, re.I
        )
        capitalised = [word for word in written if word != word.lower()]
        if len(capitalised) >= _TIMES_NAMED and len(capitalised) * 2 > len(written):
            return max(set(capitalised), key=capitalised.count)
    return None


def organisation_of(draft: Draft) -> Found[str] | None:
    """Front matter, else a heading, listing line, job-board line or page title that names
    it, else the subject of a hiring sentence, else an "About X" heading."""
    front = draft.page.front_matter
    if named := front_text(draft.page, "organisation"):
        return named
    if institution := institution_and_place(draft)[0]:
        return Found(institution, "front matter: location")
    if place_name := _front_place_name(draft):
        return Found(place_name, "front matter: location.name")
    text = draft.text
    context = draft.hints.get("context", "")
    heading = inline_text(draft.title or "")
    pair = ORG_TITLE_PAIR.match(heading)
    if pair and not looks_like_role(pair.group("org")):
        return Found(_strip_article(pair.group("org")), "heading")
    listed = draft.hints.get("listed")
    name = listed.split(" - ")[0].split(",")[0].strip() if listed else ""
    if name[:1].isupper() or name[:1].isdigit():
        return Found(name, "listing line")
    if listed and not name:
        return None
    if company := html_class(text, "company") or html_class(text, "employer"):
        return Found(company, "page markup")
    if board := _board_company(text):
        return Found(board, "job board company line")
    if titled := _from_titles(draft):
        return titled
    summaries = "\n\n".join(filter(None, (plain(front.get(key)) for key in _PROSE_KEYS)))
    prose_sources = (("prose", text), ("front matter: summary", summaries), ("page prose", context))
    for where, source in prose_sources:
        if subject := _from_prose(source):
            return Found(subject, where)
    for where, source in prose_sources:
        if invited := _from_invitation(source):
            return Found(invited, f"{where}: invitation")
    for where, source in (("prose", text), ("page prose", context)):
        for about in _ABOUT.finditer(source):
            if about_name := _about_name(about.group("who"), source):
                return Found(about_name, f"{where}: about heading")
    if domain_name := _named_by_a_domain(text + "\n" + context):
        return Found(domain_name, "a name the advert's web or mail domain spells")
    whole = text + "\n" + context
    if recurring := recurring_name(whole, _ADDRESS.sub(" ", whole), heading, _PLATFORMS):
        return Found(recurring, "a name the text repeats and a host name or acronym vouches for")
    if department := plain(front.get("department")):
        return Found(department, "front matter: department")
    return None
