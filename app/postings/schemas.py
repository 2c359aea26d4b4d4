"""What clients send and receive for postings."""

import enum
import re
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.config import JsonDict
from pydantic.networks import validate_email

from app.core.inputs import Day, InputModel
from app.organisations.schemas import OrganisationRef, Slug
from app.postings.models import EmploymentType, PostingStatus, RemoteMode, SalaryPeriod

MAX_TAGS = 30


# Ids are 32-bit INTEGER columns on PostgreSQL: a larger number names no posting, and the
# driver could not even send it.
PostingId = Annotated[int, Field(ge=1, le=2**31 - 1, description="The posting's id.")]


def normalise_tag(tag: str) -> str:
    """Tags compare case-insensitively, words joined by hyphens: "Open Source" -> "open-source"."""
    return re.sub(r"\s+", "-", tag.strip().lower())


def _normalise_tags(tags: list[str]) -> list[str]:
    normalised = list(dict.fromkeys(normalise_tag(tag) for tag in tags))
    if any(not tag or len(tag) > 50 for tag in normalised):
        raise ValueError("each tag must have 1 to 50 characters")
    return sorted(normalised)


Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Tags = Annotated[list[str], Field(max_length=MAX_TAGS), AfterValidator(_normalise_tags)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Amount = Annotated[float, Field(ge=0, lt=10**10)]
ApplyUrl = Annotated[HttpUrl, Field(max_length=1000)]


@lru_cache(maxsize=4096)
def _checked_email(address: str) -> str:
    """`EmailStr`'s check and normal form, remembered: the importer meets an organisation's
    address on each of its adverts, and the check costs five times the rest of a posting's
    validation."""
    return validate_email(address)[1]


ApplyEmail = Annotated[
    str, AfterValidator(_checked_email), WithJsonSchema({"type": "string", "format": "email"})
]

MAX_QUESTIONS = 20

# Fields a PATCH may leave out but may not set to null: they are required columns.
REQUIRED_ON_PATCH = ("title", "posted_on", "description", "status", "tags", "questions")


class QuestionKind(enum.StrEnum):
    text = "text"
    yes_no = "yes_no"
    choice = "choice"


QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Choice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Question(InputModel):
    """A question applicants answer; `id` is the key of its answer in an application."""

    model_config = ConfigDict(extra="forbid")

    id: QuestionId = Field(description='A short key, e.g. "work-permit".')
    prompt: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    kind: QuestionKind = QuestionKind.text
    required: bool = False
    choices: list[Choice] = Field(
        default_factory=list, max_length=50, description="The options of a `choice` question."
    )

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Self:
        if self.kind is QuestionKind.choice:
            if len(self.choices) < 2:
                raise ValueError("a choice question needs at least two choices")
            if len(set(self.choices)) != len(self.choices):
                raise ValueError("choices must differ from each other")
        elif self.choices:
            raise ValueError(f"only choice questions have choices, not {self.kind.value}")
        return self


def _unique_question_ids(questions: list[Question]) -> list[Question]:
    ids = [question.id for question in questions]
    if len(set(ids)) != len(ids):
        raise ValueError("each question needs its own id")
    return questions


Questions = Annotated[
    list[Question], Field(max_length=MAX_QUESTIONS), AfterValidator(_unique_question_ids)
]


class PostingFields(InputModel):
    """The writable fields every posting has, each optional (what PATCH accepts)."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    location: Text300 | None = Field(
        default=None, description='Free text as advertised, e.g. "North America or Western Europe".'
    )
    remote: RemoteMode | None = None
    employment_type: EmploymentType | None = None
    deadline: Day | None = Field(
        default=None,
        description="Last day to apply, in the organisation's timezone; null: open until filled.",
    )
    posted_on: Day | None = None
    description: str | None = Field(default=None, max_length=100_000, description="Markdown.")
    apply_url: ApplyUrl | None = None
    apply_email: ApplyEmail | None = None
    salary: Text300 | None = Field(default=None, description='As advertised, e.g. "£40k-£50k".')
    salary_min: Amount | None = None
    salary_max: Amount | None = None
    salary_currency: Currency | None = Field(default=None, description="ISO 4217, e.g. EUR.")
    salary_period: SalaryPeriod | None = None
    tags: Tags | None = None
    status: PostingStatus | None = None
    external_id: Text300 | None = Field(
        default=None, description="Your own id for this posting; unique per organisation."
    )
    source_url: ApplyUrl | None = None
    questions: Questions | None = Field(default=None, description="Asked of every applicant.")
    privacy_notice_url: ApplyUrl | None = Field(
        default=None, description="How applicants' data is handled; they consent to it."
    )
    privacy_notice_version: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)] | None
    ) = Field(default=None, description="Recorded with each application's consent, e.g. 2026-09.")

    @model_validator(mode="after")
    def _salary_range_in_order(self) -> Self:
        if (
            self.salary_min is not None
            and self.salary_max is not None
            and self.salary_min > self.salary_max
        ):
            raise ValueError("salary_min must not be greater than salary_max")
        return self


class PostingCreate(PostingFields):
    """A new posting. `organisation` may be left out when the key belongs to one."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "organisation": "datacite",
                    "title": "Research Software Engineer",
                    "location": "Berlin or remote within Germany",
                    "remote": "hybrid",
                    "employment_type": "full-time",
                    "deadline": "2027-03-01",
                    "apply_url": "https://datacite.org/jobs/rse",
                    "description": "Build the **PID** graph with us.",
                    "tags": ["python", "open-source"],
                }
            ]
        }
    )

    organisation: Slug | None = Field(default=None, description="The organisation's slug.")
    title: Title
    description: str = Field(default="", max_length=100_000, description="Markdown.")
    status: PostingStatus = PostingStatus.open
    tags: Tags = Field(default_factory=list)
    questions: Questions = Field(default_factory=list, description="Asked of every applicant.")


