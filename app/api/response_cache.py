"""Each worker keeps the answers it gave anonymous callers on the most read routes, and gives
them again while the data they came from is unchanged.

Lists and postings are read far more often than written: a front end asks for the same first
page on every visit, an aggregator for the same postings on every sync. Answering those from
memory costs a dictionary lookup and a check of the data version (`app.api.data_version`)
instead of a query, which on PostgreSQL is also a round trip, and the database's CPU, shared
with the workers.

Only answers that any anonymous caller would get are kept: not those for callers with a key
(who also see their drafts), and never in place of the database for a request that says
`Cache-Control: no-cache`. An answer that time alone will change (a list of open postings,
when the first of them closes) is kept only until then.
"""

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request

from app.api.conditional import Representation
from app.api.data_version import DataVersion, NotifiedVersion, SQLiteVersion
from app.api.metrics import ANSWER_CACHE_HIT, ANSWER_CACHE_MISS
from app.core.config import Settings
from app.core.db import utcnow
from app.core.urls import links_follow_request

# What a kept answer costs beyond its body: the key, headers, and the objects holding them.
ENTRY_OVERHEAD = 1024


class ResponseCache:
    """Answers by key, dropped all at once when the data version moves, and the least
    recently used first when they would take more than `max_bytes`."""

    def __init__(self, version: DataVersion, max_bytes: int) -> None:
        self.data_version = version
        self._version = version
        self._max_bytes = max_bytes
        self._entries: OrderedDict[str, tuple[Representation, datetime | None]] = OrderedDict()
        self._bytes = 0
        self._seen: int | None = None

    def _current(self) -> int | None:
        version = self._version.current()
        if version != self._seen:
            self._entries.clear()
            self._bytes = 0
            self._seen = version
        return version

    def lookup(self, key: str) -> tuple[Representation | None, int | None]:
        """The answer kept for `key`, if still good; and the data version now, which `keep`
        needs for an answer computed after this call (None: do not keep it)."""
        version = self._current()
        if version is None:
            return None, None
        entry = self._entries.get(key)
        if entry is None:
            return None, version
        answer, valid_until = entry
        if valid_until is not None and valid_until <= utcnow():
            self._drop(key)
            return None, version
        self._entries.move_to_end(key)
        return answer, version

    def keep(
        self, key: str, version: int, answer: Representation, valid_until: datetime | None
    ) -> None:
        """Keep `answer`, computed from data read after `lookup` gave `version`, unless the
        data has changed since (the answer may be older than the change) or it expires now."""
        if version != self._current() or (valid_until is not None and valid_until <= utcnow()):
            return
        size = len(answer.body) + ENTRY_OVERHEAD
        if size > self._max_bytes:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = (answer, valid_until)
        self._bytes += size
        while self._bytes > self._max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: str) -> None:
        answer, _ = self._entries.pop(key)
        self._bytes -= len(answer.body) + ENTRY_OVERHEAD

    def __len__(self) -> int:
        return len(self._entries)


def shared_key(request: Request) -> str | None:
    """The key of the answer to `request` if any anonymous caller would get it from the cache:
    None for a caller with a key, or a request that asks for the database's own answer."""
    headers = request.headers
    if "authorization" in headers:
        return None
    directives = headers.get("cache-control", "").lower()
    if "no-cache" in directives or "no-store" in directives or "max-age=0" in directives:
        return None
    if "no-cache" in headers.get("pragma", "").lower():
        return None
    path: str = request.scope["path"]
    query = request.scope["query_string"].decode("latin-1")
    # Without PUBLIC_URL, links in the answer hold the scheme and Host it was asked with:
    # an answer to one Host must never be given to a caller who asked another.
    origin = f"{request.url.scheme}://{request.url.netloc}" if links_follow_request() else ""
    return origin + path + ("?" + query if query else "")


@dataclass(slots=True)
class Turn:
    """A request's turn at its worker's cache: the answer found, or how to keep the one the
    route computes instead."""

    found: Representation | None = None
    cache: ResponseCache | None = None
    key: str = ""
    version: int | None = None

    def keep(self, answer: Representation, valid_until: datetime | None) -> None:
        if self.cache is not None and self.version is not None:
            self.cache.keep(self.key, self.version, answer, valid_until)


def look_up(request: Request) -> Turn:
    """The request's turn at this worker's cache (`app.state.response_cache`, None when off)."""
    cache: ResponseCache | None = request.app.state.response_cache
    key = None if cache is None else shared_key(request)
    if cache is None or key is None:
        return Turn()
    found, version = cache.lookup(key)
    (ANSWER_CACHE_MISS if found is None else ANSWER_CACHE_HIT).inc()
    return Turn(found, cache, key, version)


@asynccontextmanager
async def running_cache(settings: Settings) -> AsyncIterator[ResponseCache | None]:
    """The worker's cache for as long as it serves, and on PostgreSQL the listener that keeps
    its version; None when `RESPONSE_CACHE_MB` is 0 or the database is in memory."""
    max_bytes = settings.response_cache_mb * 1024 * 1024
    if max_bytes == 0:
        yield None
        return
    if settings.is_sqlite:
        path = settings.sqlite_path()
        yield None if path is None else ResponseCache(SQLiteVersion(path), max_bytes)
        return
    version = NotifiedVersion(
        settings.database_url, connect_timeout_s=settings.database_connect_timeout_s
    )
    async with _running(version.listen()):
        yield ResponseCache(version, max_bytes)


@asynccontextmanager
async def _running(work: Coroutine[Any, Any, None]) -> AsyncIterator[None]:
    task = asyncio.create_task(work)
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
