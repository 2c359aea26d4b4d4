"""`openings import` and `openings seed`, run as a user runs them."""

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from functools import partial
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path

import pytest

from app.importer.read import MAX_ADVERT_BYTES
from app.importer.sources import FETCH_TIMEOUT_SECONDS
from tests.commands import OPENINGS, environment_for, run_openings, run_openings_apart
from tests.importer.adverts import SHARED_ADVERTS, real_advert

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@pytest.fixture
def environment(scratch_database_url: str) -> dict[str, str]:
    environment = environment_for(scratch_database_url)
    run_openings(environment, "migrate")
    return environment


def test_seed_imports_the_samples_once(environment: dict[str, str]) -> None:
    assert run_openings(environment, "seed").startswith("3 created, 0 updated, 0 unchanged")
    assert "already has 3 postings" in run_openings(environment, "seed")
    assert run_openings(environment, "import", str(SAMPLES)).startswith(
        "0 created, 0 updated, 3 unchanged, 0 failed"
    )


def test_failures_are_reported_per_file_and_the_rest_imported(
    environment: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "good.md").write_text(
        "---\ntitle: Engineer\ncompany: Example Lab\n---\nWrite code.\n"
    )
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "latin1.md").write_bytes("caf\u00e9".encode("latin-1"))
    (tmp_path / "bad-yaml.md").write_text("---\ntitle: [x\n  - : :\n---\nText\n")
    (tmp_path / "ignored.txt").write_text("not an advert")
    output = run_openings(environment, "import", str(tmp_path), "no-such-file.md", expect=1)
    lines = output.splitlines()
    assert lines[0] == "1 created, 0 updated, 0 unchanged, 4 failed"
    assert f"failed: {tmp_path / 'bad-yaml.md'}: the front matter is not valid YAML" in output
    assert f"failed: {tmp_path / 'empty.md'}: the file is empty" in output
    assert f"failed: {tmp_path / 'latin1.md'}: the file is not UTF-8 text" in output
    assert "failed: no-such-file.md: no such file, folder or http(s) URL" in output


def test_an_unreachable_url_is_a_clear_failure(environment: dict[str, str]) -> None:
    output = run_openings(environment, "import", "http://127.0.0.1:9/advert.md", expect=1)
    assert "failed: http://127.0.0.1:9/advert.md: could not fetch it" in output


def test_dry_run_json_prints_the_scorers_fields_and_touches_nothing(
    environment: dict[str, str],
) -> None:
    path = real_advert("000a")
    output = run_openings(environment, "import", "--dry-run", "--json", str(path))
    (opening,) = json.loads(output)
    assert opening["source"] == str(path)
    assert opening["title"] == "Technical Community Manager"
    assert opening["organisation"] == "DataCite"
    assert opening["deadline"] == "2022-02-07"
    assert opening["location"] == "Americas"
    assert "3 created" in run_openings(environment, "seed")


def test_every_labelled_advert_is_read(environment: dict[str, str]) -> None:
    if not SHARED_ADVERTS.is_dir():
        pytest.skip(f"the real adverts are not at {SHARED_ADVERTS}")
    folders = [SHARED_ADVERTS, SHARED_ADVERTS / "more"]
    raw = [str(folder / "raw") for folder in folders]
    printed, _progress = run_openings_apart(environment, "import", "--dry-run", "--json", *raw)
    results = json.loads(printed)
    assert [r for r in results if r["action"] == "failed"] == []
    labelled = {p.stem for folder in folders for p in (folder / "labels").glob("*.json")}
    assert labelled <= {Path(r["source"]).stem for r in results}


@pytest.fixture
def advert_server(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on a free loopback port, serving a folder of adverts."""
    (tmp_path / "engineer.md").write_text(
        "---\ntitle: Engineer\ncompany: Example Lab\n---\nApply by 1 March 2030.\n"
    )
    (tmp_path / "huge.md").write_bytes(b"x" * (MAX_ADVERT_BYTES + 10))
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_adverts_are_fetched_from_urls_with_a_clear_error_per_failing_one(
    environment: dict[str, str], advert_server: str
) -> None:
    output = run_openings(
        environment,
        "import",
        f"{advert_server}/engineer.md",
        f"{advert_server}/missing.md",
        f"{advert_server}/huge.md",
        expect=1,
    )
    assert output.splitlines()[0] == "1 created, 0 updated, 0 unchanged, 2 failed"
    assert f"failed: {advert_server}/missing.md: the server answered HTTP 404" in output
    assert f"failed: {advert_server}/huge.md: the page is over the size limit" in output


class _Trickle(BaseHTTPRequestHandler):
    """An advert served a byte every half second: each read is quick, the whole is not."""

    def do_GET(self) -> None:
        body = b"---\ntitle: Engineer\ncompany: Example Lab\n---\n" + b"x" * 1000
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            for byte in body:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.5)
        except OSError:  # the importer gave up and hung up
            return


def test_a_url_served_a_byte_at_a_time_fails_after_the_download_deadline(
    environment: dict[str, str],
) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Trickle)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/advert.md"
    try:
        output = run_openings(environment, "import", url, expect=1)
    finally:
        server.shutdown()
        server.server_close()
    assert output.splitlines() == [
        "0 created, 0 updated, 0 unchanged, 1 failed",
        f"failed: {url}: not downloaded within {FETCH_TIMEOUT_SECONDS:.0f} s",
    ]


def test_dry_run_json_says_on_standard_error_why_a_file_failed(
    environment: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "good.md").write_text("---\ntitle: Engineer\n---\nWrite code.\n")
    (tmp_path / "empty.md").write_bytes(b"")
    done = subprocess.run(
        [OPENINGS, "import", "--dry-run", "--json", str(tmp_path)],
        check=False,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"failed: {tmp_path / 'empty.md'}: the file is empty"
    assert [result["action"] for result in json.loads(done.stdout)] == ["failed", "extracted"]


def test_the_command_line_reads_right(environment: dict[str, str], tmp_path: Path) -> None:
    """Its version, its help, the statuses an import takes, and what to do when an advert
    names no organisation."""
    assert run_openings(environment, "--version") == f"openings {metadata.version('openings')}"
    assert "Worker processes (default:" in run_openings(environment, "serve", "--help")
    refused = run_openings(environment, "import", "--status", "closed", str(SAMPLES), expect=2)
    assert "'closed' is not one of" in refused and "draft" in refused
    (tmp_path / "nameless.md").write_text("# Engineer\n\nWe build tools.\n")
    failed = run_openings(environment, "import", str(tmp_path / "nameless.md"), expect=1)
    assert "--organisation SLUG" in failed


def test_a_long_import_into_a_pipe_says_how_far_it_has_come(
    environment: dict[str, str], tmp_path: Path
) -> None:
    for number in range(25):
        (tmp_path / f"job-{number}.md").write_text(
            f"---\ntitle: Engineer {number}\norganization: Progress Lab\n---\nBuild things.\n"
        )
    done = subprocess.run(
        [OPENINGS, "import", str(tmp_path), "--dry-run"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("imported ")]
    assert lines[0].startswith("imported 3/25 files (12 %), ")
    assert lines[-1].startswith("imported 25/25 files (100 %), ")
    assert len(lines) == 10
    assert done.stdout.count("extracted: ") == 25  # the results stay on standard output
