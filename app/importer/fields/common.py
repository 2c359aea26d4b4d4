"""What every field's rules share: the found value with its source, and front matter read
through one table of the keys sites use for each field."""

from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from typing import Any, Generic, TypeVar

from app.importer.read import Page

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A field's value and where in the advert it came from ("front matter: company",
    "prose", "heading"), so that a person checking an import can see why."""

    value: T
    source: str


# Every front-matter key that holds a field, in order of preference. Keys are compared in lower
# case (see `read._plain`).
FRONT_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "organisation": (
        "company", "organisation", "organization", "employer", "hiring_organization",
        "hiringorganization", "institution",
    ),
    "location": ("place", "city", "joblocation"),
    "remote": ("remote", "remote_mode", "workplace"),
    "posted": ("date", "publishdate", "pubdate", "published", "posted", "date_posted"),
    "deadline": (
        "expirydate", "expires", "expiry_date", "expiry", "closing_date", "closingdate",
        "deadline", "closes", "apply_by", "validthrough", "valid_through",
    ),
    "apply_email": ("apply_email", "application_email", "email"),
    "apply_url": (
        "apply", "apply_url", "applyurl", "application_url", "how_to_apply", "external_url",
        "source_url",
    ),
    "employment_type": ("employment_type", "employmenttype", "job_type", "jobtype", "type"),
    "salary": ("salary", "compensation", "pay"),
}  # fmt: skip


def front_values(page: Page, field: str) -> Iterator[tuple[str, Any]]:
    """(key, value) of each front-matter key that holds `field`, in order of preference."""
    for key in FRONT_KEYS[field]:
        if key in page.front_matter:
            yield key, page.front_matter[key]


def plain(value: Any) -> str | None:
    """A front-matter value as one line of text; lists are joined, mappings are not text."""
    if isinstance(value, list):
        value = ", ".join(str(item) for item in value)
    if value is None or isinstance(value, dict | bool):
        return None
    text = " ".join(unescape(str(value)).split())
    return text or None


def front_text(page: Page, field: str) -> Found[str] | None:
    """The first front-matter key for `field` whose value is text."""
    for key, value in front_values(page, field):
        if text := plain(value):
            return Found(text, f"front matter: {key}")
    return None
