"""Rules for organisations: unique slugs, and no deleting one that still has postings."""

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import ColumnElement, Connection, exists
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from app.core.db import conflict_unless_unique, one_of, utcnow
from app.core.errors import Conflict, NotFound
from app.core.keyset import STR, Key, Keyset
from app.organisations.models import Organisation
from app.organisations.schemas import OrganisationCreate, OrganisationUpdate, slugify
from app.postings.models import Posting


def get_by_slug(session: Session, slug: str) -> Organisation:
    """The organisation called `slug`, or 404."""
    organisation = find_by_slug(session, slug)
    if organisation is None:
        raise NotFound(f"No organisation with slug '{slug}'.")
    return organisation


@dataclass(frozen=True)
class Profile:
    """An organisation as its page and its postings' pages show it."""

    slug: str
    name: str
    website: str | None
    description: str | None
    timezone: str


PROFILE_FIELDS = tuple(field.name for field in fields(Profile))


def profile_columns() -> list[ColumnElement[Any]]:
    """The columns of a `Profile`, in its order, each named as its field."""
    return [col(getattr(Organisation, name)).label(name) for name in PROFILE_FIELDS]


def profile(connection: Connection, slug: str) -> Profile:
    """The organisation called `slug`, or 404."""
    columns = select_columns(*profile_columns())
    row = connection.execute(columns.where(col(Organisation.slug) == slug)).first()
    if row is None:
        raise NotFound(f"No organisation with slug '{slug}'.")
    return Profile(*row)


def directory(connection: Connection, size: int) -> list[tuple[str, str]]:
    """Slug and name of the first `size` organisations by name, for a person to choose from."""
    rows = connection.execute(
        select_columns(col(Organisation.slug), col(Organisation.name))
        .order_by(col(Organisation.name), col(Organisation.slug))
        .limit(size)
    )
    return [(slug, name) for slug, name in rows]


def find_by_slug(session: Session, slug: str) -> Organisation | None:
    return session.exec(select(Organisation).where(Organisation.slug == slug)).first()


def find_by_slugs(session: Session, slugs: Collection[str]) -> dict[str, Organisation]:
    """The organisations with these slugs that exist, by slug."""
    found: dict[str, Organisation] = {}
    for among_slugs in one_of(session, col(Organisation.slug), list(slugs)):
        found.update(
            (organisation.slug, organisation)
            for organisation in session.exec(select(Organisation).where(among_slugs))
        )
    return found


# Organisations by slug; its cursors carry the last slug alone.
_BY_SLUG = Keyset(
    (Key("slug", col(Organisation.slug), STR),),
    refusal="not a cursor of this list; start again without it",
)


def list_organisations(
    session: Session, cursor: str | None, limit: int
) -> tuple[list[Organisation], str | None]:
    """A page of organisations in slug order, after `cursor`'s, and the next page's cursor."""
    statement = select(Organisation).order_by(*_BY_SLUG.order_by()).limit(limit + 1)
    if cursor:
        statement = statement.where(_BY_SLUG.after(_BY_SLUG.decode(cursor)))
    rows = list(session.exec(statement))
    next_cursor = _BY_SLUG.encode({"slug": rows[limit - 1].slug}) if len(rows) > limit else None
    return rows[:limit], next_cursor


def create_organisation(session: Session, data: OrganisationCreate) -> Organisation:
    """A new organisation; 409 if its slug is taken."""
    return create_organisations(session, [data])[0]


def create_organisations(
    session: Session, organisations: Sequence[OrganisationCreate]
) -> list[Organisation]:
    """New organisations, flushed together (the importer meets hundreds at once); 409, and
    none created, if a slug is taken or cannot be derived."""
    slugs = [data.slug or slugify(data.name) for data in organisations]
    if not all(slugs):
        raise Conflict("Cannot derive a slug from this name; send a `slug` explicitly.")
    repeated = [slug for slug, count in Counter(slugs).items() if count > 1]
    clashes = [*find_by_slugs(session, slugs), *repeated]
    if clashes:
        raise Conflict(f"The slug '{clashes[0]}' is already taken; choose another `slug`.")
    created = [
        Organisation(slug=slug, **data.model_dump(mode="json", exclude={"slug"}))
        for slug, data in zip(slugs, organisations, strict=True)
    ]
    with conflict_unless_unique(
        session,
        f"The slug '{slugs[0]}' is already taken; choose another `slug`."
        if len(slugs) == 1
        else f"One of the slugs {', '.join(slugs)} was taken meanwhile; try again.",
    ):
        session.add_all(created)
    return created


def update_organisation(
    session: Session, organisation: Organisation, data: OrganisationUpdate
) -> dict[str, Any]:
    """Apply the fields the client sent; returns what changed."""
    changes = {
        name: value
        for name, value in data.model_dump(mode="json", exclude_unset=True).items()
        if getattr(organisation, name) != value
    }
    if changes:
        for name, value in changes.items():
            setattr(organisation, name, value)
        organisation.updated_at = utcnow()
        session.add(organisation)
        session.flush()
    return changes


def delete_organisation(session: Session, organisation: Organisation) -> None:
    """Delete an organisation and its keys; refused (409) while it has postings."""
    has_postings = session.exec(
        select(exists().where(col(Posting.organisation_id) == organisation.id))
    ).one()
    if has_postings:
        raise Conflict(f"Organisation '{organisation.slug}' still has postings; delete them first.")
    session.delete(organisation)
    session.flush()
