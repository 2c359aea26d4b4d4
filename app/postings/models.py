"""The posting table, its tags, and the indexes that keep every list filter fast."""

import enum
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Numeric, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, portable_enum, utcnow


class RemoteMode(enum.StrEnum):
    remote = "remote"
    hybrid = "hybrid"
    onsite = "onsite"


class EmploymentType(enum.StrEnum):
    full_time = "full-time"
    part_time = "part-time"
    contract = "contract"
    internship = "internship"
    temporary = "temporary"


class PostingStatus(enum.StrEnum):
    draft = "draft"
    open = "open"
    closed = "closed"
    filled = "filled"


class SalaryPeriod(enum.StrEnum):
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


PUBLISHED = (PostingStatus.open, PostingStatus.closed, PostingStatus.filled)

# The deadline as a sort key: a posting without one stays open until filled, so it sorts
# after every dated one. Queries must spell it exactly so for the database to use the index.
DEADLINE_KEY_SQL = "coalesce(deadline, '9999-12-31')"


class Posting(SQLModel, table=True):
    """A job opening published by an organisation."""

    __table_args__ = (
        UniqueConstraint("organisation_id", "external_id"),
        # One composite index per sort order, with and without the organisation filter: the
        # planner then walks an index in order and stops after a page, at any table size.
        # Deadlines sort on DEADLINE_KEY, where no deadline reads as the last day there is:
        # an order both databases read straight off the index (SQLite has no NULLS LAST).
        # The posted index also holds the filters a newest-first list most often has, so a
        # posting that does not match is skipped on the index alone (SQLite reads its row
        # only for a match).
        Index(
            "ix_posting_posted_on_id",
            "posted_on",
            "id",
            "status",
            "remote",
            "employment_type",
            "location",
        ),
        # The deadline indexes also hold what `open=true` tests, so closed postings are
        # skipped on the index alone.
        Index("ix_posting_deadline_key_id", text(DEADLINE_KEY_SQL), "id", "status", "closes_at"),
        Index("ix_posting_title_id", "title", "id"),
        Index("ix_posting_updated_at_id", "updated_at", "id"),
        Index("ix_posting_organisation_posted_on_id", "organisation_id", "posted_on", "id"),
        Index(
            "ix_posting_organisation_deadline_key_id",
            "organisation_id",
            text(DEADLINE_KEY_SQL),
            "id",
            "status",
            "closes_at",
        ),
        Index("ix_posting_status_closes_at", "status", "closes_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="RESTRICT")
    title: str = Field(max_length=300)
    location: str | None = Field(default=None, max_length=300)
    remote: RemoteMode | None = Field(
        default=None, sa_column=Column(portable_enum(RemoteMode, "remote"))
    )
    employment_type: EmploymentType | None = Field(
        default=None, sa_column=Column(portable_enum(EmploymentType, "employment_type"))
    )
    deadline: date | None = None
    closes_at: datetime | None = Field(
        default=None,
        sa_type=UTCDateTime,
        description="The end of the deadline day in the organisation's timezone, in UTC.",
    )
    posted_on: date
    description: str = Field(default="", sa_type=Text)
    description_html: str = Field(default="", sa_type=Text)
    apply_url: str | None = Field(default=None, max_length=1000)
    apply_email: str | None = Field(default=None, max_length=320)
    salary: str | None = Field(default=None, max_length=200)
    salary_min: float | None = Field(default=None, sa_type=Numeric(12, 2, asdecimal=False))
    salary_max: float | None = Field(default=None, sa_type=Numeric(12, 2, asdecimal=False))
    salary_currency: str | None = Field(default=None, max_length=3)
    salary_period: SalaryPeriod | None = Field(
        default=None, sa_column=Column(portable_enum(SalaryPeriod, "salary_period"))
    )
    questions: list[dict[str, Any]] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, server_default=text("'[]'")),
        description="What applicants are asked, as `postings.schemas.Question` objects.",
    )
    privacy_notice_url: str | None = Field(default=None, max_length=1000)
    privacy_notice_version: str | None = Field(default=None, max_length=50)
    status: PostingStatus = Field(
        default=PostingStatus.open,
        sa_column=Column(portable_enum(PostingStatus, "status"), nullable=False),
    )
    external_id: str | None = Field(default=None, max_length=300)
    source_url: str | None = Field(default=None, max_length=1000)
    content_hash: str | None = Field(
        default=None, max_length=64, description="Fingerprint of the imported advert text."
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PostingTag(SQLModel, table=True):
    """One tag on one posting; the (tag, posting_id) index serves `tag=` filters."""

    __tablename__ = "posting_tag"
    __table_args__ = (Index("ix_posting_tag_tag_posting_id", "tag", "posting_id"),)

    posting_id: int = Field(foreign_key="posting.id", primary_key=True, ondelete="CASCADE")
    tag: str = Field(primary_key=True, max_length=50)
