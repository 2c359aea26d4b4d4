"""HTTP routes for postings."""

from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Connection
from sqlmodel import Session

from app.api.conditional import (
    NOT_MODIFIED,
    conditional_response,
    etag_of,
    json_bytes,
    representation,
    require_match,
    respond,
)
from app.api.dependencies import (
    OPTIONAL_KEY,
    OptionalPrincipalDep,
    PrincipalDep,
    SessionDep,
    read_connect,
    read_with,
    reader_of,
)
from app.api.problems import problem_responses
from app.api.query import PathParameter, QueryModel
from app.api.response_cache import look_up
from app.changes import service as change_log
from app.core.db import Connect
from app.core.errors import PreconditionFailed
from app.core.pagination import Page, next_link, page_json
from app.core.principal import Principal
from app.core.urls import absolute_url, base_url, url_of_path
from app.organisations import service as organisations
from app.postings import jsonld, listing, representations, service
from app.postings.feeds import ATOM
from app.postings.feeds import atom_feed as atom_feed_of
from app.postings.filters import Clock, PostingQuery
from app.postings.jsonld import JSON_LD
from app.postings.links import page_path
from app.postings.models import Posting
from app.postings.schemas import (
    PostingCreate,
    PostingId,
    PostingRead,
    PostingReplace,
    PostingSummary,
    PostingUpdate,
)

router = APIRouter(prefix="/v1/postings", tags=["postings"])


def get_posting(
    posting_id: PostingId, session: SessionDep, principal: OptionalPrincipalDep
) -> Posting:
    """The posting at `/v1/postings/{posting_id}`, loaded once for every route that writes it
    (or 404), and locked until the request commits: its `If-Match` and its write are one step.
    """
    return service.get_visible(session, principal, posting_id, for_update=True)


PostingDep = Annotated[Posting, Depends(get_posting)]


def _accepts_json_ld(request: Request) -> bool:
    """True when the client prefers JSON-LD to plain JSON (content negotiation on `Accept`)."""
    weights: dict[str, float] = {}
    for part in request.headers.get("accept", "").split(","):
        media_type, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            if parameter.startswith("q="):
                try:
                    weight = float(parameter[2:])
                except ValueError:
                    weight = 0.0
        weights[media_type.lower()] = weight
    json_ld = weights.get(JSON_LD, 0.0)
    return json_ld > 0 and json_ld >= weights.get("application/json", 0.0)


def _representation(session: Session, posting: Posting) -> bytes:
    return representations.document_of(session, posting)


def _require_current(request: Request, session: Session, posting: Posting) -> None:
    """412 if `If-Match` names another version; the ETag is only computed when it is sent."""
    if "if-match" in request.headers:
        require_match(request, etag_of(_representation(session, posting)), "This posting")


def _current(request: Request, session: Session) -> service.VersionCheck:
    """What a PATCH or DELETE requires of its posting: the version `If-Match` names."""
    return lambda posting: _require_current(request, session, posting)


def _list_validators(
    connection: Connection, principal: Principal, query: PostingQuery
) -> datetime | None:
    """`Last-Modified` for a list: the public data's last change, when that decides the list.

    It does not for your own drafts (not in the change log) or for filters relative to today.
    """
    if not principal.is_anonymous or query.clock is not Clock.still:
        return None
    return change_log.latest_change_at(connection)


POSTING_QUERY = QueryModel(PostingQuery)


@router.get(
    "",
    operation_id="listPostings",
    response_model=Page[PostingSummary],
    responses={**NOT_MODIFIED, **problem_responses(401, 422)},
    openapi_extra={**POSTING_QUERY.openapi(), **OPTIONAL_KEY},
)
async def list_postings(request: Request) -> Response:
    """Published postings (and your own drafts, with your key), newest first by default.

    Every filter combines with the others. Pages follow `next_cursor` (also in the `Link`
    header); a page deep in the list costs what the first one does. `If-None-Match` with the
    `ETag` of an earlier answer gets 304 when nothing in it changed.

    Without a key, the answer may come from the server's memory of the same request, kept
    while nothing it shows has changed; `Cache-Control: no-cache` asks the database.
    """
    turn = look_up(request)
    if turn.found is not None:
        return respond(request, turn.found)
    query = POSTING_QUERY.parse(request.query_params)
    connect = read_connect(request)
    if query.may_scan:
        # A search can take tens of milliseconds; on the event loop it would hold up every
        # request of this worker. Index-range lists take less than the hop to a thread.
        page, last_modified = await run_in_threadpool(_list_page, connect, request, query)
    else:
        page, last_modified = await read_with(connect, _list_page, connect, request, query)
    headers = {"Vary": "Authorization"}
    if page.next_cursor:
        headers["Link"] = next_link(request, "cursor", page.next_cursor)
    answer = representation(
        page_json(page.items, page.next_cursor, page.total),
        last_modified=last_modified,
        headers=headers,
    )
    turn.keep(answer, page.valid_until)
    return respond(request, answer)


