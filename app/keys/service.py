"""Making, finding and revoking API keys."""

import hashlib
import secrets

from sqlmodel import Session, col, select

from app.core.db import utcnow
from app.core.errors import NotFound, Unauthorized
from app.core.principal import ANONYMOUS, Principal
from app.keys.models import ApiKey
from app.organisations.models import Organisation

KEY_PREFIX = "opn_"


def key_hash(token: str) -> str:
    """What is stored of a key, and what finds it."""
    # Keys are 256 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def create_key(
    session: Session, organisation: Organisation | None, name: str = ""
) -> tuple[ApiKey, str]:
    """A new key for `organisation`, or an admin key when it is None; returns (row, secret)."""
    token = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name,
        prefix=token[:12],
        key_hash=key_hash(token),
        organisation_id=organisation.id if organisation else None,
        is_admin=organisation is None,
    )
    session.add(key)
    session.flush()
    return key, token


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.id))))


def revoke_key(session: Session, key_id: int) -> ApiKey:
    """Stop a key working at once; the row stays so its history is kept."""
    key = session.get(ApiKey, key_id)
    if key is None:
        raise NotFound(f"No API key with id {key_id}.")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
        session.add(key)
        session.flush()
    return key


def principal_of(session: Session, secret: str | None) -> Principal:
    """The caller, anonymous when no key is sent; a key that is sent must be valid (401)."""
    if secret is None:
        return ANONYMOUS
    return principal_of_hash(session, key_hash(secret))


def principal_of_hash(session: Session, hashed: str) -> Principal:
    """The caller whose key has this `key_hash`; 401 unless it is a live key."""
    key = session.exec(
        select(ApiKey).where(ApiKey.key_hash == hashed, col(ApiKey.revoked_at).is_(None))
    ).first()
    if key is None:
        raise Unauthorized("The API key is not valid or has been revoked.")
    return Principal(
        is_admin=key.is_admin, organisation_id=key.organisation_id, key_prefix=key.prefix
    )
