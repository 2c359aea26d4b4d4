"""A served app with its worker memories on, over a migrated database with committed data."""

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from app.core.config import get_settings
from app.core.db import Database, make_engine
from app.main import create_app
from tests.commands import environment_for, run_openings


@pytest.fixture
def committed_engine(scratch_database_url: str) -> Iterator[Engine]:
    """A migrated database whose data is committed, as the server sees it."""
    run_openings(environment_for(scratch_database_url), "migrate")
    engine = make_engine(scratch_database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def cached_app(
    committed_engine: Engine, scratch_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[FastAPI]:
    monkeypatch.setenv("DATABASE_URL", scratch_database_url)
    monkeypatch.setenv("RESPONSE_CACHE_MB", "8")
    get_settings.cache_clear()
    application = create_app()
    application.state.database = Database.on(committed_engine)
    yield application
    get_settings.cache_clear()
