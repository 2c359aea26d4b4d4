"""Deadline indexes on (coalesce(deadline, '9999-12-31'), id): "no deadline last" as index order.

SQLite cannot read ORDER BY deadline NULLS LAST off a plain (deadline, id) index and sorted
every match instead. The expression puts postings without a deadline after the others in the
index itself, on both databases, and makes a deadline range one seek.

SQLite does not reflect indexes on expressions, so a later batch (table-rebuilding) change to
`posting` must create these two again.

Revision ID: 3f1c2b7d9a10
Revises: 8db78d241507
Create Date: 2026-11-21 08:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3f1c2b7d9a10"
down_revision: str | None = "8db78d241507"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEADLINE_KEY = sa.text("coalesce(deadline, '9999-12-31')")


def upgrade() -> None:
    op.drop_index("ix_posting_deadline_id", table_name="posting")
    op.drop_index("ix_posting_organisation_deadline_id", table_name="posting")
    op.create_index("ix_posting_deadline_key_id", "posting", [DEADLINE_KEY, "id"])
    op.create_index(
        "ix_posting_organisation_deadline_key_id",
        "posting",
        ["organisation_id", DEADLINE_KEY, "id"],
    )
    _refresh_statistics()


def downgrade() -> None:
    op.drop_index("ix_posting_organisation_deadline_key_id", table_name="posting")
    op.drop_index("ix_posting_deadline_key_id", table_name="posting")
    op.create_index(
        "ix_posting_organisation_deadline_id",
        "posting",
        ["organisation_id", "deadline", "id"],
    )
    op.create_index("ix_posting_deadline_id", "posting", ["deadline", "id"])
    _refresh_statistics()


def _refresh_statistics() -> None:
    """Statistics for the new indexes. Where the others have some (after an ANALYZE), SQLite
    takes an index without any for a very selective one and sorted whole tables with it."""
    op.execute("ANALYZE posting")
