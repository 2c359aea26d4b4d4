"""Adverts into the database: the seeds end to end, re-imports, and failures that store nothing."""

from datetime import date

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session, select

from app.core.principal import Principal
from app.importer.load import import_advert, posting_data
from app.importer.read import AdvertError
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingStatus
from app.postings.schemas import PostingReplace
from tests.factories import make_key, make_organisation
from tests.importer.adverts import real_advert


def test_the_datacite_seed_becomes_a_posting_found_by_organisation(
    client: TestClient, session: Session
) -> None:
    path = real_advert("000a")
    results = import_advert(session, str(path), path.read_bytes())
    session.commit()
    assert [result.action for result in results] == ["created"]
    items = client.get("/v1/postings", params={"organisation": "datacite"}).json()["items"]
    assert [(item["title"], item["deadline"]) for item in items] == [
        ("Technical Community Manager", "2022-02-07")
    ]
    posting = client.get(f"/v1/postings/{items[0]['id']}").json()
    assert posting["organisation"] == {"slug": "datacite", "name": "DataCite"}
    assert posting["remote"] == "remote"
    assert posting["apply_email"] == "helena.cousijn@datacite.org"
    assert posting["source_url"] is None
    assert posting["external_id"] == f"{path.name}#head1"
    assert "Your responsibilities" in posting["description"]
    assert "<h3>To apply</h3>" in posting["description_html"]


def test_the_iiif_seed_keeps_its_post_date_and_has_no_deadline(
    client: TestClient, session: Session
) -> None:
    path = real_advert("000b")
    import_advert(session, str(path), path.read_bytes())
    session.commit()
    (item,) = client.get("/v1/postings", params={"q": "coordinator"}).json()["items"]
    assert item["title"] == "Community Coordinator"
    assert item["posted_on"] == "2017-11-16"
    assert item["deadline"] is None
    assert item["location"] == "North America or Western Europe"
    assert item["apply_url"] == "https://www.clir.org/about/positions/iiif"
    assert item["tags"] == ["announcements", "jobs"]


ADVERT = b"""---
title: Example Lab - Jobs
---
- [Engineer](#eng)
- [Editor](#ed)

# <a name="eng"></a>Engineer
Write code. Apply by 1 March 2030 to jobs@example.org.

# <a name="ed"></a>Editor
Edit text. Apply by 2 March 2030 to jobs@example.org.
"""


def test_reimporting_the_same_advert_changes_nothing(session: Session) -> None:
    first = import_advert(session, "jobs.md", ADVERT)
    session.commit()
    again = import_advert(session, "site/jobs.md", ADVERT)
    session.commit()
    assert [r.action for r in first] == ["created", "created"]
    assert [r.action for r in again] == ["unchanged", "unchanged"]
    assert [r.posting_id for r in again] == [r.posting_id for r in first]
    assert len(session.exec(select(Posting)).all()) == 2


def test_an_edited_advert_updates_its_postings_in_place(session: Session) -> None:
    first = import_advert(session, "jobs.md", ADVERT)
    session.commit()
    edited = ADVERT.replace(b"2 March 2030", b"9 March 2030")
    second = import_advert(session, "jobs.md", edited)
    session.commit()
    assert [r.action for r in second] == ["unchanged", "updated"]
    editor = session.get_one(Posting, second[1].posting_id)
    assert editor.deadline == date(2030, 3, 9)
    assert editor.id == first[1].posting_id


def test_a_new_organisation_is_created_from_the_advert(session: Session) -> None:
    import_advert(session, "jobs.md", ADVERT)
    session.commit()
    organisation = session.exec(select(Organisation)).one()
    assert (organisation.slug, organisation.name) == ("example-lab", "Example Lab")


def test_a_pinned_organisation_receives_every_opening(session: Session) -> None:
    pinned = make_organisation(session, slug="pinned")
    results = import_advert(session, "jobs.md", ADVERT, organisation="pinned")
    session.commit()
    postings = session.exec(select(Posting)).all()
    assert {p.organisation_id for p in postings} == {pinned.id}
    assert len(results) == 2
    assert session.exec(select(Organisation)).all() == [pinned]


