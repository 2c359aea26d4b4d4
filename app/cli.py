"""The `openings` command: serve, migrate, and manage API keys."""

from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from alembic import command
from alembic.config import Config

from app.core.db import session_scope
from app.core.errors import DomainError
from app.keys import service as keys
from app.organisations import service as organisations

app = typer.Typer(help="Openings: an open REST API for job openings.", no_args_is_help=True)
keys_app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def alembic_config() -> Config:
    """Alembic's configuration, found beside the app package wherever it is installed."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Bring the database schema up to date (Alembic upgrade)."""
    command.upgrade(alembic_config(), revision)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    reload: Annotated[bool, typer.Option(help="Restart on code changes.")] = False,
) -> None:
    """Serve the API with uvicorn."""
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
    )


@keys_app.command("create")
def create_key(
    organisation: Annotated[
        str | None, typer.Option(help="Slug of the organisation the key may write.")
    ] = None,
    admin: Annotated[bool, typer.Option("--admin", help="A key for everything.")] = False,
    name: Annotated[str, typer.Option(help="A label to recognise the key by.")] = "",
) -> None:
    """Make a key and print it once; only its hash is stored."""
    if admin == (organisation is not None):
        raise typer.BadParameter("give exactly one of --organisation SLUG or --admin")
    try:
        with session_scope() as session:
            owner = organisations.get_by_slug(session, organisation) if organisation else None
            key, token = keys.create_key(session, owner, name)
            key_id = key.id
    except DomainError as error:
        typer.echo(f"error: {error.detail}", err=True)
        raise typer.Exit(1) from error
    scope = "admin" if admin else f"organisation '{organisation}'"
    typer.echo(f"Created key {key_id} for {scope}. It is shown only this once:", err=True)
    typer.echo(token)


@keys_app.command("list")
def list_keys() -> None:
    """Every key: id, prefix, scope, and whether it is revoked."""
    with session_scope() as session:
        for key in keys.list_keys(session):
            scope = "admin" if key.is_admin else f"organisation #{key.organisation_id}"
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.prefix}…\t{scope}\t{state}\t{key.name}")


@keys_app.command("revoke")
def revoke_key(
    key_id: Annotated[int, typer.Argument(help="The key's id (see `keys list`).")],
) -> None:
    """Stop a key working at once."""
    try:
        with session_scope() as session:
            keys.revoke_key(session, key_id)
    except DomainError as error:
        typer.echo(f"error: {error.detail}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Revoked key {key_id}.")
