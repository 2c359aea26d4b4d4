"""Listing postings: one statement per page, compiled once per query shape, in a total order
by keyset, with how long the page stays true as time alone passes."""

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    bindparam,
    func,
    select,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlmodel import col

from app.core.db import utcnow
from app.core.principal import Principal
from app.fastpath import Prepared
from app.organisations.models import Organisation
from app.postings import documents, filters, search
from app.postings.filters import Clock, PostingQuery
from app.postings.models import Posting


@dataclass
class PostingPage:
    """One page of summaries, each as the JSON text of a list item."""

    items: list[str]
    next_cursor: str | None
    total: int | None
    # Until when time alone leaves the page as it is (None: for ever); see `_valid_until`.
    valid_until: datetime | None


@lru_cache(maxsize=256)
def _prepared_page(dialect: Dialect, shape: filters.Shape) -> tuple[Prepared, Prepared]:
    """The page query and the count query of a query shape, compiled once: building them
    costs more than running them."""
    sets = dict(shape)
    order = filters.ORDERS[sets["sort"]]
    where = filters.conditions(shape, dialect.name)
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
        select(*order.columns())
        .join(Organisation, col(Organisation.id) == Posting.organisation_id)
        .where(*where)
        .order_by(*order.order_by())
        .limit(bindparam("limit", None))
    )
    if "cursor" in sets:
        chosen = chosen.where(order.after())
    if sets.get("walk") is False:
        # SQLite sorts every match of a search, and would write each one's JSON before
        # sorting: choose the page first, then write only its rows.
        page_rows = chosen.subquery("page_rows")
        page = (
            select(item, *page_rows.c, *closing)
            .join_from(page_rows, Posting, col(Posting.id) == page_rows.c.id)
            .join(Organisation, col(Organisation.id) == Posting.organisation_id)
            .order_by(*order.order_by())
        )
    else:
        page = chosen.with_only_columns(item, *order.columns(), *closing)
    # A total of postings that leave as they close changes when the first of all of them does.
    closes_at = type_coerce(col(Posting.closes_at), String())
    if "count_up_to" in sets:
        # At most `count_up_to` matches, whichever the database reaches first: a person's
        # page says "more than 1,000" at the cost of 1,001 rows, not of every match. Those
        # rows are open until the first of them closes, so until then there are still more.
        counted = (
            select(closes_at.label("closes_at"))
            .where(*where)
            .limit(bindparam("count_up_to", None))
            .subquery("counted")
        )
        count = select(
            func.count().label("total"),
            *([func.min(counted.c.closes_at).label("closes_at")] if closing else []),
        ).select_from(counted)
    else:
        first_closing = [func.min(closes_at).label("closes_at")] if closing else []
        count = (
            select(func.count().label("total"), *first_closing).select_from(Posting).where(*where)
        )
    return Prepared(page, dialect), Prepared(count, dialect)


def page_query(
    connection: Connection,
    principal: Principal,
    query: PostingQuery,
    now: datetime,
    count_up_to: int | None = None,
) -> tuple[Prepared, Prepared, dict[str, Any]]:
    """The statements `list_postings` runs for `query` at `now`, and their parameters."""
    dialect = connection.dialect
    values = filters.parameters(query, principal, dialect.name, now)
    shape = filters.shape_of(query, principal)
    if count_up_to is not None:
        shape = (*shape, ("count_up_to", True))
        values["count_up_to"] = count_up_to
    if query.q and dialect.name == "sqlite":
        shape = (*shape, ("walk", search.walk_in_order(connection, values["q"], query.limit)))
    page, count = _prepared_page(dialect, shape)
    values["limit"] = query.limit + 1
    if query.cursor:
        order = filters.ORDERS[query.sort]
        values.update(order.arguments(order.decode(query.cursor)))
    return page, count, values


def _valid_until(query: PostingQuery, rows: list[dict[str, Any]], now: datetime) -> datetime | None:
    """Until when time alone leaves a page as it is, its data unchanged.

    Open postings leave a list as they close, so a list of them changes when the first of the
    rows read closes: the page's, and the one that says whether another page follows, or, for
    a list with its total, the row of the count, which holds the first closing of every match.
    Lists that postings join as time passes (closed ones, those closing within days) may
    change at any moment: they are valid only `now`. Each filter declares which of these it
    is (`filters.Clock`).
    """
    clock = query.clock
    if clock is Clock.still:
        return None
    if clock is Clock.moving:
        return now
    # SQLite gives the text SQLAlchemy wrote, which sorts as the times do; PostgreSQL a time.
    first: str | datetime | None = min(
        (row["closes_at"] for row in rows if row["closes_at"] is not None), default=None
    )
    if isinstance(first, str):
        return datetime.fromisoformat(first).replace(tzinfo=UTC)
    return first


def list_postings(
    connection: Connection,
    principal: Principal,
    query: PostingQuery,
    now: datetime | None = None,
    count_up_to: int | None = None,
) -> PostingPage:
    """A page of postings matching every filter at `now` (by default the present), in a total
    order, by keyset: one statement; with `query.count`, a second for the total, which stops
    at `count_up_to` when given."""
    now = now or utcnow()
    page, count, values = page_query(connection, principal, query, now, count_up_to)
    read = page.rows(connection, values)
    rows = read[: query.limit]
    has_more = len(read) > len(rows)
    next_cursor = filters.ORDERS[query.sort].encode(rows[-1]) if has_more else None
    total = None
    if query.count:
        counted = count.rows(connection, values)[0]
        total = counted["total"]
        read = [counted, *read] if "closes_at" in counted else read
    return PostingPage(
        items=[row["item"] for row in rows],
        next_cursor=next_cursor,
        total=total,
        valid_until=_valid_until(query, read, now),
    )
