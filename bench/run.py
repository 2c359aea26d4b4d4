"""`make bench`: the real server under wrk at 10k, 100k and 1M postings, on SQLite and PostgreSQL.

For each database and size it builds (or reuses) a dataset by bulk insert, starts
`openings serve` as `make run` does (one worker per core), and drives every scenario with wrk on
loopback for a fixed time. Each scenario's req/s is printed as a ratio to `/livez`, the trivial
endpoint of the same server, measured in the same run; each read scenario runs twice, answered
from the server's cache and, with `Cache-Control: no-cache`, by the database. It also times
`openings import` of 10,000 generated adverts, first into an empty database and again
unchanged, against the importer's own parse-only pass (`--dry-run`). Results go to
`bench/results/` as JSON and as a Markdown table, which is also printed.

    python bench/run.py [--sizes 10000 100000 1000000] [--databases sqlite postgresql]
                        [--duration 5] [--connections 16] [--postgres URL]
"""

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event, make_url, select, text
from sqlmodel import col

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import dataset  # noqa: E402

from app.core.db import make_engine  # noqa: E402
from app.postings.models import PUBLISHED, Posting  # noqa: E402
from tests.harness import ServerDidNotStart, create_postgres_database, serving  # noqa: E402

DATA = BENCH / "data"
RESULTS = BENCH / "results"
WRK = BENCH / "wrk"
OPENINGS = str(Path(sys.executable).parent / "openings")
GENERATOR_VERSION = 2  # bump when dataset.py changes what it writes, to rebuild cached data
IMPORT_ADVERTS = 10_000
DEEP_PAGE = 1_000


@dataclass
class Scenario:
    name: str
    path: str = "/"
    script: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Result:
    database: str
    size: int
    scenario: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    ratio: float
    errors: int
    max_rss_mb: float


@dataclass
class ImportResult:
    database: str
    pass_: str
    adverts: int
    seconds: float
    adverts_per_s: float
    ratio: float


# --- databases ------------------------------------------------------------------------------


def _fresh_database(kind: str, name: str, postgres: str) -> str:
    """The URL of a new, empty database called `name`."""
    if kind == "sqlite":
        DATA.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{DATA / name}.db{suffix}").unlink(missing_ok=True)
        return _database_url(kind, name, postgres)
    return create_postgres_database(postgres, name)


def _database_url(kind: str, name: str, postgres: str) -> str:
    if kind == "sqlite":
        return f"sqlite:///{DATA / name}.db"
    return make_url(postgres).set(database=name).render_as_string(hide_password=False)


