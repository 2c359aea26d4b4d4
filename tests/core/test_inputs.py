"""Nothing a client sends gets a 500: unsafe text, dates out of range, floods of filter values,
deep JSON and unparseable bodies all get a 4xx problem naming what is wrong (issue #19)."""

import json
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.request_limits import MAX_QUERY_BYTES, MAX_QUERY_PARAMETERS
from app.core.inputs import MAX_FILTER_VALUES, MAX_JSON_DEPTH
from app.organisations.models import Organisation
from app.postings.models import Posting
from tests.factories import make_key, make_organisation, make_posting

PROBLEM = "application/problem+json"
# NUL, which PostgreSQL cannot store, ESC, which XML cannot hold, and a lone surrogate,
# which UTF-8 cannot encode.
UNSAFE = ["\x00", "\x1b", "\ud800"]


def _refused(response: Any, *loc: str | int) -> dict[str, Any]:
    """The 422 problem of `response`, asserted to name `loc` among its errors."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = response.json()
    assert list(loc) in [error["loc"] for error in problem["errors"]], problem
    return problem


def _send(
    client: TestClient, method: str, url: str, body: Any, headers: dict[str, str] | None = None
) -> Any:
    """`body` as JSON with every non-ASCII character escaped, lone surrogates too."""
    headers = {"Content-Type": "application/json", **(headers or {})}
    return client.request(method, url, content=json.dumps(body), headers=headers)


@pytest.fixture
def organisation(session: Session) -> Organisation:
    return make_organisation(session, slug="example-lab", name="Example Lab")


@pytest.fixture
def posting(session: Session, organisation: Organisation) -> Posting:
    return make_posting(session, organisation, title="Data Engineer", external_id="de-1")


QUESTION = {"id": "why", "prompt": "Why?", "kind": "text"}
POSTING_FIELDS: list[tuple[str, Any, list[str | int]]] = [
    ("title", "Data {} Engineer", ["title"]),
    ("description", "We {} need you.", ["description"]),
    ("location", "Vie{}nna", ["location"]),
    ("external_id", "id-{}", ["external_id"]),
    ("tags", ["ok", "b{}ad"], ["tags"]),
    ("questions", [QUESTION | {"prompt": "Why{}?"}], ["questions", 0, "prompt"]),
]


def _fill(template: Any, character: str) -> Any:
    """`template` with every `{}` in its strings replaced by `character`."""
    return json.loads(json.dumps(template).replace("{}", json.dumps(character)[1:-1]))


@pytest.mark.parametrize("character", UNSAFE)
@pytest.mark.parametrize(("field", "template", "loc"), POSTING_FIELDS)
def test_posting_writes_refuse_unsafe_text_in_every_field(
    client: TestClient,
    session: Session,
    posting: Posting,
    character: str,
    field: str,
    template: Any,
    loc: list[str | int],
) -> None:
    headers = make_key(session)
    value = _fill(template, character)
    body = {"organisation": "example-lab", "title": "T", field: value}
    _refused(_send(client, "POST", "/v1/postings", body, headers), "body", *loc)
    patch = _send(client, "PATCH", f"/v1/postings/{posting.id}", {field: value}, headers)
    _refused(patch, "body", *loc)
    if field != "external_id":  # a PUT takes its external id from the path
        put_url = "/v1/organisations/example-lab/postings/de-2"
        put = _send(client, "PUT", put_url, {"title": "T", field: value}, headers)
        _refused(put, "body", *loc)
    listed = client.get("/v1/postings", headers=headers).json()["items"]
    assert [(item["id"], item["title"]) for item in listed] == [(posting.id, "Data Engineer")]


@pytest.mark.parametrize("character", UNSAFE)
@pytest.mark.parametrize("field", ["name", "description"])
def test_organisation_writes_refuse_unsafe_text(
    client: TestClient, session: Session, organisation: Organisation, character: str, field: str
) -> None:
    headers = make_key(session)
    value = f"Lab {character} One"
    created = _send(client, "POST", "/v1/organisations", {"name": "Lab", field: value}, headers)
    _refused(created, "body", field)
    patched = _send(client, "PATCH", "/v1/organisations/example-lab", {field: value}, headers)
    _refused(patched, "body", field)
    assert client.get("/v1/organisations/example-lab").json()["name"] == "Example Lab"


APPLICANT = {"name": "Ada Lovelace", "email": "ada@example.org", "consent": True}


@pytest.mark.parametrize("character", UNSAFE)
@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"name": "Ada {}"}, ["name"]),
        ({"cover_letter": "Dear {}"}, ["cover_letter"]),
        ({"answers": {"why": "because {}"}}, ["answers"]),
        ({"answers": {"wh{}y": "because"}}, ["answers"]),
    ],
)
def test_applications_refuse_unsafe_text_as_json_and_as_a_form(
    client: TestClient,
    session: Session,
    organisation: Organisation,
    character: str,
    fields: dict[str, Any],
    loc: list[str],
) -> None:
    posting = make_posting(session, organisation, questions=[QUESTION])
    url = f"/v1/postings/{posting.id}/applications"
    body = APPLICANT | _fill(fields, character)
    _refused(_send(client, "POST", url, body), "body", *loc)
    if character != "\ud800":  # a form field is UTF-8: it cannot carry a lone surrogate
        form = {
            name: json.dumps(value) if name == "answers" else str(value).lower()
            for name, value in body.items()
        }
        _refused(client.post(url, files={"x": (None, "")} | {
            name: (None, value) for name, value in form.items()
        }), "body", *loc)  # fmt: skip
    assert client.get(url, headers=make_key(session)).json()["items"] == []


@pytest.mark.parametrize(
    ("url", "loc"),
    [
        ("/v1/postings?location=Vie%00nna", ["query", "location"]),
        ("/v1/postings?tag=a%1Bb", ["query", "tag"]),
        ("/v1/postings.atom?q=data%00", ["query", "q"]),
        ("/v1/changes?since=%00", ["query", "since"]),
        ("/v1/organisations/example%00lab", ["path"]),
        ("/v1/organisations/example-lab/postings/de%001", ["path"]),
    ],
)
def test_unsafe_text_in_a_query_or_a_path_is_refused(
    client: TestClient, posting: Posting, url: str, loc: list[str]
) -> None:
    _refused(client.get(url), *loc)


def test_a_query_parameters_bad_character_is_placed_in_its_value(client: TestClient) -> None:
    response = client.get("/v1/postings?location=Berlin%01")
    assert response.status_code == 422
    assert "U+0001 at position 6" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "advert",
    [
        "# Data \x1b Engineer\n\nExample Lab needs you in Vienna.\n",
        "---\ntitle: Data Engineer\ndate: 9999-12-31\n---\nExample Lab needs you.\n",
    ],
)
def test_an_import_whose_fields_cannot_be_stored_is_refused_and_stores_nothing(
    client: TestClient, session: Session, organisation: Organisation, advert: str
) -> None:
    response = client.post(
        "/v1/imports",
        content=advert,
        headers={**make_key(session, organisation), "Content-Type": "text/markdown"},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert client.get("/v1/postings", headers=make_key(session)).json()["items"] == []


def test_the_atom_feed_strips_what_xml_cannot_hold_from_stored_rows(
    client: TestClient, session: Session, organisation: Organisation, posting: Posting
) -> None:
    # Stored before such text was refused: written past the API's validation.
    posting.title = "Data\x0b Engineer\x1b"
    organisation.name = "Example\x01 Lab"
    session.add_all([posting, organisation])
    session.commit()

    response = client.get("/v1/postings.atom")
    assert response.status_code == 200, response.text
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.bozo_exception
    assert [(entry.title, entry.author) for entry in feed.entries] == [
        ("Data Engineer", "Example Lab")
    ]


def test_a_withdrawal_token_that_is_not_ascii_is_refused(
    client: TestClient, posting: Posting
) -> None:
    applied = client.post(f"/v1/postings/{posting.id}/applications", json=APPLICANT)
    assert applied.status_code == 201, applied.text
    response = client.post(applied.json()["withdraw_url"], json={"token": "tökén"})
    _refused(response, "body", "token")


@pytest.mark.parametrize("field", ["deadline", "posted_on"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_a_posting_date_outside_the_years_computed_with_is_refused(
    client: TestClient, session: Session, posting: Posting, field: str, day: str
) -> None:
    body = {"organisation": "example-lab", "title": "T", field: day}
    problem = _refused(client.post("/v1/postings", json=body, headers=make_key(session)),
                       "body", field)  # fmt: skip
    assert "between 1900-01-01 and 9000-12-31" in problem["detail"]


@pytest.mark.parametrize(
    "query",
    [
        "updated_since=9999-12-31T23:59:59-14:00",
        "updated_since=0001-01-01T00:00:00%2B14:00",
        "deadline_before=9999-12-31",
        "posted_after=0001-01-01",
    ],
)
def test_a_filter_date_outside_the_years_computed_with_is_refused(
    client: TestClient, posting: Posting, query: str
) -> None:
    problem = _refused(client.get(f"/v1/postings?{query}"), "query", query.partition("=")[0])
    assert "between 1900-01-01 and 9000-12-31" in problem["detail"]


def test_an_application_filter_date_outside_the_years_computed_with_is_refused(
    client: TestClient, session: Session, posting: Posting
) -> None:
    response = client.get(
        f"/v1/postings/{posting.id}/applications?submitted_after=9999-12-31T23:59:59-14:00",
        headers=make_key(session),
    )
    _refused(response, "query", "submitted_after")


def test_an_if_modified_since_outside_the_years_computed_with_is_ignored(
    client: TestClient, posting: Posting
) -> None:
    response = client.get(
        f"/v1/postings/{posting.id}",
        headers={"If-Modified-Since": "Fri, 31 Dec 9999 23:59:59 -1400"},
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/v1/postings?" + "&".join(f"tag=t{i}" for i in range(51)), "tag"),
        ("/v1/postings?" + "&".join(f"organisation=o{i}" for i in range(51)), "organisation"),
        ("/v1/postings?" + "&".join(["status=open"] * 51), "status"),
    ],
)
def test_a_filter_takes_a_bounded_number_of_values(
    client: TestClient, posting: Posting, url: str, name: str
) -> None:
    problem = _refused(client.get(url), "query", name)
    assert f"at most {MAX_FILTER_VALUES}" in problem["detail"]


def test_an_application_filter_takes_a_bounded_number_of_values(
    client: TestClient, session: Session, posting: Posting
) -> None:
    url = f"/v1/postings/{posting.id}/applications?" + "&".join(["status=submitted"] * 51)
    problem = _refused(client.get(url, headers=make_key(session)), "query", "status")
    assert f"at most {MAX_FILTER_VALUES}" in problem["detail"]


def test_a_query_string_is_bounded_in_length_and_in_parameters(
    client: TestClient, posting: Posting
) -> None:
    long = _refused(client.get("/v1/postings?q=" + "a" * MAX_QUERY_BYTES), "query")
    assert f"at most {MAX_QUERY_BYTES}" in long["detail"]
    many = "&".join(["tag=t"] * 1000)
    assert f"at most {MAX_QUERY_PARAMETERS}" in _refused(client.get(f"/v1/postings?{many}"),
                                                         "query")["detail"]  # fmt: skip


def test_deeply_nested_json_in_an_application_is_refused(
    client: TestClient, posting: Posting
) -> None:
    url = f"/v1/postings/{posting.id}/applications"
    for depth in (MAX_JSON_DEPTH + 1, 100_000):
        nested = "[" * depth + "]" * depth
        body = json.dumps(APPLICANT)[:-1] + f', "answers": {{"why": {nested}}}}}'
        response = client.post(url, content=body, headers={"Content-Type": "application/json"})
        assert "levels" in _refused(response, "body")["detail"]
        form = {name: (None, str(value).lower()) for name, value in APPLICANT.items()}
        response = client.post(url, files=form | {"answers": (None, f'{{"why": {nested}}}')})
        assert "levels" in _refused(response, "body", "answers")["detail"]


def test_a_json_body_that_is_not_utf8_is_refused_as_malformed(
    client: TestClient, session: Session, posting: Posting
) -> None:
    response = client.post(
        "/v1/postings",
        content=b'{"title": "\xff"}',
        headers={**make_key(session), "Content-Type": "application/json"},
    )
    _refused(response, "body")


def test_a_form_without_a_boundary_is_refused_as_malformed(
    client: TestClient, posting: Posting
) -> None:
    response = client.post(
        f"/v1/postings/{posting.id}/applications",
        content=b"--x\r\n",
        headers={"Content-Type": "multipart/form-data"},
    )
    _refused(response, "body")


def test_every_error_response_is_declared_as_a_problem_document(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            errors = {s: r for s, r in operation["responses"].items() if int(s) >= 400}
            assert "422" in errors, (method, path)
            for status, response in errors.items():
                assert response["content"] == {PROBLEM: problem}, (method, path, status)
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    assert set(schema["components"]["schemas"]["Problem"]["required"]) >= {"title", "status"}
