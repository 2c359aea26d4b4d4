"""Who is calling: bearer API keys turned into a `Principal` the services can ask."""

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy import Connection
from sqlmodel import Session

from app.core.db import SessionDep
from app.core.errors import Forbidden, Unauthorized
from app.keys import service as keys

_bearer = HTTPBearer(auto_error=False, description="An API key made by `openings keys create`.")


@dataclass(frozen=True)
class Principal:
    """The caller's rights: everything (admin), one organisation, or none (anonymous)."""

    is_admin: bool = False
    organisation_id: int | None = None
    key_prefix: str | None = None

    @property
    def is_anonymous(self) -> bool:
        return not self.is_admin and self.organisation_id is None

    @property
    def actor(self) -> str:
        """Who acted, for histories: the key's public prefix, never its secret."""
        return f"key:{self.key_prefix}" if self.key_prefix else "anonymous"

    def may_manage(self, organisation_id: int) -> bool:
        return self.is_admin or self.organisation_id == organisation_id

    def require_manage(self, organisation_id: int, what: str) -> None:
        """Raise 403 unless the caller may write `organisation_id`'s data."""
        if not self.may_manage(organisation_id):
            raise Forbidden(f"This API key may not change {what}; use that organisation's key.")

    def require_admin(self, what: str) -> None:
        if not self.is_admin:
            raise Forbidden(f"Only an admin key may {what}.")


ANONYMOUS = Principal()


def _principal_of(session: Session, secret: str | None) -> Principal:
    """The caller, anonymous when no key is sent; a key that is sent must be valid (401)."""
    if secret is None:
        return ANONYMOUS
    key = keys.authenticate(session, secret)
    if key is None:
        raise Unauthorized("The API key is not valid or has been revoked.")
    return Principal(
        is_admin=key.is_admin, organisation_id=key.organisation_id, key_prefix=key.prefix
    )


def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller, looked up in the request's unit of work."""
    return _principal_of(session, credentials.credentials if credentials else None)


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
        return _principal_of(session, secret)


def require_principal(principal: Annotated[Principal, Depends(get_principal)]) -> Principal:
    """The caller of a write: a key is required (401 with `WWW-Authenticate: Bearer`)."""
    if principal.is_anonymous:
        raise Unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
    return principal


OptionalPrincipalDep = Annotated[Principal, Depends(get_principal)]
PrincipalDep = Annotated[Principal, Depends(require_principal)]
