"""The layer around every request: what each exchange gets whatever its route.

A HEAD is served as its GET (`app.api.methods`); the request gets its id and, once answered,
its access line (`app.api.access_log`) and its count (`app.api.metrics`); a successful read
gets its cache policy (`app.api.caching`). They are one ASGI layer rather than four because
every layer costs every request, `/livez` included.

A client that hangs up before it is answered is logged and counted as 499, nginx's "client
closed request", not as whatever the app made of the half a body it got (a 422) or of its
cancellation (a 500): the operator's error rate is then the server's own.
"""

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.access_log import REQUEST_ID_HEADER, log_exchange, request_id_of, route_of
from app.api.caching import policy_of, with_policy
from app.api.methods import as_get
from app.api.metrics import observe
from app.core.logs import request_id

CLIENT_CLOSED_REQUEST = 499


class Exchange:
    """ASGI middleware, the outermost: HEAD as GET, request ids, access lines, metrics, and
    cache policy."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method = scope["method"]
        if method == "HEAD":
            scope = as_get(scope)
        current = request_id_of(scope)
        # Each request runs in a task of its own, with a context of its own: the id stays set
        # for the error handlers that run after this layer has given up the request.
        request_id.set(current)
        id_header = (REQUEST_ID_HEADER, current.encode())
        policy = policy_of(scope)
        status = 500  # what the client gets if the app raises before it answers
        answered = hung_up = False

        async def watched_receive() -> Message:
            nonlocal hung_up
            message = await receive()
            hung_up = hung_up or (message["type"] == "http.disconnect" and not answered)
            return message

        async def send_with_headers(message: Message) -> None:
            nonlocal status, answered
            if message["type"] == "http.response.start":
                answered = True
                status = message["status"]
                headers = list(message.get("headers", ()))
                if policy is not None:
                    headers = with_policy(headers, status, policy)
                headers.append(id_header)
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, watched_receive, send_with_headers)
        finally:
            if hung_up:
                status = CLIENT_CLOSED_REQUEST
            route = route_of(scope)
            seconds = time.perf_counter() - started
            log_exchange(method, route, status, seconds)
            observe(method, route, status, seconds)
