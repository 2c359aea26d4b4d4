"""The published postings a sitemap lists, in files of at most `PER_FILE` (the sitemap
protocol's limit is 50,000 addresses), each file a range of ids, so no file costs more than
its own postings to write."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select
from sqlmodel import col

from app.postings.models import PUBLISHED, Posting

PER_FILE = 50_000


@dataclass(frozen=True)
class Entry:
    posting_id: int | None
    title: str
    updated_at: datetime


def file_starts(connection: Connection, per_file: int = PER_FILE) -> list[int]:
    """The first id of each sitemap file: every `per_file`-th published posting by id."""
    numbered = (
        select(
            col(Posting.id).label("id"),
            func.row_number().over(order_by=col(Posting.id)).label("number"),
        )
        .where(col(Posting.status).in_(PUBLISHED))
        .subquery()
    )
    starts = select(numbered.c.id).where((numbered.c.number - 1) % per_file == 0)
    return list(connection.scalars(starts.order_by(numbered.c.id)))


def entries(connection: Connection, first_id: int, per_file: int = PER_FILE) -> list[Entry]:
    """The published postings of the file that starts at `first_id`."""
    rows = connection.execute(
        select(col(Posting.id), col(Posting.title), col(Posting.updated_at))
        .where(col(Posting.status).in_(PUBLISHED), col(Posting.id) >= first_id)
        .order_by(col(Posting.id))
        .limit(per_file)
    )
    return [Entry(posting_id, title, updated_at) for posting_id, title, updated_at in rows]
