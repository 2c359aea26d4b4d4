"""The hiring organisation, as a person would name it."""

import re
from collections.abc import Iterator

from app.importer.fields.common import Found, front_text, plain
from app.importer.fields.organisation_phrases import (
    NAME,
    institution_at,
    institution_by_host,
    named_as_wanted,
    named_by_a_sentence,
    named_by_heading,
    named_by_invitation,
    named_by_invites,
    recurring_name,
    signed_by,
    spelled_by_domain,
    subject_name,
)
from app.importer.fields.title import HIRING_SENTENCE, JOBS_PAGE, ORG_TITLE_PAIR
from app.importer.languages import LANGUAGES, alternatives
from app.importer.markdown import html_class, inline_text
from app.importer.phrases import phrases
from app.importer.places import is_place, places_in
from app.importer.roles import (
    GENDER_MARKER,
    PAST_SECTION,
    SHARED_SECTION,
    is_generic_title,
    looks_like_role,
)
from app.importer.segment import Draft

_HIRING_VERB = alternatives("hiring_verbs")
_HIRING_ADVERB = alternatives("hiring_adverbs")
# An aside between a subject and its verb, which describes it: "X (the organisation which
# shelters Y) is seeking", "X (UMR 1234) propose", "X, a non-profit in Y, is hiring", "X,
# azienda leader, cerca", "X — the Y company — is hiring"; an acronym, "X (XO) is hiring",
# stays part of the name.
_ASIDE = (
    r"(?:\s*\((?=\s*[a-zà-ÿ]|[^()]*\d)[^()]{1,200}\)"
    r"|,\s+(?=[a-zà-ÿ])[^,.;!?()]{1,120},"
    r"|\s+[—–]\s[^—–.!?]{1,120}\s[—–])?"
)
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]$")
_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+|\bthat\s+)(?P<who>(?:(?:The|Le|La|L'|Il|El|Der|Die|Das|De|Het|O|A)\s*[\w&.'’-]+|"
    rf"[A-ZÀ-Þ][\w&.'’-]*|[a-z]+[A-Z][\w&.'’-]*)(?:\s+(?:[A-ZÀ-Þ(][\w&.'’()-]*|of|for|and|"
    rf"de|des|du|the|in|at|per|la|di|del|für|des|der|e\.V\.|lab|group|team|project))*?)"
    rf"{_ASIDE}\s+(?:team\s+|fund\s+)?"
    rf"(?:(?:is|are)\s+(?:{_HIRING_ADVERB})\s+(?:searching|looking)\s+for|"
    rf"(?:is\s+)?(?:(?:{_HIRING_ADVERB})\s+)?(?:{_HIRING_VERB}|(?P<offer>{alternatives('offer_verbs')})))\b"
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
    r"^(?:us|you|yourself|the\s+\w+|this\s+\w+|our\s+\w+|uns|vous|nous|nosotros|noi|ons|nós)"
    r"[!.?]*$",
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
    "weworkremotely", "jobs", "careers", "apply", "www", "example", "outlook", "hotmail",
    "yahoo", "protonmail", "proton", "gmx", "icloud", "posteo", "live", "aol", "web", "me",
})  # fmt: skip
_TIMES_NAMED = 2
# A title's part that is a sentence about hiring, not a name: "Wir suchen", "We're hiring".
_HIRING_WORDS = re.compile(
    rf"\b(?:{alternatives('we_words')}|{alternatives('we_are')}|{_HIRING_VERB})\b", re.IGNORECASE
)
_HOST_PARTS = re.compile(r"(?:https?://|www\.|@)([\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_ABBREVIATION_END = re.compile(r"(?:\b\w\.\w+|\b[A-Z]\w{0,2})\.$")
_ARTICLE_WORD = re.compile(r"^(?:the|a|an|o|a|la|le|el|il|der|die|das|de|het)$", re.IGNORECASE)
# "X is a non-profit", "L'Institut X de l'Y est une unité de recherche", "X is een
# softwarebedrijf" (the kind at a compound's end): the X.
_SELF_DESCRIPTION = re.compile(
    r"(?:^|[.!?]\s+)(?P<who>(?:[A-ZÀ-Þ]|[a-z]+[A-Z]|\d+[a-z])[\w&.'’-]*(?:\s+(?:"
    rf"(?:{alternatives('elided_articles')})?[A-ZÀ-Þ(][\w&.'’()-]*|"
    rf"{alternatives('name_connectives')}|e\.V\.))*?)\s+(?:{alternatives('copulas')})\s+"
    rf"(?:{alternatives('indefinite_articles')})\s+(?:[\w'’-]+\s+){{0,4}}?[\w-]*?"
    rf"(?:{alternatives('organisation_nouns')})\b"
)
_GERMAN_SUBJECT = re.compile(
    r"(?:^|\.\s+)(?:Das|Die|Der)\s+(?P<who>[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der|für|und|von|[A-ZÄÖÜ][\w-]+))*)"
    r"(?:\s+in\s+(?P<city>[A-ZÄÖÜ]\w+))?\s*\((?P<short>[\w-]+)\)\s+[a-zäöüß]+\b"
)
# A linked subject, at the start of a line or sentence: "[Example](https://...) is hiring".
_LINKED_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+)(?:The\s+)?\[([^\]]+)\]\([^)]*\){_ASIDE}\s+(?:{_HIRING_VERB})",
    re.IGNORECASE | re.MULTILINE,
)
# "The team at X is hiring": the X.
_LOWER_LEAD = re.compile(rf"^[a-z][\w-]*\s+(?:{alternatives('institution_prepositions')})\s+")
_ELIDED_ARTICLE = re.compile(rf"^(?:{alternatives('elided_articles')})", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:we|our|they|you|i|it|he|she|this|that|who)\b", re.IGNORECASE)
_ORGANISATION_NOUN = re.compile(rf"\b(?:{alternatives('organisation_nouns')})\b", re.IGNORECASE)
_LONGEST_FRONT_NAME = 80
# A name that opens with a number and spells on in lower case: "2i2c", "37signals".
_NUMBER_NAME = re.compile(r"^\d+[a-z][a-z\d]*$")
_TEAM_NAME = re.compile(
    rf"^(?P<name>.+?)[\s-]+(?i:{alternatives('signature_teams')})$|"
    rf"^(?i:{alternatives('signature_teams')})\s+(?P<after>.+)$"
)
_INSTITUTION = re.compile(
    rf"\b(?:(?i:{alternatives('institution_nouns')})|{alternatives('legal_forms')})(?!\w)"
)


