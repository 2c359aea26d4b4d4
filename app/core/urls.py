"""The absolute URLs answers hold: from `PUBLIC_URL` when set, else from the request.

Every link an answer carries (a page's `Link`, a `Location`, a feed's self and entry links,
JSON-LD's `url`)
is built here, so that a request's `Host` reaches an answer only where the operator left
the public address to the request, and then `app.api.response_cache` keys on it.
"""

from typing import TYPE_CHECKING

from app.core.config import get_settings

if TYPE_CHECKING:  # the services need no web framework
    from starlette.requests import Request


def base_url(request: "Request") -> str:
    """`PUBLIC_URL` without its trailing slash, else the scheme and host the request came to."""
    public = get_settings().public_url
    if public:
        return public.rstrip("/")
    return f"{request.url.scheme}://{request.url.netloc}"


def links_follow_request() -> bool:
    """True when answers' links depend on the request's scheme and `Host` (no `PUBLIC_URL`)."""
    return not get_settings().public_url


def url_of_path(request: "Request", path: str) -> str:
    """`path` (`/v1/postings/7`) under `base_url`: a `Location` a client behind a proxy that
    strips a prefix can follow."""
    return base_url(request) + path


def absolute_url(request: "Request", query: str | None = None) -> str:
    """The request's own URL under `base_url`, with `query` in place of its query string."""
    if query is None:
        query = request.scope["query_string"].decode("latin-1")
    url = base_url(request) + request.url.path
    return f"{url}?{query}" if query else url
