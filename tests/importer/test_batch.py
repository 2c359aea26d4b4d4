"""`openings import` of a folder large enough to be parsed in worker processes and written in
batches: the same outcome as one advert at a time, in the same order."""

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from app.core.db import make_engine
from app.importer.batch import Options, parse
from app.importer.load import extracted
from app.importer.sources import Source
from app.postings.models import PostingStatus
from tests.commands import environment_for, run_openings, run_openings_apart

ADVERTS = 120  # enough for every worker process to read many


@pytest.fixture
def environment(scratch_database_url: str) -> dict[str, str]:
    environment = environment_for(scratch_database_url)
    run_openings(environment, "migrate")
    return environment


def _advert(number: int, deadline: str = "1 March 2031") -> str:
    organisation = f"Lab {number % 7}"
    if number % 10 == 3:  # an index page with two openings
        return (
            f"---\ntitle: Jobs at {organisation}\ncompany: {organisation}\n---\n"
            f"## Research Engineer {number}\n\nBuild things. Apply by {deadline}.\n\n"
            f"## Data Scientist {number}\n\nStudy things. Apply by {deadline}.\n"
        )
    return (
        f"---\ntitle: Software Engineer {number}\ncompany: {organisation}\ntags: [python]\n---\n"
        f"Write code in Berlin. Apply by {deadline} to jobs@lab{number % 7}.example.org.\n"
    )


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "adverts"
    folder.mkdir()
    for number in range(ADVERTS):
        (folder / f"advert-{number:03}.md").write_text(_advert(number))
    return folder


def _results(printed: tuple[str, str]) -> tuple[list[dict[str, object]], str]:
    """The JSON printed on stdout, and the summary printed after it (on stderr)."""
    stdout, stderr = printed
    return json.loads(stdout), stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("address", "kept"),
    [("jobs@example.org", "jobs@example.org"), ("jobs@example.invalid", None)],
)
def test_a_batch_leaves_out_an_apply_email_the_api_would_refuse(
    address: str, kept: str | None
) -> None:
    advert = f"---\ntitle: Engineer\ncompany: Example Lab\napply_email: {address}\n---\nCode.\n"
    options = Options(organisation=None, status=PostingStatus.open, dry_run=False)
    parsed = parse(options, Source("jobs.md", advert.encode()))
    assert parsed.new_postings is not None
    assert [new.data.apply_email for new in parsed.new_postings] == [kept]


def test_a_dry_run_in_worker_processes_extracts_what_one_process_does(
    environment: dict[str, str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    output, _progress = run_openings_apart(
        environment, "import", "--dry-run", "--json", str(folder)
    )
    expected = [
        result.as_json()
        for path in sorted(folder.iterdir())
        for result in extracted(str(path), path.read_bytes())
    ]
    assert json.loads(output) == expected
    assert len(expected) == ADVERTS + ADVERTS // 10


def test_new_adverts_are_written_in_batches_and_changed_ones_one_at_a_time(
    environment: dict[str, str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    first = folder / "advert-000.md"
    changed = folder / "advert-001.md"
    assert run_openings(environment, "import", str(first), str(changed)).startswith("2 created")
    changed.write_text(_advert(1, deadline="2 April 2031"))

    results, summary = _results(run_openings_apart(environment, "import", "--json", str(folder)))

    openings = ADVERTS + ADVERTS // 10
    assert summary == f"{openings - 2} created, 1 updated, 1 unchanged, 0 failed"
    assert [result["source"] for result in results] == [
        str(folder / f"advert-{number:03}.md")
        for number in range(ADVERTS)
        for _ in range(2 if number % 10 == 3 else 1)
    ]
    by_source = {result["source"]: result for result in results}
    assert by_source[str(first)]["action"] == "unchanged"
    assert by_source[str(changed)]["action"] == "updated"
    assert by_source[str(changed)]["deadline"] == "2031-04-02"
    ids = [result["posting_id"] for result in results]
    assert len(set(ids)) == openings
    # Each id is the posting of its own opening: the batch matches the ids the database
    # returns to rows by (organisation, external id), not by the order they came back in.
    engine = make_engine(environment["DATABASE_URL"])
    with engine.connect() as connection:
        stored = dict(connection.execute(text("SELECT id, external_id FROM posting")).all())
    engine.dispose()
    created = [result for result in results if result["action"] == "created"]
    assert len(created) == openings - 2
    assert [stored[result["posting_id"]] for result in created] == [
        result["external_id"] for result in created
    ]

    again, _progress = run_openings_apart(environment, "import", str(folder))
    assert again == f"0 created, 0 updated, {openings} unchanged, 0 failed"
    listed = run_openings_apart(environment, "import", "--json", str(folder / "advert-013.md"))
    assert [result["action"] for result in _results(listed)[0]] == ["unchanged", "unchanged"]


def test_a_batch_that_cannot_be_written_fails_each_advert_and_stores_nothing(
    environment: dict[str, str], tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    output = run_openings(
        environment, "import", "--organisation", "no-such-lab", str(folder), expect=1
    )
    assert output.splitlines()[0] == f"0 created, 0 updated, 0 unchanged, {ADVERTS} failed"
    assert f"failed: {folder / 'advert-000.md'}: No organisation with slug 'no-such-lab'." in output
    assert run_openings(environment, "seed").startswith("3 created")
