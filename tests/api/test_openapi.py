"""The OpenAPI document as client generators read it: names a person would write, and each
route's security as the route checks it."""

import json
import re
import typing
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api.problems import Problem
from app.applications.schemas import (
    ApplicationCreate,
    ApplicationExport,
    ApplicationRead,
    ApplicationReceipt,
    ApplicationSummary,
    StatusChange,
    Withdrawal,
    WithdrawalRead,
)
from app.changes.schemas import ChangePage
from app.core.pagination import Page
from app.importer.schemas import ImportResults
from app.main import create_app
from app.organisations.schemas import OrganisationCreate, OrganisationRead, OrganisationUpdate
from app.postings.schemas import (
    PostingCreate,
    PostingRead,
    PostingReplace,
    PostingSummary,
    PostingUpdate,
)

OPTIONAL = [{}, {"HTTPBearer": []}]
REQUIRED = [{"HTTPBearer": []}]


@pytest.fixture(scope="module")
def operations() -> dict[str, tuple[str, str, dict[str, Any]]]:
    """Every operation by its id: method, path and the operation itself."""
    document = create_app().openapi()
    return {
        operation["operationId"]: (method, path, operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }


def test_every_operation_has_a_camel_case_id_of_its_own(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
) -> None:
    document = create_app().openapi()
    count = sum(len(methods) for methods in document["paths"].values())
    assert len(operations) == count
    assert all(re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", name) for name in operations)
    assert operations["listPostings"][:2] == ("get", "/v1/postings")
    assert operations["getPosting"][:2] == ("get", "/v1/postings/{posting_id}")
    assert operations["upsertPostingByExternalId"][:2] == (
        "put",
        "/v1/organisations/{slug}/postings/{external_id}",
    )


# Every operation that takes a key, and whether it needs one: a route that changes what it
# asks of its caller fails `test_every_operation_that_takes_a_key_is_listed` until it is here.
SECURITY = {
    "listPostings": OPTIONAL,
    "getPosting": OPTIONAL,
    "getPostingsFeed": OPTIONAL,
    "listOrganisations": OPTIONAL,
    "getOrganisation": OPTIONAL,
    "createPosting": REQUIRED,
    "updatePosting": REQUIRED,
    "deletePosting": REQUIRED,
    "upsertPostingByExternalId": REQUIRED,
    "importAdvert": REQUIRED,
    "createOrganisation": REQUIRED,
    "updateOrganisation": REQUIRED,
    "deleteOrganisation": REQUIRED,
    "listApplications": REQUIRED,
    "getApplication": REQUIRED,
    "getApplicationCv": REQUIRED,
    "changeApplicationStatus": REQUIRED,
    "eraseApplication": REQUIRED,
    "exportApplication": REQUIRED,
}


def test_every_operation_that_takes_a_key_is_listed(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
) -> None:
    taking = {name for name, (_, _, operation) in operations.items() if "security" in operation}
    assert taking == set(SECURITY)


@pytest.mark.parametrize(("operation_id", "security"), SECURITY.items())
def test_a_route_declares_the_key_it_takes_or_needs(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
    operation_id: str,
    security: list[dict[str, list[str]]],
) -> None:
    assert operations[operation_id][2]["security"] == security


def test_the_public_reads_it_declares_open_answer_without_a_key(
    client: TestClient, operations: dict[str, tuple[str, str, dict[str, Any]]]
) -> None:
    """What the document says matches what the server does, for every open read that needs
    no path parameter."""
    open_reads = [
        path
        for method, path, operation in operations.values()
        if method == "get" and operation.get("security") == OPTIONAL and "{" not in path
    ]
    assert "/v1/postings" in open_reads
    for path in open_reads:
        assert client.get(path).status_code == 200, path


def test_enumerations_are_shared_components_with_readable_member_names() -> None:
    """A value read from a posting can be passed back as a filter: both name one type."""
    document = create_app().openapi()
    schemas = document["components"]["schemas"]
    listed = {p["name"]: p for p in document["paths"]["/v1/postings"]["get"]["parameters"]}
    assert listed["remote"]["schema"]["items"] == {"$ref": "#/components/schemas/RemoteMode"}
    assert schemas["PostingRead"]["properties"]["remote"]["anyOf"][0] == {
        "$ref": "#/components/schemas/RemoteMode"
    }
    assert listed["sort"]["schema"]["$ref"] == "#/components/schemas/PostingSort"
    assert schemas["PostingSort"]["x-enum-varnames"] == [
        "deadline_asc",
        "deadline_desc",
        "posted_asc",
        "posted_desc",
        "title_asc",
    ]
    referenced = set(re.findall(r'"#/components/schemas/([^"]+)"', json.dumps(document)))
    assert referenced <= set(schemas)


def test_the_upserts_201_has_the_posting_as_its_body(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
) -> None:
    responses = operations["upsertPostingByExternalId"][2]["responses"]
    for status in ("200", "201"):
        content = responses[status]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/PostingRead"}


def _request_headers(operation: dict[str, Any]) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


@pytest.mark.parametrize(
    ("operation_id", "headers"),
    [
        ("listPostings", {"If-None-Match", "If-Modified-Since", "Cache-Control"}),
        ("getPosting", {"If-None-Match", "If-Modified-Since", "Cache-Control", "Accept"}),
        ("getOrganisation", {"If-None-Match"}),
        ("listChanges", {"If-None-Match"}),
        ("updatePosting", {"If-Match"}),
        ("updateOrganisation", {"If-Match"}),
        ("changeApplicationStatus", {"If-Match"}),
        ("upsertPostingByExternalId", {"If-Match"}),
        ("applyToPosting", {"Idempotency-Key"}),
    ],
)
def test_the_headers_a_route_reads_are_declared(
    operations: dict[str, tuple[str, str, dict[str, Any]]], operation_id: str, headers: set[str]
) -> None:
    assert headers <= _request_headers(operations[operation_id][2])


@pytest.mark.parametrize(
    ("operation_id", "status", "headers"),
    [
        ("listPostings", "200", {"ETag", "Last-Modified", "Link"}),
        ("getPosting", "200", {"ETag", "Last-Modified"}),
        ("listOrganisations", "200", {"ETag", "Link"}),
        ("createPosting", "201", {"Location"}),
        ("applyToPosting", "201", {"Location", "Idempotent-Replayed"}),
        ("applyToPosting", "429", {"Retry-After"}),
        ("checkHealth", "503", {"Retry-After"}),
        ("updatePosting", "200", {"ETag"}),
    ],
)
def test_the_headers_an_answer_carries_are_declared(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
    operation_id: str,
    status: str,
    headers: set[str],
) -> None:
    assert headers <= set(operations[operation_id][2]["responses"][status].get("headers", {}))


def test_a_posting_read_as_json_is_typed_as_one_media_type(
    operations: dict[str, tuple[str, str, dict[str, Any]]],
) -> None:
    """Two media types under one 200 make generated clients type the answer as either."""
    content = operations["getPosting"][2]["responses"]["200"]["content"]
    assert set(content) == {"application/json"}


def test_defaults_of_fields_only_requests_send_are_said_in_words() -> None:
    schemas = create_app().openapi()["components"]["schemas"]
    description = schemas["PostingCreate"]["properties"]["description"]
    assert "default" not in description
    assert description["description"].endswith('Default: `""`.')
    assert "default" not in schemas["PostingCreate"]["properties"]["status"]
    assert "PostingSummaryPage" in schemas  # not Pydantic's Page_PostingSummary_


def test_every_json_request_body_has_an_example_the_server_accepts() -> None:
    document = create_app().openapi()
    schemas = document["components"]["schemas"]
    bodies = [
        operation["requestBody"]["content"]["application/json"]["schema"]
        for methods in document["paths"].values()
        for operation in methods.values()
        if "application/json" in operation.get("requestBody", {}).get("content", {})
    ]
    assert bodies
    for body in bodies:
        schema = schemas[body["$ref"].rsplit("/", 1)[-1]] if "$ref" in body else body
        assert schema.get("examples"), schema.get("title")
    models = [
        OrganisationCreate,
        OrganisationUpdate,
        PostingCreate,
        PostingReplace,
        PostingUpdate,
        ApplicationCreate,
        Withdrawal,
        StatusChange,
        Problem,
    ]
    for model in models:
        for example in model.model_json_schema()["examples"]:
            model.model_validate(example)  # an example a client copies is one the server takes
    assert schemas["Problem"]["examples"]


_READ_MODELS: dict[str, type[BaseModel]] = {
    "PostingRead": PostingRead,
    "PostingSummaryPage": Page[PostingSummary],
    "OrganisationRead": OrganisationRead,
    "OrganisationReadPage": Page[OrganisationRead],
    "ApplicationReceipt": ApplicationReceipt,
    "ApplicationRead": ApplicationRead,
    "ApplicationSummaryPage": Page[ApplicationSummary],
    "ApplicationExport": ApplicationExport,
    "WithdrawalRead": WithdrawalRead,
    "ChangePage": ChangePage,
    "ImportResults": ImportResults,
}


def _models_in(annotation: object) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _names_only_fields(model: type[BaseModel], example: object) -> None:
    """No key of `example`, at any depth its model describes, is a field the server lacks."""
    if not isinstance(example, dict):
        return
    assert set(example) <= set(model.model_fields), (model.__name__, set(example))
    for name, value in example.items():
        for nested in _models_in(model.model_fields[name].annotation):
            for item in value if isinstance(value, list) else [value]:
                _names_only_fields(nested, item)


def test_every_json_answer_has_an_example_shaped_as_the_server_sends_it() -> None:
    document = create_app().openapi()
    answered = {
        content["schema"]["$ref"].rsplit("/", 1)[-1]
        for methods in document["paths"].values()
        for operation in methods.values()
        for response in operation["responses"].values()
        for media_type, content in response.get("content", {}).items()
        if media_type == "application/json" and "$ref" in content.get("schema", {})
    }
    assert answered == set(_READ_MODELS)  # a new answer model needs its example
    schemas = document["components"]["schemas"]
    for name, model in _READ_MODELS.items():
        examples = schemas[name].get("examples")
        assert examples, name
        for example in examples:
            model.model_validate(example)
            _names_only_fields(model, example)
