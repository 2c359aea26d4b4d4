"""What the importer remembers of each advert, so re-importing an unchanged one is a lookup.

Revision ID: eba16738c15d
Revises: 3f1c2b7d9a10
Create Date: 2026-11-21 08:14:40.024045
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "eba16738c15d"
down_revision: str | None = "3f1c2b7d9a10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_advert",
        sa.Column("source", sa.String(length=1000), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("postings", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_imported_advert")),
    )


def downgrade() -> None:
    op.drop_table("imported_advert")
