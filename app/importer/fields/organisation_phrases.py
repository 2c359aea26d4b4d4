"""Phrases that name the hiring organisation in any of the importer's languages: a page
heading ("Jobs at X", "X Open Positions"), an invitation ("Join X", "Rejoignez X"), a
sentence set at the organisation ("At X, we", "En X tenemos"), "X invites applications",
"Developer wanted at X", a mail domain that spells a name of the text, and the institution
a host name vouches for."""

import re
import unicodedata
from collections.abc import Iterator

from app.importer.languages import LANGUAGES, alternatives, phrases_of
from app.importer.phrases import phrases
from app.importer.places import is_place

# A name: capitalised words, joined by the small words names carry ("Bank of Examples").
_CAPITAL = r"(?:[A-ZÀ-Þ]|[a-z]+[A-Z])[\w&.'’-]*"
NAME = rf"{_CAPITAL}(?:\s+(?:(?:{alternatives('name_connectives')})\s+)*{_CAPITAL})*"
_ARTICLE = rf"(?:(?:{alternatives('articles')})\s+|{alternatives('elided_articles')})?"
# "Vacatures bij X", "Jobs at X", "Karriere bei X", "Offres d'emploi chez X", "Open positions
# at the X Lab", "Open jobs and positions for X": a heading, page title or page description
# that names the employer after a jobs word.
_JOBS_WORD = rf"(?:{alternatives('jobs_words')})"
_JOBS_AT = re.compile(
    rf"^(?i:(?:(?:{alternatives('jobs_adjectives')})\s+)?{_JOBS_WORD}"
    rf"(?:\s+(?:{alternatives('jobs_conjunctions')})\s+{_JOBS_WORD})?"
    rf"\s+(?:{alternatives('employer_prepositions')})\s+"
    rf"{_ARTICLE})(?P<org>[^|:–\n]{{2,60}}?)\s*[!.]?$"
)
# "X Open Positions", "X Vacatures": the employer before the jobs word.
_NAME_JOBS = re.compile(
    rf"^(?i:{_ARTICLE})(?P<org>{NAME})\s+(?i:{alternatives('jobs_after_name')})\s*$"
)
# "Join X", "Join us at X", "Rejoignez X", "Únete a X", "Unisciti a X", "Kom bij X",
# "Junte-se à X": the invitation, opening its sentence, names the employer (and the acronym
# after it) up to the clause's end: a small word followed by a lower-case one ("for a", "pour
# une") ("… will join the X project team" names a project, not the employer); "… to join X"
# invites too.
_JOIN = re.compile(
    rf"(?:^|[.!?:]\s+|\b(?:{alternatives('join_leads')})\s+)(?i:{alternatives('join_verbs')})"
    rf"(?:[\s-]+(?i:{alternatives('join_us')}))?\s+"
    rf"(?i:{_ARTICLE})"
    rf"(?P<org>{_CAPITAL}[^,.;:!?()\n]{{0,80}}?)(?P<short>\s*\([A-Z]{{2,8}}\))?"
    rf"(?=\s+(?:{alternatives('invitation_clause_words')})\s+(?![A-ZÀ-Þ])|"
    rf"\s+(?:{alternatives('invitation_ends')})\b|\s*[,.;:!?(\n]|$)"
)
# "At X, we", "Bei X arbeiten wir", "Chez X, nous", "Bij X zijn we", "En X tenemos".
_AT_US = re.compile(
    rf"(?:^|[.!?]\s+)(?i:{alternatives('at_us_prepositions')})\s+(?i:{_ARTICLE})(?P<org>{NAME})\s*,?\s+"
    rf"(?:(?:\w+\s+)?(?:{alternatives('we_words')})\b|\w+(?:{alternatives('we_verb_endings')})\b)"
)
# "The Department of X at Y University ... invites applications": the institution.
_INVITES = re.compile(
    r"(?:^|[.!?]\s+)(?P<who>(?:The\s+)?[A-Z][^.!?]{0,200}?)\s+"
    rf"(?:{alternatives('invites_applications')})\b"
)
_JOINTLY = re.compile(rf"\s+(?:{alternatives('joint_words')})\b|,")
_INSTITUTION_AT = re.compile(
    rf"\b(?:{alternatives('institution_prepositions')})\s+{_ARTICLE}(?P<org>{NAME})"
)
_LEADING_ARTICLE = re.compile(rf"^(?:{alternatives('articles')})\s+", re.IGNORECASE)
# "Leerkracht gezocht School X in Y", "Developer wanted at X": after a word (the role), the
# employer, as capitalised words with the small words of names.
_WANTED = phrases(
    rf"(?<=\w)\s+(?:{alternatives('wanted_words')})\s+"
    rf"(?:(?:{alternatives('employer_prepositions')})\s+)?{_ARTICLE}(?P<org>{NAME})",
    [phrase for words in LANGUAGES for phrase in words.wanted_words],
    flags=0,
)
_BRACKETED = re.compile(r"\s*\([^)]*\)|\s*<[^>]*>")
_TEAM_END = re.compile(rf"\s+(?:{alternatives('team_words')})$", re.IGNORECASE)
_MAX_WORDS = 8


