"""The errors services raise, and bad inputs described for people; no HTTP here.

`app.api.problems` renders them as RFC 9457 problem+json.
"""

from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError


class FieldError(BaseModel):
    """One bad input: where it was (`["query", "limit"]`), and what is wrong with it."""

    loc: list[str | int]
    message: str
    type: str


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
        super().__init__(summarise(self.errors))

    @classmethod
    def of(cls, errors: list[FieldError]) -> "InvalidInput":
        """One error carrying several bad inputs, all reported at once."""
        error = cls(errors[0].loc, errors[0].message, errors[0].type)
        error.errors = errors
        error.detail = summarise(errors)
        return error


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


def as_field_error(error: dict[str, Any]) -> FieldError:
    """One of Pydantic's error dicts as a field error with a message a person can act on."""
    loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if error.get("type") == "extra_forbidden":
        message = "unknown field; check its spelling against the API documentation"
    elif error.get("type") == "json_invalid":
        loc = ["body"]
        message = f"the body is not valid JSON ({error.get('ctx', {}).get('error', 'parse error')})"
    return FieldError(loc=loc, message=message, type=str(error.get("type", "value_error")))


def summarise(errors: list[FieldError]) -> str:
    """One sentence naming every bad input."""
    described = "; ".join(f"{_describe(e.loc)}: {e.message}" for e in errors)
    return described if len(errors) == 1 else f"{len(errors)} invalid inputs: {described}"


def field_errors(exc: ValidationError, prefix: Sequence[str | int] = ()) -> list[FieldError]:
    """Pydantic's errors as field errors, their locations under `prefix` (e.g. `["body"]`)."""
    return [
        as_field_error({**error, "loc": (*prefix, *error["loc"])})
        for error in exc.errors(include_url=False)
    ]
