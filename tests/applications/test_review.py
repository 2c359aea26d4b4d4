"""Reviewing: only the posting's organisation (or an admin) sees applications, and moves them."""

import json
import logging
from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.clock import request_time
from app.applications.files import recognise
from app.applications.models import Application
from app.core.config import get_settings
from app.organisations.models import Organisation
from app.postings.models import Posting
from tests.applications import documents
from tests.factories import make_application, make_key, make_organisation, make_posting

PROBLEM = "application/problem+json"


class Callers:
    """Every kind of caller: headers for each."""

    def __init__(self, session: Session, owner: Organisation) -> None:
        self.anonymous: dict[str, str] = {}
        self.owner = make_key(session, owner)
        self.other = make_key(session, make_organisation(session))
        self.admin = make_key(session)
        self.bad = {"Authorization": "Bearer opn_not-a-key"}


@pytest.fixture
def owner(session: Session) -> Organisation:
    return make_organisation(session, name="Hiring Lab")


@pytest.fixture
def callers(session: Session, owner: Organisation) -> Callers:
    return Callers(session, owner)


@pytest.fixture
def posting(session: Session, owner: Organisation) -> Posting:
    return make_posting(session, owner)


@pytest.fixture
def application(session: Session, posting: Posting) -> Application:
    cv = recognise(documents.pdf(), "Ada CV.pdf")
    return make_application(
        session,
        posting,
        cv=cv,
        name="Ada Lovelace",
        email="ada@example.org",
        phone="+44 20 7946 0958",
        cover_letter="I *love* engines.",
    )


def routes(application: Application, posting: Posting) -> list[tuple[str, str]]:
    """Every route that shows or changes an application: (method, path)."""
    at = f"/v1/applications/{application.id}"
    return [
        ("GET", f"/v1/postings/{posting.id}/applications"),
        ("GET", at),
        ("GET", f"{at}/cv"),
        ("GET", f"{at}/export"),
        ("PATCH", at),
        ("DELETE", at),
    ]


@pytest.mark.parametrize(("caller", "status"), [("anonymous", 401), ("other", 404)])
def test_callers_without_the_organisations_key_learn_nothing(
    client: TestClient,
    callers: Callers,
    application: Application,
    posting: Posting,
    session: Session,
    caller: str,
    status: int,
) -> None:
    """No key at all is told to send one; another organisation's key finds nothing there."""
    for method, path in routes(application, posting):
        response = client.request(
            method,
            path,
            headers=getattr(callers, caller),
            json={"status": "in_review"} if method == "PATCH" else None,
        )
        assert response.status_code == status, (method, path)
        if status == 401:
            assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"] == PROBLEM
        assert "Ada" not in response.text and "ada@example.org" not in response.text
    session.refresh(application)
    assert (application.status, application.name) == ("submitted", "Ada Lovelace")


def test_an_unknown_application_and_a_hidden_one_look_the_same(
    client: TestClient, callers: Callers, application: Application
) -> None:
    hidden = client.get(f"/v1/applications/{application.id}", headers=callers.other)
    missing_id = "00000000-0000-4000-8000-000000000000"
    missing = client.get(f"/v1/applications/{missing_id}", headers=callers.other)
    assert (hidden.status_code, missing.status_code) == (404, 404)
    assert (
        hidden.json()["detail"].replace(str(application.id), missing_id) == missing.json()["detail"]
    )


def test_a_key_that_is_not_valid_gets_401(
    client: TestClient, callers: Callers, application: Application
) -> None:
    response = client.get(f"/v1/applications/{application.id}", headers=callers.bad)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("caller", ["owner", "admin"])
