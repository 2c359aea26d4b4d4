"""The migrations build exactly the models' schema, and run down and up again cleanly."""

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import ColumnElement, Engine, inspect, select, text
from sqlmodel import Session, SQLModel, col

import app.models  # noqa: F401
from app.cli import alembic_config
from app.core.db import make_engine
from app.postings import search
from app.postings.filters import PostingQuery
from app.postings.models import Posting
from migrations.search_index import include_object
from tests.conftest import ON_POSTGRES, TEST_DATABASE_URL
from tests.databases import migrate
from tests.harness import create_postgres_database, drop_postgres_database
from tests.postings.test_query_plans import fill, plan_of, sorts


@pytest.fixture
def empty_engine(tmp_path: Path, worker_id_suffix: str) -> Iterator[Engine]:
    """An empty database of the kind under test, for migrations to run on."""
    if ON_POSTGRES:
        url = create_postgres_database(TEST_DATABASE_URL, f"openings_migrations_{worker_id_suffix}")
        engine = make_engine(url)
        yield engine
        engine.dispose()
        drop_postgres_database(TEST_DATABASE_URL, url)
    else:
        engine = make_engine(f"sqlite:///{tmp_path / 'migrations.db'}")
        yield engine
        engine.dispose()


def search_condition(session: Session, query: str) -> ColumnElement[bool]:
    dialect = session.get_bind().dialect.name
    matching = search.matching_ids(dialect).params(q=search.terms(dialect, query))
    return col(Posting.id).in_(matching)


def _drift(engine: Engine) -> list[object]:
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        return list(compare_metadata(context, SQLModel.metadata))


def _index_names(engine: Engine, table: str) -> set[str]:
    """Every index on `table`, read from the catalogue: SQLite's reflection skips the ones on
    expressions, so the comparison above cannot see them."""
    if engine.dialect.name == "sqlite":
        statement = "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = :table"
    else:
        statement = "SELECT indexname FROM pg_indexes WHERE tablename = :table"
    with engine.connect() as connection:
        names = set(connection.scalars(text(statement), {"table": table}))
    return {name for name in names if not name.startswith(("sqlite_autoindex", "pk_", "uq_"))}


def _model_index_names(table: str) -> set[str]:
    return {str(index.name) for index in SQLModel.metadata.tables[table].indexes}


def test_there_is_a_single_head() -> None:
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


@pytest.mark.filterwarnings(
    "ignore:Skipped unsupported reflection of expression-based index:sqlalchemy.exc.SAWarning"
)
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based")
def test_upgrade_downgrade_upgrade_leaves_no_drift(empty_engine: Engine) -> None:
    migrate(empty_engine, "head")
    assert _drift(empty_engine) == []
    assert _index_names(empty_engine, "posting") == _model_index_names("posting")
    migrate(empty_engine, "base", down=True)
    leftover = set(inspect(empty_engine).get_table_names()) - {"alembic_version"}
    assert leftover == set()
    migrate(empty_engine, "head")
    assert _drift(empty_engine) == []
    assert _index_names(empty_engine, "posting") == _model_index_names("posting")


def test_indexes_added_to_an_analysed_database_get_statistics_too(empty_engine: Engine) -> None:
    """With statistics for the old indexes only, SQLite took a new one for very selective and
    sorted the whole table through it; the migration that adds indexes analyses them."""
    migrate(empty_engine, "8db78d241507")
    with empty_engine.begin() as connection:
        fill(connection)
    migrate(empty_engine, "head")
    with Session(empty_engine) as session:
        plan = plan_of(session, PostingQuery())
    assert sorts(plan) == [], plan


def test_full_text_index_survives_downgrade_and_upgrade(empty_engine: Engine) -> None:
    migrate(empty_engine, "head")
    migrate(empty_engine, "base", down=True)
    migrate(empty_engine, "head")
    migrate(empty_engine, "-1", down=True)
    migrate(empty_engine, "head")
    with empty_engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO organisation (slug, name, timezone, created_at, updated_at) "
                "VALUES ('lab', 'Lab', 'UTC', :now, :now)"
            ),
            {"now": datetime.now(UTC)},
        )
        connection.execute(
            text(
                "INSERT INTO posting (organisation_id, title, posted_on, description, "
                "description_html, status, created_at, updated_at) SELECT id, 'Astronomer', "
                ":today, '', '', 'open', :now, :now FROM organisation"
            ),
            {"now": datetime.now(UTC), "today": date.today()},
        )
    with Session(empty_engine) as session:
        found = session.execute(
            select(Posting.title).where(search_condition(session, "astronomer"))
        )
        assert [row.title for row in found] == ["Astronomer"]
