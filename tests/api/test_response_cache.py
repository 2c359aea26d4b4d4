"""The worker's cache of anonymous answers: kept while the data is unchanged, on real databases
with committed data, as the server runs it."""

import asyncio
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session

from app.api.conditional import representation
from app.api.data_version import NotifiedVersion, SQLiteVersion
from app.api.response_cache import ResponseCache
from app.core.config import get_settings
from app.core.db import make_engine
from tests.api.versions import WAIT_S, Counter, eventually, retitle
from tests.conftest import ON_POSTGRES
from tests.factories import make_key, make_organisation, make_posting


def _answer(size: int) -> bytes:
    return b"x" * size


def test_kept_answers_are_given_again_while_the_version_stays() -> None:
    version = Counter()
    cache = ResponseCache(version, max_bytes=1_000_000)
    found, seen = cache.lookup("/a")
    assert (found, seen) == (None, 0)
    answer = representation(_answer(10))
    cache.keep("/a", 0, answer, None)
    assert cache.lookup("/a") == (answer, 0)

    version.value = 1
    assert cache.lookup("/a") == (None, 1)
    assert len(cache) == 0


def test_an_answer_computed_before_a_change_is_not_kept() -> None:
    version = Counter()
    cache = ResponseCache(version, max_bytes=1_000_000)
    _, seen = cache.lookup("/a")
    version.value = 1  # committed while the answer was being computed
    assert seen is not None
    cache.keep("/a", seen, representation(_answer(10)), None)
    assert len(cache) == 0


def test_nothing_is_kept_or_given_while_the_version_is_unknown() -> None:
    version = Counter()
    cache = ResponseCache(version, max_bytes=1_000_000)
    cache.keep("/a", 0, representation(_answer(10)), None)
    version.value = None
    assert cache.lookup("/a") == (None, None)
    assert len(cache) == 0


def test_an_answer_is_given_until_it_expires() -> None:
    cache = ResponseCache(Counter(), max_bytes=1_000_000)
    now = datetime.now(UTC)
    answer = representation(_answer(10))
    cache.keep("/soon", 0, answer, now + timedelta(hours=1))
    cache.keep("/past", 0, answer, now - timedelta(seconds=1))
    assert cache.lookup("/soon") == (answer, 0)
    assert cache.lookup("/past") == (None, 0)


def test_the_least_recently_used_answers_go_first_when_memory_runs_out() -> None:
    cache = ResponseCache(Counter(), max_bytes=3 * (1000 + 1024))
    for key in ("/a", "/b", "/c"):
        cache.keep(key, 0, representation(_answer(1000)), None)
    cache.lookup("/a")
    cache.keep("/d", 0, representation(_answer(1000)), None)
    assert [key for key in ("/a", "/b", "/c", "/d") if cache.lookup(key)[0]] == ["/a", "/c", "/d"]

    cache.keep("/huge", 0, representation(_answer(10_000)), None)
    assert cache.lookup("/huge")[0] is None
    assert len(cache) == 3

    # Two requests that missed together keep one answer, counted once.
    cache.keep("/d", 0, representation(_answer(1000)), None)
    cache.keep("/e", 0, representation(_answer(1000)), None)
    assert [key for key in ("/a", "/c", "/d", "/e") if cache.lookup(key)[0]] == ["/c", "/d", "/e"]


def _kept(app: FastAPI) -> int:
    cache: ResponseCache = app.state.response_cache
    return len(cache)


