"""Domain errors, and the one handler that renders every error as RFC 9457 problem+json."""

import logging
import traceback
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    """One bad input: where it was (`["query", "limit"]`), and what is wrong with it."""

    loc: list[str | int]
    message: str
    type: str


class Problem(BaseModel):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


class DomainError(Exception):
    """An error a service raises; its class decides the HTTP status.

    `extensions` become RFC 9457 extension members, e.g. the URL of a conflicting resource.
    """

    status_code = 400
    headers: ClassVar[dict[str, str] | None] = None

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(DomainError):
    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Unauthorized(DomainError):
    status_code = 401
    headers: ClassVar[dict[str, str] | None] = {"WWW-Authenticate": 'Bearer realm="openings"'}


class Conflict(DomainError):
    status_code = 409


class Gone(DomainError):
    status_code = 410


class PreconditionFailed(DomainError):
    status_code = 412


class PayloadTooLarge(DomainError):
    status_code = 413


class UnsupportedMediaType(DomainError):
    status_code = 415


class InvalidInput(DomainError):
    """A well-formed request whose value cannot be used, e.g. a tampered cursor."""

    status_code = 422

    def __init__(self, loc: Sequence[str | int], message: str, type_: str = "value_error"):
        self.errors = [FieldError(loc=list(loc), message=message, type=type_)]
        super().__init__(_summarise(self.errors))

    @classmethod
    def of(cls, errors: list[FieldError]) -> "InvalidInput":
        """One error carrying several bad inputs, all reported at once."""
        error = cls(errors[0].loc, errors[0].message, errors[0].type)
        error.errors = errors
        error.detail = _summarise(errors)
        return error


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries declaring the problem documents a route can answer."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_JSON: {}},
        }
        for status in statuses
    }


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


def _describe(loc: Sequence[str | int]) -> str:
    """`["query", "limit"]` -> "query parameter 'limit'"; body paths are dotted."""
    if not loc:
        return "request"
    where, *path = loc
    kinds = {"query": "query parameter", "path": "path parameter", "header": "header"}
    if where in kinds and path:
        name, *rest = path
        position = f" (value {rest[0] + 1})" if rest and isinstance(rest[0], int) else ""
        return f"{kinds[str(where)]} '{name}'{position}"
    if where == "body":
        name = ".".join(str(part) for part in path)
        return f"body field '{name}'" if name else "request body"
    return ".".join(str(part) for part in loc)


def _field_error(error: dict[str, Any]) -> FieldError:
    loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if error.get("type") == "extra_forbidden":
        message = "unknown field; check its spelling against the API documentation"
    elif error.get("type") == "json_invalid":
        loc = ["body"]
        message = f"the body is not valid JSON ({error.get('ctx', {}).get('error', 'parse error')})"
    return FieldError(loc=loc, message=message, type=str(error.get("type", "value_error")))


def _summarise(errors: list[FieldError]) -> str:
    described = "; ".join(f"{_describe(e.loc)}: {e.message}" for e in errors)
    return described if len(errors) == 1 else f"{len(errors)} invalid inputs: {described}"


def field_errors(exc: ValidationError, prefix: Sequence[str | int] = ()) -> list[FieldError]:
    """Pydantic's errors as field errors, their locations under `prefix` (e.g. `["body"]`)."""
    return [
        _field_error({**error, "loc": (*prefix, *error["loc"])})
        for error in exc.errors(include_url=False)
    ]


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [_field_error(dict(error)) for error in exc.errors()]
    return problem_response(request, 422, _summarise(errors), errors)


async def _on_domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    errors = exc.errors if isinstance(exc, InvalidInput) else None
    return problem_response(
        request, exc.status_code, exc.detail, errors, exc.headers, exc.extensions
    )


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No resource at {request.url.path}; see /docs for the API's routes."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
    return problem_response(request, exc.status_code, detail, headers=exc.headers)


async def _on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, DBAPIError):
        # The database's own message may quote the values (PostgreSQL: "Key (email)=(...)
        # already exists"), and those may be an applicant's personal data: log where, not what.
        logger.error(
            "unhandled %s (SQLSTATE %s) on %s %s\n%s",
            type(exc.orig).__name__,
            getattr(exc.orig, "sqlstate", None) or "unknown",
            request.method,
            request.url.path,
            "".join(traceback.format_tb(exc.__traceback__)),
        )
    else:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(
        request, 500, "An unexpected error occurred; it has been logged. Please try again."
    )


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through problem+json, validation errors included."""
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected_error)
