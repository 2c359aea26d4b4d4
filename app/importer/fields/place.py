"""Where the job is, as the advert writes it, and whether it is remote, hybrid or on site."""

import re

from app.importer.fields.common import Found, front_text, front_values
from app.importer.fields.organisation import institution_and_place
from app.importer.markdown import Cued, cued, html_class, inline_text
from app.importer.segment import Draft

# Each pattern with the words it cannot match without (see `Cued`).
_LOCATION_PATTERNS = [
    Cued(
        re.compile(
            r"(?:^|[.!?]\s+)\W*(?:location|standort|arbeitsort|dienstort|lieu(?: de travail)?|ort)"
            r"\s*[:：]\s*(?P<place>[^\n]+)",
            re.I | re.M,
        ),
        ("location", "ort", "lieu"),
    ),
    Cued(
        re.compile(r"\blocation\s+(?:is\s+)?(?:anywhere\s+)?in\s+(?P<place>[^.;\n]+)", re.I),
        ("location",),
    ),
    Cued(
        re.compile(
            r"\bremote\s+work\W+(?:is\s+possible\s+)?(?:from|in)\s+(?P<place>[^.;)\n]+)", re.I
        ),
        ("remote",),
    ),
    Cued(
        re.compile(
            r"\bapplications?\s+(?:are\s+)?(?:welcome\s+|accepted\s+)?from\s+(?P<place>[^.;\n]+?)"
            r"\s+(?:are\s+)?(?:considered|welcome)",
            re.I,
        ),
        ("application",),
    ),
    Cued(
        re.compile(
            r"\b(?:candidate|you|applicants?|person|position|role|post)\s+"
            r"(?:is|are|will be|should be|must be)\s+"
            r"based\s+in\s+(?:the\s+)?(?P<place>[^.;,\n]+)",
            re.I,
        ),
        ("based",),
    ),
    # "based in" about the job, not about the organisation ("X is based in Y").
    Cued(
        re.compile(
            r"(?<!\bis )(?<!\bare )\b(?i:based)\s+(?:anywhere\s+)?in\s+(?:the\s+)?"
            r"(?P<place>[A-Z][^.;\n]+?)(?=,\s+(?:with|and|where|but|or|to)\b|[.;:\n]|$)",
            re.M,
        ),
        ("based",),
    ),
]
_REMOTE = cued(
    r"\b(?:remote (?:position|role|job|work is possible|first|friendly)|fully remote|100% remote|"
    r"remote-first|(?:position|role|job) is (?:fully )?remote|suited for remote work|"
    r"remote work \W*(?:is possible|from)|(?:team|staff) of remote|télétravail complet)\b|"
    r"\(remote\)",
    "remote",
    "télétravail",
)
_HYBRID = cued(
    r"\b(?:hybrid|mobiles? arbeiten|home-?office|homeoffice|télétravail partiel)\b",
    "hybrid",
    "mobile",
    "office",
    "télétravail",
)
_ONSITE = cued(r"\b(?:on-?site|in-office|in office only)\b", "site", "office")
_NOWHERE = re.compile(r"^(?:remote|anywhere|worldwide|global|online)\.?$", re.IGNORECASE)


def location_of(draft: Draft) -> Found[str] | None:
    """Front matter, a listing line or page markup, else what the prose says about place."""
    if place := institution_and_place(draft)[1]:
        return None if _NOWHERE.match(place) else Found(place, "front matter: location")
    if front := front_text(draft.page, "location"):
        return None if _NOWHERE.match(front.value) else front
    if listed := draft.hints.get("listed"):
        before_date = re.split(
            r"\s+[-–]\s+|\.?\s+(?:closes|closing|deadline)\b", listed, flags=re.I
        )[0]
        parts = [part.strip() for part in before_date.split(",")]
        return Found(", ".join(parts[1:]), "listing line") if parts[1:] else None
    if place := html_class(draft.text, "location"):
        return None if _NOWHERE.match(place) else Found(place, "page markup")
    for where, text in (("prose", draft.text), ("page prose", draft.hints.get("context", ""))):
        prose = "\n".join(inline_text(line) for line in text.splitlines())
        for pattern in _LOCATION_PATTERNS:
            if match := pattern.search(prose):
                place = re.sub(
                    r"^(?:(?:somewhere|anywhere)\s+in\s+|the\s+)",
                    "",
                    match.group("place").strip(" .*()"),
                    flags=re.I,
                )
                line = prose.count("\n", 0, match.start("place")) + 1
                return Found(place[:200], f"{where}: line {line}") if place else None
    return None


def remote_of(draft: Draft, title: str, location: str | None) -> Found[str] | None:
    """Front matter, else the prose of the opening, else of the page around it."""
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
    if re.search(r"\bremote\b", html_class(draft.text, "location") or "", re.IGNORECASE):
        return Found("remote", "page markup")
    for where, text in (
        ("prose", f"{title}\n{location or ''}\n{draft.text}"),
        ("page prose", draft.hints.get("context", "")),
    ):
        for mode, pattern in (("hybrid", _HYBRID), ("remote", _REMOTE), ("onsite", _ONSITE)):
            if pattern.search(text):
                return Found(mode, where)
    return None
