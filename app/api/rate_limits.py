"""Anonymous writes (applying, withdrawing) are counted per client address and per posting,
and refused with 429 and `Retry-After` past the limits the settings give.

The counts must be shared by every worker process, or each worker would allow the whole
limit again. They live where `RATE_LIMIT_STORAGE` says, through the `limits` library: Redis
for several machines; by default a small SQLite file beside the database, which needs no
other service for `make run` and which every worker on the machine opens. It is a file of
its own rather than a table in the database so that counting never waits on, or adds to,
the database's writes (on SQLite, one writer at a time).
"""

import ipaddress
import math
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from fastapi import HTTPException, Request
from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from app.core.config import Settings

_PURGE_EVERY = 1000  # counts; then the expired ones are deleted


class SQLiteStorage(Storage):
    """Fixed-window counters in a SQLite file (`sqlite:///path`) that processes share.

    Each count is one statement, atomic across processes; WAL lets them read while one
    writes.
    """

    STORAGE_SCHEME = ["sqlite"]  # noqa: RUF012 (the type `limits` declares; read once)

    def __init__(self, uri: str, wrap_exceptions: bool = False, **options: float | str | bool):
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        path = Path(uri.removeprefix("sqlite:///"))
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._counted = 0
        self._db = sqlite3.connect(path, timeout=10, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS counter"
            " (key TEXT PRIMARY KEY, hits INTEGER NOT NULL, expires_at REAL NOT NULL)"
            " WITHOUT ROWID"
        )

    @property
    def base_exceptions(self) -> type[Exception]:
        return sqlite3.Error

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            self._counted += 1
            if self._counted % _PURGE_EVERY == 0:
                self._db.execute("DELETE FROM counter WHERE expires_at <= ?", (now,))
            (hits,) = self._db.execute(
                "INSERT INTO counter (key, hits, expires_at) VALUES (:key, :amount, :expires)"
                " ON CONFLICT (key) DO UPDATE SET"
                " hits = CASE WHEN expires_at <= :now THEN excluded.hits ELSE hits + excluded.hits"
                " END,"
                " expires_at = CASE WHEN expires_at <= :now THEN excluded.expires_at"
                " ELSE expires_at END"
                " RETURNING hits",
                {"key": key, "amount": amount, "expires": now + expiry, "now": now},
            ).fetchone()
        return int(hits)

    def _row(self, key: str) -> tuple[int, float] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT hits, expires_at FROM counter WHERE key = ? AND expires_at > ?",
                (key, time.time()),
            ).fetchone()
        return None if row is None else (int(row[0]), float(row[1]))

    def get(self, key: str) -> int:
        row = self._row(key)
        return 0 if row is None else row[0]

    def get_expiry(self, key: str) -> float:
        row = self._row(key)
        return time.time() if row is None else row[1]

    def check(self) -> bool:
        with self._lock:
            row: tuple[int] | None = self._db.execute("SELECT 1").fetchone()
        return row == (1,)

    def reset(self) -> int | None:
        with self._lock:
            return self._db.execute("DELETE FROM counter").rowcount

    def clear(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM counter WHERE key = ?", (key,))


def storage_uri(settings: Settings) -> str:
    """RATE_LIMIT_STORAGE, else a SQLite file beside a SQLite database (one per database),
    else `var/rate-limits.db` in the working directory, where the default database lives."""
    if settings.rate_limit_storage:
        return settings.rate_limit_storage
    database = settings.sqlite_path()
    path = Path("var/rate-limits.db") if database is None else Path(f"{database}-rate-limits")
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class RateLimits:
    """The worker's limiter and the limits the settings give it."""

    limiter: FixedWindowRateLimiter
    per_client: list[RateLimitItem]
    per_posting: list[RateLimitItem]

    @classmethod
    def of(cls, settings: Settings) -> "RateLimits":
        return cls(
            FixedWindowRateLimiter(storage_from_string(storage_uri(settings))),
            parse_many(settings.anonymous_write_limit),
            parse_many(settings.posting_application_limit),
        )

    def hit(self, limits: list[RateLimitItem], *identifiers: str) -> float | None:
        """Count one hit on each limit; the seconds until the fullest one has room again, or
        None while all have."""
        retry_after = None
        for item in limits:
            if not self.limiter.hit(item, *identifiers):
                reset_at = self.limiter.get_window_stats(item, *identifiers).reset_time
                retry_after = max(retry_after or 0.0, reset_at - time.time())
        return retry_after


def client_of(request: Request) -> str:
    """The client's address as the server saw it: X-Forwarded-For only when uvicorn trusts
    the proxy (TRUSTED_PROXIES). An IPv6 client is its /64, which one subscriber holds."""
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _refuse(retry_after: float, what: str) -> HTTPException:
    return HTTPException(
        429,
        f"Too many {what}; try again in {math.ceil(retry_after)} s.",
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


def limit_anonymous_write(request: Request) -> None:
    """Count an anonymous write against its client address, and an application against its
    posting too; 429 with `Retry-After` past either limit. Runs before the body is read,
    so refused requests cost little."""
    limits: RateLimits = request.app.state.rate_limits
    retry_after = limits.hit(limits.per_client, "client", client_of(request))
    if retry_after is not None:
        raise _refuse(retry_after, "anonymous writes from this address")
    posting = request.path_params.get("posting_id")
    if posting is not None:
        retry_after = limits.hit(limits.per_posting, "posting", str(posting))
        if retry_after is not None:
            raise _refuse(retry_after, "applications to this posting at once")
