"""Where the job is, as the advert writes it, and whether it is remote, hybrid or on site.

Places are found where adverts state them, strongest first: front matter, a job board's place
badge, a "Location:" line, a phrase that introduces the job's place ("based in", "basé à"), a
restriction on where candidates live or may work from, the office or team named with its city
("notre agence lyonnaise"), a postal address, a line under the title that is only a place, and
last a place in the title. A place stated in a part about the organisation or its perks gives
way to one the rest of the opening states, and one a candidate may but need not bring ("Nice
to have") is not taken. A city named anywhere else (a conference, a partner) is not taken: it
is as often not the job's place as it is.
"""

import re
import unicodedata
from collections.abc import Callable

from app.importer.fields.common import Found, front_text, front_values, plain
from app.importer.fields.organisation import institution_and_place
from app.importer.fields.organisation_phrases import institution_names
from app.importer.languages import LANGUAGES, alternatives, longest_first, phrases_of
from app.importer.markdown import TITLE_PARTS, cued, html_class, inline_text
from app.importer.phrases import phrases
from app.importer.places import Place, is_large_city, is_own_name, is_place, kind_of, places_in
from app.importer.roles import looks_like_role
from app.importer.segment import Draft

_LABEL = phrases(
    rf"(?:^[\s>*_|#-]*(?:[\w’'-]+\s+)?|(?<=[.!?] ))(?:{alternatives('location_labels')})"
    r"\s*[*_]*\s*(?:[:：|]|\s-\s)[\s*_|]*(?P<place>[^\n|]+)",
    phrases_of("location_labels"),
    re.IGNORECASE | re.MULTILINE,
)
_PLACE_ADJECTIVE = phrases(
    r"(?P<place>(?-i:[A-ZÀ-Þ])[\w'’]+(?:\s(?-i:[A-ZÀ-Þ])[\w'’]+)?)"
    rf"(?:{alternatives('place_adjective_suffixes')})\b",
    phrases_of("place_adjective_suffixes"),
)
# One pattern per language: a line that holds one of a language's words is searched for that
# language's phrases only, as these words ("remote", "join") are common.
_OPEN_TO = tuple(
    phrases(rf"\b(?:{'|'.join(longest_first(words.open_to_cues))})\b", words.open_to_cues)
    for words in LANGUAGES
    if words.open_to_cues
)  # fmt: skip
_CUE = phrases(rf"\b(?:{alternatives('place_cues')})\b", phrases_of("place_cues"))
_RESIDENCE = phrases(
    rf"\b(?:{alternatives('residence_cues')}|{alternatives('job_place_cues')})\b",
    phrases_of("residence_cues") + phrases_of("job_place_cues"),
)
# A heading or bold line that is only a place label ("### Sede di svolgimento", "**Location**"),
# whose place is the next line.
_LABEL_LINE = phrases(
    rf"^[\s>#*_-]*(?:{alternatives('location_labels')})(?:\s+\w+){{0,2}}[\s*_:]*$",
    phrases_of("location_labels"),
    re.IGNORECASE | re.MULTILINE,
)
# "Full-Remote (innerhalb Deutschlands)", "Remote (US only)": the places remote work is open to.
_REMOTE_WITHIN = re.compile(r"\bremote\s*\((?P<place>[^()\n]{2,60})\)", re.IGNORECASE)
_ONLY = re.compile(r"\s*\b(?:only|nur|uniquement|solo|solamente|alleen|apenas)\b\s*", re.I)
# "The company is based in X" tells where the organisation is; "the position is based in X"
# and a bare "based in X" where the job is.
_ORGANISATION_BASED = re.compile(r"\b(?P<subject>[\w-]+)\s+(?:is|are)\s+(?:\w+\s+)?$")
# Subjects whose "is based in" tells where the job is.
_JOB_SUBJECT = re.compile(
    r"^(?:position|role|job|post|team|candidate|applicant|person|you|we|office|work)s?$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(
    r"^(?:(?:the|an?|our|der|die|das|dem|unserem|unserer|la|le|l'|l’|les|el|il|lo|o|a|de|het)\s+|"
    r"l['’])+",
    re.IGNORECASE,
)
# Words inside a place's or building's name ("University of East Anglia", "Rio de Janeiro").
_NAME_JOINER = re.compile(r"^(?:of|de|du|des|der|la|le|di|del|da|do|dos|van|von|the|&|-)$")
_NAME_WORD = re.compile(r"[\w'’&-]+|,\s*")
_BADGE = re.compile(r"[🌎🌍🌏📍]\s*(?P<place>[^`\n]+)")
_REMOTE_WORD = re.compile(r"\b(?:remote|telecommute|remoto|télétravail)\b", re.IGNORECASE)
_MODES = alternatives("working_modes")
_WAY_OF_WORKING = re.compile(rf"%|\b(?:{_MODES})\b", re.IGNORECASE)
# The longest plain run of each way of working's pattern ("site" of "on-?site"): a line
# without any of them has no way of working to strip.
_MODE_WORDS = tuple(
    max(re.split(r"[\\?*+()\[\]{}|.^$]", mode), key=len).lower() for mode in _MODES.split("|")
)
_REMOTE_PARTS = cued(
    rf"\(\s*(?:{_MODES})\s*\)|^\W*(?:{_MODES})\b\W*(?:(?:or|oder|ou|o)\b\W*)?|"
    rf"\W*\b(?:or|oder|ou)\s+(?:{_MODES})\W*$|\s*[/|–-]\s*(?:{_MODES})\b",
    *_MODE_WORDS,
    flags=re.IGNORECASE,
)
# A word that denies what follows: "not based in", "Pas de full remote", "kein Homeoffice".
_NEGATED = re.compile(
    r"\b(?:not|nicht|pas(?: de| en)?|no|non|niet|não|kein\w{0,2}|geen|sin|senza)\s+$",
    re.IGNORECASE,
)
# Words that make a name after "based at" a place rather than an organisation.
_SITE = re.compile(
    r"\b(?:campus|centre|center|building|house|office|offices|hospital|site|park|tower|laboratory|"
    r"incubat\w+|innenstadt|zentrum|centro|city\s+cent(?:er|re)|downtown)\b",
    re.IGNORECASE,
)
_REMOTE_FROM = re.compile(
    r"\b(?:remote\s+work|work\s+remotely|working\s+remotely)\W+(?:is\s+possible\s+)?(?:from|in)\b",
    re.IGNORECASE,
)
# How far into a clause after a place cue the first place is taken: "basé à l'incubateur de
# l'école de Nantes".
_CLAUSE_REACH = 80
_OFFICE = phrases(
    rf"\b(?:{alternatives('possessives')})\s+"
    r"(?:(?P<place>(?-i:[A-ZÀ-Þ])[\w'’-]+(?:\s+(?-i:[A-ZÀ-Þ])[\w'’-]+)?)\s+)?"
    rf"(?:{alternatives('office_nouns')})\b(?:\s+(?P<adjective>[\w’-]+))?"
    r"(?:\s+(?P<after>[^\n.;:!?]{1,60}))?",
    phrases_of("office_nouns"),
)
# The most letters of a word that joins an office to its place ("in", "à", "de", "di").
_PREPOSITION_LENGTH = 3
_CITY_ADJECTIVE_ENDINGS = sorted(set(phrases_of("city_adjective_endings")), key=len, reverse=True)
# What a city adjective's stem may lack of its city's name: "nant-aise" is of Nantes.
_STEM_ENDINGS = ("", "e", "es")
_SHORTEST_STEM = 3
# Searched on one line at a time, not through `phrases`, whose caches keep whole texts.
_OPTIONAL = re.compile(rf"\b(?:{alternatives('optional_cues')})\b", re.IGNORECASE)
_CLOSING = re.compile(rf"\s*[-–]?\s*\b(?:{alternatives('deadline_cues')})\b", re.IGNORECASE)
_DASH = re.compile(r"\s+[-–]\s+")
_ADDRESS_LABEL = phrases(
    rf"^[\s>#*_-]*(?:{alternatives('address_labels')})\b",
    phrases_of("address_labels"),
    re.IGNORECASE | re.MULTILINE,
)
# A postal address's last line: "10115 Berlin", "F-75013 Paris, France", "Springfield, IL
# 62701", "Cambridge CB2 1TN".
_POSTAL_LINE = re.compile(
    r"(?:^|,[ \t]*)(?:[A-Z]{1,2}-)?\d{4,5}[ \t]+(?P<after>\S.*)$"
    r"|(?:^|,)(?P<before>[^,]+,\s*[A-Z]{2})\s+\d{5}(?:-\d{4})?\s*$"
    r"|(?:^|,)(?P<uk>[^,]+?)\s+[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\s*$"
)
_POSTAL_CODE = re.compile(r"\d")
# Lines of an address after its label, and lines at the end of a text (a signature), that
# are looked at for a postal address; longer lines are prose, not an address.
_ADDRESS_LINES = 5
_SIGNATURE_LINES = 8
_ADDRESS_LINE_LENGTH = 90
# How much of a heading line shows whether it opens an aside.
_HEADING_PEEK = 60
_ASIDE = re.compile(rf"^\W*(?:{alternatives('aside_sections')})\b", re.IGNORECASE)
# The most words of the name of a town the gazetteer lacks, on a place line ("Bad Vilbel").
_TOWN_WORDS = 3
# The longest place a line may be, and the longest line that may hold one with its way of
# working and markup ("**Remote, or Springfield, IL (hybrid)**").
_PLACE_LENGTH = 80
_PLACE_LINE_LENGTH = 140
_CUT_SHORT = ("...", "…")
_CONJUNCTION = re.compile(rf"^(?:{alternatives('conjunctions')})$", re.IGNORECASE)
# How far back the start of a sentence is looked for.
_SENTENCE_REACH = 300
_STAR_ITEM = re.compile(r"^\s*\*\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,2}[.)])\s")
# How many lines above a list item its lead-in line is looked for.
_LEAD_IN_REACH = 30
_SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")
_TIME_ZONE = re.compile(r"\btime\s?zones?\b", re.IGNORECASE)
_ANY_REGION = re.compile(r"^(?:all\s+(?:\w+\s+)?regions|anywhere\s+(?:in|on)\s+the\s+\w+)")
# A value that names a way of working or everywhere, not a place: "Remote", "Homeoffice".
_NOWHERE = re.compile(
    rf"^(?:(?:100\s?%\s*)?(?:{_MODES})|anywhere|worldwide|global|online)\.?$", re.IGNORECASE
)
# Words after which a title names its place: "in", "at", "à", ", " and dashes.
_INTRODUCER = re.compile(r"^(?:in|at|à|au|en|a|em|bei|im|te|[-–—|,(/]|.*,)$", re.IGNORECASE)
_NEAR_THE_TITLE = 6
# Characters of a page beyond the opening and its context that are worth reading for a
# statement on remote work the page makes for all its openings (a shared "Benefits" part).
_ELSEWHERE_ON_THE_PAGE = (
    200  # lines of an opening in which a line that is only a place is its place
)