def test_the_results_name_the_organisation_the_postings_are_stored_under(
    session: Session,
) -> None:
    make_organisation(session, slug="pinned", name="Pinned Lab")
    results = import_advert(session, "jobs.md", ADVERT, organisation="pinned")
    assert [result.as_json()["organisation"] for result in results] == ["Pinned Lab"] * 2
    edited = ADVERT.replace(b"1 March", b"3 March")
    again = import_advert(session, "jobs.md", edited, organisation="pinned")
    assert [result.action for result in again] == ["updated", "unchanged"]
    assert [result.as_json()["organisation"] for result in again] == ["Pinned Lab"] * 2


def test_an_advert_that_names_no_organisation_is_refused(session: Session) -> None:
    with pytest.raises(AdvertError, match="does not name its organisation"):
        import_advert(session, "a.md", b"# Engineer\n\nWrite code.\n")


@pytest.mark.parametrize(
    ("address", "kept"),
    [("jobs@example.org", "jobs@example.org"), ("jobs@example.invalid", None)],
)
def test_an_apply_email_the_api_would_refuse_is_left_out(
    session: Session, address: str, kept: str | None
) -> None:
    advert = f"---\ntitle: Engineer\ncompany: Example Lab\napply_email: {address}\n---\nCode.\n"
    [result] = import_advert(session, "jobs.md", advert.encode())
    session.commit()
    assert result.action == "created"
    assert session.get_one(Posting, result.posting_id).apply_email == kept


@pytest.mark.parametrize(
    "data",
    [b"", b"\x00\x01binary", "caf\u00e9".encode("latin-1"), b"---\ntitle: [x\n  - : :\n---\nx"],
)
def test_an_unreadable_advert_stores_nothing(session: Session, data: bytes) -> None:
    with pytest.raises(AdvertError):
        import_advert(session, "bad.md", data)
    session.rollback()
    assert session.exec(select(Posting)).all() == []
    assert session.exec(select(Organisation)).all() == []


def test_an_unchanged_advert_is_not_read_again(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = import_advert(session, "jobs.md", ADVERT)
    session.commit()

    def unreadable(source: str, data: bytes) -> list[object]:
        raise AssertionError("an unchanged advert was parsed again")

    monkeypatch.setattr("app.importer.load.read_openings", unreadable)
    again = import_advert(session, "jobs.md", ADVERT)
    assert [(r.action, r.posting_id) for r in again] == [("unchanged", r.posting_id) for r in first]


def test_an_unchanged_advert_makes_again_a_posting_deleted_since(
    client: TestClient, session: Session
) -> None:
    first = import_advert(session, "jobs.md", ADVERT)
    session.commit()
    deleted = client.delete(f"/v1/postings/{first[1].posting_id}", headers=make_key(session))
    assert deleted.status_code == 204
    again = import_advert(session, "jobs.md", ADVERT)
    session.commit()
    assert [r.action for r in again] == ["unchanged", "created"]
    assert again[0].posting_id == first[0].posting_id
    assert len(session.exec(select(Posting)).all()) == 2


def test_the_same_advert_with_another_status_is_applied_again(session: Session) -> None:
    import_advert(session, "jobs.md", ADVERT)
    session.commit()
    again = import_advert(session, "jobs.md", ADVERT, status=PostingStatus.draft)
    session.commit()
    assert [r.action for r in again] == ["updated", "updated"]
    assert {p.status for p in session.exec(select(Posting))} == {PostingStatus.draft}


def test_an_unchanged_advert_imported_by_another_organisation_makes_its_own_postings(
    session: Session,
) -> None:
    first = import_advert(session, "jobs.md", ADVERT)
    session.commit()
    other = make_organisation(session, slug="other")
    again = import_advert(session, "jobs.md", ADVERT, principal=Principal(organisation_id=other.id))
    session.commit()
    assert [r.action for r in again] == ["created", "created"]
    mine = {session.get_one(Posting, r.posting_id).organisation_id for r in again}
    assert mine == {other.id}
    assert not {r.posting_id for r in again} & {r.posting_id for r in first}


def test_a_refused_apply_email_is_left_out_before_other_fields_are_judged() -> None:
    fields = {"title": "Engineer", "apply_email": "jobs@example.invalid", "deadline": "soon"}
    with pytest.raises(ValidationError) as refused:
        posting_data(PostingReplace, fields)
    assert [problem["loc"] for problem in refused.value.errors()] == [("deadline",)]
