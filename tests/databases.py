"""Migrating test databases (`tests.harness` makes and drops them)."""

from alembic import command
from sqlalchemy import Engine

from app.cli import alembic_config


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Run Alembic to `revision` on `engine`'s database, through its own connection."""
    config = alembic_config()
    config.attributes["configure_logging"] = False
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        if down:
            command.downgrade(config, revision)
        else:
            command.upgrade(config, revision)
