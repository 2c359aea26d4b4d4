"""Enumerations whose values are no names (`-deadline`), documented with their members' names,
so that generated clients say `PostingSort.DEADLINE_DESC` rather than `VALUE_1`."""

import enum
from typing import Any

from pydantic import GetJsonSchemaHandler
from pydantic_core import CoreSchema


class NamedMembers(enum.StrEnum):
    """A string enumeration whose JSON schema lists its members' names (`x-enum-varnames`,
    which openapi-python-client and openapi-generator read)."""

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        schema = handler(core_schema)
        handler.resolve_ref_schema(schema)["x-enum-varnames"] = [member.name for member in cls]
        return schema
