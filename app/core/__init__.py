"""The foundation every layer stands on: settings, the database, errors, input bounds, the
caller, cursors and URLs. Nothing here imports a web framework or a domain package, so the
services and the command line load without FastAPI (`tests/test_layers.py` holds both)."""
