"""What the real-server tests of applying share: an admin key and a posting to apply to."""

import httpx
import pytest

from tests.commands import openings


@pytest.fixture
def admin(server: httpx.Client, environment: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}


@pytest.fixture
def posting_id(server: httpx.Client, admin: dict[str, str]) -> int:
    """A posting on the real server, made through the API."""
    created = server.post("/v1/organisations", json={"name": "Busy Lab"}, headers=admin)
    assert created.status_code == 201, created.text
    posting = server.post(
        "/v1/postings", json={"organisation": "busy-lab", "title": "Engineer"}, headers=admin
    )
    assert posting.status_code == 201, posting.text
    posting_id: int = posting.json()["id"]
    return posting_id
