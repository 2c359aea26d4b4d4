"""Conditional requests (RFC 9110): ETags, Last-Modified, 304 Not Modified and 412.

ETags are strong: a hash of the exact bytes sent, so any change to a representation, however
it came about, changes its tag.
"""

import hashlib
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import orjson
from fastapi import Request, Response

from app.core.errors import PreconditionFailed


def json_bytes(content: Any) -> bytes:
    """JSON exactly as the API sends it (see `FastJSONResponse`)."""
    return orjson.dumps(content, option=orjson.OPT_UTC_Z)


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _tags(header: str) -> list[str]:
    return [tag.strip() for tag in header.split(",") if tag.strip()]


def _not_modified(request: Request, etag: str, last_modified: datetime | None) -> bool:
    if_none_match = request.headers.get("if-none-match")
    if if_none_match is not None:
        # Weak comparison: W/"x" matches "x".
        return any(tag == "*" or tag.removeprefix("W/") == etag for tag in _tags(if_none_match))
    if_modified_since = request.headers.get("if-modified-since")
    if if_modified_since and last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False  # an unreadable date is ignored, as RFC 9110 asks
        return since.tzinfo is not None and last_modified.replace(microsecond=0) <= since
    return False


def conditional_response(
    request: Request,
    body: bytes,
    *,
    last_modified: datetime | None = None,
    media_type: str = "application/json",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The representation with its validators, or 304 with no body if the client has it."""
    etag = etag_of(body)
    validators = {"ETag": etag, **(headers or {})}
    if last_modified is not None:
        validators["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    if request.method in ("GET", "HEAD") and _not_modified(request, etag, last_modified):
        return Response(status_code=304, headers=validators)
    return Response(body, status_code=status_code, media_type=media_type, headers=validators)


def require_match(request: Request, current_etag: str, what: str) -> None:
    """412 unless `If-Match` (when sent) names the current representation: no lost updates."""
    if_match = request.headers.get("if-match")
    if if_match is None:
        return
    if any(tag in ("*", current_etag) for tag in _tags(if_match)):
        return
    raise PreconditionFailed(
        f"{what} has changed since you read it (its ETag is now {current_etag}). GET it again,"
        " make your change to that, and send its ETag in If-Match.",
        etag=current_etag,
    )
