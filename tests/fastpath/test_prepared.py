"""Statements compiled once and run on the driver's cursor."""

import pytest
from sqlalchemy import Integer, bindparam, literal, select
from sqlalchemy.dialects import sqlite

from app.fastpath.prepared import Prepared


def test_a_parameter_the_statement_names_must_be_given() -> None:
    """Sent as NULL, a forgotten parameter would make the answer silently empty."""
    statement = select(literal(1)).where(bindparam("wanted", None, type_=Integer()) > 0)
    prepared = Prepared(statement, sqlite.dialect())
    assert list(prepared.arguments({"wanted": 3})) == [1, 3, 0]
    with pytest.raises(KeyError, match="wanted"):
        prepared.arguments({})
