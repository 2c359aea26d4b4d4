"""What clients send and receive for organisations."""

import re
import unicodedata
from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    field_validator,
)

from app.core.inputs import InputModel

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def slugify(text: str, max_length: int = 64) -> str:
    """A URL-safe slug: ASCII lower case words joined by hyphens ("Zürich Lab" -> "zurich-lab")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def _known_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(f"'{name}' is not an IANA time zone such as 'Europe/Berlin'") from error
    return name


Slug = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=SLUG_PATTERN)]
TimeZoneName = Annotated[str, StringConstraints(max_length=64), AfterValidator(_known_timezone)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Website = Annotated[HttpUrl, Field(max_length=500)]


class OrganisationBase(InputModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    website: Website | None = None
    description: str | None = Field(default=None, max_length=20_000)
    timezone: TimeZoneName = Field(
        default="UTC", description="IANA name; deadlines end at midnight here."
    )


class OrganisationCreate(OrganisationBase):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "name": "DataCite",
                    "slug": "datacite",
                    "website": "https://datacite.org",
                    "timezone": "Europe/Berlin",
                }
            ]
        }
    )

    slug: Slug | None = Field(
        default=None,
        description="Lower-case words joined by hyphens; derived from the name if omitted.",
    )


class OrganisationUpdate(InputModel):
    """Fields to change; those left out stay as they are."""

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"description": "We build PIDs."}]}
    )

    name: Name | None = None
    website: Website | None = None
    description: str | None = Field(default=None, max_length=20_000)
    timezone: TimeZoneName | None = None

    @field_validator("name", "timezone")
    @classmethod
    def _not_null(cls, value: str | None) -> str:
        if value is None:
            raise ValueError("may not be null; leave the field out to keep its value")
        return value


class OrganisationRead(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "slug": "datacite",
                    "name": "DataCite",
                    "website": "https://datacite.org/",
                    "description": "We build PIDs.",
                    "timezone": "Europe/Berlin",
                    "created_at": "2026-12-07T14:57:14.090845Z",
                    "updated_at": "2026-12-07T14:57:14.090869Z",
                }
            ]
        },
    )

    slug: str
    name: str
    website: str | None
    description: str | None
    timezone: str
    created_at: datetime
    updated_at: datetime


class OrganisationRef(BaseModel):
    """How a posting names its organisation."""

    slug: str
    name: str
