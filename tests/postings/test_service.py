"""The postings service below the routes: what the importer's batches rely on."""

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
