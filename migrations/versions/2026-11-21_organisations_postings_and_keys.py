"""Organisations, postings with their tags and full-text index, and API keys.

Revision ID: ed8a23ae272c
Revises:
Create Date: 2026-11-21 06:27:35.668498
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.search_index import create_search_index, drop_search_index

revision: str = "ed8a23ae272c"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation")),
        sa.UniqueConstraint("slug", name=op.f("uq_organisation_slug")),
    )
    op.create_table(
        "api_key",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "(is_admin AND organisation_id IS NULL) OR (NOT is_admin AND organisation_id IS NOT NULL)",
            name=op.f("ck_api_key_admin_or_organisation"),
        ),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_api_key_organisation_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_api_key_key_hash")),
    )
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_key_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "posting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column(
            "remote",
            sa.Enum(
                "remote",
                "hybrid",
                "onsite",
                name="remote",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "employment_type",
            sa.Enum(
                "full-time",
                "part-time",
                "contract",
                "internship",
                "temporary",
                name="employment_type",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("description_html", sa.Text(), nullable=False),
        sa.Column("apply_url", sa.String(length=1000), nullable=True),
        sa.Column("apply_email", sa.String(length=320), nullable=True),
        sa.Column("salary", sa.String(length=200), nullable=True),
        sa.Column("salary_min", sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=True),
        sa.Column("salary_max", sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column(
            "salary_period",
            sa.Enum(
                "hour",
                "day",
                "week",
                "month",
                "year",
                name="salary_period",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=True,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "open",
                "closed",
                "filled",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("external_id", sa.String(length=300), nullable=True),
        sa.Column("source_url", sa.String(length=1000), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
            name=op.f("fk_posting_organisation_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_posting")),
        sa.UniqueConstraint(
            "organisation_id", "external_id", name=op.f("uq_posting_organisation_id_external_id")
        ),
    )
    with op.batch_alter_table("posting", schema=None) as batch_op:
        batch_op.create_index("ix_posting_deadline_id", ["deadline", "id"], unique=False)
        batch_op.create_index(
            "ix_posting_organisation_deadline_id",
            ["organisation_id", "deadline", "id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_posting_organisation_posted_on_id",
            ["organisation_id", "posted_on", "id"],
            unique=False,
        )
        batch_op.create_index("ix_posting_posted_on_id", ["posted_on", "id"], unique=False)
        batch_op.create_index("ix_posting_status_closes_at", ["status", "closes_at"], unique=False)
        batch_op.create_index("ix_posting_title_id", ["title", "id"], unique=False)
        batch_op.create_index("ix_posting_updated_at_id", ["updated_at", "id"], unique=False)

    op.create_table(
        "posting_tag",
        sa.Column("posting_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=50), nullable=False),
        sa.ForeignKeyConstraint(
            ["posting_id"],
            ["posting.id"],
            name=op.f("fk_posting_tag_posting_id_posting"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("posting_id", "tag", name=op.f("pk_posting_tag")),
    )
    with op.batch_alter_table("posting_tag", schema=None) as batch_op:
        batch_op.create_index("ix_posting_tag_tag_posting_id", ["tag", "posting_id"], unique=False)
    create_search_index()


def downgrade() -> None:
    drop_search_index()
    with op.batch_alter_table("posting_tag", schema=None) as batch_op:
        batch_op.drop_index("ix_posting_tag_tag_posting_id")

    op.drop_table("posting_tag")
    with op.batch_alter_table("posting", schema=None) as batch_op:
        batch_op.drop_index("ix_posting_updated_at_id")
        batch_op.drop_index("ix_posting_title_id")
        batch_op.drop_index("ix_posting_status_closes_at")
        batch_op.drop_index("ix_posting_posted_on_id")
        batch_op.drop_index("ix_posting_organisation_posted_on_id")
        batch_op.drop_index("ix_posting_organisation_deadline_id")
        batch_op.drop_index("ix_posting_deadline_id")

    op.drop_table("posting")
    with op.batch_alter_table("api_key", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_key_organisation_id"))

    op.drop_table("api_key")
    op.drop_table("organisation")
