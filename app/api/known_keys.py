"""Each worker remembers the keys it has verified, until any data changes.

A reader with a key would otherwise cost a query before its list is read: `reader_of` looked
the key up in the database on every request, 14 % of a keyed list's time. The callers a key
stands for are kept by the key's hash (never the key) and all dropped when the data version
moves (`app.api.data_version`), which every committed write of a key moves as it moves for
postings: a revoked key stops working as soon as its revocation is committed, on SQLite, and
once its notification arrives on PostgreSQL (well under a millisecond on one machine). An
unknown or revoked key is not remembered: it is asked about every time, and answered 401.
"""

from app.api.data_version import DataVersion
from app.core.principal import Principal

MAX_KEYS = 10_000


class KnownKeys:
    """Callers by their key's hash, for as long as the data version stays the same."""

    def __init__(self, version: DataVersion, max_keys: int = MAX_KEYS) -> None:
        self._version = version
        self._max_keys = max_keys
        self._callers: dict[str, Principal] = {}
        self._seen: int | None = None

    def version(self) -> int | None:
        """The data version now, which `keep` needs; forgets every key when it has moved."""
        version = self._version.current()
        if version != self._seen:
            self._callers.clear()
            self._seen = version
        return version

    def get(self, hashed: str) -> Principal | None:
        return self._callers.get(hashed) if self.version() is not None else None

    def keep(self, hashed: str, caller: Principal, version: int | None) -> None:
        """Remember `caller`, found in data read after `version` was current, unless the data
        has moved since or too many keys are remembered already."""
        if version is None or version != self.version() or len(self._callers) >= self._max_keys:
            return
        self._callers[hashed] = caller
