"""Every table model, imported in one place so Alembic and the tests see the whole schema."""

from app.applications.models import Application, ApplicationCV, ApplicationEvent
from app.changes.models import ChangeCounter, PostingChange
from app.importer.models import ImportedAdvert
from app.keys.models import ApiKey
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingTag

__all__ = [
    "ApiKey",
    "Application",
    "ApplicationCV",
    "ApplicationEvent",
    "ChangeCounter",
    "ImportedAdvert",
    "Organisation",
    "Posting",
    "PostingChange",
    "PostingTag",
]
