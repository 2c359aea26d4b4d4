"""The gazetteer kept in the cache directory: the same table as one built, and built again
whenever the cache is missing, stale, broken or cannot be written."""

import marshal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.config import get_settings
from app.importer import places


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A cache directory of the test's own, and a gazetteer not yet loaded in this process."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("CACHE_DIR", str(directory))
    get_settings.cache_clear()
    places._gazetteer.cache_clear()
    yield directory
    get_settings.cache_clear()
    places._gazetteer.cache_clear()


def _loaded() -> places._Gazetteer:
    places._gazetteer.cache_clear()
    return places._gazetteer()


def test_a_gazetteer_read_from_the_cache_is_the_one_built(cache_dir: Path) -> None:
    built = _loaded()
    assert (cache_dir / "places.marshal").exists()
    assert _loaded() == built == places._build()
    assert list(_loaded().kinds) == list(built.kinds)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not marshal data",
        marshal.dumps(("another identity", {"nowhere": "city"}, frozenset(), {"nowhere": 1})),
        marshal.dumps(["a list", "of the wrong length"]),
    ],
    ids=["empty", "broken", "stale", "wrong-shape"],
)
def test_a_cache_that_is_not_this_gazetteer_is_built_again(cache_dir: Path, content: bytes) -> None:
    cache_dir.mkdir()
    (cache_dir / "places.marshal").write_bytes(content)
    gazetteer = _loaded()
    assert gazetteer == places._build()
    assert "nowhere" not in gazetteer.kinds
    assert _loaded() == gazetteer  # and the cache was rewritten with it


def test_a_cache_that_cannot_be_written_only_costs_the_time_to_build(cache_dir: Path) -> None:
    cache_dir.write_text("a file where the directory should be")
    assert _loaded() == places._build()
    assert cache_dir.read_text() == "a file where the directory should be"
