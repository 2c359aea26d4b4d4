"""The FastAPI application: routers, error handlers and middleware."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from app.api import health, metrics
from app.api.compression import Compression
from app.api.exchange import Exchange
from app.api.hosts import AllowedHosts
from app.api.known_keys import KnownKeys
from app.api.methods import allowed_methods
from app.api.openapi import install_openapi
from app.api.problems import install_error_handlers
from app.api.rate_limits import RateLimits
from app.api.request_limits import RequestLimits
from app.api.response_cache import running_cache
from app.applications.router import router as applications_router
from app.changes.router import router as changes_router
from app.core.config import get_settings
from app.core.db import Database
from app.importer.router import router as imports_router
from app.organisations.router import router as organisations_router
from app.pages.router import router as pages_router
from app.pages.router import static as pages_static
from app.postings.router import by_external_id
from app.postings.router import router as postings_router

DESCRIPTION = """
Job openings of research and open-source organisations, as JSON.

Reading published postings and organisations is public. Writes need an API key:
`Authorization: Bearer <key>` (make one with `openings keys create`). Errors are
`application/problem+json` (RFC 9457).
"""

# What a page on another origin may send and read: every header the README tells callers to
# send (conditional requests, retry-safe applications, asking the database) or to read.
CORS_REQUEST_HEADERS = [
    "Authorization",
    "Content-Type",
    "If-Match",
    "If-None-Match",
    "If-Modified-Since",
    "Idempotency-Key",
    "Cache-Control",
    "X-Request-ID",
]
CORS_RESPONSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Location",
    "Retry-After",
    "Idempotent-Replayed",
    "X-Request-ID",
]
CORS_MAX_AGE_S = 600  # a browser asks again (its preflight) after ten minutes


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The worker's cache of answers lives as long as the worker serves."""
    async with running_cache(get_settings()) as cache:
        app.state.response_cache = cache
        app.state.known_keys = None if cache is None else KnownKeys(cache.data_version)
        yield


def create_app() -> FastAPI:
    """Build the application from the current settings."""
    settings = get_settings()
    # /docs and /redoc load their scripts from this server, not a CDN: they work offline.
    app = FastAPIOffline(title="Openings", version="1", description=DESCRIPTION, lifespan=lifespan)
    documentation = list(app.router.routes)  # the document, the docs and their scripts
    app.state.database = Database()
    app.state.response_cache = None
    app.state.known_keys = None
    # Added first, so it sits inside CORS: its refusals carry CORS headers too.
    app.add_middleware(RequestLimits, max_cv_bytes=settings.max_cv_bytes)
    app.state.rate_limits = RateLimits.of(settings)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE"],
            allow_headers=CORS_REQUEST_HEADERS,
            expose_headers=CORS_RESPONSE_HEADERS,
            max_age=CORS_MAX_AGE_S,
        )
    allowed_hosts = settings.trusted_hosts()
    if allowed_hosts != ["*"]:
        app.add_middleware(AllowedHosts, allowed_hosts=allowed_hosts)
    # The compressed copies of answers take at most as much memory again as the answers.
    app.add_middleware(Compression, copies_bytes=settings.response_cache_mb * 1024 * 1024)
    # Outermost: every layer sees the GET a HEAD asks about, and every answer has its id.
    app.add_middleware(Exchange)
    app.state.allowed_methods = allowed_methods(app)
    install_error_handlers(app)
    install_openapi(app)
    # Routes are matched in order: the most requested (health, then postings) come first.
    app.include_router(health.router)
    app.include_router(postings_router)
    app.include_router(organisations_router)
    app.include_router(by_external_id)
    app.include_router(imports_router)
    app.include_router(applications_router)
    app.include_router(changes_router)
    app.include_router(pages_router)
    app.mount("/static", pages_static, name="static")
    app.include_router(metrics.router)  # scraped every few seconds, not per visitor
    # Matched last: a request for the docs is rare, and every route before a request's own is
    # a pattern it is tried against.
    app.router.routes[:] = [
        *(route for route in app.router.routes if route not in documentation),
        *documentation,
    ]
    return app
