"""What FastAPI routes get from the core: the request's session, the hot read routes'
connection, and the caller (from a bearer API key).

Kept apart from `app.core.db` and `app.core.auth` so that services, and the command line,
never import FastAPI.
"""

from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy import Connection
from sqlmodel import Session

from app.core.auth import ANONYMOUS, Principal, principal_of
from app.core.db import Connect, connects_at_once, get_session
from app.core.errors import Unauthorized

P = ParamSpec("P")
T = TypeVar("T")

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
    """How the hot read routes connect: `app.state.read_connect`, `connect_for_reads` unless
    tests put another there. Not a dependency: a route that declares none is solved by
    FastAPI in a fraction of the time, and these are the most requested routes."""
    connect: Connect = request.app.state.read_connect
    return connect


_bearer = HTTPBearer(auto_error=False, description="An API key made by `openings keys create`.")


def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, looked up in the request's unit of work."""
    return principal_of(session, credentials.credentials if credentials else None)


# What a hot read route declares in OpenAPI, since it finds its caller with `reader_of`.
READER_SECURITY: dict[str, Any] = {"security": [{"HTTPBearer": []}]}


def reader_of(request: Request, connection: Connection) -> Principal:
    """The caller of a hot read route, read from `Authorization` as `get_principal` reads it.

    The route calls this itself: as a dependency it would cost as much as the route's query.
    """
    scheme, secret = get_authorization_scheme_param(request.headers.get("authorization"))
    if scheme.lower() != "bearer" or not secret:
        return ANONYMOUS
    with Session(connection) as session:
        return principal_of(session, secret)


def require_principal(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """The caller of a write: a key is required (401 with `WWW-Authenticate: Bearer`)."""
    if principal.is_anonymous:
        raise Unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
    return principal


OptionalPrincipalDep = Annotated[Principal, Depends(get_principal)]
PrincipalDep = Annotated[Principal, Depends(require_principal)]
