"""`make bench-instructions`: what each read costs the server, in instructions, for two revisions.

wrk's requests per second on this two-core machine move by up to 2.4 times between runs of the
same code, so a change of a few per cent cannot be seen with it. Callgrind counts the
instructions a process executes, which the rest of the machine does not change: the same code
on the same data counts the same to within a few tenths of a per cent. This starts one server
(`openings serve --workers 1`, as each revision serves) under callgrind for each revision,
database and size, sends each read of `bench/run.py` a fixed number of times after a warm-up,
and prints the instructions per request of each, and their ratio.

The count is the worker's own work, the SQLite engine included; PostgreSQL's server process is
not counted, so for it the statements sent are what must stay the same. The answers come from
the worker's cache unless the scenario says `no-cache`, as in `make bench`.

    python bench/instructions.py --before REV [--after REV] [--sizes 10000]
                                 [--databases sqlite postgresql] [--requests 40]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import dataset  # noqa: E402
from run import OPENINGS, RESULTS, _environment, _published_ids, dataset_url  # noqa: E402

from tests.harness import free_port  # noqa: E402

WORKTREES = BENCH / "data" / "worktrees"
WARM_UP = 10
DEEP = 50  # the page reached through cursors: `make bench`'s 1,000 takes minutes here


def checkout(revision: str) -> Path:
    """A worktree of `revision` (the working tree itself for `.`)."""
    if revision == ".":
        return ROOT
    commit = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    tree = WORKTREES / commit
    if not tree.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), commit],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return tree


@contextmanager
def counted_server(tree: Path, url: str, log: Path) -> Iterator[tuple[str, int]]:
    """`openings serve --workers 1` of the revision at `tree`, under callgrind with counting
    off until asked; its base URL and process id (the one process serves)."""
    port = free_port()
    environment = _environment(url) | {"PYTHONHASHSEED": "0", "PYTHONPATH": str(tree)}
    serve = "from app.cli import app; app()"
    command = [
        "valgrind",
        "--tool=callgrind",
        "--instr-atstart=no",
        "--trace-children=yes",
        f"--callgrind-out-file={log.parent}/callgrind.%p",
        sys.executable,
        "-c",
        serve,
        "serve",
        "--workers",
        "1",
        "--port",
        str(port),
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, cwd=tree, env=environment, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        give_up = time.monotonic() + 600
        while True:
            try:
                if httpx.get(base + "/livez", timeout=60).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > give_up:
                raise SystemExit(f"the server did not start; see {log}")
            time.sleep(1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait()


def _control(pid: int, *arguments: str) -> None:
    subprocess.run(["callgrind_control", *arguments, str(pid)], check=True, capture_output=True)


def count(client: httpx.Client, pid: int, paths: list[str], headers: dict[str, str]) -> float:
    """Instructions per request of `paths`, after each has been asked once to warm up."""
    for path in paths[:WARM_UP] + paths:
        client.get(path, headers=headers)
    _control(pid, "--instr=on")
    _control(pid, "--zero")
    for path in paths:
        response = client.get(path, headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    _control(pid, "--dump")
    _control(pid, "--instr=off")
    dumps = sorted(WORKTREES.parent.glob("instructions/callgrind.*"), key=os.path.getmtime)
    totals = re.search(r"^(?:summary|totals): (\d+)", dumps[-1].read_text(), re.MULTILINE)
    dumps[-1].unlink()
    assert totals is not None
    return int(totals.group(1)) / len(paths)


def reads(client: httpx.Client, url: str, requests: int) -> dict[str, list[str]]:
    """`make bench`'s reads, each as the paths to ask for."""
    cursor = None
    for _ in range(DEEP - 1):
        page = client.get("/v1/postings", params={"cursor": cursor} if cursor else {}).json()
        cursor = page["next_cursor"] or cursor
    before = (datetime.now(UTC).date() + timedelta(days=60)).isoformat()
    ids = _published_ids(url, requests)
    single = {
        "list, default": "/v1/postings",
        "organisation + open, by deadline": (
            f"/v1/postings?organisation=org-{dataset.LARGE_ORGANISATION}&open=true&sort=deadline"
        ),
        "location substring": "/v1/postings?location=zurich",
        "q full text": f"/v1/postings?q={dataset.SEARCH_WORD}",
        "deadline_before (open, by deadline)": (
            f"/v1/postings?deadline_before={before}&open=true&sort=deadline"
        ),
        f"page {DEEP} via cursors": f"/v1/postings?cursor={cursor}",
    }
    paths = {name: [path] * requests for name, path in single.items()}
    paths["GET /v1/postings/{id}"] = [f"/v1/postings/{posting_id}" for posting_id in ids]
    return {"trivial /livez": ["/livez"] * requests, **paths}


def measure(tree: Path, url: str, requests: int) -> dict[str, float]:
    out = WORKTREES.parent / "instructions"
    out.mkdir(parents=True, exist_ok=True)
    with (
        counted_server(tree, url, out / "server.log") as (base, pid),
        httpx.Client(base_url=base, timeout=600) as client,
    ):
        scenarios = reads(client, url, requests)
        figures = {name: count(client, pid, paths, {}) for name, paths in scenarios.items()}
        figures |= {
            f"{name}, no-cache": count(client, pid, paths, {"Cache-Control": "no-cache"})
            for name, paths in scenarios.items()
            if name != "trivial /livez"
        }
        keyed = {"Authorization": f"Bearer {_organisation_key(url)}"}
        figures |= {
            f"{name}, with a key": count(client, pid, scenarios[name], keyed) for name in KEYED
        }
    return figures


# Reads a caller with an organisation's key makes: never from the answer cache.
KEYED = ("list, default", "organisation + open, by deadline", "GET /v1/postings/{id}")


def _organisation_key(url: str) -> str:
    """A new key of the large organisation, made with the command line (a row in the data)."""
    done = subprocess.run(
        [OPENINGS, "keys", "create", "--organisation", f"org-{dataset.LARGE_ORGANISATION}"],
        env=_environment(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="A revision, e.g. main~3.")
    parser.add_argument("--after", default=".", help="A revision; default: this working tree.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"]
    )
    parser.add_argument("--requests", type=int, default=40, help="Counted requests per read.")
    parser.add_argument(
        "--postgres",
        default=os.environ.get(
            "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    args = parser.parse_args()
    trees = {"before": checkout(args.before), "after": checkout(args.after)}
    lines = [
        f"## Instructions per request, {args.before} → {args.after}",
        "",
        "| database | postings | read | before | after | after / before |",
        "|---|---:|---|---:|---:|---:|",
    ]
    for kind in args.databases:
        for size in args.sizes:
            url = dataset_url(kind, size, args.postgres)
            before, after = (measure(tree, url, args.requests) for tree in trees.values())
            for name, cost in before.items():
                lines.append(
                    f"| {kind} | {size:,} | {name} | {cost / 1e3:,.0f}k | "
                    f"{after[name] / 1e3:,.0f}k | {after[name] / cost:.3f} |"
                )
                print(lines[-1], flush=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    (RESULTS / f"{stamp}-instructions.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    print(json.dumps({"written": str(RESULTS / f"{stamp}-instructions.md")}))


if __name__ == "__main__":
    main()
