"""API keys: only a hash is stored; the key itself is shown once when it is made."""

from datetime import datetime

from sqlalchemy import CheckConstraint
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow


class ApiKey(SQLModel, table=True):
    """A bearer key, either for one organisation or for everything (admin)."""

    __tablename__ = "api_key"
    __table_args__ = (
        CheckConstraint(
            "(is_admin AND organisation_id IS NULL)"
            " OR (NOT is_admin AND organisation_id IS NOT NULL)",
            name="admin_or_organisation",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(default="", max_length=100)
    prefix: str = Field(max_length=16, description="The key's first characters, to recognise it.")
    key_hash: str = Field(max_length=64, unique=True)
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="CASCADE", index=True
    )
    is_admin: bool = False
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