def _letters_of(name: str) -> str:
    """A name's letters and digits in lower case: "Quill Works" -> "quillworks"."""
    return "".join(char for char in name.lower() if char.isalnum())


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
    name = re.sub(r"^(?:the|an?|der|die|das|le|la|les|il|el|lo|het|de)\s+", "", name, flags=re.I)
    if elided := _ELIDED_ARTICLE.match(name):  # "l'institut X" -> "Institut X"
        name = name[elided.end() :]
        name = name[:1].upper() + name[1:]
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
        (any(char.isupper() for char in name) or _NUMBER_NAME.match(name) is not None)
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
    if _a_word_of_the_text(name, text):
        return None  # "About Vaga", "vaga"
    return name if _named(name) else None


def _self_described(prose: str) -> str | None:
    """ "X is a non-profit", "X est une start-up", "X ist ein Unternehmen": the X."""
    if match := _SELF_DESCRIPTION.search(prose):
        name = _strip_article(match.group("who"))
        return name if _named(name) else None
    return None


def _board_company(text: str) -> str | None:
    """A job board's layout: the title as the first heading, the company as a small heading
    right under it ("# [Role](link)" then "### Company"). A name written in lower case
    ("### example") counts when the text writes it again: the layout vouches for it."""
    lines = [line for line in text.split("\n", 6)[:6] if line.strip()]
    if len(lines) < 2 or not lines[0].startswith("# ["):
        return None
    company = _BOARD_COMPANY.match(lines[1].strip())
    name = inline_text(company.group("who")) if company else ""
    if name.islower() and text.count(name) >= _TIMES_NAMED + 1:
        return name if _named(name.capitalize()) else None
    return name if name and _named(name) else None


def _a_word_of_the_text(name: str, text: str) -> bool:
    """Whether a one-word name is a word the advert also writes in lower case ("Sales",
    "sales"): a common noun, not a name."""
    return " " not in name and re.search(rf"\b{re.escape(name.lower())}\b", text) is not None


_SECTION_HEADING = re.compile(r"^#{2,6}\s+(?P<heading>[^#\n]+?)\s*#*$")


