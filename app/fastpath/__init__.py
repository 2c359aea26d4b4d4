"""The fast path's statements, the one entry point the domains use: a statement compiled once
per shape and run on the driver's cursor (`Prepared`), many rows written in one statement
(`insert_all`, `insert_returning`), and JSON written by the database (`sql_json`).

It sits just above the foundation: it imports `app.core` and SQLAlchemy, no web framework and
no domain, so services and the command line use it without loading FastAPI. The per-worker
answer cache, which needs a request, is the web layer's (`app.api.response_cache`).
"""

from app.fastpath import sql_json
from app.fastpath.prepared import Prepared, insert_all, insert_returning

__all__ = ["Prepared", "insert_all", "insert_returning", "sql_json"]
