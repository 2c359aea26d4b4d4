"""A posting as the API shows it: the JSON the database writes for one posting, and the
`PostingRead` model for the answers to writes, so an ETag read anywhere is the one `If-Match`
is checked against."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Integer, Select, bindparam, select
from sqlalchemy.engine import Dialect
from sqlmodel import Session, col

from app.core.errors import NotFound
from app.core.principal import Principal
from app.fastpath import Prepared
from app.organisations.models import Organisation
from app.organisations.service import PROFILE_FIELDS, Profile, profile_columns
from app.postings import documents
from app.postings.models import Posting, PostingStatus, PostingTag
from app.postings.schemas import PostingRead


@dataclass
class PostingDocument:
    """A posting as `GET /v1/postings/{id}` sends it, when it or its organisation last
    changed, and its organisation."""

    body: bytes
    last_modified: datetime
    organisation: Profile


@lru_cache
def _document_statement(dialect: Dialect) -> Prepared:
    statement: Select[*tuple[Any, ...]] = (
        select(
            documents.document_json(dialect.name).label("body"),
            col(Posting.status),
            col(Posting.organisation_id),
            col(Posting.updated_at),
            col(Organisation.updated_at).label("organisation_updated_at"),
            *(column.label(f"organisation_{column.name}") for column in profile_columns()),
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
        organisation=Profile(*(row[f"organisation_{name}"] for name in PROFILE_FIELDS)),
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
