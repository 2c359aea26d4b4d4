"""`POST /v1/imports` on the real server: reading an advert never holds up its other requests."""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.commands import openings
from tests.conftest import running_server
from tests.importer.test_bounds import SLOW

GOOD = b"---\ntitle: Engineer\ncompany: Example Lab\n---\nWrite code in Berlin.\n"


@pytest.fixture
def one_worker_server(environment: dict[str, str], tmp_path: Path) -> Iterator[httpx.Client]:
    """`openings serve` with a single worker, so that every request meets the same event loop,
    and a time limit per advert of 5 s."""
    openings(environment, "migrate")
    limited = {**environment, "IMPORT_TIME_LIMIT_S": "5"}
    with running_server(limited, tmp_path / "server.log", ready="/livez", workers=1) as client:
        client.timeout = httpx.Timeout(30)
        yield client


def test_the_server_answers_livez_while_an_upload_is_read(
    one_worker_server: httpx.Client, environment: dict[str, str]
) -> None:
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    upload: dict[str, httpx.Response] = {}

    def import_slow() -> None:
        upload["response"] = one_worker_server.post(
            "/v1/imports?source=slow.md",
            content=SLOW.encode(),
            headers={**admin, "Content-Type": "text/markdown"},
        )

    importing = threading.Thread(target=import_slow)
    importing.start()
    answered_meanwhile = 0
    with httpx.Client(base_url=str(one_worker_server.base_url), timeout=10) as other:
        while importing.is_alive():
            response = other.get("/livez")
            if importing.is_alive():
                assert response.status_code == 200
                answered_meanwhile += 1
            time.sleep(0.1)
    importing.join()
    assert answered_meanwhile > 0
    refused = upload["response"]
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"] == "request body: it took longer than 5 s to read"

    # The worker that overran was replaced: the next advert is read as usual.
    good = one_worker_server.post(
        "/v1/imports?source=good.md",
        content=GOOD,
        headers={**admin, "Content-Type": "text/markdown"},
    )
    assert good.status_code == 200, good.text
    assert [result["action"] for result in good.json()["results"]] == ["created"]
