"""A person uses the pages in real Chromium against the real server: filters the board, pages
through it, opens a posting, applies with a CV, withdraws, and does it on a phone's width too;
axe-core checks every page they saw. A failing step leaves a screenshot in var/browser/."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.browser import chromium
from tests.commands import openings
from tests.conftest import running_server

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = Path("var/browser")
PHONE = {"width": 390, "height": 844}
SERIOUS = ("serious", "critical")


def _seed(server: httpx.Client, admin: dict[str, str]) -> int:
    """Two organisations, 23 open postings (two pages of the board), one with a question."""
    for slug, name in (("lab", "Open Lab"), ("guild", "Data Guild")):
        server.post("/v1/organisations", json={"slug": slug, "name": name}, headers=admin)
    for number in range(22):
        server.post(
            "/v1/postings",
            json={
                "organisation": "guild" if number % 2 else "lab",
                "title": f"Data Engineer {number}",
                "location": "Berlin" if number % 3 else "Lisbon",
                "remote": "remote" if number % 2 else "onsite",
            },
            headers=admin,
        )
    posting = server.post(
        "/v1/postings",
        json={
            "organisation": "lab",
            "title": "Research Software Engineer",
            "description": "Build **open** tools with us.",
            "location": "Remote, Europe",
            "remote": "remote",
            "employment_type": "full-time",
            "deadline": "2099-03-01",
            "questions": [{"id": "visa", "prompt": "Do you need a visa?", "kind": "yes_no"}],
        },
        headers=admin,
    )
    assert posting.status_code == 201, posting.text
    return int(posting.json()["id"])


def _serious_violations(page: Page) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        {"id": each["id"], "impact": each["impact"], "nodes": [n["html"] for n in each["nodes"]]}
        for each in violations
        if each["impact"] in SERIOUS
    ]


@contextmanager
def _screenshot_on_failure(page: Page, name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        raise


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, PHONE], ids=["desktop", "phone"]
)
def test_a_person_finds_a_posting_applies_and_withdraws(
    environment: dict[str, str], server_log: Path, tmp_path: Path, viewport: dict[str, int]
) -> None:
    openings(environment, "migrate")
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    cv = tmp_path / "cv.md"
    cv.write_text("# Ada Lovelace\n\nNotes on the analytical engine.\n")
    checked: dict[str, list[dict[str, Any]]] = {}
    with running_server(environment, server_log) as server, chromium() as browser:
        posting_id = _seed(server, admin)
        base = str(server.base_url).rstrip("/")
        # The pages run no script: axe-core is let in past their policy, as a browser
        # extension would be.
        context = browser.new_context(viewport=viewport, bypass_csp=True)
        page = context.new_page()
        with _screenshot_on_failure(page, f"apply-{viewport['width']}"):
            page.goto(f"{base}/")
            assert page.locator("h2.count").inner_text() == "23 openings"
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            checked["board"] = _serious_violations(page)

            page.get_by_label("Search words").fill("engineer")
            page.get_by_label("Remote", exact=True).check()
            page.get_by_role("button", name="Show openings").click()
            assert page.locator("h2.count").inner_text() == "12 openings"
            assert "remote=remote" in page.url

            page.goto(f"{base}/")
            page.get_by_role("link", name="Next page").click()
            assert page.locator("ol.postings > li").count() == 3
            page.get_by_role("link", name="First page").click()
            assert page.locator("ol.postings > li").count() == 20

            page.get_by_role("link", name="Research Software Engineer").click()
            assert page.url == f"{base}/postings/{posting_id}/research-software-engineer"
            assert page.locator("h1").inner_text() == "Research Software Engineer"
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            checked["posting"] = _serious_violations(page)

            page.get_by_label("Name").fill("Ada Lovelace")
            page.get_by_label("Email").fill("ada@example.org")
            page.get_by_label("CV").set_input_files(str(cv))
            page.get_by_label("No").check()
            page.get_by_label("I agree").check()
            page.get_by_role("button", name="Send the application").click()
            assert page.locator("h1").inner_text() == "Your application has been sent"
            checked["applied"] = _serious_violations(page)

            page.locator("a.token").click()
            checked["withdraw"] = _serious_violations(page)
            page.get_by_role("button", name="Withdraw my application").click()
            assert page.locator("h1").inner_text() == "Your application has been withdrawn"

            for name, path in (
                ("organisation", "/organisations/lab"),
                ("embed", "/embed/organisations/lab"),
                ("not found", "/postings/999999"),
                ("wrong filter", "/?closing_within=soon"),
            ):
                page.goto(f"{base}{path}")
                checked[name] = _serious_violations(page)
        context.close()
    assert "POST /postings/{posting_id}/apply 201" in server_log.read_text()
    assert len(checked) == 8
    assert not any(checked.values()), checked
