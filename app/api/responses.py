"""Fast JSON for hot read paths, formatted exactly as Pydantic formats the same values."""

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSONResponse(JSONResponse):
    """JSON via orjson: ISO 8601 dates, UTC timestamps ending in `Z`, enums as their values."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content, option=orjson.OPT_UTC_Z)
