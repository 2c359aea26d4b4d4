"""Creating, reading, changing and deleting postings over HTTP, with the access rules."""

from datetime import date

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.api.conditional import etag_of, json_bytes
from app.postings import representations
from app.postings.models import Posting, PostingTag
from app.postings.schemas import PostingRead
from tests.factories import make_key, make_organisation, make_posting

PROBLEM = "application/problem+json"


def test_create_posting_returns_it_with_location_and_rendered_html(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, slug="datacite", name="DataCite")
    body = {
        "title": "Technical Community Manager",
        "location": "North America or Western Europe",
        "remote": "remote",
        "employment_type": "full-time",
        "deadline": "2030-02-07",
        "posted_on": "2030-01-10",
        "description": "We **need** you.",
        "apply_email": "jobs@datacite.org",
        "tags": ["Open Source", "PID", "open source"],
        "salary": "€60k–€70k",
        "salary_min": 60000,
        "salary_max": 70000,
        "salary_currency": "EUR",
        "salary_period": "year",
    }
    response = client.post("/v1/postings", json=body, headers=make_key(session, organisation))
    assert response.status_code == 201, response.text
    posting = response.json()
    assert response.headers["location"] == f"http://testserver/v1/postings/{posting['id']}"
    assert posting["organisation"] == {"slug": "datacite", "name": "DataCite"}
    assert posting["tags"] == ["open-source", "pid"]
    assert posting["description_html"] == "<p>We <strong>need</strong> you.</p>\n"
    assert posting["deadline"] == "2030-02-07"
    assert posting["closes_at"] == "2030-02-08T00:00:00Z"
    assert posting["status"] == "open"
    assert client.get(f"/v1/postings/{posting['id']}").json() == posting


def test_deadline_closes_at_midnight_in_the_organisations_timezone(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, timezone="America/Los_Angeles")
    posting = make_posting(session, organisation, deadline=date(2030, 7, 1))
    assert client.get(f"/v1/postings/{posting.id}").json()["closes_at"] == "2030-07-02T07:00:00Z"


def test_changing_the_organisations_timezone_moves_its_deadlines(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, timezone="UTC")
    posting = make_posting(session, organisation, deadline=date(2030, 1, 15))
    response = client.patch(
        f"/v1/organisations/{organisation.slug}",
        json={"timezone": "Asia/Tokyo"},
        headers=make_key(session, organisation),
    )
    assert response.status_code == 200, response.text
    assert client.get(f"/v1/postings/{posting.id}").json()["closes_at"] == "2030-01-15T15:00:00Z"


