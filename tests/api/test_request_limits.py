"""Over the real server: a chunked body past its route's limit is refused at the limit, with
413 problem+json, before the client has sent the rest (issue #19)."""

import json
import socket
from collections.abc import Iterator

import httpx

from app.api.request_limits import FORM_OVERHEAD_BYTES, MAX_BODY_BYTES
from app.core.config import get_settings
from tests.commands import openings

CHUNK = 16 * 1024
# Far more than any limit: a server that read the body to its end would wait for the rest.
WHOLE_BODY = 64 * 1024 * 1024


def _chunks(opening: bytes) -> Iterator[bytes]:
    """A body of WHOLE_BODY bytes, as HTTP/1.1 chunks: `opening`, then padding."""
    yield b"%x\r\n%s\r\n" % (len(opening), opening)
    for _ in range(WHOLE_BODY // CHUNK):
        yield b"%x\r\n%s\r\n" % (CHUNK, b" " * CHUNK)
    yield b"0\r\n\r\n"


def _answer_while_sending(
    server: httpx.Client, path: str, headers: str, opening: bytes, limit: int
) -> tuple[bytes, int]:
    """What the server answers to a chunked body sent until just past `limit`, and never
    finished; and how many bytes of the body had been sent by then."""
    url = httpx.URL(str(server.base_url))
    with socket.create_connection((url.host, url.port), timeout=30) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {url.host}\r\n{headers}"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        sent = 0
        for chunk in _chunks(opening):
            connection.sendall(chunk)
            sent += len(chunk)
            if sent > limit + 4 * CHUNK:
                break
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            received = connection.recv(65536)
            if not received:
                break
            answer += received
    return answer, sent


def test_a_chunked_body_past_the_limit_gets_413_before_it_is_all_sent(
    server: httpx.Client, environment: dict[str, str]
) -> None:
    admin = f"Authorization: Bearer {openings(environment, 'keys', 'create', '--admin')}\r\n"
    boundary = "b0undary"
    form_opening = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="cv"; filename="cv.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    routes = [  # JSON read by the route, JSON read by FastAPI, a form, Markdown
        ("/v1/postings/1/applications", "application/json", b'{"name": "', MAX_BODY_BYTES),
        ("/v1/postings", "application/json", b'{"title": "', MAX_BODY_BYTES),
        (
            "/v1/postings/1/applications",
            f"multipart/form-data; boundary={boundary}",
            form_opening,
            get_settings().max_cv_bytes + FORM_OVERHEAD_BYTES,
        ),
        ("/v1/imports", "text/markdown", b"# Data Engineer\n", MAX_BODY_BYTES),
    ]
    for path, content_type, opening, limit in routes:
        headers = f"{admin}Content-Type: {content_type}\r\n"
        answer, sent = _answer_while_sending(server, path, headers, opening, limit)

        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 413 "), (path, content_type, answer[:500])
        assert b"content-type: application/problem+json" in head.lower()
        assert json.loads(body)["status"] == 413
        assert sent < WHOLE_BODY