def _plain_name(name: str) -> str:
    """A name with its trailing team word and spacing cleaned up."""
    return _TEAM_END.sub("", re.sub(r"\s+", " ", name).strip(" ,"))


_PROJECT_END = re.compile(rf"\b(?:{alternatives('project_words')})$", re.I)


def _acceptable(name: str) -> bool:
    """Short enough for a name, and neither a place nor a project."""
    words = len(name.split())
    return 0 < words <= _MAX_WORDS and not is_place(name) and not _PROJECT_END.search(name)


def named_by_heading(line: str) -> str | None:
    """The employer a heading or page title names: "Jobs at X", "X Open Positions"."""
    line = line.strip().lstrip("#").strip()
    match = _JOBS_AT.match(line) or _NAME_JOBS.match(line)
    if not match:
        return None
    name = _plain_name(match.group("org"))
    return name if _acceptable(name) and name[0].isupper() else None


def named_by_invitation(prose: str) -> str | None:
    """The employer a "Join X" invitation or an "At X, we" sentence names."""
    for match in _JOIN.finditer(prose):
        name = _plain_name(match.group("org"))
        if _acceptable(name):
            return name + (match.group("short") or "")
    for match in _AT_US.finditer(prose):
        name = _plain_name(match.group("org"))
        if _acceptable(name):
            return name
    return None


def named_as_wanted(prose: str) -> str | None:
    """The employer after the role a sentence says is sought: "Developer wanted at X"."""
    for match in _WANTED.finditer(prose):
        name = _plain_name(match.group("org"))
        if _acceptable(name):
            return name
    return None


def named_by_invites(prose: str) -> str | None:
    """ "The Department of X at Y University invites applications": Y University; a short
    subject as it stands."""
    match = _INVITES.search(prose)
    if not match:
        return None
    who = re.sub(r"\s+", " ", _BRACKETED.sub("", match.group("who")))
    who = _JOINTLY.split(who)[0]
    if at := _INSTITUTION_AT.search(who):
        return at.group("org")
    name = _LEADING_ARTICLE.sub("", who)
    return name if _acceptable(name) else None