class PostingReplace(PostingFields):
    """A whole posting for `PUT`: what is left out is reset, but `posted_on` keeps the day
    the posting was first published. The external id and organisation come from the URL."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"title": "Data Steward", "location": "Lisbon", "deadline": "2027-04-30"}]
        }
    )

    title: Title
    description: str = Field(default="", max_length=100_000, description="Markdown.")
    status: PostingStatus = PostingStatus.open
    tags: Tags = Field(default_factory=list)
    questions: Questions = Field(default_factory=list, description="Asked of every applicant.")


class PostingUpdate(PostingFields):
    """Fields to change; those left out stay as they are, and null clears an optional one."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"deadline": "2027-03-15", "status": "closed"}]}
    )

    @field_validator(*REQUIRED_ON_PATCH)
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("may not be null; leave the field out to keep its value")
        return value


_SUMMARY_EXAMPLE: JsonDict = {
    "id": 1,
    "organisation": {"slug": "datacite", "name": "DataCite"},
    "title": "Research Software Engineer",
    "location": "Berlin or remote within Germany",
    "remote": "hybrid",
    "employment_type": "full-time",
    "deadline": "2027-03-01",
    "closes_at": "2027-03-01T23:00:00Z",
    "posted_on": "2026-12-07",
    "apply_url": "https://datacite.org/jobs/rse",
    "apply_email": None,
    "salary": "€60,000–€72,000 a year",
    "salary_min": 60000,
    "salary_max": 72000,
    "salary_currency": "EUR",
    "salary_period": "year",
    "tags": ["open-source", "python"],
    "status": "open",
    "external_id": "rse-2027",
    "source_url": "https://datacite.org/jobs/",
    "created_at": "2026-12-07T14:57:14.103908Z",
    "updated_at": "2026-12-07T14:57:14.103908Z",
}
POSTING_EXAMPLE: JsonDict = {
    **_SUMMARY_EXAMPLE,
    "description": "Build the **PID** graph with us.",
    "description_html": "<p>Build the <strong>PID</strong> graph with us.</p>\n",
    "questions": [
        {
            "id": "right-to-work",
            "prompt": "Do you have the right to work in Germany?",
            "kind": "yes_no",
            "required": True,
            "choices": [],
        }
    ],
    "privacy_notice_url": "https://datacite.org/privacy/",
    "privacy_notice_version": "2026-01",
}


class PostingSummary(BaseModel):
    """A posting as lists show it: the description only with `include=description`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SUMMARY_EXAMPLE]})

    id: int
    organisation: OrganisationRef
    title: str
    location: str | None
    remote: RemoteMode | None
    employment_type: EmploymentType | None
    deadline: date | None
    closes_at: datetime | None = Field(
        description="When applications close: the end of the deadline day, in UTC."
    )
    posted_on: date
    apply_url: str | None
    apply_email: str | None
    salary: str | None
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: SalaryPeriod | None
    tags: list[str]
    status: PostingStatus
    external_id: str | None
    source_url: str | None
    created_at: datetime
    updated_at: datetime
    description: str | None = Field(default=None, description="Only with `include=description`.")
    description_html: str | None = Field(
        default=None, description="Only with `include=description`."
    )


class PostingRead(PostingSummary):
    """A whole posting: description, its sanitised HTML, and what applicants are asked."""

    model_config = ConfigDict(json_schema_extra={"examples": [POSTING_EXAMPLE]})

    description: str
    description_html: str
    questions: list[Question]
    privacy_notice_url: str | None
    privacy_notice_version: str | None
