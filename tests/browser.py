"""Debian's Chromium, driven by Playwright, for the tests that need a real browser.

Playwright's own browser download does not work here (and is not what users run), so the
tests start the system's `chromium`; without it they fail and say how to install it.
"""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# No sandbox (the tests may run as root), and none of the background connections a closed
# network refuses by the dozen.
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium for the block, closed after it."""
    if shutil.which(CHROMIUM) is None:
        raise RuntimeError(
            "the browser tests need Debian's chromium: sudo apt-get install chromium"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()
