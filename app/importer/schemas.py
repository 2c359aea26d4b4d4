"""What `POST /v1/imports` answers: each opening of the advert as read, and what became of it.

The fields are `Opening.as_json`'s (the labels' names), so the dry run's JSON, the command
line's `--json` and this answer read alike.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

_CREATED: JsonDict = {
    "source": "_posts/2026-10-05-data-steward.md",
    "title": "Data Steward",
    "organisation": "Open Research Commons",
    "location": "Utrecht, Netherlands",
    "remote": "hybrid",
    "deadline": "2026-11-15",
    "posted": "2026-10-05",
    "apply_email": None,
    "apply_url": "https://openresearchcommons.example/jobs/data-steward",
    "employment_type": "full-time",
    "salary": "€3,800 to €4,900 per month, depending on experience",
    "tags": ["data", "open-science"],
    "anchor": None,
    "draft": False,
    "external_id": "2026-10-05-data-steward.md",
    "content_hash": "7a3af4b90315934772683a65ce913fdf2992988855145ea07127cc5cdcae12c7",
    "sources": {
        "title": "front matter: title",
        "location": "prose: line 8",
        "posted": "front matter: date",
        "deadline": "prose: line 21",
        "organisation": "prose",
        "remote": "prose",
        "apply_url": "link text",
        "employment_type": "prose: line 9",
        "salary": "prose: salary line",
    },
    "action": "created",
    "posting_id": 7,
    "reason": None,
}


class ImportedOpening(BaseModel):
    """One opening: the fields read from the advert (none when it could not be read at all),
    and whether it was created, updated, left unchanged, only extracted, or failed."""

    source: str = Field(description="The advert's name; with `#anchor` for one of several.")
    title: str | None = None
    organisation: str | None = None
    location: str | None = None
    remote: str | None = None
    deadline: date | None = None
    posted: date | None = None
    apply_email: str | None = None
    apply_url: str | None = None
    employment_type: str | None = None
    salary: str | None = None
    tags: list[str] = Field(default_factory=list)
    anchor: str | None = None
    draft: bool = False
    external_id: str | None = None
    content_hash: str | None = None
    sources: dict[str, str] = Field(
        default_factory=dict, description="Where in the advert each field was found."
    )
    action: Literal["extracted", "created", "updated", "unchanged", "failed"]
    posting_id: int | None = Field(description="The posting it became, once stored.")
    reason: str | None = Field(description="Why it failed, when it did.")


class ImportResults(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"results": [_CREATED]}]})

    results: list[ImportedOpening]
