"""The postings service below the routes: what the importer's batches rely on."""

from datetime import UTC, date, datetime

import pytest
from sqlmodel import Session, col, select

from app.changes.models import PostingChange
from app.core.errors import Conflict
from app.core.principal import ANONYMOUS
from app.importer.load import ADMIN
from app.postings import listing, representations, service
from app.postings.filters import PostingQuery
from app.postings.models import Posting
from app.postings.schemas import PostingCreate
from tests.factories import make_organisation, make_posting


def test_creating_no_postings_writes_nothing_and_is_no_conflict(session: Session) -> None:
    # A batch whose adverts all update postings has none to create.
    assert service.create_postings(session, ADMIN, []) == []
    assert session.exec(select(Posting)).all() == []
    assert session.exec(select(PostingChange)).all() == []


def test_a_batch_with_a_taken_external_id_is_a_conflict_and_writes_nothing(
    session: Session,
) -> None:
    organisation = make_organisation(session)
    make_posting(session, organisation, external_id="taken")
    batch = [
        service.NewPosting(
            PostingCreate(organisation=organisation.slug, title=title, external_id=external_id)
        )
        for title, external_id in [("Engineer", "new"), ("Editor", "taken")]
    ]
    with pytest.raises(Conflict, match="'new', 'taken'"):
        service.create_postings(session, ADMIN, batch)
    session.rollback()
    assert [p.external_id for p in session.exec(select(Posting)).all()] == ["taken"]


def test_a_batch_gets_its_ids_in_order(session: Session) -> None:
    organisation = make_organisation(session)
    batch = [
        service.NewPosting(PostingCreate(organisation=organisation.slug, title=f"Role {number}"))
        for number in range(5)
    ]
    ids = service.create_postings(session, ADMIN, batch)
    session.commit()
    assert [session.get_one(Posting, posting_id).title for posting_id in ids] == [
        f"Role {number}" for number in range(5)
    ]


def test_a_batch_keeps_every_value_of_each_posting(session: Session) -> None:
    # On PostgreSQL a batch travels as arrays, one per column: each value must land in its row.
    organisation = make_organisation(session)
    fields = [
        {
            "title": "Engineer",
            "external_id": "one",
            "deadline": date(2031, 3, 1),
            "salary_min": 50000.5,
            "remote": "hybrid",
            "questions": [{"id": "why", "prompt": "Why us?"}],
            "tags": ["python", "rust"],
        },
        {"title": "Editor", "external_id": "two", "location": 'Zürich "Oerlikon" \\ 2'},
    ]
    batch = [
        service.NewPosting(PostingCreate(organisation=organisation.slug, **values))
        for values in fields
    ]
    ids = service.create_postings(session, ADMIN, batch)
    session.commit()
    first, second = (session.get_one(Posting, posting_id) for posting_id in ids)
    assert (first.external_id, second.external_id) == ("one", "two")
    assert (first.deadline, first.salary_min, first.remote) == (date(2031, 3, 1), 50000.5, "hybrid")
    assert [question["prompt"] for question in first.questions] == ["Why us?"]
    assert first.closes_at is not None and first.closes_at.tzinfo is not None
    assert (second.location, second.questions, second.deadline) == (
        'Zürich "Oerlikon" \\ 2',
        [],
        None,
    )
    assert representations.tags_of(session, ids) == {ids[0]: ["python", "rust"], ids[1]: []}


def _page_valid_until(session: Session, now: datetime, **filters: object) -> datetime | None:
    query = PostingQuery.model_validate({"limit": 2, **filters})
    page = listing.list_postings(session.connection(), ANONYMOUS, query, now)
    return page.valid_until


def test_a_page_of_open_postings_stays_right_until_the_first_posting_read_closes(
    session: Session,
) -> None:
    organisation = make_organisation(session, timezone="UTC")
    for deadline in ("2030-01-05", "2030-01-03", "2030-01-04", "2030-01-02", None):
        make_posting(
            session, organisation, deadline=date.fromisoformat(deadline) if deadline else None
        )
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)
    # The page holds the first two by deadline, and the third says another page follows.
    by_deadline = _page_valid_until(session, now, open=True, sort="deadline")
    assert by_deadline == datetime(2030, 1, 3, tzinfo=UTC)
    newest_first = _page_valid_until(session, now, open=True)
    assert newest_first == min(
        posting.closes_at
        for posting in session.exec(select(Posting).order_by(col(Posting.id).desc()).limit(3))
        if posting.closes_at is not None
    )


def test_a_page_that_time_does_not_change_stays_right_until_the_data_does(
    session: Session,
) -> None:
    make_posting(session, make_organisation(session), deadline=date(2030, 1, 2))
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)
    assert _page_valid_until(session, now) is None
    assert _page_valid_until(session, now, deadline_before="2030-02-01") is None


def test_a_total_of_open_postings_stays_right_until_the_first_of_them_closes(
    session: Session,
) -> None:
    organisation = make_organisation(session, timezone="UTC")
    for deadline in (None, "2030-01-05", "2030-01-04", "2030-01-02", "2030-01-03"):
        make_posting(
            session, organisation, deadline=date.fromisoformat(deadline) if deadline else None
        )
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)
    # The page holds the newest two; the total counts the one closing first, beyond the page.
    valid_until = _page_valid_until(session, now, open=True, count=True)
    assert valid_until == datetime(2030, 1, 3, tzinfo=UTC)


@pytest.mark.parametrize(
    "filters",
    [{"open": False}, {"closing_within": 7}],
    ids=["closed", "closing within days"],
)
def test_a_page_that_postings_join_as_time_passes_is_right_only_now(
    session: Session, filters: dict[str, object]
) -> None:
    make_posting(session, make_organisation(session), deadline=date(2030, 1, 2))
    now = datetime(2030, 1, 1, 12, tzinfo=UTC)
    assert _page_valid_until(session, now, **filters) == now
