"""What applicants and reviewers send and receive."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
)
from pydantic.config import JsonDict

from app.applications.models import ApplicationStatus
from app.core.inputs import InputModel

MAX_COVER_LETTER = 10_000
MAX_ANSWER = 5_000

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 ()./-]{4,38}$")
]
Link = Annotated[HttpUrl, Field(max_length=1000)]


class ApplicationCreate(InputModel):
    """An application as the applicant sends it (the CV, if any, comes as a multipart file)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Ada Lovelace",
                    "email": "ada@example.org",
                    "cover_letter": "I would like to *build* this with you.",
                    "links": ["https://example.org/ada"],
                    "consent": True,
                }
            ]
        },
    )

    name: Name
    email: Annotated[EmailStr, Field(max_length=320)]
    phone: Phone | None = Field(default=None, description='E.g. "+44 20 7946 0958".')
    cover_letter: str = Field(default="", max_length=MAX_COVER_LETTER, description="Markdown.")
    links: list[Link] = Field(
        default_factory=list, max_length=10, description="Portfolio, code, publications."
    )
    consent: bool = Field(
        description="Must be true: the applicant agrees to the posting's privacy notice."
    )
    answers: dict[str, Any] = Field(
        default_factory=dict, description="Answers to the posting's questions, by question id."
    )

    @field_validator("consent")
    @classmethod
    def _consent_given(cls, consent: bool) -> bool:
        if not consent:
            raise ValueError(
                "must be true: an application can only be processed with the applicant's consent"
            )
        return consent


_ID = "2e213f0c-489a-498d-bb70-d0817b7cb810"
_AT = "2026-12-07T14:57:21.583880Z"
_SUMMARY_EXAMPLE: JsonDict = {
    "id": _ID,
    "posting_id": 1,
    "status": "submitted",
    "name": "Ada Lovelace",
    "email": "ada@example.org",
    "has_cv": True,
    "submitted_at": _AT,
    "updated_at": _AT,
    "erased_at": None,
    "duplicate_of": None,
}
_APPLICATION_EXAMPLE: JsonDict = {
    **_SUMMARY_EXAMPLE,
    "phone": "+44 20 7946 0958",
    "cover_letter": "I would like to *build* this with you.",
    "cover_letter_html": "<p>I would like to <em>build</em> this with you.</p>\n",
    "links": ["https://example.org/ada"],
    "answers": [
        {
            "question": "right-to-work",
            "prompt": "Do you have the right to work in Germany?",
            "answer": True,
        }
    ],
    "consent": {"given_at": _AT, "privacy_notice_version": "2026-01"},
    "cv": {
        "filename": "ada-lovelace.pdf",
        "content_type": "application/pdf",
        "size": 48213,
        "url": f"/v1/applications/{_ID}/cv",
    },
    "history": [{"status": "submitted", "previous_status": None, "at": _AT, "actor": "applicant"}],
}


class ApplicationReceipt(BaseModel):
    """What the applicant gets back: the only time the withdrawal token is shown."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": _ID,
                    "posting_id": 1,
                    "status": "submitted",
                    "submitted_at": _AT,
                    "withdrawal_token": "HTXz4doIxxQwcP2aNgCmYL9iQSMkSdWP",
                    "withdraw_url": f"/v1/applications/{_ID}/withdraw",
                }
            ]
        }
    )

    id: uuid.UUID
    posting_id: int
    status: ApplicationStatus
    submitted_at: datetime
    withdrawal_token: str = Field(
        description="Keep it: POST it to `withdraw_url` to withdraw the application."
    )
    withdraw_url: str


class Withdrawal(InputModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"token": "q4Yc1b0Fv3WmQ9l2T8pZ-xk7ND5sRJhe"}]},
    )

    token: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z0-9_=-]+$",
        description="The `withdrawal_token` of your receipt.",
    )


class WithdrawalRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"id": _ID, "status": "withdrawn"}]})

    id: uuid.UUID
    status: ApplicationStatus


class StatusChange(InputModel):
    """A reviewer's move along the workflow."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"status": "in_review"}]}
    )

    status: ApplicationStatus


class HistoryEntry(BaseModel):
    status: ApplicationStatus
    previous_status: ApplicationStatus | None
    at: datetime
    actor: str = Field(description='"applicant", "key:<prefix>" of the reviewer\'s key, or "cli".')


class Answer(BaseModel):
    question: str
    prompt: str = Field(description="The question as it was asked when the applicant answered.")
    answer: str | bool


class CVInfo(BaseModel):
    filename: str
    content_type: str
    size: int
    url: str


class Consent(BaseModel):
    given_at: datetime
    privacy_notice_version: str | None


class ApplicationSummary(BaseModel):
    """An application in a review list; personal fields are null once erased."""

    model_config = ConfigDict(json_schema_extra={"examples": [_SUMMARY_EXAMPLE]})

    id: uuid.UUID
    posting_id: int
    status: ApplicationStatus
    name: str | None
    email: str | None
    has_cv: bool
    submitted_at: datetime
    updated_at: datetime
    erased_at: datetime | None
    duplicate_of: uuid.UUID | None = Field(
        description="The first application from the same email address to this posting, when"
        " this one came later; applying again is never refused, so that no answer tells"
        " anyone whether an address has applied."
    )


class ApplicationRead(ApplicationSummary):
    """A whole application, with its status history."""

    model_config = ConfigDict(json_schema_extra={"examples": [_APPLICATION_EXAMPLE]})

    phone: str | None
    cover_letter: str | None
    cover_letter_html: str | None
    links: list[str] | None
    answers: list[Answer] | None
    consent: Consent
    cv: CVInfo | None
    history: list[HistoryEntry]


class ApplicationExport(ApplicationRead):
    """Everything held about the applicant, for a data-subject access request."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_APPLICATION_EXAMPLE,
                    "posting_title": "Research Software Engineer",
                    "organisation": "DataCite",
                    "cv_content_base64": "JVBERi0xLjcK",
                }
            ]
        }
    )

    posting_title: str
    organisation: str
    cv_content_base64: str | None
