"""The change feed as integrators read it."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from app.changes.models import ChangeKind
from app.core.inputs import InputModel
from app.postings.schemas import POSTING_EXAMPLE, PostingRead

_CREATED: JsonDict = {
    "seq": 1,
    "kind": "created",
    "posting_id": 1,
    "organisation": "datacite",
    "external_id": "rse-2027",
    "changed_at": "2026-12-07T14:57:14.103908Z",
    "posting": POSTING_EXAMPLE,
}
_DELETED: JsonDict = {
    **_CREATED,
    "seq": 2,
    "kind": "deleted",
    "changed_at": "2027-03-02T09:00:00Z",
    "posting": None,
}


class Change(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CREATED]})

    seq: int = Field(description="Increases with every change, in commit order.")
    kind: ChangeKind
    posting_id: int
    organisation: str = Field(description="The organisation's slug.")
    external_id: str | None
    changed_at: datetime
    posting: PostingRead | None = Field(
        description="The posting as `GET /v1/postings/{id}` showed it; null for a deletion."
    )


class ChangePage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [_CREATED, _DELETED],
                    "next_cursor": "eyJmZWVkIjoiY2hhbmdlcyIsInNlcSI6Mn0.TYJuAHE4FOtYxv8k3H_PSw",
                    "has_more": False,
                }
            ]
        }
    )

    items: list[Change]
    next_cursor: str = Field(
        description="Pass as `since` next time; given even when nothing changed, so keep it."
    )
    has_more: bool = Field(description="More changes are waiting: ask again at once.")


class ChangeQuery(InputModel):
    model_config = ConfigDict(extra="forbid")

    since: str | None = Field(
        default=None,
        max_length=1000,
        description="`next_cursor` of your last read; `latest` to start from now; leave out to"
        " read the whole history.",
    )
    limit: int = Field(default=100, ge=1, le=1000)
