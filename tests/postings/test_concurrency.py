"""Writers racing over HTTP, against the real server with two worker processes: a check
and the write it guards are one step, so `If-Match` loses no update and an upsert by
external id stays idempotent, on either database and across workers.

Each race runs a few rounds: which requests meet in different workers is up to the
kernel, and a round whose first requests in each worker do not overlap proves nothing.
"""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from threading import Barrier

import httpx
import pytest

from tests.commands import openings

PROBLEM = "application/problem+json"
AT_ONCE = 10
ROUNDS = 3

Send = Callable[[httpx.Client], httpx.Response]


@pytest.fixture
def admin(server: httpx.Client, environment: dict[str, str]) -> dict[str, str]:
    """An admin key's headers, and an organisation `race-lab` to write postings in."""
    headers = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    created = server.post("/v1/organisations", json={"name": "Race Lab"}, headers=headers)
    assert created.status_code == 201, created.text
    return headers


@pytest.fixture
def connections(server: httpx.Client) -> Iterator[list[httpx.Client]]:
    """A connection for each request of a race, opened one after another: connections
    opened at once all go to the worker that wakes first, one at a time they go to either."""
    with ExitStack() as stack:
        clients = []
        for _ in range(2 * AT_ONCE):
            client = stack.enter_context(httpx.Client(base_url=str(server.base_url), timeout=30))
            assert client.get("/livez").status_code == 200
            clients.append(client)
        yield clients


def request(method: str, url: str, headers: dict[str, str], body: object = None) -> Send:
    """A request to send, on whichever connection `at_once` gives it."""
    return lambda client: client.request(method, url, headers=headers, json=body)


def at_once(connections: list[httpx.Client], requests: list[Send]) -> list[httpx.Response]:
    """Each request on a connection of its own, all let go together."""
    barrier = Barrier(len(requests))

    def send(client: httpx.Client, request: Send) -> httpx.Response:
        barrier.wait(timeout=30)
        return request(client)

    with ThreadPoolExecutor(len(requests)) as pool:
        return list(pool.map(send, connections, requests))


def statuses(responses: list[httpx.Response]) -> list[int]:
    return sorted(response.status_code for response in responses)


def assert_problems(responses: list[httpx.Response]) -> None:
    for response in responses:
        if response.status_code >= 400:
            assert response.headers["content-type"] == PROBLEM, response.text


def only_success(responses: list[httpx.Response]) -> httpx.Response:
    successes = [response for response in responses if response.is_success]
    assert len(successes) == 1, statuses(responses)
    return successes[0]


def new_posting(server: httpx.Client, admin: dict[str, str]) -> tuple[str, str]:
    """A new posting's URL and ETag."""
    created = server.post(
        "/v1/postings", json={"organisation": "race-lab", "title": "Engineer"}, headers=admin
    )
    assert created.status_code == 201, created.text
    return created.headers["location"], created.headers["etag"]


def current(server: httpx.Client, url: str) -> httpx.Response:
    return server.get(url, headers={"Cache-Control": "no-cache"})


def race_lab_external_ids(server: httpx.Client, admin: dict[str, str]) -> list[str]:
    listed = server.get("/v1/postings", params={"organisation": "race-lab"}, headers=admin)
    return sorted(item["external_id"] for item in listed.json()["items"])


def test_patches_sent_at_once_with_one_etag_change_the_posting_once(
    server: httpx.Client, admin: dict[str, str], connections: list[httpx.Client]
) -> None:
    for _ in range(ROUNDS):
        url, etag = new_posting(server, admin)
        headers = {**admin, "If-Match": etag}
        patches = [
            request("PATCH", url, headers, {"title": f"Engineer {number}"})
            for number in range(AT_ONCE)
        ]
        responses = at_once(connections, patches)
        assert statuses(responses) == [200] + [412] * (AT_ONCE - 1)
        assert_problems(responses)
        winner = only_success(responses)
        now = current(server, url)
        assert now.json()["title"] == winner.json()["title"]
        assert now.headers["etag"] == winner.headers["etag"]


def test_deletes_and_patches_sent_at_once_with_one_etag_let_only_the_first_through(
    server: httpx.Client, admin: dict[str, str], connections: list[httpx.Client]
) -> None:
    """Whichever comes first wins: after a delete the rest find nothing (404), after a
    change the rest hold a stale ETag (412)."""
    for _ in range(ROUNDS):
        url, etag = new_posting(server, admin)
        headers = {**admin, "If-Match": etag}
        delete = request("DELETE", url, headers)
        patch = request("PATCH", url, headers, {"title": "Changed"})
        responses = at_once(connections, [delete, patch] * (AT_ONCE // 2))
        winner = only_success(responses)
        if winner.status_code == 204:
            assert statuses(responses) == [204] + [404] * (AT_ONCE - 1)
            assert current(server, url).status_code == 404
        else:
            assert statuses(responses) == [200] + [412] * (AT_ONCE - 1)
            assert current(server, url).json()["title"] == "Changed"
        assert_problems(responses)


def test_puts_sent_at_once_with_one_etag_replace_the_posting_once(
    server: httpx.Client, admin: dict[str, str], connections: list[httpx.Client]
) -> None:
    for round_number in range(ROUNDS):
        url = f"/v1/organisations/race-lab/postings/job-{round_number}"
        created = server.put(url, json={"title": "Engineer"}, headers=admin)
        assert created.status_code == 201, created.text
        headers = {**admin, "If-Match": created.headers["etag"]}
        puts = [
            request("PUT", url, headers, {"title": f"Engineer {number}"})
            for number in range(AT_ONCE)
        ]
        responses = at_once(connections, puts)
        assert statuses(responses) == [200] + [412] * (AT_ONCE - 1)
        assert_problems(responses)
        winner = only_success(responses)
        now = current(server, created.headers["location"])
        assert now.json()["title"] == winner.json()["title"]


def test_puts_sent_at_once_of_a_new_external_id_create_it_once_and_replace_it_after(
    server: httpx.Client, admin: dict[str, str], connections: list[httpx.Client]
) -> None:
    for round_number in range(ROUNDS):
        url = f"/v1/organisations/race-lab/postings/job-{round_number}"
        put = request("PUT", url, admin, {"title": "Engineer"})
        responses = at_once(connections, [put] * 2 * AT_ONCE)
        assert statuses(responses) == [200] * (2 * AT_ONCE - 1) + [201], [
            response.text for response in responses
        ]
        assert len({response.json()["id"] for response in responses}) == 1
    assert race_lab_external_ids(server, admin) == [f"job-{n}" for n in range(ROUNDS)]


def test_puts_sent_at_once_of_a_new_external_id_under_if_none_match_create_it_once(
    server: httpx.Client, admin: dict[str, str], connections: list[httpx.Client]
) -> None:
    headers = {**admin, "If-None-Match": "*"}
    for round_number in range(ROUNDS):
        url = f"/v1/organisations/race-lab/postings/job-{round_number}"
        put = request("PUT", url, headers, {"title": "Engineer"})
        responses = at_once(connections, [put] * 2 * AT_ONCE)
        assert statuses(responses) == [201] + [412] * (2 * AT_ONCE - 1), [
            response.text for response in responses
        ]
        assert_problems(responses)
    assert race_lab_external_ids(server, admin) == [f"job-{n}" for n in range(ROUNDS)]
