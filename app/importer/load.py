"""Extracted openings into the database: create, update, or leave alone when unchanged.

A posting made by the importer is found again by its organisation and an external id derived
from the advert's source name and the opening's anchor, so re-importing never duplicates.
"""

import hashlib
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, HttpUrl, TypeAdapter, ValidationError
from sqlalchemy import delete
from sqlmodel import Session, col, select

from app.core.db import one_of, table_of, utcnow
from app.core.errors import InvalidInput, field_errors
from app.core.principal import Principal
from app.fastpath import insert_all
from app.importer.models import ImportedAdvert
from app.importer.read import AdvertError, read_page
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate, slugify
from app.postings import service as postings
from app.postings.models import Posting, PostingStatus
from app.postings.schemas import PostingReplace

if TYPE_CHECKING:
    from app.importer.extract import Opening

Action = Literal["extracted", "created", "updated", "unchanged", "failed"]
_URL = TypeAdapter(HttpUrl)
ADMIN = Principal(is_admin=True)


@dataclass
class OpeningResult:
    """What happened to one opening (or to a whole advert that could not be read)."""

    source: str
    action: Action
    opening: "Opening | None" = None
    posting_id: int | None = None
    reason: str | None = None
    stored_under: str | None = None  # the name of the organisation the posting belongs to

    def as_json(self) -> dict[str, Any]:
        """The opening as extracted, and what became of it; once stored, under the name of
        the organisation that holds it, which need not be the one the advert names."""
        fields = self.opening.as_json() if self.opening else {"source": self.source}
        fields.pop("description", None)
        if self.stored_under is not None:
            fields["organisation"] = self.stored_under
        return {**fields, "action": self.action, "posting_id": self.posting_id,
                "reason": self.reason}  # fmt: skip


# The extraction rules (segment, extract and the fields' modules) are imported when an advert
# is first read, not with this module: their hundreds of patterns take half a second to
# compile, most of re-importing a folder of adverts that are all unchanged.


def prepare_reading() -> None:
    """Import the extraction rules and build the place-name gazetteer now: a process that
    forks readers does so first, so that they share both rather than each spending a second
    on them within an advert's time limit."""
    from app.importer import places  # noqa: PLC0415 (see above)

    importlib.import_module("app.importer.extract")
    places.load()


def read_openings(source: str, data: bytes) -> "list[Opening]":
    """Parse and extract every opening of one advert; AdvertError when it cannot be read."""
    from app.importer.extract import extract_page  # noqa: PLC0415 (see above)
    from app.importer.segment import split_openings  # noqa: PLC0415

    return extract_page(split_openings(read_page(source, data)))


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


def posting_fields(opening: "Opening", status: PostingStatus) -> dict[str, Any]:
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
    return fields


Fields = TypeVar("Fields", bound=BaseModel)


def posting_data(schema: type[Fields], fields: dict[str, Any]) -> Fields:
    """`schema(**fields)`, without the apply email if the API refuses that address: an
    advert's address is a clue, not a requirement. Checked here rather than in
    `posting_fields`, so that an address is validated once, not twice (email validation is
    a tenth of reading an advert)."""
    try:
        return schema(**fields)
    except ValidationError as error:
        if not any(problem["loc"][:1] == ("apply_email",) for problem in error.errors()):
            raise
        # Without the address, as before: any other refusal is then the only one reported.
        return schema(**{**fields, "apply_email": None})


def _organisation(
    session: Session, principal: Principal, opening: "Opening", pinned: str | None
) -> Organisation:
    """The pinned organisation, or the one the advert names (created when new)."""
    if pinned is not None:
        organisation = organisations.get_by_slug(session, pinned)
    elif principal.organisation_id is not None:
        organisation = session.get_one(Organisation, principal.organisation_id)
    else:
        if not opening.organisation:
            raise AdvertError(
                "the advert does not name its organisation; name one to import into"
                " (`--organisation SLUG` on the command line, `?organisation=` over HTTP)"
            )
        slug = slugify(opening.organisation)
        found = organisations.find_by_slug(session, slug)
        organisation = found or organisations.create_organisation(
            session, OrganisationCreate(name=opening.organisation[:200], slug=slug)
        )
    assert organisation.id is not None
    principal.require_manage(organisation.id, f"postings of '{organisation.slug}'")
    return organisation


def opening_fingerprint(opening: "Opening", status: PostingStatus) -> str:
    """A posting's `content_hash`: unchanged only if the advert and the status asked for are."""
    return hashlib.sha256(f"{opening.content_hash}:{status}".encode()).hexdigest()


