"""PostgreSQL announces committed changes to API keys too.

Each API worker remembers the keys it has verified until the data version moves
(`app.api.known_keys`); on PostgreSQL the version moves on the notifications of
`openings_data_changed()`, so a key that is revoked (or created, or deleted) must notify as
postings do, or another worker would go on accepting it. SQLite needs no trigger.

Revision ID: 9b2e4c6d8f10
Revises: 4d7b1e9c2a58
Create Date: 2026-12-07 16:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "9b2e4c6d8f10"
down_revision: str | None = "4d7b1e9c2a58"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute(
        """CREATE TRIGGER api_key_data_changed
        AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_key
        FOR EACH STATEMENT EXECUTE FUNCTION openings_data_changed()"""
    )


def downgrade() -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER api_key_data_changed ON api_key")