def test_html_in_the_description_is_sanitised(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    description = (
        'Apply <a href="javascript:alert(1)" onclick="x()">here</a>\n\n'
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>"
    )
    posting = make_posting(session, organisation, description=description)
    html = client.get(f"/v1/postings/{posting.id}").json()["description_html"]
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html
    assert "onerror" not in html
    assert '<a rel="nofollow noopener">here</a>' in html


def test_create_without_organisation_uses_the_keys_organisation(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session, slug="rse")
    response = client.post(
        "/v1/postings", json={"title": "RSE"}, headers=make_key(session, organisation)
    )
    assert response.status_code == 201, response.text
    assert response.json()["organisation"]["slug"] == "rse"
    assert response.json()["posted_on"] == date.today().isoformat()


def test_create_for_unknown_organisation_names_the_field(
    client: TestClient, session: Session
) -> None:
    response = client.post(
        "/v1/postings", json={"title": "RSE", "organisation": "nope"}, headers=make_key(session)
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["loc"] == ["body", "organisation"]


def test_invalid_fields_are_each_named_and_nothing_is_stored(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    body = {
        "organisation": organisation.slug,
        "title": "",
        "remote": "sometimes",
        "deadline": "next week",
        "apply_email": "not-an-email",
        "apply_url": "ftp://example.org",
        "salary_currency": "euro",
        "colour": "blue",
    }
    response = client.post("/v1/postings", json=body, headers=make_key(session))
    assert response.status_code == 422
    problem = response.json()
    assert problem["status"] == 422
    assert {tuple(error["loc"]) for error in problem["errors"]} == {
        ("body", "title"),
        ("body", "remote"),
        ("body", "deadline"),
        ("body", "apply_email"),
        ("body", "apply_url"),
        ("body", "salary_currency"),
        ("body", "colour"),
    }
    assert session.exec(select(Posting)).all() == []


def test_salary_range_must_be_in_order(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    response = client.post(
        "/v1/postings",
        json={"title": "RSE", "salary_min": 5, "salary_max": 1},
        headers=make_key(session, organisation),
    )
    assert response.status_code == 422
    assert "salary_min must not be greater than salary_max" in response.json()["detail"]


def test_malformed_json_is_a_422_problem(client: TestClient, session: Session) -> None:
    response = client.post(
        "/v1/postings",
        content=b"{not json",
        headers={**make_key(session), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["type"] == "json_invalid"


def test_duplicate_external_id_is_a_conflict_and_stores_nothing(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    make_posting(session, organisation, external_id="job-1")
    response = client.post(
        "/v1/postings",
        json={"title": "Again", "external_id": "job-1"},
        headers=make_key(session, organisation),
    )
    assert response.status_code == 409
    assert "job-1" in response.json()["detail"]
    assert len(session.exec(select(Posting)).all()) == 1


def test_patch_to_another_postings_external_id_is_a_conflict_and_changes_nothing(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    make_posting(session, organisation, external_id="job-1")
    posting = make_posting(session, organisation, external_id="job-2", deadline=date(2030, 1, 1))
    before = client.get(f"/v1/postings/{posting.id}")
    key = make_key(session, organisation)
    for change in (
        {"external_id": "job-1"},
        {"external_id": "job-1", "title": "Renamed", "tags": ["rust"]},
        {"external_id": "job-1", "deadline": "2031-01-01", "description": "*New*"},
    ):
        response = client.patch(f"/v1/postings/{posting.id}", json=change, headers=key)
        assert response.status_code == 409, response.text
        assert response.headers["content-type"] == PROBLEM
        assert "external_id 'job-1'" in response.json()["detail"]
    assert client.get(f"/v1/postings/{posting.id}").content == before.content


def test_same_external_id_in_two_organisations_is_allowed(
    client: TestClient, session: Session
) -> None:
    first, second = make_organisation(session), make_organisation(session)
    make_posting(session, first, external_id="job-1")
    response = client.post(
        "/v1/postings",
        json={"title": "Same id elsewhere", "external_id": "job-1"},
        headers=make_key(session, second),
    )
    assert response.status_code == 201


def test_patch_changes_only_the_fields_sent(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(
        session, organisation, location="Berlin", tags=["python"], deadline=date(2030, 1, 1)
    )
    before = client.get(f"/v1/postings/{posting.id}").json()
    response = client.patch(
        f"/v1/postings/{posting.id}",
        json={"title": "Senior Research Engineer", "deadline": None, "tags": ["Rust"]},
        headers=make_key(session, organisation),
    )
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["title"] == "Senior Research Engineer"
    assert after["deadline"] is None
    assert after["closes_at"] is None
    assert after["tags"] == ["rust"]
    assert after["location"] == "Berlin"
    assert after["updated_at"] > before["updated_at"]


def test_patch_with_nothing_new_keeps_updated_at(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation, tags=["python"])
    before = client.get(f"/v1/postings/{posting.id}").json()
    response = client.patch(
        f"/v1/postings/{posting.id}",
        json={"title": posting.title, "tags": ["Python"]},
        headers=make_key(session, organisation),
    )
    assert response.json()["updated_at"] == before["updated_at"]


def test_patch_refuses_null_for_required_fields(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation)
    response = client.patch(
        f"/v1/postings/{posting.id}", json={"title": None}, headers=make_key(session, organisation)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "title"]


def test_patch_description_rerenders_html(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation, description="old")
    response = client.patch(
        f"/v1/postings/{posting.id}",
        json={"description": "*new*"},
        headers=make_key(session, organisation),
    )
    assert response.json()["description_html"] == "<p><em>new</em></p>\n"


def test_delete_removes_the_posting_and_its_tags(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation, tags=["a", "b"])
    response = client.delete(f"/v1/postings/{posting.id}", headers=make_key(session, organisation))
    assert response.status_code == 204
    assert response.content == b""
    assert client.get(f"/v1/postings/{posting.id}").status_code == 404
    assert session.exec(select(PostingTag)).all() == []


def test_unknown_posting_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/postings/999999")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "No posting with id 999999.",
        "instance": "/v1/postings/999999",
    }


def test_non_numeric_posting_id_is_a_422_naming_it(client: TestClient) -> None:
    response = client.get("/v1/postings/abc")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["path", "posting_id"]


def test_a_posting_id_too_large_for_the_database_is_a_422_not_a_500(
    client: TestClient, session: Session
) -> None:
    key = make_key(session)
    for method, path in (
        ("GET", f"/v1/postings/{2**31}"),
        ("PATCH", f"/v1/postings/{2**31}"),
        ("DELETE", f"/v1/postings/{2**31}"),
        ("GET", f"/v1/postings/{2**31}/applications"),
    ):
        response = client.request(method, path, headers=key, json={})
        assert response.status_code == 422, path
        assert response.json()["errors"][0]["loc"] == ["path", "posting_id"]
    assert client.get("/v1/postings/0").status_code == 422


# --- access --------------------------------------------------------------------------------


def test_writes_without_a_key_get_401_with_www_authenticate(
    client: TestClient, session: Session
) -> None:
    posting = make_posting(session, make_organisation(session))
    for response in (
        client.post("/v1/postings", json={"title": "x"}),
        client.patch(f"/v1/postings/{posting.id}", json={"title": "x"}),
        client.delete(f"/v1/postings/{posting.id}"),
    ):
        assert response.status_code == 401
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"] == PROBLEM


def test_a_bad_or_revoked_key_gets_401(client: TestClient, session: Session) -> None:
    bad = {"Authorization": "Bearer opn_not-a-real-key"}
    assert client.post("/v1/postings", json={"title": "x"}, headers=bad).status_code == 401
    assert client.get("/v1/postings", headers=bad).status_code == 401


def test_another_organisations_key_cannot_write(client: TestClient, session: Session) -> None:
    owner, other = make_organisation(session), make_organisation(session)
    posting = make_posting(session, owner)
    headers = make_key(session, other)
    create = client.post(
        "/v1/postings", json={"title": "x", "organisation": owner.slug}, headers=headers
    )
    assert create.status_code == 403
    assert (
        client.patch(f"/v1/postings/{posting.id}", json={"title": "x"}, headers=headers).status_code
        == 403
    )
    assert client.delete(f"/v1/postings/{posting.id}", headers=headers).status_code == 403
    assert client.get(f"/v1/postings/{posting.id}").json()["title"] == "Research Engineer"


def test_another_organisations_key_learns_nothing_of_a_postings_versions(
    client: TestClient, session: Session
) -> None:
    """Its right is checked before `If-Match`: a stale or a current ETag both get 403."""
    owner, other = make_organisation(session), make_organisation(session)
    posting = make_posting(session, owner)
    url = f"/v1/postings/{posting.id}"
    current = client.get(url).headers["etag"]
    for etag in ('"stale"', current):
        headers = make_key(session, other) | {"If-Match": etag}
        assert client.patch(url, json={"title": "x"}, headers=headers).status_code == 403
        assert client.delete(url, headers=headers).status_code == 403
    assert client.get(url).headers["etag"] == current


def test_drafts_are_visible_only_to_their_organisation_and_admin(
    client: TestClient, session: Session
) -> None:
    owner, other = make_organisation(session), make_organisation(session)
    draft = make_posting(session, owner, status="draft", title="Secret")
    url = f"/v1/postings/{draft.id}"
    assert client.get(url).status_code == 404
    assert client.get(url, headers=make_key(session, other)).status_code == 404
    assert client.get(url, headers=make_key(session, owner)).status_code == 200
    assert client.get(url, headers=make_key(session)).status_code == 200

    def listed(headers: dict[str, str] | None = None) -> list[str]:
        return [
            item["title"] for item in client.get("/v1/postings", headers=headers).json()["items"]
        ]

    assert listed() == []
    assert listed(make_key(session, other)) == []
    assert listed(make_key(session, owner)) == ["Secret"]
    assert listed(make_key(session)) == ["Secret"]


def test_get_sends_exactly_the_posting_as_writes_render_it(
    client: TestClient, session: Session
) -> None:
    """GET reads one row without the ORM; its bytes (and so its ETag) must match what PATCH,
    PUT and the change log render through `PostingRead`."""
    organisation = make_organisation(session, timezone="Europe/Berlin")
    posting = make_posting(
        session,
        organisation,
        description="We *build* things.",
        location="Berlin",
        remote="hybrid",
        employment_type="full-time",
        deadline=date(2030, 2, 7),
        salary="€60k-€70k",
        salary_min=60000,
        salary_max=70000.5,
        salary_currency="EUR",
        salary_period="year",
        tags=["Python", "open-source", "data"],
        questions=[
            {"id": "work-permit", "prompt": "Work permit?", "kind": "yes_no", "required": True},
            {"id": "start", "prompt": "When?", "kind": "choice", "choices": ["now", "later"]},
        ],
        privacy_notice_url="https://example.org/privacy",
        privacy_notice_version="v2",
        apply_url="https://example.org/apply",
        apply_email="jobs@example.org",
        external_id="board-17",
        source_url="https://example.org/jobs/17",
    )
    rendered = representations.to_read(session, posting).model_dump(mode="json")
    # Every field holds a value of its own, so each field's rendering is compared, and a
    # field added later fails here until this posting sets it.
    left_empty = [
        name
        for name, field in PostingRead.model_fields.items()
        if rendered[name] in (None, "", [], {}, False)
        or rendered[name] == field.get_default(call_default_factory=True)
    ]
    assert left_empty == []
    response = client.get(f"/v1/postings/{posting.id}")
    assert response.status_code == 200
    assert response.content == json_bytes(rendered)
    assert response.headers["etag"] == etag_of(json_bytes(rendered))


def test_a_list_item_shows_each_field_as_get_does(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(
        session,
        organisation,
        deadline=date(2030, 2, 7),
        salary_min=60000,
        salary_currency="EUR",
        tags=["rust", "data"],
    )
    whole = client.get(f"/v1/postings/{posting.id}").json()
    (item,) = client.get("/v1/postings", params={"include": "description"}).json()["items"]
    assert item.keys() <= whole.keys()
    assert item == {name: whole[name] for name in item}
    assert item["salary_min"] == 60000.0
    assert isinstance(item["salary_min"], float)
