"""The OpenAPI document, true to the server where FastAPI cannot tell: a route whose caller is
`OptionalPrincipalDep` takes requests with a key and without one, and the types the hot
routes' query parameters name (`app.api.query`) are shared components.

FastAPI declares every route with a security dependency as needing it, so a client generated
from its document would demand a key for public reads.
"""

from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from app.api.dependencies import OPTIONAL_KEY, get_principal, require_principal
from app.api.query import QueryModel


def _calls(dependant: Dependant) -> Iterator[Any]:
    yield dependant.call
    for dependency in dependant.dependencies:
        yield from _calls(dependency)


def _takes_an_optional_key(route: APIRoute) -> bool:
    calls = set(_calls(route.dependant))
    return get_principal in calls and require_principal not in calls


def _declare_optional_keys(app: FastAPI, document: dict[str, Any]) -> None:
    # The routes as the document lists them: with their routers' prefixes and dependencies.
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIRoute) and _takes_an_optional_key(route):
            for method in context.methods or ():
                document["paths"][context.path_format][method.lower()].update(OPTIONAL_KEY)


def install_openapi(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document declare each route's security as the route checks it."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            _declare_optional_keys(app, document)
            components = document.setdefault("components", {}).setdefault("schemas", {})
            for query in QueryModel.every:
                components.update(query.definitions())
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
