"""Prometheus metrics at /metrics: every worker's counts together, as a scrape sees them."""

import re

import httpx
from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.factories import make_organisation, make_posting


def _samples(text: str) -> dict[str, float]:
    """`name{labels}` → value, for every sample line of Prometheus' text format."""
    return {
        match.group(1): float(match.group(2))
        for match in re.finditer(r"^(\w+(?:\{.*\})?) (\S+)$", text, re.MULTILINE)
    }


def test_a_scrape_adds_up_the_workers(server: httpx.Client) -> None:
    base = str(server.base_url).rstrip("/")
    for _ in range(12):  # a connection each, so the kernel spreads them over both workers
        assert httpx.get(f"{base}/v1/postings").status_code == 200
    assert httpx.get(f"{base}/v1/postings/999999").status_code == 404
    scrape = server.get("/metrics")
    assert scrape.status_code == 200
    assert scrape.headers["content-type"].startswith("text/plain")
    samples = _samples(scrape.text)
    listed = 'openings_requests_total{method="GET",route="/v1/postings",status="200"}'
    assert samples[listed] == 12
    missing = 'openings_requests_total{method="GET",route="/v1/postings/{posting_id}",status="404"}'
    assert samples[missing] == 1
    assert samples['openings_request_duration_seconds_count{route="/v1/postings"}'] == 12
    hits = samples.get('openings_answer_cache_lookups_total{result="hit"}', 0)
    misses = samples.get('openings_answer_cache_lookups_total{result="miss"}', 0)
    assert hits + misses == 13  # the posting's read looked too
    assert misses <= 3  # the list once per worker, and the posting; the rest are the cache's
    assert "/999999" not in scrape.text  # routes by template, never a path


def test_an_application_is_counted_once_however_often_it_is_retried(
    client: TestClient, session: Session
) -> None:
    posting = make_posting(session, make_organisation(session))
    counted = "openings_applications_total"
    before = _samples(client.get("/metrics").text)[counted]
    applicant = {"name": "Ada", "email": "ada@example.org", "consent": True}
    for _ in range(2):
        response = client.post(
            f"/v1/postings/{posting.id}/applications",
            json=applicant,
            headers={"Idempotency-Key": "once"},
        )
        assert response.status_code == 201
    assert _samples(client.get("/metrics").text)[counted] == before + 1
