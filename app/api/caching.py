"""What browsers and shared caches (a CDN, a proxy) may do with a read's answer.

A successful GET may be stored and must be revalidated before each use (`no-cache`): every
such answer has an `ETag` or comes with the data it was read from, so a revalidation is a 304
with no body, and no cache ever shows a posting that was changed or withdrawn. An anonymous
read is the same for everyone (`public`); a read with a key may hold its organisation's
drafts, so only the caller's own browser may keep it (`private`); `Vary: Authorization` keeps
a shared cache from giving one caller's answer to another, and `Vary: Accept-Encoding` from
giving gzipped bytes to a client that did not ask for them (`app.api.compression`), whichever
client's answer it stored first. Routes that hold personal data say `private, no-store`
themselves, and a route's own `Cache-Control` is left as it is.
"""

from starlette.types import Scope

PUBLIC = b"public, no-cache"
PRIVATE = b"private, no-cache"
# Statuses a cache may store without being told (RFC 9110 section 15.1: "heuristically
# cacheable"), and 304, which refreshes a stored answer. A 404 or 410 gets the policy too, so
# that no CDN keeps the 404 of a posting that is published a minute later.
_CACHEABLE = frozenset({200, 203, 204, 206, 300, 301, 304, 308, 404, 405, 410, 414, 501})

Headers = list[tuple[bytes, bytes]]


def policy_of(scope: Scope) -> bytes | None:
    """The `Cache-Control` of a successful answer to this request; None for all but GET."""
    if scope["method"] != "GET":
        return None
    for name, _ in scope["headers"]:
        if name == b"authorization":
            return PRIVATE
    return PUBLIC


_VARY = (b"Accept-Encoding", b"Authorization")


def with_policy(headers: Headers, status: int, policy: bytes) -> Headers:
    """`headers` with `policy` and a `Vary` on `Accept-Encoding` and `Authorization`, unless
    the answer is not one a cache may store or the route set a `Cache-Control` of its own."""
    if status not in _CACHEABLE:
        return headers
    varied = b""
    for name, value in headers:
        if name == b"cache-control":
            return headers
        if name == b"vary":
            varied += value.lower() + b","
    missing = b", ".join(token for token in _VARY if token.lower() not in varied)
    headers = [*headers, (b"cache-control", policy)]
    if missing:
        headers.append((b"vary", missing))
    return headers