def test_the_organisation_and_an_admin_see_the_whole_application(
    client: TestClient, callers: Callers, application: Application, caller: str
) -> None:
    response = client.get(f"/v1/applications/{application.id}", headers=getattr(callers, caller))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name"] == "Ada Lovelace"
    assert body["email"] == "ada@example.org"
    assert body["cover_letter_html"] == "<p>I <em>love</em> engines.</p>\n"
    assert body["cv"] == {
        "filename": "Ada_CV.pdf",
        "content_type": "application/pdf",
        "size": len(documents.pdf()),
        "url": f"/v1/applications/{application.id}/cv",
    }
    assert [entry["status"] for entry in body["history"]] == ["submitted"]
    assert body["history"][0]["actor"] == "applicant"
    assert response.headers["Cache-Control"] == "private, no-store"


def test_the_cv_is_served_with_its_type_and_a_safe_name(
    client: TestClient, callers: Callers, application: Application
) -> None:
    response = client.get(f"/v1/applications/{application.id}/cv", headers=callers.owner)
    assert response.status_code == 200
    assert response.content == documents.pdf()
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"] == 'attachment; filename="Ada_CV.pdf"'
    assert response.headers["x-content-type-options"] == "nosniff"


def test_an_application_without_a_cv_has_no_cv_to_serve(
    client: TestClient, callers: Callers, session: Session, posting: Posting
) -> None:
    bare = make_application(session, posting)
    response = client.get(f"/v1/applications/{bare.id}/cv", headers=callers.owner)
    assert response.status_code == 404
    assert "has no CV" in response.json()["detail"]


