"""Conditional requests and upsert by external id: cheap, safe mirroring for integrators."""

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.organisations.models import Organisation
from tests.factories import make_key, make_organisation, make_posting

PROBLEM = "application/problem+json"


@pytest.fixture
def organisation(session: Session) -> Organisation:
    return make_organisation(session, name="Sync Lab", slug="sync-lab")


@pytest.fixture
def key(session: Session, organisation: Organisation) -> dict[str, str]:
    return make_key(session, organisation)


@pytest.fixture
def posting_url(session: Session, organisation: Organisation) -> str:
    return f"/v1/postings/{make_posting(session, organisation).id}"


# --- conditional GET -----------------------------------------------------------------------


def test_a_posting_carries_validators_and_answers_304_when_unchanged(
    client: TestClient, posting_url: str
) -> None:
    first = client.get(posting_url)
    assert first.status_code == 200
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert etag.startswith('"') and last_modified.endswith("GMT")

    by_etag = client.get(posting_url, headers={"If-None-Match": etag})
    assert (by_etag.status_code, by_etag.content) == (304, b"")
    assert by_etag.headers["etag"] == etag
    by_date = client.get(posting_url, headers={"If-Modified-Since": last_modified})
    assert (by_date.status_code, by_date.content) == (304, b"")


def test_a_changed_posting_is_sent_again(
    client: TestClient, posting_url: str, key: dict[str, str]
) -> None:
    etag = client.get(posting_url).headers["etag"]
    client.patch(posting_url, json={"location": "Lisbon"}, headers=key)
    again = client.get(posting_url, headers={"If-None-Match": etag})
    assert again.status_code == 200
    assert again.json()["location"] == "Lisbon"
    assert again.headers["etag"] != etag


def test_renaming_the_organisation_changes_the_postings_etag(
    client: TestClient, posting_url: str, key: dict[str, str]
) -> None:
    etag = client.get(posting_url).headers["etag"]
    client.patch("/v1/organisations/sync-lab", json={"name": "Sync Laboratory"}, headers=key)
    assert client.get(posting_url, headers={"If-None-Match": etag}).status_code == 200


def test_a_list_answers_304_until_something_in_it_changes(
    client: TestClient, posting_url: str, key: dict[str, str]
) -> None:
    first = client.get("/v1/postings")
    assert "last-modified" in first.headers
    etag = first.headers["etag"]
    assert client.get("/v1/postings", headers={"If-None-Match": etag}).status_code == 304
    assert (
        client.get(
            "/v1/postings", headers={"If-Modified-Since": first.headers["last-modified"]}
        ).status_code
        == 304
    )
    client.delete(posting_url, headers=key)
    after = client.get("/v1/postings", headers={"If-None-Match": etag})
    assert (after.status_code, after.json()["items"]) == (200, [])


def test_lists_relative_to_today_carry_no_last_modified(
    client: TestClient, posting_url: str
) -> None:
    response = client.get("/v1/postings?open=true")
    assert "etag" in response.headers
    assert "last-modified" not in response.headers


# --- If-Match ------------------------------------------------------------------------------


def test_a_stale_etag_on_patch_gets_412_and_changes_nothing(
    client: TestClient, posting_url: str, key: dict[str, str]
) -> None:
    read = client.get(posting_url).headers["etag"]
    first = client.patch(
        posting_url, json={"title": "First editor"}, headers=key | {"If-Match": read}
    )
    assert first.status_code == 200
    assert first.headers["etag"] == client.get(posting_url).headers["etag"]
    second = client.patch(
        posting_url, json={"title": "Second editor"}, headers=key | {"If-Match": read}
    )
    assert second.status_code == 412
    assert second.headers["content-type"] == PROBLEM
    assert second.json()["etag"] == first.headers["etag"]
    assert client.get(posting_url).json()["title"] == "First editor"


