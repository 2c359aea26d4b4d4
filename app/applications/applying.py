"""Applying and withdrawing: who may apply and when, the answers to a posting's questions, and
a retried request answered as the first was."""

import base64
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.applications.files import CV
from app.applications.models import Application, ApplicationCV, ApplicationEvent
from app.applications.schemas import ApplicationCreate
from app.applications.workflow import APPLICANT, WITHDRAWABLE, Status, move
from app.core.config import get_settings
from app.core.errors import Conflict, FieldError, InvalidInput, NotFound
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingStatus
from app.postings.schemas import Question, QuestionKind

_CLOSED_REASONS = {
    PostingStatus.draft: "is a draft and does not accept applications yet",
    PostingStatus.closed: "is closed and no longer accepts applications",
    PostingStatus.filled: "has been filled and no longer accepts applications",
}


def withdrawal_token(application_id: uuid.UUID, key: bytes | None = None) -> str:
    """The applicant's secret for withdrawing, derived rather than stored.

    Derived from the server's secret key (`key`, else the one that signs now), so a retried
    request can show it again while the database holds nothing that would let anyone else
    withdraw.
    """
    key = key or get_settings().secret_keys()[0]
    digest = hmac.new(key, b"withdraw:" + application_id.bytes, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:24]).decode()


def _is_withdrawal_token(application_id: uuid.UUID, token: str) -> bool:
    """Whether `token` was derived for the application, by this secret key or a previous one."""
    return any(
        hmac.compare_digest(token, withdrawal_token(application_id, key))
        for key in get_settings().secret_keys()
    )


def normalise_email(email: str) -> str:
    """Addresses compare case-insensitively: Ada@Example.org applied already as ada@example.org."""
    return email.strip().casefold()


def _fingerprint(data: ApplicationCreate, cv: CV | None) -> str:
    """What identifies a request, so a retry is told from a different request with the same key."""
    payload = data.model_dump(mode="json") | {"cv": cv.sha256 if cv else None}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


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
    if application is None or not _is_withdrawal_token(application_id, token):
        raise NotFound(f"No application {application_id} with this withdrawal token.")
    if application.status is Status.withdrawn:
        return application
    if application.status not in WITHDRAWABLE:
        raise Conflict(
            f"This application is already {application.status.value}; it can no longer be"
            " withdrawn."
        )
    move(session, application, Status.withdrawn, APPLICANT, now)
    return application
