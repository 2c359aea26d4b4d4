"""The headers the API reads and sends, declared in the OpenAPI document where they apply.

The routes read validators and retry keys from the request themselves, and the hot ones set
their answers' headers by hand, so FastAPI cannot see them: without this a generated client
has no way to send `If-Match` or read `ETag`. Each header is described once here; where it
applies follows from what an operation answers (a 304 means it takes `If-None-Match` and its
200 carries `ETag`; a 412 means it takes `If-Match`; a 201 carries `Location`; a 429 or 503
carries `Retry-After`), or, for the few that no status shows, from the operation's id.
"""

from typing import Any

_STRING = {"type": "string"}

REQUEST: dict[str, str] = {
    "If-None-Match": "The `ETag` of the answer you hold: 304 with no body while it is current.",
    "If-Modified-Since": "The `Last-Modified` of the answer you hold: 304 while it is current.",
    "If-Match": "The `ETag` you read: 412, and nothing changes, if someone changed it since.",
    "Cache-Control": "`no-cache` asks the database rather than the server's memory.",
    "Idempotency-Key": "Send the same key when retrying: the first answer is returned again.",
    "Accept": "`application/ld+json` for a schema.org JobPosting instead of the JSON here.",
}
RESPONSE: dict[str, str] = {
    "ETag": "A strong tag of these exact bytes, for `If-None-Match` and `If-Match`.",
    "Last-Modified": "When the data shown last changed, for `If-Modified-Since`.",
    "Link": 'The next page: `<url>; rel="next"`.',
    "Location": "Where the new resource is.",
    "Retry-After": "Seconds to wait before trying again.",
    "Idempotent-Replayed": "`true` when this answer is the first one again, replayed for a"
    " retry with the same `Idempotency-Key`.",
}

# What no status shows.
_DATED = {"listPostings", "getPosting", "getPostingsFeed"}
_FROM_MEMORY = {"listPostings", "getPosting"}
_PAGED = {"listPostings", "listOrganisations", "listApplications", "listChanges"}
_TAGGED_CREATES = {"createPosting", "upsertPostingByExternalId"}
_IDEMPOTENT = {"applyToPosting"}
_NEGOTIATED = {"getPosting"}


def _request_headers(operation_id: str, statuses: set[str]) -> list[str]:
    names = []
    if "304" in statuses:
        names.append("If-None-Match")
    if "304" in statuses and operation_id in _DATED:
        names.append("If-Modified-Since")
    if "412" in statuses:
        names.append("If-Match")
    if operation_id in _FROM_MEMORY:
        names.append("Cache-Control")
    if operation_id in _IDEMPOTENT:
        names.append("Idempotency-Key")
    if operation_id in _NEGOTIATED:
        names.append("Accept")
    return names


def _response_headers(operation_id: str, status: str, statuses: set[str]) -> list[str]:
    names = []
    validated = "304" in statuses or "412" in statuses
    if (status in ("200", "201") and validated) or (
        status == "201" and operation_id in _TAGGED_CREATES
    ):
        names.append("ETag")
    if status == "200" and operation_id in _DATED:
        names.append("Last-Modified")
    if status == "200" and operation_id in _PAGED:
        names.append("Link")
    if status == "201":
        names.append("Location")
    if status in ("429", "503"):
        names.append("Retry-After")
    if status == "201" and operation_id in _IDEMPOTENT:
        names.append("Idempotent-Replayed")
    return names


def declare_headers(document: dict[str, Any]) -> None:
    """Add to every operation of `document` the headers it reads and those its answers carry."""
    for methods in document.get("paths", {}).values():
        for operation in methods.values():
            operation_id = operation.get("operationId", "")
            responses: dict[str, Any] = operation.get("responses", {})
            statuses = set(responses)
            declared = {
                parameter["name"].lower()
                for parameter in operation.get("parameters", [])
                if parameter["in"] == "header"
            }
            wanted = [
                name
                for name in _request_headers(operation_id, statuses)
                if name.lower() not in declared
            ]
            operation.setdefault("parameters", []).extend(
                {
                    "name": name,
                    "in": "header",
                    "required": False,
                    "description": REQUEST[name],
                    "schema": _STRING,
                }
                for name in wanted
            )
            for status, response in responses.items():
                for name in _response_headers(operation_id, status, statuses):
                    response.setdefault("headers", {})[name] = {
                        "description": RESPONSE[name],
                        "schema": _STRING,
                    }
