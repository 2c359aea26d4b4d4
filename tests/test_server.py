"""End to end: the real `openings` command migrates, makes a key and serves over HTTP."""

import asyncio
import re
import subprocess
import time
from pathlib import Path

import httpx

from tests.commands import openings, run_openings
from tests.conftest import ON_POSTGRES

ROOT = Path(__file__).resolve().parent.parent


def test_a_new_user_publishes_and_finds_a_posting(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    created = server.post(
        "/v1/organisations",
        json={"name": "DataCite", "timezone": "Europe/Berlin"},
        headers=admin,
    )
    assert created.status_code == 201, created.text

    own_key = openings(environment, "keys", "create", "--organisation", "datacite")
    own = {"Authorization": f"Bearer {own_key}"}
    for number in range(3):
        response = server.post(
            "/v1/postings",
            json={
                "title": f"Developer {number}",
                "location": "Western Europe",
                "deadline": "2099-02-07",
                "tags": ["open-source"],
            },
            headers=own,
        )
        assert response.status_code == 201, response.text

    page = server.get("/v1/postings", params={"organisation": "datacite", "limit": 2})
    assert page.status_code == 200
    assert [item["title"] for item in page.json()["items"]] == ["Developer 2", "Developer 1"]
    next_url = page.headers["link"].split(">")[0].lstrip("<")
    rest = server.get(next_url).json()
    assert [item["title"] for item in rest["items"]] == ["Developer 0"]

    found = server.get(
        "/v1/postings", params={"q": "developer", "location": "europe", "open": True}
    )
    assert found.json()["items"][0]["organisation"] == {"slug": "datacite", "name": "DataCite"}

    refused = server.post("/v1/postings", json={"title": "x"})
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"

    key_id = run_openings(environment, "keys", "list").splitlines()[-1].split("\t")[0]
    openings(environment, "keys", "revoke", key_id)
    assert server.post("/v1/postings", json={"title": "x"}, headers=own).status_code == 401


def test_the_readme_curl_tour_works_as_written(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    openings(environment, "seed")  # as `make run` does
    readme = (ROOT / "README.md").read_text()
    tour = readme[readme.index("## A curl tour") : readme.index("## Behaviour worth knowing")]
    script = "\n".join(re.findall(r"```sh\n(.*?)```", tour, re.DOTALL))
    script = script.replace("API=http://127.0.0.1:8000", f"API={server.base_url}")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("204\n") == 3, done.stdout
    assert '"status":500' not in done.stdout
    assert '"title":"Technical Community Manager"' in done.stdout
    assert '"withdrawal_token"' in done.stdout
    assert '"status":"in_review"' in done.stdout
    assert '"status":"withdrawn"' in done.stdout
    assert '"cv_content_base64"' in done.stdout


def test_more_concurrent_readers_than_pooled_connections_all_get_answers(
    server: httpx.Client,
) -> None:
    """A hundred lists and searches at once, more than a worker pools connections for: every
    one is answered. (A connection held across an await once hung a worker: with the pool
    empty, the event loop waited for a connection only the event loop could give back.)"""

    async def read_all() -> list[int]:
        # Asking for the database's answer, so that none comes from the workers' memory.
        async with httpx.AsyncClient(
            base_url=str(server.base_url), timeout=20, headers={"Cache-Control": "no-cache"}
        ) as client:
            paths = ["/v1/postings", "/v1/postings?q=engineer", "/v1/postings/1"] * 34
            responses = await asyncio.gather(*(client.get(path) for path in paths))
            return [response.status_code for response in responses]

    statuses = asyncio.run(read_all())
    assert sorted(set(statuses)) == [200, 404], statuses


def test_many_writers_at_once_are_all_answered_and_failed_writes_hold_up_none(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    """Forty postings sent at once, more than a worker's writers can run together (on SQLite,
    one at a time), ten of them with the same external id: one of those ten and all the rest
    are created, nine are refused, and writing goes on afterwards."""
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    created = server.post("/v1/organisations", json={"name": "Busy Lab"}, headers=admin)
    assert created.status_code == 201, created.text

    def posting(number: int) -> dict[str, str]:
        external_id = "same" if number < 10 else f"own-{number}"
        return {
            "organisation": "busy-lab",
            "title": f"Engineer {number}",
            "external_id": external_id,
        }

    async def post_all() -> list[int]:
        async with httpx.AsyncClient(
            base_url=str(server.base_url), timeout=30, headers=admin
        ) as client:
            responses = await asyncio.gather(
                *(client.post("/v1/postings", json=posting(number)) for number in range(40))
            )
            return [response.status_code for response in responses]

    statuses = asyncio.run(post_all())
    assert sorted(statuses) == [201] * 31 + [409] * 9, statuses
    after = server.post("/v1/postings", json=posting(40), headers=admin)
    assert after.status_code == 201, after.text
    listed = server.get("/v1/postings", params={"organisation": "busy-lab", "limit": 100})
    assert len(listed.json()["items"]) == 32


def _titles_on_new_connections(server: httpx.Client, times: int) -> set[str]:
    """The titles anonymous lists show, each read on a new connection, which either worker
    may take."""
    titles = set()
    for _ in range(times):
        page = httpx.get(f"{server.base_url}/v1/postings", timeout=10).json()
        titles.update(item["title"] for item in page["items"])
    return titles


def test_no_worker_keeps_an_answer_after_a_change_is_committed(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    """Each worker keeps anonymous answers in memory; a commit by another worker or process
    drops them. SQLite's workers see it at once, PostgreSQL's when its notification arrives."""
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    server.post("/v1/organisations", json={"name": "DataCite"}, headers=admin)
    created = server.post(
        "/v1/postings", json={"organisation": "datacite", "title": "Before"}, headers=admin
    )
    assert _titles_on_new_connections(server, 10) == {"Before"}

    changed = server.patch(created.headers["Location"], json={"title": "After"}, headers=admin)
    assert changed.status_code == 200
    give_up = time.monotonic() + (2 if ON_POSTGRES else 0)
    while (titles := _titles_on_new_connections(server, 10)) != {"After"}:
        assert time.monotonic() < give_up, titles
        time.sleep(0.05)
