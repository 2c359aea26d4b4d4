"""The change feed: every public change, in order, with tombstones and resync on 410."""

import threading
from datetime import timedelta
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.changes import service
from app.core.db import make_engine, utcnow
from app.organisations.models import Organisation
from tests.commands import openings, run_openings
from tests.factories import make_key, make_organisation, make_posting


@pytest.fixture
def organisation(session: Session) -> Organisation:
    return make_organisation(session, name="Feed Lab", slug="feed-lab")


@pytest.fixture
def key(session: Session, organisation: Organisation) -> dict[str, str]:
    return make_key(session, organisation)


def changes(client: TestClient, since: str | None = None) -> dict[str, Any]:
    response = client.get("/v1/changes", params={"since": since} if since else {})
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def create(client: TestClient, key: dict[str, str], **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/postings", json={"title": "Engineer", **fields}, headers=key)
    assert response.status_code == 201, response.text
    posting: dict[str, Any] = response.json()
    return posting


def test_each_change_carries_the_posting_as_get_shows_it(
    client: TestClient, key: dict[str, str]
) -> None:
    posting = create(client, key, external_id="eng-1")
    client.patch(f"/v1/postings/{posting['id']}", json={"location": "Berlin"}, headers=key)
    client.patch(f"/v1/postings/{posting['id']}", json={"status": "filled"}, headers=key)
    shown = client.get(f"/v1/postings/{posting['id']}").json()
    client.delete(f"/v1/postings/{posting['id']}", headers=key)

    items = changes(client)["items"]
    assert [item["kind"] for item in items] == ["created", "updated", "closed", "deleted"]
    assert [item["seq"] for item in items] == sorted({item["seq"] for item in items})
    assert {(item["posting_id"], item["organisation"], item["external_id"]) for item in items} == {
        (posting["id"], "feed-lab", "eng-1")
    }
    assert items[0]["posting"] == posting
    assert items[2]["posting"] == shown
    assert items[3]["posting"] is None


def test_drafts_stay_out_of_the_feed_until_published(
    client: TestClient, key: dict[str, str]
) -> None:
    draft = create(client, key, status="draft")
    client.patch(f"/v1/postings/{draft['id']}", json={"title": "Still a draft"}, headers=key)
    assert changes(client)["items"] == []
    client.patch(f"/v1/postings/{draft['id']}", json={"status": "open"}, headers=key)
    client.patch(f"/v1/postings/{draft['id']}", json={"status": "draft"}, headers=key)
    assert [item["kind"] for item in changes(client)["items"]] == ["created", "deleted"]


def test_renaming_an_organisation_updates_its_postings_in_the_feed(
    client: TestClient, key: dict[str, str]
) -> None:
    posting = create(client, key)
    client.patch("/v1/organisations/feed-lab", json={"name": "Feed Laboratory"}, headers=key)
    last = changes(client)["items"][-1]
    assert (last["kind"], last["posting_id"]) == ("updated", posting["id"])
    assert last["posting"]["organisation"]["name"] == "Feed Laboratory"


def test_the_cursor_continues_where_the_last_read_stopped(
    client: TestClient, key: dict[str, str]
) -> None:
    first = create(client, key)
    page = changes(client)
    assert page["has_more"] is False
    assert changes(client, page["next_cursor"])["items"] == []
    second = create(client, key)
    later = changes(client, page["next_cursor"])
    assert [item["posting_id"] for item in later["items"]] == [second["id"]]
    assert first["id"] != second["id"]


def test_pages_are_limited_and_say_when_more_are_waiting(
    client: TestClient, key: dict[str, str]
) -> None:
    for _ in range(3):
        create(client, key)
    response = client.get("/v1/changes?limit=2")
    assert response.json()["has_more"] is True
    assert 'rel="next"' in response.headers["link"]
    rest = changes(client, response.json()["next_cursor"])
    assert (len(rest["items"]), rest["has_more"]) == (1, False)


def test_latest_starts_from_now(client: TestClient, key: dict[str, str]) -> None:
    create(client, key)
    head = changes(client, "latest")
    assert head["items"] == []
    new = create(client, key)
    assert [item["posting_id"] for item in changes(client, head["next_cursor"])["items"]] == [
        new["id"]
    ]


def test_a_cursor_not_from_this_feed_is_a_422(client: TestClient) -> None:
    response = client.get("/v1/changes?since=12")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "since"]


def test_a_cursor_older_than_the_kept_history_gets_410_with_how_to_resync(
    client: TestClient, key: dict[str, str], session: Session
) -> None:
    create(client, key)
    old = changes(client, "latest")["next_cursor"]
    create(client, key)
    assert service.prune(session, timedelta(0), utcnow() + timedelta(seconds=1)) == 2
    session.commit()
    for since in (old, None):
        response = client.get("/v1/changes", params={"since": since} if since else {})
        assert response.status_code == 410
        assert response.headers["content-type"] == "application/problem+json"
        assert "since=latest" in response.json()["detail"]
        assert response.json()["pruned_through"] == 2
    assert client.get("/v1/changes?since=latest").status_code == 200


def test_no_change_is_skipped_under_concurrent_writers(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    assert server.post("/v1/organisations", json={"name": "Rush"}, headers=admin).is_success
    writers, per_writer = 6, 10
    done = threading.Event()

    def write() -> None:
        for _ in range(per_writer):
            response = server.post(
                "/v1/postings", json={"organisation": "rush", "title": "Job"}, headers=admin
            )
            assert response.status_code == 201, response.text

    seen: list[int] = []

    def read() -> None:
        since = None
        while True:
            finished = done.is_set()
            page = server.get("/v1/changes", params={"since": since} if since else {}).json()
            seen.extend(item["seq"] for item in page["items"])
            since = page["next_cursor"]
            if finished and not page["has_more"]:
                return

    reader = threading.Thread(target=read)
    reader.start()
    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join(timeout=60)
    assert seen == list(range(1, writers * per_writer + 1))


def test_the_prune_command_forgets_old_history(
    environment: dict[str, str], scratch_database_url: str
) -> None:
    openings(environment, "migrate")
    engine = make_engine(scratch_database_url)
    with Session(engine) as session:
        make_posting(session, make_organisation(session))
    engine.dispose()
    assert run_openings(environment, "changes", "prune", "--older-than", "1d") == (
        "Pruned 0 changes older than 1d."
    )
    assert run_openings(environment, "changes", "prune", "--older-than", "0h") == (
        "Pruned 1 change older than 0h."
    )


def test_a_poll_that_finds_nothing_new_is_a_304(client: TestClient, key: dict[str, str]) -> None:
    create(client, key)
    first = client.get("/v1/changes")
    tag = first.headers["etag"]
    assert client.get("/v1/changes", headers={"If-None-Match": tag}).status_code == 304
    create(client, key, title="Another")
    assert client.get("/v1/changes", headers={"If-None-Match": tag}).status_code == 200