_REMOTE = phrases(rf"\b(?:{alternatives('remote')})", phrases_of("remote"))
_HYBRID = phrases(rf"\b(?:{alternatives('hybrid')})", phrases_of("hybrid"))
_HOME_WORKING = phrases(rf"\b(?:{alternatives('home_working')})", phrases_of("home_working"))
_ONSITE = phrases(rf"\b(?:{alternatives('onsite')})", phrases_of("onsite"))


def _trim(place: str) -> str:
    return _ARTICLE.sub("", place.strip(" .,:;*()[]")).strip(" .,:;*")


def _name_after(text: str) -> str | None:
    """The name that starts `text`: capitalised words and the small words inside names,
    with a comma-separated place after it ("Vienna, Austria"), up to the first other word."""
    text = _trim(text)
    words: list[str] = []
    for match in _NAME_WORD.finditer(text):
        word = match.group()
        if word.startswith(","):
            rest = text[match.end() :]
            following = places_in(rest[:60])
            if not words or not following or following[0].start != 0:
                break
            words.append(", ")
        elif word[:1].isupper() or (word[:1].isdigit() and words):
            words.append(word if not words or words[-1] == ", " else f" {word}")
        elif _NAME_JOINER.match(word) and words:
            words.append(f" {word}")
        else:
            break
        if len(words) > 12:
            return None
    while words and (words[-1] == ", " or _NAME_JOINER.match(words[-1].strip())):
        words.pop()
    return "".join(words) or None


