"""The page envelope every list sends, and the signed cursors in it."""

from collections.abc import Callable, Iterator

import orjson
import pytest

from app.core.config import get_settings
from app.core.errors import InvalidInput
from app.core.pagination import Page, decode_cursor, encode_cursor, page_json


@pytest.mark.parametrize(("next_cursor", "total"), [(None, None), ("abc.def", 0), ("x", 41)])
def test_a_page_around_json_items_reads_back_as_the_page(
    next_cursor: str | None, total: int | None
) -> None:
    items = [{"id": 1, "title": "Engineer \u00e9"}, {"id": 2, "title": 'A "quoted" role'}]
    body = page_json([orjson.dumps(item).decode() for item in items], next_cursor, total)
    page = Page[dict[str, object]].model_validate_json(body)
    assert page == Page(items=items, next_cursor=next_cursor, total=total)
    assert ("total" in orjson.loads(body)) is (total is not None)


@pytest.fixture
def rotated(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, list[str]], None]]:
    """Set SECRET_KEY and PREVIOUS_SECRET_KEYS as an operator rotating the key would."""

    def rotate(current: str, previous: list[str]) -> None:
        monkeypatch.setenv("SECRET_KEY", current)
        monkeypatch.setenv("PREVIOUS_SECRET_KEYS", orjson.dumps(previous).decode())
        get_settings.cache_clear()

    yield rotate
    get_settings.cache_clear()


def test_a_cursor_signed_before_a_rotation_still_opens(
    rotated: Callable[[str, list[str]], None],
) -> None:
    rotated("old-secret", [])
    cursor = encode_cursor({"id": 7})
    rotated("new-secret", ["old-secret"])
    assert decode_cursor(cursor) == {"id": 7}
    assert encode_cursor({"id": 7}) != cursor  # signed with the new key
    rotated("new-secret", [])
    with pytest.raises(InvalidInput):
        decode_cursor(cursor)
