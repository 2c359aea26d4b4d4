"""The terms of the job: the kind of employment and the pay.

Both read statements about this job, not stray words: "contractors" in a list of the team, a
"part-time possible" aside or a budget amount say nothing about the opening's own terms.
"""

import re
from collections.abc import Iterable, Iterator

from app.importer.fields.common import Found, front_values, plain
from app.importer.languages import LANGUAGES, alternatives, phrases_of
from app.importer.markdown import html_class, inline_text, sentences
from app.importer.segment import Draft

KINDS = ("internship", "contract", "part-time", "temporary", "full-time")

# Parts of a phrase that need not occur as written: escapes, classes, groups, optional letters.
_NOT_LITERAL = re.compile(r"\\.|\[[^\]]*\][?*+]?|\([^()]*\)[?*+]?|[^()\\][?*]|\{\d*,?\d*\}")


def _required_word(phrase: str) -> str | None:
    """The longest run of plain letters every match of the phrase contains, if any."""
    rest = phrase
    while (stripped := _NOT_LITERAL.sub("\0", rest)) != rest:
        rest = stripped
    if "|" in rest:
        return None
    runs = [run.strip() for run in re.split(r"[\0^$.+*?{}]", rest)]
    longest = max(runs, key=len, default="")
    return longest if len(longest) >= 3 else None


def _groups(phrase: str) -> Iterator[str]:
    """The groups of a phrase that every match goes through, outermost only, without their
    `(?:` or `(?P<name>`: not optional ones, lookarounds or groups with flags of their own."""
    depth, start, index = 0, 0, 0
    while index < len(phrase):
        character = phrase[index]
        if character == "\\":
            index += 1
        elif character == "[":
            index = phrase.index(
                "]", index + 2 if phrase[index + 1 : index + 2] == "]" else index + 1
            )
        elif character == "(":
            depth += 1
            start = index if depth == 1 else start
        elif character == ")":
            depth -= 1
            optional = phrase[index + 1 : index + 2] in ("?", "*", "{")
            opening = phrase[start : start + 3]
            if depth == 0 and not optional and (opening == "(?:" or not opening.startswith("(?")):
                yield phrase[start + 3 if opening == "(?:" else start + 1 : index]
            elif depth == 0 and not optional and opening == "(?P":
                yield phrase[phrase.index(">", start) + 1 : index]
        index += 1


def _alternatives(group: str) -> list[str]:
    """The alternatives of a group's content, split at its own `|` only."""
    parts, depth, start, index = [], 0, 0, 0
    while index < len(group):
        character = group[index]
        if character == "\\":
            index += 1
        elif character == "[":
            index = group.index(
                "]", index + 2 if group[index + 1 : index + 2] == "]" else index + 1
            )
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            parts.append(group[start:index])
            start = index + 1
        index += 1
    return [*parts, group[start:]]


def _required_words(phrase: str) -> tuple[str, ...] | None:
    """Words of which every match of the phrase holds one: its own plain word, or the words
    of a choice it cannot do without ("(?:as an?|hire an?) (?:freelancer|contractor)"), of
    the choices the one whose shortest word is longest, as the rarest."""
    if word := _required_word(phrase):
        return (word,)
    found = []
    for group in _groups(phrase):
        choices = [_required_words(alternative) for alternative in _alternatives(group)]
        if all(choices):
            found.append(tuple(word for words in choices if words for word in words))
    return max(found, key=lambda words: min(map(len, words)), default=None)


