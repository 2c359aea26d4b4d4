"""Starting the real server and making PostgreSQL databases: shared by the test suite and
`bench/`, which both drive `openings serve` over HTTP against databases of their own."""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import create_engine, make_url, text

from tests.commands import OPENINGS


class ServerDidNotStart(RuntimeError):
    """The server exited or did not answer in time; the message holds its log."""


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    environment: dict[str, str],
    log: Path,
    *,
    ready: str = "/healthz",
    workers: int | None = 2,
    timeout_s: float = 60,
    append: bool = False,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`openings serve` on a free loopback port, with `workers` (None: one per core, as
    `make run`), from when `ready` answers 200 until the block ends: its base URL and
    process. A server that does not stop when asked is killed, workers and all."""
    port = free_port()
    command = [OPENINGS, "serve", "--host", "127.0.0.1", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    with log.open("ab" if append else "wb") as log_file:
        process = subprocess.Popen(
            command,
            env=environment,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base + ready, log, timeout_s)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _wait_until_ready(
    process: subprocess.Popen[bytes], url: str, log: Path, timeout_s: float
) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise ServerDidNotStart(f"the server exited:\n{log.read_text()}")
        if time.monotonic() > deadline:
            raise ServerDidNotStart(
                f"{url} did not answer 200 in {timeout_s:g} s:\n{log.read_text()}"
            )
        time.sleep(0.1)


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
