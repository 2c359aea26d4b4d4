"""Making, migrating and dropping test databases."""

from alembic import command
from sqlalchemy import Engine, create_engine, make_url, text

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


def create_postgres_database(base_url: str, name: str) -> str:
    """A new, empty database beside `base_url`'s (dropped first if left over); returns its URL."""
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(base_url).set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(base_url: str, url: str) -> None:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        name = make_url(url).database
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
