"""Keyset pagination: every posting exactly once, in a total order, for every sort."""

from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.factories import make_organisation, make_posting


@pytest.fixture
def tied_postings(session: Session) -> list[int]:
    """Twelve postings with many ties in every sort key, some without a deadline."""
    organisation = make_organisation(session)
    ids = []
    for number in range(12):
        posting = make_posting(
            session,
            organisation,
            title=f"Role {number % 3}",
            posted_on=date(2030, 1, 1) + timedelta(days=number % 2),
            deadline=None if number % 4 == 0 else date(2030, 6, 1) + timedelta(days=number % 3),
        )
        assert posting.id is not None
        ids.append(posting.id)
    return ids


def walk(client: TestClient, query: str) -> list[dict[str, object]]:
    """Follow `next_cursor` to the end, checking the Link header along the way."""
    items: list[dict[str, object]] = []
    url = f"/v1/postings?limit=5&{query}"
    while True:
        response = client.get(url)
        assert response.status_code == 200, response.text
        page = response.json()
        items += page["items"]
        if page["next_cursor"] is None:
            assert "link" not in response.headers
            return items
        link = response.headers["link"]
        assert link.endswith('>; rel="next"')
        next_query = parse_qs(urlsplit(link[1 : link.index(">")]).query)
        assert next_query["cursor"] == [page["next_cursor"]]
        url = f"/v1/postings?limit=5&{query}&cursor={page['next_cursor']}"


def _deadline_key(item: dict[str, object], missing: str) -> str:
    return str(item["deadline"]) if item["deadline"] is not None else missing


@pytest.mark.parametrize("sort", ["-posted", "posted", "deadline", "-deadline", "title"])
def test_pages_cover_every_posting_once_in_order(
    client: TestClient, tied_postings: list[int], sort: str
) -> None:
    items = walk(client, f"sort={sort}")
    ids = [item["id"] for item in items]
    assert sorted(ids) == sorted(tied_postings)  # type: ignore[type-var]
    expected = {
        "-posted": sorted(items, key=lambda i: (i["posted_on"], i["id"]), reverse=True),
        "posted": sorted(items, key=lambda i: (i["posted_on"], i["id"])),
        # A posting without a deadline is open until filled: it sorts as the latest.
        "deadline": sorted(items, key=lambda i: (_deadline_key(i, "9999"), i["id"])),
        "-deadline": sorted(items, key=lambda i: (_deadline_key(i, "9999"), i["id"]), reverse=True),
        "title": sorted(items, key=lambda i: (i["title"], i["id"])),
    }[sort]
    assert ids == [item["id"] for item in expected]


def test_count_gives_the_total_on_every_page(client: TestClient, tied_postings: list[int]) -> None:
    page = client.get("/v1/postings?limit=5&count=true").json()
    assert page["total"] == 12
    assert len(page["items"]) == 5
    assert "total" not in client.get("/v1/postings?limit=5").json()


def test_a_cursor_from_another_sort_is_refused(
    client: TestClient, tied_postings: list[int]
) -> None:
    cursor = client.get("/v1/postings?limit=5&sort=title").json()["next_cursor"]
    response = client.get(f"/v1/postings?limit=5&sort=deadline&cursor={cursor}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_a_tampered_cursor_is_refused(client: TestClient, tied_postings: list[int]) -> None:
    cursor = client.get("/v1/postings?limit=5").json()["next_cursor"]
    payload, signature = cursor.split(".")
    forged = payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature
    response = client.get(f"/v1/postings?limit=5&cursor={forged}")
    assert response.status_code == 422
    assert "cursor" in response.json()["detail"]


def test_list_items_carry_the_description_only_when_asked(
    client: TestClient, session: Session
) -> None:
    make_posting(session, make_organisation(session), description="*Long* text")
    summary = client.get("/v1/postings").json()["items"][0]
    assert "description" not in summary
    assert "description_html" not in summary
    full = client.get("/v1/postings?include=description").json()["items"][0]
    assert full["description"] == "*Long* text"
    assert full["description_html"] == "<p><em>Long</em> text</p>\n"
    detail = client.get(f"/v1/postings/{full['id']}").json()
    # What applicants are asked is for the one posting they apply to, not for every list item.
    detail_only = {"questions", "privacy_notice_url", "privacy_notice_version"}
    assert full == {name: value for name, value in detail.items() if name not in detail_only}
