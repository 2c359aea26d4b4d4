"""Rules for postings: who may see and change them, deadlines, tags, and the list query."""

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo

import orjson
from pydantic import AnyUrl, BaseModel
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    bindparam,
    delete,
    func,
    insert,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlmodel import Session, col

from app.changes import service as change_log
from app.changes.models import ChangeKind
from app.core.db import conflict_unless_unique, one_of, table_of, utcnow
from app.core.errors import Conflict, InvalidInput, NotFound
from app.core.markdown import render_markdown
from app.core.pagination import decode_cursor, encode_cursor
from app.core.principal import Principal
from app.fastpath.prepared import Prepared, insert_all, insert_returning
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.postings import documents, filters, search
from app.postings.filters import Clock, PostingQuery, PostingSort
from app.postings.models import PUBLISHED, Posting, PostingStatus, PostingTag
from app.postings.schemas import PostingCreate, PostingRead, PostingReplace, PostingUpdate


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


@dataclass
class PostingDocument:
    """A posting as `GET /v1/postings/{id}` sends it, and when it or its organisation last
    changed."""

    body: bytes
    last_modified: datetime


@lru_cache
def _document_statement(dialect: Dialect) -> Prepared:
    statement: Select[*tuple[Any, ...]] = (
        select(
            documents.document_json(dialect.name).label("body"),
            col(Posting.status),
            col(Posting.organisation_id),
            col(Posting.updated_at),
            col(Organisation.updated_at).label("organisation_updated_at"),
        )
        .join(Organisation, col(Organisation.id) == Posting.organisation_id)
        .where(col(Posting.id) == bindparam("posting_id", None, type_=Integer()))
    )
    return Prepared(statement, dialect)


def _document_row(connection: Connection, posting_id: int) -> dict[str, Any] | None:
    rows = _document_statement(connection.dialect).rows(connection, {"posting_id": posting_id})
    return rows[0] if rows else None


def get_document(connection: Connection, principal: Principal, posting_id: int) -> PostingDocument:
    """The posting if the caller may see it, as JSON, in one statement; 404 as `get_visible`
    gives it."""
    row = _document_row(connection, posting_id)
    if row is None or not (
        row["status"] != PostingStatus.draft or principal.may_manage(row["organisation_id"])
    ):
        raise NotFound(f"No posting with id {posting_id}.")
    return PostingDocument(
        body=row["body"].encode(),
        last_modified=max(row["updated_at"], row["organisation_updated_at"]),
    )


def document_of(session: Session, posting: Posting) -> bytes:
    """The JSON of a posting the caller has just written, as `get_document` gives it, with
    what `session` has flushed."""
    assert posting.id is not None
    session.flush()
    row = _document_row(session.connection(), posting.id)
    assert row is not None
    body: str = row["body"]
    return body.encode()


def tags_of(session: Session, posting_ids: Sequence[int]) -> dict[int, list[str]]:
    """Each posting's tags, sorted, in one query."""
    tags: dict[int, list[str]] = {posting_id: [] for posting_id in posting_ids}
    if posting_ids:
        rows = session.execute(
            select(col(PostingTag.posting_id), col(PostingTag.tag))
            .where(col(PostingTag.posting_id).in_(posting_ids))
            .order_by(col(PostingTag.tag))
        )
        for posting_id, tag in rows:
            tags[posting_id].append(tag)
    return tags


def organisation_of(session: Session, posting: Posting) -> Organisation:
    return session.get_one(Organisation, posting.organisation_id)


