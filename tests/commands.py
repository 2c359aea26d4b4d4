"""Running the real `openings` command against a scratch database."""

import os
import subprocess
import sys
from pathlib import Path

OPENINGS = str(Path(sys.executable).parent / "openings")


def run_openings_apart(
    environment: dict[str, str], *arguments: str, expect: int = 0
) -> tuple[str, str]:
    """Run `openings ARGUMENTS`, check its exit status, and return what it printed on
    standard output and on standard error (where a long import reports its progress)."""
    done = subprocess.run(
        [OPENINGS, *arguments],
        check=False,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == expect, done.stdout + done.stderr
    return done.stdout.strip(), done.stderr.strip()


def run_openings(environment: dict[str, str], *arguments: str, expect: int = 0) -> str:
    """Run `openings ARGUMENTS`, check its exit status, and return what it printed."""
    stdout, stderr = run_openings_apart(environment, *arguments, expect=expect)
    return stdout + ("\n" + stderr if stderr else "")


def environment_for(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "ENVIRONMENT": "test"}


def openings(environment: dict[str, str], *arguments: str) -> str:
    """The first line `openings ARGUMENTS` printed, e.g. a new key."""
    return run_openings(environment, *arguments).splitlines()[0]
