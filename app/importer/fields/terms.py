"""The terms of the job: the kind of employment and the pay."""

import re

from app.importer.fields.common import Found, front_text, plain
from app.importer.markdown import cued, html_class, inline_text
from app.importer.segment import Draft

_TERM = r"(?:contract|position|post|appointment)"
_EMPLOYMENT_TYPES = [
    (
        "internship",
        cued(
            r"\b(?:internship|praktikum|stage\s+(?:de\s+)?m2|stagiaire)\b|^stage\b",
            "internship",
            "praktikum",
            "stage",
            "stagiaire",
        ),
    ),
    (
        "contract",
        cued(
            r"\b(?:freelance|freelancer|contractor|consultancy contract|on a contract basis)\b",
            "freelance",
            "contract",
        ),
    ),
    (
        "temporary",
        cued(
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
        cued(
            r"(?<!\d )\b(?:part[- ]time|teilzeit|temps partiel|mi-temps)\b",
            "part",
            "teilzeit",
            "mi-temps",
        ),
    ),
    (
        "full-time",
        cued(
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


def employment_type_of(draft: Draft, title: str) -> Found[str] | None:
    """A front-matter type, else the first kind of work the text names."""
    front = front_text(draft.page, "employment_type")
    if front and front.value.lower() in _FRONT_TYPES:
        return Found(_FRONT_TYPES[front.value.lower()], front.source)
    page_title = plain(draft.page.front_matter.get("title")) or ""
    for where, text in (
        ("prose", f"{title}\n{page_title}\n{draft.text}"),
        ("page prose", draft.hints.get("context", "")),
    ):
        for kind, pattern in _EMPLOYMENT_TYPES:
            if pattern.search(text):
                return Found(kind, where)
    return None


_UNSTATED = re.compile(r"^(?:unknown|n/?a|tbd|tbc|not specified|none|-+)$", re.IGNORECASE)
_SALARY_LINE = cued(
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


def salary_of(draft: Draft) -> Found[str] | None:
    """A front-matter key, page markup, a "Salary:" line, an amount of money, a pay scale."""
    if front := front_text(draft.page, "salary"):
        return front
    text = draft.text
    marked = html_class(text, "salary") or html_class(text, "package")
    if marked and not _UNSTATED.match(marked):
        return Found(marked, "page markup")
    if labelled := _SALARY_LINE.search(text):
        value = inline_text(labelled.group("value"))
        if re.search(r"\d", value):
            return Found(value[:200], "prose: salary line")
    for raw_line in text.splitlines():
        if not _DIGIT.search(raw_line):
            continue  # no amount of money without a digit
        line = inline_text(raw_line)
        if money := _MONEY.search(line):
            bullet = re.match(r"^\s*[-*+]\s+", raw_line)
            found = line if bullet and len(line) <= 120 else money.group(0)
            return Found(found.strip(" .,;")[:200], "prose")
    if ("EG" in text or "Entgeltgruppe" in text) and (
        scale := _PAY_SCALE.search(inline_text(text))
    ):
        return Found(scale.group(0), "prose: pay scale")
    return None
