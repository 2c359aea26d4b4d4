"""HTTP routes for postings."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from app.core.auth import OptionalPrincipalDep, PrincipalDep
from app.core.db import SessionDep
from app.core.errors import problem_responses
from app.core.pagination import Page
from app.core.responses import FastJSONResponse
from app.postings import service
from app.postings.filters import PostingQuery
from app.postings.models import Posting
from app.postings.schemas import PostingCreate, PostingRead, PostingSummary, PostingUpdate

router = APIRouter(prefix="/v1/postings", tags=["postings"])


def get_posting(posting_id: int, session: SessionDep, principal: OptionalPrincipalDep) -> Posting:
    """The posting at `/v1/postings/{posting_id}`, loaded once for every route (or 404)."""
    return service.get_visible(session, principal, posting_id)


PostingDep = Annotated[Posting, Depends(get_posting)]


@router.get(
    "",
    response_model=Page[PostingSummary],
    responses=problem_responses(401, 422),
)
def list_postings(
    request: Request,
    query: Annotated[PostingQuery, Query()],
    session: SessionDep,
    principal: OptionalPrincipalDep,
) -> FastJSONResponse:
    """Published postings (and your own drafts, with your key), newest first by default.

    Every filter combines with the others. Pages follow `next_cursor` (also in the `Link`
    header); a page deep in the list costs what the first one does.
    """
    page = service.list_postings(session, principal, query)
    body: dict[str, object] = {"items": page.items, "next_cursor": page.next_cursor}
    headers = {}
    if page.total is not None:
        body["total"] = page.total
    if page.next_cursor:
        next_url = request.url.include_query_params(cursor=page.next_cursor)
        headers["Link"] = f'<{next_url}>; rel="next"'
    return FastJSONResponse(body, headers=headers)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 409, 422),
)
def create_posting(
    data: PostingCreate, session: SessionDep, principal: PrincipalDep, response: Response
) -> PostingRead:
    """Publish a posting for your organisation (or any, with an admin key)."""
    posting = service.create_posting(session, principal, data)
    response.headers["Location"] = f"{router.prefix}/{posting.id}"
    return service.to_read(session, posting)


@router.get("/{posting_id}", responses=problem_responses(401, 404, 422))
def read_posting(posting: PostingDep, session: SessionDep) -> PostingRead:
    """One posting, with its Markdown description and the sanitised HTML rendering."""
    return service.to_read(session, posting)


@router.patch("/{posting_id}", responses=problem_responses(401, 403, 404, 409, 422))
def update_posting(
    posting: PostingDep, data: PostingUpdate, session: SessionDep, principal: PrincipalDep
) -> PostingRead:
    """Change some fields of a posting; null clears an optional field."""
    posting = service.update_posting(session, principal, posting, data)
    return service.to_read(session, posting)


@router.delete(
    "/{posting_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404),
)
def delete_posting(posting: PostingDep, session: SessionDep, principal: PrincipalDep) -> None:
    """Delete a posting for good (to take it down but keep it, PATCH its status to closed)."""
    service.delete_posting(session, principal, posting)