def _place_run(text: str) -> str | None:
    """The places that start `text`, with what joins them: "Australia, Canada, or the
    United States"."""
    places = places_in(text[:200])
    if not places or _trim(text[: places[0].start]):
        return None
    last: Place = places[0]
    for place in places[1:]:
        if re.sub(
            r"[\s,]|\b(?:and|or|the|und|oder|et|ou|y|o|e)\b", "", text[last.end : place.start]
        ):
            break
        last = place
    return text[places[0].start : last.end]


def _clause(text: str, start: int) -> str:
    return re.split(r"[.;!?\n]\s|[.;!?]?$|\)", text[start:], maxsplit=1)[0]


def _labelled(prose: str) -> tuple[str, int] | None:
    for match in _LABEL.finditer(prose):
        place = _trim(_SENTENCE_END.split(match.group("place"), maxsplit=1)[0])
        if place and not _NOWHERE.match(place):
            return _without_the_way_of_working(place), match.start("place")
    return None


def _without_the_way_of_working(place: str) -> str:
    """The places of a label's value that also tells the way of working ("60% remote, 40% at
    the office in Utrecht", "Hybrid - Berlin"); the value as written when it names none."""
    if not _WAY_OF_WORKING.search(place):
        return place
    if only := _only_place(place):
        return only
    places = places_in(place)
    return place[places[0].start : places[-1].end] if places else place


