"""Full-text search over postings, one function per database's own engine.

The index is a side table the migrations create and database triggers keep current: an FTS5
table on SQLite, a tsvector column with a GIN index on PostgreSQL. Both index the title, the
organisation's name and the description, so every writer (API, importer, bulk loads) is covered.
"""

import re

from sqlalchemy import Connection, Select, String, bindparam, column, select, table, text

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


def walk_in_order(connection: Connection, terms: str, page_size: int) -> bool:
    """On SQLite, whether a search should walk the list in its order, checking each posting
    against the matches, rather than fetch every match and sort them.

    Walking reads about `page_size * postings / matches` rows, fetching reads every match:
    walk when that is fewer. PostgreSQL weighs this itself; SQLite keeps no statistics on
    FTS5 tables, so it would always fetch, and a common word at a million postings sorts
    ten thousand rows for every page. Both counts come from indexes, in well under 1 ms.
    """
    matches = connection.exec_driver_sql(
        "SELECT count(*) FROM posting_search WHERE posting_search MATCH ?", (terms,)
    ).scalar_one()
    postings = connection.exec_driver_sql("SELECT max(id) FROM posting").scalar_one() or 0
    return bool(matches * matches > page_size * postings)


def matching_ids(dialect: str) -> Select[tuple[int]]:
    """A SELECT of the ids of postings matching the parameter `q` (see `terms`)."""
    if dialect == "sqlite":
        fts = table("posting_search", column("rowid"))
        return select(fts.c.rowid).where(text("posting_search MATCH :q").bindparams(_TERMS))
    index = table("posting_search", column("posting_id"))
    return select(index.c.posting_id).where(
        text("document @@ plainto_tsquery('english', :q)").bindparams(_TERMS)
    )
