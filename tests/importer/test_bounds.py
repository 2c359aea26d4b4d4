"""Adverts built to exhaust the importer (minutes of parsing, gigabytes of memory) fail alone,
within the limits set, on every path that reads adverts; and its workers die with it."""

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.commands import OPENINGS, environment_for, run_openings, run_openings_apart

# 100 KB of "[": the link patterns try every opening bracket against the rest of the page,
# which takes minutes.
SLOW = "---\ntitle: Engineer\ncompany: Slow Lab\n---\n" + "[" * 100_000
# A YAML list of 300,000 items: a page under the size limit that takes some 150 MB to read.
WIDE = "---\ntitle: Engineer\ncompany: Wide Lab\ntags: [" + "a, " * 300_000 + "a]\n---\nText\n"


@pytest.fixture
def environment(scratch_database_url: str) -> dict[str, str]:
    environment = environment_for(scratch_database_url)
    run_openings(environment, "migrate")
    return environment


def _good(folder: Path, count: int) -> None:
    for number in range(count):
        (folder / f"good-{number:03}.md").write_text(
            f"---\ntitle: Engineer {number}\ncompany: Example Lab\n---\nWrite code.\n"
        )


# Few adverts, and more than enough for every worker to take many: the command once read the
# few in its own process and only the many in workers.
@pytest.mark.parametrize("good", [2, 120])
def test_an_advert_that_takes_too_long_to_read_fails_alone(
    environment: dict[str, str], tmp_path: Path, good: int
) -> None:
    _good(tmp_path, good)
    (tmp_path / "slow.md").write_text(SLOW)
    limited = {**environment, "IMPORT_TIME_LIMIT_S": "3"}
    output, _progress = run_openings_apart(limited, "import", str(tmp_path), expect=1)
    assert output.splitlines() == [
        f"{good} created, 0 updated, 0 unchanged, 1 failed",
        f"failed: {tmp_path / 'slow.md'}: it took longer than 3 s to read",
    ]
    again = run_openings(limited, "import", str(tmp_path), expect=1)
    assert again.splitlines()[0] == f"0 created, 0 updated, {good} unchanged, 1 failed"


@pytest.mark.parametrize("good", [2, 120])
def test_an_advert_that_needs_too_much_memory_to_read_fails_alone(
    environment: dict[str, str], tmp_path: Path, good: int
) -> None:
    _good(tmp_path, good)
    (tmp_path / "wide.md").write_text(WIDE)
    # Time enough to reach the memory limit on a busy machine.
    limited = {**environment, "IMPORT_MEMORY_LIMIT_MB": "20", "IMPORT_TIME_LIMIT_S": "60"}
    output, _progress = run_openings_apart(limited, "import", str(tmp_path), expect=1)
    assert output.splitlines() == [
        f"{good} created, 0 updated, 0 unchanged, 1 failed",
        f"failed: {tmp_path / 'wide.md'}: it needed more than 20 MB to read",
    ]


def test_a_dry_run_is_bounded_too(environment: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "slow.md").write_text(SLOW)
    limited = {**environment, "IMPORT_TIME_LIMIT_S": "3"}
    output = run_openings(limited, "import", "--dry-run", str(tmp_path), expect=1)
    assert output == f"failed: {tmp_path / 'slow.md'}: it took longer than 3 s to read"


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                children.append(int(entry.name))
    return children


def _running(pid: int) -> bool:
    """Whether the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_killing_the_import_stops_its_workers(environment: dict[str, str], tmp_path: Path) -> None:
    for number in range(4):
        (tmp_path / f"a-slow-{number}.md").write_text(SLOW)
    _good(tmp_path, 200)
    command = subprocess.Popen(
        [OPENINGS, "import", "--dry-run", str(tmp_path)],
        env={**environment, "IMPORT_TIME_LIMIT_S": "600"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while not any(_cpu_seconds(child) > 0.5 for child in _children(command.pid)):
            assert command.poll() is None, "the import ended before its workers were busy"
            assert time.monotonic() < deadline, "no worker started reading in 60 s"
            time.sleep(0.1)
        workers = _children(command.pid)
        command.send_signal(signal.SIGKILL)
        command.wait()
        deadline = time.monotonic() + 5
        while any(_running(worker) for worker in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [worker for worker in workers if _running(worker)] == []
    finally:
        command.kill()
        for worker in workers:
            if _running(worker):
                os.kill(worker, signal.SIGKILL)
