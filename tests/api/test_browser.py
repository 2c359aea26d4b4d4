"""A page on another origin calls the API from real Chromium, as a front end would: it sends
the headers the README tells callers to send and reads the ones it says answers carry."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.browser import chromium
from tests.commands import openings
from tests.conftest import running_server
from tests.harness import free_port

# The front end's script: apply twice with one Idempotency-Key, then read a posting and
# revalidate it; everything it could read of the answers goes to `window.result`.
PAGE = """<!doctype html>
<title>A job board on another origin</title>
<script>
async function run(api, postingId) {
  const apply = () => fetch(`${api}/v1/postings/${postingId}/applications`, {
    method: "POST",
    headers: {"Content-Type": "application/json", "Idempotency-Key": "browser-1"},
    body: JSON.stringify({name: "Ada", email: "ada@example.org", consent: true}),
  });
  const first = await apply();
  const again = await apply();
  const read = await fetch(`${api}/v1/postings/${postingId}`);
  const revalidated = await fetch(`${api}/v1/postings/${postingId}`, {
    headers: {"If-None-Match": read.headers.get("ETag"), "Cache-Control": "no-cache"},
  });
  return {
    first: first.status,
    firstId: (await first.json()).id,
    again: again.status,
    againId: (await again.json()).id,
    replayed: again.headers.get("Idempotent-Replayed"),
    location: first.headers.get("Location"),
    requestId: first.headers.get("X-Request-ID"),
    etag: read.headers.get("ETag"),
    revalidated: revalidated.status,
  };
}
</script>
"""


@pytest.fixture
def page_origin() -> Iterator[str]:
    """A second origin serving the front end's page."""

    class Page(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_page_on_another_origin_applies_retry_safely_and_reads_the_headers(
    environment: dict[str, str], server_log: Path, page_origin: str
) -> None:
    environment = environment | {"CORS_ORIGINS": f'["{page_origin}"]'}
    openings(environment, "migrate")
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    with running_server(environment, server_log) as server:
        server.post("/v1/organisations", json={"slug": "lab", "name": "Lab"}, headers=admin)
        posting = server.post(
            "/v1/postings", json={"organisation": "lab", "title": "Engineer"}, headers=admin
        ).json()
        posting_id = posting["id"]
        server.patch(f"/v1/postings/{posting_id}", json={"status": "open"}, headers=admin)
        with chromium() as browser:
            page = browser.new_page()
            page.goto(page_origin)
            api = str(server.base_url).rstrip("/")
            result = page.evaluate("([api, id]) => run(api, id)", [api, posting_id])
    assert result["first"] == 201
    assert result["again"] == 201
    assert result["againId"] == result["firstId"]
    assert result["replayed"] == "true"
    assert result["location"] == f"{api}/v1/applications/{result['firstId']}"
    assert result["requestId"]
    assert result["etag"].startswith('"')
    assert result["revalidated"] == 304


def test_the_interactive_docs_work_with_no_network(
    environment: dict[str, str], server_log: Path
) -> None:
    openings(environment, "migrate")
    with running_server(environment, server_log) as server, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{server.base_url}/docs")
        title = page.locator(".swagger-ui .info .title")
        title.wait_for(timeout=20_000)
        swagger_title = title.inner_text()
        operations = page.locator(".opblock").count()
        page.goto(f"{server.base_url}/redoc")
        heading = page.locator("h1", has_text="Openings")
        heading.wait_for(timeout=20_000)
        redoc_heading = heading.inner_text()
    assert swagger_title.startswith("Openings")
    assert operations > 20
    assert redoc_heading.startswith("Openings")
