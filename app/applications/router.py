"""HTTP routes for applying (public) and reviewing (the posting's organisation)."""

import json
import uuid
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from app.api import metrics, uploads
from app.api.clock import NowDep
from app.api.conditional import NOT_MODIFIED, require_model_match, tagged
from app.api.dependencies import PrincipalDep, SessionDep
from app.api.problems import problem_responses
from app.api.rate_limits import limit_anonymous_write
from app.applications import applying, erasure, review
from app.applications.files import CV
from app.applications.filters import ApplicationQuery
from app.applications.models import Application, ApplicationStatus
from app.applications.schemas import (
    ApplicationCreate,
    ApplicationExport,
    ApplicationRead,
    ApplicationReceipt,
    ApplicationSummary,
    StatusChange,
    Withdrawal,
    WithdrawalRead,
)
from app.core.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType, field_errors
from app.core.inputs import MAX_JSON_DEPTH, json_depth_error
from app.core.pagination import Page, next_link
from app.core.principal import ANONYMOUS
from app.core.urls import url_of_path
from app.postings import service as postings
from app.postings.schemas import PostingId

# Applications carry personal data: no cache may keep them.
PRIVATE = {"Cache-Control": "private, no-store"}


def _private(response: Response) -> None:
    """`PRIVATE` on every answer; a route that returns a `Response` of its own passes it."""
    response.headers.update(PRIVATE)


router = APIRouter(prefix="/v1", tags=["applications"], dependencies=[Depends(_private)])

MAX_JSON_BODY = 256 * 1024  # the largest valid JSON application is far smaller

_APPLICATION_FORM = {
    "required": True,
    "content": {
        "application/json": {"schema": ApplicationCreate.model_json_schema()},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["name", "email", "consent"],
                "properties": {
                    "name": {"type": "string"},
                    "email": {"type": "string", "format": "email"},
                    "phone": {"type": "string"},
                    "cover_letter": {"type": "string"},
                    "links": {"type": "array", "items": {"type": "string", "format": "uri"}},
                    "consent": {"type": "boolean"},
                    "answers": {"type": "string", "description": "A JSON object of answers."},
                    "cv": {"type": "string", "format": "binary"},
                },
            }
        },
    },
}


@dataclass(frozen=True)
class Submission:
    data: ApplicationCreate
    cv: CV | None


def _too_large(request: Request, limit: int) -> bool:
    length = request.headers.get("content-length", "")
    return length.isdigit() and int(length) > limit


def _validated(fields: dict[str, Any]) -> ApplicationCreate:
    try:
        return ApplicationCreate.model_validate(fields)
    except ValidationError as error:
        raise InvalidInput.of(field_errors(error, ["body"])) from None


async def _from_form(request: Request) -> Submission:
    """The form, whose size `app.api.request_limits` bounds (a CV and its fields)."""
    async with request.form(max_files=1, max_fields=50) as form:
        fields: dict[str, Any] = {}
        cv = None
        for name in form:
            values = form.getlist(name)
            if name == "cv":
                if not isinstance(values[0], UploadFile):
                    raise InvalidInput(
                        ["body", "cv"], "must be a file upload (curl: -F cv=@cv.pdf)"
                    )
                cv = await uploads.read_cv(values[0])
            elif any(isinstance(value, UploadFile) for value in values):
                raise InvalidInput(["body", name], "only the `cv` field may be a file")
            elif name == "links":
                fields[name] = values
            elif name == "answers":
                fields[name] = _parsed_json(
                    str(values[0]).encode(),
                    ["body", "answers"],
                    'must be a JSON object, e.g. {"visa": false}',
                )
            else:
                fields[name] = values[0]
    return Submission(_validated(fields), cv)