def _cued(prose: str) -> tuple[str, int] | None:
    """A place after "based in", "located at", "basé à": the places that follow, or the name
    of a place that follows ("the University of X Campus") when it names a known place or a
    kind of site; "based at <employer>" is not a place."""
    for match in _CUE.finditer(prose):
        before = prose[max(0, match.start() - 40) : match.start()]
        based = _ORGANISATION_BASED.search(before)
        if (
            _NEGATED.search(before)
            or (
                match.group().lower().startswith(("based", "located"))
                and based
                and not _JOB_SUBJECT.match(_subject(prose, match.start(), based))
            )
            or _optional_part(prose, match.start())
        ):
            continue
        clause = _trim(_clause(prose, match.end()))
        if _TIME_ZONE.search(clause) and (places := places_in(clause)):
            return f"{places[0].name} time zone", match.end()
        name = _name_after(clause)
        if name and _SITE.search(name):
            return name, match.end()
        places = places_in(name) if name else []
        if places and not is_place(name or ""):
            return _most_specific(places), match.end()
        if run := _place_run(clause):
            return run, match.end()
        # A name after "at" may be the employer ("based at Examplecorp"); after "in" or "à"
        # it is a place the gazetteer does not list, a district or a village.
        if name and not match.group().lower().endswith(" at") and not _NOWHERE.match(name):
            return name, match.end()
        if not match.group().lower().endswith(" at") and (
            places := places_in(clause[:_CLAUSE_REACH])
        ):
            return _place_run(clause[places[0].start :]) or places[0].name, match.end()
        # "located at NASA Goddard in Greenbelt, MD": the place the name is said to be in.
        if place := _introduced_place(clause[:_CLAUSE_REACH]):
            return place, match.end()
    return None


def _introduced_place(text: str) -> str | None:
    """The first place of `text` after a word that introduces one ("in", "à", a comma)."""
    for place in places_in(text):
        before = text[: place.start].split()
        if before and _INTRODUCER.match(before[-1]):
            return _place_run(text[place.start :]) or place.name
    return None


def _most_specific(places: list[Place]) -> str:
    """The place an institution's name ends on, a city before any other: "University of
    California, Berkeley" is in Berkeley, as labels write it in any of its forms."""
    cities = [place for place in places if place.kind == "city"]
    return (cities or places)[-1].name


def _subject(prose: str, start: int, based: re.Match[str]) -> str:
    """Who "is based" before `start`: the word before "is", or after "and" ("The position
    comes with benefits and is based at X") the first noun of the sentence."""
    subject = based.group("subject")
    if not _CONJUNCTION.match(subject):
        return subject
    sentence = re.split(r"[.!?:]\s|\n", prose[max(0, start - _SENTENCE_REACH) : start])[-1]
    first = _ARTICLE.sub("", sentence.strip()).split(maxsplit=1)
    return first[0] if first else subject


def _office_of(prose: str) -> tuple[str, int] | None:
    """ "From our Amsterdam offices", "in unserem Berliner Büro", "notre agence lyonnaise":
    the city of the office or team, by its name or its adjective."""
    for match in _OFFICE.finditer(prose):
        if named := match.group("place"):
            if places := places_in(named):
                return places[0].name, match.start("place")
            if city := _city_of_adjective(named):
                return city, match.start("place")
        elif adjective := match.group("adjective"):
            if city := _city_of_adjective(adjective):
                return city, match.start("adjective")
            # "unser Team in Stuttgart", "nuestra oficina de Madrid": a short word before it.
            if (
                len(adjective) <= _PREPOSITION_LENGTH
                and adjective.islower()
                and (run := _place_run(match.group("after") or ""))
            ):
                return run, match.start("after")
    return None


def _place_adjective(prose: str) -> tuple[str, int] | None:
    """A place made an adjective of the team or employer: "a Berlin-based team"."""
    for match in _PLACE_ADJECTIVE.finditer(prose):
        if is_place(match.group("place")):
            return match.group("place"), match.start()
    return None


def _city_of_adjective(word: str) -> str | None:
    """The city a city's adjective is made of ("Berliner" -> "Berlin", "lyonnaise" ->
    "Lyon", "nantaise" -> "Nantes"), by a place's own name in the gazetteer before another
    language's spelling ("Berline"); None for other words."""
    lowered = word.casefold()
    names = [
        (lowered[: -len(ending)] + rest).title()
        for ending in _CITY_ADJECTIVE_ENDINGS
        if lowered.endswith(ending) and len(lowered) - len(ending) >= _SHORTEST_STEM
        for rest in _STEM_ENDINGS
    ]
    own = [name for name in names if is_own_name(name)]
    return next(iter(own or [name for name in names if kind_of(name)]), None)


def _optional_part(prose: str, start: int) -> bool:
    """Whether the line at `start` says what a candidate may bring but need not ("Based in
    Germany is a plus"), or is an item of a list under such a lead-in ("Nice to have:")."""
    line_start = prose.rfind("\n", 0, start) + 1
    line_end = prose.find("\n", start)
    line = prose[line_start : len(prose) if line_end < 0 else line_end]
    if _OPTIONAL.search(line):
        return True
    if not _LIST_ITEM.match(line):
        return False
    end = line_start - 1
    for _ in range(_LEAD_IN_REACH):
        if end <= 0:
            break
        begin = prose.rfind("\n", 0, end) + 1
        above = prose[begin:end]
        if above.strip() and not _LIST_ITEM.match(above):
            return _OPTIONAL.search(above) is not None
        end = begin - 1
    return False


