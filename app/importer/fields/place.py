"""Where the job is, as the advert writes it, and whether it is remote, hybrid or on site.

Places are found where adverts state them, strongest first: front matter, a job board's place
badge, a "Location:" line, a phrase that introduces the job's place ("based in", "basé à"), a
restriction on where candidates live, a line under the title that is only a place, and last
a place in the title. A city named anywhere else (the head office in "About us", a conference)
is not taken: it is as often not the job's place as it is.
"""

import re
import unicodedata
from collections.abc import Callable

from app.importer.fields.common import Found, front_text, front_values, plain
from app.importer.fields.organisation import institution_and_place
from app.importer.languages import LANGUAGES, alternatives
from app.importer.markdown import cued, html_class, inline_text
from app.importer.phrases import phrases
from app.importer.places import Place, is_place, kind_of, places_in
from app.importer.roles import looks_like_role
from app.importer.segment import Draft


def vocabulary(name: str) -> list[str]:
    """Every language's phrases of one vocabulary field."""
    return [phrase for words in LANGUAGES for phrase in getattr(words, name)]


_LABEL = phrases(
    rf"(?:^[\s>*_|#-]*|(?<=[.!?] ))(?:{alternatives('location_labels')})"
    r"\s*[*_]*\s*(?:[:：|]|\s-\s)[\s*_|]*(?P<place>[^\n|]+)",
    vocabulary("location_labels"),
    re.IGNORECASE | re.MULTILINE,
)
_CUE = phrases(rf"\b(?:{alternatives('place_cues')})\b", vocabulary("place_cues"))
_RESIDENCE = phrases(
    rf"\b(?:{alternatives('residence_cues')}|{alternatives('job_place_cues')})\b",
    vocabulary("residence_cues") + vocabulary("job_place_cues"),
)
# A heading or bold line that is only a place label ("### Sede di svolgimento", "**Location**"),
# whose place is the next line.
_LABEL_LINE = phrases(
    rf"^[\s>#*_]*(?:{alternatives('location_labels')})(?:\s+\w+){{0,2}}[\s*_:]*$",
    vocabulary("location_labels"),
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
_WAY_OF_WORKING = re.compile(r"%|\b(?:remote|hybrid|hybride|ibrido|híbrido)\b", re.IGNORECASE)
_REMOTE_PARTS = cued(
    r"\(\s*(?:remote|telecommute)\s*\)|^\W*(?:remote|telecommute)\b\W*(?:(?:or|oder|ou|o)\b\W*)?|"
    r"\W*\b(?:or|oder|ou)\s+(?:remote|telecommute)\W*$|\s*/\s*remote\b",
    "remote",
    "telecommute",
    flags=re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|nicht|pas|no|non|niet|não)\s+$", re.IGNORECASE)
# Words that make a name after "based at" a place rather than an organisation.
_SITE = re.compile(
    r"\b(?:campus|centre|center|building|house|office|offices|hospital|site|park|tower|"
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
    r"\b(?:our|unsere[mnr]?|nos|nuestras?|nuestros?|i nostri|onze|nossos?|nossas?)\s+"
    r"(?P<place>[A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+)?)\s+"
    r"(?:office|offices|headquarters|hq|büro|büros|bureaux?|oficinas?|uffici|ufficio|kantoor|"
    r"escritório|escritórios)\b",
    [
        "office",
        "headquarters",
        "hq",
        "büro",
        "bureau",
        "oficina",
        "uffici",
        "kantoor",
        "escritório",
    ],
)
_SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")
_TIME_ZONE = re.compile(r"\btime\s?zones?\b", re.IGNORECASE)
_ANY_REGION = re.compile(r"^(?:all\s+(?:\w+\s+)?regions|anywhere\s+(?:in|on)\s+the\s+\w+)")
_NOWHERE = re.compile(r"^(?:remote|anywhere|worldwide|global|online)\.?$", re.IGNORECASE)
# Words after which a title names its place: "in", "at", "à", ", " and dashes.
_INTRODUCER = re.compile(r"^(?:in|at|à|au|en|a|em|bei|im|te|[-–—|,(/]|.*,)$", re.IGNORECASE)
_NEAR_THE_TITLE = 6
# Characters of a page beyond the opening and its context that are worth reading for a
# statement on remote work the page makes for all its openings (a shared "Benefits" part).
_ELSEWHERE_ON_THE_PAGE = (
    200  # lines of an opening in which a line that is only a place is its place
)

_REMOTE = phrases(rf"\b(?:{alternatives('remote')})", vocabulary("remote"))
_HYBRID = phrases(rf"\b(?:{alternatives('hybrid')})", vocabulary("hybrid"))
_HOME_WORKING = phrases(rf"\b(?:{alternatives('home_working')})", vocabulary("home_working"))
_ONSITE = phrases(rf"\b(?:{alternatives('onsite')})", vocabulary("onsite"))


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
        if _NEGATED.search(before) or (
            match.group().lower().startswith(("based", "located"))
            and based
            and not _JOB_SUBJECT.match(based.group("subject"))
        ):
            continue
        clause = _trim(_clause(prose, match.end()))
        if _TIME_ZONE.search(clause) and (places := places_in(clause)):
            return f"{places[0].name} time zone", match.end()
        name = _name_after(clause)
        if name and _SITE.search(name):
            return name, match.end()
        if run := _place_run(clause):
            return run, match.end()
        # A name after "at" may be the employer ("based at Examplecorp"); after "in" or "à"
        # it is a place the gazetteer does not list, a district or a village.
        if name and (places_in(name) or not match.group().lower().endswith(" at")):
            return name, match.end()
        if not match.group().lower().endswith(" at") and (
            places := places_in(clause[:_CLAUSE_REACH])
        ):
            return places[0].name, match.end()
    return None


def _office_of(prose: str) -> tuple[str, int] | None:
    """ "From our Amsterdam offices", "in unserem Berliner Büro": the place of the office."""
    for match in _OFFICE.finditer(prose):
        if places := places_in(match.group("place")):
            return places[0].name, match.start("place")
    return None


def _remote_from(prose: str) -> tuple[str, int] | None:
    """ "Remote work from other places in Germany or in Europe": the clause, as written."""
    for match in _REMOTE_FROM.finditer(prose):
        clause = _clause(prose, match.end())
        place = re.sub(r"^(?:somewhere|anywhere)\s+in\s+", "", _trim(clause), flags=re.I)
        if places_in(place):
            return place[:120], match.end()
    return None


def _resident(prose: str) -> tuple[str, int] | None:
    """Where candidates must live or may work: "must reside in the EU", "applicants from
    Canada or Mexico", "EMEA time zone"."""
    for match in _RESIDENCE.finditer(prose):
        clause = _clause(prose, match.end())
        if _TIME_ZONE.match(match.group()):
            before = places_in(prose[max(0, match.start() - 40) : match.start()])
            if before:
                return f"{before[-1].name} time zone", match.start()
            continue
        if run := _place_run(_trim(clause)):
            return run, match.end()
        if region := _ANY_REGION.match(_trim(clause)):
            return region.group(), match.end()
    return None


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
    place = _trim(_REMOTE_PARTS.sub("", line.strip(" *_`()#")))
    if not place or len(place) >= 80:
        return None
    return place if is_place(_SITE.sub("", place)) else None


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


_FINDERS: tuple[Callable[[str], tuple[str, int] | None], ...] = (
    _badge,
    _labelled,
    _label_line,
    _cued,
    _resident,
    _remote_within,
    _office_of,
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


def location_of(draft: Draft) -> Found[str] | None:
    """Front matter, a listing line or page markup, else what the prose says about place."""
    if front := _front_location(draft):
        return front
    if listed := draft.hints.get("listed"):
        before_date = re.split(
            r"\s+[-–]\s+|\.?\s+(?:closes|closing|deadline)\b", listed, flags=re.I
        )[0]
        parts = before_date.split(",")[1:]
        place = _places_of_parts(",".join(parts))
        return Found(place, "listing line") if place else None
    if place := html_class(draft.text, "location"):
        return None if _NOWHERE.match(place) else Found(place, "page markup")
    texts = (("prose", draft.text), ("page prose", draft.hints.get("context", "")))
    for where, text in texts:
        prose = "\n".join(inline_text(line) for line in text.splitlines())
        if not prose.isascii():
            prose = unicodedata.normalize("NFC", prose)
        finders = (*_FINDERS, _under_the_title) if where == "prose" else _FINDERS
        for finder in finders:
            if found := finder(prose):
                place, start = found
                line = prose.count("\n", 0, start) + 1
                return Found(place[:200], f"{where}: line {line}")
    return _in_the_title(draft)


def _in_the_title(draft: Draft) -> Found[str] | None:
    """The place a title ends on after a word that introduces it: "Post-doc at X Toulouse",
    "Developer in Lyon", "4 posts at a lab, Lens"; a role is not a place ("Officer")."""
    for source, title in (("heading", draft.title), ("front matter: title", _page_title(draft))):
        text = inline_text(title or "").rstrip(" .!)")
        places = places_in(text)
        if places and places[-1].end == len(text) and not looks_like_role(places[-1].name):
            before = text[: places[-1].start].split()[-2:]
            if any(_INTRODUCER.match(word) for word in before):
                return Found(places[-1].name, source)
    return None


def _page_title(draft: Draft) -> str | None:
    return plain(draft.page.front_matter.get("title"))


def _statement(texts: tuple[tuple[str, str], ...]) -> Found[str] | None:
    """The way of working the prose states, the most telling statement first: said to be
    hybrid, then wholly remote, then working from home as an option, then on site."""
    for mode, pattern in (
        ("hybrid", _HYBRID),
        ("remote", _REMOTE),
        ("hybrid", _HOME_WORKING),
        ("onsite", _ONSITE),
    ):
        for where, text in texts:
            if pattern.search(text):
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


def remote_of(draft: Draft, title: str, location: str | None) -> Found[str] | None:
    """Front matter, else what the opening's prose states, else a place line or badge that
    says "Remote", else what the page around the opening states."""
    if (front := _front_remote(draft)) is not False:
        return front if isinstance(front, Found) else None
    if re.search(r"\bremote\b", html_class(draft.text, "location") or "", re.IGNORECASE):
        return Found("remote", "page markup")
    if stated := _statement((("prose", f"{title}\n{draft.text}"),)):
        return stated
    lines = draft.text.split("\n")
    for number in _near_the_title(lines):
        place_line = _BADGE.search(lines[number]) or _place_line(lines, number)
        if place_line and _REMOTE_WORD.search(inline_text(lines[number])):
            return Found("remote", "place line")
    context = draft.hints.get("context", "")
    texts = [("page prose", context)]
    if len(draft.page.body) > len(draft.text) + len(context) + _ELSEWHERE_ON_THE_PAGE:
        texts.append(("page", draft.page.body))
    return _statement(tuple(texts))
