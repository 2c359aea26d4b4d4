"""Application settings, read once from the environment and an optional `.env` file."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEVELOPMENT_SECRET = "development-only-secret-change-me"


class Settings(BaseSettings):
    """Every knob of the service. Unsafe defaults are refused outside development."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = "sqlite:///./var/openings.db"
    database_echo: bool = False
    secret_key: str = Field(
        default=DEVELOPMENT_SECRET,
        description="Signs pagination cursors so clients cannot forge them.",
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
        " while the data they came from is unchanged (app.core.response_cache); 0 turns it off.",
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
    public_url: str | None = Field(
        default=None,
        description="Base URL the API is reached at, when a proxy hides it from the request.",
    )

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> "Settings":
        if self.environment == "production":
            if self.secret_key == DEVELOPMENT_SECRET or len(self.secret_key) < 32:
                raise ValueError(
                    "SECRET_KEY must be set to a random value of 32+ characters in production"
                )
            if "*" in self.cors_origins:
                raise ValueError("CORS_ORIGINS may not contain '*' in production")
        return self

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