def to_read(session: Session, posting: Posting) -> PostingRead:
    """The whole posting as the API shows it."""
    assert posting.id is not None
    organisation = session.get_one(Organisation, posting.organisation_id)
    return PostingRead.model_validate(
        {
            **posting.model_dump(exclude={"organisation_id"}),
            "organisation": {"slug": organisation.slug, "name": organisation.name},
            "tags": tags_of(session, [posting.id])[posting.id],
        }
    )


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
    back with each id says whose id it is, and the rows may come back in any order: so
    PostgreSQL can insert them from arrays (`insert_returning`), and SQLite, which cannot
    return new rows in the order of their parameters (asking for that makes SQLAlchemy insert
    one row per statement), in a few multi-row statements.
    """
    table = table_of(Posting)
    keyed = all(row["external_id"] is not None for row in rows)
    returning = (table.c.id, table.c.organisation_id, table.c.external_id)
    connection = session.connection()
    if keyed and connection.dialect.name == "postgresql":
        returned = insert_returning(connection, table, rows, returning)
    else:
        statement = insert(table).returning(*returning, sort_by_parameter_order=not keyed)
        returned = [tuple(row) for row in session.execute(statement, rows)]
    if not keyed:
        return [posting_id for posting_id, _, _ in returned]
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
    changed = tags is not None and tags != tags_of(session, [posting.id])[posting.id]
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


def update_posting(
    session: Session, principal: Principal, posting: Posting, data: PostingUpdate
) -> Posting:
    """Apply the fields the client sent; the timestamp moves only when something changed."""
    principal.require_manage(posting.organisation_id, "this posting")
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
# What a PUT requires of the posting it finds (None: none yet); it raises to refuse.
Precondition = Callable[[Posting | None], None]


def _no_precondition(_existing: Posting | None) -> None:
    return None


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


def delete_posting(session: Session, principal: Principal, posting: Posting) -> None:
    """Delete a posting nobody has applied to; applications are records its owner must keep."""
    principal.require_manage(posting.organisation_id, "this posting")
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


# --- listing -------------------------------------------------------------------------------


@dataclass
class PostingPage:
    """One page of summaries, each as the JSON text of a list item."""

    items: list[str]
    next_cursor: str | None
    total: int | None
    # Until when time alone leaves the page as it is (None: for ever); see `_valid_until`.
    valid_until: datetime | None


def _ordering(order: filters.Order) -> list[Any]:
    """ORDER BY for a sort, matching an index; a missing deadline counts as latest ("open
    until filled"): last in ascending order, first in descending."""
    if order.descending:
        return [order.key.desc(), col(Posting.id).desc()]
    return [order.key.asc(), col(Posting.id).asc()]


def _after(order: filters.Order) -> ColumnElement[bool]:
    """Rows strictly after the cursor's (`after_value`, `after_id`) in the sort's order: the
    keyset condition, as a row comparison. PostgreSQL seeks the sort's index to the row after
    the cursor with it. Spelled `key <= value AND (key < value OR id < last_id)`, it sought
    only to the value, then read and dropped every posting before the cursor that shares it:
    hundreds share a posted date at a million postings. SQLite seeks to the value either way.
    """
    row = tuple_(order.key, col(Posting.id))
    value: BindParameter[Any] = bindparam("after_value", None, type_=order.position.type_)
    cursor = tuple_(value, bindparam("after_id", None, type_=Integer()))
    return row < cursor if order.descending else row > cursor


@lru_cache(maxsize=256)
def _prepared_page(dialect: Dialect, shape: filters.Shape) -> tuple[Prepared, Prepared]:
    """The page query and the count query of a query shape, compiled once: building them
    costs more than running them."""
    sets = dict(shape)
    order = filters.ORDERS[sets["sort"]]
    where = filters.conditions(shape, dialect.name)
    position = order.shown
    item = documents.summary_json(dialect.name, "include" in sets).label("item")
    # When its postings close, for a list postings leave as they close (see `_valid_until`);
    # read only then, and as the driver gives it: converting 21 SQLite timestamps costs a
    # fifth of the page.
    closing = (
        [type_coerce(col(Posting.closes_at), String()).label("closes_at")]
        if filters.clock_of(sets) is Clock.closing
        else []
    )
    chosen = (
        select(col(Posting.id), position.label("position"))
        .join(Organisation, col(Organisation.id) == Posting.organisation_id)
        .where(*where)
        .order_by(*_ordering(order))
        .limit(bindparam("limit", None))
    )
    if "cursor" in sets:
        chosen = chosen.where(_after(order))
    if sets.get("walk") is False:
        # SQLite sorts every match of a search, and would write each one's JSON before
        # sorting: choose the page first, then write only its rows.
        page_rows = chosen.subquery("page_rows")
        page = (
            select(item, page_rows.c.id, page_rows.c.position, *closing)
            .join_from(page_rows, Posting, col(Posting.id) == page_rows.c.id)
            .join(Organisation, col(Organisation.id) == Posting.organisation_id)
            .order_by(*_ordering(order))
        )
    else:
        page = chosen.with_only_columns(item, col(Posting.id), position.label("position"), *closing)
    count = select(func.count().label("total")).select_from(Posting).where(*where)
    return Prepared(page, dialect), Prepared(count, dialect)


def page_query(
    connection: Connection, principal: Principal, query: PostingQuery, now: datetime
) -> tuple[Prepared, Prepared, dict[str, Any]]:
    """The statements `list_postings` runs for `query` at `now`, and their parameters."""
    dialect = connection.dialect
    values = filters.parameters(query, principal, dialect.name, now)
    shape = filters.shape_of(query, principal)
    if query.q and dialect.name == "sqlite":
        shape = (*shape, ("walk", search.walk_in_order(connection, values["q"], query.limit)))
    page, count = _prepared_page(dialect, shape)
    values["limit"] = query.limit + 1
    if query.cursor:
        values["after_value"], values["after_id"] = _decode_position(query.sort, query.cursor)
    return page, count, values


def _position(sort: PostingSort, row: dict[str, Any]) -> dict[str, Any]:
    value = filters.ORDERS[sort].position.to_json(row["position"])
    return {"sort": sort.value, "value": value, "id": row["id"]}


def _decode_position(sort: PostingSort, cursor: str) -> tuple[Any, int]:
    position = decode_cursor(cursor)
    if position.get("sort") != sort.value or not isinstance(position.get("id"), int):
        raise InvalidInput(
            ["query", "cursor"], "this cursor belongs to another sort order; start again without it"
        )
    return filters.ORDERS[sort].position.from_json(position.get("value")), position["id"]


def _valid_until(query: PostingQuery, rows: list[dict[str, Any]], now: datetime) -> datetime | None:
    """Until when time alone leaves a page as it is, its data unchanged.

    Open postings leave a list as they close, so a list of them changes when the first of the
    rows read (the page's, and the one that says whether another page follows) closes. Lists
    that postings join as time passes (closed ones, those closing within days), or whose total
    counts postings beyond the page, may change at any moment: they are valid only `now`.
    Each filter declares which of these it is (`filters.Clock`).
    """
    clock = query.clock
    if clock is Clock.still:
        return None
    if clock is Clock.moving or query.count:
        return now
    # SQLite gives the text SQLAlchemy wrote, which sorts as the times do; PostgreSQL a time.
    first: str | datetime | None = min(
        (row["closes_at"] for row in rows if row["closes_at"] is not None), default=None
    )
    if isinstance(first, str):
        return datetime.fromisoformat(first).replace(tzinfo=UTC)
    return first


def list_postings(
    connection: Connection, principal: Principal, query: PostingQuery, now: datetime | None = None
) -> PostingPage:
    """A page of postings matching every filter at `now` (by default the present), in a total
    order, by keyset: one statement."""
    now = now or utcnow()
    page, count, values = page_query(connection, principal, query, now)
    read = page.rows(connection, values)
    rows = read[: query.limit]
    next_cursor = encode_cursor(_position(query.sort, rows[-1])) if len(read) > len(rows) else None
    total = count.rows(connection, values)[0]["total"] if query.count else None
    return PostingPage(
        items=[row["item"] for row in rows],
        next_cursor=next_cursor,
        total=total,
        valid_until=_valid_until(query, read, now),
    )
