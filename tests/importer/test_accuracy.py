"""The importer against the hand labels of the whole development corpus, scored by the shared
scorer: both folders of real adverts, in every layout and language they come in."""

import json
import re
import subprocess
import sys

import pytest

from app.importer.load import extracted
from app.importer.read import AdvertError
from tests.importer.adverts import SHARED_ADVERTS

CORPUS = (  # (adverts, their labels)
    (SHARED_ADVERTS / "raw", SHARED_ADVERTS / "labels"),
    (SHARED_ADVERTS / "more" / "raw", SHARED_ADVERTS / "more" / "labels"),
)
MINIMUM_FIELD_ACCURACY = 0.95  # over every field of every labelled opening
FIELDS = (
    "title", "organisation", "location", "remote", "deadline", "posted", "apply_email",
    "apply_url", "employment_type", "salary",
)  # fmt: skip
# Each field alone, at least what issue #20 asks of every field; organisation and location
# hold what they reach (155 and 157 of 163), and every bar must only go up.
MINIMUM_OF_FIELD = dict.fromkeys(FIELDS, 0.90) | {"organisation": 0.95, "location": 0.963}
MINIMUM_OPENINGS_FOUND = 163  # of 163: every one, as issue #20 asks
_FIELD_ROW = re.compile(r"^(\w+)\s+(\d+)/(\d+)\s+[\d.]+%$")
_OPENINGS = re.compile(r"^openings found\s+(\d+)/(\d+); predicted openings with no label: (\d+)$")
_ACCURACY = re.compile(r"^field accuracy ([\d.]+)%")


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The scorer's report on what the importer extracts from every advert of the corpus."""
    if not SHARED_ADVERTS.is_dir():
        pytest.skip(f"the real adverts are not at {SHARED_ADVERTS}")
    predictions = []
    for raw, _ in CORPUS:
        for path in sorted(raw.glob("*.md")):
            try:
                predictions += [r.as_json() for r in extracted(path.name, path.read_bytes())]
            except AdvertError as error:
                pytest.fail(f"{path.name} could not be read: {error.reason}")
    output = tmp_path_factory.mktemp("accuracy") / "predictions.json"
    output.write_text(json.dumps(predictions))
    labels = [str(folder) for _, folder in CORPUS]
    report = subprocess.run(
        [sys.executable, str(SHARED_ADVERTS / "score.py"), str(output), *labels, "--verbose"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert report.returncode == 0, report.stdout + report.stderr
    return report.stdout


def _lines(report: str, pattern: re.Pattern[str]) -> list[re.Match[str]]:
    return [match for line in report.splitlines() if (match := pattern.match(line))]


def test_the_corpus_meets_the_field_accuracy_bar(scored: str) -> None:
    (accuracy,) = _lines(scored, _ACCURACY)
    assert float(accuracy[1]) / 100 >= MINIMUM_FIELD_ACCURACY, scored


def test_no_field_falls_below_its_own_bar(scored: str) -> None:
    rows = {row[1]: int(row[2]) / int(row[3]) for row in _lines(scored, _FIELD_ROW)}
    assert rows.keys() == MINIMUM_OF_FIELD.keys(), scored
    below = {field: share for field, share in rows.items() if share < MINIMUM_OF_FIELD[field]}
    assert below == {}, scored


def test_the_labelled_openings_are_found_and_none_is_invented(scored: str) -> None:
    (openings,) = _lines(scored, _OPENINGS)
    found, unlabelled = int(openings[1]), int(openings[3])
    misses = [line for line in scored.splitlines() if "opening not found" in line]
    assert found >= MINIMUM_OPENINGS_FOUND, "\n".join(misses)
    assert unlabelled == 0, scored
