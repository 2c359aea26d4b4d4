"""Pages for people: the board, a posting with its apply form, an organisation, the embed for
an organisation's own site, and what search engines read (sitemap, robots.txt).

The reads go through the JSON API's own read path: the same posting query (`app.pages.board`
maps the form onto it), the posting's JSON as the database writes it, and the same per-worker
answer cache, so a page costs about what its JSON costs. Pages need no JavaScript: the filter
form is a GET, the apply form a POST, and every error is shown on the page it concerns.
"""

import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

import orjson
from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy import Connection
from sqlmodel import Session
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from app.api import metrics
from app.api.clock import NowDep
from app.api.conditional import representation, respond
from app.api.dependencies import SessionDep, read_connect, read_with
from app.api.query import PathParameter
from app.api.rate_limits import limit_anonymous_write
from app.api.response_cache import look_up
from app.api.uploads import read_cv
from app.applications import applying
from app.applications.files import CV
from app.applications.schemas import ApplicationCreate, Withdrawal
from app.core.config import get_settings
from app.core.db import Connect, utcnow
from app.core.errors import (
    DomainError,
    FieldError,
    Forbidden,
    InvalidInput,
    NotFound,
    field_errors,
)
from app.core.principal import ANONYMOUS
from app.core.urls import base_url, url_of_path
from app.organisations import service as organisations
from app.pages import board
from app.pages.rendering import STATIC, render, words_change_at
from app.postings import jsonld, listing, representations, sitemap
from app.postings import service as postings
from app.postings.filters import PostingQuery
from app.postings.links import page_path
from app.postings.models import PostingStatus
from app.postings.schemas import MAX_QUESTIONS, PostingId, PostingRead

router = APIRouter(include_in_schema=False)
static = StaticFiles(directory=STATIC)

