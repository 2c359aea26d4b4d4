"""Drafts to structured openings: front matter first, then what the prose says.

Each field has one function. They are conservative: a field the advert does not state stays
empty rather than guessed, because a wrong deadline or address costs applicants more than a
missing one.
"""

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from functools import lru_cache
from html import unescape
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from app.importer.dates import find_dates, parse_date
from app.importer.parse import Draft, anchor_of, inline_text
from app.importer.vocabulary import HIRING_VERB, looks_like_role


@dataclass
class Opening:
    """One opening as extracted, in the field names of the labels and the dry-run output."""

    source: str
    title: str
    organisation: str | None
    location: str | None
    remote: str | None
    deadline: date | None
    posted: date | None
    apply_email: str | None
    apply_url: str | None
    employment_type: str | None
    salary: str | None
    tags: list[str] = field(default_factory=list)
    description: str = ""
    anchor: str | None = None
    draft: bool = False
    external_id: str = ""
    content_hash: str = ""

    def as_json(self) -> dict[str, Any]:
        data = {item.name: getattr(self, item.name) for item in fields(self)}
        data["tags"] = list(self.tags)
        for name in ("deadline", "posted"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


def _first(front_matter: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if key in front_matter:
            return front_matter[key]
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if value is None or isinstance(value, dict | bool):
        return None
    text = " ".join(unescape(str(value)).split())
    return text or None


@dataclass(frozen=True)
class _Cued:
    """A pattern that cannot match without one of its cue words, in lower case or any other.

    Most texts have none of the words, and a substring test for them is some twenty times
    cheaper than the pattern's scan, so the words are looked for first.
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...]

    def search(self, text: str) -> re.Match[str] | None:
        lowered = text.lower()
        if not any(word in lowered for word in self.words):
            return None
        return self.pattern.search(text)


def _cued(pattern: str, *words: str) -> _Cued:
    return _Cued(re.compile(pattern, re.IGNORECASE | re.MULTILINE), words)


# A space after a full stop, before a capital: spelled to start with the space, as a pattern
# that starts with a plain character scans several times faster than one that starts with a
# lookbehind. Blocks are joined with single spaces, so the space is the whole gap.
_SENTENCE_BREAK = re.compile(r" (?=[A-Z(*])(?<=[.!?] )")


@lru_cache(maxsize=8)
def _sentences(text: str) -> tuple[str, ...]:
    """Sentences of Markdown prose (list items and headings stand alone), links kept; kept
    for the last few texts, as the email and link rules both ask for them."""
    parts: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+]|\d+\.|#)\s)", text):
        joined = " ".join(block.split())
        parts += _SENTENCE_BREAK.split(joined)
    return tuple(part.strip() for part in parts if part.strip())


# --- title and organisation ----------------------------------------------------------------

_HIRING_VERB = HIRING_VERB
_TITLE_PREFIX = re.compile(
    r"^(?:\[[^\]]*\]\s*|(?:we(?:'|’)?re|we are|now|is)?\s*hiring\s*[:!-]\s*|"
    r"(?:job|vacancy|position|opening|job opening|stellenangebot|wir suchen|offre)\s*[:!-]\s*|"
    r"(?:vacancy|vacancies|opening) for\s+(?:an?\s+)?|hiring\s+(?:an?\s+)?)+",
    re.IGNORECASE,
)
_HIRING_SENTENCE = re.compile(
    rf"^(?P<who>.+?)\s+(?:{_HIRING_VERB})\s+(?:(?:a|an|the|one|two|new|our)\s+)*(?P<what>.+?)[!.]?$",
    re.IGNORECASE,
)
_JOBS_PAGE = re.compile(
    r"^(?P<org>.+?)\s*[-–|:]\s*(?:job|jobs|job opportunities|careers|vacancies|openings|"
    r"work with us|join us|hiring)\s*$|^(?:jobs|careers|vacancies|work|join us)\s+(?:at|with)\s+"
    r"(?P<org2>.+)$",
    re.IGNORECASE,
)
_ORG_TITLE_PAIR = re.compile(r"^(?P<org>[^:]{2,80}):\s+(?P<title>.+)$")


def _clean_title(title: str) -> str:
    title = re.split(r"(?<=[a-z])[.!]\s+(?=[A-Z])", inline_text(title))[0]
    title = _TITLE_PREFIX.sub("", title).strip(" !.:-–")
    hiring = _HIRING_SENTENCE.match(title)
    if hiring and looks_like_role(hiring.group("what")):
        title = hiring.group("what").strip(" !.")
    pair = _ORG_TITLE_PAIR.match(title)
    if pair and looks_like_role(pair.group("title")) and not looks_like_role(pair.group("org")):
        title = pair.group("title")
    return title


def title_of(draft: Draft) -> str:
    """The opening's heading; else a page title that names a job; else its first job heading."""
    if draft.title:
        return _clean_title(draft.title)
    page_title = _text(draft.page.front_matter.get("title"))
    if page_title and not _JOBS_PAGE.match(page_title):
        cleaned = _clean_title(page_title)
        if cleaned:
            return cleaned
    for heading in draft.headings():
        if looks_like_role(heading.title):
            return _clean_title(heading.title)
    fallback = page_title or PurePosixPath(draft.page.source).stem
    return _clean_title(fallback) or fallback


_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]$")
_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+|\bthat\s+)(?P<who>(?:The\s+[\w&.'’-]+|[A-Z][\w&.'’-]*)(?:\s+(?:[A-Z(][\w&.'’()-]*|of|for|and|"
    rf"de|des|du|the|in|at))*?)\s+(?:{_HIRING_VERB})\b"
)
_GERMAN_SUBJECT = re.compile(
    r"(?:^|\.\s+)(?:Das|Die|Der)\s+(?P<who>[A-ZÄÖÜ][\w-]+(?:\s+(?:des|der|für|und|von|[A-ZÄÖÜ][\w-]+))*)"
    r"(?:\s+in\s+(?P<city>[A-ZÄÖÜ]\w+))?\s*\((?P<short>[\w-]+)\)\s+ist\b"
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


def organisation_of(draft: Draft) -> str | None:
    """Front matter, else the page title ("Org - Jobs", "Org is hiring ..."), else the prose."""
    front = draft.page.front_matter
    named = _text(
        _first(
            front,
            "company",
            "organisation",
            "organization",
            "employer",
            "hiring_organization",
            "hiringorganization",
            "institution",
        )
    )
    if named:
        return named
    if institution := _institution_and_place(draft)[0]:
        return institution
    text = draft.text
    context = draft.hints.get("context", "")
    heading = inline_text(draft.title or "")
    pair = _ORG_TITLE_PAIR.match(heading)
    if pair and not looks_like_role(pair.group("org")):
        return _strip_article(pair.group("org"))
    if listed := draft.hints.get("listed"):
        return listed.split(" - ")[0].split(",")[0].strip() or None
    if company := _html_class(text, "company") or _html_class(text, "employer"):
        return company
    page_title = _text(front.get("title")) or ""
    if jobs_page := _JOBS_PAGE.match(page_title):
        return _strip_article(jobs_page.group("org") or jobs_page.group("org2"))
    hiring = _HIRING_SENTENCE.match(page_title)
    if hiring and looks_like_role(hiring.group("what")) and not _PRONOUN.match(hiring["who"]):
        return _expand_acronym(_strip_article(hiring.group("who")), text + "\n" + context)
    for source in (text, context):
        if linked := _LINKED_SUBJECT.search(source):
            return _strip_article(linked.group(1))
        plain = inline_text(source)
        for subject in _SUBJECT.finditer(plain):
            if not _PRONOUN.match(subject.group("who")):
                return _expand_acronym(_strip_article(subject.group("who")), plain)
        if german := _GERMAN_SUBJECT.search(plain):
            return german.group("who")
    return _text(front.get("department"))


_LINKED_SUBJECT = re.compile(
    rf"(?:^|[.!?]\s+)(?:The\s+)?\[([^\]]+)\]\([^)]*\)\s+(?:{HIRING_VERB})", re.IGNORECASE
)
_PRONOUN = re.compile(r"^(?:we|our|they|you|i|it|he|she|this|that|who)\b", re.IGNORECASE)
_INSTITUTION = re.compile(
    r"\b(?:university|universität|université|hospital|institute|institut|laboratory|lab|"
    r"college|school|centre|center|foundation|consortium|museum|library|council|agency|"
    r"ministry|company|inc|ltd|gmbh)\b",
    re.IGNORECASE,
)


def _institution_and_place(draft: Draft) -> tuple[str | None, str | None]:
    """A front-matter location such as "Some Hospital, Genoa, Italy": who, and where."""
    location = _text(draft.page.front_matter.get("location"))
    parts = [part.strip() for part in (location or "").split(",")]
    if len(parts) >= 3 and _INSTITUTION.search(parts[0]):
        return parts[0], ", ".join(parts[1:])
    return None, location


# --- where ---------------------------------------------------------------------------------

# Each pattern with the words it cannot match without (see `_Cued`).
_LOCATION_PATTERNS = [
    _Cued(
        re.compile(
            r"(?:^|[.!?]\s+)\W*(?:location|standort|arbeitsort|dienstort|lieu(?: de travail)?|ort)"
            r"\s*[:：]\s*(?P<place>[^\n]+)",
            re.I | re.M,
        ),
        ("location", "ort", "lieu"),
    ),
    _Cued(
        re.compile(r"\blocation\s+(?:is\s+)?(?:anywhere\s+)?in\s+(?P<place>[^.;\n]+)", re.I),
        ("location",),
    ),
    _Cued(
        re.compile(
            r"\bremote\s+work\W+(?:is\s+possible\s+)?(?:from|in)\s+(?P<place>[^.;)\n]+)", re.I
        ),
        ("remote",),
    ),
    _Cued(
        re.compile(
            r"\bapplications?\s+(?:are\s+)?(?:welcome\s+|accepted\s+)?from\s+(?P<place>[^.;\n]+?)"
            r"\s+(?:are\s+)?(?:considered|welcome)",
            re.I,
        ),
        ("application",),
    ),
    _Cued(
        re.compile(
            r"\b(?:candidate|you|applicants?|person|position|role|post)\s+"
            r"(?:is|are|will be|should be|must be)\s+"
            r"based\s+in\s+(?:the\s+)?(?P<place>[^.;,\n]+)",
            re.I,
        ),
        ("based",),
    ),
    # "based in" about the job, not about the organisation ("X is based in Y").
    _Cued(
        re.compile(
            r"(?<!\bis )(?<!\bare )\b(?i:based)\s+(?:anywhere\s+)?in\s+(?:the\s+)?"
            r"(?P<place>[A-Z][^.;\n]+?)(?=,\s+(?:with|and|where|but|or|to)\b|[.;:\n]|$)",
            re.M,
        ),
        ("based",),
    ),
]
_REMOTE = _cued(
    r"\b(?:remote (?:position|role|job|work is possible|first|friendly)|fully remote|100% remote|"
    r"remote-first|(?:position|role|job) is (?:fully )?remote|suited for remote work|"
    r"remote work \W*(?:is possible|from)|(?:team|staff) of remote|télétravail complet)\b|"
    r"\(remote\)",
    "remote",
    "télétravail",
)
_HYBRID = _cued(
    r"\b(?:hybrid|mobiles? arbeiten|home-?office|homeoffice|télétravail partiel)\b",
    "hybrid",
    "mobile",
    "office",
    "télétravail",
)
_ONSITE = _cued(r"\b(?:on-?site|in-office|in office only)\b", "site", "office")


def location_of(draft: Draft) -> str | None:
    """Front matter, a listing line or page markup, else what the prose says about place."""
    front = _institution_and_place(draft)[1] or _text(
        _first(draft.page.front_matter, "place", "city", "joblocation")
    )
    if front:
        return None if _NOWHERE.match(front) else front
    if listed := draft.hints.get("listed"):
        before_date = re.split(
            r"\s+[-–]\s+|\.?\s+(?:closes|closing|deadline)\b", listed, flags=re.I
        )[0]
        parts = [part.strip() for part in before_date.split(",")]
        return ", ".join(parts[1:]) or None
    if place := _html_class(draft.text, "location"):
        return None if _NOWHERE.match(place) else place
    for text in (draft.text, draft.hints.get("context", "")):
        prose = "\n".join(inline_text(line) for line in text.splitlines())
        for pattern in _LOCATION_PATTERNS:
            if match := pattern.search(prose):
                place = re.sub(
                    r"^(?:(?:somewhere|anywhere)\s+in\s+|the\s+)",
                    "",
                    match.group("place").strip(" .*()"),
                    flags=re.I,
                )
                return place[:200] or None
    return None


_NOWHERE = re.compile(r"^(?:remote|anywhere|worldwide|global|online)\.?$", re.IGNORECASE)


def _html_class(text: str, name: str) -> str | None:
    """The text of the first element whose class mentions `name` (job-board markup)."""
    if "class" not in text.lower():
        return None  # most adverts have no markup, and the case-blind scan is slow
    match = re.search(
        rf"""class=["'][^"']*\b[\w-]*{name}[\w-]*\b[^"']*["'][^>]*>(?:\s*<[^>]+>)*\s*([^<]+)""",
        text,
        re.IGNORECASE,
    )
    return _text(match.group(1)) if match else None


def remote_of(draft: Draft, title: str, location: str | None) -> str | None:
    """Front matter, else the prose of the opening, else of the page around it."""
    front = _first(draft.page.front_matter, "remote", "remote_mode", "workplace")
    if isinstance(front, bool):
        return "remote" if front else None
    if isinstance(front, str) and front.lower() in ("remote", "hybrid", "onsite", "on-site"):
        return front.lower().replace("on-site", "onsite")
    places = " ".join(
        str(draft.page.front_matter.get(key, "")) for key in ("location", "place", "city")
    )
    places += " " + (_html_class(draft.text, "location") or "")
    if re.search(r"\bremote\b", places, re.IGNORECASE):
        return "remote"
    for text in (f"{title}\n{location or ''}\n{draft.text}", draft.hints.get("context", "")):
        if _HYBRID.search(text):
            return "hybrid"
        if _REMOTE.search(text):
            return "remote"
        if _ONSITE.search(text):
            return "onsite"
    return None


# --- when ----------------------------------------------------------------------------------

# Every cue starts a word, with one of the letters in the lookahead; saying so lets the scan
# skip every other position at once. A cue with another first letter must add it there.
_DEADLINE_CUE = re.compile(
    r"\b(?=[abcdejnrsu])(?:deadline|closing date|closes|close on|closing on|apply by|"
    r"applications? (?:are )?(?:due|close|will close|must be received|accepted until)|"
    r"no later than|by the|"
    r"(?:received|submitted|apply|applications?)\s+(?:by|before|until)|bewerbungsfrist|"
    r"ausschreibungsfrist|bewerbungsschluss|bis zum|bis spätestens|date limite|avant le|"
    r"jusqu'au|expires?|(?:by|before|until)\b)",
    re.IGNORECASE,
)
# How far after its cue a deadline may stand; a bare "by" or "until" must be followed at once.
_NEAR, _AT_ONCE = 40, 6


def posted_of(draft: Draft) -> date | None:
    front = draft.page.front_matter
    for key in ("date", "publishdate", "pubdate", "published", "posted", "date_posted"):
        if key in front and (found := parse_date(front[key])):
            return found
    for key, value in front.items():
        if key.startswith("date") and (found := parse_date(value)):
            return found
    name = PurePosixPath(draft.page.source.split("?")[0]).name
    if match := re.match(r"(\d{4}-\d{2}-\d{2})-", name):
        return date.fromisoformat(match.group(1))
    text = inline_text(draft.text)
    for cue in re.finditer(r"\b(?:posted|published|veröffentlicht|publié)(?:\s+on)?\b", text, re.I):
        dates = find_dates(text[cue.end() : cue.end() + 40])
        if dates and dates[0][0] <= _AT_ONCE:
            return dates[0][1]
    return None


def deadline_of(draft: Draft, posted: date | None) -> date | None:
    front = draft.page.front_matter
    for key in (
        "expirydate",
        "expires",
        "expiry_date",
        "expiry",
        "closing_date",
        "closingdate",
        "deadline",
        "closes",
        "apply_by",
        "validthrough",
        "valid_through",
    ):
        if key in front and (found := parse_date(front[key])):
            return found
    summaries = " ".join(
        str(front[key]) for key in ("teaser", "excerpt", "summary", "description") if key in front
    )
    text = inline_text(f"{draft.hints.get('listed', '')}\n{draft.text}\n{summaries}")
    for cue in _DEADLINE_CUE.finditer(text):
        bare = cue.group(0).lower() in ("by", "before", "until")
        dates = find_dates(text[cue.end() : cue.end() + 80], after=posted)
        if dates and dates[0][0] <= (_AT_ONCE if bare else _NEAR):
            return dates[0][1]
    return None


# --- how to apply --------------------------------------------------------------------------

_EMAIL = re.compile(r"(?:mailto:)?([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,})", re.IGNORECASE)
_APPLY_CUE = re.compile(
    r"\b(?:apply|applying|application|applications|send|submit|resume|résumé|cv|cover letter|"
    r"bewerbung\w*|bewerben|richten|candidature|postuler|envoyer|adresser|offre)\b",
    re.IGNORECASE,
)
_QUESTION_CUE = re.compile(
    r"\b(?:questions?|enquir\w+|inquir\w+|informal|more information|further information|"
    r"fragen|renseignements|discuss|get in touch)\b",
    re.IGNORECASE,
)
_MARKDOWN_LINK = re.compile(
    r"\[([^\]]*)\]\((\S+?)\)|<a\s[^>]*href=[\"']([^\"']+)[\"'][^>]*>(.*?)</a>", re.I
)
_LINK_APPLY_TEXT = re.compile(
    r"\b(?:apply|application|advert|advertisement|job posting|job description|full (?:job )?"
    r"(?:description|details)|view job|details|here|bewerb\w*|stellenangebot|postuler|offre)\b",
    re.IGNORECASE,
)


def apply_email_of(draft: Draft) -> str | None:
    front = _text(_first(draft.page.front_matter, "apply_email", "application_email", "email"))
    if front and _EMAIL.fullmatch(front):
        return front
    for sentence in _sentences(draft.text):
        if "@" not in sentence:
            continue  # the email pattern's scan is slow, and every address has an @
        emails = _EMAIL.findall(sentence)
        if (
            emails
            and _APPLY_CUE.search(sentence)
            and not (
                _QUESTION_CUE.search(sentence)
                and not re.search(r"\b(?:send|submit)\b", sentence, re.I)
            )
        ):
            return str(emails[0])
    return None


_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_NOT_APPLYING = re.compile(r"datenschutz|privacy|impressum|imprint|cookie", re.IGNORECASE)
_APPLY_HEADING = re.compile(
    r"\b(?:apply|applying|application|bewerbung|candidature|postuler)", re.I
)


def _links(text: str) -> list[tuple[str, str, str]]:
    """(text, url, sentence) of every http(s) link, in order."""
    found = []
    for sentence in _sentences(_AUTOLINK.sub(r"[\1](\1)", text)):
        if "[" not in sentence and "<" not in sentence:
            continue  # no link
        for match in _MARKDOWN_LINK.finditer(sentence):
            label = inline_text(match.group(1) or match.group(4) or "")
            url = match.group(2) or match.group(3)
            if url.startswith(("http://", "https://")) and not _NOT_APPLYING.search(url + label):
                found.append((label, url, sentence.replace(match.group(0), label)))
    return found


def _apply_section(draft: Draft) -> str:
    """The "To apply" part of an opening's text, or nothing."""
    lines = draft.text.splitlines()
    found = draft.headings()
    for heading in found:
        if _APPLY_HEADING.search(heading.title):
            later = [h.line for h in found if h.line > heading.line and h.level <= heading.level]
            return "\n".join(lines[heading.line : min(later, default=len(lines))])
    return ""


def apply_url_of(draft: Draft, title: str) -> str | None:
    """Front matter; else a link in the "To apply" section, a link that says apply or names
    the advert, a link titled like the opening, or a link in a sentence about applying."""
    front = draft.page.front_matter
    for key in ("apply", "apply_url", "applyurl", "application_url", "how_to_apply",
                "external_url", "source_url"):  # fmt: skip
        value = _text(front.get(key))
        if value and "://" in value and (key != "source_url" or urlsplit(value).path.strip("/")):
            return value
    if listed := draft.hints.get("apply_url"):
        return listed
    section = _apply_section(draft)
    links = _links(draft.text)
    passes: list[tuple[list[tuple[str, str, str]], Callable[[str, str], bool]]] = [
        (links, lambda label, sentence: bool(_LINK_APPLY_TEXT.search(label))),
        (links, lambda label, sentence: bool(title) and label.lower() == title.lower()),
    ]
    if section:
        # The advert says how to apply: a link is only taken from there (or named as above).
        passes.insert(0, (_links(section), lambda label, sentence: True))
    else:
        passes.append((links, lambda label, sentence: bool(_APPLY_CUE.search(sentence))))
    for candidates, rule in passes:
        for label, url, sentence in candidates:
            if rule(label, sentence):
                return url
    return None


# --- terms ---------------------------------------------------------------------------------

_TERM = r"(?:contract|position|post|appointment)"
_EMPLOYMENT_TYPES = [
    (
        "internship",
        _cued(
            r"\b(?:internship|praktikum|stage\s+(?:de\s+)?m2|stagiaire)\b|^stage\b",
            "internship",
            "praktikum",
            "stage",
            "stagiaire",
        ),
    ),
    (
        "contract",
        _cued(
            r"\b(?:freelance|freelancer|contractor|consultancy contract|on a contract basis)\b",
            "freelance",
            "contract",
        ),
    ),
    (
        "temporary",
        _cued(
            rf"\b(?:fixed[- ]term|temporary|befristet\w*|CDD|\d+[- ](?:month|year)s? {_TERM}|"
            rf"(?:one|two|three)[- ]year {_TERM}|for \d+(?:-\d+)? (?:months|weeks))\b",
            "fixed",
            "temporary",
            "befristet",
            "cdd",
            "month",
            "year",
            "week",
        ),
    ),
    # "9 full-time employees" describes the staff, not the job.
    (
        "part-time",
        _cued(
            r"(?<!\d )\b(?:part[- ]time|teilzeit|temps partiel|mi-temps)\b",
            "part",
            "teilzeit",
            "mi-temps",
        ),
    ),
    (
        "full-time",
        _cued(
            r"(?<!\d )\b(?:full[- ]time|vollzeit|temps plein|temps complet)\b",
            "full",
            "vollzeit",
            "temps",
        ),
    ),
]
_FRONT_TYPES = {
    "fulltime": "full-time", "full-time": "full-time", "full time": "full-time",
    "parttime": "part-time", "part-time": "part-time", "part time": "part-time",
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "internship": "internship", "intern": "internship",
    "temporary": "temporary", "fixed-term": "temporary", "fixed term": "temporary",
}  # fmt: skip


def employment_type_of(draft: Draft, title: str) -> str | None:
    front = _text(
        _first(
            draft.page.front_matter,
            "employment_type",
            "employmenttype",
            "job_type",
            "jobtype",
            "type",
        )
    )
    if front and front.lower() in _FRONT_TYPES:
        return _FRONT_TYPES[front.lower()]
    page_title = _text(draft.page.front_matter.get("title")) or ""
    for text in (f"{title}\n{page_title}\n{draft.text}", draft.hints.get("context", "")):
        for kind, pattern in _EMPLOYMENT_TYPES:
            if pattern.search(text):
                return kind
    return None


_UNSTATED = re.compile(r"^(?:unknown|n/?a|tbd|tbc|not specified|none|-+)$", re.IGNORECASE)
_SALARY_LINE = _cued(
    r"^\W*(?:salary|gehalt|vergütung|rémunération|remuneration|pay|compensation|stipend)\s*"
    r"(?:range)?\s*[:–-]\s*(?P<value>[^\n]+)$",
    "salary",
    "gehalt",
    "vergütung",
    "rémunération",
    "remuneration",
    "pay",
    "compensation",
    "stipend",
)
_MONEY = re.compile(
    r"(?:(?:about|around|environ|up to|bis zu)\s+)?"
    r"(?:[£$€]\s?\d[\d,.]*\s?[kK]?|\d[\d,.]*(?:\.-)?\s?(?:€|(?:euros?|EUR|GBP|USD|CHF)\b))"
    r"(?:\s*(?:to|-|–|and)\s*[£$€]?\s?\d[\d,.]*\s?[kK]?(?:\s?(?:€|euros?))?)?"
    r"(?:\s*(?:/|per|a|par)\s*(?:year|annum|month|hour|day|week|mois|an|jahr|monat)|"
    r"\s+(?:gross|brutto|net)(?:\s+per\s+\w+)?)*",
    re.IGNORECASE,
)
_DIGIT = re.compile(r"\d")
_PAY_SCALE = re.compile(r"(?:bis\s+)?(?:Entgeltgruppe|EG)\s+\d+[a-z]?(?:\s+(?:TV-?L|TVöD))?")


def salary_of(draft: Draft) -> str | None:
    front = _text(_first(draft.page.front_matter, "salary", "compensation", "pay"))
    if front:
        return front
    text = draft.text
    marked = _html_class(text, "salary") or _html_class(text, "package")
    if marked and not _UNSTATED.match(marked):
        return marked
    if labelled := _SALARY_LINE.search(text):
        value = inline_text(labelled.group("value"))
        if re.search(r"\d", value):
            return value[:200]
    for raw_line in text.splitlines():
        if not _DIGIT.search(raw_line):
            continue  # no amount of money without a digit
        line = inline_text(raw_line)
        if money := _MONEY.search(line):
            bullet = re.match(r"^\s*[-*+]\s+", raw_line)
            found = line if bullet and len(line) <= 120 else money.group(0)
            return found.strip(" .,;")[:200]
    if ("EG" in text or "Entgeltgruppe" in text) and (
        scale := _PAY_SCALE.search(inline_text(text))
    ):
        return scale.group(0)
    return None


# --- all together --------------------------------------------------------------------------


def _tags(front_matter: dict[str, Any]) -> list[str]:
    raw = front_matter.get("tags") or front_matter.get("categories") or []
    if isinstance(raw, str):
        raw = re.split(r"[,\s]+", raw)
    if not isinstance(raw, list):
        return []
    tags = {" ".join(str(tag).split()).lower().replace(" ", "-") for tag in raw if str(tag).strip()}
    return sorted(tag for tag in tags if len(tag) <= 50)[:30]


def extract(draft: Draft) -> Opening:
    """Every field of one opening."""
    title = title_of(draft)
    location = location_of(draft)
    posted = posted_of(draft)
    anchor = draft.anchor or (anchor_of(title) if draft.title else None)
    opening = Opening(
        source=draft.page.source,
        title=title[:300],
        organisation=organisation_of(draft),
        location=location,
        remote=remote_of(draft, title, location),
        deadline=deadline_of(draft, posted),
        posted=posted,
        apply_email=apply_email_of(draft),
        apply_url=apply_url_of(draft, title),
        employment_type=employment_type_of(draft, title),
        salary=salary_of(draft),
        tags=_tags(draft.page.front_matter),
        description=draft.text,
        anchor=anchor,
        draft=draft.page.front_matter.get("draft") is True
        or draft.page.front_matter.get("published") is False,
        external_id=f"{PurePosixPath(draft.page.source).name}#{anchor}"
        if anchor
        else PurePosixPath(draft.page.source).name,
    )
    # The fingerprint leaves out the source's spelling ("samples/x.md" or "./samples/x.md").
    content = {name: value for name, value in opening.as_json().items() if name != "source"}
    fingerprint = json.dumps(content, sort_keys=True, default=str).encode()
    opening.content_hash = hashlib.sha256(fingerprint).hexdigest()
    return opening