def _engine(url: str) -> Engine:
    """The bench's own engine, for building, clearing and vacuuming its datasets: work no
    request does, so PostgreSQL's statement timeout, which bounds a request's statements,
    does not apply (a VACUUM of a million postings takes a minute)."""
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":

        @event.listens_for(engine, "connect")
        def _unbounded(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.execute("SET statement_timeout = 0")
            dbapi_connection.commit()

    return engine


def _environment(database_url: str) -> dict[str, str]:
    """The server's settings: the apply scenario sends thousands of applications from one
    address, which the rate limits (a defence, not a cost) would refuse after ten."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "ENVIRONMENT": "development",
        "ANONYMOUS_WRITE_LIMIT": "1000000/minute",
        "POSTING_APPLICATION_LIMIT": "1000000/minute",
    }


def dataset_url(kind: str, size: int, postgres: str) -> str:
    """A database holding `size` generated postings, kept between runs and migrated as the
    schema moves on; rebuilt only when the generator changes."""
    name = f"openings_bench_{size}"
    marker_file = DATA / "datasets.json"
    markers = json.loads(marker_file.read_text()) if marker_file.exists() else {}
    key = f"{kind}/{name}"
    url = _database_url(kind, name, postgres)
    if markers.get(key) == GENERATOR_VERSION:
        _migrate(url)
        _forget_bench_writes(url, size)
        _vacuum(url)
        return url
    print(f"  building {size:,} postings on {kind} (kept for later runs) ...", flush=True)
    started = time.monotonic()
    url = _fresh_database(kind, name, postgres)
    _migrate(url)
    engine = _engine(url)
    dataset.fill(engine, size)
    engine.dispose()
    _vacuum(url)
    markers[key] = GENERATOR_VERSION
    marker_file.write_text(json.dumps(markers, indent=2))
    print(f"  built in {time.monotonic() - started:.0f} s", flush=True)
    return url


def _migrate(url: str) -> None:
    subprocess.run([OPENINGS, "migrate"], env=_environment(url), check=True, capture_output=True)


def _forget_bench_writes(url: str, size: int) -> None:
    """Remove what an earlier run's write scenarios added, so every run reads the same data."""
    engine = _engine(url)
    with engine.begin() as connection:
        for table in ("application_event", "application_cv", "application", "posting_change"):
            connection.execute(text(f"DELETE FROM {table}"))
        connection.execute(text("DELETE FROM posting_tag WHERE posting_id > :size"), {"size": size})
        connection.execute(text("DELETE FROM posting WHERE id > :size"), {"size": size})
        connection.execute(text("DELETE FROM api_key"))
    engine.dispose()


def _vacuum(url: str) -> None:
    """On PostgreSQL, vacuum and analyse now what a build or `_forget_bench_writes` left, so
    that autovacuum does not do it during a measurement: at a million postings it takes a
    core for a minute, and the p99 of whatever runs meanwhile is its, not the server's."""
    engine = _engine(url)
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE)"))
    engine.dispose()


# --- the server -----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    try:
        return [int(child) for child in path.read_text().split()]
    except OSError:
        return []


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class MemoryWatch:
    """Samples the resident memory of each server process (the workers) while a scenario runs."""

    def __init__(self, server_pid: int) -> None:
        self.server_pid = server_pid
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _processes(self) -> list[int]:
        workers = [
            child
            for child in _children(self.server_pid)
            if "multiprocessing.resource_tracker" not in _cmdline(child)
        ]
        return workers or [self.server_pid]

    def _sample(self) -> None:
        while not self._stop.is_set():
            for pid in self._processes():
                self.peak = max(self.peak, _rss_mb(pid))
            self._stop.wait(0.2)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@contextmanager
def running_server(database_url: str, log: Path) -> Iterator[tuple[str, int]]:
    """`openings serve` as `make run` starts it (one worker per core), until it answers."""
    try:
        with serving(_environment(database_url), log, workers=None, append=True) as (base, process):
            yield base, process.pid
    except ServerDidNotStart as failure:
        raise SystemExit(f"{failure}\nsee {log}") from None


# --- wrk ------------------------------------------------------------------------------------


def _wrk(base: str, scenario: Scenario, seconds: int, connections: int) -> dict[str, Any]:
    script = (WRK / scenario.script).read_text() if scenario.script else ""
    script += (WRK / "report.lua").read_text()
    script_file = DATA / "scenario.lua"
    script_file.write_text(script)
    command = [
        "wrk",
        "--threads",
        "2",
        "--connections",
        str(connections),
        "--duration",
        f"{seconds}s",
        "--timeout",
        "10s",
        "--script",
        str(script_file),
        *(f"--header={name}: {value}" for name, value in scenario.headers.items()),
        base + scenario.path,
    ]
    environment = {**os.environ, **scenario.env, "BENCH_RUN": uuid.uuid4().hex[:12]}
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            figures: dict[str, Any] = json.loads(line.removeprefix("BENCH_RESULT "))
            return figures
    raise SystemExit(f"wrk printed no result:\n{done.stdout}\n{done.stderr}")


