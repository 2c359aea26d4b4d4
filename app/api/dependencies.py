"""What FastAPI routes get from the core: the request's session, the hot read routes'
connection, and the caller (from a bearer API key).

Kept apart from `app.core.db` and `app.core.principal` so that services, and the command line,
never import FastAPI.
"""

from collections.abc import Callable, Iterator
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy import Connection
from sqlmodel import Session

from app.api.known_keys import KnownKeys
from app.core.db import Connect, Database, connects_at_once
from app.core.errors import Unauthorized
from app.core.principal import ANONYMOUS, Principal
from app.keys.service import key_hash, principal_of, principal_of_hash

P = ParamSpec("P")
T = TypeVar("T")

_READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database_of(request: Request) -> Database:
    """The database the app serves (`app.state.database`)."""
    database: Database = request.app.state.database
    return database


def get_session(request: Request) -> Iterator[Session]:
    """The request's session, committed before the response is sent.

    On SQLite, a request that may write holds the database's write lock from its first
    statement to its commit, so what it reads to decide what to write stays true until it is
    written, whichever worker process another writer is in: of ten PATCHes sent at once with
    one `If-Match`, one changes the posting and nine get 412.

    Writing requests take turns before that, from their first statement: on a lock of the
    worker's own, then on a file lock all workers share. SQLite has one writer at a time, and
    a connection that finds it taken polls, sleeping up to 100 ms between tries, so the lock
    stays free while waiters sleep: at 16 connections the p99 of POST /v1/postings was over a
    second. Waiting on the locks, a request starts the moment the one before it ends, and
    only one request at a time meets SQLite's lock.
    """
    yield from database_of(request).session(writes=request.method not in _READ_ONLY_METHODS)


# `scope="function"` commits before the response is sent, so a failed commit is an error
# response rather than a success the database never saw.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def read_with(connect: Connect, read: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`read(*args, **kwargs)`, which reads through `connect`: on the event loop when a
    connection is there at once, as nearly always; in a thread when one must be opened, so the
    worker's other requests never wait for a database that is slow to answer, or silent."""
    if connects_at_once(connect):
        return read(*args, **kwargs)
    return await run_in_threadpool(read, *args, **kwargs)


def read_connect(request: Request) -> Connect:
    """How the hot read routes connect: the served database's `connect`. Not a dependency: a
    route that declares none is solved by FastAPI in a fraction of the time, and these are the
    most requested routes."""
    return database_of(request).connect


_bearer = HTTPBearer(auto_error=False, description="An API key made by `openings keys create`.")


def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, looked up in the request's unit of work."""
    return principal_of(session, credentials.credentials if credentials else None)


# What a route that finds its caller with `reader_of` declares in OpenAPI (FastAPI sees no
# dependency to declare): a key it takes but does not need, or one it needs.
OPTIONAL_KEY: dict[str, Any] = {"security": [{}, {"HTTPBearer": []}]}
REQUIRED_KEY: dict[str, Any] = {"security": [{"HTTPBearer": []}]}


def reader_of(request: Request, connection: Connection) -> Principal:
    """The caller of a hot read route, read from `Authorization` as `get_principal` reads it:
    from the worker's memory of verified keys (`app.api.known_keys`) when it has the key.

    The route calls this itself: as a dependency it would cost as much as the route's query.
    """
    scheme, secret = get_authorization_scheme_param(request.headers.get("authorization"))
    if scheme.lower() != "bearer" or not secret:
        return ANONYMOUS
    hashed = key_hash(secret)
    known: KnownKeys | None = request.app.state.known_keys
    if known is None:
        with Session(connection) as session:
            return principal_of_hash(session, hashed)
    caller = known.get(hashed)
    if caller is None:
        version = known.version()
        with Session(connection) as session:
            caller = principal_of_hash(session, hashed)
        known.keep(hashed, caller, version)
    return caller


def require_principal(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """The caller of a write: a key is required (401 with `WWW-Authenticate: Bearer`)."""
    if principal.is_anonymous:
        raise Unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
    return principal


OptionalPrincipalDep = Annotated[Principal, Depends(get_principal)]
PrincipalDep = Annotated[Principal, Depends(require_principal)]
