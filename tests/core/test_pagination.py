"""The page envelope every list sends."""

import orjson
import pytest

from app.core.pagination import Page, page_json


@pytest.mark.parametrize(("next_cursor", "total"), [(None, None), ("abc.def", 0), ("x", 41)])
def test_a_page_around_json_items_reads_back_as_the_page(
    next_cursor: str | None, total: int | None
) -> None:
    items = [{"id": 1, "title": "Engineer \u00e9"}, {"id": 2, "title": 'A "quoted" role'}]
    body = page_json([orjson.dumps(item).decode() for item in items], next_cursor, total)
    page = Page[dict[str, object]].model_validate_json(body)
    assert page == Page(items=items, next_cursor=next_cursor, total=total)
    assert ("total" in orjson.loads(body)) is (total is not None)
