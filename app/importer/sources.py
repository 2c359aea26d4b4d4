"""Where adverts come from: files, folders (recursively) and http(s) URLs."""

import asyncio
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.importer.read import MAX_ADVERT_BYTES

ADVERT_SUFFIXES = (".md", ".markdown")
FETCH_TIMEOUT_SECONDS = 10.0
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Source:
    """One advert to import: its name (file path or URL), and its bytes or why there are none."""

    name: str
    data: bytes | None = None
    error: str | None = None


async def _download(url: str) -> Source:
    import httpx  # noqa: PLC0415 (see _fetch)

    async with (
        httpx.AsyncClient(
            timeout=FETCH_TIMEOUT_SECONDS, follow_redirects=True, max_redirects=MAX_REDIRECTS
        ) as client,
        client.stream("GET", url) as response,
    ):
        if response.status_code != 200:
            return Source(url, error=f"the server answered HTTP {response.status_code}")
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > MAX_ADVERT_BYTES:
                return Source(
                    url, error=f"the page is over the size limit of {MAX_ADVERT_BYTES:,} bytes"
                )
            chunks.append(chunk)
        return Source(url, b"".join(chunks))


def _fetch(url: str) -> Source:
    """Download one advert, bounded in size, redirects and time: `FETCH_TIMEOUT_SECONDS` for
    the whole download, however slowly the server trickles it (a timeout per read would
    wait forever on a byte a second). asyncio can cancel a read at any moment; a thread
    blocked in one cannot be stopped.

    httpx is imported here, not at the top: only URLs need it, and it is a tenth of
    re-importing a folder of unchanged adverts."""
    import httpx  # noqa: PLC0415

    try:
        return asyncio.run(asyncio.wait_for(_download(url), FETCH_TIMEOUT_SECONDS))
    except httpx.TooManyRedirects:
        return Source(url, error=f"more than {MAX_REDIRECTS} redirects")
    except (TimeoutError, httpx.TimeoutException):
        return Source(url, error=f"not downloaded within {FETCH_TIMEOUT_SECONDS:.0f} s")
    except httpx.HTTPError as error:
        return Source(url, error=f"could not fetch it ({error.__class__.__name__}: {error})")


def expand(targets: list[str]) -> Iterator[Source]:
    """Every advert named by `targets`, in order; folders are searched for Markdown files."""
    for target in targets:
        if target.startswith(("http://", "https://")):
            yield _fetch(target)
            continue
        path = Path(target)
        if path.is_dir():
            # Sorted by their parts, as `Path` objects sort, but with the parts worked out once
            # per file rather than compared through `Path.__lt__` a dozen times each.
            files = sorted(_adverts_in(path), key=lambda file: file.parts)
            if not files:
                yield Source(target, error="the folder holds no *.md or *.markdown files")
            for file in files:
                yield _read(file)
        elif path.is_file():
            yield _read(path)
        else:
            yield Source(target, error="no such file, folder or http(s) URL")


def _adverts_in(folder: Path) -> Iterator[Path]:
    """The Markdown files in `folder` and its subfolders, found with `os.scandir`, whose
    entries know their type: `Path.rglob` and `is_file` ask the file system about each file
    again (a quarter of re-importing ten thousand unchanged adverts). As `rglob` does, it
    takes linked files but does not follow linked folders, which may loop."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _adverts_in(Path(entry.path))
            elif entry.is_file() and entry.name.lower().endswith(ADVERT_SUFFIXES):
                yield Path(entry.path)


def _read(path: Path) -> Source:
    """The file's bytes, its size asked of the open file rather than looked up by name again,
    and read without a buffer in between."""
    try:
        with path.open("rb", buffering=0) as file:
            if os.fstat(file.fileno()).st_size > MAX_ADVERT_BYTES:
                return Source(
                    str(path),
                    error=f"the file is over the size limit of {MAX_ADVERT_BYTES:,} bytes",
                )
            return Source(str(path), file.readall())
    except OSError as error:
        return Source(str(path), error=f"cannot read it ({error.strerror})")