HTML = "text/html; charset=utf-8"
XML = "application/xml"
# Pages run no script and load nothing from elsewhere; the JSON-LD block is data, not script.
_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
    " base-uri 'none'; frame-ancestors {ancestors}"
)
PAGE_HEADERS = {
    "Content-Security-Policy": _POLICY.format(ancestors="'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}
# What an applicant sees holds their personal data and the withdrawal link: kept by nobody,
# and the link not leaked to another site.
PRIVATE_PAGE = {
    **PAGE_HEADERS,
    "Cache-Control": "private, no-store",
    "Referrer-Policy": "no-referrer",
}
ORGANISATION_PAGE_SIZE = 50
EMBED_PAGE_SIZE = 20

POSTING_ID: PathParameter[int] = PathParameter("posting_id", PostingId)
SitemapFile = Annotated[int, Path(ge=0, le=(2**31 - 1) // sitemap.PER_FILE)]


def _page(body: bytes, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(body, status_code=status_code, media_type=HTML, headers=headers or PAGE_HEADERS)


def _error_page(
    request: Request, status_code: int, detail: str, headers: dict[str, str]
) -> Response:
    body = render("error.html", request=request, status_code=status_code, detail=detail)
    return _page(body, status_code, {**PAGE_HEADERS, **headers})


async def _shown(request: Request, make: Callable[[], Awaitable[Response]]) -> Response:
    """The page `make` makes, or the error it meets as a page a person reads."""
    try:
        return await make()
    except DomainError as error:
        return _error_page(request, error.status_code, error.detail, error.headers or {})
    except HTTPException as error:
        return _error_page(request, error.status_code, str(error.detail), dict(error.headers or {}))


def _kept_until(valid_until: datetime | None, closes: list[Any], now: datetime) -> datetime | None:
    """Until when a page stays true: its data's validity, and until "closes in 5 days" would
    read otherwise."""
    moments = [moment for each in closes if (moment := words_change_at(each, now)) is not None]
    if valid_until is not None:
        moments.append(valid_until)
    return min(moments, default=None)


Choices = list[tuple[str, str]] | None  # the organisations the form offers, or None: too many


def _choices(connection: Connection) -> Choices:
    """The organisations the board's form lists, while there are few enough to choose from."""
    directory = organisations.directory(connection, board.CHOOSABLE + 1)
    return directory if len(directory) <= board.CHOOSABLE else None


def _listed(connect: Connect, query: PostingQuery) -> tuple[listing.PostingPage, Choices]:
    """The board's page of postings and the organisations its form offers, on one connection."""
    with connect() as connection:
        page = listing.list_postings(connection, ANONYMOUS, query, count_up_to=board.COUNTED + 1)
        return page, _choices(connection)


async def _list(connect: Connect, query: PostingQuery) -> tuple[listing.PostingPage, Choices]:
    if query.may_scan:
        return await run_in_threadpool(_listed, connect, query)
    return await read_with(connect, _listed, connect, query)


def _offered(connect: Connect) -> Choices:
    with connect() as connection:
        return _choices(connection)


def _board_context(
    request: Request,
    wanted: board.Asked,
    directory: Choices,
    page: listing.PostingPage | None,
) -> dict[str, Any]:
    return {
        "request": request,
        "asked": wanted,
        "directory": directory,
        "page": page,
        "items": [orjson.loads(item) for item in page.items] if page else [],
        "now": utcnow(),
        "feed": board.feed_query(wanted.values),
        "counted": board.COUNTED,
    }


@router.get("/")
async def board_page(request: Request) -> Response:
    """The open postings, newest first, with a filter for everything people filter by."""

    async def make() -> Response:
        turn = look_up(request)
        if turn.found is not None:
            return respond(request, turn.found)
        connect = read_connect(request)
        wanted = board.asked(request.query_params)
        if wanted.query is None:
            directory = await read_with(connect, _offered, connect)
            body = render("board.html", **_board_context(request, wanted, directory, None))
            return _page(body, 422)
        page, directory = await _list(connect, wanted.query)
        context = _board_context(request, wanted, directory, page)
        items, now = context["items"], context["now"]
        body = render("board.html", **context)
        answer = representation(body, media_type=HTML, headers=PAGE_HEADERS)
        turn.keep(answer, _kept_until(page.valid_until, [i["closes_at"] for i in items], now))
        return respond(request, answer)

    return await _shown(request, make)


def _state(posting: dict[str, Any], now: datetime) -> str:
    """open, closed, filled or past-deadline (pages are anonymous: a draft is a 404), what the
    page says about applying."""
    status = posting["status"]
    if status != PostingStatus.open:
        return str(status)
    closes_at = posting["closes_at"]
    if closes_at is not None and datetime.fromisoformat(closes_at) <= now:
        return "past-deadline"
    return "open"


def _document(connect: Connect, posting_id: int) -> representations.PostingDocument:
    with connect() as connection:
        return representations.get_document(connection, ANONYMOUS, posting_id)


def _posting_context(
    request: Request, found: representations.PostingDocument, now: datetime
) -> dict[str, Any]:
    posting = orjson.loads(found.body)
    state = _state(posting, now)
    canonical = url_of_path(request, page_path(posting["id"], posting["title"]))
    job_posting = None
    if state == "open":
        job_posting = jsonld.job_posting(
            PostingRead.model_validate(posting), found.organisation, canonical
        )
    return {
        "request": request,
        "posting": posting,
        "employer": found.organisation,
        "state": state,
        "canonical": canonical,
        "job_posting": job_posting,
        "now": now,
        "errors": {},
        "sent": {},
        "answer_prefix": ANSWER_PREFIX,
    }


async def _posting_page(request: Request) -> Response:
    async def make() -> Response:
        posting_id = POSTING_ID.parse(request)
        turn = look_up(request)
        if turn.found is not None:
            return respond(request, turn.found)
        connect = read_connect(request)
        found = await read_with(connect, _document, connect, posting_id)
        now = utcnow()
        context = _posting_context(request, found, now)
        # No Last-Modified: the page also changes as time passes (its deadline's words, the
        # apply form, the JobPosting), which a revalidation by date alone would not see.
        answer = representation(
            render("posting.html", **context), media_type=HTML, headers=PAGE_HEADERS
        )
        closes = [context["posting"]["closes_at"]] if context["state"] == "open" else []
        turn.keep(answer, _kept_until(None, closes, now))
        return respond(request, answer)

    return await _shown(request, make)


@router.get("/postings/{posting_id}")
async def posting_page(request: Request) -> Response:
    """A posting: what it is, its facts, how to apply, and its JobPosting for search engines."""
    return await _posting_page(request)


@router.get("/postings/{posting_id}/{slug}")
async def posting_page_named(request: Request) -> Response:
    """The same page at its canonical address, the title in words after the id."""
    return await _posting_page(request)


_FORM_FIELDS = ("name", "email", "phone", "cover_letter")
ANSWER_PREFIX = "answer-"  # a question's field: `answer-visa` answers the question `visa`
# The form's own fields, consent and the CV, and one field per question.
_MAX_FORM_FIELDS = len(_FORM_FIELDS) + 3 + MAX_QUESTIONS


def _application_of(form: FormData, posting: dict[str, Any]) -> ApplicationCreate:
    """The form as the API's application: the same fields, answers by question id."""
    fields: dict[str, Any] = {
        name: value for name in _FORM_FIELDS if isinstance(value := form.get(name), str) and value
    }
    link = form.get("link")
    fields["links"] = [link] if isinstance(link, str) and link.strip() else []
    fields["consent"] = form.get("consent") == "yes"
    answers: dict[str, Any] = {}
    for question in posting["questions"]:
        value = form.get(ANSWER_PREFIX + question["id"])
        if not isinstance(value, str) or not value:
            continue
        if question["kind"] == "yes_no":
            answers[question["id"]] = {"yes": True, "no": False}.get(value, value)
        else:
            answers[question["id"]] = value
    fields["answers"] = answers
    try:
        return ApplicationCreate.model_validate(fields)
    except ValidationError as error:
        raise InvalidInput.of(field_errors(error, ["body"])) from None


def _same_site(request: Request) -> None:
    """403 for a form sent from another site: a page elsewhere could otherwise send
    applications from its visitors' addresses, past the limit on each address."""
    sent_from = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    own = urlsplit(base_url(request))
    if sent_from == "cross-site" or (
        origin not in (None, "null") and origin != f"{own.scheme}://{own.netloc}"
    ):
        raise Forbidden("This form can only be sent from its own page on this site.")


def _field_of(error: FieldError) -> str:
    """The form field an error belongs beside: a question's answer by its own field."""
    parts = [str(part) for part in error.loc if part != "body"]
    if parts[:1] == ["answers"] and len(parts) > 1:
        return ANSWER_PREFIX + parts[1]
    return parts[0] if parts else ""


def _messages(errors: list[FieldError]) -> dict[str, str]:
    messages: dict[str, str] = {}
    for error in errors:
        messages.setdefault(_field_of(error), error.message)
    return messages


@router.post("/postings/{posting_id}/apply")
async def apply_page(request: Request, session: SessionDep, now: NowDep) -> Response:
    """The apply form's POST: by the API's rules, the confirmation with its withdrawal link,
    or the form again with every error beside its field."""

    async def make() -> Response:
        _same_site(request)
        limit_anonymous_write(request)
        posting_id = POSTING_ID.parse(request)
        found = await run_in_threadpool(_document, read_connect(request), posting_id)
        context = _posting_context(request, found, now)
        posting = context["posting"]
        errors: dict[str, str] = {}
        status_code = 422
        async with request.form(max_files=1, max_fields=_MAX_FORM_FIELDS) as form:
            context["sent"] = {
                name: value for name, value in form.items() if isinstance(value, str)
            }
            data = cv = None
            try:
                data = _application_of(form, posting)
            except InvalidInput as error:
                errors |= _messages(error.errors)
            upload = form.get("cv")
            if isinstance(upload, UploadFile):
                try:
                    cv = await read_cv(upload)
                except DomainError as error:
                    errors["cv"] = error.detail
            if data is not None and not errors:
                try:
                    submitted = await run_in_threadpool(_submit, session, posting_id, data, cv, now)
                except InvalidInput as error:
                    errors |= _messages(error.errors)
                except DomainError as error:
                    errors[""] = error.detail
                    status_code = error.status_code
        if errors:
            context["errors"] = errors
            return _page(render("posting.html", **context), status_code, PRIVATE_PAGE)
        if not submitted.replayed:
            metrics.applications.inc()
        application = submitted.application
        token = applying.withdrawal_token(application.id)
        body = render(
            "applied.html",
            request=request,
            posting=posting,
            employer=found.organisation,
            withdraw=url_of_path(request, f"/applications/{application.id}/withdraw?token={token}"),
        )
        return _page(body, 201, PRIVATE_PAGE)

    return await _shown(request, make)


def _submit(
    session: Session, posting_id: int, data: ApplicationCreate, cv: CV | None, now: datetime
) -> applying.Submitted:
    posting = postings.get_visible(session, ANONYMOUS, posting_id)
    return applying.submit(session, posting, data, cv, None, now)


@router.get("/applications/{application_id}/withdraw")
async def withdraw_page(request: Request, application_id: uuid.UUID, token: str = "") -> Response:
    """Asks before withdrawing: a link followed by a mail scanner must not withdraw anything."""
    body = render("withdraw.html", request=request, application_id=application_id, token=token)
    return _page(body, headers=PRIVATE_PAGE)


@router.post("/applications/{application_id}/withdraw")
async def withdraw(
    request: Request, application_id: uuid.UUID, session: SessionDep, now: NowDep
) -> Response:
    """Withdraws the application whose token the form carries, by the API's rules."""

    async def make() -> Response:
        _same_site(request)
        limit_anonymous_write(request)
        async with request.form(max_files=0, max_fields=5) as form:
            token = form.get("token")
        try:
            withdrawal = Withdrawal.model_validate({"token": token})
        except ValidationError:
            raise InvalidInput(
                ["body", "token"], "the withdrawal link is incomplete; use the whole link"
            ) from None
        await run_in_threadpool(applying.withdraw, session, application_id, withdrawal.token, now)
        return _page(render("withdrawn.html", request=request), headers=PRIVATE_PAGE)

    return await _shown(request, make)


def _organisation_page(
    connect: Connect, slug: str, query: PostingQuery
) -> tuple[organisations.Profile, listing.PostingPage]:
    with connect() as connection:
        employer = organisations.profile(connection, slug)
        return employer, listing.list_postings(connection, ANONYMOUS, query)


def _organisation_query(request: Request, slug: str, size: int) -> PostingQuery:
    cursor = request.query_params.get("cursor") or None
    try:
        return PostingQuery.model_validate(
            {"organisation": [slug], "open": True, "limit": size, "cursor": cursor}
        )
    except ValidationError as error:
        raise InvalidInput.of(field_errors(error, ["query"])) from None


async def _organisation_listing(
    request: Request, slug: str, template: str, size: int, headers: dict[str, str], **extra: Any
) -> Response:
    turn = look_up(request)
    if turn.found is not None:
        return respond(request, turn.found)
    connect = read_connect(request)
    query = _organisation_query(request, slug, size)
    employer, page = await read_with(connect, _organisation_page, connect, slug, query)
    now = utcnow()
    items = [orjson.loads(item) for item in page.items]
    body = render(
        template, request=request, employer=employer, page=page, items=items, now=now, **extra
    )
    answer = representation(body, media_type=HTML, headers=headers)
    turn.keep(answer, _kept_until(page.valid_until, [i["closes_at"] for i in items], now))
    return respond(request, answer)


@router.get("/organisations/{slug}")
async def organisation_page(request: Request, slug: str) -> Response:
    """An organisation and its open postings."""
    return await _shown(
        request,
        lambda: _organisation_listing(
            request, slug, "organisation.html", ORGANISATION_PAGE_SIZE, PAGE_HEADERS
        ),
    )


def _embed_headers(stylesheet: str | None) -> dict[str, str]:
    """Any site may frame the embed; it may load the one stylesheet it was asked for."""
    styles = "'self'" + (f" {stylesheet}" if stylesheet else "")
    policy = _POLICY.format(ancestors="*").replace("style-src 'self'", f"style-src {styles}")
    return {**PAGE_HEADERS, "Content-Security-Policy": policy}


@router.get("/embed/organisations/{slug}")
async def embed_page(request: Request, slug: str, css: str | None = None) -> Response:
    """An organisation's open postings for an `<iframe>` on its own site: no site chrome,
    links open in the embedding page, and `css` one of `EMBED_STYLESHEETS`."""

    async def make() -> Response:
        if css is not None and css not in get_settings().embed_stylesheets:
            raise InvalidInput(
                ["query", "css"],
                "is not a stylesheet this server lets embeds load; ask its operator to list it"
                " in EMBED_STYLESHEETS",
            )
        return await _organisation_listing(
            request, slug, "embed.html", EMBED_PAGE_SIZE, _embed_headers(css), stylesheet=css
        )

    return await _shown(request, make)


def _sitemap_index(connect: Connect, base: str) -> bytes:
    with connect() as connection:
        files = range(sitemap.file_count(connection))
    return render("sitemap-index.xml", base=base, files=files)


def _sitemap_file(connect: Connect, base: str, number: int) -> bytes:
    with connect() as connection:
        if number >= sitemap.file_count(connection):
            raise NotFound(f"The sitemap has no file {number}.")
        return render("sitemap.xml", base=base, entries=sitemap.entries(connection, number))


async def _xml(request: Request, make: Callable[[], bytes]) -> Response:
    turn = look_up(request)
    if turn.found is not None:
        return respond(request, turn.found)
    answer = representation(await run_in_threadpool(make), media_type=XML)
    turn.keep(answer, None)
    return respond(request, answer)


@router.get("/sitemap.xml")
async def sitemap_index(request: Request) -> Response:
    """The sitemap's files, each of the published postings of `PER_FILE` ids."""
    connect, base = read_connect(request), base_url(request)
    return await _xml(request, lambda: _sitemap_index(connect, base))


@router.get("/sitemaps/postings-{number}.xml")
async def sitemap_file(request: Request, number: SitemapFile) -> Response:
    """One file of the sitemap: its published postings with the day each last changed."""
    connect, base = read_connect(request), base_url(request)
    return await _shown(
        request, lambda: _xml(request, lambda: _sitemap_file(connect, base, number))
    )


@router.get("/robots.txt")
def robots(request: Request) -> Response:
    """Crawlers read the pages and the sitemap; the JSON API and applicants' pages are not
    for them."""
    body = render("robots.txt", base=base_url(request))
    return Response(body, media_type="text/plain; charset=utf-8")