def _address(prose: str) -> tuple[str, int] | None:
    """The city of a postal address, under an address label or in the signature block that
    ends the text: "Musterstraße 12, 10115 Berlin"."""
    for match in _ADDRESS_LABEL.finditer(prose):
        start = match.start()
        for line in prose[start:].split("\n", _ADDRESS_LINES)[:_ADDRESS_LINES]:
            if place := _postal_place(line):
                return place, start
            start += len(line) + 1
    start = len(prose)
    for line in reversed(prose.rsplit("\n", _SIGNATURE_LINES)[-_SIGNATURE_LINES:]):
        start -= len(line) + 1
        if place := _postal_place(line):
            return place, max(0, start + 1)
    return None


def _postal_place(line: str) -> str | None:
    """The places of a postal address's last line, after or before its postal code."""
    if (
        len(line) > _ADDRESS_LINE_LENGTH
        or _POSTAL_CODE.search(line) is None
        or (match := _POSTAL_LINE.search(line)) is None
    ):
        return None
    named = (match.group("after") or match.group("before") or match.group("uk") or "").strip()
    return named.rstrip(".") if is_place(named) else None


def _remote_from(prose: str) -> tuple[str, int] | None:
    """ "Remote work from other places in Germany or in Europe": the clause, as written."""
    for match in _REMOTE_FROM.finditer(prose):
        clause = _clause(prose, match.end())
        place = re.sub(r"^(?:somewhere|anywhere)\s+in\s+", "", _trim(clause), flags=re.I)
        if places_in(place):
            return place[:120], match.end()
    return None


def _word_opening_a_line(prose: str, at: int, place: Place) -> bool:
    """Whether a small town's name opens its line, where a capital says nothing: "Same time
    zone" is no town of that name. A region, a country or a large city there is one."""
    line_start = prose.rfind("\n", 0, at) + 1
    return (
        place.kind == "city"
        and not prose[line_start:at].strip(" \t>*_#-")
        and not is_large_city(place.name)
    )


def _resident(prose: str) -> tuple[str, int] | None:
    """Where candidates must live or may work: "must reside in the EU", "applicants from
    Canada or Mexico", "EMEA time zone"."""
    for match in _RESIDENCE.finditer(prose):
        if _optional_part(prose, match.start()):
            continue
        clause = _clause(prose, match.end())
        if _TIME_ZONE.match(match.group()):
            start = max(0, match.start() - 40)
            before = places_in(prose[start : match.start()])
            if before and not _word_opening_a_line(prose, start + before[-1].start, before[-1]):
                return f"{before[-1].name} time zone", match.start()
            continue
        if run := _place_run(_trim(clause)):
            return run, match.end()
        if region := _ANY_REGION.match(_trim(clause)):
            return region.group(), match.end()
    return None


def _open_to(prose: str) -> tuple[str, int] | None:
    """The places a job is open to, after words that also say other things: "people who
    live in Canada", "anywhere in Europe", "join us in Vienna"."""
    found = []
    for pattern in _OPEN_TO:
        for match in pattern.finditer(prose):
            if not _optional_part(prose, match.start()) and (
                run := _place_run(_trim(_clause(prose, match.end())))
            ):
                found.append((run, match.end()))
                break
    return min(found, key=lambda place: place[1], default=None)


def _label_line(prose: str) -> tuple[str, int] | None:
    """A place on the line after a line that is only a place label."""
    for match in _LABEL_LINE.finditer(prose):
        following = prose[match.end() :].lstrip("\n").split("\n", 1)[0]
        if place := _only_place(following.lstrip(" -*+")):
            return place, match.end() + 1
    return None


def _remote_within(prose: str) -> tuple[str, int] | None:
    """The places in brackets after "remote", as written, without "only"."""
    for match in _REMOTE_WITHIN.finditer(prose):
        place = _ONLY.sub(" ", match.group("place")).strip()
        if places_in(place) or any(
            kind_of(word[:-1]) == "country" for word in place.split() if word.endswith("s")
        ):
            return place, match.start("place")
    return None


def _place_line(lines: list[str], number: int) -> str | None:
    """A line that is only a place, or a paragraph whose first sentence is: "Remote, or
    Berlin. This role is full-time." (the end of a sentence wrapped onto a line is not)."""
    line = inline_text(lines[number])
    if place := _only_place(line):
        return place
    starts_a_paragraph = number == 0 or not lines[number - 1].strip()
    first_sentence = re.split(r"(?<=\w)\.\s", line, maxsplit=1)[0]
    if starts_a_paragraph and first_sentence[:1].isupper():
        return _only_place(first_sentence)
    return None


def _only_place(line: str) -> str | None:
    """A line that is nothing but a place, remote or not: "*Remote or Springfield, IL*",
    "Lithuania (Remote)", "São Paulo, Brazil / Remote", "(Remote oder Berlin Zentrum)"."""
    if len(line) > _PLACE_LINE_LENGTH:
        return None
    text = _ONLY.sub(" ", _REMOTE_PARTS.sub("", _LIST_ITEM.sub("", line).strip(" *_`#")))
    place = _trim(text.strip(" ()"))
    if not place or len(place) >= _PLACE_LENGTH:
        return None
    return place if is_place(_SITE.sub("", place)) or _town_in_a_region(place) else None


