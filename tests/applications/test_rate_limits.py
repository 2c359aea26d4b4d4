"""Anonymous writes are limited per client address and per posting: 429 problem+json with
`Retry-After`, counted once for all the server's workers, in the default SQLite file or in
Redis, and by the forwarded address only from a trusted proxy."""

import re
import secrets
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.rate_limits import RateLimits
from app.core.config import Settings
from tests.factories import make_organisation, make_posting

REDIS = "redis://127.0.0.1:6379/0"


def _applicant(number: int) -> dict[str, object]:
    return {"name": f"Applicant {number}", "email": f"a{number}@example.org", "consent": True}


# --- in process: the answer, and which counts a request adds to --------------------------------


@pytest.fixture
def low_limits(app: FastAPI) -> None:
    """The app's limits, in place of the suite's that no test reaches."""
    app.state.rate_limits = RateLimits.of(
        Settings(
            rate_limit_storage="memory://",
            anonymous_write_limit="4/minute",
            posting_application_limit="2/minute",
        )
    )


@pytest.mark.usefixtures("low_limits")
def test_past_the_posting_limit_an_application_gets_429_with_retry_after(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    busy, other = make_posting(session, organisation), make_posting(session, organisation)
    answers = [
        client.post(f"/v1/postings/{busy.id}/applications", json=_applicant(number))
        for number in range(3)
    ]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    refused = answers[2]
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.json()["detail"].startswith("Too many applications to this posting")
    elsewhere = client.post(f"/v1/postings/{other.id}/applications", json=_applicant(9))
    assert elsewhere.status_code == 201


@pytest.mark.usefixtures("low_limits")
def test_past_the_client_limit_withdrawals_and_applications_get_429(
    client: TestClient, session: Session
) -> None:
    organisation = make_organisation(session)
    first, second = make_posting(session, organisation), make_posting(session, organisation)
    receipt = client.post(f"/v1/postings/{first.id}/applications", json=_applicant(1)).json()
    withdrawal = {"token": receipt["withdrawal_token"]}
    assert client.post(receipt["withdraw_url"], json=withdrawal).status_code == 200
    applied = client.post(f"/v1/postings/{second.id}/applications", json=_applicant(2))
    assert applied.status_code == 201
    assert client.post(receipt["withdraw_url"], json=withdrawal).status_code == 200
    refused = client.post(receipt["withdraw_url"], json=withdrawal)
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Too many anonymous writes from this address")
    assert "Retry-After" in refused.headers


# --- the real server ---------------------------------------------------------------------------


@pytest.fixture
def server_settings() -> dict[str, str]:
    return {}


@pytest.fixture
def environment(environment: dict[str, str], server_settings: dict[str, str]) -> dict[str, str]:
    """The suite's environment with the limits a test sets (parametrized `server_settings`)."""
    return environment | {"POSTING_APPLICATION_LIMIT": "1000/minute"} | server_settings


def _apply_at_once(
    server: httpx.Client, posting_id: int, forwarded_for: list[str | None]
) -> list[int]:
    """Apply once per entry, all released together, each on a new connection so the
    server's workers share them out; the status codes in order."""
    start = threading.Barrier(len(forwarded_for))

    def send(number: int) -> int:
        address = forwarded_for[number]
        headers = {"Connection": "close"} | ({"X-Forwarded-For": address} if address else {})
        with httpx.Client(base_url=server.base_url, timeout=30) as own:
            start.wait()
            answer = own.post(
                f"/v1/postings/{posting_id}/applications",
                json=_applicant(number),
                headers=headers,
            )
        return answer.status_code

    with ThreadPoolExecutor(len(forwarded_for)) as pool:
        return list(pool.map(send, range(len(forwarded_for))))


@pytest.mark.parametrize("server_settings", [{"ANONYMOUS_WRITE_LIMIT": "5/minute"}])
def test_the_limit_holds_across_the_servers_workers(
    server: httpx.Client, posting_id: int, server_log: Path
) -> None:
    statuses = _apply_at_once(server, posting_id, [None] * 16)
    assert Counter(statuses) == {201: 5, 429: 11}
    workers = set(re.findall(r"Started server process \[(\d+)\]", server_log.read_text()))
    assert len(workers) == 2, server_log.read_text()


def _documentation_address() -> str:
    """An address of its own (IPv6 documentation range) for each run, so runs that share a
    Redis never share a count."""
    return f"2001:db8:{secrets.randbelow(65536):x}:{secrets.randbelow(65536):x}::1"


@pytest.mark.parametrize(
    "server_settings",
    [
        {
            "ANONYMOUS_WRITE_LIMIT": "3/minute",
            "RATE_LIMIT_STORAGE": REDIS,
            "TRUSTED_PROXIES": '["127.0.0.1"]',
        }
    ],
)
def test_with_redis_the_workers_count_in_redis(server: httpx.Client, posting_id: int) -> None:
    address = _documentation_address()
    statuses = _apply_at_once(server, posting_id, [address] * 8)
    assert Counter(statuses) == {201: 3, 429: 5}
    import redis  # noqa: PLC0415 (only this test talks to Redis itself)

    network = address.rsplit(":", 3)[0]
    keys = redis.Redis.from_url(REDIS).keys(f"LIMITS:*{network}*")
    assert len(keys) == 1


@pytest.mark.parametrize("server_settings", [{"ANONYMOUS_WRITE_LIMIT": "3/minute"}])
def test_an_untrusted_client_cannot_choose_its_address_with_x_forwarded_for(
    server: httpx.Client, posting_id: int
) -> None:
    statuses = _apply_at_once(server, posting_id, [f"198.51.100.{n}" for n in range(6)])
    assert Counter(statuses) == {201: 3, 429: 3}


@pytest.mark.parametrize(
    "server_settings",
    [{"ANONYMOUS_WRITE_LIMIT": "3/minute", "TRUSTED_PROXIES": '["127.0.0.1"]'}],
)
def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_count(
    server: httpx.Client, posting_id: int
) -> None:
    addresses = [f"198.51.100.{n % 2}" for n in range(8)]
    statuses = _apply_at_once(server, posting_id, addresses)
    by_address = Counter(zip(addresses, statuses, strict=True))
    assert by_address == {
        ("198.51.100.0", 201): 3,
        ("198.51.100.0", 429): 1,
        ("198.51.100.1", 201): 3,
        ("198.51.100.1", 429): 1,
    }