def import_opening(
    session: Session,
    opening: "Opening",
    *,
    principal: Principal = ADMIN,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
) -> OpeningResult:
    """Create or update the posting for one opening; raises a DomainError when refused."""
    owner = _organisation(session, principal, opening, organisation)
    existing = postings.find_by_external_id(session, owner, opening.external_id[:300])
    fingerprint = opening_fingerprint(opening, status)
    if existing is not None and existing.content_hash == fingerprint:
        return OpeningResult(opening.source, "unchanged", opening, existing.id, None, owner.name)
    fields = posting_fields(opening, status)
    external_id = fields.pop("external_id")
    try:
        data = posting_data(PostingReplace, fields)
    except ValidationError as error:
        # What the advert says cannot be a posting, e.g. a date outside the years handled.
        raise InvalidInput.of(field_errors(error, ["body"])) from None
    posting, outcome = postings.put_posting(
        session, principal, owner, external_id, data, fingerprint
    )
    action: Action = "updated" if outcome == "replaced" else outcome
    return OpeningResult(opening.source, action, opening, posting.id, None, owner.name)


def advert_fingerprint(data: bytes, organisation: str | None, status: PostingStatus) -> str:
    """The advert's bytes together with the options that decide what it becomes."""
    digest = hashlib.sha256(f"{organisation or ''}\0{status}\0".encode())
    digest.update(data)
    return digest.hexdigest()


def unchanged_adverts(
    session: Session, fingerprints: dict[str, str], principal: Principal = ADMIN
) -> dict[str, list[int]]:
    """Which of the adverts (source -> fingerprint) were imported before from the same bytes
    and options, with all their postings still as that import left them: source -> the
    posting ids. Two queries for any number of adverts."""
    remembered: dict[str, list[tuple[int, str | None]]] = {}
    for among_sources in one_of(session, col(ImportedAdvert.source), list(fingerprints)):
        rows = session.execute(
            select(
                col(ImportedAdvert.source),
                col(ImportedAdvert.fingerprint),
                col(ImportedAdvert.postings),
            ).where(among_sources)
        )
        for source, fingerprint, posting_rows in rows:
            if fingerprint == fingerprints[source]:
                remembered[source] = posting_rows
    wanted = [posting_id for rows in remembered.values() for posting_id, _ in rows]
    current: dict[int, tuple[int, str | None]] = {}
    for among_ids in one_of(session, col(Posting.id), wanted):
        statement = select(
            col(Posting.id), col(Posting.organisation_id), col(Posting.content_hash)
        ).where(among_ids)
        for posting_id, organisation_id, content_hash in session.exec(statement):
            assert posting_id is not None
            current[posting_id] = (organisation_id, content_hash)

    def as_left(posting_id: int, content_hash: str | None) -> bool:
        found = current.get(posting_id)
        return found is not None and found[1] == content_hash and principal.may_manage(found[0])

    return {
        source: [posting_id for posting_id, _ in rows]
        for source, rows in remembered.items()
        if rows and all(as_left(*posting) for posting in rows)
    }


@dataclass(frozen=True)
class Remembered:
    """What the importer keeps of an advert it imported in full (see `ImportedAdvert`)."""

    source: str
    fingerprint: str
    postings: list[tuple[int, str | None]]


def remember(session: Session, adverts: Sequence[Remembered]) -> None:
    """Keep what each advert was imported as, replacing what was kept of the same source: one
    delete and one insert for any number of adverts."""
    if not adverts:
        return
    sources = [advert.source for advert in adverts]
    for among_sources in one_of(session, col(ImportedAdvert.source), sources):
        session.execute(delete(ImportedAdvert).where(among_sources))
    now = utcnow()
    insert_all(
        session.connection(),
        table_of(ImportedAdvert),
        [
            {
                "source": advert.source,
                "fingerprint": advert.fingerprint,
                "postings": advert.postings,
                "imported_at": now,
            }
            for advert in adverts
        ],
    )


def import_advert(
    session: Session,
    source: str,
    data: bytes,
    *,
    principal: Principal = ADMIN,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
    openings: "Sequence[Opening] | None" = None,
) -> list[OpeningResult]:
    """Every opening of one advert, in the caller's transaction: all of them or, on any
    failure, AdvertError or a DomainError and nothing (the caller rolls back).

    `openings` are the advert's, when a bounded worker has read them (`workers`); without
    them the advert is read here. An advert imported before from the same bytes is not read
    again while its postings are as that import left them; it reports each as unchanged.
    """
    fingerprint = advert_fingerprint(data, organisation, status)
    known = unchanged_adverts(session, {source: fingerprint}, principal)
    if source in known:
        return unchanged(source, known[source])
    results: list[OpeningResult] = []
    postings: list[tuple[int, str | None]] = []
    for opening in read_openings(source, data) if openings is None else openings:
        opening_status = PostingStatus.draft if opening.draft else status
        result = import_opening(
            session, opening, principal=principal, organisation=organisation, status=opening_status
        )
        assert result.posting_id is not None
        results.append(result)
        postings.append((result.posting_id, opening_fingerprint(opening, opening_status)))
    if results:
        remember(session, [Remembered(source, fingerprint, postings)])
    return results


def unchanged(source: str, posting_ids: list[int]) -> list[OpeningResult]:
    """The results of an advert found unchanged without reading it."""
    return [OpeningResult(source, "unchanged", posting_id=posting_id) for posting_id in posting_ids]