def _letters(text: str) -> str:
    """Lower-case letters and digits only, accents dropped: "Démo en Red" -> "democraciaen..."."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


_WORD = re.compile(r"[\w'’-]+")


def spelled_by_domain(domain_name: str, text: str) -> str | None:
    """A run of two to five words, one capitalised, whose letters spell the domain name:
    "democraciaenred" -> "Democracia en Red"."""
    words = list(_WORD.finditer(text))
    for start, first in enumerate(words):
        spelled = _letters(first.group())
        if not spelled or not domain_name.startswith(spelled):
            continue
        for end in range(start + 1, min(start + 5, len(words))):
            spelled += _letters(words[end].group())
            if not domain_name.startswith(spelled):
                break
            phrase = text[first.start() : words[end].end()]
            if spelled == domain_name and first.group()[0].isupper() and "\n" not in phrase:
                return phrase
    return None


_CAPITALISED_WORD = re.compile(r"(?<![\w@./-])[A-Z][\w-]{2,}(?![\w@/-]|\.\w)")
_HOST = re.compile(r"(?:https?://|www\.|@)([\w-]+(?:\.[\w-]+)+)", re.IGNORECASE)
_SPELLED_ACRONYM = re.compile(r"\(([A-Z]{2,8})\)")
_TIMES_RECURRING = 3


def _vouched_for(text: str) -> set[str]:
    """Words the advert vouches for as a name: the parts of its web and mail host names
    ("piwik" of "piwik.org") and the acronyms it spells out ("... Computing (CHTC)")."""
    vouched = {part for host in _HOST.findall(text) for part in host.lower().split(".")}
    return vouched | {acronym.lower() for acronym in _SPELLED_ACRONYM.findall(text)}


def recurring_name(text: str, prose: str, role: str, skipped: frozenset[str]) -> str | None:
    """A name the prose writes capitalised at least three times and never in lower case,
    that is not in the role and that a host name or a spelled-out acronym vouches for:
    the most frequent such name. `text` holds the addresses, `prose` the text without them."""
    vouched = _vouched_for(text) - skipped
    if not vouched:
        return None
    counts: dict[str, int] = {}
    for word in _CAPITALISED_WORD.findall(prose):
        if word.lower() in vouched:
            counts[word] = counts.get(word, 0) + 1
    role_words = set(role.lower().split())
    for word, count in sorted(counts.items(), key=lambda item: -item[1]):
        if count < _TIMES_RECURRING or word.lower() in role_words or is_place(word):
            continue
        written = re.findall(rf"(?<![\w@./-]){re.escape(word)}(?![\w@/-]|\.\w)", prose, re.I)
        if len(written) == count:
            return word
    return None


# A capitalised word that opens a sentence or a line, before a lower-case word: a subject.
_SENTENCE_SUBJECT = re.compile(r"(?:^|(?<=[.!?] ))([A-ZÀ-Þ][\w-]{2,}) (?=[a-zà-ÿ])", re.MULTILINE)
_FUNCTION_WORDS = frozenset(
    word
    for words in LANGUAGES
    for vocabulary in (words.sentence_words, words.we_words, words.articles, words.connectives)
    for word in vocabulary
)
_TIMES_SUBJECT = 2


def subject_name(prose: str, role: str) -> str | None:
    """A name that opens at least two sentences ("Defacto beweegt zich …", "Defacto is
    uitgegroeid …"), is written at least three times, always capitalised, and once inside a
    sentence too ("…, Defacto betaalt"): the organisation a page keeps talking about, where
    nothing else names it. A word that only opens sentences is a sentence's word ("Als")."""
    starts: dict[str, int] = {}
    for subject in _SENTENCE_SUBJECT.finditer(prose):
        starts[subject.group(1)] = starts.get(subject.group(1), 0) + 1
    role_words = set(role.lower().split())
    for word, count in sorted(starts.items(), key=lambda item: -item[1]):
        lowered = word.lower()
        if count < _TIMES_SUBJECT:
            break
        if lowered in _FUNCTION_WORDS or lowered in role_words or is_place(word):
            continue
        written = re.findall(rf"(?<![\w@./-]){re.escape(word)}(?![\w@/-]|\.\w)", prose, re.I)
        if len(written) > count and len(written) >= _TIMES_RECURRING and set(written) == {word}:
            return word
    return None


# An institution's name ("University of X", "Institut Y") or a company's with its legal form
# ("X GmbH"), looked for only on the lines that hold one of those words.
_INSTITUTION_NOUN = re.compile(rf"\b(?:{alternatives('institution_nouns')})\b", re.IGNORECASE)
_LEGAL_FORM = alternatives("legal_forms")
_LEGAL_END = re.compile(rf"\s(?:{_LEGAL_FORM})$")
_INSTITUTION_NAME = phrases(
    rf"(?<![\w-]){NAME}(?:\s+(?:{_LEGAL_FORM})(?![\w-]))?",
    [phrase for words in LANGUAGES for phrase in (*words.institution_nouns, *words.legal_forms)],
    flags=0,
)
_SENTENCE_END = re.compile(r"(?:(?<=[a-zß])[.:;]\s|\s*\n).*$", re.DOTALL)
_POSSESSIVE = re.compile(r"['’]s$")
_LEADING_ARTICLES = re.compile(rf"^(?:(?i:{alternatives('articles')})\s+)+")
_NAME_WORD = re.compile(r"[^\W_]+")
_SHORTEST_HOST_PART = 3
_MAIL_HOST = re.compile(r"[\w.+-]@([\w-]+(?:\.[\w-]+)+)")


def _without_stop(name: str) -> str:
    """A name without the full stop after it, unless its legal form ends on one ("Inc.")."""
    bare = name.rstrip(".")
    return bare + "." if bare != name and _LEGAL_END.search(bare + ".") else bare


def institution_names(prose: str) -> list[str]:
    """The names of institutions and companies the prose writes ("University of Sheffield")."""
    return list(_institutions(prose))


def _institutions(prose: str) -> Iterator[str]:
    """The institutions' and companies' names the prose writes, as it writes them."""
    for match in _INSTITUTION_NAME.finditer(prose):
        name = _LEADING_ARTICLES.sub("", _SENTENCE_END.sub("", match.group()))
        name = _without_stop(_POSSESSIVE.sub("", name))
        if _LEGAL_END.search(name) or (len(name.split()) >= 2 and _INSTITUTION_NOUN.search(name)):
            yield name


def _host_parts(text: str, skipped: frozenset[str]) -> set[str]:
    """The distinctive parts of the text's mail host names, or of its web host names when it
    gives no mail address (a contact's address is the employer's; links lead to partners as
    well): "jobs.shef.ac.uk" -> "shef", "www.univ-example.fr" -> "univ", "example"."""
    hosts = _HOST.findall(text)
    mail = [host for host in _MAIL_HOST.findall(text) if host]
    parts: set[str] = set()
    for host in mail or hosts:
        for label in host.lower().split(".")[:-1]:
            parts.update(label.split("-"))
    return {part for part in parts if len(part) >= _SHORTEST_HOST_PART} - skipped


def _vouches(part: str, name: str) -> bool:
    """Whether a host part spells a word of the name that is no institution's noun
    ("sheffield", or its start "shef"), or the initials of the name's capitalised words."""
    words = [word for word in _NAME_WORD.findall(name) if not _INSTITUTION_NOUN.fullmatch(word)]
    initials = "".join(word[0] for word in _NAME_WORD.findall(name) if word[0].isupper())
    if part == initials.lower():
        return True
    return any(
        _letters(word) == part or (len(part) >= 4 and _letters(word).startswith(part))
        for word in words
        if word[0].isupper()
    )


def institution_by_host(text: str, prose: str, skipped: frozenset[str]) -> str | None:
    """The first institution or company the prose names that one of the text's host names
    vouches for ("University of Sheffield" ... "jobs.shef.ac.uk"): adverts name partners and
    funders as well, and their own host tells which is the employer."""
    parts = _host_parts(text, skipped)
    if not parts:
        return None
    for name in _institutions(prose):
        if any(_vouches(part, name) for part in parts):
            return name
    return None


# The signature an advert ends with, on a line of its own: "The X Team", "— Ihr X-Team",
# "L'équipe X", "Your friends at X"; or its copyright line, "© 2024 X GmbH".
_SIGNATURE = re.compile(
    r"^[\W_]*(?:[\w ]{0,30},\s*)?"
    rf"(?:(?i:{alternatives('signature_leads')}|{alternatives('signature_determiners')})\s*)?"
    rf"(?P<org>{NAME})"
    rf"(?:[\s-]+(?i:{alternatives('signature_teams')}))?[\W_]*$"
)
_TEAM_SIGNED = re.compile(rf"[\s-](?i:{alternatives('signature_teams')})[\W_]*$")
_LEAD_SIGNED = re.compile(rf"^[\W_]*(?:[\w ]{{0,30}},\s*)?(?i:{alternatives('signature_leads')})\s")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|(?i:copyright))\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?,?\s*"
    rf"(?P<org>{NAME}(?:\s+(?:{_LEGAL_FORM}))?)"
)
_SIGNATURE_LINES = 4
_AFTER_STOP = re.compile(r"(?<=\.)\s.*$")  # "X GmbH. All rights reserved"
_TEAM_ONLY = re.compile(rf"^(?:{alternatives('signature_teams')})$", re.IGNORECASE)
_STAFF_FUNCTION = re.compile(rf"^(?:{alternatives('staff_functions')})$", re.IGNORECASE)


