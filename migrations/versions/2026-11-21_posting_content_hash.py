"""Postings remember a fingerprint of the advert they were imported from.

Revision ID: aeb2902a1ca6
Revises: ed8a23ae272c
Create Date: 2026-11-21 06:36:02.347884
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.search_index import search_index_rebuilt

revision: str = "aeb2902a1ca6"
down_revision: str | None = "ed8a23ae272c"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("posting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("content_hash", sa.String(length=64), nullable=True))


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which takes its triggers with it.
    with search_index_rebuilt(), op.batch_alter_table("posting", schema=None) as batch_op:
        batch_op.drop_column("content_hash")
