"""Every filter of `GET /v1/postings`, alone and combined."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.core.principal import ANONYMOUS
from app.postings.filters import (
    FILTERS,
    Clock,
    PostingQuery,
    PostingSort,
    parameters,
    shape_of,
)
from app.postings.listing import list_postings
from app.postings.models import Posting
from app.postings.search import terms, walk_in_order
from tests.factories import make_key, make_organisation, make_posting

TODAY = datetime.now(UTC).date()


def titles(client: TestClient, query: str, headers: dict[str, str] | None = None) -> list[str]:
    response = client.get(f"/v1/postings?{query}", headers=headers)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def board(session: Session) -> dict[str, Any]:
    """Two organisations with postings that differ in every filtered field."""
    datacite = make_organisation(session, slug="datacite", name="DataCite")
    iiif = make_organisation(session, slug="iiif", name="IIIF Consortium")
    make_posting(
        session,
        datacite,
        title="Community Manager",
        location="North America or Western Europe",
        remote="remote",
        employment_type="full-time",
        deadline=TODAY + timedelta(days=3),
        posted_on=date(2030, 1, 10),
        tags=["community", "open-source"],
        description="Grow the persistent identifier community.",
    )
    make_posting(
        session,
        datacite,
        title="Application Developer",
        location="Berlin, Germany",
        remote="hybrid",
        employment_type="contract",
        deadline=TODAY + timedelta(days=40),
        posted_on=date(2030, 1, 5),
        tags=["ruby", "open-source"],
        description="Build the metadata APIs in Ruby.",
    )
    make_posting(
        session,
        iiif,
        title="Coordinator",
        location="Americas",
        remote="onsite",
        employment_type="part-time",
        deadline=None,
        posted_on=date(2030, 1, 1),
        tags=["community"],
        description="Coordinate image interoperability work.",
    )
    make_posting(
        session,
        iiif,
        title="Past Intern",
        location="London",
        employment_type="internship",
        deadline=TODAY - timedelta(days=1),
        posted_on=date(2029, 12, 1),
        description="An internship that has closed.",
    )
    make_posting(session, iiif, title="Filled Role", status="filled", posted_on=date(2029, 11, 1))
    return {"datacite": datacite, "iiif": iiif}


@pytest.mark.usefixtures("board")
class TestFilters:
    def test_no_filter_lists_published_newest_first(self, client: TestClient) -> None:
        assert titles(client, "") == [
            "Community Manager",
            "Application Developer",
            "Coordinator",
            "Past Intern",
            "Filled Role",
        ]

    def test_organisation(self, client: TestClient) -> None:
        assert titles(client, "organisation=datacite") == [
            "Community Manager",
            "Application Developer",
        ]

    def test_organisation_repeated_means_any_of(self, client: TestClient) -> None:
        assert len(titles(client, "organisation=datacite&organisation=iiif")) == 5

    def test_unknown_organisation_matches_nothing(self, client: TestClient) -> None:
        assert titles(client, "organisation=nobody") == []

    def test_location_is_a_case_insensitive_substring(self, client: TestClient) -> None:
        assert titles(client, "location=europe") == ["Community Manager"]
        assert titles(client, "location=AMERICA") == ["Community Manager", "Coordinator"]

    def test_location_wildcards_are_literal(self, client: TestClient) -> None:
        assert titles(client, "location=%25") == []
        assert titles(client, "location=_") == []

    def test_remote_repeated_means_any_of(self, client: TestClient) -> None:
        assert titles(client, "remote=remote") == ["Community Manager"]
        assert titles(client, "remote=remote&remote=onsite") == ["Community Manager", "Coordinator"]

    def test_employment_type(self, client: TestClient) -> None:
        assert titles(client, "employment_type=contract&employment_type=internship") == [
            "Application Developer",
            "Past Intern",
        ]

    def test_tags_repeated_means_all_of(self, client: TestClient) -> None:
        assert titles(client, "tag=community") == ["Community Manager", "Coordinator"]
        assert titles(client, "tag=community&tag=Open%20Source") == ["Community Manager"]

    def test_deadline_before_and_after_are_inclusive(self, client: TestClient) -> None:
        day = (TODAY + timedelta(days=3)).isoformat()
        assert titles(client, f"deadline_before={day}") == ["Community Manager", "Past Intern"]
        assert titles(client, f"deadline_after={day}") == [
            "Community Manager",
            "Application Developer",
        ]
        assert titles(client, f"deadline_after={day}&deadline_before={day}") == [
            "Community Manager"
        ]

    def test_closing_within_days_from_today(self, client: TestClient) -> None:
        assert titles(client, "closing_within=7") == ["Community Manager"]
        assert titles(client, "closing_within=60") == [
            "Community Manager",
            "Application Developer",
        ]

    def test_open_excludes_passed_deadlines_and_other_statuses(self, client: TestClient) -> None:
        assert titles(client, "open=true") == [
            "Community Manager",
            "Application Developer",
            "Coordinator",
        ]
        assert titles(client, "open=false") == ["Past Intern", "Filled Role"]

    def test_status(self, client: TestClient) -> None:
        assert titles(client, "status=filled") == ["Filled Role"]

    def test_posted_after_and_before_are_inclusive(self, client: TestClient) -> None:
        assert titles(client, "posted_after=2030-01-05") == [
            "Community Manager",
            "Application Developer",
        ]
        assert titles(client, "posted_before=2030-01-01&posted_after=2029-12-01") == [
            "Coordinator",
            "Past Intern",
        ]

    def test_full_text_over_title_description_and_organisation(self, client: TestClient) -> None:
        assert titles(client, "q=ruby") == ["Application Developer"]
        assert titles(client, "q=coordinate") == ["Coordinator"]
        assert titles(client, "q=consortium") == ["Coordinator", "Past Intern", "Filled Role"]
        assert titles(client, "q=community%20identifier") == ["Community Manager"]

    def test_full_text_treats_syntax_as_words(self, client: TestClient) -> None:
        assert titles(client, 'q=ruby"%20OR%20NEAR(') == []
        assert titles(client, "q=-ruby*") == ["Application Developer"]

    def test_combined_filters(self, client: TestClient) -> None:
        query = "organisation=datacite&open=true&tag=open-source&remote=hybrid&q=metadata"
        assert titles(client, query) == ["Application Developer"]


def test_updated_since(client: TestClient, session: Session, board: dict[str, Any]) -> None:
    session.execute(
        update(Posting)
        .where(Posting.title != "Coordinator")  # type: ignore[arg-type]
        .values(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    )
    session.commit()
    assert titles(client, "updated_since=2025-01-01T00:00:00Z") == ["Coordinator"]
    assert titles(client, "updated_since=2025-01-01T00:00:00") == ["Coordinator"]


def test_full_text_follows_an_organisation_rename(
    client: TestClient, session: Session, board: dict[str, Any]
) -> None:
    response = client.patch(
        "/v1/organisations/datacite", json={"name": "Zanzibar Metadata"}, headers=make_key(session)
    )
    assert response.status_code == 200
    assert titles(client, "q=zanzibar") == ["Community Manager", "Application Developer"]


def test_full_text_follows_an_edit(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation, title="Gardener")
    client.patch(
        f"/v1/postings/{posting.id}", json={"title": "Astronomer"}, headers=make_key(session)
    )
    assert titles(client, "q=gardener") == []
    assert titles(client, "q=astronomer") == ["Astronomer"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("sort=salary", "sort"),
        ("deadline_before=07/02/2022", "deadline_before"),
        ("posted_after=yesterday", "posted_after"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("remote=sometimes", "remote"),
        ("open=maybe", "open"),
        ("closing_within=-1", "closing_within"),
        ("updated_since=soon", "updated_since"),
        ("cursor=abc", "cursor"),
        ("q=%20!!%20", "q"),
        ("organization=datacite", "organization"),
        ("include=everything", "include"),
    ],
)
def test_bad_query_values_get_a_422_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    response = client.get(f"/v1/postings?{query}")
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["errors"][0]["loc"][:2] == ["query", parameter]
    assert f"'{parameter}'" in problem["detail"]


@pytest.mark.parametrize(("now", "listed"), [(time(11, 59), True), (time(12, 0), False)])
def test_open_lists_yesterdays_deadline_until_its_day_ends_twelve_hours_behind_utc(
    session: Session, now: time, listed: bool
) -> None:
    """The timezone furthest behind UTC closes a deadline at noon UTC the next day: `open=true`
    narrows by date for speed, and must not cut such a posting off before then."""
    today = date(2030, 3, 10)
    baker = make_organisation(session, slug="baker", timezone="Etc/GMT+12")
    make_posting(session, baker, title="Last Call", deadline=today - timedelta(days=1))
    page = list_postings(
        session.connection(), ANONYMOUS, PostingQuery(open=True), datetime.combine(today, now, UTC)
    )
    assert [orjson.loads(item)["title"] for item in page.items] == (["Last Call"] if listed else [])


def test_a_search_pages_newest_first_whether_it_walks_the_list_or_fetches_the_matches(
    session: Session,
) -> None:
    """A common word is found by walking the list in order, a rare one by fetching its matches
    (on SQLite; PostgreSQL's planner chooses for itself): the pages are the same either way."""
    lab = make_organisation(session)
    for day in range(30):
        words = "python" + (" fortran" if day % 10 == 0 else "")
        make_posting(
            session,
            lab,
            title=f"Engineer {day}",
            description=words,
            posted_on=date(2030, 1, 1) + timedelta(days=day),
        )
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        assert walk_in_order(connection, terms("sqlite", "python"), page_size=5)
        assert not walk_in_order(connection, terms("sqlite", "fortran"), page_size=5)
    for word, days in (("python", range(29, -1, -1)), ("fortran", (20, 10, 0))):
        titles, cursor = [], None
        while True:
            query = PostingQuery(q=word, limit=5, cursor=cursor)
            page = list_postings(connection, ANONYMOUS, query)
            titles += [orjson.loads(item)["title"] for item in page.items]
            if (cursor := page.next_cursor) is None:
                break
        assert titles == [f"Engineer {day}" for day in days]


PAGING = {"sort", "limit", "cursor", "include", "count"}


def test_every_query_field_is_a_declared_filter_or_part_of_paging() -> None:
    assert set(PostingQuery.model_fields) == set(FILTERS) | PAGING
    assert not set(FILTERS) & PAGING


def test_the_shape_parameters_and_clock_come_from_the_declarations() -> None:
    query = PostingQuery(organisation=["a", "b"], location="x_%", open=True, q="data")
    assert shape_of(query, ANONYMOUS) == (
        ("organisation", 2),
        ("location", True),
        ("open", True),
        ("q", True),
        ("sort", PostingSort.posted_desc),
        ("viewer", "anonymous"),
    )
    now = datetime(2030, 1, 2, 6, tzinfo=UTC)
    values = parameters(query, ANONYMOUS, "sqlite", now)
    assert values["organisation__0"] == "a"
    assert values["organisation__1"] == "b"
    assert values["location"] == "x/_/%"
    assert values["open_from"] == date(2030, 1, 1)
    assert query.may_scan
    assert query.clock is Clock.closing
    assert PostingQuery(open=True, closing_within=3).clock is Clock.moving
    assert PostingQuery(remote=["remote"]).clock is Clock.still
    assert not PostingQuery(remote=["remote"]).may_scan
