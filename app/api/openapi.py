"""The OpenAPI document, true to the server where FastAPI cannot tell: a route whose caller is
`OptionalPrincipalDep` takes requests with a key and without one, the types the hot
routes' query parameters name (`app.api.query`) are shared components, every operation
declares the headers it reads and sends (`app.api.headers`), and fields only requests send
say their defaults in words (see `_describe_input_defaults`), and examples keep their nulls
(see `_examples_with_nulls`).

FastAPI declares every route with a security dependency as needing it, so a client generated
from its document would demand a key for public reads.
"""

import re
from collections.abc import Iterator
from typing import Any

import orjson
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.api.dependencies import OPTIONAL_KEY, get_principal, require_principal
from app.api.headers import declare_headers
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


_SCHEMAS = "#/components/schemas/"


def _referring(node: Any) -> Iterator[dict[str, Any]]:
    """Every object within `node`, however deep, that refers to a component (`$ref`)."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node
        for value in node.values():
            yield from _referring(value)
    elif isinstance(node, list):
        for value in node:
            yield from _referring(value)


def _references(node: Any) -> Iterator[str]:
    """The component names `node` refers to (`#/components/schemas/Name`), however deep."""
    for referring in _referring(node):
        yield referring["$ref"].removeprefix(_SCHEMAS)


def _reachable(document: dict[str, Any], roots: list[Any]) -> set[str]:
    schemas = document["components"]["schemas"]
    seen: set[str] = set()
    pending = [name for root in roots for name in _references(root)]
    while pending:
        name = pending.pop()
        if name not in seen and name in schemas:
            seen.add(name)
            pending.extend(_references(schemas[name]))
    return seen


def _describe_input_defaults(document: dict[str, Any]) -> None:
    """A default of a field only requests send is said in words, not as `default`.

    TypeScript generators make a property with a default required (openapi-typescript's
    `defaultNonNullable`, on unless turned off), so `description` and `status` had to be sent
    with every new posting; the server fills them in, and its document should say so.
    """
    operations = [
        operation for methods in document["paths"].values() for operation in methods.values()
    ]
    sent = _reachable(document, [operation.get("requestBody") for operation in operations])
    answered = _reachable(document, [operation.get("responses") for operation in operations])
    for name in sent - answered:
        for field in document["components"]["schemas"][name].get("properties", {}).values():
            if "default" in field:
                default = orjson.dumps(field.pop("default")).decode()
                described = field.get("description", "").rstrip()
                field["description"] = f"{described} Default: `{default}`.".lstrip()


def _answer_models(app: FastAPI) -> Iterator[type[BaseModel]]:
    for context in iter_route_contexts(app.routes):
        route = context.route
        if isinstance(route, APIRoute):
            models = [route.response_model, *(r.get("model") for r in route.responses.values())]
            yield from (
                model
                for model in models
                if isinstance(model, type) and issubclass(model, BaseModel)
            )


def _examples_with_nulls(app: FastAPI, document: dict[str, Any]) -> None:
    """The answer models' examples as Pydantic writes them, nulls included.

    FastAPI encodes the document without its `None`s, examples and all, so an example
    posting would lack `apply_email` and no longer be what the server sends. Pydantic names
    the definitions as FastAPI's components are named, so they are matched by name.
    """
    models = dict.fromkeys(_answer_models(app))
    _, definitions = models_json_schema(
        [(model, "serialization") for model in models], ref_template=_SCHEMAS + "{model}"
    )
    schemas = document["components"]["schemas"]
    for name, schema in definitions.get("$defs", {}).items():
        if "examples" in schema and name in schemas:
            schemas[name]["examples"] = schema["examples"]


_GENERIC_NAME = re.compile(r"Page_(\w+)_")


def _readable_names(document: dict[str, Any]) -> None:
    """`PostingSummaryPage` for Pydantic's `Page_PostingSummary_` (and its title
    `Page[PostingSummary]`, which generators name their classes by)."""
    schemas = document["components"]["schemas"]
    renamed = {
        name: f"{match[1]}Page" for name in schemas if (match := _GENERIC_NAME.fullmatch(name))
    }
    for old, new in renamed.items():
        if new in schemas:
            raise RuntimeError(f"two schemas would be called {new}")
        schemas[new] = schemas.pop(old) | {"title": new}
    for referring in _referring(document):
        name = referring["$ref"].removeprefix(_SCHEMAS)
        if name in renamed:
            referring["$ref"] = _SCHEMAS + renamed[name]


def install_openapi(app: FastAPI) -> None:
    """Make `app`'s OpenAPI document declare each route's security as the route checks it."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            _declare_optional_keys(app, document)
            declare_headers(document)
            _describe_input_defaults(document)
            _examples_with_nulls(app, document)
            components = document.setdefault("components", {}).setdefault("schemas", {})
            for query in QueryModel.every:
                components.update(query.definitions())
            _readable_names(document)
        return app.openapi_schema or {}

    app.openapi = openapi  # type: ignore[method-assign]
