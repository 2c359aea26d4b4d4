"""Organisations over HTTP: public reads, admin creation, and the rules on change."""

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from app.organisations.models import Organisation
from tests.factories import make_key, make_organisation, make_posting


def test_admin_creates_an_organisation_with_a_derived_slug(
    client: TestClient, session: Session
) -> None:
    response = client.post(
        "/v1/organisations",
        json={"name": "Université de Sherbrooke", "website": "https://usherbrooke.ca"},
        headers=make_key(session),
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["slug"] == "universite-de-sherbrooke"
    assert body["timezone"] == "UTC"
    assert response.headers["location"] == (
        "http://testserver/v1/organisations/universite-de-sherbrooke"
    )
    assert client.get("/v1/organisations/universite-de-sherbrooke").json() == body


def test_only_an_admin_key_creates_organisations(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    body = {"name": "Another"}
    assert client.post("/v1/organisations", json=body).status_code == 401
    response = client.post("/v1/organisations", json=body, headers=make_key(session, organisation))
    assert response.status_code == 403
    assert len(session.exec(select(Organisation)).all()) == 1


def test_a_taken_slug_is_a_conflict(client: TestClient, session: Session) -> None:
    make_organisation(session, slug="datacite")
    response = client.post(
        "/v1/organisations",
        json={"name": "DataCite", "slug": "datacite"},
        headers=make_key(session),
    )
    assert response.status_code == 409
    assert "datacite" in response.json()["detail"]


def test_bad_organisation_fields_are_named(client: TestClient, session: Session) -> None:
    response = client.post(
        "/v1/organisations",
        json={"name": "X", "slug": "Not A Slug", "timezone": "Mars/Olympus", "website": "nope"},
        headers=make_key(session),
    )
    assert response.status_code == 422
    locs = {tuple(error["loc"]) for error in response.json()["errors"]}
    assert locs == {("body", "slug"), ("body", "timezone"), ("body", "website")}
    assert "IANA time zone" in response.json()["detail"]


def test_list_is_in_slug_order_across_pages(client: TestClient, session: Session) -> None:
    for slug in ("c-org", "a-org", "b-org"):
        make_organisation(session, slug=slug)
    first = client.get("/v1/organisations?limit=2").json()
    assert [o["slug"] for o in first["items"]] == ["a-org", "b-org"]
    link = client.get("/v1/organisations?limit=2").headers["link"]
    assert (
        link
        == f'<http://testserver/v1/organisations?limit=2&cursor={first["next_cursor"]}>; rel="next"'
    )
    second = client.get(f"/v1/organisations?limit=2&cursor={first['next_cursor']}").json()
    assert [o["slug"] for o in second["items"]] == ["c-org"]
    assert second["next_cursor"] is None


def test_organisation_key_updates_its_own_organisation_only(
    client: TestClient, session: Session
) -> None:
    own, other = make_organisation(session), make_organisation(session)
    headers = make_key(session, own)
    response = client.patch(
        f"/v1/organisations/{own.slug}", json={"description": "We build PIDs."}, headers=headers
    )
    assert response.status_code == 200
    assert response.json()["description"] == "We build PIDs."
    response = client.patch(
        f"/v1/organisations/{other.slug}", json={"description": "Hijacked"}, headers=headers
    )
    assert response.status_code == 403


def test_patch_refuses_null_name(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    response = client.patch(
        f"/v1/organisations/{organisation.slug}", json={"name": None}, headers=make_key(session)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "name"]


def test_delete_is_refused_while_postings_remain(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation)
    admin = make_key(session)
    response = client.delete(f"/v1/organisations/{organisation.slug}", headers=admin)
    assert response.status_code == 409
    assert client.delete(f"/v1/postings/{posting.id}", headers=admin).status_code == 204
    assert client.delete(f"/v1/organisations/{organisation.slug}", headers=admin).status_code == 204
    assert client.get(f"/v1/organisations/{organisation.slug}").status_code == 404


def test_deleting_an_organisation_revokes_its_keys(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    headers = make_key(session, organisation)
    client.delete(f"/v1/organisations/{organisation.slug}", headers=make_key(session))
    assert client.post("/v1/postings", json={"title": "x"}, headers=headers).status_code == 401


def test_only_admin_deletes_organisations(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    response = client.delete(
        f"/v1/organisations/{organisation.slug}", headers=make_key(session, organisation)
    )
    assert response.status_code == 403


def test_unknown_organisation_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/organisations/nobody")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "No organisation with slug 'nobody'."


def test_a_cursor_from_another_list_is_refused(client: TestClient, session: Session) -> None:
    organisation = make_organisation(session)
    for _ in range(2):
        make_posting(session, organisation)
    cursor = client.get("/v1/postings?limit=1").json()["next_cursor"]
    response = client.get(f"/v1/organisations?cursor={cursor}")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "cursor"]


def test_an_organisation_has_an_etag_and_a_stale_one_changes_nothing(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    at = f"/v1/organisations/{organisation.slug}"
    headers = make_key(session, organisation)
    read = client.get(at)
    tag = read.headers["etag"]
    assert client.get(at, headers={"If-None-Match": tag}).status_code == 304
    first = client.patch(at, json={"name": "First"}, headers=headers | {"If-Match": tag})
    assert first.status_code == 200
    assert first.headers["etag"] == client.get(at).headers["etag"] != tag
    stale = client.patch(at, json={"name": "Second"}, headers=headers | {"If-Match": tag})
    assert stale.status_code == 412
    assert stale.json()["etag"] == first.headers["etag"]
    assert client.get(at).json()["name"] == "First"
    listed = client.get("/v1/organisations")
    again = client.get("/v1/organisations", headers={"If-None-Match": listed.headers["etag"]})
    assert again.status_code == 304
