"""The keyset helper every list pages with: cursors that read back what they kept, refuse what
is not theirs, and pages that follow one another in a total order on the real database."""

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Integer, cast, func, literal, select, union_all
from sqlmodel import Session

from app.core.errors import InvalidInput
from app.core.keyset import DATE, DATETIME, INT, STR, UUID, Codec, Key, Keyset
from app.core.pagination import encode_cursor

_ROWS = union_all(
    *(
        select(cast(literal(value), Integer).label("value"), literal(row_id).label("id"))
        for value, row_id in [(1, 3), (None, 1), (2, 2), (1, 5), (None, 4), (1, 7), (2, 6)]
    )
).subquery("numbers")
_MISSING = 100  # where a NULL value sorts


def _by_value(descending: bool, **marks: Any) -> Keyset:
    value = Key(
        "value", func.coalesce(_ROWS.c.value, _MISSING), INT, shown=_ROWS.c.value, null_as=_MISSING
    )
    return Keyset((value, Key("id", _ROWS.c.id, INT)), descending, marks=marks)


def _only(codec: Codec, **marks: Any) -> Keyset:
    return Keyset((Key("value", literal(0), codec),), marks={"list": "test", **marks})


def _refused(keyset: Keyset, cursor: str, **marks: Any) -> list[str | int]:
    with pytest.raises(InvalidInput) as refused:
        keyset.decode(cursor, **marks)
    return refused.value.errors[0].loc


_AWARE = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(9000, 12, 30)).flatmap(
    lambda moment: st.integers(-1439, 1439).map(
        lambda minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    )
)
_TEXT = st.text(st.characters(blacklist_categories=["Cs"]))  # JSON holds no lone surrogate
_INT = st.integers(-(2**63), 2**63 - 1)


@pytest.mark.parametrize(
    ("codec", "values"),
    [
        (DATETIME, _AWARE),
        (DATE, st.dates()),
        (INT, _INT),
        (STR, _TEXT),
        (UUID, st.uuids()),
    ],
    ids=["datetime", "date", "int", "str", "uuid"],
)
@given(data=st.data())
def test_a_cursor_reads_back_the_value_it_kept(
    codec: Codec, values: st.SearchStrategy[Any], data: st.DataObject
) -> None:
    value = data.draw(values)
    keyset = _only(codec)
    position = keyset.decode(keyset.encode({"value": value}))
    assert position == {"value": value}
    assert type(position["value"]) is type(value)


def test_a_moment_keeps_its_offset() -> None:
    moment = datetime(2031, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    keyset = _only(DATETIME)
    assert keyset.decode(keyset.encode({"value": moment}))["value"].utcoffset() == timedelta(
        hours=2
    )


def test_a_null_key_reads_back_as_where_it_sorts() -> None:
    keyset = _by_value(False)
    assert keyset.decode(keyset.encode({"value": None, "id": 4})) == {"value": _MISSING, "id": 4}


def test_a_null_in_a_key_that_declares_none_is_a_bug_not_a_cursor() -> None:
    with pytest.raises(ValueError, match="'value'"):
        _only(INT).encode({"value": None})


def test_a_tampered_cursor_is_refused_naming_the_parameter() -> None:
    keyset = Keyset((Key("seq", literal(0), INT),), parameter="since")
    signature = keyset.encode({"seq": 7}).split(".")[1]
    forged = encode_cursor({"seq": 8}).split(".")[0] + "." + signature
    assert _refused(keyset, forged) == ["query", "since"]
    assert _refused(keyset, "not-a-cursor") == ["query", "since"]


def test_a_cursor_of_another_sort_is_refused() -> None:
    ascending, descending = _by_value(False, sort="value"), _by_value(True, sort="-value")
    cursor = ascending.encode({"value": 1, "id": 3})
    assert _refused(descending, cursor) == ["query", "cursor"]
    assert _refused(ascending, descending.encode({"value": 1, "id": 3})) == ["query", "cursor"]


def test_a_cursor_of_another_request_is_refused() -> None:
    keyset = _only(INT)
    cursor = keyset.encode({"value": 3}, posting=1)
    assert keyset.decode(cursor, posting=1) == {"value": 3}
    assert _refused(keyset, cursor, posting=2) == ["query", "cursor"]
    assert _refused(keyset, cursor) == ["query", "cursor"]


def test_a_cursor_of_another_list_is_refused() -> None:
    slugs = Keyset((Key("slug", literal(""), STR),))
    assert _refused(slugs, _only(STR).encode({"value": "a"})) == ["query", "cursor"]
    assert _refused(_only(STR), slugs.encode({"slug": "a"})) == ["query", "cursor"]


@pytest.mark.parametrize(
    "value", ["2031-05-01", True, 1.5, None, [1]], ids=["text", "bool", "float", "null", "list"]
)
def test_a_signed_value_of_another_type_is_refused(value: Any) -> None:
    cursor = encode_cursor({"list": "test", "value": value})
    assert _refused(_only(INT), cursor) == ["query", "cursor"]


@pytest.mark.parametrize(
    ("codec", "value"),
    [
        (DATETIME, "2031-05-01T09:30:00"),
        (DATETIME, "tomorrow"),
        (DATE, "2031-02-30"),
        (UUID, "not-hex"),
        (UUID, 7),
        (STR, 7),
    ],
    ids=["naive-moment", "no-moment", "no-day", "no-uuid", "int-as-uuid", "int-as-str"],
)
def test_a_signed_value_its_codec_cannot_read_is_refused(codec: Codec, value: Any) -> None:
    cursor = encode_cursor({"list": "test", "value": value})
    assert _refused(_only(codec), cursor) == ["query", "cursor"]


def _pages(session: Session, keyset: Keyset, bound: bool) -> list[list[tuple[Any, int]]]:
    """Every page of two rows, following cursors, the position bound in the statement or given
    as parameters at execution (a statement compiled once)."""
    pages: list[list[tuple[Any, int]]] = []
    cursor = None
    while True:
        statement = select(*keyset.columns()).order_by(*keyset.order_by()).limit(3)
        arguments: dict[str, Any] = {}
        if cursor is not None:
            position = keyset.decode(cursor)
            statement = statement.where(keyset.after(position if bound else None))
            arguments = {} if bound else keyset.arguments(position)
        rows = [row._mapping for row in session.execute(statement, arguments)]
        pages.append([(row["value"], row["id"]) for row in rows[:2]])
        if len(rows) <= 2:
            return pages
        cursor = keyset.encode(rows[1])


@pytest.mark.parametrize("bound", [True, False], ids=["bound", "parameters"])
@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_pages_follow_one_another_in_a_total_order_with_ties_and_nulls(
    session: Session, descending: bool, bound: bool
) -> None:
    pages = _pages(session, _by_value(descending), bound)
    ascending = [(1, 3), (1, 5), (1, 7), (2, 2), (2, 6), (None, 1), (None, 4)]
    expected = ascending[::-1] if descending else ascending
    assert pages == [expected[0:2], expected[2:4], expected[4:6], expected[6:]]


def test_order_by_runs_every_key_one_way() -> None:
    descending = _by_value(True).order_by()
    assert [str(clause).endswith(" DESC") for clause in descending] == [True, True]


def test_a_single_key_is_compared_as_itself_not_as_a_row() -> None:
    keyset = Keyset((Key("seq", _ROWS.c.id, INT),))
    assert str(keyset.after()) == "numbers.id > :after_seq"
    assert keyset.arguments({"seq": 4}) == {"after_seq": 4}
