"""Every error as an RFC 9457 problem+json response: domain errors, validation errors, HTTP
errors and, logged, anything unexpected."""

import logging
import traceback
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.access_log import route_of
from app.api.methods import method_asked
from app.api.metrics import database_errors
from app.core.errors import DomainError, FieldError, InvalidInput, as_field_error, summarise
from app.core.logs import request_id

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Unprocessable Entity",
                    "status": 422,
                    "detail": "query parameter 'limit': Input should be greater than or equal to 1",
                    "instance": "/v1/postings",
                    "errors": [
                        {
                            "loc": ["query", "limit"],
                            "message": "Input should be greater than or equal to 1",
                            "type": "greater_than_equal",
                        }
                    ],
                }
            ]
        }
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


def _problem_entry(status: int) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": HTTPStatus(status).phrase, "content": {PROBLEM_JSON: {"schema": schema}}}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries declaring the problem documents a route can answer."""
    return {status: _problem_entry(status) for status in statuses}


def _declare_problems(schema: dict[str, Any]) -> None:
    """Every error response of `schema` as a Problem under application/problem+json.

    Any route may answer 422 (a query string, path or header `app.api.request_limits`
    refuses), and any route with a body 413; FastAPI's own 422 entry describes a body it
    never sends, so the Problem takes its place.
    """
    definitions = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(definitions.pop("$defs", {}))
    components["Problem"] = definitions
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            statuses = {int(status) for status in responses if status.isdigit()} | {422}
            if "requestBody" in operation:
                statuses.add(413)
            for status in sorted(statuses):
                if status >= 400:
                    responses[str(status)] = _problem_entry(status)


def install_problem_openapi(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document declare its error responses as they are sent."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _declare_problems(generate())
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]


def problem_response(
    request: Request,
    status: int,
    detail: str,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    problem = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True) | dict(extensions or {}),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers=headers,
    )


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [as_field_error(dict(error)) for error in exc.errors()]
    return problem_response(request, 422, summarise(errors), errors)


async def _on_domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    errors = exc.errors if isinstance(exc, InvalidInput) else None
    return problem_response(
        request, exc.status_code, exc.detail, errors, exc.headers, exc.extensions
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 400:
        # FastAPI and Starlette answer 400 for a body they cannot parse (JSON that is not
        # UTF-8, a broken multipart form): a malformed payload, so 422 like every other.
        cause = f" ({exc.__cause__})" if exc.__cause__ else ""
        errors = [FieldError(loc=["body"], message=f"{detail}{cause}", type="body_invalid")]
        return problem_response(request, 422, summarise(errors), errors)
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No resource at {request.url.path}; see /docs for the API's routes."
    elif exc.status_code == 405:
        allowed = request.app.state.allowed_methods(request.url.path)
        detail = (
            f"{method_asked(request)} is not allowed on {request.url.path};"
            f" it takes {', '.join(allowed)}."
        )
        return problem_response(request, 405, detail, headers={"Allow": ", ".join(allowed)})
    return problem_response(request, exc.status_code, detail, headers=exc.headers)


# How soon a client may try again after a 503 for the database: long enough for a restart or
# a failover to be under way, short enough that a client does not give up on one that is over.
DATABASE_RETRY_AFTER_S = 5

# PostgreSQL's errors that say the database cannot serve now, not that the request is wrong:
# connection exceptions, insufficient resources (too many connections), operator intervention
# (a statement timeout, a shutdown, a start-up in progress) and system errors.
_UNAVAILABLE_SQLSTATE_CLASSES = frozenset({"08", "53", "57", "58"})
# SQLite's: busy and locked (the busy timeout ran out), I/O error, disk full, cannot open the
# file. Its other errors ("no such table", "expression tree is too large") are the code's.
_UNAVAILABLE_SQLITE_CODES = frozenset({5, 6, 10, 13, 14})


def database_unavailable(exc: Exception) -> bool:
    """True when `exc` says the database cannot answer now (it refuses connections, it did
    not answer in time, it went away), so that trying again later may succeed."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        return True
    sqlite_code = getattr(exc.orig, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in _UNAVAILABLE_SQLITE_CODES
    sqlstate = getattr(exc.orig, "sqlstate", None)
    if sqlstate is None:
        # The driver's own errors carry no SQLSTATE: the connection failed or was lost.
        return isinstance(exc, OperationalError | InterfaceError)
    return str(sqlstate)[:2] in _UNAVAILABLE_SQLSTATE_CLASSES


async def _on_database_error(request: Request, exc: Exception) -> JSONResponse:
    """503 with `Retry-After` while the database is unavailable, logged in a line (each
    request would otherwise log the same traceback); any other database error is a 500.

    Registered for the database's errors by their own classes, this runs in Starlette's
    ExceptionMiddleware, which answers and keeps the connection open; the handler for plain
    `Exception` runs in ServerErrorMiddleware, which re-raises so that uvicorn closes it.
    """
    if not database_unavailable(exc):
        return _unexpected(request, exc)
    database_errors.labels("unavailable").inc()
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    code = getattr(orig, "sqlstate", None) or getattr(orig, "sqlite_errorname", None)
    logger.warning(
        "database unavailable on %s %s: %s (%s)",
        request.method,
        route_of(request.scope),
        type(orig).__name__,
        code or "no code",
    )
    return problem_response(
        request,
        503,
        "The database is unavailable; please try again shortly.",
        headers={"Retry-After": str(DATABASE_RETRY_AFTER_S)},
    )


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """500, with the error logged by its route's template, as the access line names it (a
    path may name an application); for a database error, where it happened, not what."""
    if isinstance(exc, DBAPIError):
        database_errors.labels("error").inc()
        # The database's own message may quote the values (PostgreSQL: "Key (email)=(...)
        # already exists"), and those may be an applicant's personal data: log where, not what.
        logger.error(
            "unhandled %s (SQLSTATE %s) on %s %s\n%s",
            type(exc.orig).__name__,
            getattr(exc.orig, "sqlstate", None) or "unknown",
            request.method,
            route_of(request.scope),
            "".join(traceback.format_tb(exc.__traceback__)),
        )
    else:
        logger.exception("unhandled error on %s %s", request.method, route_of(request.scope))
    return problem_response(
        request, 500, "An unexpected error occurred; it has been logged. Please try again."
    )


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    """`_unexpected`, answered by Starlette's outermost layer, outside `app.api.exchange`
    (which gives every other answer its request id): the id is added here."""
    response = _unexpected(request, exc)
    response.headers["X-Request-ID"] = request_id.get() or ""
    return response


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through problem+json, validation errors included."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(DBAPIError, _on_database_error)
    app.add_exception_handler(PoolTimeout, _on_database_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
    install_problem_openapi(app)
