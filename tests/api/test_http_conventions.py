"""The conventions every answer keeps: HEAD and Allow, Cache-Control, gzip with ETags per
encoding, request ids and the access log, and CORS for a page on another origin."""

import gzip
import json
import logging
import re
import socket
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlmodel import Session
from starlette.applications import Starlette
from starlette.responses import Response
from starlette.routing import Route

from app.api.compression import Compression, accepts_gzip
from app.core.config import Settings, get_settings
from app.core.logs import TextFormatter, formatter, request_id
from app.main import CORS_REQUEST_HEADERS, CORS_RESPONSE_HEADERS
from tests.commands import openings
from tests.conftest import running_server
from tests.factories import make_key, make_organisation, make_posting

GZIP = {"Accept-Encoding": "gzip"}
LONG = "A paragraph about the work, long enough to be worth compressing. " * 40


@pytest.fixture
def posting_id(session: Session) -> int:
    organisation = make_organisation(session)
    posting = make_posting(session, organisation, description=LONG)
    assert posting.id is not None
    return posting.id


# --- HEAD and Allow ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/livez", "/healthz", "/v1/postings", "/v1/organisations"])
def test_head_answers_with_the_headers_of_get(client: TestClient, path: str) -> None:
    got = client.get(path)
    head = client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    for name in ("content-type", "content-length", "etag", "cache-control"):
        assert head.headers.get(name) == got.headers.get(name), name


def test_head_of_a_posting_has_its_etag(client: TestClient, posting_id: int) -> None:
    got = client.get(f"/v1/postings/{posting_id}")
    head = client.head(f"/v1/postings/{posting_id}")
    assert head.status_code == 200
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-length"] == got.headers["content-length"]


def test_a_405_allows_every_method_of_its_path(client: TestClient, posting_id: int) -> None:
    response = client.delete("/v1/postings")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, POST"
    assert response.json()["detail"] == (
        "DELETE is not allowed on /v1/postings; it takes GET, HEAD, POST."
    )
    item = client.post(f"/v1/postings/{posting_id}")
    assert item.headers["allow"] == "GET, HEAD, PATCH, DELETE"


def test_a_head_where_there_is_no_get_is_a_405_that_says_head(client: TestClient) -> None:
    response = client.head("/v1/imports")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


# --- Cache-Control ----------------------------------------------------------------------------


def test_public_reads_may_be_stored_and_are_revalidated(
    client: TestClient, posting_id: int
) -> None:
    for path in ("/v1/postings", f"/v1/postings/{posting_id}", "/v1/organisations"):
        response = client.get(path)
        assert response.headers["cache-control"] == "public, no-cache", path
        assert "Authorization" in response.headers["vary"], path


def test_a_shared_cache_keeps_plain_and_gzipped_answers_apart(
    client: TestClient, posting_id: int
) -> None:
    """Whichever client's answer a CDN stores first, it must not give it to the other kind."""
    path = f"/v1/postings/{posting_id}"
    for encoding in ("identity", "gzip"):
        response = client.get(path, headers={"Accept-Encoding": encoding})
        varied = {
            token.strip().lower()
            for value in response.headers.get_list("vary")
            for token in value.split(",")
        }
        assert {"accept-encoding", "authorization", "accept"} <= varied, encoding


def test_reads_with_a_key_stay_in_the_callers_browser(
    client: TestClient, session: Session, posting_id: int
) -> None:
    response = client.get("/v1/postings", headers=make_key(session))
    assert response.headers["cache-control"] == "private, no-cache"


def test_personal_data_is_never_stored(
    client: TestClient, session: Session, posting_id: int
) -> None:
    response = client.get(f"/v1/postings/{posting_id}/applications", headers=make_key(session))
    assert response.status_code == 200
    assert response.headers["cache-control"] == "private, no-store"


def test_writes_carry_no_cache_policy(client: TestClient, session: Session) -> None:
    created = client.post(
        "/v1/organisations", json={"slug": "o", "name": "O"}, headers=make_key(session)
    )
    assert created.status_code == 201
    assert "cache-control" not in created.headers


# --- compression ------------------------------------------------------------------------------


def test_accept_encoding_is_read_as_rfc_9110_writes_it() -> None:
    assert accepts_gzip(b"gzip, deflate, br")
    assert accepts_gzip(b"br;q=1.0, GZIP;q=0.5")
    assert accepts_gzip(b"*")
    assert not accepts_gzip(b"gzip;q=0")
    assert not accepts_gzip(b"identity")
    assert not accepts_gzip(b"br, deflate")


