"""Parallel requests against the real server: retries store one application, and one address
applying many times at once is answered alike every time."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

PARALLEL = 12


def all_at_once(server: httpx.Client, requests: list[dict[str, object]]) -> list[httpx.Response]:
    """Send every request from its own thread, released together."""
    start = threading.Barrier(len(requests))

    def send(arguments: dict[str, object]) -> httpx.Response:
        start.wait()
        return server.post(**arguments)  # type: ignore[arg-type]

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(send, requests))


def test_parallel_retries_with_one_idempotency_key_store_one_application(
    server: httpx.Client, admin: dict[str, str], posting_id: int
) -> None:
    request = {
        "url": f"/v1/postings/{posting_id}/applications",
        "json": {"name": "Ada", "email": "ada@example.org", "consent": True},
        "headers": {"Idempotency-Key": "double-click"},
    }
    responses = all_at_once(server, [request] * PARALLEL)
    assert Counter(response.status_code for response in responses) == {201: PARALLEL}
    assert len({response.json()["id"] for response in responses}) == 1
    listed = server.get(f"/v1/postings/{posting_id}/applications?count=true", headers=admin)
    assert listed.json()["total"] == 1


def test_parallel_applications_from_one_email_are_all_accepted_alike(
    server: httpx.Client, admin: dict[str, str], posting_id: int, server_log: Path
) -> None:
    requests: list[dict[str, object]] = [
        {
            "url": f"/v1/postings/{posting_id}/applications",
            "json": {
                "name": "Ada",
                "email": f"{'ADA' if number % 2 else 'ada'}@example.org",
                "consent": True,
            },
        }
        for number in range(PARALLEL)
    ]
    responses = all_at_once(server, requests)
    assert Counter(response.status_code for response in responses) == {201: PARALLEL}
    assert len({frozenset(response.json()) for response in responses}) == 1
    ids = {response.json()["id"] for response in responses}
    listed = server.get(f"/v1/postings/{posting_id}/applications?limit=50", headers=admin).json()
    assert {item["id"] for item in listed["items"]} == ids
    # Each links the first it saw committed (those committed together may see none); every
    # link is to one of these, and the first committed links nothing.
    links = {item["duplicate_of"] for item in listed["items"]}
    assert None in links
    assert links - {None} <= ids
    assert "example.org" not in server_log.read_text().lower()