def signed_by(text: str) -> str | None:
    """The organisation that signs the advert in one of its last lines, as a team ("The X
    Team") or after a lead ("L'équipe X"), or its copyright line."""
    lines = [line.strip() for line in text.rstrip().rsplit("\n", 12)[-12:] if line.strip()]
    for line in reversed(lines[-_SIGNATURE_LINES:]):
        match = _SIGNATURE.match(line)
        if match and (_TEAM_SIGNED.search(line) or _LEAD_SIGNED.match(line)):
            name = _TEAM_SIGNED.sub("", _plain_name(match.group("org")))
            if _acceptable(name) and not _STAFF_FUNCTION.match(name) and not _TEAM_ONLY.match(name):
                return name
    for line in reversed(lines):
        if copyright_line := _COPYRIGHT.search(line):
            name = _without_stop(_AFTER_STOP.sub("", _plain_name(copyright_line.group("org"))))
            if _acceptable(name):
                return name
    return None


# "We are X, a ...", "Wir sind X, ein ...", "Nous sommes X, une ...": the X before its
# description.
_WE_ARE = phrases(
    rf"(?:^|[.!?]\s+)(?i:{alternatives('we_are')})\s+{_ARTICLE}(?P<org>{NAME})(?=\s*[,(—–])",
    phrases_of("we_are"),
    flags=re.MULTILINE,
)
# "Wir, die X GmbH, suchen", "We, the X, are": the X set beside the pronoun.
_WE_THE = phrases(
    rf"(?:^|[.!?]\s+)(?i:{alternatives('we_words')}),\s+(?i:{_ARTICLE})(?P<org>{NAME})\s*,",
    phrases_of("we_words"),
    flags=re.MULTILINE,
)
# "X's engineering team is growing", "X' data team is hiring": the X whose team hires.
_POSSESSIVE_TEAM = phrases(
    rf"(?:^|[.!?]\s+)(?P<org>{NAME}?)['’]s?\s+(?:[\w-]+\s+){{0,2}}"
    rf"(?i:{alternatives('team_words')})\s+(?i:{alternatives('hiring_verbs')})\b",
    phrases_of("team_words"),
    flags=re.MULTILINE,
)
# "Our client, X, is", "on behalf of X", "employed by X", "a postdoc position at X".
_EMPLOYER_CUE = phrases(
    rf"\b(?i:{alternatives('employer_cues')})\s+{_ARTICLE}"
    rf"(?P<org>{NAME}(?:\s+(?:{_LEGAL_FORM})(?![\w-]))?)",
    phrases_of("employer_cues"),
    flags=0,
)
_AT_INSTITUTION = phrases(
    rf"\b(?i:{alternatives('institution_prepositions')})\s+{_ARTICLE}(?P<org>{NAME})",
    phrases_of("institution_prepositions"),
    flags=0,
)


def named_by_a_sentence(prose: str) -> str | None:
    """The employer a sentence names as itself ("We are X, a ..."), whose team hires ("X's
    team is growing") or after a recruiter's or an employment's words ("our client, X",
    "employed by X", "a position at X")."""
    for pattern in (_WE_ARE, _WE_THE, _POSSESSIVE_TEAM, _EMPLOYER_CUE):
        for match in pattern.finditer(prose):
            name = _without_stop(_plain_name(_SENTENCE_END.sub("", match.group("org"))))
            if _acceptable(name):
                return name
    return None


def institution_at(prose: str) -> str | None:
    """The first institution the prose says something is at ("at the University of X", "am
    X-Institut"), else the first company it names with its legal form ("X GmbH", as in an
    address line): the last resort, where nothing else names the employer."""
    for match in _AT_INSTITUTION.finditer(prose):
        name = _without_stop(_POSSESSIVE.sub("", _SENTENCE_END.sub("", match.group("org"))))
        if len(name.split()) >= 2 and _INSTITUTION_NOUN.search(name) and _acceptable(name):
            return name
    for name in _institutions(prose):
        if _LEGAL_END.search(name) and _acceptable(name):
            return name
    return None
