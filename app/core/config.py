"""Application settings, read once from the environment and an optional `.env` file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"
LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
# prometheus-client's: where each worker keeps its counts; `openings serve` sets it per server.
METRICS_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def _user_cache_dir() -> Path | None:
    """~/.cache/openings, or nothing when this user has no home directory."""
    try:
        return Path.home() / ".cache" / "openings"
    except RuntimeError:
        return None


class Settings(BaseSettings):
    """Every knob of the service. Unsafe defaults are refused outside development."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///./var/openings.db"
    database_echo: bool = False
    log_format: Literal["json", "text"] = Field(
        default="json",
        description="How `openings serve` writes its log: one JSON object per line, or plain"
        " lines for a person reading a terminal.",
    )
    secret_key: str = Field(
        default=DEVELOPMENT_SECRET,
        description="Signs pagination cursors so clients cannot forge them, and derives"
        " applicants' withdrawal tokens.",
    )
    previous_secret_keys: list[str] = Field(
        default_factory=list,
        description="Secret keys given up for SECRET_KEY, as a JSON list: what they signed"
        " (cursors, withdrawal tokens) is still accepted; nothing new is signed with them."
        " Dropping one makes the withdrawal tokens it gave out useless.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description='Origins allowed to call the API from a browser, e.g. ["https://jobs.example"].',
    )
    max_cv_bytes: int = Field(
        default=5 * 1024 * 1024, gt=0, description="The largest CV an applicant may upload."
    )
    response_cache_mb: int = Field(
        default=32,
        ge=0,
        description="Memory each worker may keep anonymous answers of the most read routes in,"
        " while the data they came from is unchanged (app.api.response_cache);"
        " 0 turns it off.",
    )
    database_connect_timeout_s: int = Field(
        default=5,
        ge=2,
        description="How long opening a PostgreSQL connection may take before the request"
        " answers 503 (libpq counts whole seconds, 2 at least).",
    )
    database_pool_timeout_s: float = Field(
        default=5,
        gt=0,
        description="How long a request waits for a pooled connection when all are in use.",
    )
    database_statement_timeout_s: float = Field(
        default=5,
        gt=0,
        description="How long one statement may run on PostgreSQL, or wait for SQLite's write"
        " lock (its busy timeout), before the request answers 503. Migrations are not bound.",
    )
    worker_healthcheck_timeout_s: int = Field(
        default=30,
        gt=0,
        description="How long a worker of `openings serve` may take to answer its supervisor's"
        " health check (uvicorn's `timeout_worker_healthcheck`) before it is killed and"
        " replaced; a worker still starting on a busy machine needs several seconds.",
    )
    import_time_limit_s: float = Field(
        default=5.0,
        gt=0,
        description="How long the importer may take to read one advert before it gives up on"
        " that advert (the worker process reading it is killed); the other adverts go on.",
    )
    import_memory_limit_mb: int = Field(
        default=300,
        gt=0,
        description="How much memory the importer may take to read one advert (an rlimit on"
        " the worker process reading it, on Linux); an advert that needs more fails alone.",
    )
    cache_dir: Path | None = Field(
        default_factory=_user_cache_dir,
        description="Where the importer keeps what it can build again but would rather not"
        " (the place-name gazetteer); safe to delete.",
    )
    embed_stylesheets: list[str] = Field(
        default_factory=list,
        description="Stylesheet URLs an organisation's embed may load with `?css=`, e.g."
        ' ["https://jobs.example/embed.css"]; any other is refused.',
    )
    public_url: str | None = Field(
        default=None,
        description="Base URL the API is reached at (with any path prefix a proxy strips);"
        " every absolute link is built from it, never from the request's Host.",
    )
    allowed_hosts: list[str] = Field(
        default_factory=list,
        description='Host names requests may name in `Host`, e.g. ["jobs.example"]; others get'
        " 400. Empty: any host in development and test; in production, PUBLIC_URL's."
        " The loopback names are always allowed.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses (or networks) of the proxies whose X-Forwarded-For and"
        " X-Forwarded-Proto are believed; from anyone else they are ignored.",
    )
    rate_limit_storage: str | None = Field(
        default=None,
        description="Where the counts of anonymous writes are kept, as a `limits` storage URI"
        " (redis://host:6379 for several machines); default: a SQLite file beside the database.",
    )
    anonymous_write_limit: str = Field(
        default="10/minute;100/day",
        description="Applications and withdrawals one client address may send, e.g. 10/minute.",
    )
    posting_application_limit: str = Field(
        default="60/hour;500/day",
        description="Applications one posting takes from all anonymous clients together.",
    )

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production":
            if self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32:
                raise ValueError(
                    "SECRET_KEY must be set to a random value of 32+ characters in production"
                )
            if any(key == DEVELOPMENT_SECRET or len(key) < 32 for key in self.previous_secret_keys):
                raise ValueError(
                    "PREVIOUS_SECRET_KEYS may hold only random values of 32+ characters in"
                    " production: what they signed is accepted"
                )
            if "*" in self.cors_origins:
                raise ValueError("CORS_ORIGINS may not contain '*' in production")
            if not self.trusted_hosts():
                raise ValueError("set ALLOWED_HOSTS or PUBLIC_URL in production")
        return self

    @field_validator("anonymous_write_limit", "posting_application_limit")
    @classmethod
    def _rate_limits_parse(cls, value: str) -> str:
        from limits import parse_many  # noqa: PLC0415 (only the server needs limits)

        parse_many(value)  # its ValueError names what it could not read
        return value

    @field_validator("embed_stylesheets")
    @classmethod
    def _stylesheets_are_plain_addresses(cls, urls: list[str]) -> list[str]:
        """Each goes into the embed's Content-Security-Policy as written: an https address
        with no query, fragment, space, comma or semicolon, which would end its directive."""
        for url in urls:
            parts = urlsplit(url)
            if (
                parts.scheme != "https"
                or not parts.netloc
                or parts.query
                or parts.fragment
                or any(character in url for character in " ,;'\"")
            ):
                raise ValueError(
                    f"EMBED_STYLESHEETS: {url!r} is not a plain https address of a stylesheet"
                )
        return urls

    def trusted_hosts(self) -> list[str]:
        """The `Host` names requests are served for ("*": any); empty when production has
        neither ALLOWED_HOSTS nor PUBLIC_URL. The loopback names are always among them, so a
        container's health check and a shell on the machine are served."""
        if self.allowed_hosts:
            return [*self.allowed_hosts, *LOOPBACK_HOSTS]
        if self.environment != "production":
            return ["*"]
        public_host = urlsplit(self.public_url or "").hostname
        return [public_host, *LOOPBACK_HOSTS] if public_host else []

    def secret_keys(self) -> list[bytes]:
        """The key that signs, then those whose signatures are still accepted."""
        return [key.encode() for key in (self.secret_key, *self.previous_secret_keys)]

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def sqlite_path(self) -> Path | None:
        """The database file for a file-backed SQLite URL, so its folder can be created."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        path = self.database_url.removeprefix(prefix).split("?", 1)[0]
        return None if path in ("", ":memory:") else Path(path)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings; tests clear the cache to change them."""
    return Settings()
