"""PostgreSQL announces every committed change to postings, their tags and organisations.

Each API worker keeps its anonymous answers until the data they came from changes
(`app.core.freshness`). On PostgreSQL it learns of a change from a notification on the channel
`openings_data_changed`, which these statement-level triggers send: PostgreSQL delivers it
when, and only if, the writing transaction commits, once however many rows it touched, and to
every worker, whoever wrote (the API, the importer or a person with psql). SQLite needs no
trigger: each worker asks SQLite itself (`PRAGMA data_version`).

Revision ID: 3f9d2c7a5e14
Revises: 7c4e2a9d1b63
Create Date: 2026-11-21 18:05:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "3f9d2c7a5e14"
down_revision: str | None = "7c4e2a9d1b63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("organisation", "posting", "posting_tag")


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute(
        """CREATE FUNCTION openings_data_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('openings_data_changed', '');
            RETURN NULL;
        END $$"""
    )
    for table in TABLES:
        op.execute(
            f"""CREATE TRIGGER {table}_data_changed
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION openings_data_changed()"""
        )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table in TABLES:
        op.execute(f"DROP TRIGGER {table}_data_changed ON {table}")
    op.execute("DROP FUNCTION openings_data_changed()")
