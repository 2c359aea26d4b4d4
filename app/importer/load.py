"""Extracted openings into the database: create, update, or leave alone when unchanged.

A posting made by the importer is found again by its organisation and an external id derived
from the advert's source name and the opening's anchor, so re-importing never duplicates.
"""

import hashlib
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import EmailStr, HttpUrl, TypeAdapter, ValidationError
from sqlmodel import Session

from app.core.auth import Principal
from app.importer.extract import Opening, extract
from app.importer.parse import AdvertError, read_page, split_openings
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate, slugify
from app.postings import service as postings
from app.postings.models import PostingStatus
from app.postings.schemas import PostingReplace

Action = Literal["extracted", "created", "updated", "unchanged", "failed"]
_URL = TypeAdapter(HttpUrl)
_EMAIL = TypeAdapter(EmailStr | None)
ADMIN = Principal(is_admin=True)


@dataclass
class OpeningResult:
    """What happened to one opening (or to a whole advert that could not be read)."""

    source: str
    action: Action
    opening: Opening | None = None
    posting_id: int | None = None
    reason: str | None = None

    def as_json(self) -> dict[str, Any]:
        fields = self.opening.as_json() if self.opening else {"source": self.source}
        fields.pop("description", None)
        return {**fields, "action": self.action, "posting_id": self.posting_id,
                "reason": self.reason}  # fmt: skip


def read_openings(source: str, data: bytes) -> list[Opening]:
    """Parse and extract every opening of one advert; AdvertError when it cannot be read."""
    return [extract(draft) for draft in split_openings(read_page(source, data))]


def extracted(source: str, data: bytes) -> list[OpeningResult]:
    """A dry run: what the advert yields, without looking at the database."""
    return [OpeningResult(source, "extracted", opening) for opening in read_openings(source, data)]


def _valid_url(url: str | None) -> str | None:
    if url is None:
        return None
    try:
        _URL.validate_python(url)
    except ValidationError:
        return None
    return url


def _posting_fields(opening: Opening, status: PostingStatus) -> dict[str, Any]:
    """The posting an opening becomes; values the API would refuse are left out, not failed."""
    fields: dict[str, Any] = {
        "title": opening.title,
        "location": opening.location[:300] if opening.location else None,
        "remote": opening.remote,
        "employment_type": opening.employment_type,
        "deadline": opening.deadline,
        "posted_on": opening.posted,
        "description": opening.description[:100_000],
        "apply_url": _valid_url(opening.apply_url),
        "apply_email": opening.apply_email,
        "salary": opening.salary[:300] if opening.salary else None,
        "tags": opening.tags,
        "status": status,
        "external_id": opening.external_id[:300],
        "source_url": _valid_url(
            f"{opening.source}#{opening.anchor}" if opening.anchor else opening.source
        ),
    }
    try:
        _EMAIL.validate_python(fields["apply_email"])
    except ValidationError:
        fields["apply_email"] = None
    return fields


def _organisation(
    session: Session, principal: Principal, opening: Opening, pinned: str | None
) -> Organisation:
    """The pinned organisation, or the one the advert names (created when new)."""
    if pinned is not None:
        organisation = organisations.get_by_slug(session, pinned)
    elif principal.organisation_id is not None:
        organisation = session.get_one(Organisation, principal.organisation_id)
    else:
        if not opening.organisation:
            raise AdvertError("the advert does not name its organisation; name one to import into")
        slug = slugify(opening.organisation)
        found = organisations.find_by_slug(session, slug)
        organisation = found or organisations.create_organisation(
            session, OrganisationCreate(name=opening.organisation[:200], slug=slug)
        )
    assert organisation.id is not None
    principal.require_manage(organisation.id, f"postings of '{organisation.slug}'")
    return organisation


def import_opening(
    session: Session,
    opening: Opening,
    *,
    principal: Principal = ADMIN,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
) -> OpeningResult:
    """Create or update the posting for one opening; raises a DomainError when refused."""
    owner = _organisation(session, principal, opening, organisation)
    existing = postings.find_by_external_id(session, owner, opening.external_id[:300])
    # The posting is unchanged only if the advert and the status asked for are both the same.
    fingerprint = hashlib.sha256(f"{opening.content_hash}:{status}".encode()).hexdigest()
    if existing is not None and existing.content_hash == fingerprint:
        return OpeningResult(opening.source, "unchanged", opening, existing.id)
    fields = _posting_fields(opening, status)
    external_id = fields.pop("external_id")
    posting, outcome = postings.put_posting(
        session, principal, owner, external_id, PostingReplace(**fields), fingerprint
    )
    action: Action = "updated" if outcome == "replaced" else outcome
    return OpeningResult(opening.source, action, opening, posting.id)


def import_advert(
    session: Session,
    source: str,
    data: bytes,
    *,
    principal: Principal = ADMIN,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
) -> list[OpeningResult]:
    """Every opening of one advert, in the caller's transaction: all of them or, on any
    failure, AdvertError or a DomainError and nothing (the caller rolls back)."""
    openings = read_openings(source, data)
    return [
        import_opening(
            session,
            opening,
            principal=principal,
            organisation=organisation,
            status=PostingStatus.draft if opening.draft else status,
        )
        for opening in openings
    ]
