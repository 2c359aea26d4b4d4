"""A posting as a schema.org JobPosting in JSON-LD, following Google's rules for job listings."""

import re
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from app.postings.models import EmploymentType, RemoteMode
from app.postings.schemas import PostingRead

JSON_LD = "application/ld+json"

_EMPLOYMENT_TYPES = {
    EmploymentType.full_time: "FULL_TIME",
    EmploymentType.part_time: "PART_TIME",
    EmploymentType.contract: "CONTRACTOR",
    EmploymentType.internship: "INTERN",
    EmploymentType.temporary: "TEMPORARY",
}
_PLACE_SEPARATORS = re.compile(r",|;|/|\bor\b|\band\b|\bplus\b", re.IGNORECASE)


def _places(location: str) -> list[str]:
    """ "North America or Western Europe" -> ["North America", "Western Europe"]."""
    return [part.strip() for part in _PLACE_SEPARATORS.split(location) if part.strip()]


class Employer(Protocol):
    """What the JobPosting says of the organisation: an `Organisation` row, or its columns."""

    @property
    def name(self) -> str: ...
    @property
    def website(self) -> str | None: ...
    @property
    def timezone(self) -> str: ...


def job_posting(posting: PostingRead, organisation: Employer, page_url: str) -> dict[str, Any]:
    """The JobPosting: required and recommended properties, only those the posting states;
    its `url` is the posting's page, which people land on from a search."""
    document: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description_html,
        "datePosted": posting.posted_on.isoformat(),
        "hiringOrganization": {"@type": "Organization", "name": organisation.name},
        "identifier": {
            "@type": "PropertyValue",
            "name": organisation.name,
            "value": str(posting.id),
        },
        "url": page_url,
        # Applying through Openings' own endpoint is direct; an apply_url sends people away.
        "directApply": posting.apply_url is None,
    }
    if organisation.website:
        document["hiringOrganization"]["sameAs"] = organisation.website
    if posting.closes_at is not None:
        # The end of the deadline day, as the organisation's clock shows it.
        local = posting.closes_at.astimezone(ZoneInfo(organisation.timezone))
        document["validThrough"] = local.isoformat()
    if posting.employment_type is not None:
        document["employmentType"] = _EMPLOYMENT_TYPES[posting.employment_type]
    places = _places(posting.location) if posting.location else []
    if posting.remote is RemoteMode.remote:
        document["jobLocationType"] = "TELECOMMUTE"
        if places:
            document["applicantLocationRequirements"] = [
                {"@type": "AdministrativeArea", "name": place} for place in places
            ]
    elif posting.location:
        document["jobLocation"] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "addressLocality": posting.location},
        }
    if posting.salary_currency and (posting.salary_min is not None or posting.salary_max):
        value: dict[str, Any] = {"@type": "QuantitativeValue"}
        if posting.salary_min is not None:
            value["minValue"] = posting.salary_min
        if posting.salary_max is not None:
            value["maxValue"] = posting.salary_max
        if posting.salary_period is not None:
            value["unitText"] = posting.salary_period.value.upper()
        document["baseSalary"] = {
            "@type": "MonetaryAmount",
            "currency": posting.salary_currency,
            "value": value,
        }
    return document
