"""The postings service below the routes: what the importer's batches rely on."""

from datetime import date

import pytest
from sqlmodel import Session, select

from app.changes.models import PostingChange
from app.core.errors import Conflict
from app.importer.load import ADMIN
from app.postings import service
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
    assert service.tags_of(session, ids) == {ids[0]: ["python", "rust"], ids[1]: []}
