"""Conditional requests (RFC 9110): ETags, Last-Modified, 304 Not Modified and 412.

ETags are strong: a hash of the exact bytes sent, so any change to a representation, however
it came about, changes its tag.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import orjson
from fastapi import Request, Response
from pydantic import BaseModel

from app.core.errors import PreconditionFailed
from app.core.inputs import FIRST_YEAR, LAST_YEAR

# The OpenAPI `responses=` entry of a route that answers `If-None-Match` (`app.api.headers`).
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not Modified"}}


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
        if not FIRST_YEAR <= since.year <= LAST_YEAR:
            return False  # as unreadable: a date the code cannot compute with
        return since.tzinfo is not None and last_modified.replace(microsecond=0) <= since
    return False


@dataclass(frozen=True, slots=True)
class Representation:
    """What a GET answers with, before it is compared with the request's validators."""

    body: bytes
    headers: dict[str, str]
    etag: str
    last_modified: datetime | None
    media_type: str


def representation(
    body: bytes,
    *,
    last_modified: datetime | None = None,
    media_type: str = "application/json",
    headers: dict[str, str] | None = None,
) -> Representation:
    """`body` with its validators: a strong ETag, and `Last-Modified` when given."""
    etag = etag_of(body)
    validators = {"ETag": etag, **(headers or {})}
    if last_modified is not None:
        validators["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    return Representation(body, validators, etag, last_modified, media_type)


def respond(request: Request, answer: Representation, status_code: int = 200) -> Response:
    """The representation, or 304 with no body if the client has it."""
    if request.method in ("GET", "HEAD") and _not_modified(
        request, answer.etag, answer.last_modified
    ):
        return Response(status_code=304, headers=answer.headers)
    return Response(
        answer.body, status_code=status_code, media_type=answer.media_type, headers=answer.headers
    )


def conditional_response(
    request: Request,
    body: bytes,
    *,
    last_modified: datetime | None = None,
    media_type: str = "application/json",
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """`body` with its validators, or 304 with no body if the client has it."""
    answer = representation(
        body, last_modified=last_modified, media_type=media_type, headers=headers
    )
    return respond(request, answer, status_code)


def model_json(model: BaseModel) -> bytes:
    """A response model's JSON as `tagged` sends it, so a write can compute the ETag of what a
    read sent before it."""
    return json_bytes(model.model_dump(mode="json"))


def tagged(
    request: Request,
    model: BaseModel,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """`model` as JSON with its ETag, or 304 with no body if the client has it."""
    return conditional_response(
        request, model_json(model), status_code=status_code, headers=headers
    )


def require_model_match(request: Request, current: Callable[[], BaseModel], what: str) -> None:
    """412 unless `If-Match` (when sent) names the model `current` makes, as `tagged` sent it;
    the model is only made when `If-Match` is sent."""
    if "if-match" in request.headers:
        require_match(request, etag_of(model_json(current())), what)


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
