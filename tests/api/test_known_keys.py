"""The worker's memory of verified keys: a keyed read costs no key query while the data is
unchanged, and a revoked key stops working as soon as the revocation is committed, on both
databases, with the key revoked by another connection as the command line would."""

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlmodel import Session, col, select

from app.api.known_keys import KnownKeys
from app.core.principal import Principal
from app.keys.models import ApiKey
from app.keys.service import key_hash
from tests.api.versions import Counter, eventually
from tests.factories import make_key, make_organisation, make_posting

CALLER = Principal(organisation_id=7, key_prefix="opn_abcdefgh")


def test_a_caller_is_remembered_while_the_version_stays() -> None:
    version = Counter()
    known = KnownKeys(version)
    known.keep("hash", CALLER, known.version())
    assert known.get("hash") == CALLER
    version.value = 1
    assert known.get("hash") is None


def test_a_caller_read_before_a_change_is_not_remembered() -> None:
    version = Counter()
    known = KnownKeys(version)
    read_at = known.version()
    version.value = 1
    known.keep("hash", CALLER, read_at)
    assert known.get("hash") is None


def test_nothing_is_remembered_while_the_version_is_unknown() -> None:
    version = Counter()
    version.value = None
    known = KnownKeys(version)
    known.keep("hash", CALLER, known.version())
    assert known.get("hash") is None


def test_the_memory_of_keys_is_bounded() -> None:
    known = KnownKeys(Counter(), max_keys=2)
    for number in range(3):
        known.keep(f"hash-{number}", CALLER, known.version())
    assert [known.get(f"hash-{number}") for number in range(3)] == [CALLER, CALLER, None]


def test_a_keyed_read_uses_the_remembered_caller_and_a_revocation_ends_it(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with Session(committed_engine) as session:
        organisation = make_organisation(session)
        draft = make_posting(session, organisation, status="draft")
        key = make_key(session, organisation)
        session.commit()
        path = f"/v1/postings/{draft.id}"
    token = key["Authorization"].removeprefix("Bearer ")
    with TestClient(cached_app) as client:
        known: KnownKeys = cached_app.state.known_keys

        def remembered() -> bool:
            """PostgreSQL's listener may still be connecting, or bring the notification of
            the key's own creation after the first read."""
            assert client.get(path, headers=key).status_code == 200
            return known.get(key_hash(token)) is not None

        assert eventually(remembered)
        assert client.get("/v1/postings", headers=key).json()["items"][0]["id"] == draft.id

        with committed_engine.begin() as connection:
            connection.execute(
                text("UPDATE api_key SET revoked_at = CURRENT_TIMESTAMP WHERE key_hash = :hash"),
                {"hash": key_hash(token)},
            )
        assert eventually(lambda: client.get(path, headers=key).status_code == 401)
        assert client.get("/v1/postings", headers=key).status_code == 401
        assert known.get(key_hash(token)) is None


def test_an_unknown_key_is_asked_about_every_time_and_not_remembered(
    cached_app: FastAPI, committed_engine: Engine
) -> None:
    with TestClient(cached_app) as client:
        for _ in range(2):
            response = client.get("/v1/postings", headers={"Authorization": "Bearer opn_nope"})
            assert response.status_code == 401
        known: KnownKeys = cached_app.state.known_keys
        assert known.get(key_hash("opn_nope")) is None
    with Session(committed_engine) as session:
        assert session.exec(select(ApiKey).where(col(ApiKey.revoked_at).is_(None))).all() == []
