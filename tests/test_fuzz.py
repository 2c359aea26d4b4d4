"""Schemathesis over the app's own OpenAPI document: nothing a client can send breaks it.

Every operation, in the coverage and fuzzing phases, anonymous and with an admin key, on a
database holding an organisation, postings and an application, so that ids in paths can name
real rows. Each answer must not be a server error, must have a status code, content type and
body the document declares. A fixed seed and a bounded number of examples keep it to a
minute or two and make a failure repeatable.
"""

from contextlib import ExitStack
from itertools import count
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from schemathesis import Case
from schemathesis.config import SchemathesisConfig
from sqlmodel import Session

from app.core.config import get_settings
from app.main import create_app
from tests.conftest import app_on, fresh_bind
from tests.factories import make_application, make_key, make_organisation, make_posting

CONFIG = SchemathesisConfig.from_dict(
    {
        "seed": 19,
        "generation": {"mode": "all", "max-examples": 20, "allow-x00": True, "database": "none"},
        "phases": {
            "examples": {"enabled": True},
            "coverage": {"enabled": True},
            "fuzzing": {"enabled": True},
            "stateful": {
                "enabled": True,
                "max-steps": 8,
                "inference": {"algorithms": ["location-headers", "dependency-analysis"]},
            },
        },
        "base-url": "http://testserver",
        # What the document promises of every answer; whether the server accepts or refuses
        # a given input is for the tests of each behaviour.
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
        },
        "suppress-health-check": ["all"],
    }
)


def _arrange(session: Session) -> dict[str, str]:
    """Rows for the ids the fuzzer draws to name, and an admin key's headers."""
    organisation = make_organisation(session, slug="fuzzed", timezone="Europe/Berlin")
    posting = make_posting(session, organisation, external_id="job-1", tags=["python"])
    make_posting(session, organisation, title="Draft role", status="draft")
    make_application(session, posting)
    return make_key(session)


@pytest.fixture
def admin_headers(session: Session) -> dict[str, str]:
    return _arrange(session)


# The document only: each test calls the app of its own database (`case.call(app=...)`), and
# pytest gets one test per operation, which xdist spreads over its workers.
schema = schemathesis.openapi.from_dict(create_app().openapi(), config=CONFIG)


@schema.parametrize()
def test_no_anonymous_request_breaks_an_operation(
    case: Case, app: FastAPI, admin_headers: dict[str, str]
) -> None:
    case.call_and_validate(app=app)


@schema.parametrize()
def test_no_request_with_an_admin_key_breaks_an_operation(
    case: Case, app: FastAPI, admin_headers: dict[str, str]
) -> None:
    case.call_and_validate(app=app, headers=admin_headers)


def test_no_sequence_of_linked_requests_breaks_the_api(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Requests chained by the links between operations: what one creates, the next reads,
    changes or deletes. Each sequence starts from the same rows in a database of its own, so
    that Hypothesis can replay one that fails."""
    monkeypatch.setenv("RESPONSE_CACHE_MB", "0")
    get_settings.cache_clear()
    machine = schema.as_state_machine()
    linked: list[str] = []
    scenarios = count()

    class OnItsOwnDatabase(machine):  # type: ignore[misc,valid-type]
        def setup(self) -> None:
            self.resources = ExitStack()
            path = tmp_path / f"sequence-{next(scenarios)}.db"
            bind = self.resources.enter_context(fresh_bind(request, path))
            with Session(
                bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
            ) as session:
                self.headers = _arrange(session)
            self.app = app_on(bind)

        def teardown(self) -> None:
            self.resources.close()

        def call(self, case: Case, **kwargs: Any) -> Any:
            if case.path_parameters:
                linked.append(f"{case.method} {case.path}")
            return case.call(app=self.app, headers=self.headers, **kwargs)

    OnItsOwnDatabase.run(
        settings=hypothesis.settings(
            max_examples=30,
            stateful_step_count=8,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(hypothesis.HealthCheck),
        )
    )
    get_settings.cache_clear()
    assert linked, "no step named a resource an earlier step gave: the document has no links"
