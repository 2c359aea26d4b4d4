"""HTTP route of the change feed."""

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from app.api.conditional import NOT_MODIFIED, conditional_response, json_bytes
from app.api.dependencies import SessionDep
from app.api.problems import problem_responses
from app.changes import service
from app.changes.schemas import ChangePage, ChangeQuery
from app.core.pagination import next_link

router = APIRouter(prefix="/v1/changes", tags=["sync"])


@router.get(
    "",
    operation_id="listChanges",
    response_model=ChangePage,
    responses={**NOT_MODIFIED, **problem_responses(410, 422)},
)
def read_changes(
    request: Request, query: Annotated[ChangeQuery, Query()], session: SessionDep
) -> Response:
    """Every public change to postings in commit order: created, updated, closed, deleted.

    Keep `next_cursor` and pass it as `since` next time; applying the changes in order keeps
    a mirror exact. With the `ETag` of the last answer in `If-None-Match`, a poll that finds
    nothing new is a 304 with no body. A cursor older than the kept history gets 410 with how
    to resync.
    """
    page = service.read_changes(session, query.since, query.limit)
    headers = {}
    if page.has_more:
        headers["Link"] = next_link(request, "since", page.next_cursor)
    body = {"items": page.items, "next_cursor": page.next_cursor, "has_more": page.has_more}
    return conditional_response(request, json_bytes(body), headers=headers)
