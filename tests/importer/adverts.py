"""Where the real adverts are: `../shared/adverts` beside the checkout (never copied here)."""

from pathlib import Path

import pytest

from app.importer.extract import Opening
from app.importer.load import read_openings

SHARED_ADVERTS = Path(__file__).resolve().parents[3] / "shared" / "adverts"
RAW = SHARED_ADVERTS / "raw"


def real_advert(prefix: str) -> Path:
    """The real advert whose file name starts with `prefix`; skipped where shared/ is absent."""
    if not RAW.is_dir():
        pytest.skip(f"the real adverts are not at {RAW} (CI provides them beside the checkout)")
    return next(RAW.glob(f"{prefix}*.md"))


def one(markdown: str | bytes, source: str = "advert.md") -> Opening:
    """The one opening an advert text yields, read and extracted as an import reads it."""
    data = markdown.encode() if isinstance(markdown, str) else markdown
    (opening,) = read_openings(source, data)
    return opening


def every(markdown: str, source: str = "advert.md") -> list[Opening]:
    """Every opening an advert text yields, read and extracted as an import reads it."""
    return read_openings(source, markdown.encode())
