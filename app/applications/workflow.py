"""The review workflow: where an application's status may move next, and each move recorded
in its history. Reviewers move it along; only the applicant withdraws it."""

from datetime import datetime

from sqlmodel import Session

from app.applications.models import Application, ApplicationEvent, ApplicationStatus

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


def move(
    session: Session, application: Application, status: Status, actor: str, now: datetime
) -> None:
    """Make the move and record it in the application's history, by `actor` at `now`."""
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
