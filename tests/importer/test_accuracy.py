"""The importer against the hand-made labels, scored by the project's own scorer."""

import json
import subprocess
import sys
from pathlib import Path

from app.importer.load import extracted
from tests.importer.adverts import SHARED_ADVERTS, real_advert

MINIMUM_FIELD_ACCURACY = 0.90


def test_labelled_adverts_meet_the_accuracy_bar_and_every_opening_is_found(
    tmp_path: Path,
) -> None:
    raw = real_advert("000a").parent
    predictions = [
        result.as_json()
        for path in sorted(raw.glob("*.md"))
        for result in extracted(path.name, path.read_bytes())
    ]
    output = tmp_path / "predictions.json"
    output.write_text(json.dumps(predictions))
    scored = subprocess.run(
        [
            sys.executable,
            str(SHARED_ADVERTS / "score.py"),
            str(output),
            str(SHARED_ADVERTS / "dev-labels"),
            "--min",
            str(MINIMUM_FIELD_ACCURACY),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert scored.returncode == 0, scored.stdout + scored.stderr
    found = next(line for line in scored.stdout.splitlines() if line.startswith("openings found"))
    numbers = found.split()[2].split(";")[0]
    assert numbers.split("/")[0] == numbers.split("/")[1], found