class _Phrases:
    """Phrases of every language, found in lower-cased text.

    One pattern per phrase, tried only when the text holds the phrase's plain word, or one of
    the words it must hold one of: an alternation of a hundred phrases, case-blind and behind
    a word boundary, scans a page some hundred times slower than a test for a word and a
    pattern that starts with letters.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._entries = [
            (_required_words(phrase), re.compile(rf"(?:{phrase})\b", re.MULTILINE))
            for phrase in sorted(set(phrases))
        ]

    def spans(self, lowered: str) -> list[tuple[int, int]]:
        """(start, end) of every phrase that starts a word, in order."""
        found = set()
        for words, pattern in self._entries:
            if words is not None and not (
                words[0] in lowered if len(words) == 1 else any(word in lowered for word in words)
            ):
                continue
            for match in pattern.finditer(lowered):
                start = match.start()
                if start and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
                    continue
                found.add((start, match.end()))
        return sorted(found)


def _words(name: str) -> str:
    return rf"\b(?:{alternatives(name)})\b"


def _vocabulary(name: str) -> _Phrases:
    return _Phrases(phrases_of(name))


_KIND_PHRASES = {
    kind: _Phrases(phrase for words in LANGUAGES for phrase in words.employment_types.get(kind, ()))
    for kind in KINDS
}
_OPTION = re.compile(_words("option_cues"), re.IGNORECASE)
_FIXED_PERIOD = _vocabulary("fixed_periods")
_PERMANENT = _vocabulary("permanent_terms")
_TRIAL = re.compile(_words("trial_periods"), re.IGNORECASE)
_WEEKLY_HOURS = re.compile(
    rf"(\d+(?:[.,]\d+)?)(?:\s?(?:[-–—]|to|bis|à|a)\s?(\d+(?:[.,]\d+)?))?\s?"
    rf"(?:{alternatives('weekly_hours')})\b"
)
_DIGIT = re.compile(r"\d")
_STAFF_COUNT = re.compile(r"\d ")
# Where the phrase a kind's words stand in ends: "Vollzeit, Beginn nach Absprache" says
# nothing optional of the full time.
_PHRASE_END = re.compile(r"[.,;!?\n]")
# "full-time or part-time", "Vollzeit oder Teilzeit": either kind, so neither decides.
_EITHER_GAP = re.compile(r"^[\W_]*(?:\w{1,4}[\W_]+)?$")
# Front-matter values that are a bare word for a kind ("Contract", "Intern", "Permanent").
_FRONT_WORDS = {
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "freelancer": "contract", "intern": "internship", "temporary": "temporary",
    "temp": "temporary", "permanent": "full-time",
}  # fmt: skip


def _clause_around(text: str, start: int, end: int) -> str:
    """The words near a match within its phrase: an option cue there makes it an aside."""
    before = text[max(0, start - 40) : start]
    after = text[end : end + 40]
    before = _PHRASE_END.split(before)[-1]
    after = _PHRASE_END.split(after)[0]
    return f"{before} {after}"


def _stated(lowered: str) -> tuple[set[str], bool]:
    """The kinds the text states as the job's terms, and whether it offers full or part time.

    A staff count ("9 full-time employees") and an aside ("part-time possible") state
    nothing about the job."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for kind, kind_phrases in _KIND_PHRASES.items():
        spans[kind] = [
            (start, end)
            for start, end in kind_phrases.spans(lowered)
            if not _STAFF_COUNT.fullmatch(lowered[max(0, start - 2) : start])
            and not _OPTION.search(_clause_around(lowered, start, end))
        ]
    either = False
    for full in list(spans["full-time"]):
        for part in list(spans["part-time"]):
            first, second = sorted((full, part))
            gap = lowered[first[1] : second[0]]
            if len(gap) <= 12 and _EITHER_GAP.match(gap):
                either = True
                spans["full-time"] = [span for span in spans["full-time"] if span != full]
                spans["part-time"] = [span for span in spans["part-time"] if span != part]
    return {kind for kind, found in spans.items() if found}, either


def _hours_kind(text: str) -> str | None:
    """Full-time for 35 or more hours a week, part-time for 32 or fewer; none for a span across
    both, or statements that disagree ("40 hours, or 30 pro rata")."""
    if not _DIGIT.search(text):
        return None
    kinds = set()
    for match in _WEEKLY_HOURS.finditer(text):
        low = float(match.group(1).replace(",", "."))
        high = float((match.group(2) or match.group(1)).replace(",", "."))
        kinds.add("full-time" if low >= 35 else "part-time" if high <= 32 else "either")
    return kinds.pop() if len(kinds) == 1 and "either" not in kinds else None


