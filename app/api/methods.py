"""HEAD wherever GET works, and a 405 whose `Allow` names every method its path takes.

FastAPI routes answer only the methods they declare, so HEAD, which RFC 9110 asks every
server to take where it takes GET, was a 405 everywhere; and Starlette's 405 names the methods
of the first route whose path matched, though several routes share one (GET and POST
`/v1/postings`), so `Allow` left out methods the path does take.
"""

from collections.abc import Callable

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.requests import Request
from starlette.routing import compile_path
from starlette.types import Scope

# The scope key that says a request came as HEAD and is served as its GET.
ASKED_AS_HEAD = "openings.head"
_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def as_get(scope: Scope) -> Scope:
    """A HEAD request's scope as the GET it asks about.

    The routes see GET and answer as they would, headers, validators and `Content-Length`
    included; the server sends no body for a HEAD, as uvicorn does from its own copy of the
    request, which still says HEAD.
    """
    return {**scope, "method": "GET", ASKED_AS_HEAD: True}


def method_asked(request: Request) -> str:
    """The method the client sent: HEAD for a request served as its GET."""
    return "HEAD" if request.scope.get(ASKED_AS_HEAD) else request.method


def allowed_methods(app: FastAPI) -> Callable[[str], list[str]]:
    """For a path, the methods some route of `app` takes on it, HEAD beside every GET, in the
    order people read them (GET, HEAD, POST, …); read from the routes once, when first asked."""
    routes: list[tuple[Callable[[str], object], frozenset[str]]] = []

    def of(path: str) -> list[str]:
        if not routes:
            for context in iter_route_contexts(app.routes):
                pattern = compile_path(context.path_format or "")[0]
                routes.append((pattern.match, frozenset(context.methods or ())))
        methods = {method for match, taken in routes if match(path) for method in taken}
        if "GET" in methods:
            methods.add("HEAD")
        return sorted(methods, key=lambda method: (*_ORDER, method).index(method))

    return of
