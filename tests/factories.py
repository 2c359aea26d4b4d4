"""Small typed factories that build rows through the services, so invariants hold."""

from itertools import count
from typing import Any

from sqlmodel import Session

from app.applications import applying
from app.applications.files import CV
from app.applications.models import Application
from app.applications.schemas import ApplicationCreate
from app.core.db import utcnow
from app.core.principal import Principal
from app.keys import service as keys
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate
from app.postings import service as postings
from app.postings.models import Posting
from app.postings.schemas import PostingCreate

ADMIN = Principal(is_admin=True)
_numbers = count(1)


def make_organisation(session: Session, **overrides: Any) -> Organisation:
    number = next(_numbers)
    fields: dict[str, Any] = {"name": f"Organisation {number}", "slug": f"org-{number}"}
    organisation = organisations.create_organisation(
        session, OrganisationCreate(**(fields | overrides))
    )
    session.commit()
    return organisation


def make_posting(session: Session, organisation: Organisation, **overrides: Any) -> Posting:
    fields: dict[str, Any] = {"organisation": organisation.slug, "title": "Research Engineer"}
    posting = postings.create_posting(session, ADMIN, PostingCreate(**(fields | overrides)))
    session.commit()
    return posting


def make_key(session: Session, organisation: Organisation | None = None) -> dict[str, str]:
    """Headers carrying a new key: admin when no organisation is given."""
    _key, token = keys.create_key(session, organisation)
    session.commit()
    return {"Authorization": f"Bearer {token}"}


def make_application(
    session: Session, posting: Posting, cv: CV | None = None, **overrides: Any
) -> Application:
    number = next(_numbers)
    fields: dict[str, Any] = {
        "name": f"Applicant {number}",
        "email": f"applicant{number}@example.org",
        "consent": True,
    }
    submitted = applying.submit(
        session, posting, ApplicationCreate(**(fields | overrides)), cv, None, utcnow()
    )
    session.commit()
    return submitted.application