def test_the_workflow_runs_to_hired_and_keeps_every_step_with_its_actor(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    for status in ("in_review", "interview", "offer", "hired"):
        response = client.patch(at, json={"status": status}, headers=callers.owner)
        assert response.status_code == 200, response.text
    history = response.json()["history"]
    assert [(entry["previous_status"], entry["status"]) for entry in history] == [
        (None, "submitted"),
        ("submitted", "in_review"),
        ("in_review", "interview"),
        ("interview", "offer"),
        ("offer", "hired"),
    ]
    prefix = callers.owner["Authorization"].removeprefix("Bearer ")[:12]
    assert {entry["actor"] for entry in history[1:]} == {f"key:{prefix}"}
    assert response.json()["status"] == "hired"


@pytest.mark.parametrize("status", ["submitted", "in_review", "interview", "offer"])
def test_an_open_application_can_be_rejected(
    client: TestClient, callers: Callers, application: Application, status: str
) -> None:
    at = f"/v1/applications/{application.id}"
    path = ["in_review", "interview", "offer"]
    for step in path[: path.index(status) + 1] if status != "submitted" else []:
        client.patch(at, json={"status": step}, headers=callers.owner)
    response = client.patch(at, json={"status": "rejected"}, headers=callers.owner)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected"


def test_an_impossible_move_gets_409_naming_the_allowed_ones(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    response = client.patch(at, json={"status": "offer"}, headers=callers.owner)
    assert response.status_code == 409
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["allowed"] == ["in_review", "rejected"]
    assert "in_review, rejected" in response.json()["detail"]
    assert len(client.get(at, headers=callers.owner).json()["history"]) == 1


def test_a_final_status_allows_no_move(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    client.patch(at, json={"status": "rejected"}, headers=callers.owner)
    response = client.patch(at, json={"status": "in_review"}, headers=callers.owner)
    assert response.status_code == 409
    assert response.json()["allowed"] == []
    assert "final" in response.json()["detail"]


def test_a_reviewer_cannot_withdraw_an_application(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    response = client.patch(at, json={"status": "withdrawn"}, headers=callers.owner)
    assert response.status_code == 409
    assert "Only the applicant" in response.json()["detail"]


def test_asking_for_the_current_status_changes_nothing(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    response = client.patch(at, json={"status": "submitted"}, headers=callers.owner)
    assert response.status_code == 200
    assert len(response.json()["history"]) == 1


def test_an_unknown_status_is_a_422(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    response = client.patch(at, json={"status": "shortlisted"}, headers=callers.owner)
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "status"]


# --- withdrawing ---------------------------------------------------------------------------


def apply(client: TestClient, posting: Posting) -> dict[str, str]:
    response = client.post(
        f"/v1/postings/{posting.id}/applications",
        json={"name": "Ada", "email": "ada@example.org", "consent": True},
    )
    assert response.status_code == 201, response.text
    receipt: dict[str, str] = response.json()
    return receipt


def test_the_applicant_withdraws_with_their_token(
    client: TestClient, callers: Callers, posting: Posting
) -> None:
    receipt = apply(client, posting)
    response = client.post(receipt["withdraw_url"], json={"token": receipt["withdrawal_token"]})
    assert response.status_code == 200
    assert response.json() == {"id": receipt["id"], "status": "withdrawn"}
    again = client.post(receipt["withdraw_url"], json={"token": receipt["withdrawal_token"]})
    assert again.status_code == 200
    history = client.get(f"/v1/applications/{receipt['id']}", headers=callers.owner).json()[
        "history"
    ]
    assert [(entry["status"], entry["actor"]) for entry in history] == [
        ("submitted", "applicant"),
        ("withdrawn", "applicant"),
    ]


def test_a_token_given_before_the_secret_key_rotated_still_withdraws(
    client: TestClient, posting: Posting, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = get_settings().secret_key
    receipt = apply(client, posting)
    monkeypatch.setenv("SECRET_KEY", "a-new-secret-key-for-this-test-only")
    monkeypatch.setenv("PREVIOUS_SECRET_KEYS", json.dumps([old]))
    get_settings.cache_clear()
    try:
        response = client.post(receipt["withdraw_url"], json={"token": receipt["withdrawal_token"]})
        assert response.status_code == 200
        monkeypatch.setenv("PREVIOUS_SECRET_KEYS", "[]")
        get_settings.cache_clear()
        again = client.post(receipt["withdraw_url"], json={"token": receipt["withdrawal_token"]})
        assert again.status_code == 404  # the old key is no longer accepted
    finally:
        get_settings.cache_clear()


def test_a_wrong_token_withdraws_nothing(
    client: TestClient, callers: Callers, posting: Posting
) -> None:
    receipt = apply(client, posting)
    response = client.post(receipt["withdraw_url"], json={"token": "guess"})
    assert response.status_code == 404
    status = client.get(f"/v1/applications/{receipt['id']}", headers=callers.owner).json()
    assert status["status"] == "submitted"


def test_a_decided_application_can_no_longer_be_withdrawn(
    client: TestClient, callers: Callers, posting: Posting
) -> None:
    receipt = apply(client, posting)
    client.patch(
        f"/v1/applications/{receipt['id']}", json={"status": "rejected"}, headers=callers.owner
    )
    response = client.post(receipt["withdraw_url"], json={"token": receipt["withdrawal_token"]})
    assert response.status_code == 409
    assert "already rejected" in response.json()["detail"]


# --- listing -------------------------------------------------------------------------------


def test_listing_filters_by_status_and_submission_time_and_counts(
    client: TestClient, app: FastAPI, callers: Callers, posting: Posting, session: Session
) -> None:
    start = datetime(2027, 1, 4, 9, tzinfo=UTC)
    ids = []
    for day in range(4):
        app.dependency_overrides[request_time] = lambda day=day: start + timedelta(days=day)
        ids.append(
            client.post(
                f"/v1/postings/{posting.id}/applications",
                json={"name": f"A{day}", "email": f"a{day}@example.org", "consent": True},
            ).json()["id"]
        )
    client.patch(f"/v1/applications/{ids[1]}", json={"status": "rejected"}, headers=callers.owner)
    at = f"/v1/postings/{posting.id}/applications"

    everyone = client.get(at, headers=callers.owner).json()
    assert [item["id"] for item in everyone["items"]] == ids
    assert everyone["items"][0]["name"] == "A0"
    assert everyone["items"][0]["has_cv"] is False

    rejected = client.get(f"{at}?status=rejected&count=true", headers=callers.owner).json()
    assert ([item["id"] for item in rejected["items"]], rejected["total"]) == ([ids[1]], 1)

    later = client.get(f"{at}?submitted_after=2027-01-05T09:00:00", headers=callers.owner).json()
    assert [item["id"] for item in later["items"]] == ids[2:]

    newest = client.get(f"{at}?sort=-submitted", headers=callers.owner).json()
    assert [item["id"] for item in newest["items"]] == ids[::-1]


def test_listing_pages_through_every_application_once(
    client: TestClient, callers: Callers, posting: Posting, session: Session
) -> None:
    made = {str(make_application(session, posting).id) for _ in range(7)}
    seen: list[str] = []
    url = f"/v1/postings/{posting.id}/applications?limit=3&sort=-submitted"
    while url:
        response = client.get(url, headers=callers.owner)
        assert response.status_code == 200, response.text
        page = response.json()
        seen += [item["id"] for item in page["items"]]
        url = (
            f"/v1/postings/{posting.id}/applications?limit=3&sort=-submitted"
            f"&cursor={page['next_cursor']}"
            if page["next_cursor"]
            else ""
        )
    assert sorted(seen) == sorted(made)


def test_a_cursor_from_another_postings_list_is_refused(
    client: TestClient, callers: Callers, posting: Posting, session: Session, owner: Organisation
) -> None:
    for _ in range(3):
        make_application(session, posting)
    other = make_posting(session, owner)
    cursor = client.get(
        f"/v1/postings/{posting.id}/applications?limit=1", headers=callers.owner
    ).json()["next_cursor"]
    response = client.get(
        f"/v1/postings/{other.id}/applications?cursor={cursor}", headers=callers.owner
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "cursor"]


# --- privacy -------------------------------------------------------------------------------


def test_no_public_response_carries_application_data(
    client: TestClient, application: Application, posting: Posting
) -> None:
    for path in (
        f"/v1/postings/{posting.id}",
        "/v1/postings?include=description",
        "/v1/organisations",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert "ada@example.org" not in response.text
        assert "Lovelace" not in response.text


def test_applying_and_reviewing_log_no_personal_data(
    client: TestClient,
    callers: Callers,
    posting: Posting,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    receipt = apply(client, posting)
    client.post(
        f"/v1/postings/{posting.id}/applications",
        json={"name": "Ada", "email": "ADA@example.org", "consent": True},
    )
    client.get(f"/v1/applications/{receipt['id']}", headers=callers.owner)
    client.get(f"/v1/applications/{receipt['id']}/export", headers=callers.owner)
    assert caplog.records, "expected the request log to record something"
    logged = "\n".join(record.getMessage() for record in caplog.records).lower()
    assert "ada@example.org" not in logged


def test_a_posting_with_applications_cannot_be_deleted(
    client: TestClient, callers: Callers, application: Application, posting: Posting
) -> None:
    response = client.delete(f"/v1/postings/{posting.id}", headers=callers.owner)
    assert response.status_code == 409
    assert "close it instead" in response.json()["detail"]
    assert client.get(f"/v1/postings/{posting.id}").status_code == 200


def test_a_review_after_another_reviewers_move_is_a_412(
    client: TestClient, callers: Callers, application: Application
) -> None:
    at = f"/v1/applications/{application.id}"
    read = client.get(at, headers=callers.owner)
    assert read.headers["cache-control"] == "private, no-store"
    tag = read.headers["etag"]
    unchanged = client.get(at, headers=callers.owner | {"If-None-Match": tag})
    assert unchanged.status_code == 304
    first = client.patch(
        at, json={"status": "in_review"}, headers=callers.owner | {"If-Match": tag}
    )
    assert first.status_code == 200
    assert first.headers["etag"] == client.get(at, headers=callers.owner).headers["etag"]
    second = client.patch(
        at, json={"status": "rejected"}, headers=callers.owner | {"If-Match": tag}
    )
    assert second.status_code == 412
    assert client.get(at, headers=callers.owner).json()["status"] == "in_review"
