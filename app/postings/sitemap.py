"""The published postings a sitemap lists, in files of ids `PER_FILE` wide (the sitemap
protocol allows 50,000 addresses a file): file k holds the ids from k·PER_FILE + 1 to
(k + 1)·PER_FILE, so a file's postings stay in it whatever happens to the others, the index
costs one `max(id)`, and no file costs more than its own postings to write."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlmodel import col

from app.postings.models import PUBLISHED, Posting

PER_FILE = 50_000


@dataclass(frozen=True)
class Entry:
    posting_id: int
    title: str
    updated_at: datetime


def file_count(connection: Connection) -> int:
    """How many files the ids so far take (at least one, so the index is never empty)."""
    last = connection.scalar(select(func.max(col(Posting.id))))
    return max(1, -(-(last or 0) // PER_FILE))


def entries(connection: Connection, number: int) -> list[Entry]:
    """The published postings of file `number` (from 0)."""
    rows = connection.execute(
        select(col(Posting.id), col(Posting.title), col(Posting.updated_at))
        .where(
            col(Posting.status).in_(PUBLISHED),
            col(Posting.id).between(number * PER_FILE + 1, (number + 1) * PER_FILE),
        )
        .order_by(col(Posting.id))
    )
    return [
        Entry(posting_id, title, updated_at) for posting_id, title, updated_at in rows if posting_id
    ]