def _employer_heading(draft: Draft) -> str | None:
    """An aggregator's layout, one heading per employer and its roles listed under it
    ("### Some University" then "* [Role](link)"): the heading, with any place it names, as
    in "University of Somewhere, Springfield" the place can be part of the name."""
    if not draft.hints.get("title_from", "").startswith(("list item", "listing link")):
        return None
    lines = [line for line in draft.text.split("\n", 8)[:8] if line.strip()]
    heading = _SECTION_HEADING.match(lines[0].strip()) if len(lines) >= 2 else None
    if heading is None or inline_text(draft.title or "") not in inline_text(lines[1]):
        return None
    written = inline_text(heading.group("heading"))
    name = _strip_article(written)
    unfit = (
        not name
        or is_place(written)
        or is_generic_title(written)
        or PAST_SECTION.match(written)
        or _a_word_of_the_text(name, draft.text + "\n" + draft.hints.get("context", ""))
    )
    return None if unfit or not _named(name) else name


# Front-matter keys that hold the organisation as often as a person, a place or the page:
# read only for a name that is an institution's or a company's, or a team's ("X Team").
_AMBIGUOUS_KEYS = ("name", "site", "author", "team")


def _front_ambiguous_name(draft: Draft) -> Found[str] | None:
    """ "name: Example Institute", "site: Example GmbH", "author: Example Team": the
    organisation, where the value's words make it one."""
    front = draft.page.front_matter
    title = plain(front.get("title"))
    for key in _AMBIGUOUS_KEYS:
        value = plain(front.get(key))
        if not value or value == title or "/" in value or len(value) > _LONGEST_FRONT_NAME:
            continue
        team = _TEAM_NAME.match(value)
        name = _strip_article(team.group("name") or team.group("after")) if team else value
        if (team or _INSTITUTION.search(value)) and _named(name) and not is_place(name):
            return Found(name, f"front matter: {key}")
    return None


# "Company: X", "**Arbeitgeber:** X", "| Employer | X |": a line that labels the employer.
_LABELLED = phrases(
    rf"^[\s>*_|#-]*(?:{alternatives('organisation_labels')})\s*[*_]*\s*[:：|][\s*_|]*"
    r"(?P<who>[^\n|]+)",
    [phrase for words in LANGUAGES for phrase in words.organisation_labels],
    re.IGNORECASE | re.MULTILINE,
)
# A heading or bold line that is only the label ("### Company", "**Arbeitgeber**"), whose
# name is the next line.
_LABEL_LINE = phrases(
    rf"^[\s>#*_]*(?:{alternatives('organisation_labels')})[\s*_:]*$",
    [phrase for words in LANGUAGES for phrase in words.organisation_labels],
    re.IGNORECASE | re.MULTILINE,
)
_LONGEST_LABELLED = 8  # words: more is a sentence about the company, not its name


def _labelled(text: str) -> str | None:
    """The employer a line labels ("Company: X"), when the label holds a name, not a
    sentence or an address."""
    labelled = [match.group("who") for match in _LABELLED.finditer(text)]
    for label in _LABEL_LINE.finditer(text):
        following = text[label.end() :].lstrip("\n").split("\n", 1)[0]
        labelled.append(following)
    for who in labelled:
        name = _strip_article(who.strip(" *_#"))
        if (
            name
            and len(name.split()) <= _LONGEST_LABELLED
            and "://" not in name
            and _named(name)
            and not is_place(name)
        ):
            return name
    return None


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
    name = name.rstrip("!? ")
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
    return _from_title_line(draft)


_HTML_TITLE = re.compile(r"<title[^>]*>([^<]{2,160})</title>", re.IGNORECASE)
_SITE_NAME = re.compile(
    r"""<meta\s[^>]*?(?:property|name)=["'](?:og:site_name|application-name)["'][^>]*?"""
    r"""content=["']([^"']{2,80})["']""",
    re.IGNORECASE,
)


def _title_lines(draft: Draft) -> Iterator[tuple[str, str]]:
    """(where, title) of the opening's heading, the page's title, its first heading and an
    HTML page's <title>."""
    first = _FIRST_HEADING.search(draft.text)
    heading = (first.group("heading") or first.group("setext")) if first else None
    html = _HTML_TITLE.search(draft.page.body) if "<title" in draft.page.body else None
    for where, line in (
        ("heading", draft.title),
        ("front matter: title", plain(draft.page.front_matter.get("title"))),
        ("heading", heading),
        ("page markup: title", html.group(1) if html else None),
    ):
        if title := inline_text(line or "").strip():
            yield where, title


