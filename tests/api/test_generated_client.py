"""A Python client generated with openapi-python-client from the app's own OpenAPI document
runs an integrator's sync against the real server (tests/api/integrator.py), typed throughout."""

import importlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.main import create_app
from tests.applications import documents
from tests.commands import openings

BIN = Path(sys.executable).parent
SCENARIO = Path(__file__).with_name("integrator.py")


@pytest.fixture(scope="session")
def generated_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder holding `openings_client`, generated as a user generates it."""
    folder = tmp_path_factory.mktemp("generated")
    document = folder / "openapi.json"
    document.write_text(json.dumps(create_app().openapi()))
    done = subprocess.run(
        [
            str(BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--output-path",
            str(folder / "openings_client"),
        ],
        env={**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"},  # its ruff formats the code
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder


@pytest.fixture
def on_path(generated_client: Path) -> Iterator[None]:
    sys.path.insert(0, str(generated_client))
    try:
        yield
    finally:
        sys.path.remove(str(generated_client))


def test_an_integrator_syncs_with_the_generated_client(
    on_path: None, server: httpx.Client, environment: dict[str, str]
) -> None:
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    created = server.post("/v1/organisations", json={"slug": "lab", "name": "Lab"}, headers=admin)
    assert created.status_code == 201
    key = openings(environment, "keys", "create", "--organisation", "lab")
    integrator = importlib.import_module("tests.api.integrator")
    seen = integrator.run(str(server.base_url).rstrip("/"), key, "lab", documents.pdf())
    assert len(seen.listed) == 3
    assert seen.pages == 2  # two to a page, through the cursor
    assert seen.revalidated == 304
    assert seen.stale is not None and seen.stale.status == 412
    assert seen.upserted == [201, 200]
    assert set(seen.listed) <= set(seen.changes)
    assert seen.receipt is not None and seen.receipt.withdrawal_token
    assert seen.missing is not None and seen.missing.status == 404
    assert "999999" in seen.missing.detail


def test_the_integrators_code_type_checks_strictly_with_no_casts(generated_client: Path) -> None:
    source = SCENARIO.read_text()
    assert "cast(" not in source  # and --disallow-any-explicit: no `Any` either
    done = subprocess.run(
        [
            str(BIN / "mypy"),
            "--strict",
            "--disallow-any-explicit",
            "--no-incremental",
            "--follow-imports=silent",
            str(SCENARIO),
        ],
        env={**os.environ, "MYPYPATH": str(generated_client)},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
