"""HTTP route for importing one Markdown advert.

The importer (its parsers: markdown-it, PyYAML, python-frontmatter) is imported by the route
when it is first used, not when the server starts: most workers never import an advert.
"""

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from app.api.dependencies import REQUIRED_KEY, SessionDep, read_connect, reader_of
from app.api.metrics import imported_openings
from app.api.problems import problem_responses
from app.core.errors import InvalidInput, Unauthorized
from app.core.principal import Principal
from app.importer.schemas import ImportResults
from app.postings.models import PostingStatus

router = APIRouter(prefix="/v1/imports", tags=["imports"])

_MARKDOWN_BODY = {
    "requestBody": {
        "content": {
            "text/markdown": {"schema": {"type": "string"}},
            # The same bytes, for generators that take no text/markdown (openapi-python-client).
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
        "required": True,
    }
}


async def _advert(request: Request, max_bytes: int) -> tuple[str | None, bytes]:
    """The advert's bytes and file name, from a Markdown body or a multipart `file` field;
    no more than one byte over `max_bytes`, so that the importer can say it is too big."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=5) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise InvalidInput(
                    ["body", "file"], "send the advert as a multipart field named 'file'"
                )
            return upload.filename, await upload.read(max_bytes + 1)
    data = b""
    async for chunk in request.stream():
        data += chunk
        if len(data) > max_bytes:
            break
    return None, data


def _caller(request: Request) -> Principal:
    """The caller, read apart from the request's session: on SQLite a writing session holds
    the database's write lock from its first statement, and the advert is read before this
    route writes anything."""
    with read_connect(request)() as connection:
        principal = reader_of(request, connection)
    if principal.is_anonymous:
        raise Unauthorized("This request needs an API key: send `Authorization: Bearer <key>`.")
    return principal


@router.post(
    "",
    operation_id="importAdvert",
    response_model=ImportResults,
    responses=problem_responses(401, 403, 404, 422),
    openapi_extra={**_MARKDOWN_BODY, **REQUIRED_KEY},
)
async def import_advert_route(
    request: Request,
    session: SessionDep,
    dry_run: Annotated[bool, Query(description="Extract only; store nothing.")] = False,
    source: Annotated[
        str | None,
        Query(
            max_length=300,
            description="Name of the advert (its path or URL); it keys "
            "re-imports. Defaults to the uploaded file's name.",
        ),
    ] = None,
    organisation: Annotated[
        str | None, Query(description="Slug to import into (admin keys; default: the advert's).")
    ] = None,
    status: Annotated[PostingStatus, Query()] = PostingStatus.open,
) -> dict[str, list[dict[str, Any]]]:
    """Import one Markdown advert (body or multipart upload); each opening's result.

    Re-sending the same advert under the same `source` updates what it made before, or
    reports it unchanged.
    """
    from app.importer.load import OpeningResult, import_advert  # noqa: PLC0415 (see above)
    from app.importer.read import MAX_ADVERT_BYTES, AdvertError  # noqa: PLC0415
    from app.importer.workers import advert_readers  # noqa: PLC0415

    if status not in (PostingStatus.draft, PostingStatus.open):
        raise InvalidInput(["query", "status"], "must be draft or open")
    principal = await run_in_threadpool(_caller, request)
    filename, data = await _advert(request, MAX_ADVERT_BYTES)
    name = source or filename or "advert.md"
    try:
        # Read in a worker process, bounded in time and memory, while this worker's event
        # loop goes on serving other requests.
        openings = await asyncio.wrap_future(advert_readers().submit((name, data)))
        if dry_run:
            results = [OpeningResult(name, "extracted", opening) for opening in openings]
        else:
            # In a thread: writing waits for the database, and on SQLite for its write lock.
            results = await run_in_threadpool(
                import_advert,
                session,
                name,
                data,
                principal=principal,
                organisation=organisation,
                status=status,
                openings=openings,
            )
    except AdvertError as error:
        imported_openings.labels("unreadable").inc()
        raise InvalidInput(["body"], error.reason, "advert_unreadable") from error
    for result in results:
        imported_openings.labels(result.action).inc()
    return {"results": [result.as_json() for result in results]}
