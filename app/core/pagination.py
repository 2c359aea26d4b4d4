"""Opaque, signed keyset cursors and the page envelope every list response uses."""

import base64
import binascii
import hmac
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar
from urllib.parse import urlencode

import orjson
from pydantic import BaseModel, ConfigDict, Field

from app.core.config import get_settings
from app.core.errors import InvalidInput
from app.core.urls import absolute_url

if TYPE_CHECKING:  # the services that sign cursors need no web framework
    from starlette.requests import Request

_SIGNATURE_BYTES = 16

T = TypeVar("T")


def _page_examples(schema: dict[str, Any], page: type[BaseModel]) -> None:
    """A page of its item's example, for `Page[X]` of an item model that has one."""
    (item,) = page.__pydantic_generic_metadata__["args"] or (None,)
    extra = getattr(item, "model_config", {}).get("json_schema_extra")
    if isinstance(extra, dict) and extra.get("examples"):
        cursor = "eyJpZCI6MSwicG9zdGVkX29uIjoiMjAyNi0xMi0wNyJ9.mR3v0Hq9l6XQ1nA2Zb8cYw"
        schema["examples"] = [{"items": extra["examples"][:1], "next_cursor": cursor}]


class Page(BaseModel, Generic[T]):
    """One page of a list: its items, the cursor of the next page, and the total if asked."""

    model_config = ConfigDict(json_schema_extra=_page_examples)

    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )
    total: int | None = Field(
        default=None, description="How many items match in all; only with `count=true`."
    )


def page_json(items: Sequence[str], next_cursor: str | None, total: int | None = None) -> bytes:
    """A `Page` as JSON around items that are JSON text already (written by the database), so
    they are not parsed again; `total` is there only when the list was counted."""
    envelope = [b'{"items":[', ",".join(items).encode(), b'],"next_cursor":']
    envelope.append(orjson.dumps(next_cursor))
    if total is not None:
        envelope.append(b',"total":%d' % total)
    envelope.append(b"}")
    return b"".join(envelope)


def _sign(payload: bytes, key: bytes) -> bytes:
    return hmac.digest(key, payload, "sha256")[:_SIGNATURE_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_cursor(position: dict[str, Any]) -> str:
    """Seal a keyset position (the last row's sort values) into an opaque string."""
    payload = orjson.dumps(position, option=orjson.OPT_SORT_KEYS)
    return f"{_b64(payload)}.{_b64(_sign(payload, get_settings().secret_keys()[0]))}"


def decode_cursor(cursor: str, parameter: str = "cursor") -> dict[str, Any]:
    """Open a cursor made by `encode_cursor`; anything else is a 422 naming the parameter."""
    try:
        payload_text, signature_text = cursor.split(".", 1)
        payload = _unb64(payload_text)
        signature = _unb64(signature_text)
        valid = any(
            hmac.compare_digest(signature, _sign(payload, key))
            for key in get_settings().secret_keys()
        )
        position = orjson.loads(payload) if valid else None
    except (ValueError, binascii.Error):
        position = None
    if not isinstance(position, dict):
        raise InvalidInput(
            ["query", parameter],
            "not a cursor this API issued; use the `next_cursor` of a previous page",
        )
    return position


def next_link(request: "Request", parameter: str, cursor: str) -> str:
    """The `Link` header of a page: the same request with `parameter` set to `cursor`, under
    `PUBLIC_URL` when it is set (`app.core.urls`)."""
    query = [
        (name, value) for name, value in request.query_params.multi_items() if name != parameter
    ]
    query.append((parameter, cursor))
    return f'<{absolute_url(request, urlencode(query))}>; rel="next"'
