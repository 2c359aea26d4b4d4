"""The full-text index's DDL for each database, shared by the migrations that (re)build it.

SQLite: an FTS5 table whose rowid is the posting id. PostgreSQL: a table of tsvectors with a
GIN index. On both, triggers keep it in step with postings and organisation names, so every
writer is indexed without the application having to remember.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from alembic import op

SQLITE_UP = [
    """CREATE VIRTUAL TABLE posting_search USING fts5(
        title, organisation, description, tokenize = 'porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER posting_search_insert AFTER INSERT ON posting BEGIN
        INSERT INTO posting_search (rowid, title, organisation, description)
        SELECT new.id, new.title, o.name, new.description FROM organisation o
        WHERE o.id = new.organisation_id;
    END""",
    """CREATE TRIGGER posting_search_update AFTER UPDATE OF title, description, organisation_id
    ON posting BEGIN
        DELETE FROM posting_search WHERE rowid = old.id;
        INSERT INTO posting_search (rowid, title, organisation, description)
        SELECT new.id, new.title, o.name, new.description FROM organisation o
        WHERE o.id = new.organisation_id;
    END""",
    """CREATE TRIGGER posting_search_delete AFTER DELETE ON posting BEGIN
        DELETE FROM posting_search WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER posting_search_organisation AFTER UPDATE OF name ON organisation BEGIN
        UPDATE posting_search SET organisation = new.name
        WHERE rowid IN (SELECT id FROM posting WHERE organisation_id = new.id);
    END""",
    """INSERT INTO posting_search (rowid, title, organisation, description)
        SELECT p.id, p.title, o.name, p.description
        FROM posting p JOIN organisation o ON o.id = p.organisation_id""",
]

SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS posting_search_organisation",
    "DROP TRIGGER IF EXISTS posting_search_delete",
    "DROP TRIGGER IF EXISTS posting_search_update",
    "DROP TRIGGER IF EXISTS posting_search_insert",
    "DROP TABLE IF EXISTS posting_search",
]

_PG_DOCUMENT = """
    setweight(to_tsvector('english', {title}), 'A')
    || setweight(to_tsvector('english', {organisation}), 'B')
    || setweight(to_tsvector('english', coalesce({description}, '')), 'C')
"""

POSTGRESQL_UP = [
    """CREATE TABLE posting_search (
        posting_id integer PRIMARY KEY REFERENCES posting (id) ON DELETE CASCADE,
        document tsvector NOT NULL)""",
    "CREATE INDEX ix_posting_search_document ON posting_search USING gin (document)",
    f"""CREATE FUNCTION posting_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO posting_search (posting_id, document)
        SELECT NEW.id, {
        _PG_DOCUMENT.format(title="NEW.title", organisation="o.name", description="NEW.description")
    }
        FROM organisation o WHERE o.id = NEW.organisation_id
        ON CONFLICT (posting_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER posting_search_refresh
        AFTER INSERT OR UPDATE OF title, description, organisation_id ON posting
        FOR EACH ROW EXECUTE FUNCTION posting_search_refresh()""",
    f"""CREATE FUNCTION posting_search_rename() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE posting_search s
        SET document = {
        _PG_DOCUMENT.format(title="p.title", organisation="NEW.name", description="p.description")
    }
        FROM posting p WHERE p.id = s.posting_id AND p.organisation_id = NEW.id;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER posting_search_rename AFTER UPDATE OF name ON organisation
        FOR EACH ROW EXECUTE FUNCTION posting_search_rename()""",
    f"""INSERT INTO posting_search (posting_id, document)
        SELECT p.id, {
        _PG_DOCUMENT.format(title="p.title", organisation="o.name", description="p.description")
    }
        FROM posting p JOIN organisation o ON o.id = p.organisation_id""",
]

POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS posting_search_rename ON organisation",
    "DROP FUNCTION IF EXISTS posting_search_rename()",
    "DROP TRIGGER IF EXISTS posting_search_refresh ON posting",
    "DROP FUNCTION IF EXISTS posting_search_refresh()",
    "DROP TABLE IF EXISTS posting_search",
]


def is_search_index(table_name: str) -> bool:
    """The index's own tables (FTS5 adds shadow tables named after it)."""
    return table_name.startswith("posting_search")


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """For autogenerate: the index is owned by these statements, not by a model table."""
    return not (type_ == "table" and name is not None and is_search_index(name))


def create_search_index() -> None:
    statements = SQLITE_UP if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_UP
    for statement in statements:
        op.execute(statement)


def drop_search_index() -> None:
    statements = SQLITE_DOWN if op.get_bind().dialect.name == "sqlite" else POSTGRESQL_DOWN
    for statement in statements:
        op.execute(statement)


@contextmanager
def search_index_rebuilt() -> Iterator[None]:
    """Around a batch change to `posting`: on SQLite, where the table is rebuilt and its
    triggers lost, drop the index first and build it again (refilled) afterwards."""
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        drop_search_index()
    yield
    if sqlite:
        create_search_index()
