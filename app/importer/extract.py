"""Drafts to structured openings: each field from its own module, with where it came from.

The field rules are conservative: a field the advert does not state stays empty rather than
guessed, because a wrong deadline or address costs applicants more than a missing one.
"""

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import PurePosixPath
from typing import Any, TypeVar

from app.importer.fields.apply import apply_email_of, apply_url_of
from app.importer.fields.common import Found
from app.importer.fields.organisation import organisation_of
from app.importer.fields.place import location_of, remote_of
from app.importer.fields.terms import employment_type_of, salary_of
from app.importer.fields.title import title_of
from app.importer.fields.when import deadline_of, posted_of
from app.importer.markdown import anchor_of
from app.importer.segment import Draft

T = TypeVar("T")


@dataclass
class Opening:
    """One opening as extracted, in the field names of the labels and the dry-run output.

    `sources` says, for each field that has a value, where in the advert it came from.
    """

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
    sources: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        data = {name: getattr(self, name) for name in _OPENING_FIELDS}
        data["tags"] = list(self.tags)
        data["sources"] = dict(self.sources)
        for name in ("deadline", "posted"):
            data[name] = data[name].isoformat() if data[name] else None
        return data


# The field names, looked up once: `dataclasses.fields` on every call cost ten times the
# copying in `as_json`, which runs twice for each opening an import reads.
_OPENING_FIELDS = tuple(item.name for item in fields(Opening))


def _tags(front_matter: dict[str, Any]) -> list[str]:
    raw = front_matter.get("tags") or front_matter.get("categories") or []
    if isinstance(raw, str):
        raw = re.split(r"[,\s]+", raw)
    if not isinstance(raw, list):
        return []
    tags = {" ".join(str(tag).split()).lower().replace(" ", "-") for tag in raw if str(tag).strip()}
    return sorted(tag for tag in tags if len(tag) <= 50)[:30]


def extract(draft: Draft) -> Opening:
    """Every field of one opening, from its draft alone (`extract_page` reads a page)."""
    sources: dict[str, str] = {}

    def keep(name: str, found: Found[T] | None) -> T | None:
        if found is None:
            return None
        sources[name] = found.source
        return found.value

    title = keep("title", title_of(draft)) or ""
    location = keep("location", location_of(draft))
    posted = keep("posted", posted_of(draft))
    apply_email = keep("apply_email", apply_email_of(draft))
    anchor = draft.anchor or (anchor_of(title) if draft.title else None)
    name = PurePosixPath(draft.page.source).name
    opening = Opening(
        source=draft.page.source,
        title=title[:300],
        organisation=keep("organisation", organisation_of(draft)),
        location=location,
        remote=keep("remote", remote_of(draft, title, location)),
        deadline=keep("deadline", deadline_of(draft, posted)),
        posted=posted,
        apply_email=apply_email,
        apply_url=keep("apply_url", apply_url_of(draft, title, apply_email)),
        employment_type=keep("employment_type", employment_type_of(draft, title)),
        salary=keep("salary", salary_of(draft)),
        tags=_tags(draft.page.front_matter),
        description=draft.text,
        anchor=anchor,
        draft=draft.page.front_matter.get("draft") is True
        or draft.page.front_matter.get("published") is False,
        external_id=f"{name}#{anchor}" if anchor else name,
        sources=sources,
    )
    return opening


def _share_the_employer(openings: list[Opening]) -> None:
    """An opening whose own text names no employer has the one its siblings name in their
    prose, when they all name the same: a page of one lab's roles names the lab in one of
    them. A name a listing or a job board gives beside one role is that role's alone."""
    if len({opening.organisation for opening in openings if opening.organisation}) != 1:
        return
    teller = next(
        (
            opening
            for opening in openings
            if opening.organisation and opening.sources["organisation"].startswith("prose")
        ),
        None,
    )
    if teller is None:
        return
    for opening in openings:
        if opening.organisation is None:
            opening.organisation = teller.organisation
            opening.sources["organisation"] = f"another opening: {teller.title[:60]}"


def _fingerprint(opening: Opening) -> str:
    """What the posting says, hashed; it leaves out the source's spelling ("samples/x.md" or
    "./samples/x.md") and where fields came from, which says nothing about the posting."""
    content = {
        key: value for key, value in opening.as_json().items() if key not in ("source", "sources")
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def extract_page(drafts: Sequence[Draft]) -> list[Opening]:
    """Every opening of one page, each field read from its own draft first."""
    openings = [extract(draft) for draft in drafts]
    _share_the_employer(openings)
    for opening in openings:
        opening.content_hash = _fingerprint(opening)
    return openings
