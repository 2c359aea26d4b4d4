"""Every list filter is served by an index, on both databases, so no later change to a query
or an index can silently turn a page into a scan of every posting (see bench/)."""

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, column, insert, inspect, table, text
from sqlalchemy.sql.expression import TableClause
from sqlmodel import Session, SQLModel

from app.core.db import table_of
from app.core.principal import ANONYMOUS
from app.organisations.models import Organisation
from app.postings import listing
from app.postings.filters import FILTERS as DECLARED
from app.postings.filters import ORDERS, PostingQuery, PostingSort
from app.postings.models import Posting, PostingTag
from tests.conftest import ON_POSTGRES

TODAY = datetime.now(UTC).date()
POSTINGS = 600


def _as_stored(connection: Connection, model: type[SQLModel]) -> TableClause:
    """A model's table with only the columns the database has, and none of their defaults."""
    stored = {column["name"] for column in inspect(connection).get_columns(table_of(model).name)}
    columns = [column(c.name, c.type) for c in table_of(model).columns if c.name in stored]
    return table(table_of(model).name, *columns)


def fill(connection: Connection) -> None:
    """Two organisations and a few hundred varied postings, then planner statistics. The
    tables are read from the database, so that an older schema (see test_migrations) is
    filled too: the models' Python defaults would name columns it does not have yet."""
    now = datetime.now(UTC)
    organisation, posting, posting_tag = (
        _as_stored(connection, model) for model in (Organisation, Posting, PostingTag)
    )
    connection.execute(
        insert(organisation),
        [
            {"slug": slug, "name": slug.title(), "timezone": "UTC"}
            | {"created_at": now, "updated_at": now}
            for slug in ("lab", "institute")
        ],
    )
    lab, institute = connection.execute(text("SELECT id FROM organisation ORDER BY id")).scalars()
    rows: list[dict[str, Any]] = []
    for number in range(POSTINGS):
        deadline = None if number % 7 == 0 else TODAY + timedelta(days=number % 90 - 45)
        rows.append(
            {
                "organisation_id": lab if number % 2 else institute,
                "title": f"Engineer {number}" + (" kubernetes" if number % 50 == 0 else ""),
                "location": ["Berlin", "Zurich", "Remote (Europe)"][number % 3],
                "remote": ["remote", "hybrid", "onsite"][number % 3],
                "employment_type": ["full-time", "part-time"][number % 2],
                "deadline": deadline,
                "closes_at": deadline
                and datetime(deadline.year, deadline.month, deadline.day, tzinfo=UTC),
                "posted_on": date(2026, 1, 1) + timedelta(days=number % 300),
                "status": ["open", "open", "closed", "draft"][number % 4],
                "description": "",
                "description_html": "",
                "questions": [],
                "created_at": now - timedelta(minutes=number),
                "updated_at": now - timedelta(minutes=number),
            }
        )
    connection.execute(insert(posting), rows)
    ids = connection.execute(text("SELECT id FROM posting")).scalars().all()
    connection.execute(
        insert(posting_tag),
        [{"posting_id": posting_id, "tag": "python"} for posting_id in ids[::5]],
    )
    connection.execute(text("ANALYZE"))


@pytest.fixture
def populated(session: Session) -> Session:
    fill(session.connection())
    return session


# Values of every declared filter, each tried alone: a filter declared without one fails
# `test_every_declared_filter_has_an_example`, so none escapes the index guard.
EXAMPLES: dict[str, tuple[Any, ...]] = {
    "organisation": (["lab"], ["lab", "institute"]),
    "location": ("zurich",),
    "remote": (["remote"],),
    "employment_type": (["part-time"],),
    "tag": (["python"],),
    "deadline_before": (TODAY + timedelta(days=10),),
    "deadline_after": (TODAY,),
    "closing_within": (14,),
    "open": (True, False),
    "status": (["closed"],),
    "posted_after": (date(2026, 6, 1),),
    "posted_before": (date(2026, 6, 1),),
    "updated_since": (datetime.now(UTC) - timedelta(hours=1),),
    "q": ("kubernetes",),
}