def _kind_of(text: str, shared: bool = False) -> str | None:
    """The kind a text gives the job: a stated kind (an internship or contract first, then
    part-time, a fixed term, full-time), else the weekly hours, a limited period, a
    permanent contract or an offer of full or part time. Text several openings share decides
    only when it names one kind."""
    lowered = text.lower()
    kinds, either = _stated(lowered)
    if shared and len(kinds) > 1:
        return None
    for kind in KINDS:
        if kind in kinds:
            return kind
    if hours := _hours_kind(lowered):
        return hours
    if any(
        not _TRIAL.search(_clause_around(lowered, start, end))
        for start, end in _FIXED_PERIOD.spans(lowered)
    ):
        return "temporary"
    if either or _PERMANENT.spans(lowered):
        return "full-time"
    return None


def _front_kind(value: object) -> str | None:
    """A front-matter value read as a kind: "Full Time", ["Part-time"], "CDI", "Contract",
    and the schema.org spellings ("FULL_TIME", "CONTRACTOR")."""
    text = plain(value)
    if not text or len(text) > 200:
        return None
    text = text.replace("_", " ")
    if bare := _FRONT_WORDS.get(text.lower().strip(" .")):
        return bare
    return _kind_of(text)


def employment_type_of(draft: Draft, title: str) -> Found[str] | None:
    """A front-matter key that names a kind, else the kind the opening's text states, else
    the kind the page's shared text states."""
    for key, value in front_values(draft.page, "employment_type"):
        if kind := _front_kind(value):
            return Found(kind, f"front matter: {key}")
    page_title = plain(draft.page.front_matter.get("title")) or ""
    if kind := _kind_of(f"{title}\n{page_title}\n{draft.text}"):
        return Found(kind, "prose")
    if kind := _kind_of(draft.hints.get("context", ""), shared=True):
        return Found(kind, "page prose")
    return None


