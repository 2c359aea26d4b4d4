"""The change log integrators mirror from, and the counter that orders it."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, portable_enum, utcnow


class ChangeKind(enum.StrEnum):
    created = "created"
    updated = "updated"
    closed = "closed"
    deleted = "deleted"


class ChangeCounter(SQLModel, table=True):
    """One row: the last sequence number given out, and how far history has been pruned.

    Taking the next number locks this row until the transaction commits, so numbers are
    handed out in commit order and a reader can never see a later change before an earlier.
    """

    __tablename__ = "change_counter"

    id: int = Field(default=1, primary_key=True)
    last_seq: int = Field(default=0, sa_type=BigInteger)
    pruned_through: int = Field(
        default=0, sa_type=BigInteger, description="Changes up to here are no longer kept."
    )


class PostingChange(SQLModel, table=True):
    """One public change to a posting, with the posting as `GET /v1/postings/{id}` showed it.

    No foreign key: a deletion's tombstone outlives its posting.
    """

    __tablename__ = "posting_change"
    __table_args__ = (Index("ix_posting_change_changed_at", "changed_at"),)

    seq: int = Field(sa_column=Column(BigInteger, primary_key=True, autoincrement=False))
    kind: ChangeKind = Field(sa_column=Column(portable_enum(ChangeKind, "kind"), nullable=False))
    posting_id: int
    organisation: str = Field(max_length=100, description="The organisation's slug.")
    external_id: str | None = Field(default=None, max_length=300)
    posting: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))
    changed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