_ROLE_AT = re.compile(
    rf"^(?P<role>.+?)\s+(?:@|(?i:{alternatives('title_employer_prepositions')}))\s+"
    r"(?P<org>[A-ZÀ-Þ][^,;:()|!?]{1,60}?)\s*$"
)
# "Role - X", "Role | X": the X is the employer only when the text or a host name vouches
# for it, as it as often is a place, a team or a way of working.
_ROLE_BESIDE = re.compile(r"^(?P<role>.+?)\s+[-–|]\s+(?P<org>[A-ZÀ-Þ][^()|–-]{1,60}?)\s*$")


# "Gezocht: developer", "Wanted: engineer": a word for a post sought, not an employer.
_WANTED = re.compile(rf"(?:{alternatives('wanted_words')})", re.IGNORECASE)


def _from_title_line(draft: Draft) -> Found[str] | None:
    """The employer a title names beside its role: "Engineer at X", "X: Engineer"."""
    whole = draft.text + "\n" + draft.hints.get("context", "")
    for where, title in _title_lines(draft):
        if (at := _ROLE_AT.match(title)) and looks_like_role(at.group("role")):
            name = _strip_article(at.group("org"))
            if name.split()[-1][:1].isupper() and _fits_as_name(name, whole):
                return Found(name, where)
        pair = ORG_TITLE_PAIR.match(title)
        if (
            pair
            and looks_like_role(pair.group("title"))
            and _WANTED.fullmatch(pair.group("org").strip()) is None
            and _fits_as_name(pair.group("org"), whole)
        ):
            return Found(_strip_article(pair.group("org")), where)
    return None


def _beside_the_role(draft: Draft) -> Found[str] | None:
    """ "Engineer - X", "Engineer | X": the X, when the text writes it again or a host name
    spells it."""
    whole = draft.text + "\n" + draft.hints.get("context", "")
    for where, title in _title_lines(draft):
        beside = _ROLE_BESIDE.match(title)
        if beside and looks_like_role(beside.group("role")):
            name = _strip_article(beside.group("org"))
            if _fits_as_name(name, whole) and _written_again(name, whole.replace(title, " ")):
                return Found(name, where)
    return None


def _fits_as_name(name: str, text: str) -> bool:
    """Whether a title's part can be the employer's name: no role, place, generic page title,
    gender marker, common word of the text or phrase that ends in one."""
    name = _strip_article(name)
    words = name.split()
    return (
        _named(name)
        # "Formación pagada: Beca": a phrase that ends in a plain lower-case word is no name.
        and not (len(words) > 1 and words[-1].isalpha() and words[-1].islower())
        and _HIRING_WORDS.search(name) is None
        and not is_place(name)
        and not is_generic_title(name)
        and GENDER_MARKER.fullmatch(f"({name})") is None
        and not _a_word_of_the_text(name, _ADDRESS.sub(" ", text))
    )


def _written_again(name: str, text: str) -> bool:
    """Whether the text writes the name as words of their own, or a host name spells it."""
    if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
        return True
    hosts = {part for host in _HOST_PARTS.findall(text) for part in host.lower().split(".")}
    return _letters_of(name) in hosts


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


# "Wir, die CIB-Gruppe, sind …", "We, the Example Lab, build …": the name set beside "we".
_WE_THE = re.compile(
    rf"\b(?i:{alternatives('we_words')})\s*,\s*(?:(?i:{alternatives('articles')})\s+)?"
    rf"(?P<org>{NAME})\s*,"
)


def _from_prose(source: str) -> str | None:
    """The subject of a hiring sentence ("X is looking for", "Die X sucht", "X recrute"), a
    German self-description ("Das X (abbr) ist"), or the name after "sucht die"."""
    if linked := _LINKED_SUBJECT.search(source):
        return _strip_article(linked.group(1))
    for paragraph in _paragraphs(source):
        prose = inline_text(paragraph.lstrip("#> "))
        for subject in _SUBJECT.finditer(prose):
            who = _LOWER_LEAD.sub("", _strip_article(subject.group("who")))
            # "Springfield offers a vibrant life" offers no job.
            if who and _named(who) and not (subject.group("offer") and is_place(who)):
                return _expand_acronym(who, prose)
        german = _GERMAN_SUBJECT.search(prose)
        if german and german.group("short")[0].lower() == german.group("who")[0].lower():
            return german.group("who")
        if inverted := _GERMAN_INVERTED.search(prose):
            return _strip_article(inverted.group("who"))
        if described := _self_described(prose):
            return described
        if (beside := _WE_THE.search(prose)) and _named(beside.group("org")):
            return beside.group("org")
        if invites := named_by_invites(prose):
            return invites
        if wanted := named_as_wanted(prose):
            return _strip_article(wanted)
    return None


