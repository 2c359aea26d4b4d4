"""Erasure, bulk purge and export: what applicants are owed."""

import base64
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, inspect, select, text
from sqlmodel import Session, col

from app.applications import erasure
from app.applications.files import recognise
from app.applications.models import Application, ApplicationStatus
from app.core.db import make_engine, utcnow
from app.organisations.models import Organisation
from app.postings.models import Posting
from tests.commands import openings, run_openings
from tests.factories import make_application, make_key, make_organisation, make_posting

# Strings only this applicant's data contains, to look for everywhere after erasure.
NAME, EMAIL, PHONE = "Zebedee Quarternion", "zebedee@quarternion.example", "+44 1632 960961"
LETTER, LINK, ANSWER = "Xylophonic cover letter", "https://quarternion.example/work", "Yakutian"
CV_TEXT = b"Curriculum of Zebedee Quarternion"


@pytest.fixture
def owner(session: Session) -> Organisation:
    return make_organisation(session)


@pytest.fixture
def posting(session: Session, owner: Organisation) -> Posting:
    return make_posting(
        session, owner, questions=[{"id": "origin", "prompt": "Where from?", "kind": "text"}]
    )


@pytest.fixture
def application(session: Session, posting: Posting) -> Application:
    return make_application(
        session,
        posting,
        cv=recognise(CV_TEXT, "zebedee.txt"),
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        cover_letter=LETTER,
        links=[LINK],
        answers={"origin": ANSWER},
    )


def _as_text(value: object) -> str:
    if isinstance(value, memoryview):
        value = bytes(value)
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def every_stored_value(bind: Engine | Connection) -> str:
    """Every row of every table, the migrations' own included, as one searchable text."""
    with Session(bind) as session:
        tables = inspect(session.connection()).get_table_names()
        return "\n".join(
            _as_text(value)
            for table in tables
            for row in session.execute(text(f'SELECT * FROM "{table}"'))
            for value in row
        )


PERSONAL = (NAME, EMAIL, PHONE, LETTER, LINK, ANSWER, CV_TEXT.decode(), "zebedee")


def test_the_fixture_really_stores_every_personal_value(
    application: Application, db_bind: Engine | Connection
) -> None:
    stored = every_stored_value(db_bind)
    assert [value for value in PERSONAL if value not in stored] == []


def test_erasure_leaves_no_personal_data_in_any_table(
    client: TestClient,
    session: Session,
    owner: Organisation,
    application: Application,
    db_bind: Engine | Connection,
) -> None:
    headers = make_key(session, owner)
    client.patch(f"/v1/applications/{application.id}", json={"status": "rejected"}, headers=headers)
    response = client.delete(f"/v1/applications/{application.id}", headers=headers)
    assert response.status_code == 204
    stored = every_stored_value(db_bind)
    assert [value for value in PERSONAL if value in stored] == []


def test_an_erased_application_keeps_its_anonymised_record_and_history(
    client: TestClient,
    session: Session,
    owner: Organisation,
    posting: Posting,
    application: Application,
) -> None:
    headers = make_key(session, owner)
    at = f"/v1/applications/{application.id}"
    client.patch(at, json={"status": "in_review"}, headers=headers)
    assert client.delete(at, headers=headers).status_code == 204
    assert client.delete(at, headers=headers).status_code == 204  # erasing again is harmless

    record = client.get(at, headers=headers).json()
    assert record["status"] == "in_review"
    assert record["erased_at"] is not None
    assert [record[field] for field in ("name", "email", "phone", "cover_letter", "links")] == [
        None
    ] * 5
    assert (record["answers"], record["cv"], record["has_cv"]) == (None, None, False)
    assert [entry["status"] for entry in record["history"]] == ["submitted", "in_review"]
    listed = client.get(f"/v1/postings/{posting.id}/applications?count=true", headers=headers)
    assert listed.json()["total"] == 1
    assert client.get(f"{at}/cv", headers=headers).status_code == 404


