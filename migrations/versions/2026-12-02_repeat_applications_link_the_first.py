"""A person may apply to a posting again: the later application links the first.

The unique (posting, email) constraint made a second application answer 409, which told
anyone whether an address had applied. An index takes its place for finding the first.

Revision ID: 4d7b1e9c2a58
Revises: 3f9d2c7a5e14
Create Date: 2026-12-02 13:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4d7b1e9c2a58"
down_revision: str | None = "3f9d2c7a5e14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite's batch copy reflects the table; the posting table it refers to need not be (its
# expression indexes cannot be reflected, and would only warn).
NO_REFERRED = {"resolve_fks": False}


def upgrade() -> None:
    with op.batch_alter_table("application", reflect_kwargs=NO_REFERRED) as batch_op:
        batch_op.add_column(sa.Column("duplicate_of", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_application_duplicate_of_application"),
            "application",
            ["duplicate_of"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.drop_constraint(
            batch_op.f("uq_application_posting_id_email_normalised"), type_="unique"
        )
        batch_op.create_index(
            "ix_application_posting_id_email_normalised",
            ["posting_id", "email_normalised"],
            unique=False,
        )


def downgrade() -> None:
    # The constraint comes back over applications that may repeat an address: each later one
    # keeps its data but no longer matches by address, as if it had been erased in part.
    op.execute(
        sa.text(
            "UPDATE application SET email_normalised = NULL"
            " WHERE email_normalised IS NOT NULL AND EXISTS ("
            " SELECT 1 FROM application AS earlier"
            " WHERE earlier.posting_id = application.posting_id"
            " AND earlier.email_normalised = application.email_normalised"
            " AND (earlier.submitted_at < application.submitted_at"
            " OR (earlier.submitted_at = application.submitted_at AND earlier.id < application.id)))"
        )
    )
    with op.batch_alter_table("application", reflect_kwargs=NO_REFERRED) as batch_op:
        batch_op.drop_index("ix_application_posting_id_email_normalised")
        batch_op.create_unique_constraint(
            batch_op.f("uq_application_posting_id_email_normalised"),
            ["posting_id", "email_normalised"],
        )
        batch_op.drop_constraint(
            batch_op.f("fk_application_duplicate_of_application"), type_="foreignkey"
        )
        batch_op.drop_column("duplicate_of")
