"""What the importer remembers of each advert, so an unchanged one costs almost nothing."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from app.core.db import UTCDateTime, utcnow


class ImportedAdvert(SQLModel, table=True):
    """An advert as last imported in full: a fingerprint of its bytes and of the import's
    options, and the postings it made with their content hashes. Importing the same bytes
    again, with those postings as it left them, needs neither parsing nor writing."""

    __tablename__ = "imported_advert"

    source: str = Field(primary_key=True, max_length=1000)
    fingerprint: str = Field(max_length=64)
    postings: list[tuple[int, str | None]] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="[posting id, its content_hash] for each opening.",
    )
    imported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
