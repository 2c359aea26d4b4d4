"""The `openings` command: serve, migrate, import, and manage API keys and applications."""

import enum
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import timedelta
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import orjson
import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)
from sqlalchemy import func, select

from app.core.config import METRICS_DIR_VARIABLE, get_settings
from app.core.db import session_scope, utcnow
from app.core.errors import DomainError
from app.core.logs import LOGGING_CONFIG
from app.importer import batch
from app.importer.load import OpeningResult
from app.importer.sources import expand
from app.importer.workers import default_workers
from app.organisations import service as organisations
from app.organisations.models import Organisation
from app.postings.models import Posting, PostingStatus

app = typer.Typer(help="Openings: an open REST API for job openings.", no_args_is_help=True)


class ImportStatus(enum.StrEnum):
    """The statuses an import may give the postings it writes."""

    draft = "draft"
    open = "open"


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"openings {metadata.version('openings')}")
        raise typer.Exit


@app.callback()
def main(
    _version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Openings: an open REST API for job openings."""


keys_app = typer.Typer(help="Create, list and revoke API keys.", no_args_is_help=True)
app.add_typer(keys_app, name="keys")
applications_app = typer.Typer(help="Applicants' personal data.", no_args_is_help=True)
app.add_typer(applications_app, name="applications")
changes_app = typer.Typer(help="The change feed's history.", no_args_is_help=True)
app.add_typer(changes_app, name="changes")

if TYPE_CHECKING:
    from alembic.config import Config

    from app.applications.models import ApplicationStatus

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SAMPLES = PROJECT_ROOT / "samples"
PROGRESS_FROM = 20  # files; fewer finish before a progress bar is worth drawing


# Alembic, and the services of keys, applications and the change feed, are imported by the
# commands that use them, not at the top: Alembic is a third of the command's start-up, the
# services a fifth, and `openings import` of a folder of unchanged adverts is mostly start-up.


def alembic_config() -> "Config":
    """Alembic's configuration, found beside the app package wherever it is installed."""
    from alembic.config import Config  # noqa: PLC0415 (see above)

    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return config


@app.command()
def migrate(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Bring the database schema up to date (Alembic upgrade)."""
    from alembic import command  # noqa: PLC0415 (see alembic_config)

    command.upgrade(alembic_config(), revision)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int | None, typer.Option(help="Worker processes (default: one per core).", min=1)
    ] = None,
    reload: Annotated[bool, typer.Option(help="Restart on code changes.")] = False,
) -> None:
    """Serve the API with uvicorn.

    uvicorn's own command takes this process's place. Its workers are spawned, and each runs
    its parent's main module again before it answers the supervisor's first health check:
    this command's would import the whole command line first, seconds on a busy machine.
    """
    options = [
        "--factory",
        "--host",
        host,
        "--port",
        str(port),
        "--workers",
        str(workers or os.cpu_count() or 1),
        "--timeout-worker-healthcheck",
        str(get_settings().worker_healthcheck_timeout_s),
        "--proxy-headers",
        # X-Forwarded-For is believed from these alone; uvicorn's default trusts 127.0.0.1.
        "--forwarded-allow-ips",
        ",".join(get_settings().trusted_proxies),
        # Lines as LOG_FORMAT says, each with its request's id; `app.api.access_log` writes
        # the access lines in place of uvicorn's.
        "--log-config",
        str(LOGGING_CONFIG),
        "--no-access-log",
        *(["--reload"] if reload else []),
    ]
    # Each worker counts its metrics in files here, which `/metrics` adds up (prometheus-client's
    # multiprocess mode): a directory per server (by port), its counts emptied as it starts.
    base = os.environ.get(METRICS_DIR_VARIABLE)
    metrics_dir = (
        Path(base) / str(port)
        if base
        else (get_settings().cache_dir or Path(tempfile.gettempdir()) / "openings")
        / "metrics"
        / str(port)
    )
    metrics_dir.mkdir(parents=True, exist_ok=True)
    for counts in metrics_dir.glob("*.db"):
        counts.unlink()
    os.environ[METRICS_DIR_VARIABLE] = str(metrics_dir)
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", *options]
    os.execv(sys.executable, command)


@app.command()
def openapi() -> None:
    """Print the API's OpenAPI document, as `/openapi.json` serves it, to generate clients."""
    from app.main import create_app  # noqa: PLC0415 (the only command that needs the web app)

    typer.echo(orjson.dumps(create_app().openapi(), option=orjson.OPT_INDENT_2).decode())


@keys_app.command("create")
def create_key(
    organisation: Annotated[
        str | None, typer.Option(help="Slug of the organisation the key may write.")
    ] = None,
    admin: Annotated[bool, typer.Option("--admin", help="A key for everything.")] = False,
    name: Annotated[str, typer.Option(help="A label to recognise the key by.")] = "",
) -> None:
    """Make a key and print it once; only its hash is stored."""
    from app.keys import service as keys  # noqa: PLC0415 (see alembic_config)

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
    from app.keys import service as keys  # noqa: PLC0415 (see alembic_config)

    with session_scope() as session:
        for key in keys.list_keys(session):
            owner = session.get(Organisation, key.organisation_id) if key.organisation_id else None
            scope = f"organisation {owner.slug}" if owner else "admin"
            state = f"revoked {key.revoked_at:%Y-%m-%d}" if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.prefix}…\t{scope}\t{state}\t{key.name}")


@keys_app.command("revoke")
def revoke_key(
    key_id: Annotated[int, typer.Argument(help="The key's id (see `keys list`).")],
) -> None:
    """Stop a key working at once."""
    from app.keys import service as keys  # noqa: PLC0415 (see alembic_config)

    try:
        with session_scope() as session:
            keys.revoke_key(session, key_id)
    except DomainError as error:
        typer.echo(f"error: {error.detail}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Revoked key {key_id}.")


def _report_failures(results: list[OpeningResult], err: bool) -> None:
    for result in results:
        if result.action == "failed":
            typer.echo(f"failed: {result.source}: {result.reason}", err=err)


def _summarise(results: list[OpeningResult], err: bool) -> None:
    counts = dict.fromkeys(("created", "updated", "unchanged", "failed"), 0)
    for result in results:
        if result.action in counts:
            counts[result.action] += 1
    typer.echo(", ".join(f"{count} {action}" for action, count in counts.items()), err=err)
    _report_failures(results, err)


def _with_progress(
    per_source: Iterable[list[OpeningResult]], total: int
) -> Iterator[list[OpeningResult]]:
    """`per_source` as it comes, with its progress on standard error (standard output may be
    JSON): a bar with the count and the file at a terminal, else a plain line each time
    another tenth of the files is done, so a log shows that a long import goes on."""
    console = Console(stderr=True)
    if console.is_terminal:
        columns = (
            TextColumn("Importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[file]}"),
        )
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("import", total=total, file="")
            for found in per_source:
                file = found[0].source if found else ""
                progress.update(task, advance=1, file=file)
                yield found
        return
    started = time.monotonic()
    next_tenth = 1
    for done, found in enumerate(per_source, start=1):
        if done * 10 >= next_tenth * total:
            next_tenth = done * 10 // total + 1
            typer.echo(
                f"imported {done}/{total} files ({done * 100 // total} %),"
                f" {time.monotonic() - started:.0f} s",
                err=True,
            )
        yield found


def run_import(
    targets: list[str],
    *,
    organisation: str | None = None,
    status: PostingStatus = PostingStatus.open,
    dry_run: bool = False,
    as_json: bool = False,
) -> list[OpeningResult]:
    sources = list(expand(targets))
    per_source: Iterable[list[OpeningResult]] = batch.import_sources(
        sources,
        organisation=organisation,
        status=status,
        dry_run=dry_run,
        workers=default_workers(),
    )
    if len(sources) >= PROGRESS_FROM:
        per_source = _with_progress(per_source, len(sources))
    results = [result for found in per_source for result in found]
    if as_json:
        typer.echo(
            orjson.dumps([result.as_json() for result in results], option=orjson.OPT_INDENT_2)
        )
    if not dry_run:
        _summarise(results, err=as_json)
    elif as_json:
        # The JSON on standard output says why a file failed; a person reads standard error.
        _report_failures(results, err=True)
    else:
        for result in results:
            title = result.opening.title if result.opening else ""
            typer.echo(f"{result.action}: {result.source}: {title or result.reason}")
    return results


@app.command("import")
def import_adverts(
    targets: Annotated[
        list[str], typer.Argument(help="Markdown files, folders of them, or http(s) URLs.")
    ],
    organisation: Annotated[
        str | None, typer.Option(help="Import every opening into this organisation (slug).")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Extract only; touch no data.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
    status: Annotated[
        ImportStatus, typer.Option(help="Status of new and updated postings.")
    ] = ImportStatus.open,
) -> None:
    """Turn Markdown job adverts (Jekyll/Hugo pages) into postings; re-importing is safe."""
    results = run_import(
        targets,
        organisation=organisation,
        status=PostingStatus(status.value),
        dry_run=dry_run,
        as_json=as_json,
    )
    if any(result.action == "failed" for result in results):
        raise typer.Exit(1)


@app.command()
def seed() -> None:
    """Import the bundled sample adverts, if the database has no postings yet."""
    with session_scope() as session:
        existing = session.scalar(select(func.count()).select_from(Posting))
    if existing:
        typer.echo(f"Sample adverts not imported: the database already has {existing} postings.")
        return
    results = run_import([str(SAMPLES)])
    if any(result.action == "failed" for result in results):
        raise typer.Exit(1)


_DURATION_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def _duration(text: str) -> timedelta:
    """`180d`, `26w` or `48h` as a timedelta."""
    match = re.fullmatch(r"(\d+)([hdw])", text.strip().lower())
    if match is None:
        raise typer.BadParameter(f"'{text}' is not a duration; write it like 180d, 26w or 48h")
    return timedelta(**{_DURATION_UNITS[match[2]]: int(match[1])})


def _statuses(text: str) -> "list[ApplicationStatus]":
    from app.applications.models import ApplicationStatus  # noqa: PLC0415 (see alembic_config)

    names = [name.strip() for name in text.split(",") if name.strip()]
    known = {status.value for status in ApplicationStatus}
    unknown = [name for name in names if name not in known]
    if unknown or not names:
        raise typer.BadParameter(
            f"unknown status {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}"
        )
    return [ApplicationStatus(name) for name in names]


@applications_app.command("purge")
def purge_applications(
    status: Annotated[
        str, typer.Option(help="Comma-separated statuses to erase, e.g. rejected,withdrawn.")
    ],
    older_than: Annotated[
        str, typer.Option(help="Erase those whose status has not changed for this long: 180d.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only report what would be erased.")
    ] = False,
) -> None:
    """Erase applicants' personal data and CVs in bulk, keeping the anonymised records."""
    from app.applications import erasure  # noqa: PLC0415 (see alembic_config)

    statuses, age = _statuses(status), _duration(older_than)
    now = utcnow()
    with session_scope() as session:
        counts = erasure.purge(session, statuses, age, now, dry_run)
    total = sum(counts.values())
    verb = "Would erase" if dry_run else "Erased"
    detail = ", ".join(f"{name.value} {counts[name]}" for name in statuses)
    typer.echo(
        f"{verb} {total} application{'s' if total != 1 else ''} unchanged since"
        f" {now - age:%Y-%m-%d %H:%M} UTC ({detail})."
    )


@changes_app.command("prune")
def prune_changes(
    older_than: Annotated[
        str, typer.Option(help="Forget changes older than this: 90d, 12w or 48h.")
    ],
) -> None:
    """Forget old change-feed history; clients with older cursors are told to resync (410)."""
    from app.changes import service as change_log  # noqa: PLC0415 (see alembic_config)

    age = _duration(older_than)
    with session_scope() as session:
        pruned = change_log.prune(session, age, utcnow())
    typer.echo(f"Pruned {pruned} change{'s' if pruned != 1 else ''} older than {older_than}.")