def _list_page(
    connect: Connect, request: Request, query: PostingQuery
) -> tuple[listing.PostingPage, datetime | None]:
    """The page and its `Last-Modified`, in one use of a connection that nothing awaits.

    Each statement reads what is committed when it runs, so `Last-Modified` is read first:
    it may then be older than the page, never newer.
    """
    with connect() as connection:
        principal = reader_of(request, connection)
        last_modified = _list_validators(connection, principal, query)
        return listing.list_postings(connection, principal, query), last_modified


@router.get(
    ".atom",
    operation_id="getPostingsFeed",
    response_class=Response,
    responses={
        200: {
            "description": "An Atom 1.0 feed (RFC 4287) of the matching postings.",
            "content": {ATOM: {"schema": {"type": "string", "contentMediaType": ATOM}}},
        },
        **NOT_MODIFIED,
        **problem_responses(401, 422),
    },
    openapi_extra=POSTING_QUERY.openapi(),
)
def atom_feed(request: Request, session: SessionDep, principal: OptionalPrincipalDep) -> Response:
    """The postings `GET /v1/postings` would list, with the same filters, as an Atom feed."""
    query = POSTING_QUERY.parse(request.query_params)
    query = query.model_copy(update={"include": ["description"]})
    page = listing.list_postings(session.connection(), principal, query)
    body = atom_feed_of(
        [orjson.loads(item) for item in page.items],
        feed_url=absolute_url(request),
        base_url=base_url(request),
    )
    return conditional_response(
        request,
        body,
        last_modified=_list_validators(session.connection(), principal, query),
        media_type=ATOM,
        headers={"Vary": "Authorization"},
    )


@router.post(
    "",
    operation_id="createPosting",
    status_code=status.HTTP_201_CREATED,
    response_model=PostingRead,
    responses=problem_responses(401, 403, 409, 422),
)
def create_posting(
    request: Request, data: PostingCreate, session: SessionDep, principal: PrincipalDep
) -> Response:
    """Publish a posting for your organisation (or any, with an admin key)."""
    posting = service.create_posting(session, principal, data)
    body = _representation(session, posting)
    return Response(
        body,
        status_code=201,
        media_type="application/json",
        headers={
            "Location": url_of_path(request, f"{router.prefix}/{posting.id}"),
            "ETag": etag_of(body),
        },
    )


POSTING_ID: PathParameter[int] = PathParameter("posting_id", PostingId)


@router.get(
    "/{posting_id}",
    operation_id="getPosting",
    response_model=PostingRead,
    # The JSON-LD alternative (`Accept`, `app.api.headers`) is left out of the 200's media
    # types: a generated client would type every answer as either, and `.title` would not
    # compile. JSON is what it reads.
    responses={
        **NOT_MODIFIED,
        **problem_responses(401, 404, 422),
    },
    openapi_extra={**POSTING_ID.openapi(), **OPTIONAL_KEY},
)
async def read_posting(request: Request) -> Response:
    """One posting, with its Markdown description and the sanitised HTML rendering.

    With `Accept: application/ld+json`, a schema.org JobPosting for search engines. Send
    `If-None-Match` or `If-Modified-Since` to get 304 when it has not changed. Without a key,
    the JSON may come from the server's memory, kept while the posting is unchanged;
    `Cache-Control: no-cache` asks the database.
    """
    posting_id = POSTING_ID.parse(request)
    connect = read_connect(request)
    headers = {"Vary": "Accept, Authorization"}
    if _accepts_json_ld(request):
        document, last_modified = await read_with(
            connect, _job_posting, connect, request, posting_id
        )
        return conditional_response(
            request,
            json_bytes(document),
            last_modified=last_modified,
            media_type=JSON_LD,
            headers=headers,
        )
    turn = look_up(request)
    if turn.found is not None:
        return respond(request, turn.found)
    found = await read_with(connect, _document, connect, request, posting_id)
    answer = representation(found.body, last_modified=found.last_modified, headers=headers)
    turn.keep(answer, None)
    return respond(request, answer)


