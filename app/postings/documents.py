"""Postings as the JSON the API sends, written by the database (see `app.fastpath.sql_json`).

Every representation of a posting comes from here: `GET /v1/postings/{id}`, the answers to
writes, and list items, so an ETag read anywhere matches the one `If-Match` is checked against.
"""

from typing import Any

from pydantic import BaseModel
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from app.fastpath import sql_json
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingTag
from app.postings.schemas import PostingRead, PostingSummary

_DESCRIPTION = ("description", "description_html")


def _member(dialect: str, name: str) -> sql_json.Member:
    if name == "organisation":
        return sql_json.object_(
            dialect,
            [
                ("slug", sql_json.value(dialect, col(Organisation.slug))),
                ("name", sql_json.value(dialect, col(Organisation.name))),
            ],
        )
    if name == "tags":
        return sql_json.text_array(
            dialect, col(PostingTag.tag), col(PostingTag.posting_id) == Posting.id
        )
    column: ColumnElement[Any] = getattr(Posting, name)
    return sql_json.of_column(dialect, column)


def _object_of(
    dialect: str, schema: type[BaseModel], leave_out: tuple[str, ...]
) -> sql_json.Member:
    """The fields of `schema`, in its order, from a row of posting joined to organisation."""
    names = [name for name in schema.model_fields if name not in leave_out]
    return sql_json.object_(dialect, [(name, _member(dialect, name)) for name in names])


def summary_json(dialect: str, with_description: bool) -> sql_json.Member:
    """A list item: `PostingSummary`, with the description only when asked for."""
    return _object_of(dialect, PostingSummary, () if with_description else _DESCRIPTION)


def document_json(dialect: str) -> sql_json.Member:
    """The whole posting: `PostingRead`."""
    return _object_of(dialect, PostingRead, ())
