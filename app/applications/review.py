"""Reviewing applications: who may see them, moving them along the workflow, and reading
them (one in full with its history, its CV, its export, or a posting's list)."""

import base64
import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, func
from sqlmodel import Session, col, select

from app.applications.filters import ApplicationQuery, ApplicationSort
from app.applications.models import Application, ApplicationCV, ApplicationEvent
from app.applications.schemas import (
    Answer,
    ApplicationExport,
    ApplicationRead,
    ApplicationSummary,
    Consent,
    CVInfo,
    HistoryEntry,
)
from app.applications.workflow import WORKFLOW, Status, move
from app.core.errors import Conflict, NotFound
from app.core.keyset import DATETIME, UUID, Key, Keyset
from app.core.markdown import render_markdown
from app.core.principal import Principal
from app.organisations.models import Organisation
from app.postings.models import Posting


def url_of(application_id: uuid.UUID) -> str:
    return f"/v1/applications/{application_id}"


def _hidden(application_id: uuid.UUID) -> NotFound:
    return NotFound(
        f"No application {application_id} that this caller may see. Applications are shown only"
        " with the API key of the organisation that published the posting."
    )


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
    move(session, application, status, principal.actor, now)
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
