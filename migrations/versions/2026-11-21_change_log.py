"""The change log integrators mirror postings from, ordered by a locked counter.

Revision ID: 8db78d241507
Revises: 88e8ddb90713
Create Date: 2026-11-21 07:25:19.562391
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8db78d241507"
down_revision: str | None = "88e8ddb90713"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("pruned_through", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change_counter")),
    )
    op.create_table(
        "posting_change",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "created",
                "updated",
                "closed",
                "deleted",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("organisation", sa.String(length=100), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=True),
        sa.Column("posting", sa.JSON(), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_posting_change")),
    )
    with op.batch_alter_table("posting_change", schema=None) as batch_op:
        batch_op.create_index("ix_posting_change_changed_at", ["changed_at"], unique=False)

    # Postings published before the log began have no history to replay: mark history as
    # pruned through 1 if there are any, so a client without a cursor is told to resync (410).
    op.execute(
        "INSERT INTO change_counter (id, last_seq, pruned_through) "
        "SELECT 1, n, n FROM (SELECT CASE WHEN EXISTS "
        "(SELECT 1 FROM posting WHERE status <> 'draft') THEN 1 ELSE 0 END AS n) AS existing"
    )


def downgrade() -> None:
    with op.batch_alter_table("posting_change", schema=None) as batch_op:
        batch_op.drop_index("ix_posting_change_changed_at")

    op.drop_table("posting_change")
    op.drop_table("change_counter")
