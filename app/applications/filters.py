"""The typed query of `GET /v1/postings/{id}/applications`."""

from pydantic import ConfigDict, Field

from app.applications.models import ApplicationStatus
from app.core.enums import NamedMembers
from app.core.inputs import MAX_FILTER_VALUES, InputModel, Moment


class ApplicationSort(NamedMembers):
    submitted_asc = "submitted"
    submitted_desc = "-submitted"


class ApplicationQuery(InputModel):
    """Filters, order and pagination for a posting's applications."""

    model_config = ConfigDict(extra="forbid")

    status: list[ApplicationStatus] = Field(
        default_factory=list, max_length=MAX_FILTER_VALUES, description="Repeat for any of."
    )
    submitted_after: Moment | None = Field(
        default=None, description="Submitted after this time (UTC if no offset is given)."
    )
    sort: ApplicationSort = Field(
        default=ApplicationSort.submitted_asc, description="Oldest first: the review queue."
    )
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, description="`next_cursor` of the previous page.")
    count: bool = Field(default=False, description="Add the total number of matches.")