def _town_in_a_region(text: str) -> bool:
    """Whether `text` is a town the gazetteer does not list followed by the country or state
    it is in: "Hinxton, UK", "Vorden, Gelderland, Netherlands", "Smalltown, WI"."""
    town, comma, rest = text.partition(",")
    words = town.split()
    if not comma or not 1 <= len(words) <= _TOWN_WORDS or not is_place(rest):
        return False
    regions = places_in(rest)
    return (
        all(word[:1].isupper() and word.isalpha() for word in words)
        and all(place.kind != "city" for place in regions)
        and not looks_like_role(town)
    )


def _badge(prose: str) -> tuple[str, int] | None:
    """A job board's place badge ("🌎 Remote, Madrid, Spain"): the place without "Remote"."""
    for match in _BADGE.finditer(prose):
        place = _REMOTE_PARTS.sub("", match.group("place")).strip(" ,")
        place = re.sub(r"^telecommute\s+", "", place, flags=re.IGNORECASE)
        if place and not _NOWHERE.match(place) and places_in(place):
            return place, match.start("place")
    return None


def _under_the_title(prose: str) -> tuple[str, int] | None:
    """A line that is only a place among the first lines of the opening or the first lines
    under its first heading (a page whose title heading comes after an introduction)."""
    lines = prose.split("\n")
    for number in _near_the_title(lines):
        if place := _place_line(lines, number):
            return place, sum(len(line) + 1 for line in lines[:number])
    return None


def _near_the_title(lines: list[str]) -> list[int]:
    """The numbers of the first lines of an opening and of the first lines under its first
    heading (a page whose title heading comes after an introduction)."""
    first_heading = next((n for n, line in enumerate(lines) if line.startswith("#")), 0)
    near = {*range(_NEAR_THE_TITLE), *range(first_heading, first_heading + _NEAR_THE_TITLE)}
    return sorted(number for number in near if number < len(lines))


_LOCATIVE = re.compile(rf"\b(?:{alternatives('locative_prepositions')})\s+(?=[A-ZÀ-Þ])")
_PRESENCE = re.compile(rf"\b(?:{alternatives('presence_words')})\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.!?;:]\s|\n")


def _after_a_place_cue(prose: str, at: int) -> bool:
    """Whether the preposition at `at` ends a place cue ("based in", "gevestigd te")."""
    window = prose[max(0, at - 40) : prose.find(" ", at) + 1 or len(prose)].rstrip()
    return any(cue.end() == len(window) for cue in _CUE.finditer(window))


def _sole_city(draft: Draft) -> Found[str] | None:
    """The one city a sentence about where people work puts them in ("die Einarbeitung findet
    bei uns in Berlin statt", "une présence régulière à Paris"), when the opening names no
    other that way: the last resort.
    Not a city in the name of an institution the page names ("The University of Sheffield"):
    the team "in Sheffield" is then the employer's, and says no more than its name."""
    prose = "\n".join(map(_prose_line, draft.text.splitlines()))
    found: dict[str, int] = {}
    for preposition in _LOCATIVE.finditer(prose):
        if _after_a_place_cue(prose, preposition.start()):
            continue  # "based in", "located in": the cue's own rule has judged it
        starts = [m.end() for m in _CLAUSE_START.finditer(prose, 0, preposition.start())]
        if not _PRESENCE.search(prose, starts[-1] if starts else 0, preposition.start()):
            continue  # "is written in Erlang": no one works there
        places = places_in(prose[preposition.end() : preposition.end() + _PLACE_LENGTH])
        place = places[0] if places and places[0].start == 0 else None
        # A city's own name, not another language's, nor in capitals ("experiencia en AJAX"):
        # names of places that are also words of the trade ("in Julia") are seldom both.
        if (
            place
            and place.kind in ("city", "subdivision")
            and not place.name.isupper()
            and is_own_name(place.name)
        ):
            found.setdefault(place.name, prose.count("\n", 0, preposition.end()) + 1)
    if not found:
        return None  # most openings: the page's institutions need not be looked for
    named = " ".join(institution_names(inline_text(draft.page.body)))
    cities = [(name, line) for name, line in found.items() if name not in named]
    if len(cities) != 1:
        return None
    [(name, line)] = cities
    return Found(name, f"prose: line {line}")


# A rule that finds a place in an opening's prose: the place and where it starts.
Finder = Callable[[str], tuple[str, int] | None]

_FINDERS: tuple[Finder, ...] = (
    _badge,
    _labelled,
    _label_line,
    _cued,
    _resident,
    _open_to,
    _remote_within,
    _office_of,
    _place_adjective,
    _remote_from,
)


