"""Cross-cutting behaviour: health, errors as problem+json, CORS, OpenAPI, settings."""

import logging
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from app.core.config import Settings, get_settings
from app.core.db import Database, make_engine
from app.main import create_app


def test_healthz_queries_the_database(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.fixture
def without_database(app: FastAPI) -> Iterator[TestClient]:
    """A client of the app whose database cannot be reached."""
    unreachable = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    app.state.database = Database.on(unreachable)
    with TestClient(app) as client:
        yield client


def test_healthz_is_503_when_the_database_is_unreachable(without_database: TestClient) -> None:
    response = without_database.get("/healthz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "The database is unreachable."


def test_livez_answers_without_the_database(without_database: TestClient) -> None:
    response = without_database.get("/livez")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_route_and_method_are_problems(client: TestClient) -> None:
    missing = client.get("/v1/nothing")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    not_allowed = client.put("/v1/postings")
    assert not_allowed.status_code == 405
    assert not_allowed.json()["detail"] == (
        "PUT is not allowed on /v1/postings; it takes GET, HEAD, POST."
    )
    assert not_allowed.headers["allow"] == "GET, HEAD, POST"


def test_an_unexpected_error_is_a_generic_500_problem_logged_by_its_route(
    app: FastAPI, caplog: pytest.LogCaptureFixture
) -> None:
    @app.get("/boom/{application_id}")
    def boom(application_id: str) -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom/an-applicants-id")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "secret" not in response.text
    logged = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
    assert "unhandled error on GET /boom/{application_id}" in logged
    assert not any("an-applicants-id" in line for line in logged)


def test_openapi_declares_problem_responses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    post = spec["paths"]["/v1/postings"]["post"]
    assert {"201", "401", "403", "409", "422"} <= set(post["responses"])
    assert "application/problem+json" in post["responses"]["409"]["content"]
    listed = spec["paths"]["/v1/postings"]["get"]
    names = {parameter["name"] for parameter in listed["parameters"]}
    assert {"organisation", "location", "deadline_before", "q", "cursor", "sort"} <= names
    by_name = {parameter["name"]: parameter for parameter in listed["parameters"]}
    assert by_name["sort"]["schema"]["default"] == "-posted"
    assert by_name["remote"]["schema"]["items"] == {"$ref": "#/components/schemas/RemoteMode"}
    assert by_name["remote"]["description"] == "Repeat for any of."
    assert "HTTPBearer" in spec["components"]["securitySchemes"]


def test_cors_allows_configured_origins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", '["https://jobs.example"]')
    get_settings.cache_clear()
    try:
        client = TestClient(create_app())
        response = client.options(
            "/v1/postings",
            headers={"Origin": "https://jobs.example", "Access-Control-Request-Method": "GET"},
        )
        assert response.headers["access-control-allow-origin"] == "https://jobs.example"
        refused = client.options(
            "/v1/postings",
            headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"},
        )
        assert "access-control-allow-origin" not in refused.headers
    finally:
        get_settings.cache_clear()


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(environment="production")
    production = Settings(
        environment="production", secret_key="x" * 40, public_url="https://j.example"
    )
    assert production.secret_key == "x" * 40
