"""Rules for postings and their writes: who may see and change them, deadlines, tags, external
ids, and the change log each write leaves (`representations` shows them, `listing` lists them)."""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

import orjson
from pydantic import AnyUrl, BaseModel
from sqlalchemy import (
    Select,
    delete,
    insert,
    select,
)
from sqlmodel import Session, col

from app.changes import service as change_log
from app.changes.models import ChangeKind
from app.core.db import conflict_unless_unique, one_of, table_of, utcnow
from app.core.errors import Conflict, InvalidInput, NotFound
from app.core.markdown import render_markdown
from app.core.principal import Principal
from app.fastpath import insert_all, insert_returning
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.postings import documents, representations
from app.postings.models import PUBLISHED, Posting, PostingStatus, PostingTag
from app.postings.schemas import PostingCreate, PostingReplace, PostingUpdate


def closes_at(deadline: date | None, timezone: str) -> datetime | None:
    """The instant applications close: midnight after the deadline day, where the org is."""
    if deadline is None:
        return None
    local_midnight = datetime.combine(deadline + timedelta(days=1), time(0), ZoneInfo(timezone))
    return local_midnight.astimezone(UTC)


def get_visible(
    session: Session, principal: Principal, posting_id: int, *, for_update: bool = False
) -> Posting:
    """The posting if the caller may see it; 404 otherwise (drafts do not reveal themselves).

    `for_update` locks its row until the commit (on PostgreSQL; SQLite's writers hold the
    write lock already, see `app.api.dependencies.get_session`), so what a write checks,
    such as its `If-Match`, stays true until the write is committed. The row is read afresh: after
    waiting for the lock, it is as the transaction that held it left it.
    """
    posting = session.get(
        Posting, posting_id, with_for_update=for_update, populate_existing=for_update
    )
    if posting is None or not (
        posting.status != PostingStatus.draft or principal.may_manage(posting.organisation_id)
    ):
        raise NotFound(f"No posting with id {posting_id}.")
    return posting


def _change_kind(before: PostingStatus | None, after: PostingStatus | None) -> ChangeKind | None:
    """What the public saw change, from status `before` to `after` (None: no posting).

    Drafts are not public, so entering or leaving draft reads as created or deleted, and a
    move to closed or filled as closed.
    """
    was_public, is_public = before in PUBLISHED, after in PUBLISHED
    if not was_public and not is_public:
        return None
    if not is_public:
        return ChangeKind.deleted
    if not was_public:
        return ChangeKind.created
    if after in (PostingStatus.closed, PostingStatus.filled) and before != after:
        return ChangeKind.closed
    return ChangeKind.updated


@lru_cache
def _snapshot_statement(dialect: str) -> Select[*tuple[Any, ...]]:
    """Building the JSON expression costs more than running it: build it once."""
    return select(col(Posting.id), documents.document_json(dialect)).join(
        Organisation, col(Organisation.id) == Posting.organisation_id
    )


