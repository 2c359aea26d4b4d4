"""Property: a mirror built only from the change feed always equals the live data."""

from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from tests.factories import make_key, make_organisation

Operation = tuple[str, int, str]

operations = st.lists(
    st.tuples(
        st.sampled_from(["create", "create_draft", "update", "publish", "close", "delete", "sync"]),
        st.integers(min_value=0, max_value=20),
        st.text(alphabet="abcdefgh ", min_size=1, max_size=12).filter(str.strip),
    ),
    max_size=14,
)


class Mirror:
    """An integrator's copy, kept only from `/v1/changes`."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.postings: dict[int, dict[str, Any]] = {}
        self.cursor: str | None = None

    def sync(self) -> None:
        while True:
            params = {"since": self.cursor} if self.cursor else {}
            page = self.client.get("/v1/changes", params=params).json()
            for change in page["items"]:
                if change["kind"] == "deleted":
                    self.postings.pop(change["posting_id"], None)
                else:
                    self.postings[change["posting_id"]] = change["posting"]
            self.cursor = page["next_cursor"]
            if not page["has_more"]:
                return


def live(client: TestClient) -> dict[int, dict[str, Any]]:
    """Every public posting, as `GET /v1/postings/{id}` shows it."""
    ids: list[int] = []
    url: str | None = "/v1/postings?status=open&status=closed&status=filled&limit=100"
    while url:
        page = client.get(url).json()
        ids += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        url = f"/v1/postings?status=open&status=closed&status=filled&limit=100&cursor={cursor}"
        url = url if cursor else None
    return {posting_id: client.get(f"/v1/postings/{posting_id}").json() for posting_id in ids}


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=operations)
def test_a_mirror_from_the_change_feed_equals_the_live_data(
    client: TestClient, session: Session, steps: list[Operation]
) -> None:
    organisation = make_organisation(session)
    key = make_key(session, organisation)
    mine: list[int] = []
    mirror = Mirror(client)
    for action, index, text in steps:
        target = f"/v1/postings/{mine[index % len(mine)]}" if mine else None
        if action in ("create", "create_draft"):
            status = "draft" if action == "create_draft" else "open"
            created = client.post(
                "/v1/postings", json={"title": text, "status": status}, headers=key
            )
            mine.append(created.json()["id"])
        elif target and action == "update":
            client.patch(target, json={"title": text, "tags": [text.strip()]}, headers=key)
        elif target and action == "publish":
            client.patch(target, json={"status": "open"}, headers=key)
        elif target and action == "close":
            client.patch(target, json={"status": "closed"}, headers=key)
        elif target and action == "delete":
            if client.delete(target, headers=key).status_code == 204:
                mine.remove(int(target.rsplit("/", 1)[1]))
        elif action == "sync":
            mirror.sync()
    mirror.sync()
    assert mirror.postings == live(client)

    # Polling with the ETags it holds downloads nothing while nothing changes.
    etags = {
        posting_id: client.get(f"/v1/postings/{posting_id}").headers["etag"]
        for posting_id in mirror.postings
    }
    for posting_id, etag in etags.items():
        again = client.get(f"/v1/postings/{posting_id}", headers={"If-None-Match": etag})
        assert (again.status_code, again.content) == (304, b"")
    listed = client.get("/v1/postings")
    unchanged = client.get("/v1/postings", headers={"If-None-Match": listed.headers["etag"]})
    assert (unchanged.status_code, unchanged.content) == (304, b"")
