"""Hosts: requests naming an unknown host are refused outside development, and every absolute
link comes from PUBLIC_URL when it is set."""

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.core.config import Settings
from tests.factories import make_organisation, make_posting


@pytest.fixture
def published_at_jobs_example(monkeypatch: pytest.MonkeyPatch) -> None:
    """Set before the `app` fixture builds the app from the settings."""
    monkeypatch.setenv("ALLOWED_HOSTS", '["jobs.example"]')
    monkeypatch.setenv("PUBLIC_URL", "https://jobs.example/")


@pytest.mark.usefixtures("published_at_jobs_example")
def test_a_request_naming_another_host_gets_400_problem_json(client: TestClient) -> None:
    refused = client.get("/v1/postings", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["detail"] == (
        "The Host header names a host this service is not published at."
    )
    assert client.get("/v1/postings", headers={"Host": "jobs.example"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200


@pytest.mark.usefixtures("published_at_jobs_example")
def test_feeds_and_json_ld_link_to_the_public_url(client: TestClient, session: Session) -> None:
    posting = make_posting(session, make_organisation(session))
    feed = client.get("/v1/postings.atom", headers={"Host": "jobs.example"}).text
    assert "<id>https://jobs.example/v1/postings.atom</id>" in feed
    assert 'href="https://jobs.example/v1/postings.atom" rel="self"' in feed
    assert f"https://jobs.example/v1/postings/{posting.id}" in feed
    assert "testserver" not in feed
    document = client.get(
        f"/v1/postings/{posting.id}",
        headers={"Host": "jobs.example", "Accept": "application/ld+json"},
    ).json()
    assert document["url"] == f"https://jobs.example/postings/{posting.id}/research-engineer"


def test_production_refuses_to_start_without_allowed_hosts_or_a_public_url() -> None:
    with pytest.raises(ValueError, match="ALLOWED_HOSTS or PUBLIC_URL"):
        Settings(environment="production", secret_key="s" * 40)


def test_production_allows_the_public_urls_host_and_development_any() -> None:
    production = Settings(
        environment="production", secret_key="s" * 40, public_url="https://jobs.example/api"
    )
    assert production.trusted_hosts() == ["jobs.example", "127.0.0.1", "::1", "localhost"]
    assert Settings(environment="development").trusted_hosts() == ["*"]