# Pay. An amount is a currency and a number in either order ("€45.000", "45.000 €",
# "30-45$/hour", "65k-95k USD"), then what the amount is per ("/hour", "brutto", "pro rata").
# A dollar sign may carry its country's letters: "US$", "CA$", "A$", "R$" (the real).
_DOLLAR = r"(?:US|CA|AU|NZ|HK|SG|[RACS])?\$"
_CURRENCY = rf"(?:{_DOLLAR}|[£€¥]|(?:EUR|GBP|USD|CHF|BRL|CAD|AUD)\b)"
_CURRENCY_AFTER = rf"(?:{_DOLLAR}|[£€]|(?:EUR|GBP|USD|CHF|BRL|CAD|AUD|euros?|dollars?|pounds?)\b)"
_NUMBER = r"\d{1,3}(?:[.,' ]\d{3})+(?:[.,]\d{1,2})?(?:\.-)?|\d+(?:[.,]\d{1,2})?(?:\.-)?"
_THOUSANDS = r"(?:\s?[kK]\b)?"
_AMOUNT = (
    rf"(?:{_CURRENCY}\s?(?:{_CURRENCY}\s?)?(?:{_NUMBER}){_THOUSANDS}(?:\s?{_CURRENCY_AFTER})?"
    rf"|(?:{_NUMBER}){_THOUSANDS}\s?{_CURRENCY_AFTER})"
)
_BARE = rf"(?:{_NUMBER}){_THOUSANDS}"
# Between two amounts: one or two joining words ("to", "- up to", "bis zu").
_RANGE_WORD = rf"(?:{alternatives('pay_range_words')})"
_JOIN = rf"\s?{_RANGE_WORD}(?:\s{_RANGE_WORD})?\s?"
_PERIOD = rf"(?:\s?,?\s?(?:{alternatives('pay_periods')}))"
_LEAD = rf"(?:(?:{alternatives('pay_leads')})\s)?"
_MONEY = re.compile(
    rf"{_LEAD}(?:{_BARE}{_JOIN})?{_AMOUNT}(?:{_JOIN}(?:{_AMOUNT}|{_BARE}(?![\d.,])))?(?P<period>{_PERIOD}*)"
    rf"(?:\s?\((?:{_AMOUNT}{_JOIN}{_AMOUNT}|[^()]{{0,30}}\d[^()]{{0,10}})\))?",
    re.IGNORECASE,
)
# Case-sensitive, so that the scan starts from a set of letters rather than testing each
# position: currency codes are written in capitals.
_CURRENCY_SIGN = re.compile(r"[£$€¥]|(?:EUR|GBP|USD|CHF|BRL|CAD|AUD|[Ee]uros?)\b")
_PAY_CUE = re.compile(rf"\b(?:{alternatives('salary_labels')})\b|💰", re.IGNORECASE)
_TRAP = re.compile(_words("pay_traps"), re.IGNORECASE)
_LABELLED = re.compile(
    rf"^[\W_]*(?:{alternatives('salary_labels')})(?:\s(?:range|band))?\s?[:：|]+\s?(?P<value>.+)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_UNSTATED = re.compile(r"^(?:unknown|n/?a|tbd|tbc|not specified|none|-+)$", re.IGNORECASE)
# A pay scale names its own scale; a bare grade needs a sentence about pay.
# A pay scale names itself ("Entgeltgruppe 13 TV-L"); a bare grade needs a sentence about pay.
# Either may end in the collective agreement's acronym.
_AGREEMENT = r"(?:\s(?:[A-Z][A-Za-zö]*-?[A-Z]\w*(?:\sBund)?|\([A-Z][\w. -]{1,30}\)))?"
# "bis Entgeltgruppe 13": a joining word of a range that is a word reads "up to".
_UP_TO = "|".join(word for word in phrases_of("pay_range_words") if word.isalpha())
# "Salary scale 10 or 11", "E13 bis E14": a scale may give two grades.
_OTHER_GRADE = rf"(?:\s(?:{_UP_TO}|or|oder|ou|o|of)\s\d+[a-z]?\b)?"
_PAY_SCALE = re.compile(
    rf"(?i:\b(?:(?:{_UP_TO})\s)?(?:{alternatives('pay_scales')}))\s?E?\s?\d+[a-z]?\b"
    rf"{_OTHER_GRADE}{_AGREEMENT}"
)
_SCALE_WORDS = _Phrases(
    phrase for words in LANGUAGES for phrase in (*words.pay_scales, *words.pay_grades)
)
_GRADE = re.compile(rf"\b(?:{alternatives('pay_grades')})\s?\d+[a-z]?\b", re.IGNORECASE)


def _nearest_is_pay(sentence: str, at: int) -> bool:
    """Whether the pay word nearest the amount is nearer than any word of a budget or fee."""
    cues = [abs(match.start() - at) for match in _PAY_CUE.finditer(sentence)]
    traps = [abs(match.start() - at) for match in _TRAP.finditer(sentence)]
    return bool(cues) and (not traps or min(cues) < min(traps))


# A range in thousands with no currency ("70k-130k"): pay only right after a pay word.
_THOUSANDS_RANGE = re.compile(rf"\b\d{{2,3}}\s?[kK]{_JOIN}\d{{2,3}}\s?[kK]\b")
# An amount per period with no currency ("Startgehalt 16,50/Std"): pay only after a pay word.
_PER_PERIOD = re.compile(rf"\b(?:{_NUMBER})(?:{_JOIN}(?:{_NUMBER}))?{_PERIOD}", re.IGNORECASE)
_PAY_WORD_REACH = 40


def _money_in(sentence: str) -> str | None:
    """The first amount of pay in a sentence: one a pay word introduces, or one stated per
    period ("$60k/year") that no budget or fee word is about; else a range in thousands
    just after a pay word ("salary ranges for each job 70k-130k")."""
    for money in _MONEY.finditer(sentence):
        if not _CURRENCY_SIGN.search(money.group(0)):
            continue
        cued = _nearest_is_pay(sentence, money.start())
        if cued or (money.group("period") and not _TRAP.search(sentence)):
            return money.group(0).strip(" .,;:")
    for bare in (*_THOUSANDS_RANGE.finditer(sentence), *_PER_PERIOD.finditer(sentence)):
        before = sentence[max(0, bare.start() - _PAY_WORD_REACH) : bare.start()]
        if _PAY_CUE.search(before) and not _TRAP.search(before):
            return bare.group(0)
    return None


def _labelled_salary(lines: Iterable[str]) -> Found[str] | None:
    """A "Salary: …" line (also bold, or a key-facts table row) that gives an amount or a
    pay scale; "Compensation: 401k matching" gives neither."""
    for raw_line in lines:
        if ":" not in raw_line and "|" not in raw_line:
            continue
        line = inline_text(raw_line).replace("|", " | ").strip()
        labelled = _LABELLED.match(line.strip("| "))
        if labelled is None:
            continue
        value = _SENTENCE_END.split(labelled.group("value"), maxsplit=1)[0].strip(" |.")
        if not _DIGIT.search(value):
            continue
        money = _money_in(f"salary {value}")
        if money or _PAY_SCALE.search(value) or _GRADE.search(value):
            return Found(value if len(value) <= 120 or not money else money, "prose: salary line")
    return None


_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")


def _under_pay_heading(lines: list[str]) -> Found[str] | None:
    """An amount that is the first line under a heading of pay ("## Compensation", then
    "US$70,000 - US$90,000"): the heading says what it is, as a label would."""
    for number, line in enumerate(lines[:-1]):
        heading = _HEADING.match(line.strip())
        if heading is None or not _PAY_CUE.search(heading.group(1)):
            continue
        first = inline_text(lines[number + 1]).strip(" -*")
        # The amount opens the line; what follows it is more pay ("+ equity"), not its value.
        money = _MONEY.match(first.strip(" .")) if _DIGIT.search(first) else None
        if money and _CURRENCY_SIGN.search(money.group(0)):
            return Found(money.group(0).strip(), "prose: under a pay heading")
    return None


def _front_salary(draft: Draft) -> Found[str] | None:
    for key, value in front_values(draft.page, "salary"):
        text = plain(value)
        if text and _DIGIT.search(text) and not _UNSTATED.match(text):
            return Found(text[:200], f"front matter: {key}")
    return None


def salary_of(draft: Draft) -> Found[str] | None:
    """A front-matter key, page markup, a "Salary:" line, an amount of pay in a sentence, a
    pay scale: in the opening's text, else in the text the page's openings share ("We
    typically pay $10 to $15 per hour" above the student jobs)."""
    if front := _front_salary(draft):
        return front
    marked = html_class(draft.text, "salary") or html_class(draft.text, "package")
    if marked and not _UNSTATED.match(marked):
        return Found(marked, "page markup")
    if found := _stated_pay(draft.text):
        return found
    shared = _stated_pay(draft.hints.get("context", ""))
    return Found(shared.value, f"page {shared.source}") if shared else None


def _stated_pay(text: str) -> Found[str] | None:
    if not _DIGIT.search(text):
        return None
    lines = [line for line in text.splitlines() if line.strip()]
    if labelled := _labelled_salary(lines) or _under_pay_heading(lines):
        return labelled
    figures = [sentence for sentence in sentences(text) if _DIGIT.search(sentence)]
    for sentence in figures:
        priced = (
            _CURRENCY_SIGN.search(sentence)
            or _THOUSANDS_RANGE.search(sentence)
            or _PER_PERIOD.search(sentence)
        )
        if priced and (money := _money_in(inline_text(sentence))):
            return Found(money[:200], "prose")
    if "EG" not in text and not _SCALE_WORDS.spans(text.lower()):
        return None  # one scan of the text is cheaper than one per sentence
    for sentence in figures:
        plain_sentence = inline_text(sentence)
        if scale := _PAY_SCALE.search(plain_sentence):
            return Found(scale.group(0), "prose: pay scale")
        if _PAY_CUE.search(plain_sentence) and (grade := _GRADE.search(plain_sentence)):
            return Found(grade.group(0), "prose: pay grade")
    return None