_ABOUT_US = re.compile(
    rf"^[#*_\s¿]*(?:{alternatives('about_us_headings')})\s*[?!:.]?[*_\s]*$", re.IGNORECASE
)
_OPENING_NAME = re.compile(rf"^(?:{NAME})(?=\s+[a-zà-ÿ])")


def _from_about_us(source: str) -> str | None:
    """The name that opens the first sentence under a "Who we are" heading ("Example réalise
    ..."), when the page writes it at least twice, addresses included, and never as a
    lower-case word of its prose."""
    paragraphs = _paragraphs(source)
    for paragraph in paragraphs:
        if not _ABOUT_US.match(paragraph):
            continue
        prose = next((p for p in paragraphs if not p.lstrip().startswith("#")), "")
        opening = _OPENING_NAME.match(inline_text(prose).strip())
        name = opening.group() if opening else ""
        if (
            name
            and _named(name)
            and not _ARTICLE_WORD.match(name)
            and source.lower().count(name.lower()) >= _TIMES_NAMED
            and not _a_word_of_the_text(name, inline_text(source))
        ):
            return name
        return None
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
            if (
                candidate not in _PLATFORMS | _GENERIC_HOST_PARTS
                and len(candidate) >= 3
                and candidate not in names
            ):
                names.append(candidate)
    return names


_TOP_LEVEL_LENGTH = 3  # "ac" of "jobs.ac.uk" is no name
_RECRUITING_HOST = re.compile(
    rf"https?://(?:www\.)?(?:{alternatives('recruiting_hosts')})\.([\w-]+)\.", re.IGNORECASE
)


def _spelled_only_by_a_domain(text: str) -> str | None:
    """The last resort: the name a mail domain of the advert spells, or else its recruiting
    site's ("jobs.quill.example"), as the prose writes it if it does ("(hbz)"), else as the
    domain does: an advert that names its employer nowhere else still sends mail from it."""
    names = _domain_names(text) or [
        name
        for name in _RECRUITING_HOST.findall(text)
        if len(name) > _TOP_LEVEL_LENGTH and name.lower() not in _PLATFORMS
    ]
    if not names:
        return None
    prose = _ADDRESS.sub(" ", text)
    for name in names:
        if written := re.search(rf"(?<![\w@./-]){re.escape(name)}(?![\w@/-]|\.\w)", prose, re.I):
            return written.group()
    return names[0].lower()


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


_HOST_NAME = re.compile(r"^(?P<name>[\w-]{2,})\.[a-z]{2,6}$")
_LONG_NAME = 4  # words, from which a name may be one the text shortens


def _shortened(name: str, text: str) -> str:
    """A long official name as the text also writes it, shorter: "Example-Institut Haus für
    Beispiele e.V." -> "Example-Institut", "UCL Physics and Astronomy" -> "UCL", when the text
    writes that part on its own (not followed by the rest of the name). The part holds a kind
    of organisation ("Institut"), or is one word that is no common word of the text, so that
    neither "Max Planck" nor "Open" stands for the whole; a name with its acronym stays whole."""
    words = name.split()
    if len(words) < _LONG_NAME or "(" in name:
        return name
    for end in range(len(words) - 1, 0, -1):
        part = " ".join(words[:end])
        if not part[-1:].isalnum() or not any(char.isupper() for char in words[end - 1]):
            continue
        if not _ORGANISATION_NOUN.search(part) if end > 1 else _a_word_of_the_text(part, text):
            continue
        if _written_alone(part, words[end], text):
            return part
    return name


def _written_alone(part: str, following: str, text: str) -> bool:
    """Whether the text writes `part` as words of their own, once at least not followed by
    the word that follows it in the long name."""
    at = text.find(part)
    while at >= 0:
        beyond = at + len(part)
        starts = at == 0 or not text[at - 1].isalnum()
        if starts and not text[beyond : beyond + 1].isalnum():
            rest = text[beyond : beyond + len(following) + 8].split(maxsplit=1)
            if not rest or not rest[0].startswith(following):
                return True
        at = text.find(part, beyond)
    return False