def test_the_same_person_may_apply_again_once_their_application_is_erased(
    client: TestClient,
    session: Session,
    owner: Organisation,
    posting: Posting,
    application: Application,
) -> None:
    client.delete(f"/v1/applications/{application.id}", headers=make_key(session, owner))
    again = client.post(
        f"/v1/postings/{posting.id}/applications",
        json={"name": NAME, "email": EMAIL, "consent": True, "answers": {}},
    )
    assert again.status_code == 201, again.text


def test_export_gives_every_personal_value_and_the_cv(
    client: TestClient, session: Session, owner: Organisation, application: Application
) -> None:
    response = client.get(
        f"/v1/applications/{application.id}/export", headers=make_key(session, owner)
    )
    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="application-{application.id}.json"'
    )
    body = response.json()
    assert (body["name"], body["email"], body["phone"]) == (NAME, EMAIL, PHONE)
    assert body["cover_letter"] == LETTER
    assert body["links"] == [LINK]
    assert body["answers"] == [{"question": "origin", "prompt": "Where from?", "answer": ANSWER}]
    assert base64.b64decode(body["cv_content_base64"]) == CV_TEXT
    assert body["organisation"] == owner.name


def test_purge_erases_only_old_applications_in_the_given_statuses(
    session: Session, posting: Posting
) -> None:
    now = utcnow()
    old_rejected = make_application(session, posting)
    old_hired = make_application(session, posting)
    recent_rejected = make_application(session, posting)
    for application, status, days in (
        (old_rejected, ApplicationStatus.rejected, 200),
        (old_hired, ApplicationStatus.hired, 200),
        (recent_rejected, ApplicationStatus.rejected, 10),
    ):
        application.status = status
        application.updated_at = now - timedelta(days=days)
        session.add(application)
    session.commit()
    statuses = [ApplicationStatus.rejected, ApplicationStatus.withdrawn]

    planned = erasure.purge(session, statuses, timedelta(days=180), now, dry_run=True)
    assert planned == {ApplicationStatus.rejected: 1}
    assert session.get_one(Application, old_rejected.id).name is not None

    done = erasure.purge(session, statuses, timedelta(days=180), now, dry_run=False)
    session.commit()
    assert done == {ApplicationStatus.rejected: 1}
    erased = session.execute(
        select(Application.id).where(col(Application.erased_at).is_not(None))
    ).scalars()
    assert list(erased) == [old_rejected.id]


def test_the_purge_command_reports_what_it_would_do_and_then_does_it(
    environment: dict[str, str], scratch_database_url: str
) -> None:
    openings(environment, "migrate")
    engine = make_engine(scratch_database_url)
    with Session(engine) as session:
        posting = make_posting(session, make_organisation(session))
        for status in (ApplicationStatus.rejected, ApplicationStatus.withdrawn):
            application = make_application(session, posting)
            application.status = status
            application.updated_at = utcnow() - timedelta(days=181)
            session.add(application)
        make_application(session, posting)
        session.commit()

    purge = ("applications", "purge", "--status", "rejected,withdrawn", "--older-than", "180d")
    planned = run_openings(environment, *purge, "--dry-run")
    assert planned.startswith("Would erase 2 applications unchanged since")
    assert planned.endswith("(rejected 1, withdrawn 1).")
    done = run_openings(environment, *purge)
    assert done.startswith("Erased 2 applications")
    assert run_openings(environment, *purge).startswith("Erased 0 applications")
    with Session(engine) as session:
        remaining = session.execute(
            select(Application.name).where(col(Application.erased_at).is_(None))
        ).scalars()
        assert len(list(remaining)) == 1
    engine.dispose()


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (("--status", "rejected", "--older-than", "six months"), "180d, 26w or 48h"),
        (("--status", "binned", "--older-than", "180d"), "unknown status binned"),
    ],
)
def test_the_purge_command_refuses_what_it_cannot_read(
    environment: dict[str, str], arguments: tuple[str, ...], complaint: str
) -> None:
    openings(environment, "migrate")
    printed = run_openings(environment, "applications", "purge", *arguments, expect=2)
    words = " ".join(re.sub(r"[│╭╮╰╯─]", " ", printed).split())  # unwrap the boxed message
    assert complaint in words
