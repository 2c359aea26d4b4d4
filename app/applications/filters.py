"""The typed query of `GET /v1/postings/{id}/applications`."""

import enum
from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.applications.models import ApplicationStatus


class ApplicationSort(enum.StrEnum):
    submitted_asc = "submitted"
    submitted_desc = "-submitted"


class ApplicationQuery(BaseModel):
    """Filters, order and pagination for a posting's applications."""

    model_config = ConfigDict(extra="forbid")

    status: list[ApplicationStatus] = Field(default_factory=list, description="Repeat for any of.")
    submitted_after: datetime | None = Field(
        default=None, description="Submitted after this time (UTC if no offset is given)."
    )
    sort: ApplicationSort = Field(
        default=ApplicationSort.submitted_asc, description="Oldest first: the review queue."
    )
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, description="`next_cursor` of the previous page.")
    count: bool = Field(default=False, description="Add the total number of matches.")

    @field_validator("submitted_after")
    @classmethod
    def _assume_utc(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value