def test_an_anonymous_read_is_answered_from_memory_until_the_posting_changes(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        posting = make_posting(session, make_organisation(session), title="First title")
        session.commit()
        path = f"/v1/postings/{posting.id}"
    with TestClient(cached_app) as client:
        assert eventually(lambda: client.get(path).status_code == 200 and _kept(cached_app) == 1)
        first = client.get(path)
        assert first.json()["title"] == "First title"

        assert posting.id is not None
        retitle(committed_engine, posting.id, "Second title")
        assert eventually(lambda: client.get(path).json()["title"] == "Second title")
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 200
        assert again.headers["ETag"] != first.headers["ETag"]


def _three_postings(engine: Engine) -> None:
    """Three committed postings: a list of two has a next page."""
    with Session(engine) as session:
        organisation = make_organisation(session)
        for number in range(3):
            make_posting(session, organisation, title=f"Posting {number}")
        session.commit()


def test_a_kept_list_is_given_with_its_validators(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    _three_postings(committed_engine)
    with TestClient(cached_app) as client:
        assert eventually(
            lambda: client.get("/v1/postings?limit=2").status_code == 200 and _kept(cached_app) == 1
        )
        computed = client.get("/v1/postings?limit=2", headers={"Cache-Control": "no-cache"})
        kept = client.get("/v1/postings?limit=2")
        assert kept.content == computed.content
        for header in ("ETag", "Last-Modified", "Link", "Vary"):
            assert kept.headers[header] == computed.headers[header]
        not_modified = client.get(
            "/v1/postings?limit=2", headers={"If-None-Match": kept.headers["ETag"]}
        )
        assert not_modified.status_code == 304


def test_the_routes_give_the_kept_answer_until_the_version_moves(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    """With a version the test moves by hand, a change the cache is not told of shows that
    answers really come from memory, and `no-cache` from the database."""
    with Session(committed_engine) as session:
        posting = make_posting(session, make_organisation(session), title="Kept")
        session.commit()
        assert posting.id is not None
        path = f"/v1/postings/{posting.id}"
    version = Counter()
    with TestClient(cached_app) as client:
        cached_app.state.response_cache = ResponseCache(version, max_bytes=1_000_000)
        assert client.get(path).json()["title"] == "Kept"
        assert client.get("/v1/postings").json()["items"][0]["title"] == "Kept"
        retitle(committed_engine, posting.id, "Changed")

        assert client.get(path).json()["title"] == "Kept"
        assert client.get("/v1/postings").json()["items"][0]["title"] == "Kept"
        fresh = client.get(path, headers={"Cache-Control": "no-cache"})
        assert fresh.json()["title"] == "Changed"

        version.value = 1
        assert client.get(path).json()["title"] == "Changed"
        assert client.get("/v1/postings").json()["items"][0]["title"] == "Changed"


def test_callers_with_a_key_and_requests_for_the_database_are_not_kept(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        organisation = make_organisation(session)
        posting = make_posting(session, organisation)
        key = make_key(session, organisation)
        session.commit()
        path = f"/v1/postings/{posting.id}"
    with TestClient(cached_app) as client:
        for headers in (
            key,
            {"Cache-Control": "no-cache"},
            {"Cache-Control": "max-age=0"},
            {"Pragma": "no-cache"},
        ):
            assert client.get(path, headers=headers).status_code == 200
            assert client.get("/v1/postings", headers=headers).status_code == 200
        assert _kept(cached_app) == 0
        assert client.get(path, headers={"Accept": "application/ld+json"}).status_code == 200
        assert _kept(cached_app) == 0


def test_a_draft_is_not_found_from_memory_once_anyone_has_read_it_with_a_key(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        organisation = make_organisation(session)
        draft = make_posting(session, organisation, status="draft")
        key = make_key(session, organisation)
        session.commit()
        path = f"/v1/postings/{draft.id}"
    with TestClient(cached_app) as client:
        assert client.get(path, headers=key).status_code == 200
        assert client.get(path).status_code == 404
        assert client.get("/v1/postings").json()["items"] == []


def test_the_version_is_unknown_while_the_database_cannot_be_asked(
    tmp_path: Path, scratch_database_url: str, committed_engine: Engine
) -> None:
    """Then nothing is given from memory. On PostgreSQL, a new listening connection counts as
    a change, since changes may have been missed while it was down."""
    if ON_POSTGRES:
        asyncio.run(_listener_reconnects(scratch_database_url, committed_engine))
        return
    path = tmp_path / "later.db"
    version = SQLiteVersion(path)
    assert version.current() is None
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (x INTEGER)"))
    first = version.current()
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (1)"))
    engine.dispose()
    assert first is not None and version.current() not in (None, first)


async def _listener_reconnects(database_url: str, engine: Engine) -> None:
    version = NotifiedVersion(database_url, ping_every_s=0.1)
    listening = asyncio.create_task(version.listen())
    try:
        await _until(lambda: version.current() is not None)
        before = version.current()
        with engine.begin() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            )
        await _until(lambda: version.current() is None)
        await _until(lambda: version.current() is not None)
        after = version.current()
        assert before is not None and after is not None and after > before
    finally:
        listening.cancel()


async def _until(check: Callable[[], bool]) -> None:
    give_up = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < give_up, "the listener did not get there in time"
        await asyncio.sleep(0.02)


def test_a_list_asked_for_with_another_host_never_gives_its_links_to_other_callers(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    _three_postings(committed_engine)
    with TestClient(cached_app) as client:

        def poison() -> bool:
            poisoned = client.get("/v1/postings?limit=2", headers={"Host": "evil.example"})
            assert poisoned.headers["Link"].startswith("<http://evil.example/v1/postings?")
            return _kept(cached_app) == 1

        assert eventually(poison)
        honest = client.get("/v1/postings?limit=2")
        assert honest.headers["Link"].startswith("<http://testserver/v1/postings?")
        assert _kept(cached_app) == 2


def test_with_a_public_url_every_caller_gets_its_links_whatever_the_host(
    cached_app: FastAPI, committed_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PUBLIC_URL", "https://jobs.example/api/")
    get_settings.cache_clear()
    _three_postings(committed_engine)
    with TestClient(cached_app) as client:

        def served(host: str) -> bool:
            page = client.get("/v1/postings?limit=2", headers={"Host": host})
            assert page.headers["Link"].startswith("<https://jobs.example/api/v1/postings?")
            return _kept(cached_app) == 1

        assert eventually(lambda: served("evil.example"))
        assert served("testserver")
