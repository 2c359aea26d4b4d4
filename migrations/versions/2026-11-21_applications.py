"""Applications with their CVs and status history; postings ask questions and name a privacy notice.

Revision ID: 88e8ddb90713
Revises: aeb2902a1ca6
Create Date: 2026-11-21 07:09:29.045364
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.search_index import search_index_rebuilt

revision: str = "88e8ddb90713"
down_revision: str | None = "aeb2902a1ca6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _application_status(name: str) -> sa.Enum:
    """The application workflow's statuses, as a portable VARCHAR with a CHECK constraint."""
    return sa.Enum(
        "submitted",
        "in_review",
        "interview",
        "offer",
        "hired",
        "rejected",
        "withdrawn",
        name=name,
        native_enum=False,
        create_constraint=True,
        length=16,
    )


def upgrade() -> None:
    op.create_table(
        "application",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            _application_status("status"),
            nullable=False,
        ),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("email_normalised", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("cover_letter", sa.Text(), nullable=True),
        sa.Column("links", sa.JSON(), nullable=True),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("consented_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("privacy_notice_version", sa.String(length=50), nullable=True),
        sa.Column("idempotency_key", sa.String(length=255), nullable=True),
        sa.Column("request_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["posting.id"],
            name=op.f("fk_application_posting_id_posting"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint(
            "posting_id",
            "email_normalised",
            name=op.f("uq_application_posting_id_email_normalised"),
        ),
        sa.UniqueConstraint(
            "posting_id", "idempotency_key", name=op.f("uq_application_posting_id_idempotency_key")
        ),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(
            "ix_application_posting_id_submitted_at_id",
            ["posting_id", "submitted_at", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_application_status_updated_at", ["status", "updated_at"], unique=False
        )

    op.create_table(
        "application_cv",
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column("filename", sa.String(length=120), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_cv_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_cv")),
    )
    op.create_table(
        "application_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Uuid(), nullable=False),
        sa.Column(
            "from_status",
            _application_status("from_status"),
            nullable=True,
        ),
        sa.Column(
            "to_status",
            _application_status("to_status"),
            nullable=False,
        ),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_event_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_event")),
    )
    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_event_application_id"), ["application_id"], unique=False
        )

    # Plain ADD COLUMN: SQLite supports it, so the table (and its search triggers) stays put.
    op.add_column(
        "posting", sa.Column("questions", sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
    )
    op.add_column("posting", sa.Column("privacy_notice_url", sa.String(length=1000), nullable=True))
    op.add_column(
        "posting", sa.Column("privacy_notice_version", sa.String(length=50), nullable=True)
    )


def downgrade() -> None:
    # SQLite drops a column by rebuilding the table, which takes its triggers with it.
    with search_index_rebuilt(), op.batch_alter_table("posting", schema=None) as batch_op:
        batch_op.drop_column("privacy_notice_version")
        batch_op.drop_column("privacy_notice_url")
        batch_op.drop_column("questions")

    with op.batch_alter_table("application_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_event_application_id"))

    op.drop_table("application_event")
    op.drop_table("application_cv")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index("ix_application_status_updated_at")
        batch_op.drop_index("ix_application_posting_id_submitted_at_id")

    op.drop_table("application")
