"""Rules for applications: who may apply and when, the review workflow, and erasure."""

import base64
import hashlib
import hmac
import json
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, exists, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.applications.files import CV
from app.applications.filters import ApplicationQuery, ApplicationSort
from app.applications.models import (
    Application,
    ApplicationCV,
    ApplicationEvent,
    ApplicationStatus,
)
from app.applications.schemas import (
    Answer,
    ApplicationCreate,
    ApplicationExport,
    ApplicationRead,
    ApplicationSummary,
    Consent,
    CVInfo,
    HistoryEntry,
)
from app.core.config import get_settings
from app.core.errors import Conflict, FieldError, InvalidInput, NotFound
from app.core.keyset import DATETIME, UUID, Key, Keyset
from app.core.markdown import render_markdown
from app.core.principal import Principal
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingStatus
from app.postings.schemas import Question, QuestionKind

Status = ApplicationStatus

# The review workflow: where each status may move next. Withdrawal is the applicant's own
# move (with their token), so no reviewer may make it.
WORKFLOW: dict[Status, tuple[Status, ...]] = {
    Status.submitted: (Status.in_review, Status.rejected),
    Status.in_review: (Status.interview, Status.rejected),
    Status.interview: (Status.offer, Status.rejected),
    Status.offer: (Status.hired, Status.rejected),
    Status.hired: (),
    Status.rejected: (),
    Status.withdrawn: (),
}
WITHDRAWABLE = (Status.submitted, Status.in_review, Status.interview, Status.offer)
APPLICANT = "applicant"

_CLOSED_REASONS = {
    PostingStatus.draft: "is a draft and does not accept applications yet",
    PostingStatus.closed: "is closed and no longer accepts applications",
    PostingStatus.filled: "has been filled and no longer accepts applications",
}


def url_of(application_id: uuid.UUID) -> str:
    return f"/v1/applications/{application_id}"