def _snapshots(session: Session, posting_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Postings as the API shows them, for the change log, with what `session` has flushed."""
    session.flush()
    statement = _snapshot_statement(session.get_bind().dialect.name)
    snapshots: dict[int, dict[str, Any]] = {}
    for among_ids in one_of(session, col(Posting.id), posting_ids):
        rows = session.execute(statement.where(among_ids))
        snapshots.update({posting_id: orjson.loads(body) for posting_id, body in rows})
    return snapshots


def _log_change(
    session: Session, posting: Posting, before: PostingStatus | None, after: PostingStatus | None
) -> None:
    """Record what the public saw change, from status `before` to `after` (None: no posting)."""
    assert posting.id is not None
    kind = _change_kind(before, after)
    if kind is None:
        return
    organisation = session.get_one(Organisation, posting.organisation_id)
    snapshot = None if kind is ChangeKind.deleted else _snapshots(session, [posting.id])[posting.id]
    change = change_log.Change(kind, posting.id, organisation.slug, posting.external_id, snapshot)
    change_log.record(session, [change], utcnow())


def _replace_tags(session: Session, posting_id: int, tags: list[str]) -> None:
    session.execute(delete(PostingTag).where(col(PostingTag.posting_id) == posting_id))
    session.add_all(PostingTag(posting_id=posting_id, tag=tag) for tag in tags)


def _owners_of_new_postings(
    session: Session, principal: Principal, slugs: Collection[str | None]
) -> dict[str | None, Organisation]:
    """The organisation each new posting goes to, by the slug it names (None: the key's)."""
    named = organisations.find_by_slugs(session, [slug for slug in slugs if slug is not None])
    found: dict[str | None, Organisation] = dict(named.items())
    for slug in slugs:
        if slug is None:
            if principal.organisation_id is None:
                raise InvalidInput(["body", "organisation"], "required with an admin key")
            found[None] = session.get_one(Organisation, principal.organisation_id)
        elif slug not in found:
            raise InvalidInput(["body", "organisation"], f"no organisation with slug '{slug}'")
        organisation = found[slug]
        assert organisation.id is not None
        principal.require_manage(organisation.id, f"postings of '{organisation.slug}'")
    return found


def _column_values(data: BaseModel, **dump: Any) -> dict[str, Any]:
    """A schema's fields as column values: Python types, URLs as plain strings."""
    return {
        name: str(value) if isinstance(value, AnyUrl) else value
        for name, value in data.model_dump(**dump).items()
    }


def create_posting(session: Session, principal: Principal, data: PostingCreate) -> Posting:
    """A new posting for the caller's organisation (or the one named, with an admin key)."""
    [posting_id] = create_postings(session, principal, [NewPosting(data)])
    return session.get_one(Posting, posting_id)


@dataclass(frozen=True)
class NewPosting:
    """A posting to create; for an imported one, also the fingerprint of its advert, the
    organisation's name should it be new, and the description as `render_markdown` gives it
    (the importer renders in its worker processes)."""

    data: PostingCreate
    content_hash: str | None = None
    organisation_name: str | None = None
    description_html: str | None = None


def _insert_returning_ids(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows in as few statements as the driver allows: their ids, in order.

    When every row has an external id, the unique (organisation, external id) pair that comes
    back with each id says whose id it is, and the rows may come back in any order, as
    `insert_returning` gives them. Without, SQLAlchemy inserts them so that the ids come back
    in the order of the rows (on SQLite, one row per statement).
    """
    table = table_of(Posting)
    if not all(row["external_id"] is not None for row in rows):
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return [posting_id for (posting_id,) in session.execute(statement, rows)]
    returning = (table.c.id, table.c.organisation_id, table.c.external_id)
    returned = insert_returning(session.connection(), table, rows, returning)
    ids = {
        (organisation_id, external_id): posting_id
        for posting_id, organisation_id, external_id in returned
    }
    return [ids[row["organisation_id"], row["external_id"]] for row in rows]


def create_postings(
    session: Session, principal: Principal, postings: Sequence[NewPosting]
) -> list[int]:
    """New postings, in a few set-based statements however many there are: the importer
    creates thousands at a time. Their ids, in order; 409, and nothing written, if an
    external id is taken."""
    if not postings:
        return []
    owners = _owners_of_new_postings(
        session, principal, {new.data.organisation for new in postings}
    )
    now = utcnow()
    rows = []
    for new in postings:
        data, organisation = new.data, owners[new.data.organisation]
        rows.append(
            {
                **_column_values(data, exclude={"organisation", "tags"}),
                "posted_on": data.posted_on or now.date(),
                "organisation_id": organisation.id,
                "closes_at": closes_at(data.deadline, organisation.timezone),
                "description_html": render_markdown(data.description)
                if new.description_html is None
                else new.description_html,
                "content_hash": new.content_hash,
                "created_at": now,
                "updated_at": now,
            }
        )
    taken = ", ".join(f"'{new.data.external_id}'" for new in postings)
    with conflict_unless_unique(
        session,
        f"This organisation already has a posting with external_id {taken}."
        if len(postings) == 1
        else f"One of these external ids is already taken: {taken}.",
    ):
        posting_ids = _insert_returning_ids(session, rows)
    tags = [
        {"posting_id": posting_id, "tag": tag}
        for posting_id, new in zip(posting_ids, postings, strict=True)
        for tag in new.data.tags
    ]
    insert_all(session.connection(), table_of(PostingTag), tags)
    public = [
        (posting_id, new) for posting_id, new in zip(posting_ids, postings, strict=True)
        if new.data.status in PUBLISHED
    ]  # fmt: skip
    snapshots = _snapshots(session, [posting_id for posting_id, _ in public])
    changes = [
        change_log.Change(
            ChangeKind.created,
            posting_id,
            owners[new.data.organisation].slug,
            new.data.external_id,
            snapshots[posting_id],
        )
        for posting_id, new in public
    ]
    change_log.record(session, changes, now)
    return posting_ids


def _apply(
    session: Session, posting: Posting, values: dict[str, Any], tags: list[str] | None
) -> bool:
    """Set the values that differ; the timestamp moves, and the change is logged, only if any
    do. 409, and nothing changed, if the external id is another posting's.

    The changes are made inside the savepoint, not before it: beginning a savepoint flushes
    what is pending, so a change made earlier would reach the database outside it, and a
    duplicate external id would fail the whole transaction (a 500) instead of the savepoint.
    """
    before = posting.status
    with conflict_unless_unique(
        session,
        f"This organisation already has a posting with external_id '{values.get('external_id')}'.",
    ):
        changed = _set_values(session, posting, values, tags)
    if changed:
        _log_change(session, posting, before, posting.status)
    return changed


def _set_values(
    session: Session, posting: Posting, values: dict[str, Any], tags: list[str] | None
) -> bool:
    """`_apply`'s changes, flushed; whether there were any."""
    assert posting.id is not None
    changed = (
        tags is not None and tags != representations.tags_of(session, [posting.id])[posting.id]
    )
    if changed:
        assert tags is not None
        _replace_tags(session, posting.id, tags)
    for name, value in values.items():
        if getattr(posting, name) != value:
            setattr(posting, name, value)
            changed = True
    if not changed:
        return False
    if "description" in values:
        posting.description_html = render_markdown(posting.description)
    if "deadline" in values:
        organisation = session.get_one(Organisation, posting.organisation_id)
        posting.closes_at = closes_at(posting.deadline, organisation.timezone)
    posting.updated_at = utcnow()
    session.add(posting)
    session.flush()
    return True


# What a write requires of the posting it finds (None: none yet, for a PUT); it raises to
# refuse, and the write then changes nothing.
Precondition = Callable[[Posting | None], None]
VersionCheck = Callable[[Posting], None]  # what a PATCH or DELETE requires of its posting


def _no_precondition(_existing: Posting | None) -> None:
    return None


def update_posting(
    session: Session,
    principal: Principal,
    posting: Posting,
    data: PostingUpdate,
    *,
    precondition: VersionCheck = _no_precondition,
) -> Posting:
    """Apply the fields the client sent; the timestamp moves only when something changed.

    The caller's right to the posting is checked before `precondition`, so a key that may not
    change it learns nothing of its versions."""
    principal.require_manage(posting.organisation_id, "this posting")
    precondition(posting)
    values = _column_values(data, exclude_unset=True)
    tags = values.pop("tags", None)
    _apply(session, posting, values, tags)
    return posting


def find_by_external_id(
    session: Session, organisation: Organisation, external_id: str, *, for_update: bool = False
) -> Posting | None:
    """The organisation's posting with this external id; `for_update` locks it as
    `get_visible` does."""
    statement = select(Posting).where(
        col(Posting.organisation_id) == organisation.id,
        col(Posting.external_id) == external_id,
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    return session.scalars(statement).first()


PutOutcome = Literal["created", "replaced", "unchanged"]
# As long as the column holds.
MAX_EXTERNAL_ID: int = Posting.__table__.c.external_id.type.length  # type: ignore[attr-defined]


def put_posting(
    session: Session,
    principal: Principal,
    organisation: Organisation,
    external_id: str,
    data: PostingReplace,
    content_hash: str | None = None,
    *,
    precondition: Precondition = _no_precondition,
) -> tuple[Posting, PutOutcome]:
    """Create or wholly replace the organisation's posting with this external id.

    Fields left out are reset, except `posted_on`, which keeps the day it was first
    published. Nothing is written, and no change logged, when nothing differs.

    The posting found is locked until the commit, so `precondition` holds until the write
    does. When another request creates the posting between the look and the insert, the
    insert fails on the unique external id: the posting it committed is found and replaced,
    as if it had been there, so PUTs sent at once create it once and the rest replace it.
    """
    assert organisation.id is not None
    principal.require_manage(organisation.id, f"postings of '{organisation.slug}'")
    if not 1 <= len(external_id) <= MAX_EXTERNAL_ID:
        raise InvalidInput(["path", "external_id"], f"must have 1 to {MAX_EXTERNAL_ID} characters")
    if data.external_id not in (None, external_id):
        raise InvalidInput(
            ["body", "external_id"], "must match the URL's external id, or be left out"
        )
    existing = find_by_external_id(session, organisation, external_id, for_update=True)
    precondition(existing)
    if existing is None:
        create = PostingCreate(
            **data.model_dump(exclude_unset=True, exclude={"external_id"}),
            organisation=organisation.slug,
            external_id=external_id,
        )
        try:
            [posting_id] = create_postings(session, principal, [NewPosting(create, content_hash)])
        except Conflict:
            existing = find_by_external_id(session, organisation, external_id, for_update=True)
            if existing is None:
                raise
            precondition(existing)
        else:
            return session.get_one(Posting, posting_id), "created"
    values = _column_values(data, exclude={"tags"})
    values["posted_on"] = data.posted_on or existing.posted_on
    values["external_id"] = external_id
    changed = _apply(session, existing, values, data.tags)
    if content_hash != existing.content_hash:
        existing.content_hash = content_hash
        session.add(existing)
        session.flush()
    return existing, "replaced" if changed else "unchanged"


def delete_posting(
    session: Session,
    principal: Principal,
    posting: Posting,
    *,
    precondition: VersionCheck = _no_precondition,
) -> None:
    """Delete a posting nobody has applied to; applications are records its owner must keep.

    Checked as `update_posting` checks: the caller's right, then `precondition`."""
    principal.require_manage(posting.organisation_id, "this posting")
    precondition(posting)
    with conflict_unless_unique(
        session,
        "This posting has applications, so it cannot be deleted; close it instead"
        " (PATCH its status to closed).",
    ):
        session.delete(posting)
    _log_change(session, posting, posting.status, None)


def reschedule_deadlines(session: Session, organisation: Organisation) -> None:
    """Recompute when applications close after the organisation's timezone changed."""
    postings = session.scalars(
        select(Posting).where(
            col(Posting.organisation_id) == organisation.id, col(Posting.deadline).is_not(None)
        )
    )
    for posting in postings:
        posting.closes_at = closes_at(posting.deadline, organisation.timezone)
        posting.updated_at = utcnow()
        session.add(posting)
        session.flush()
        _log_change(session, posting, posting.status, posting.status)


def republish(session: Session, organisation: Organisation) -> None:
    """Log every public posting of an organisation as updated: its name shows in each."""
    postings = session.scalars(
        select(Posting).where(
            col(Posting.organisation_id) == organisation.id, col(Posting.status).in_(PUBLISHED)
        )
    )
    for posting in postings:
        _log_change(session, posting, posting.status, posting.status)
