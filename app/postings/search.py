"""Full-text search over postings, one function per database's own engine.

The index is a side table the migrations create and database triggers keep current: an FTS5
table on SQLite, a tsvector column with a GIN index on PostgreSQL. Both index the title, the
organisation's name and the description, so every writer (API, importer, bulk loads) is covered.
"""

import re

from sqlalchemy import Select, String, bindparam, column, select, table, text

_WORD = re.compile(r"\w+", re.UNICODE)
_TERMS = bindparam("q", None, type_=String())


def has_words(query: str) -> bool:
    return _WORD.search(query) is not None


def terms(dialect: str, query: str) -> str:
    """`query` as the `q` parameter of `matching_ids`: every word must match, on both databases.

    For FTS5 each word is quoted, so user input is never read as FTS5 syntax.
    """
    words = _WORD.findall(query)
    if dialect == "sqlite":
        return " ".join(f'"{word}"' for word in words)
    return " ".join(words)


def matching_ids(dialect: str) -> Select[tuple[int]]:
    """A SELECT of the ids of postings matching the parameter `q` (see `terms`)."""
    if dialect == "sqlite":
        fts = table("posting_search", column("rowid"))
        return select(fts.c.rowid).where(text("posting_search MATCH :q").bindparams(_TERMS))
    index = table("posting_search", column("posting_id"))
    return select(index.c.posting_id).where(
        text("document @@ plainto_tsquery('english', :q)").bindparams(_TERMS)
    )