def withdrawal_token(application_id: uuid.UUID) -> str:
    """The applicant's secret for withdrawing, derived rather than stored.

    Derived from the server's secret key, so a retried request can show it again while the
    database holds nothing that would let anyone else withdraw.
    """
    key = get_settings().secret_key.encode()
    digest = hmac.new(key, b"withdraw:" + application_id.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def normalise_email(email: str) -> str:
    """Addresses compare case-insensitively: Ada@Example.org applied already as ada@example.org."""
    return email.strip().casefold()


def _fingerprint(data: ApplicationCreate, cv: CV | None) -> str:
    """What identifies a request, so a retry is told from a different request with the same key."""
    payload = data.model_dump(mode="json") | {"cv": cv.sha256 if cv else None}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _hidden(application_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"No application {application_id} that this caller may see. Applications are shown only"
        " with the API key of the organisation that published the posting."
    )


# --- applying ------------------------------------------------------------------------------


def _check_accepting(session: Session, posting: Posting, now: datetime) -> None:
    """Refuse (409) unless the posting is open and its deadline day has not ended."""
    if posting.status in _CLOSED_REASONS:
        raise Conflict(f"This posting {_CLOSED_REASONS[posting.status]}.")
    if posting.closes_at is not None and now >= posting.closes_at:
        organisation = session.get_one(Organisation, posting.organisation_id)
        raise Conflict(
            f"Applications closed at the end of {posting.deadline} ({organisation.timezone}),"
            f" that is {posting.closes_at.isoformat()}.",
            closed_at=posting.closes_at.isoformat(),
        )


def _answer_error(question: Question, value: Any) -> str | None:
    if question.kind is QuestionKind.yes_no:
        return None if isinstance(value, bool) else "must be true or false"
    if not isinstance(value, str):
        return "must be a string"
    if question.kind is QuestionKind.choice and value not in question.choices:
        return "must be one of: " + ", ".join(question.choices)
    if question.required and not value.strip():
        return "is required and may not be empty"
    if len(value) > 5000:
        return "must have at most 5000 characters"
    return None


def _checked_answers(posting: Posting, answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers with the prompts they answer, or 422 naming every bad question at once."""
    questions = [Question.model_validate(question) for question in posting.questions]
    known = {question.id for question in questions}
    errors = [
        FieldError(
            loc=["body", "answers", name], message="no such question", type="extra_forbidden"
        )
        for name in answers
        if name not in known
    ]
    checked = []
    for question in questions:
        loc: list[str | int] = ["body", "answers", question.id]
        value = answers.get(question.id)
        if value is None:
            if question.required:
                errors.append(
                    FieldError(loc=loc, message=f"required: {question.prompt}", type="missing")
                )
            continue
        problem = _answer_error(question, value)
        if problem:
            errors.append(FieldError(loc=loc, message=problem, type="value_error"))
        else:
            checked.append({"question": question.id, "prompt": question.prompt, "answer": value})
    if errors:
        raise InvalidInput.of(errors)
    return checked


@dataclass(frozen=True)
class Submitted:
    application: Application
    replayed: bool


def _repeated(session: Session, posting_id: int, idempotency_key: str | None) -> Application | None:
    """The application this request retries: the same idempotency key, to the same posting."""
    if not idempotency_key:
        return None
    return session.exec(
        select(Application).where(
            col(Application.posting_id) == posting_id,
            col(Application.idempotency_key) == idempotency_key,
        )
    ).first()


def _replayed(earlier: Application, fingerprint: str) -> Submitted:
    """The first response again for a retry; 422 if the key came with another request."""
    if earlier.request_fingerprint != fingerprint:
        raise InvalidInput(
            ["header", "Idempotency-Key"],
            "was already used for a different application to this posting;"
            " send a new key with a new request",
        )
    return Submitted(earlier, replayed=True)


def _first_from(session: Session, posting_id: int, email: str) -> uuid.UUID | None:
    """The first application from this address to the posting, which a later one links.

    Read for every application, found or not, so that answering takes as long either way.
    """
    return session.exec(
        select(col(Application.id))
        .where(
            col(Application.posting_id) == posting_id,
            col(Application.email_normalised) == normalise_email(email),
        )
        .order_by(col(Application.submitted_at), col(Application.id))
        .limit(1)
    ).first()


def submit(
    session: Session,
    posting: Posting,
    data: ApplicationCreate,
    cv: CV | None,
    idempotency_key: str | None,
    now: datetime,
) -> Submitted:
    """Store an application with its CV and first history entry, all or nothing.

    A retry with the same idempotency key returns the first application, even if the
    deadline passed in between; the unique constraint settles concurrent retries.

    An address that applied before is not refused: the answer to an anonymous caller must
    not tell whether someone else's address has applied. The new application is stored and
    answered like any other, and links the first one (`duplicate_of`) for the organisation.
    """
    assert posting.id is not None
    fingerprint = _fingerprint(data, cv)
    if earlier := _repeated(session, posting.id, idempotency_key):
        return _replayed(earlier, fingerprint)
    _check_accepting(session, posting, now)
    answers = _checked_answers(posting, data.answers)
    application = Application(
        posting_id=posting.id,
        name=data.name,
        email=data.email,
        email_normalised=normalise_email(data.email),
        phone=data.phone,
        cover_letter=data.cover_letter,
        links=[str(link) for link in data.links],
        answers=answers,
        consented_at=now,
        privacy_notice_version=posting.privacy_notice_version,
        duplicate_of=_first_from(session, posting.id, data.email),
        idempotency_key=idempotency_key,
        request_fingerprint=fingerprint,
        submitted_at=now,
        updated_at=now,
    )
    try:
        with session.begin_nested():
            session.add(application)
            session.flush()
            if cv is not None:
                session.add(
                    ApplicationCV(
                        application_id=application.id,
                        filename=cv.filename,
                        content_type=cv.content_type,
                        size=cv.size,
                        sha256=cv.sha256,
                        content=cv.content,
                    )
                )
            session.add(
                ApplicationEvent(
                    application_id=application.id,
                    to_status=Status.submitted,
                    actor=APPLICANT,
                    at=now,
                )
            )
            session.flush()
    except IntegrityError:
        # A concurrent retry with the same key committed first.
        if earlier := _repeated(session, posting.id, idempotency_key):
            return _replayed(earlier, fingerprint)
        raise
    return Submitted(application, replayed=False)


def withdraw(session: Session, application_id: uuid.UUID, token: str, now: datetime) -> Application:
    """The applicant withdraws with their token; withdrawing twice changes nothing."""
    application = session.get(Application, application_id)
    if application is None or not hmac.compare_digest(token, withdrawal_token(application_id)):
        raise NotFound(f"No application {application_id} with this withdrawal token.")
    if application.status is Status.withdrawn:
        return application
    if application.status not in WITHDRAWABLE:
        raise Conflict(
            f"This application is already {application.status.value}; it can no longer be"
            " withdrawn."
        )
    _move(session, application, Status.withdrawn, APPLICANT, now)
    return application


# --- reviewing -----------------------------------------------------------------------------


def require_reviewer(principal: Principal, posting: Posting) -> None:
    """Only the posting's organisation (or an admin) may see its applications; others get 404."""
    if not principal.may_manage(posting.organisation_id):
        raise NotFound(
            f"No applications to posting {posting.id} that this caller may see. Applications are"
            " shown only with the API key of the organisation that published the posting."
        )


def get_for_review(
    session: Session, principal: Principal, application_id: uuid.UUID
) -> Application:
    """The application, if the caller reviews its posting; 404 otherwise, revealing nothing."""
    row = session.execute(
        select(Application, col(Posting.organisation_id))
        .join(Posting, col(Posting.id) == Application.posting_id)
        .where(col(Application.id) == application_id)
    ).first()
    if row is None or not principal.may_manage(row[1]):
        raise _hidden(application_id)
    application: Application = row[0]
    return application


def _move(
    session: Session, application: Application, status: Status, actor: str, now: datetime
) -> None:
    session.add(
        ApplicationEvent(
            application_id=application.id,
            from_status=application.status,
            to_status=status,
            actor=actor,
            at=now,
        )
    )
    application.status = status
    application.updated_at = now
    session.add(application)
    session.flush()


def change_status(
    session: Session, principal: Principal, application: Application, status: Status, now: datetime
) -> Application:
    """Move along the workflow; asking for the current status again changes nothing."""
    if status is application.status:
        return application
    allowed = WORKFLOW[application.status]
    if status not in allowed:
        if status is Status.withdrawn:
            detail = "Only the applicant can withdraw an application, with their token."
        elif not allowed:
            detail = f"This application is {application.status.value}, which is final."
        else:
            detail = (
                f"An application that is {application.status.value} cannot move to"
                f" {status.value}; it can move to: {', '.join(s.value for s in allowed)}."
            )
        raise Conflict(detail, allowed=[s.value for s in allowed])
    _move(session, application, status, principal.actor, now)
    return application


def _history(session: Session, application_id: uuid.UUID) -> list[HistoryEntry]:
    events = session.exec(
        select(ApplicationEvent)
        .where(col(ApplicationEvent.application_id) == application_id)
        .order_by(col(ApplicationEvent.id))
    )
    return [
        HistoryEntry(
            status=event.to_status,
            previous_status=event.from_status,
            at=event.at,
            actor=event.actor,
        )
        for event in events
    ]


def _cv_of(session: Session, application_id: uuid.UUID) -> CVInfo | None:
    row = session.execute(
        select(
            col(ApplicationCV.filename), col(ApplicationCV.content_type), col(ApplicationCV.size)
        ).where(col(ApplicationCV.application_id) == application_id)
    ).first()
    if row is None:
        return None
    return CVInfo(
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        url=f"{url_of(application_id)}/cv",
    )


def to_read(session: Session, application: Application) -> ApplicationRead:
    cv = _cv_of(session, application.id)
    return ApplicationRead(
        id=application.id,
        posting_id=application.posting_id,
        status=application.status,
        name=application.name,
        email=application.email,
        has_cv=cv is not None,
        submitted_at=application.submitted_at,
        updated_at=application.updated_at,
        erased_at=application.erased_at,
        duplicate_of=application.duplicate_of,
        phone=application.phone,
        cover_letter=application.cover_letter,
        cover_letter_html=(
            None if application.cover_letter is None else render_markdown(application.cover_letter)
        ),
        links=application.links,
        answers=(
            None
            if application.answers is None
            else [Answer.model_validate(answer) for answer in application.answers]
        ),
        consent=Consent(
            given_at=application.consented_at,
            privacy_notice_version=application.privacy_notice_version,
        ),
        cv=cv,
        history=_history(session, application.id),
    )


def cv_file(session: Session, application: Application) -> ApplicationCV:
    cv = session.get(ApplicationCV, application.id)
    if cv is None:
        raise NotFound(f"Application {application.id} has no CV.")
    return cv


def export(session: Session, application: Application) -> ApplicationExport:
    """Everything held about the applicant, CV included, for a data-subject request."""
    posting = session.get_one(Posting, application.posting_id)
    organisation = session.get_one(Organisation, posting.organisation_id)
    cv = session.get(ApplicationCV, application.id)
    return ApplicationExport(
        **to_read(session, application).model_dump(),
        posting_title=posting.title,
        organisation=organisation.name,
        cv_content_base64=base64.b64encode(cv.content).decode() if cv else None,
    )


@dataclass
class ApplicationPage:
    items: list[ApplicationSummary]
    next_cursor: str | None
    total: int | None


_SUMMARY_FIELDS = {
    "id",
    "posting_id",
    "status",
    "name",
    "email",
    "submitted_at",
    "updated_at",
    "erased_at",
    "duplicate_of",
}


# Each sort: by submission time, then id the same way; a cursor also names its posting.
_ORDERS = {
    sort: Keyset(
        (
            Key("at", col(Application.submitted_at), DATETIME),
            Key("id", col(Application.id), UUID),
        ),
        descending=sort is ApplicationSort.submitted_desc,
        marks={"sort": sort.value},
    )
    for sort in ApplicationSort
}


def list_applications(
    session: Session, posting: Posting, query: ApplicationQuery
) -> ApplicationPage:
    """A page of the posting's applications, oldest first by default, by keyset."""
    order = _ORDERS[query.sort]
    where = [col(Application.posting_id) == posting.id]
    if query.status:
        where.append(col(Application.status).in_(query.status))
    if query.submitted_after:
        where.append(col(Application.submitted_at) > query.submitted_after)
    has_cv = exists().where(col(ApplicationCV.application_id) == Application.id)
    statement = (
        select(Application, has_cv.label("has_cv"))
        .where(*where)
        .order_by(*order.order_by())
        .limit(query.limit + 1)
    )
    if query.cursor:
        statement = statement.where(order.after(order.decode(query.cursor, posting=posting.id)))
    rows = list(session.execute(statement))
    has_more = len(rows) > query.limit
    rows = rows[: query.limit]
    items = [
        ApplicationSummary(**row[0].model_dump(include=_SUMMARY_FIELDS), has_cv=bool(row.has_cv))
        for row in rows
    ]
    next_cursor = None
    if has_more:
        last = rows[-1][0]
        next_cursor = order.encode({"at": last.submitted_at, "id": last.id}, posting=posting.id)
    total = None
    if query.count:
        total = session.scalar(select(func.count()).select_from(Application).where(*where))
    return ApplicationPage(items=items, next_cursor=next_cursor, total=total)


# --- personal data -------------------------------------------------------------------------


def erase(session: Session, application: Application, now: datetime) -> None:
    """Remove the applicant's personal data and CV; the anonymised record stays for counts."""
    if application.erased_at is not None:
        return
    session.execute(
        delete(ApplicationCV).where(col(ApplicationCV.application_id) == application.id)
    )
    for field in (
        "name",
        "email",
        "email_normalised",
        "phone",
        "cover_letter",
        "links",
        "answers",
        "duplicate_of",
        "idempotency_key",
        "request_fingerprint",
    ):
        setattr(application, field, None)
    application.erased_at = now
    application.updated_at = now
    session.add(application)
    session.flush()


def purge(
    session: Session, statuses: list[Status], older_than: timedelta, now: datetime, dry_run: bool
) -> Counter[Status]:
    """Erase every application in `statuses` unchanged for `older_than`; returns counts."""
    candidates = session.exec(
        select(Application).where(
            col(Application.status).in_(statuses),
            col(Application.updated_at) < now - older_than,
            col(Application.erased_at).is_(None),
        )
    ).all()
    counts: Counter[Status] = Counter(application.status for application in candidates)
    if not dry_run:
        for application in candidates:
            erase(session, application, now)
    return counts
