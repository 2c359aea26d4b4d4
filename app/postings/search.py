"""Full-text search over postings, one function per database's own engine.

The index is a side table the migrations create and database triggers keep current: an FTS5
table on SQLite, a tsvector column with a GIN index on PostgreSQL. Both index the title, the
organisation's name and the description, so every writer (API, importer, bulk loads) is covered.
"""

import re

from sqlalchemy import Select, column, select, table, text

_WORD = re.compile(r"\w+", re.UNICODE)


def has_words(query: str) -> bool:
    return _WORD.search(query) is not None


def _fts5_query(query: str) -> str:
    """Each word quoted, so user input is never read as FTS5 syntax; all words must match."""
    return " ".join(f'"{word}"' for word in _WORD.findall(query))


def _plain_words(query: str) -> str:
    """The words alone, so both databases read a query the same way: every word must match."""
    return " ".join(_WORD.findall(query))


def matching_ids(dialect: str, query: str) -> Select[tuple[int]]:
    """A SELECT of the ids of postings matching `query`, for the dialect named."""
    if dialect == "sqlite":
        fts = table("posting_search", column("rowid"))
        return select(fts.c.rowid).where(
            text("posting_search MATCH :fts_query").bindparams(fts_query=_fts5_query(query))
        )
    index = table("posting_search", column("posting_id"))
    return select(index.c.posting_id).where(
        text("document @@ plainto_tsquery('english', :ts_query)").bindparams(
            ts_query=_plain_words(query)
        )
    )