def _settle(url: str, headers: dict[str, str], limit_s: float = 60) -> None:
    """Fetch `url` one request at a time until one answers within a second (or for
    `limit_s`). This machine's page cache drops database files: at a million postings a
    cold search then takes seconds, and sixteen at once measure the disk, not the server."""
    give_up = time.monotonic() + limit_s
    with httpx.Client(timeout=limit_s) as client:
        while time.monotonic() < give_up:
            started = time.monotonic()
            client.get(url, headers=headers)
            if time.monotonic() - started < 1:
                return


def measure(
    base: str,
    server_pid: int,
    scenario: Scenario,
    seconds: int,
    connections: int,
) -> tuple[dict[str, Any], float]:
    """A short warm-up run, then the measured one; also the peak worker memory across both."""
    if scenario.script is None:
        _settle(base + scenario.path, scenario.headers)
    with MemoryWatch(server_pid) as memory:
        _wrk(base, scenario, min(2, seconds), connections)
        figures = _wrk(base, scenario, seconds, connections)
    return figures, memory.peak


# --- scenarios ------------------------------------------------------------------------------


def _cursor_of_page(client: httpx.Client, page: int) -> tuple[str | None, int]:
    """The cursor that fetches page `page` of the default list (or the last page there is)."""
    cursor = None
    reached = 1
    while reached < page:
        params: dict[str, str] = {"cursor": cursor} if cursor else {}
        next_cursor = client.get("/v1/postings", params=params).json()["next_cursor"]
        if next_cursor is None:
            break
        cursor = next_cursor
        reached += 1
    return cursor, reached


def _published_ids(database_url: str, count: int = 500) -> list[int]:
    """Ids of published postings spread over the whole table, so reads are not all cached."""
    engine = _engine(database_url)
    with engine.connect() as connection:
        last = connection.scalar(text("SELECT max(id) FROM posting"))
        candidates = random.Random(1).sample(range(1, last + 1), min(count * 2, last))
        ids = connection.scalars(
            select(col(Posting.id)).where(
                col(Posting.id).in_(candidates), col(Posting.status).in_(PUBLISHED)
            )
        ).all()
    engine.dispose()
    return [posting_id for posting_id in ids if posting_id is not None][:count]