def _without_domain(name: str, text: str) -> str:
    """A name written as a host name ("example.com") as the text also writes it as a word,
    capitalised ("Example"); as it stands when the text does not ("Booking.com")."""
    host = _HOST_NAME.match(name)
    if host is None:
        return name
    bare, prose = host.group("name"), _ADDRESS.sub(" ", text)
    for written in re.finditer(rf"(?<![\w@./-]){re.escape(bare)}(?![\w@/-]|\.\w)", prose, re.I):
        if written.group() != written.group().lower():
            return written.group()
    return name


def organisation_of(draft: Draft) -> Found[str] | None:
    """The organisation `_organisation_of` finds, as the advert names it at its shortest
    when its official name is long, and as a word rather than a host name."""
    found = _organisation_of(draft)
    if found is None:
        return None
    front = draft.page.front_matter
    summaries = (plain(front.get(key)) for key in _PROSE_KEYS)
    whole = "\n".join(filter(None, (draft.text, draft.hints.get("context"), *summaries)))
    name = _without_domain(_shortened(found.value, whole), whole)
    return found if name == found.value else Found(name, found.source)


def _organisation_of(draft: Draft) -> Found[str] | None:
    """Front matter, else a heading, listing line, job-board line or page title that names
    it, else the subject of a hiring sentence, else an "About X" heading."""
    front = draft.page.front_matter
    if named := front_text(draft.page, "organisation"):
        return named
    if institution := institution_and_place(draft)[0]:
        return Found(institution, "front matter: location")
    if place_name := _front_place_name(draft):
        return Found(place_name, "front matter: location.name")
    if ambiguous := _front_ambiguous_name(draft):
        return ambiguous
    text = draft.text
    context = draft.hints.get("context", "")
    heading = inline_text(draft.title or "")
    if labelled := _labelled(text) or _labelled(context):
        return Found(labelled, "prose: labelled line")
    pair = ORG_TITLE_PAIR.match(heading)
    if pair and not looks_like_role(pair.group("org")) and looks_like_role(pair.group("title")):
        return Found(_strip_article(pair.group("org")), "heading")
    listed = draft.hints.get("listed")
    name = _strip_article(listed.split(" - ")[0].split(",")[0]) if listed else ""
    if name[:1].isupper() or name[:1].isdigit():
        return Found(name, "listing line")
    if listed and not name:
        return None
    if employer := _employer_heading(draft):
        return Found(employer, "heading above the listed role")
    if company := html_class(text, "company") or html_class(text, "employer"):
        return Found(company, "page markup")
    site = _SITE_NAME.search(draft.page.body) if "<meta" in draft.page.body else None
    if site and _fits_as_name(site.group(1), text):
        return Found(_strip_article(site.group(1)), "page markup: site name")
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
    for where, source in prose_sources:
        if said := named_by_a_sentence(source):
            name = _strip_article(said)
            if _named(name):
                return Found(name, where)
    if beside := _beside_the_role(draft):
        return beside
    for where, source in (("prose", text), ("page prose", context)):
        for about in _ABOUT.finditer(source):
            if about_name := _about_name(about.group("who"), source):
                return Found(about_name, f"{where}: about heading")
    for where, source in (("prose", text), ("page prose", context)):
        if about_us := _from_about_us(source):
            return Found(about_us, f"{where}: who we are")
    whole = text + "\n" + context
    unaddressed = _ADDRESS.sub(" ", whole)
    signature = signed_by(text) or signed_by(draft.page.body)
    if signature and _named(signature) and not _a_word_of_the_text(signature, whole):
        return Found(signature, "signature")
    if domain_name := _named_by_a_domain(text + "\n" + context):
        return Found(domain_name, "a name the advert's web or mail domain spells")
    if recurring := recurring_name(whole, unaddressed, heading, _PLATFORMS):
        return Found(recurring, "a name the text repeats and a host name or acronym vouches for")
    if institution := institution_by_host(whole, unaddressed, _PLATFORMS):
        return Found(institution, "an institution the advert's host name vouches for")
    department = plain(front.get("department"))
    if department and not _a_word_of_the_text(department, whole):
        return Found(department, "front matter: department")
    if spelled := _spelled_only_by_a_domain(whole):
        return Found(spelled, "the name of the advert's mail domain or recruiting site")
    if at := institution_at(unaddressed):
        return Found(at, "an institution the prose places the job at, or a company it names")
    lines = "\n".join(inline_text(line) for line in unaddressed.splitlines())
    subject = subject_name(lines, heading)
    if subject and _named(subject):
        return Found(subject, "the subject the prose keeps naming")
    return None
