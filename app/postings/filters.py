"""The typed query of `GET /v1/postings`, and the SQL conditions each filter becomes."""

import enum
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import (
    ColumnElement,
    Date,
    and_,
    exists,
    func,
    literal_column,
    not_,
    or_,
    select,
    true,
)
from sqlmodel import col

from app.core.auth import Principal
from app.organisations.models import Organisation
from app.postings import search
from app.postings.models import (
    PUBLISHED,
    EmploymentType,
    Posting,
    PostingStatus,
    PostingTag,
    RemoteMode,
)
from app.postings.schemas import normalise_tag


class PostingSort(enum.StrEnum):
    deadline_asc = "deadline"
    deadline_desc = "-deadline"
    posted_asc = "posted"
    posted_desc = "-posted"
    title_asc = "title"


class PostingQuery(BaseModel):
    """Filters (all combinable), sort order and pagination for listing postings."""

    model_config = ConfigDict(extra="forbid")

    organisation: list[str] = Field(default_factory=list, description="Slug; repeat for any of.")
    location: str | None = Field(
        default=None, min_length=1, max_length=100, description="Case-insensitive substring."
    )
    remote: list[RemoteMode] = Field(default_factory=list, description="Repeat for any of.")
    employment_type: list[EmploymentType] = Field(
        default_factory=list, description="Repeat for any of."
    )
    tag: list[str] = Field(default_factory=list, description="Repeat for all of.")
    deadline_before: date | None = Field(default=None, description="Deadline on or before.")
    deadline_after: date | None = Field(default=None, description="Deadline on or after.")
    closing_within: int | None = Field(
        default=None, ge=0, le=3660, description="Deadline from today through today + N days."
    )
    open: bool | None = Field(
        default=None, description="true: open and the deadline not yet passed (or none)."
    )
    status: list[PostingStatus] = Field(default_factory=list, description="Repeat for any of.")
    posted_after: date | None = Field(default=None, description="Posted on or after.")
    posted_before: date | None = Field(default=None, description="Posted on or before.")
    updated_since: datetime | None = Field(
        default=None, description="Changed at or after this time (UTC if no offset is given)."
    )
    q: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Full-text search over title, organisation and description.",
    )
    sort: PostingSort = PostingSort.posted_desc
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, description="`next_cursor` of the previous page.")
    include: list[Literal["description"]] = Field(
        default_factory=list, description="Extra fields for each item."
    )
    count: bool = Field(default=False, description="Add the total number of matches.")

    @field_validator("updated_since")
    @classmethod
    def _assume_utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value

    @field_validator("q")
    @classmethod
    def _has_words(cls, value: str | None) -> str | None:
        if value is not None and not search.has_words(value):
            raise ValueError("must contain at least one word to search for")
        return value


# `models.DEADLINE_KEY_SQL` as an expression, spelled as the deadline indexes spell it.
DEADLINE_KEY = func.coalesce(col(Posting.deadline), literal_column("'9999-12-31'", Date))


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """Published postings for everyone; drafts too for their own organisation (or admin)."""
    if principal.is_admin:
        return true()
    published = col(Posting.status).in_(PUBLISHED)
    if principal.organisation_id is None:
        return published
    return or_(published, col(Posting.organisation_id) == principal.organisation_id)


def is_open(now: datetime) -> ColumnElement[bool]:
    """Status open and applications not yet closed (no deadline, or its day not yet over)."""
    return and_(
        col(Posting.status) == PostingStatus.open,
        or_(col(Posting.closes_at).is_(None), col(Posting.closes_at) > now),
    )


def conditions(query: PostingQuery, dialect: str, now: datetime) -> list[ColumnElement[bool]]:
    """One SQL condition per filter the query sets."""
    today = now.date()
    where: list[ColumnElement[bool]] = []
    if len(query.organisation) == 1:
        # Equality, unlike IN, lets the planner read one organisation's postings in order.
        (slug,) = query.organisation
        where.append(
            col(Posting.organisation_id)
            == select(col(Organisation.id)).where(col(Organisation.slug) == slug).scalar_subquery()
        )
    elif query.organisation:
        where.append(
            col(Posting.organisation_id).in_(
                select(col(Organisation.id)).where(col(Organisation.slug).in_(query.organisation))
            )
        )
    if query.location:
        where.append(col(Posting.location).icontains(query.location, autoescape=True))
    if query.remote:
        where.append(col(Posting.remote).in_(query.remote))
    if query.employment_type:
        where.append(col(Posting.employment_type).in_(query.employment_type))
    for tag in dict.fromkeys(normalise_tag(tag) for tag in query.tag):
        where.append(
            exists().where(col(PostingTag.posting_id) == Posting.id, col(PostingTag.tag) == tag)
        )
    # Deadline conditions are on DEADLINE_KEY, so each is a range of the deadline indexes.
    if query.deadline_before:
        where.append(query.deadline_before >= DEADLINE_KEY)
    if query.deadline_after:
        where += [query.deadline_after <= DEADLINE_KEY, col(Posting.deadline).is_not(None)]
    if query.closing_within is not None:
        where.append(DEADLINE_KEY.between(today, today + timedelta(days=query.closing_within)))
    if query.open is not None:
        where.append(is_open(now) if query.open else not_(is_open(now)))
    if query.open:
        # Implied by is_open (applications close at midnight after the deadline day, and no
        # timezone is a day behind UTC), but stated as a range the deadline indexes can seek
        # to, so open postings are found without walking past every expired one.
        where.append(today - timedelta(days=2) <= DEADLINE_KEY)
    if query.status:
        where.append(col(Posting.status).in_(query.status))
    if query.posted_after:
        where.append(col(Posting.posted_on) >= query.posted_after)
    if query.posted_before:
        where.append(col(Posting.posted_on) <= query.posted_before)
    if query.updated_since:
        where.append(col(Posting.updated_at) >= query.updated_since)
    if query.q:
        where.append(col(Posting.id).in_(search.matching_ids(dialect, query.q)))
    return where
