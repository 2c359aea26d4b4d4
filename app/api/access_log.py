"""Every request's id and its line in the access log.

The id is the caller's `X-Request-ID` when it is a plain token (a proxy or a client that
already made one), else a new one; it is sent back in `X-Request-ID` and carried by every log
line written for the request (`app.core.logs.request_id`), so one id finds a request in a
client's report, the proxy's log and this one. The access line names the route's template
(`/v1/postings/{posting_id}`), never the path or the query, and no address: a path may name
an applicant's application and a query hold a person's search.
"""

import logging
import os
import re

from starlette.types import Scope

logger = logging.getLogger("openings.access")

REQUEST_ID_HEADER = b"x-request-id"
_TOKEN = re.compile(rb"[A-Za-z0-9._:+/=-]{1,128}")


def request_id_of(scope: Scope) -> str:
    """The caller's request id if it is a plain token, else 128 new random bits in hex."""
    for name, value in scope["headers"]:
        if name == REQUEST_ID_HEADER and _TOKEN.fullmatch(value):
            return str(value.decode())
    return os.urandom(16).hex()


def route_of(scope: Scope) -> str:
    """The template of the route that answered (`/v1/postings/{posting_id}`), or `unmatched`."""
    return getattr(scope.get("route"), "path", None) or "unmatched"


def log_exchange(method: str, route: str, status: int, seconds: float) -> None:
    """The access line of an answered request: method, route, status, milliseconds taken."""
    if not logger.isEnabledFor(logging.INFO):
        return
    logger.info(
        "%s %s %s",
        method,
        route,
        status,
        extra={
            "method": method,
            "route": route,
            "status": status,
            "duration_ms": round(seconds * 1000, 2),
        },
    )
