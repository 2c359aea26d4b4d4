"""Recording public changes to postings in commit order, and reading them back."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, delete, func, update
from sqlalchemy.engine import Dialect
from sqlmodel import Session, col, select

from app.changes.models import ChangeCounter, ChangeKind, PostingChange
from app.core.db import table_of
from app.core.errors import Gone
from app.core.keyset import INT, Key, Keyset
from app.fastpath import Prepared, insert_all

RESYNC = (
    "Resync: read `GET /v1/changes?since=latest` and keep its `next_cursor`, download every"
    " posting from `GET /v1/postings?status=open&status=closed&status=filled`, then follow the"
    " feed from that cursor."
)


@dataclass(frozen=True)
class Change:
    """One public change to a posting, as the feed will show it."""

    kind: ChangeKind
    posting_id: int
    organisation: str
    external_id: str | None
    posting: dict[str, Any] | None


def record(session: Session, changes: Sequence[Change], now: datetime) -> list[int]:
    """Log changes under the next sequence numbers, in order, with one counter update and one
    insert however many there are; the counter stays locked until commit."""
    if not changes:
        return []
    last: int = session.execute(
        update(ChangeCounter)
        .where(col(ChangeCounter.id) == 1)
        .values(last_seq=col(ChangeCounter.last_seq) + len(changes))
        .returning(col(ChangeCounter.last_seq))
    ).scalar_one()
    seqs = list(range(last - len(changes) + 1, last + 1))
    insert_all(
        session.connection(),
        table_of(PostingChange),
        [
            {
                "seq": seq,
                "kind": change.kind,
                "posting_id": change.posting_id,
                "organisation": change.organisation,
                "external_id": change.external_id,
                "posting": change.posting,
                "changed_at": now,
            }
            for seq, change in zip(seqs, changes, strict=True)
        ],
    )
    return seqs


def _counter(session: Session) -> ChangeCounter:
    return session.get_one(ChangeCounter, 1)


# The feed in commit order; its cursors, passed back as `since`, mark themselves as the feed's.
_FEED = Keyset(
    (Key("seq", col(PostingChange.seq), INT),),
    marks={"feed": "changes"},
    parameter="since",
    refusal="not a cursor of this feed; use a `next_cursor` it gave",
)


def _position(session: Session, since: str | None) -> int:
    """The sequence number to read after; 410 when history after it was pruned."""
    counter = _counter(session)
    if since == "latest":
        return counter.last_seq
    seq: int = 0 if since is None else _FEED.decode(since)["seq"]
    if seq < counter.pruned_through:
        raise Gone(
            f"Changes up to number {counter.pruned_through} are no longer kept, so this feed"
            f" cannot bring a mirror from number {seq} up to date. {RESYNC}",
            pruned_through=counter.pruned_through,
        )
    return seq


@dataclass
class ChangePage:
    items: list[dict[str, Any]]
    next_cursor: str
    has_more: bool


def read_changes(session: Session, since: str | None, limit: int) -> ChangePage:
    """The changes after `since`, oldest first, as the feed shows them."""
    after = _position(session, since)
    rows = session.exec(
        select(PostingChange)
        .where(_FEED.after({"seq": after}))
        .order_by(*_FEED.order_by())
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    items = [
        {
            "seq": row.seq,
            "kind": row.kind,
            "posting_id": row.posting_id,
            "organisation": row.organisation,
            "external_id": row.external_id,
            "changed_at": row.changed_at,
            "posting": row.posting,
        }
        for row in rows
    ]
    return ChangePage(items, _FEED.encode({"seq": rows[-1].seq if rows else after}), has_more)


@lru_cache
def _latest_change(dialect: Dialect) -> Prepared:
    return Prepared(select(func.max(col(PostingChange.changed_at)).label("at")), dialect)


def latest_change_at(connection: Connection) -> datetime | None:
    """When the public data last changed, for `Last-Modified` on lists (asked on every list,
    so prepared once)."""
    at: datetime | None = _latest_change(connection.dialect).rows(connection, {})[0]["at"]
    return at


def prune(session: Session, older_than: timedelta, now: datetime) -> int:
    """Forget changes older than `older_than`; cursors from before them then get 410."""
    cutoff = now - older_than
    through = session.scalar(
        select(func.max(col(PostingChange.seq))).where(col(PostingChange.changed_at) < cutoff)
    )
    if through is None:
        return 0
    pruned = session.scalar(
        select(func.count()).select_from(PostingChange).where(col(PostingChange.seq) <= through)
    )
    session.execute(delete(PostingChange).where(col(PostingChange.seq) <= through))
    counter = _counter(session)
    counter.pruned_through = max(counter.pruned_through, through)
    session.add(counter)
    session.flush()
    return pruned or 0