def _front_location(draft: Draft) -> Found[str] | None:
    """A front-matter place: text, or a mapping with a name ("RECETOX, Brno, Czechia"), of
    which the places are kept."""
    if (place := institution_and_place(draft)[1]) is not None:
        return None if _NOWHERE.match(place) else Found(place, "front matter: location")
    for key in ("location", "place", "city", "joblocation"):
        value = draft.page.front_matter.get(key)
        if isinstance(value, dict):
            named = plain(value.get("name")) or plain(value.get("address")) or ""
            if place := _places_of_parts(named):
                return Found(place, f"front matter: {key}.name")
    if front := front_text(draft.page, "location"):
        return None if _NOWHERE.match(front.value) else front
    return None


def _places_of_parts(text: str) -> str | None:
    """The comma-separated parts of `text` from the first that is a place on: "School of X,
    University of Y, Manchester, UK" -> "Manchester, UK"."""
    parts = [part.strip() for part in text.split(",")]
    for index, part in enumerate(parts):
        if part and is_place(part):
            return ", ".join(parts[index:])
    return None


def _listed_place(listed: str) -> str | None:
    """The places of a listing line after the link, "Institution, City, Country - Closes
    ...": up to the closing date, or else up to the first dash (an institution's name may
    hold dashes: "Team - Group - University of X, City, UK - closes ..."); else a site named
    after the institution ("Centre X, Y Laboratory - Closes ...")."""
    for cut in (_CLOSING, _DASH):
        parts = cut.split(listed, maxsplit=1)[0].rstrip(". ").split(",")[1:]
        if place := _places_of_parts(",".join(parts)):
            return place
    parts = _CLOSING.split(listed, maxsplit=1)[0].rstrip(". ").split(",")
    site = parts[-1].strip()
    return site if len(parts) > 1 and _SITE.search(site) else None


def location_of(draft: Draft) -> Found[str] | None:
    """Front matter, a listing line or page markup, else what the prose says about place."""
    if front := _front_location(draft):
        return front
    if listed := draft.hints.get("listed"):
        place = _listed_place(listed)
        return Found(place, "listing line") if place else None
    if place := html_class(draft.text, "location"):
        return None if _NOWHERE.match(place) else Found(place, "page markup")
    texts = (("prose", draft.text), ("page prose", draft.hints.get("context", "")))
    for where, text in texts:
        prose = "\n".join(map(_prose_line, text.splitlines()))
        if not prose.isascii():
            prose = unicodedata.normalize("NFC", prose)
        finders = (*_FINDERS, _address, _under_the_title) if where == "prose" else _FINDERS
        if found := _found_in(prose, finders):
            if where == "prose":
                found = _outside_asides(prose, found, finders)
            place, start = found
            line = prose.count("\n", 0, start) + 1
            return Found(place[:200], f"{where}: line {line}")
    return _in_the_title(draft) or _sole_city(draft)


def _found_in(prose: str, finders: tuple[Finder, ...]) -> tuple[str, int] | None:
    for finder in finders:
        if found := finder(prose):
            return found
    return None


def _outside_asides(
    prose: str, found: tuple[str, int], finders: tuple[Finder, ...]
) -> tuple[str, int]:
    """A place found in a part about the organisation or its perks ("About us", "What we
    offer": the head office, a retreat) gives way to one the rest of the opening states."""
    if not _has_aside_heading(prose):
        return found
    lines = prose.split("\n")
    asides = _aside_lines(lines)
    if prose.count("\n", 0, found[1]) not in asides:
        return found
    kept = "\n".join("" if n in asides else text for n, text in enumerate(lines))
    return _found_in(kept, finders) or found


def _has_aside_heading(prose: str) -> bool:
    """Whether a heading of the prose opens a part about the organisation or its perks: a
    look at the lines that start with "#" only."""
    at = 0 if prose.startswith("#") else prose.find("\n#") + 1
    while at > 0 or prose.startswith("#"):
        if _ASIDE.match(prose[at : at + _HEADING_PEEK]):
            return True
        at = prose.find("\n#", at) + 1
        if at == 0:
            return False
    return False


def _aside_lines(lines: list[str]) -> frozenset[int]:
    """The lines of sections about the organisation or its perks, under their headings."""
    headings = [
        (n, len(text) - len(text.lstrip("#"))) for n, text in enumerate(lines) if text[:1] == "#"
    ]
    asides: set[int] = set()
    for number, level in headings:
        if _ASIDE.match(lines[number].lstrip("# ")):
            later = [n for n, other in headings if n > number and other <= level]
            asides.update(range(number, min(later, default=len(lines))))
    return frozenset(asides)


def _prose_line(line: str) -> str:
    """A line's plain text; a list item keeps a marker ("- "), as the emphasis marks that
    `inline_text` removes include the "*" of an item, and a list's lead-in tells what the
    items are ("Nice to have:")."""
    if line[:1] in "* " and (item := _STAR_ITEM.match(line)):
        return f"- {inline_text(line[item.end() :])}"
    return inline_text(line)


