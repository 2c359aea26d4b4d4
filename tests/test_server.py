"""End to end: the real `openings` command migrates, makes a key and serves over HTTP."""

import re
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.commands import OPENINGS, environment_for, run_openings

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def environment(scratch_database_url: str) -> dict[str, str]:
    return environment_for(scratch_database_url)


def openings(environment: dict[str, str], *arguments: str) -> str:
    return run_openings(environment, *arguments).splitlines()[0]


@pytest.fixture
def server(environment: dict[str, str], tmp_path: Path) -> Iterator[httpx.Client]:
    """`openings migrate`, then `openings serve` on a free loopback port until it is healthy."""
    openings(environment, "migrate")
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [OPENINGS, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10) as client:
            deadline = time.monotonic() + 20
            while True:
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "the server did not become healthy in 20 s"
                time.sleep(0.1)
            yield client
    finally:
        process.terminate()
        process.wait(timeout=10)


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
    assert done.stdout.count("204\n") == 2, done.stdout
    assert '"status":500' not in done.stdout
    assert '"title":"Technical Community Manager"' in done.stdout