def test_large_answers_are_gzipped_with_a_tag_of_their_own(
    client: TestClient, posting_id: int
) -> None:
    plain = client.get(f"/v1/postings/{posting_id}", headers={"Accept-Encoding": "identity"})
    compressed = client.get(f"/v1/postings/{posting_id}", headers=GZIP)
    assert "content-encoding" not in plain.headers
    assert compressed.headers["content-encoding"] == "gzip"
    assert int(compressed.headers["content-length"]) < len(plain.content) / 3
    assert compressed.json() == plain.json()  # httpx decoded it
    assert "Accept-Encoding" in compressed.headers["vary"]
    assert compressed.headers["etag"] == plain.headers["etag"][:-1] + '-gzip"'


def test_a_gzipped_tag_revalidates_and_passes_if_match(
    client: TestClient, session: Session, posting_id: int
) -> None:
    path = f"/v1/postings/{posting_id}"
    tag = client.get(path, headers=GZIP).headers["etag"]
    again = client.get(path, headers=GZIP | {"If-None-Match": tag})
    assert again.status_code == 304
    assert again.headers["etag"] == tag
    updated = client.patch(
        path, json={"title": "Changed"}, headers=make_key(session) | GZIP | {"If-Match": tag}
    )
    assert updated.status_code == 200
    stale = client.patch(
        path, json={"title": "Again"}, headers=make_key(session) | GZIP | {"If-Match": tag}
    )
    assert stale.status_code == 412


def test_small_answers_are_sent_as_they_are(client: TestClient) -> None:
    response = client.get("/livez", headers=GZIP)
    assert "content-encoding" not in response.headers
    assert response.json() == {"status": "ok"}


def test_a_tagged_answer_is_compressed_once() -> None:
    served = 0

    async def page(_request: object) -> Response:
        nonlocal served
        served += 1
        return Response(LONG.encode(), media_type="application/json", headers={"ETag": '"t"'})

    middleware = Compression(Starlette(routes=[Route("/", page)]), copies_bytes=1 << 20)
    assert middleware.copies is not None
    with TestClient(middleware) as client:
        first = client.get("/", headers=GZIP)
        kept = middleware.copies.get(b'"t"')
        second = client.get("/", headers=GZIP)
    assert served == 2
    assert kept is not None and gzip.decompress(kept) == LONG.encode()
    assert first.content == second.content == LONG.encode()
    assert len(middleware.copies._copies) == 1


# --- request ids ------------------------------------------------------------------------------


def test_every_answer_has_a_request_id(client: TestClient) -> None:
    made = client.get("/v1/postings").headers["x-request-id"]
    assert len(made) == 32
    assert client.get("/v1/postings").headers["x-request-id"] != made
    assert client.get("/nowhere").headers["x-request-id"]


def test_a_callers_request_id_is_kept_if_it_is_a_plain_token(client: TestClient) -> None:
    kept = client.get("/livez", headers={"X-Request-ID": "trace-42.a"})
    assert kept.headers["x-request-id"] == "trace-42.a"
    replaced = client.get("/livez", headers={"X-Request-ID": "two words"})
    assert replaced.headers["x-request-id"] != "two words"


# --- the real server: its log, HEAD on the wire, CORS -----------------------------------------


@pytest.fixture
def cors_environment(environment: dict[str, str]) -> dict[str, str]:
    return environment | {"CORS_ORIGINS": '["https://jobs.example"]'}


def _raw_head(base: str, path: str) -> bytes:
    """Everything the server sends for a HEAD, read off the socket (an HTTP client would
    drop a body it was sent, and so could not show that none was)."""
    host, port = base.removeprefix("http://").rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"HEAD {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        )
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received


