"""Applications, their CV files and their status history."""

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, portable_enum, utcnow


class ApplicationStatus(enum.StrEnum):
    submitted = "submitted"
    in_review = "in_review"
    interview = "interview"
    offer = "offer"
    hired = "hired"
    rejected = "rejected"
    withdrawn = "withdrawn"


class Application(SQLModel, table=True):
    """One person's application to one posting.

    The personal fields are nullable because erasure clears them and keeps the record, so
    that counts and the status history stay true.
    """

    __table_args__ = (
        # A person may apply again: each later application links the first (`duplicate_of`).
        Index("ix_application_posting_id_email_normalised", "posting_id", "email_normalised"),
        UniqueConstraint("posting_id", "idempotency_key"),
        Index("ix_application_posting_id_submitted_at_id", "posting_id", "submitted_at", "id"),
        Index("ix_application_status_updated_at", "status", "updated_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    posting_id: int = Field(foreign_key="posting.id", ondelete="RESTRICT")
    status: ApplicationStatus = Field(
        default=ApplicationStatus.submitted,
        sa_column=Column(portable_enum(ApplicationStatus, "status"), nullable=False),
    )
    name: str | None = Field(default=None, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    email_normalised: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)
    cover_letter: str | None = Field(default=None, sa_type=Text)
    links: list[str] | None = Field(default=None, sa_column=Column(JSON))
    answers: list[dict[str, Any]] | None = Field(
        default=None,
        sa_column=Column(JSON),
        description="Each answer with the question as it was asked: {question, prompt, answer}.",
    )
    consented_at: datetime = Field(sa_type=UTCDateTime)
    privacy_notice_version: str | None = Field(default=None, max_length=50)
    duplicate_of: uuid.UUID | None = Field(
        default=None,
        foreign_key="application.id",
        ondelete="SET NULL",
        description="The first application from the same email address to the same posting.",
    )
    idempotency_key: str | None = Field(default=None, max_length=255)
    request_fingerprint: str | None = Field(
        default=None, max_length=64, description="Tells a retried request from a different one."
    )
    submitted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    erased_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ApplicationCV(SQLModel, table=True):
    """The CV uploaded with an application, kept in the database so every replica sees it."""

    __tablename__ = "application_cv"

    application_id: uuid.UUID = Field(
        foreign_key="application.id", primary_key=True, ondelete="CASCADE"
    )
    filename: str = Field(max_length=120)
    content_type: str = Field(max_length=100)
    size: int
    sha256: str = Field(max_length=64)
    content: bytes = Field(sa_type=LargeBinary)


class ApplicationEvent(SQLModel, table=True):
    """One status change: what it became, from what, when, and who moved it."""

    __tablename__ = "application_event"

    id: int | None = Field(default=None, primary_key=True)
    application_id: uuid.UUID = Field(foreign_key="application.id", ondelete="CASCADE", index=True)
    from_status: ApplicationStatus | None = Field(
        default=None, sa_column=Column(portable_enum(ApplicationStatus, "from_status"))
    )
    to_status: ApplicationStatus = Field(
        sa_column=Column(portable_enum(ApplicationStatus, "to_status"), nullable=False)
    )
    actor: str = Field(max_length=100, description='"applicant", "key:<prefix>" or "cli".')
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
