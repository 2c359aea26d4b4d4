"""Take the README's screenshots of the pages from a running server (`make run`):

    .venv/bin/python docs/screenshots.py http://127.0.0.1:8000

The board and the first posting it lists, in Debian's chromium at a desktop's width.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1100, "height": 900}, color_scheme="light")
        page.goto(base + "/")
        page.screenshot(path=HERE / "board.png")
        page.locator("ol.postings a").first.click()
        page.screenshot(path=HERE / "posting.png", full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/"))
