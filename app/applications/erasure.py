"""Erasing applicants' personal data: one application on request, or in bulk once its status
has not changed for long enough."""

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.applications.models import Application, ApplicationCV
from app.applications.workflow import Status


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