def _parsed_json(text: bytes, loc: list[str | int], meaning: str) -> Any:
    """`text` as JSON, or 422 at `loc`: invalid, or nested too deep for the code reading it."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InvalidInput(loc, f"{meaning}; it is not valid JSON ({error})") from None
    except RecursionError:
        value = None
        depth_error: str | None = f"nests deeper than {MAX_JSON_DEPTH} levels"
    else:
        depth_error = json_depth_error(value)
    if depth_error:
        raise InvalidInput(loc, f"{meaning}; it {depth_error}")
    return value


async def _from_json(request: Request) -> Submission:
    too_large = PayloadTooLarge("The JSON body is too large; a CV goes in a multipart upload.")
    if _too_large(request, MAX_JSON_BODY):
        raise too_large
    body = await request.body()
    if len(body) > MAX_JSON_BODY:
        raise too_large
    fields = _parsed_json(body, ["body"], "must be a JSON object")
    if not isinstance(fields, dict):
        raise InvalidInput(["body"], "must be a JSON object")
    return Submission(_validated(fields), None)


async def read_submission(request: Request) -> Submission:
    """The application from a JSON body, or from a form with the CV as the `cv` file."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type == "application/json":
        return await _from_json(request)
    if media_type == "multipart/form-data":
        return await _from_form(request)
    raise UnsupportedMediaType(
        f"Applications are sent as application/json, or as multipart/form-data with the CV in a"
        f" `cv` file field, not as {media_type or 'a body without a Content-Type'}."
    )


SubmissionDep = Annotated[Submission, Depends(read_submission)]


def _receipt(application: Application) -> ApplicationReceipt:
    url = review.url_of(application.id)
    return ApplicationReceipt(
        id=application.id,
        posting_id=application.posting_id,
        status=ApplicationStatus.submitted,
        submitted_at=application.submitted_at,
        withdrawal_token=applying.withdrawal_token(application.id),
        withdraw_url=f"{url}/withdraw",
    )


@router.post(
    "/postings/{posting_id}/applications",
    operation_id="applyToPosting",
    status_code=status.HTTP_201_CREATED,
    dependencies=[Depends(limit_anonymous_write)],
    responses=problem_responses(404, 409, 413, 415, 422, 429),
    openapi_extra={"requestBody": _APPLICATION_FORM},
)
def apply(
    request: Request,
    posting_id: PostingId,
    submission: SubmissionDep,
    session: SessionDep,
    now: NowDep,
    response: Response,
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=255,
            description="Send the same key when retrying: the first application is returned"
            " (with `Idempotent-Replayed: true`).",
        ),
    ] = None,
) -> ApplicationReceipt:
    """Apply to an open posting, with a CV as PDF, DOCX, ODT, RTF, text or Markdown.

    No key is needed. The answer carries a withdrawal token, shown only here: keep it.
    Applying again from the same email address is accepted like the first time, as a new
    application the organisation sees linked to the first: the answer is the same whether
    or not the address applied before, so it tells nobody who has applied.
    """
    posting = postings.get_visible(session, ANONYMOUS, posting_id)
    submitted = applying.submit(
        session, posting, submission.data, submission.cv, idempotency_key, now
    )
    response.headers["Location"] = url_of_path(request, review.url_of(submitted.application.id))
    if submitted.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    else:
        metrics.applications.inc()
    return _receipt(submitted.application)


@router.post(
    "/applications/{application_id}/withdraw",
    operation_id="withdrawApplication",
    dependencies=[Depends(limit_anonymous_write)],
    responses=problem_responses(404, 409, 422, 429),
)
def withdraw(
    application_id: uuid.UUID, body: Withdrawal, session: SessionDep, now: NowDep
) -> WithdrawalRead:
    """Withdraw your application with the token you were given when you applied."""
    application = applying.withdraw(session, application_id, body.token, now)
    return WithdrawalRead(id=application.id, status=application.status)


