"""Query strings and path parameters bound as FastAPI binds them, for the hot read routes,
which declare no parameters (a route that declares none is solved in a fraction of the time).

FastAPI's `Annotated[Model, Query()]` inspects every field's annotation again on every request:
for the twenty filters of a posting list that costs more than running the list's query. These
bind the same way (a repeated key fills a list field, an unknown key is refused, a bad value is
a 422 naming it) from types inspected once, and document the parameters in OpenAPI as FastAPI
would, for the route's `openapi_extra`.
"""

from functools import cached_property
from typing import Any, ClassVar, Generic, TypeVar, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.datastructures import QueryParams
from starlette.requests import Request

from app.core.errors import InvalidInput, field_errors

M = TypeVar("M", bound=BaseModel)
_COMPONENT = "#/components/schemas/{model}"
T = TypeVar("T")


class QueryModel(Generic[M]):
    """Binds query strings to `model`: `parse` at run time, `openapi` for the documentation."""

    # Every query model bound, whose named types the OpenAPI document shares.
    every: ClassVar["list[QueryModel[Any]]"] = []

    def __init__(self, model: type[M]) -> None:
        self.model = model
        QueryModel.every.append(self)
        self._lists = frozenset(
            name
            for name, field in model.model_fields.items()
            if get_origin(field.annotation) is list
        )

    def parse(self, params: QueryParams) -> M:
        """The model, or a 422 naming every bad parameter as `["query", name]`."""
        data = {
            name: params.getlist(name) if name in self._lists else params[name]
            for name in params.keys()  # noqa: SIM118 (a multidict: keys() lists each once)
        }
        try:
            return self.model.model_validate(data)
        except ValidationError as error:
            raise InvalidInput.of(field_errors(error, ["query"])) from None

    def openapi(self) -> dict[str, Any]:
        """`openapi_extra` for a route taking this query: one parameter per field, its named
        types (enumerations) as the document's shared components (`definitions`)."""
        schema = self._schema
        required = set(schema.get("required", ()))
        parameters = []
        for name, field_schema in schema["properties"].items():
            parameter = {"name": name, "in": "query", "required": name in required}
            if "description" in field_schema:
                parameter["description"] = field_schema["description"]
            parameters.append({**parameter, "schema": field_schema})
        return {"parameters": parameters}

    def definitions(self) -> dict[str, Any]:
        """The named types the parameters refer to, for the document's `components`."""
        definitions: dict[str, Any] = self._schema.get("$defs", {})
        return definitions

    @cached_property
    def _schema(self) -> dict[str, Any]:
        """The model's JSON schema, its named types referred to as shared components."""
        return self.model.model_json_schema(ref_template=_COMPONENT)


class PathParameter(Generic[T]):
    """Binds the path parameter `name` to `annotation` (its `Field` description documents it)."""

    def __init__(self, name: str, annotation: Any) -> None:
        self.name = name
        self._adapter: TypeAdapter[T] = TypeAdapter(annotation)

    def parse(self, request: Request) -> T:
        """The value, or a 422 naming `["path", name]`."""
        try:
            return self._adapter.validate_python(request.path_params[self.name])
        except ValidationError as error:
            raise InvalidInput.of(field_errors(error, ["path", self.name])) from None

    def openapi(self) -> dict[str, Any]:
        """`openapi_extra` for a route taking this parameter."""
        schema = self._adapter.json_schema()
        parameter = {"name": self.name, "in": "path", "required": True}
        if "description" in schema:
            parameter["description"] = schema["description"]
        title = self.name.replace("_", " ").title()
        return {"parameters": [{**parameter, "schema": {**schema, "title": title}}]}
