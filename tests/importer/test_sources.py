"""Where adverts come from: folders are searched for Markdown files, in order."""

from pathlib import Path

from app.importer.sources import expand


def test_a_folder_gives_its_markdown_files_and_its_subfolders_in_order(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("# B\n")
    (tmp_path / "notes.txt").write_text("not an advert")
    (tmp_path / "jobs").mkdir()
    (tmp_path / "jobs" / "a.MARKDOWN").write_text("# A\n")
    (tmp_path / "jobs" / "c.md").write_text("# C\n")
    found = [Path(source.name).relative_to(tmp_path) for source in expand([str(tmp_path)])]
    assert found == [Path("b.md"), Path("jobs/a.MARKDOWN"), Path("jobs/c.md")]


def test_a_linked_file_is_read_and_a_linked_folder_is_not_followed(tmp_path: Path) -> None:
    adverts = tmp_path / "adverts"
    adverts.mkdir()
    (tmp_path / "elsewhere.md").write_text("# Elsewhere\n")
    (adverts / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    (adverts / "loop").symlink_to(adverts, target_is_directory=True)
    sources = list(expand([str(adverts)]))
    assert [Path(source.name).name for source in sources] == ["linked.md"]
    assert sources[0].data == b"# Elsewhere\n"
