"""The organisation table: who publishes postings."""

from datetime import datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow


class Organisation(SQLModel, table=True):
    """A hiring organisation, addressed in URLs by its slug."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=200)
    website: str | None = Field(default=None, max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    timezone: str = Field(default="UTC", max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