def scenarios(base: str, database_url: str) -> list[Scenario]:
    """Every scenario, with the ids, keys and cursors it needs fetched from the server itself."""
    today = datetime.now(UTC).date()
    key = subprocess.run(
        [OPENINGS, "keys", "create", "--admin"],
        env=_environment(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    with httpx.Client(base_url=base, timeout=30) as client:
        cursor, page = _cursor_of_page(client, DEEP_PAGE)
        target = client.post(
            "/v1/postings",
            headers={"Authorization": f"Bearer {key}"},
            json={"organisation": "org-2", "title": "Benchmark applications target"},
        ).json()["id"]
    before = (today + timedelta(days=60)).isoformat()
    ids = " ".join(map(str, _published_ids(database_url)))
    reads = [
        Scenario("list, default", "/v1/postings"),
        Scenario(
            "organisation + open, by deadline",
            f"/v1/postings?organisation=org-{dataset.LARGE_ORGANISATION}&open=true&sort=deadline",
        ),
        Scenario("location substring", "/v1/postings?location=zurich"),
        Scenario("q full text", f"/v1/postings?q={dataset.SEARCH_WORD}"),
        Scenario(
            "deadline_before (open, by deadline)",
            f"/v1/postings?deadline_before={before}&open=true&sort=deadline",
        ),
        Scenario(
            f"page {page} via cursors",
            f"/v1/postings?cursor={cursor}" if cursor else "/v1/postings",
        ),
        Scenario("GET /v1/postings/{id}", script="get_posting.lua", env={"BENCH_IDS": ids}),
        Scenario("page /", "/"),
        Scenario(
            "page /postings/{id}",
            script="get_posting.lua",
            env={"BENCH_IDS": ids, "BENCH_PREFIX": "/postings/"},
        ),
    ]
    # The same requests, answered by the database each time (app.api.response_cache).
    from_the_database = [
        replace(read, name=f"{read.name}, no-cache", headers={"Cache-Control": "no-cache"})
        for read in reads
    ]
    return [
        Scenario("trivial /livez", "/livez"),
        *reads,
        *from_the_database,
        Scenario("POST /v1/postings", script="create_posting.lua", env={"BENCH_KEY": key}),
        Scenario(
            "POST applications, 200 KB CV",
            script="apply.lua",
            env={"BENCH_POSTING": str(target)},
        ),
    ]


def run_server_scenarios(kind: str, size: int, args: argparse.Namespace, log: Path) -> list[Result]:
    url = dataset_url(kind, size, args.postgres)
    results: list[Result] = []
    with running_server(url, log) as (base, pid):
        trivial: float | None = None
        for scenario in scenarios(base, url):
            figures, peak = measure(base, pid, scenario, args.duration, args.connections)
            rate = figures["requests"] / (figures["duration_us"] / 1e6)
            trivial = trivial or rate
            errors = sum(
                figures[name]
                for name in ("connect_errors", "read_errors", "write_errors", "timeouts")
            )
            result = Result(
                database=kind,
                size=size,
                scenario=scenario.name,
                requests_per_s=round(rate, 1),
                p50_ms=round(figures["p50_us"] / 1000, 2),
                p99_ms=round(figures["p99_us"] / 1000, 2),
                ratio=round(rate / trivial, 3),
                errors=errors + figures["non_2xx_3xx"],
                max_rss_mb=round(peak, 1),
            )
            print("  " + _row(result), flush=True)
            results.append(result)
    # The write scenarios leave thousands of rows and their CVs: cleared now, not by
    # autovacuum during whatever is measured next.
    _forget_bench_writes(url, size)
    _vacuum(url)
    return results


# --- import ---------------------------------------------------------------------------------


def _adverts() -> Path:
    folder = DATA / f"adverts-{IMPORT_ADVERTS}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(
            [sys.executable, BENCH / "generate_adverts.py", folder, "--count", str(IMPORT_ADVERTS)],
            check=True,
            capture_output=True,
        )
        (folder / ".complete").touch()
    return folder


def _timed_import(url: str, folder: Path, *options: str) -> float:
    started = time.monotonic()
    subprocess.run(
        [OPENINGS, "import", str(folder), "--json", *options],
        env=_environment(url),
        check=True,
        capture_output=True,
    )
    return time.monotonic() - started


def run_import(kind: str, args: argparse.Namespace) -> list[ImportResult]:
    folder = _adverts()
    # Read every advert once, so that no pass pays for bringing the files into the page
    # cache (this machine drops it): the first pass timed would otherwise read from disk.
    for advert in folder.glob("*.md"):
        advert.read_bytes()
    url = _fresh_database(kind, "openings_bench_import", args.postgres)
    _migrate(url)
    passes = [
        ("parse only (--dry-run)", _timed_import(url, folder, "--dry-run")),
        ("first import", _timed_import(url, folder)),
        ("unchanged re-import", _timed_import(url, folder)),
    ]
    baseline = IMPORT_ADVERTS / passes[0][1]
    results = [
        ImportResult(
            database=kind,
            pass_=name,
            adverts=IMPORT_ADVERTS,
            seconds=round(seconds, 2),
            adverts_per_s=round(IMPORT_ADVERTS / seconds, 1),
            ratio=round(IMPORT_ADVERTS / seconds / baseline, 3),
        )
        for name, seconds in passes
    ]
    for result in results:
        print(
            f"  import, {result.pass_}: {result.adverts_per_s:,.0f} adverts/s "
            f"({result.ratio:.2f}x parse only)",
            flush=True,
        )
    return results


# --- report ---------------------------------------------------------------------------------


def _row(result: Result) -> str:
    return (
        f"| {result.database} | {result.size:,} | {result.scenario} | "
        f"{result.requests_per_s:,.0f} | {result.p50_ms:.2f} | {result.p99_ms:.2f} | "
        f"{result.ratio:.2f} | {result.errors} | {result.max_rss_mb:.0f} |"
    )


# Each page and the JSON it shows: #23 asks a page for at least 0.8 of its JSON's req/s.
PAGES = {"page /": "list, default", "page /postings/{id}": "GET /v1/postings/{id}"}


def _pages_against_json(results: list[Result]) -> list[str]:
    rates = {(r.database, r.size, r.scenario): r.requests_per_s for r in results}
    rows = []
    for (database, size, scenario), rate in rates.items():
        page, _, no_cache = scenario.partition(", ")
        if page in PAGES:
            json_name = PAGES[page] + (f", {no_cache}" if no_cache else "")
            json_rate = rates.get((database, size, json_name))
            if json_rate:
                rows.append(
                    f"| {database} | {size:,} | {scenario} | {json_name} | {rate / json_rate:.2f} |"
                )
    if not rows:
        return []
    return [
        "",
        "Pages against the JSON they show (req/s ratio; the bar is 0.80):",
        "",
        "| database | postings | page | JSON | ratio |",
        "|---|---:|---|---|---:|",
        *rows,
    ]


def markdown(results: list[Result], imports: list[ImportResult], header: str) -> str:
    lines = [
        header,
        "",
        "| database | postings | scenario | req/s | p50 ms | p99 ms | ratio to /livez "
        "| errors | peak RSS/worker MB |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
        *(_row(result) for result in results),
        *_pages_against_json(results),
    ]
    if imports:
        lines += [
            "",
            f"Import of {IMPORT_ADVERTS:,} generated adverts "
            "(`bench/generate_adverts.py`), ratio to the parse-only pass:",
            "",
            "| database | pass | seconds | adverts/s | ratio to parse only |",
            "|---|---|---:|---:|---:|",
            *(
                f"| {i.database} | {i.pass_} | {i.seconds:.1f} | {i.adverts_per_s:,.0f} "
                f"| {i.ratio:.2f} |"
                for i in imports
            ),
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument("--duration", type=int, default=5, help="Seconds per scenario.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
        help="A PostgreSQL server URL; the bench creates its own databases there.",
    )
    parser.add_argument("--no-import", dest="imports", action="store_false")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(
            "wrk is not installed. On Debian or Ubuntu: sudo apt-get install wrk "
            "(Fedora: sudo dnf install wrk; macOS: brew install wrk)."
        )
    DATA.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    log = RESULTS / f"{stamp}-server.log"
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    results: list[Result] = []
    imports: list[ImportResult] = []
    for kind in args.databases:
        for size in args.sizes:
            print(f"{kind}, {size:,} postings", flush=True)
            results += run_server_scenarios(kind, size, args, log)
        if args.imports:
            print(f"{kind}, import", flush=True)
            imports += run_import(kind, args)
    header = (
        f"## Openings benchmark, {stamp} (commit {commit or 'unknown'})\n\n"
        f"{os.cpu_count()} cores, {platform.python_version()}, wrk 2 threads × "
        f"{args.connections} connections, {args.duration:g} s per scenario after a warm-up; "
        "one server per database and size, one worker per core."
    )
    report = markdown(results, imports, header)
    (RESULTS / f"{stamp}.md").write_text(report)
    (RESULTS / f"{stamp}.json").write_text(
        json.dumps(
            {
                "stamp": stamp,
                "commit": commit,
                "cores": os.cpu_count(),
                "duration_s": args.duration,
                "connections": args.connections,
                "scenarios": [asdict(result) for result in results],
                "imports": [asdict(result) for result in imports],
            },
            indent=2,
        )
    )
    print()
    print(report)
    print(f"written to {RESULTS / stamp}.md and .json")


if __name__ == "__main__":
    main()
