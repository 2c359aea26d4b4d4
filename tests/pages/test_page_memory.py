"""Pages from the worker's memory of answers, as the server runs: kept while the data and the
time they show stay the same, dropped when either moves."""

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.response_cache import ResponseCache
from tests.api.versions import Counter, retitle
from tests.factories import make_organisation, make_posting


def test_the_board_and_a_posting_page_are_kept_until_the_version_moves(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        posting = make_posting(session, make_organisation(session), title="Kept Title")
        session.commit()
        assert posting.id is not None
        posting_id = posting.id
    version = Counter()
    with TestClient(cached_app) as client:
        cached_app.state.response_cache = ResponseCache(version, max_bytes=1_000_000)
        first = {path: client.get(path).text for path in ("/", f"/postings/{posting_id}")}
        retitle(committed_engine, posting_id, "Changed Title")
        assert all(client.get(path).text == first[path] for path in first)
        version.value = 1
        assert all("Changed Title" in client.get(path).text for path in first)


def test_a_posting_page_is_kept_only_until_its_deadline_words_change(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        organisation = make_organisation(session, timezone="UTC")
        posting = make_posting(
            session, organisation, deadline=(datetime.now(UTC) + timedelta(days=3)).date()
        )
        session.commit()
        path = f"/postings/{posting.id}"
    cache = ResponseCache(Counter(), max_bytes=1_000_000)
    with TestClient(cached_app) as client:
        cached_app.state.response_cache = cache
        client.get(path)
        key = next(iter(cache._entries))
        _answer, valid_until = cache._entries[key]
    assert valid_until is not None
    assert datetime.now(UTC) < valid_until <= datetime.now(UTC) + timedelta(days=1)