def _job_posting(
    connect: Connect, request: Request, posting_id: int
) -> tuple[dict[str, Any], datetime]:
    """The posting as a schema.org JobPosting, and when it or its organisation last changed."""
    with connect() as connection, Session(connection) as session:
        posting = service.get_visible(session, reader_of(request, connection), posting_id)
        organisation = representations.organisation_of(session, posting)
        document = jsonld.job_posting(
            representations.to_read(session, posting),
            organisation,
            url_of_path(request, page_path(posting_id, posting.title)),
        )
    return document, max(posting.updated_at, organisation.updated_at)


def _document(
    connect: Connect, request: Request, posting_id: int
) -> representations.PostingDocument:
    with connect() as connection:
        return representations.get_document(connection, reader_of(request, connection), posting_id)


@router.patch(
    "/{posting_id}",
    operation_id="updatePosting",
    response_model=PostingRead,
    responses=problem_responses(401, 403, 404, 409, 412, 422),
)
def update_posting(
    request: Request,
    posting: PostingDep,
    data: PostingUpdate,
    session: SessionDep,
    principal: PrincipalDep,
) -> Response:
    """Change some fields of a posting; null clears an optional field.

    Send the `ETag` you read in `If-Match`: if someone changed the posting since, you get 412
    and nothing changes.
    """
    posting = service.update_posting(
        session, principal, posting, data, precondition=_current(request, session)
    )
    body = _representation(session, posting)
    return Response(body, media_type="application/json", headers={"ETag": etag_of(body)})


@router.delete(
    "/{posting_id}",
    operation_id="deletePosting",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 403, 404, 409, 412),
)
def delete_posting(
    request: Request, posting: PostingDep, session: SessionDep, principal: PrincipalDep
) -> None:
    """Delete a posting for good (to take it down but keep it, PATCH its status to closed)."""
    service.delete_posting(session, principal, posting, precondition=_current(request, session))


def _put_precondition(
    request: Request, session: Session, slug: str, external_id: str
) -> service.Precondition:
    """What the PUT's `If-Match` and `If-None-Match: *` require of the posting it finds."""

    def require(existing: Posting | None) -> None:
        if existing is None:
            if "if-match" in request.headers:
                raise PreconditionFailed(
                    f"'{slug}' has no posting with external id '{external_id}' yet."
                )
            return
        if request.headers.get("if-none-match", "").strip() == "*":
            raise PreconditionFailed(
                f"'{slug}' already has a posting with external id '{external_id}'."
            )
        _require_current(request, session, existing)

    return require


by_external_id = APIRouter(prefix="/v1/organisations/{slug}/postings", tags=["sync"])


@by_external_id.put(
    "/{external_id:path}",
    operation_id="upsertPostingByExternalId",
    response_model=PostingRead,
    responses={
        201: {"model": PostingRead, "description": "Created"},
        **problem_responses(401, 403, 404, 412, 422),
    },
)
def put_posting(
    request: Request,
    slug: str,
    external_id: str,
    data: PostingReplace,
    session: SessionDep,
    principal: PrincipalDep,
) -> Response:
    """Create (201) or wholly replace (200) the posting with your own id for it.

    Answers 200 without writing anything when nothing differs, so syncing the same data again
    is free. `If-Match` guards a replace; `If-None-Match: *` only ever creates.
    """
    posting, outcome = service.put_posting(
        session,
        principal,
        organisations.get_by_slug(session, slug),
        external_id,
        data,
        precondition=_put_precondition(request, session, slug, external_id),
    )
    body = _representation(session, posting)
    headers = {
        "ETag": etag_of(body),
        "Location": url_of_path(request, f"{router.prefix}/{posting.id}"),
    }
    return Response(
        body,
        status_code=201 if outcome == "created" else 200,
        media_type="application/json",
        headers=headers,
    )