def _stable(value: Any) -> str:
    """A test id for an example that is the same in every test process (not a time)."""
    return type(value).__name__ if isinstance(value, date) else str(value)


# Each filter alone, plus the combinations the list is mostly asked for.
FILTERS: dict[str, dict[str, Any]] = {
    "no filter": {},
    **{
        f"{name}={_stable(value)}": {name: value}
        for name, values in EXAMPLES.items()
        for value in values
    },
    "organisation, open, by deadline": {"organisation": ["lab"], "open": True, "sort": "deadline"},
    "open, deadline before, by deadline": {
        "open": True,
        "deadline_before": TODAY + timedelta(days=10),
        "sort": "deadline",
    },
}
# Sort orders the index itself must give, for the first page and for a page through a cursor:
# every declared sort, and the combinations above.
ORDERED: dict[str, dict[str, Any]] = {
    **{f"sort={sort.value}": {"sort": sort} for sort in ORDERS},
    "organisation, open, by deadline": FILTERS["organisation, open, by deadline"],
    "open, deadline before, by deadline": FILTERS["open, deadline before, by deadline"],
}


def plan_of(session: Session, query: PostingQuery) -> str:
    """The plan of the statement `list_postings` runs for `query`, as the database prints it."""
    connection = session.connection()
    page, _count, values = listing.page_query(connection, ANONYMOUS, query, datetime.now(UTC))
    statement, arguments = page.sql, page.arguments(values)
    parameters = arguments if isinstance(arguments, dict) else tuple(arguments)
    if ON_POSTGRES:
        # The tables are small, so the planner would rightly scan them: forbid scans and sorts
        # and see whether an index can do the work. A scan or sort that remains has no index.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        connection.exec_driver_sql("SET LOCAL enable_sort = off")
        explain = "EXPLAIN (COSTS OFF) " + statement
        lines = connection.exec_driver_sql(explain, parameters).scalars().all()
    else:
        rows = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        lines = [row[3] for row in rows]
    return "\n".join(lines)


def _full_scans(plan: str) -> list[str]:
    if ON_POSTGRES:
        return re.findall(r"Seq Scan on posting\b(?! ?_)", plan)
    return re.findall(r"^SCAN posting$", plan, flags=re.MULTILINE)


def sorts(plan: str) -> list[str]:
    if ON_POSTGRES:
        return re.findall(
            r"^\s*(?:->\s*)?(?:Incremental )?Sort(?! Key).*$", plan, flags=re.MULTILINE
        )
    return re.findall(r"USE TEMP B-TREE FOR ORDER BY", plan)


def test_every_declared_filter_and_sort_has_an_example() -> None:
    assert set(EXAMPLES) == set(DECLARED)
    assert set(ORDERS) == set(PostingSort)


@pytest.mark.parametrize("filters", FILTERS.values(), ids=FILTERS.keys())
def test_every_filter_uses_an_index_not_a_scan_of_all_postings(
    populated: Session, filters: dict[str, Any]
) -> None:
    plan = plan_of(populated, PostingQuery(**filters))
    assert _full_scans(plan) == [], plan


@pytest.mark.parametrize("filters", ORDERED.values(), ids=ORDERED.keys())
def test_pages_come_in_index_order_without_sorting_the_matches(
    populated: Session, filters: dict[str, Any]
) -> None:
    first = PostingQuery(**filters, limit=5)
    assert sorts(plan_of(populated, first)) == [], plan_of(populated, first)
    cursor = listing.list_postings(populated.connection(), ANONYMOUS, first).next_cursor
    assert cursor is not None
    later = PostingQuery(**filters, limit=5, cursor=cursor)
    plan = plan_of(populated, later)
    assert sorts(plan) == [], plan
    assert _full_scans(plan) == [], plan
