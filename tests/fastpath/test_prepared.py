"""Statements compiled once and run on the driver's cursor."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import Integer, bindparam, literal, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, func

from app.core.db import table_of
from app.fastpath import Prepared, insert_all, insert_returning
from app.importer.models import ImportedAdvert


def test_a_parameter_the_statement_names_must_be_given() -> None:
    """Sent as NULL, a forgotten parameter would make the answer silently empty."""
    statement = select(literal(1)).where(bindparam("wanted", None, type_=Integer()) > 0)
    prepared = Prepared(statement, sqlite.dialect())
    assert list(prepared.arguments({"wanted": 3})) == [1, 3, 0]
    with pytest.raises(KeyError, match="wanted"):
        prepared.arguments({})


def _adverts(count: int) -> list[dict[str, object]]:
    when = datetime(2031, 5, 1, 12, 30, tzinfo=UTC)
    return [
        {
            "source": f"a{n}.md",
            "fingerprint": f"{n:064}",
            "postings": [[n, None]],
            "imported_at": when,
        }
        for n in range(count)
    ]


def test_many_rows_go_in_as_the_types_store_them_and_come_back_keyed(session: Session) -> None:
    """More rows than SQLite takes placeholders in one statement (four columns a row), with
    JSON and timestamps converted as SQLAlchemy would: every row is there and returned."""
    rows = _adverts(9_000)
    table = table_of(ImportedAdvert)
    returned = insert_returning(session.connection(), table, rows, (table.c.source,))
    assert sorted(source for (source,) in returned) == sorted(row["source"] for row in rows)
    stored = session.get_one(ImportedAdvert, "a8999.md")
    assert stored.postings == [[8999, None]]
    assert stored.imported_at == datetime(2031, 5, 1, 12, 30, tzinfo=UTC)


def test_a_taken_key_is_sqlalchemys_integrity_error_and_inserts_nothing(session: Session) -> None:
    """What `conflict_unless_unique` answers with a 409 comes as it would from SQLAlchemy."""
    table = table_of(ImportedAdvert)
    insert_all(session.connection(), table, _adverts(3))
    with pytest.raises(IntegrityError), session.begin_nested():
        insert_all(session.connection(), table, _adverts(5))
    assert session.scalar(select(func.count()).select_from(table)) == 3
