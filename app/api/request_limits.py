"""Limits on what a request may carry, checked before any route reads it.

One place for the query string, the path and the headers (bounded, and free of text no
database or feed can hold: `app.core.inputs`), and for the body's size: counted as it arrives,
so a chunked body past the limit is refused at the limit rather than read to its end.
"""

from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import problem_response
from app.core.errors import FieldError, summarise
from app.core.inputs import unsafe_character_error

MAX_QUERY_BYTES = 8 * 1024
MAX_QUERY_PARAMETERS = 300
# The largest body of a route taking JSON or Markdown: an advert may have 1 MB, and a posting's
# 100,000 characters of description may take six bytes each once escaped in JSON.
MAX_BODY_BYTES = 1024 * 1024
FORM_OVERHEAD_BYTES = 256 * 1024  # multipart: the fields and boundaries beside the file


def _input_errors(scope: Scope) -> list[FieldError]:
    """What is wrong with the request's query string, path and headers, if anything."""
    query: bytes = scope.get("query_string", b"")
    if len(query) > MAX_QUERY_BYTES:
        message = f"is {len(query)} bytes long; at most {MAX_QUERY_BYTES} are read"
        return [FieldError(loc=["query"], message=message, type="too_long")]
    pairs = parse_qsl(query.decode("latin-1"), keep_blank_values=True, encoding="utf-8")
    if len(pairs) > MAX_QUERY_PARAMETERS:
        message = f"has {len(pairs)} parameters; at most {MAX_QUERY_PARAMETERS} are read"
        return [FieldError(loc=["query"], message=message, type="too_long")]
    errors = [
        FieldError(loc=["query", name], message=error, type="value_error")
        for name, value in pairs
        # The value's own position, or else the name's, counts from the start of that text.
        if (error := unsafe_character_error(value) or unsafe_character_error(name))
    ]
    if error := unsafe_character_error(scope.get("path", "")):
        errors.append(FieldError(loc=["path"], message=error, type="value_error"))
    errors += [
        FieldError(loc=["header", name.decode("latin-1")], message=error, type="value_error")
        for name, value in scope.get("headers", ())
        if (error := unsafe_character_error(value.decode("latin-1")))
    ]
    return errors


def body_limit(headers: Headers, max_cv_bytes: int) -> int:
    """The most bytes a body of this type may have: a CV and its form, or JSON and Markdown."""
    if headers.get("content-type", "").lower().startswith("multipart/form-data"):
        return max_cv_bytes + FORM_OVERHEAD_BYTES
    return MAX_BODY_BYTES


def _too_large(limit: int) -> HTTPException:
    return HTTPException(
        413,
        f"The request body is larger than the {limit // 1024} KiB this request may have;"
        " send a smaller one.",
    )


class RequestLimits:
    """ASGI middleware: 422 for a query string, path or header the API cannot take, and 413
    as soon as the body passes its limit, whether its length was announced or not."""

    def __init__(self, app: ASGIApp, max_cv_bytes: int) -> None:
        self.app = app
        self.max_cv_bytes = max_cv_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if errors := _input_errors(scope):
            await problem_response(request, 422, summarise(errors), errors)(scope, receive, send)
            return
        limit = body_limit(request.headers, self.max_cv_bytes)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            error = _too_large(limit)
            await problem_response(request, 413, error.detail)(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, counted_receive, send)