@router.get(
    "/postings/{posting_id}/applications",
    operation_id="listApplications",
    response_model=Page[ApplicationSummary],
    responses=problem_responses(401, 404, 422),
)
def list_applications(
    posting_id: PostingId,
    query: Annotated[ApplicationQuery, Query()],
    session: SessionDep,
    principal: PrincipalDep,
    request: Request,
    response: Response,
) -> Page[ApplicationSummary]:
    """The posting's applications, for its organisation's key (or an admin's)."""
    posting = postings.get_visible(session, principal, posting_id)
    review.require_reviewer(principal, posting)
    page = review.list_applications(session, posting, query)
    if page.next_cursor:
        response.headers["Link"] = next_link(request, "cursor", page.next_cursor)
    return Page(items=page.items, next_cursor=page.next_cursor, total=page.total)


def get_application(
    application_id: uuid.UUID, session: SessionDep, principal: PrincipalDep
) -> Application:
    """The application at `/v1/applications/{application_id}`, if the caller reviews it."""
    return review.get_for_review(session, principal, application_id)


ApplicationDep = Annotated[Application, Depends(get_application)]


@router.get(
    "/applications/{application_id}",
    operation_id="getApplication",
    response_model=ApplicationRead,
    responses={**NOT_MODIFIED, **problem_responses(401, 404, 422)},
)
def read_application(
    request: Request, application: ApplicationDep, session: SessionDep
) -> Response:
    """One application with its answers, CV details and status history, with its `ETag`."""
    return tagged(request, review.to_read(session, application), headers=PRIVATE)


@router.get(
    "/applications/{application_id}/cv",
    operation_id="getApplicationCv",
    response_class=Response,
    responses={
        200: {"description": "The CV file.", "content": {"application/octet-stream": {}}},
        **problem_responses(401, 404, 422),
    },
)
def read_cv(application: ApplicationDep, session: SessionDep) -> Response:
    """The CV as uploaded, with its type and a safe file name."""
    cv = review.cv_file(session, application)
    return Response(
        cv.content,
        media_type=cv.content_type,
        headers={
            "Content-Disposition": f'attachment; filename="{cv.filename}"',
            "X-Content-Type-Options": "nosniff",
            **PRIVATE,
        },
    )


@router.patch(
    "/applications/{application_id}",
    operation_id="changeApplicationStatus",
    response_model=ApplicationRead,
    responses=problem_responses(401, 404, 409, 412, 422),
)
def change_status(
    request: Request,
    application: ApplicationDep,
    body: StatusChange,
    session: SessionDep,
    principal: PrincipalDep,
    now: NowDep,
) -> Response:
    """Move the application along the workflow (submitted → in_review → interview → offer →
    hired), or reject it; a move the workflow does not allow gets 409 naming those it does.
    Send the `ETag` you read in `If-Match`: if another reviewer moved it since, you get 412."""
    # Locked until the move commits (PostgreSQL): another reviewer's move waits, then meets
    # this one, and gets 412 (with If-Match) or the workflow's 409.
    session.refresh(application, with_for_update=True)
    require_model_match(request, lambda: review.to_read(session, application), "This application")
    review.change_status(session, principal, application, body.status, now)
    return tagged(request, review.to_read(session, application), headers=PRIVATE)


@router.delete(
    "/applications/{application_id}",
    operation_id="eraseApplication",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problem_responses(401, 404, 422),
)
def erase(application: ApplicationDep, session: SessionDep, now: NowDep) -> None:
    """Erase the applicant's personal data and CV; the anonymised record and history stay."""
    erasure.erase(session, application, now)


@router.get(
    "/applications/{application_id}/export",
    operation_id="exportApplication",
    responses=problem_responses(401, 404, 422),
)
def export(
    application: ApplicationDep, session: SessionDep, response: Response
) -> ApplicationExport:
    """All data held about the applicant, CV included, as JSON for a data-subject request."""
    response.headers["Content-Disposition"] = (
        f'attachment; filename="application-{application.id}.json"'
    )
    return review.export(session, application)
