"""The pages' own readings of what visitors send, on input a generator writes."""

import re

from hypothesis import given
from hypothesis import strategies as st
from starlette.datastructures import QueryParams

from app.pages import board
from app.pages.rendering import description_body
from app.postings.links import slug_of

_NAMES = st.sampled_from([*(field.name for field in board.FORM), "cursor", "limit", "tag", "x"])
_PAIRS = st.lists(st.tuples(_NAMES, st.text(max_size=30)), max_size=12)


@given(_PAIRS)
def test_any_query_string_is_a_query_or_errors_by_field(pairs: list[tuple[str, str]]) -> None:
    wanted = board.asked(QueryParams(pairs))
    assert (wanted.query is None) == bool(wanted.errors)
    assert set(wanted.values) <= {name for name, _ in pairs}


@given(st.text(max_size=200))
def test_a_slug_is_lower_case_words_and_hyphens(title: str) -> None:
    slug = slug_of(title)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)
    assert len(slug) <= 80


_PIECES = st.sampled_from(["<h1>", "</h1>", "<h5>", "</h5>", "<p>", "</p>", "Role", " ", "\n"])


@given(st.lists(_PIECES, max_size=30).map("".join), st.sampled_from(["Role", "Other"]))
def test_a_description_keeps_no_h1_of_its_own(html: str, title: str) -> None:
    """The page's title is its only h1; an h5 goes down to h6, never out of range."""
    shown = description_body(html, title)
    assert "<h1" not in shown
    assert "<h7" not in shown
