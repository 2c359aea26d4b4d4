"""Who is calling, as the services ask it: an admin, one organisation, or nobody in particular.

`app.keys.service.principal_of` turns an API key into a `Principal`; `app.api.dependencies`
reads the key from a request.
"""

from dataclasses import dataclass

from app.core.errors import Forbidden


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