def test_a_stale_etag_on_delete_gets_412_and_deletes_nothing(
    client: TestClient, posting_url: str, key: dict[str, str]
) -> None:
    read = client.get(posting_url).headers["etag"]
    client.patch(posting_url, json={"title": "Changed"}, headers=key)
    response = client.delete(posting_url, headers=key | {"If-Match": read})
    assert response.status_code == 412
    assert client.get(posting_url).status_code == 200
    current = client.get(posting_url).headers["etag"]
    assert client.delete(posting_url, headers=key | {"If-Match": current}).status_code == 204


# --- PUT by external id --------------------------------------------------------------------

PUT_URL = "/v1/organisations/sync-lab/postings/portal%2Fjob-42"
BODY: dict[str, Any] = {"title": "Archivist", "location": "Leiden", "tags": ["archives"]}


def test_put_creates_then_replaces_then_leaves_alone(
    client: TestClient, key: dict[str, str]
) -> None:
    created = client.put(PUT_URL, json=BODY, headers=key)
    assert created.status_code == 201, created.text
    assert created.json()["external_id"] == "portal/job-42"
    assert created.headers["location"] == f"http://testserver/v1/postings/{created.json()['id']}"

    feed = client.get("/v1/changes").json()
    same = client.put(PUT_URL, json=BODY, headers=key)
    assert same.status_code == 200
    assert same.json() == created.json()
    assert same.headers["etag"] == created.headers["etag"]
    assert client.get("/v1/changes", params={"since": feed["next_cursor"]}).json()["items"] == []

    replaced = client.put(PUT_URL, json={"title": "Senior Archivist"}, headers=key)
    assert replaced.status_code == 200
    body = replaced.json()
    assert (body["id"], body["title"], body["location"], body["tags"]) == (
        created.json()["id"],
        "Senior Archivist",
        None,
        [],
    )
    assert body["posted_on"] == created.json()["posted_on"]
    kinds = [item["kind"] for item in client.get("/v1/changes").json()["items"]]
    assert kinds == ["created", "updated"]


def test_put_guards_with_if_match_and_if_none_match(
    client: TestClient, key: dict[str, str]
) -> None:
    assert client.put(PUT_URL, json=BODY, headers=key | {"If-Match": '"x"'}).status_code == 412
    created = client.put(PUT_URL, json=BODY, headers=key | {"If-None-Match": "*"})
    assert created.status_code == 201
    assert client.put(PUT_URL, json=BODY, headers=key | {"If-None-Match": "*"}).status_code == 412
    stale = client.put(PUT_URL, json={"title": "New"}, headers=key | {"If-Match": '"stale"'})
    assert stale.status_code == 412
    fresh = client.put(
        PUT_URL, json={"title": "New"}, headers=key | {"If-Match": created.headers["etag"]}
    )
    assert fresh.status_code == 200


@pytest.mark.parametrize(
    ("url", "body", "status"),
    [
        ("/v1/organisations/nobody/postings/x", BODY, 404),
        (PUT_URL, {"location": "Leiden"}, 422),
        (PUT_URL, BODY | {"external_id": "other"}, 422),
    ],
)
def test_put_refuses_what_it_cannot_use(
    client: TestClient, key: dict[str, str], url: str, body: dict[str, Any], status: int
) -> None:
    response = client.put(url, json=body, headers=key)
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM


def test_put_into_another_organisation_is_forbidden(
    client: TestClient, session: Session, organisation: Organisation
) -> None:
    stranger = make_key(session, make_organisation(session))
    assert client.put(PUT_URL, json=BODY, headers=stranger).status_code == 403
    # Its right is checked first: what it sends, and the posting's versions, are not its to learn.
    wrong_id = BODY | {"external_id": "other"}
    assert client.put(PUT_URL, json=wrong_id, headers=stranger).status_code == 403
    stale = stranger | {"If-Match": '"stale"'}
    assert client.put(PUT_URL, json=BODY, headers=stale).status_code == 403
    assert client.put(PUT_URL, json=BODY).status_code == 401
