"""Requests naming a host the service is not published at are refused (`ALLOWED_HOSTS`).

Starlette's TrustedHostMiddleware decides; this wrapper only turns its plain-text 400 into
the problem+json every other error is.
"""

from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.problems import PROBLEM_JSON, Problem

_PASSED = "openings.host_allowed"

_REFUSAL = Problem(
    title="Bad Request",
    status=400,
    detail="The Host header names a host this service is not published at.",
).model_dump_json(exclude_none=True)


class AllowedHosts:
    """TrustedHostMiddleware around `app`, answering its refusals as problem+json."""

    def __init__(self, app: ASGIApp, allowed_hosts: list[str]) -> None:
        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope[_PASSED] = True
            await app(scope, receive, send)

        self._check = TrustedHostMiddleware(passed, allowed_hosts, www_redirect=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def refusing(message: Message) -> None:
            if scope.get(_PASSED):
                await send(message)
            elif message["type"] == "http.response.start":
                body = _REFUSAL.encode()
                headers = [
                    (b"content-type", PROBLEM_JSON.encode()),
                    (b"content-length", str(len(body)).encode()),
                ]
                await send({"type": "http.response.start", "status": 400, "headers": headers})
                await send({"type": "http.response.body", "body": body})

        await self._check(scope, receive, refusing)