def _hang_up_mid_body(base_url: str, path: str, request_id: str) -> None:
    """A POST that promises a kilobyte of JSON, sends six bytes of it and closes."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(
            f"POST {path} HTTP/1.1\r\nHost: {host}\r\nX-Request-ID: {request_id}\r\n"
            'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":'.encode()
        )


def test_the_server_logs_json_lines_with_request_ids_and_no_paths(
    cors_environment: dict[str, str], server_log: Path
) -> None:
    openings(cors_environment, "migrate")
    with running_server(cors_environment, server_log) as server:
        server.get("/v1/postings?q=secret-search", headers={"X-Request-ID": "find-me"})
        server.get("/v1/postings/98765?token=some-secret-token")
        head = _raw_head(str(server.base_url), "/livez")
        _hang_up_mid_body(str(server.base_url), "/v1/organisations", "hung-up")
    status_line, _, rest = head.partition(b"\r\n")
    assert status_line == b"HTTP/1.1 200 OK"
    assert b"content-length: 15" in rest.lower()
    assert rest.endswith(b"\r\n\r\n")  # the headers, and not one byte of body after them
    lines = [json.loads(line) for line in server_log.read_text().splitlines() if line]
    access = [line for line in lines if line["logger"] == "openings.access"]
    mine = next(line for line in access if line.get("request_id") == "find-me")
    assert mine["route"] == "/v1/postings"
    assert mine["method"] == "GET"
    assert mine["status"] == 200
    assert mine["duration_ms"] >= 0
    assert any(line["method"] == "HEAD" and line["route"] == "/livez" for line in access)
    hung_up = next(line for line in access if line.get("request_id") == "hung-up")
    assert hung_up["status"] == 499, "a client that hung up is not the server's error"
    assert any(line["logger"].startswith("uvicorn") for line in lines)  # its own lines too
    text = server_log.read_text()
    assert "secret-search" not in text
    assert "some-secret-token" not in text


def test_cors_lets_a_page_send_and_read_the_documented_headers(
    cors_environment: dict[str, str], server_log: Path
) -> None:
    openings(cors_environment, "migrate")
    with running_server(cors_environment, server_log) as server:
        preflight = server.options(
            "/v1/postings/1/applications",
            headers={
                "Origin": "https://jobs.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": ", ".join(CORS_REQUEST_HEADERS),
            },
        )
        read = server.get("/v1/postings", headers={"Origin": "https://jobs.example"})
    assert preflight.status_code == 200
    allowed = preflight.headers["access-control-allow-headers"].lower()
    for header in ("idempotency-key", "cache-control", "if-modified-since", "if-match"):
        assert header in allowed
    exposed = read.headers["access-control-expose-headers"].lower().split(", ")
    assert {header.lower() for header in CORS_RESPONSE_HEADERS} <= set(exposed)
    assert read.headers["access-control-allow-origin"] == "https://jobs.example"


def test_text_logs_read_as_lines_with_the_request_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_FORMAT", "text")
    get_settings.cache_clear()
    try:
        chosen = formatter()
    finally:
        get_settings.cache_clear()
    record = logging.makeLogRecord(
        {"name": "openings.access", "levelname": "INFO", "msg": "GET %s", "args": ("/x",)}
    )
    record.status = 200
    token = request_id.set("abc")
    try:
        line = chosen.format(record)
    finally:
        request_id.reset(token)
    assert isinstance(chosen, TextFormatter)
    assert line.endswith("INFO    openings.access [abc]: GET /x status=200")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_load_nothing_from_another_host(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/"), asset
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in html.lower()


def test_location_is_under_the_public_url(
    client: TestClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind a proxy that strips `/api`, a path alone would lead past the proxy's prefix."""
    monkeypatch.setenv("PUBLIC_URL", "https://jobs.example/api/")
    get_settings.cache_clear()
    try:
        created = client.post(
            "/v1/organisations", json={"slug": "lab", "name": "Lab"}, headers=make_key(session)
        )
        posting = client.post(
            "/v1/postings", json={"organisation": "lab", "title": "E"}, headers=make_key(session)
        )
    finally:
        monkeypatch.delenv("PUBLIC_URL")  # before the settings are read again, by anyone
        get_settings.cache_clear()
    assert created.headers["location"] == "https://jobs.example/api/v1/organisations/lab"
    assert posting.headers["location"] == (
        f"https://jobs.example/api/v1/postings/{posting.json()['id']}"
    )


def test_an_explicit_refusal_of_gzip_beats_a_wildcard() -> None:
    assert not accepts_gzip(b"gzip;q=0, *")
    assert accepts_gzip(b"identity;q=0.5, *;q=0.1")


def test_a_missing_posting_is_revalidated_rather_than_kept(client: TestClient) -> None:
    assert client.get("/v1/postings/999999").headers["cache-control"] == "public, no-cache"


def test_production_refuses_a_weak_previous_secret_key() -> None:
    with pytest.raises(ValidationError, match="PREVIOUS_SECRET_KEYS"):
        Settings(
            environment="production",
            secret_key="n" * 40,
            previous_secret_keys=["short"],
            public_url="https://jobs.example",
        )
