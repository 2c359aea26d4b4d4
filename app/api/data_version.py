"""How a worker tells that committed data has changed, for its cache of answers
(`app.api.response_cache`), without a round trip to the database on every request.

A version is a number that moves whenever data that a cached answer may hold is committed, by
anyone: this worker, another one, the importer, or a person at a SQL prompt. `None` means the
worker cannot tell, and then nothing is served from the cache.
"""

import asyncio
import logging
import sqlite3
from pathlib import Path
from typing import Protocol

from sqlalchemy import make_url

logger = logging.getLogger(__name__)

# The channel the migration `postgres_announces_data_changes` notifies on.
CHANNEL = "openings_data_changed"


class DataVersion(Protocol):
    def current(self) -> int | None:
        """A number that differs after every commit of data the cache may hold; None when it
        cannot be told."""
        ...


class SQLiteVersion:
    """SQLite's own count of commits by other connections (`PRAGMA data_version`), read on a
    connection of this worker's that never writes, so every commit counts. Asking takes a few
    microseconds, in process, and sees a commit as soon as it is visible."""

    def __init__(self, path: Path) -> None:
        self._uri = path.resolve().as_uri() + "?mode=ro"
        self._connection: sqlite3.Connection | None = None

    def current(self) -> int | None:
        try:
            if self._connection is None:
                self._connection = sqlite3.connect(self._uri, uri=True, check_same_thread=False)
            version: int = self._connection.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            self._connection = None
            return None
        return version


class NotifiedVersion:
    """PostgreSQL: a count of the notifications the database sends when a transaction that
    changed organisations, postings or tags commits, received on a connection that listens.

    A notification takes a moment to arrive: another worker may answer from its cache for that
    long after a commit (well under a millisecond on one machine). While the connection is
    down, the version is None; every reconnection counts as a change.
    """

    def __init__(
        self, database_url: str, ping_every_s: float = 5.0, connect_timeout_s: int = 5
    ) -> None:
        url = make_url(database_url).set(drivername="postgresql")
        self._conninfo = url.render_as_string(hide_password=False)
        self._ping_every_s = ping_every_s
        self._connect_timeout_s = connect_timeout_s
        self._count = 0
        self._listening = False

    def current(self) -> int | None:
        return self._count if self._listening else None

    def _changed(self) -> None:
        self._count += 1

    async def listen(self) -> None:
        """Listen until cancelled, reconnecting a second after any failure. A ping every few
        seconds, answered within as long, finds a connection that died without closing or a
        database that stopped answering; connecting is bounded likewise. (A timeout is an
        OSError.)

        psycopg is imported here, not at the top: a worker on SQLite never needs it, and it is
        a sixth of the time importing the app takes."""
        import psycopg  # noqa: PLC0415 (see above)

        while True:
            try:
                await self._listen_once()
            except (psycopg.Error, OSError) as error:
                logger.warning("not listening for data changes (%s); retrying in 1 s", error)
            finally:
                self._listening = False
                self._changed()
            await asyncio.sleep(1)

    async def _listen_once(self) -> None:
        import psycopg  # noqa: PLC0415 (see listen)

        async with await psycopg.AsyncConnection.connect(
            self._conninfo, autocommit=True, connect_timeout=self._connect_timeout_s
        ) as connection:
            await connection.execute(f"LISTEN {CHANNEL}")
            self._changed()
            self._listening = True
            while True:
                # Notifications that arrive during the ping wait for the next round.
                async for _ in connection.notifies(timeout=self._ping_every_s):
                    self._changed()
                async with asyncio.timeout(self._ping_every_s):
                    await connection.execute("SELECT 1")