def _in_the_title(draft: Draft) -> Found[str] | None:
    """The place a title ends on after a word that introduces it, or after a name that such a
    word introduces: "Post-doc at X Toulouse", "Developer in Lyon", "4 posts at a lab, Lens",
    "Postdoc at the University of Oslo", or as the title's last part ("Engineer : Berlin
    Germany"); a role is not a place ("Officer"). The title is the opening's heading, or the
    first heading of a page that is one opening, or the page's title."""
    for source, title in (
        ("heading", draft.title or _first_heading(draft)),
        ("front matter: title", _page_title(draft)),
    ):
        text = inline_text(title or "").rstrip(" .!)")
        places = places_in(text)
        if (
            places
            and places[-1].end == len(text)
            and not looks_like_role(places[-1].name)
            and _introduced(text[: places[-1].start].split())
        ):
            return Found(places[-1].name, source)
        last = TITLE_PARTS.split(text)[-1]
        if places and last != text and is_place(last) and not looks_like_role(last):
            return Found(last, source)
    return None


def _first_heading(draft: Draft) -> str | None:
    first = draft.headings()[:1]
    return first[0].title if first and (first[0].level == 1 or first[0].line == 0) else None


def _introduced(words: list[str]) -> bool:
    """Whether the words before a title's place end on a word that introduces a place ("in",
    "at", a dash), or on a name such a word introduces ("at the University of")."""
    if any(_INTRODUCER.match(word) for word in words[-2:]):
        return True
    named = False
    for word in reversed(words):
        if _INTRODUCER.match(word):
            return named
        if not (word[:1].isupper() or _NAME_JOINER.match(word)):
            return False
        named = named or word[:1].isupper()
    return False


def _page_title(draft: Draft) -> str | None:
    """The page's title; in full where it is cut short ("4 posts at ...") and another key
    holds the whole of it."""
    title = plain(draft.page.front_matter.get("title"))
    if title is None or not title.endswith(_CUT_SHORT):
        return title
    start = title.rstrip("".join(_CUT_SHORT) + " ")
    for value in draft.page.front_matter.values():
        text = plain(value)
        if text and len(text) > len(title) and text.startswith(start):
            return text
    return title


def _statement(texts: tuple[tuple[str, str], ...]) -> Found[str] | None:
    """The way of working the prose states, the most telling statement first: said to be
    hybrid, then wholly remote, then working from home as an option, then on site. A
    statement denied ("Pas de full remote") states nothing."""
    for mode, pattern in (
        ("hybrid", _HYBRID),
        ("remote", _REMOTE),
        ("hybrid", _HOME_WORKING),
        ("onsite", _ONSITE),
    ):
        for where, text in texts:
            if any(
                not _NEGATED.search(text[max(0, match.start() - 12) : match.start()])
                for match in pattern.finditer(text)
            ):
                return Found(mode, where)
    return None


def _front_remote(draft: Draft) -> Found[str] | bool | None:
    """The front matter's word on remote work; False when it has none."""
    for key, front in front_values(draft.page, "remote"):
        if isinstance(front, bool):
            return Found("remote", f"front matter: {key}") if front else None
        if isinstance(front, str) and front.lower() in ("remote", "hybrid", "onsite", "on-site"):
            return Found(front.lower().replace("on-site", "onsite"), f"front matter: {key}")
        break
    places = " ".join(
        str(draft.page.front_matter.get(key, "")) for key in ("location", "place", "city")
    )
    if re.search(r"\bremote\b", places, re.IGNORECASE):
        return Found("remote", "front matter: location")
    return False


def _labelled_mode(text: str) -> Found[str] | None:
    """The way of working a location label gives ("**Location:** Remote", "Standort: Hybrid,
    Berlin"): the place is where, and these words say how."""
    for match in _LABEL.finditer(text):
        value = inline_text(match.group("place"))
        if _HYBRID.search(value):
            return Found("hybrid", "prose: location line")
        if _REMOTE_WORD.search(value):
            return Found("remote", "prose: location line")
    return None


def remote_of(draft: Draft, title: str, location: str | None) -> Found[str] | None:
    """Front matter, else what the opening's prose states, else a place line or badge that
    says "Remote", else what the page around the opening states."""
    if (front := _front_remote(draft)) is not False:
        return front if isinstance(front, Found) else None
    if re.search(r"\bremote\b", html_class(draft.text, "location") or "", re.IGNORECASE):
        return Found("remote", "page markup")
    if stated := _statement((("prose", f"{title}\n{draft.text}"),)):
        return stated
    if labelled := _labelled_mode(draft.text):
        return labelled
    lines = draft.text.split("\n")
    for number in _near_the_title(lines):
        # The word first: few lines have it, and a place line is the costlier test.
        if _REMOTE_WORD.search(inline_text(lines[number])) and (
            _BADGE.search(lines[number]) or _place_line(lines, number)
        ):
            return Found("remote", "place line")
    context = draft.hints.get("context", "")
    texts = [("page prose", context)]
    if len(draft.page.body) > len(draft.text) + len(context) + _ELSEWHERE_ON_THE_PAGE:
        texts.append(("page", draft.page.body))
    return _statement(tuple(texts))
