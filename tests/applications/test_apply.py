"""Applying: what is accepted, what is refused, and that a refusal stores nothing."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import Session

from app.api.clock import request_time
from app.applications.models import Application, ApplicationCV, ApplicationEvent
from app.core.config import get_settings
from app.postings.models import Posting
from tests.applications import documents
from tests.factories import make_key, make_organisation, make_posting

PROBLEM = "application/problem+json"
APPLICANT = {"name": "Ada Lovelace", "email": "ada@example.org", "consent": True}
QUESTIONS = [
    {
        "id": "work-permit",
        "prompt": "Do you hold a work permit?",
        "kind": "yes_no",
        "required": True,
    },
    {
        "id": "start",
        "prompt": "When could you start?",
        "kind": "choice",
        "choices": ["now", "in a month", "later"],
        "required": True,
    },
    {"id": "hobby", "prompt": "Anything else?", "kind": "text"},
]


def stored(session: Session) -> dict[str, int]:
    """How many rows each application table holds."""
    return {
        model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Application, ApplicationCV, ApplicationEvent)
    }


NOTHING = {"Application": 0, "ApplicationCV": 0, "ApplicationEvent": 0}


@pytest.fixture
def posting(session: Session) -> Posting:
    organisation = make_organisation(session, timezone="Europe/Berlin")
    return make_posting(session, organisation, privacy_notice_version="2026-09")


def url(posting: Posting) -> str:
    return f"/v1/postings/{posting.id}/applications"


def at(app: FastAPI, moment: datetime) -> None:
    """Make every request happen at `moment`."""
    app.dependency_overrides[request_time] = lambda: moment


def test_applying_as_json_returns_the_id_and_a_withdrawal_token(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(
        url(posting),
        json=APPLICANT
        | {
            "phone": "+44 20 7946 0958",
            "cover_letter": "I *love* engines.",
            "links": ["https://example.org/notes"],
        },
    )
    assert response.status_code == 201, response.text
    receipt = response.json()
    assert set(receipt) == {
        "id",
        "posting_id",
        "status",
        "submitted_at",
        "withdrawal_token",
        "withdraw_url",
    }
    assert receipt["status"] == "submitted"
    assert response.headers["Location"] == f"http://testserver/v1/applications/{receipt['id']}"
    assert response.headers["Cache-Control"] == "private, no-store"
    application = session.exec(select(Application)).scalars().one()
    assert str(application.id) == receipt["id"]
    assert application.privacy_notice_version == "2026-09"
    assert application.links == ["https://example.org/notes"]
    assert stored(session) == {"Application": 1, "ApplicationCV": 0, "ApplicationEvent": 1}


def test_application_ids_are_random_not_sequential(client: TestClient, posting: Posting) -> None:
    first = client.post(url(posting), json=APPLICANT).json()["id"]
    second = client.post(url(posting), json=APPLICANT | {"email": "bob@example.org"}).json()["id"]
    assert len(first) == len(second) == 36
    assert first[:8] != second[:8]


@pytest.mark.parametrize(
    ("make", "filename", "content_type"),
    [
        (documents.pdf, "cv.pdf", "application/pdf"),
        (
            documents.docx,
            "cv.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (documents.odt, "cv.odt", "application/vnd.oasis.opendocument.text"),
        (documents.rtf, "cv.rtf", "application/rtf"),
        (documents.text, "cv.txt", "text/plain"),
        (documents.markdown, "cv.md", "text/markdown"),
    ],
)
def test_a_cv_of_each_accepted_kind_is_stored_with_its_application(
    client: TestClient,
    posting: Posting,
    session: Session,
    make: Callable[[], bytes],
    filename: str,
    content_type: str,
) -> None:
    content = make()
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": (filename, content, "application/octet-stream")},
    )
    assert response.status_code == 201, response.text
    cv = session.exec(select(ApplicationCV)).scalars().one()
    assert (cv.content, cv.content_type, cv.filename, cv.size) == (
        content,
        content_type,
        filename,
        len(content),
    )


def test_a_cv_is_recognised_by_its_content_not_its_name(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("../../etc/Lébenslauf final!.txt", documents.pdf(), "text/plain")},
    )
    assert response.status_code == 201, response.text
    cv = session.exec(select(ApplicationCV)).scalars().one()
    assert (cv.content_type, cv.filename) == ("application/pdf", "Lebenslauf_final.pdf")


@pytest.mark.parametrize("make", [documents.executable, documents.png])
def test_a_file_that_is_not_a_document_gets_415_and_nothing_is_stored(
    client: TestClient, posting: Posting, session: Session, make: Callable[[], bytes]
) -> None:
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("cv.pdf", make(), "application/pdf")},
    )
    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM
    assert "PDF, DOCX, ODT, RTF" in response.json()["detail"]
    assert stored(session) == NOTHING


def test_a_cv_over_the_size_limit_gets_413_and_nothing_is_stored(
    client: TestClient, posting: Posting, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MAX_CV_BYTES", "1048576")
    get_settings.cache_clear()
    just_fits = documents.pdf() + bytes(1048576 - len(documents.pdf()))
    too_big = just_fits + b"\n"

    refused = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("cv.pdf", too_big, "application/pdf")},
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"] == PROBLEM
    assert "1 MB" in refused.json()["detail"]
    assert stored(session) == NOTHING

    accepted = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("cv.pdf", just_fits, "application/pdf")},
    )
    assert accepted.status_code == 201, accepted.text


def test_a_body_far_beyond_the_limit_is_refused_before_it_is_read(
    client: TestClient, posting: Posting, session: Session
) -> None:
    huge = bytes(get_settings().max_cv_bytes + 1024 * 1024)
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("cv.pdf", huge, "application/pdf")},
    )
    assert response.status_code == 413
    assert stored(session) == NOTHING


def test_an_empty_cv_is_a_422_naming_the_field(client: TestClient, posting: Posting) -> None:
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"cv": ("cv.pdf", b"", "application/pdf")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "cv"]


def test_a_body_that_is_neither_json_nor_a_form_gets_415(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(
        url(posting), content=b"name=Ada", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415
    assert "multipart/form-data" in response.json()["detail"]
    assert stored(session) == NOTHING


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"consent": False}, ["body", "consent"]),
        ({"email": "not-an-address"}, ["body", "email"]),
        ({"name": "  "}, ["body", "name"]),
        ({"cover_letter": "x" * 10_001}, ["body", "cover_letter"]),
        ({"links": ["ftp://example.org"]}, ["body", "links", 0]),
        ({"phone": "call me"}, ["body", "phone"]),
        ({"nickname": "Ada"}, ["body", "nickname"]),
    ],
)
def test_invalid_fields_get_422_naming_them_and_nothing_is_stored(
    client: TestClient, posting: Posting, session: Session, change: dict[str, Any], loc: list[Any]
) -> None:
    response = client.post(url(posting), json=APPLICANT | change)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert [error["loc"] for error in response.json()["errors"]] == [loc]
    assert stored(session) == NOTHING


def test_a_missing_consent_is_named(client: TestClient, posting: Posting) -> None:
    response = client.post(url(posting), json={"name": "Ada", "email": "ada@example.org"})
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"loc": ["body", "consent"], "message": "Field required", "type": "missing"}
    ]


def test_a_body_that_is_not_json_gets_422(client: TestClient, posting: Posting) -> None:
    response = client.post(
        url(posting), content=b"{name: Ada", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body"]


@pytest.mark.parametrize("state", ["closed", "filled"])
def test_a_posting_that_no_longer_takes_applications_refuses_with_409(
    client: TestClient, session: Session, state: str
) -> None:
    posting = make_posting(session, make_organisation(session), status=state)
    response = client.post(url(posting), json=APPLICANT)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert "no longer accepts applications" in response.json()["detail"]
    assert stored(session) == NOTHING


def test_a_draft_posting_cannot_be_applied_to_and_does_not_reveal_itself(
    client: TestClient, session: Session
) -> None:
    posting = make_posting(session, make_organisation(session), status="draft")
    response = client.post(url(posting), json=APPLICANT)
    assert response.status_code == 404
    assert stored(session) == NOTHING


def test_applying_to_a_missing_posting_is_404(client: TestClient) -> None:
    response = client.post("/v1/postings/999999/applications", json=APPLICANT)
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


# Applications close at midnight after the deadline day, where the organisation is. Each case
# is a deadline, a timezone, the last accepted minute and the first refused one, in UTC.
DEADLINE_EDGES = [
    # Winter in Berlin (UTC+1) and summer in New York (UTC-4).
    ("Europe/Berlin", date(2027, 1, 15), "2027-01-15T22:59", "2027-01-15T23:01"),
    ("America/New_York", date(2027, 7, 15), "2027-07-16T03:59", "2027-07-16T04:01"),
    # The deadline day is the one the clocks go forward (Berlin) or back (New York): the day
    # ends at the new offset, an hour away from where the old offset would put it.
    ("Europe/Berlin", date(2027, 3, 28), "2027-03-28T21:59", "2027-03-28T22:01"),
    ("America/New_York", date(2026, 11, 1), "2026-11-02T04:59", "2026-11-02T05:01"),
]


@pytest.mark.parametrize(("timezone", "deadline", "last_minute", "too_late"), DEADLINE_EDGES)
def test_applications_close_at_the_end_of_the_deadline_day_where_the_organisation_is(
    client: TestClient,
    app: FastAPI,
    session: Session,
    timezone: str,
    deadline: date,
    last_minute: str,
    too_late: str,
) -> None:
    organisation = make_organisation(session, timezone=timezone)
    posting = make_posting(session, organisation, deadline=deadline)

    at(app, datetime.fromisoformat(too_late).replace(tzinfo=UTC))
    refused = client.post(url(posting), json=APPLICANT)
    assert refused.status_code == 409
    assert f"end of {deadline.isoformat()} ({timezone})" in refused.json()["detail"]
    assert stored(session) == NOTHING

    at(app, datetime.fromisoformat(last_minute).replace(tzinfo=UTC))
    accepted = client.post(url(posting), json=APPLICANT)
    assert accepted.status_code == 201, accepted.text


def test_applying_again_answers_as_the_first_time_and_links_the_first_for_the_organisation(
    client: TestClient, posting: Posting, session: Session
) -> None:
    first = client.post(url(posting), json=APPLICANT)
    again = client.post(url(posting), json=APPLICANT | {"email": "  ADA@Example.org "})
    stranger = client.post(url(posting), json=APPLICANT | {"email": "bob@example.org"})
    # Nothing in the answer tells a caller whether the address had applied before.
    for answer in (first, again, stranger):
        assert answer.status_code == 201, answer.text
        assert set(answer.headers) == set(first.headers)
        assert set(answer.json()) == set(first.json())
    assert stored(session)["Application"] == 3

    reviewer = make_key(session)
    listed = client.get(url(posting), headers=reviewer).json()["items"]
    assert [item["duplicate_of"] for item in listed] == [None, first.json()["id"], None]
    shown = client.get(f"/v1/applications/{again.json()['id']}", headers=reviewer).json()
    assert shown["duplicate_of"] == first.json()["id"]


def test_the_same_email_may_apply_to_another_posting(
    client: TestClient, posting: Posting, session: Session
) -> None:
    other = make_posting(session, make_organisation(session))
    assert client.post(url(posting), json=APPLICANT).status_code == 201
    assert client.post(url(other), json=APPLICANT).status_code == 201


def test_a_retry_with_the_same_idempotency_key_gets_the_original_response(
    client: TestClient, posting: Posting, session: Session
) -> None:
    headers = {"Idempotency-Key": "form-submit-7f3a"}
    first = client.post(url(posting), json=APPLICANT, headers=headers)
    retry = client.post(url(posting), json=APPLICANT, headers=headers)
    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert stored(session) == {"Application": 1, "ApplicationCV": 0, "ApplicationEvent": 1}


def test_an_idempotency_key_reused_for_a_different_application_gets_422(
    client: TestClient, posting: Posting, session: Session
) -> None:
    headers = {"Idempotency-Key": "k1"}
    assert client.post(url(posting), json=APPLICANT, headers=headers).status_code == 201
    other = client.post(
        url(posting), json=APPLICANT | {"email": "bob@example.org"}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["errors"][0]["loc"] == ["header", "Idempotency-Key"]
    assert stored(session)["Application"] == 1


def test_a_retry_after_the_deadline_still_gets_the_original_response(
    client: TestClient, app: FastAPI, session: Session
) -> None:
    posting = make_posting(session, make_organisation(session), deadline=date(2027, 1, 15))
    headers = {"Idempotency-Key": "late-retry"}
    at(app, datetime(2027, 1, 15, 12, tzinfo=UTC))
    first = client.post(url(posting), json=APPLICANT, headers=headers)
    at(app, datetime(2027, 1, 16, 12, tzinfo=UTC))
    retry = client.post(url(posting), json=APPLICANT, headers=headers)
    assert retry.status_code == 201
    assert retry.json() == first.json()


# --- questions -----------------------------------------------------------------------------


@pytest.fixture
def asking(session: Session) -> Posting:
    return make_posting(session, make_organisation(session), questions=QUESTIONS)


def test_a_posting_shows_its_questions(client: TestClient, asking: Posting) -> None:
    questions = client.get(f"/v1/postings/{asking.id}").json()["questions"]
    assert [question["id"] for question in questions] == ["work-permit", "start", "hobby"]
    assert questions[1] == QUESTIONS[1]


def test_answers_are_stored_with_the_prompts_they_answer(
    client: TestClient, asking: Posting, session: Session
) -> None:
    answers = {"work-permit": True, "start": "in a month"}
    response = client.post(url(asking), json=APPLICANT | {"answers": answers})
    assert response.status_code == 201, response.text
    application = session.exec(select(Application)).scalars().one()
    assert application.answers == [
        {"question": "work-permit", "prompt": "Do you hold a work permit?", "answer": True},
        {"question": "start", "prompt": "When could you start?", "answer": "in a month"},
    ]


def test_missing_and_invalid_answers_get_422_naming_each_question(
    client: TestClient, asking: Posting, session: Session
) -> None:
    response = client.post(
        url(asking), json=APPLICANT | {"answers": {"start": "tomorrow", "shoe-size": "42"}}
    )
    assert response.status_code == 422
    errors = {tuple(error["loc"]): error["message"] for error in response.json()["errors"]}
    assert errors == {
        ("body", "answers", "shoe-size"): "no such question",
        ("body", "answers", "work-permit"): "required: Do you hold a work permit?",
        ("body", "answers", "start"): "must be one of: now, in a month, later",
    }
    assert stored(session) == NOTHING


def test_a_yes_no_answer_must_be_a_boolean(client: TestClient, asking: Posting) -> None:
    response = client.post(
        url(asking), json=APPLICANT | {"answers": {"work-permit": "maybe", "start": "now"}}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "answers", "work-permit"]


def test_answers_come_as_a_json_field_of_a_form(
    client: TestClient, asking: Posting, session: Session
) -> None:
    response = client.post(
        url(asking),
        data={
            **APPLICANT,
            "consent": "true",
            "links": ["https://example.org/a", "https://example.org/b"],
            "answers": '{"work-permit": false, "start": "now"}',
        },
        files={"cv": ("cv.md", documents.markdown(), "text/markdown")},
    )
    assert response.status_code == 201, response.text
    application = session.exec(select(Application)).scalars().one()
    assert application.links == ["https://example.org/a", "https://example.org/b"]
    assert [answer["answer"] for answer in application.answers or []] == [False, "now"]


def test_answers_that_are_not_json_in_a_form_get_422(client: TestClient, asking: Posting) -> None:
    response = client.post(
        url(asking),
        data={**APPLICANT, "consent": "true", "answers": "yes"},
        files={"cv": ("cv.md", documents.markdown(), "text/markdown")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "answers"]


@pytest.mark.parametrize(
    "questions",
    [
        [{"id": "q", "prompt": "Pick", "kind": "choice", "choices": ["only one"]}],
        [{"id": "q", "prompt": "Name?", "kind": "text", "choices": ["a", "b"]}],
        [{"id": "q", "prompt": "A?"}, {"id": "q", "prompt": "B?"}],
        [{"id": "Not An Id", "prompt": "A?"}],
    ],
)
def test_malformed_questions_are_refused_when_the_posting_is_written(
    client: TestClient, session: Session, questions: list[dict[str, Any]]
) -> None:
    organisation = make_organisation(session)
    response = client.post(
        "/v1/postings",
        json={"title": "Engineer", "questions": questions},
        headers=make_key(session, organisation),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][:2] == ["body", "questions"]


def test_a_json_body_too_large_for_any_application_gets_413(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(url(posting), json=APPLICANT | {"cover_letter": "x" * 300_000})
    assert response.status_code == 413
    assert response.headers["content-type"] == PROBLEM
    assert stored(session) == NOTHING


def test_a_file_in_a_field_other_than_cv_is_a_422_naming_it(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true"},
        files={"photo": ("me.pdf", documents.pdf(), "application/pdf")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "photo"]
    assert stored(session) == NOTHING


def test_a_cv_sent_as_text_rather_than_a_file_is_a_422(
    client: TestClient, posting: Posting, session: Session
) -> None:
    response = client.post(
        url(posting),
        data={**APPLICANT, "consent": "true", "cv": "my cv"},
        files={"unused": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "cv"]
    assert stored(session) == NOTHING
