"""The real server while its database fails: refuses connections, is cut off mid-request, never
answers, or (SQLite) keeps its write lock. Every request ends, with 503 problem+json and
`Retry-After` when the database is at fault, on a connection the client keeps; `/livez`
answers throughout; and the server serves again, without a restart, once the database does.
"""

import http.client
import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing, suppress
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import make_url, text

from app.api.dependencies import SessionDep
from tests.commands import environment_for, openings
from tests.conftest import ON_POSTGRES, running_server

# Short bounds, so that the tests wait seconds, not the defaults' longer ones.
TIMEOUTS = {
    "DATABASE_CONNECT_TIMEOUT_S": "2",
    "DATABASE_POOL_TIMEOUT_S": "2",
    "DATABASE_STATEMENT_TIMEOUT_S": "2",
}
# What a request may take at most while the database fails: the bounds above, a few times over
# for a busy machine. A request still running then has hung.
HUNG_AFTER_S = 30
NO_CACHE = {"Cache-Control": "no-cache"}

only_postgres = pytest.mark.skipif(
    not ON_POSTGRES, reason="a TCP connection to cut: SQLite's refusal is tested on its own"
)


class Proxy:
    """A TCP proxy on 127.0.0.1 to the database, which the test cuts (every connection closed,
    new ones closed as soon as they are made) and restores."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._passing = True
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            if not self._passing:
                _close(client)
                continue
            upstream = socket.create_connection(self._target)
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        self._forget(source, sink)

    def _forget(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.difference_update(sockets)
        for each in sockets:
            _close(each)

    def cut(self) -> None:
        self._passing = False
        with self._lock:
            open_now = list(self._open)
        self._forget(*open_now)

    def restore(self) -> None:
        self._passing = True

    def close(self) -> None:
        self.cut()
        self._listener.close()


def _close(each: socket.socket) -> None:
    with suppress(OSError):
        each.shutdown(socket.SHUT_RDWR)
    each.close()


@pytest.fixture
def proxy(scratch_database_url: str) -> Iterator[Proxy]:
    url = make_url(scratch_database_url)
    running = Proxy(url.host or "127.0.0.1", url.port or 5432)
    yield running
    running.close()


def _through(database_url: str, port: int) -> str:
    return make_url(database_url).set(host="127.0.0.1", port=port).render_as_string(False)


def _exchange(
    connection: http.client.HTTPConnection,
    method: str,
    path: str,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    connection.request(method, path, body=body, headers={**NO_CACHE, **(headers or {})})
    response = connection.getresponse()
    content = response.read()
    assert not response.will_close, (method, path, response.status)
    return response.status, {key.lower(): value for key, value in response.getheaders()}, content


def _unavailable_on_one_connection(port: int, key: str, posting_id: int) -> None:
    """Every kind of route answers 503 problem+json with `Retry-After`, one after another on
    the client's one connection: the hot reads (on the event loop, and a search in a thread),
    the ORM routes, and a write."""
    write = '{"organisation": "lab", "title": "While down"}'
    authorised = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    with closing(http.client.HTTPConnection("127.0.0.1", port, timeout=HUNG_AFTER_S)) as client:
        client.connect()
        kept = client.sock
        for method, path, body, headers in [
            ("GET", "/v1/postings", None, None),
            ("GET", "/v1/postings?q=engineer", None, None),
            ("GET", f"/v1/postings/{posting_id}", None, None),
            ("GET", f"/v1/postings/{posting_id}", None, {"Accept": "application/ld+json"}),
            ("GET", "/v1/organisations", None, None),
            ("GET", "/v1/postings.atom", None, None),
            ("POST", "/v1/postings", write, authorised),
            ("PATCH", f"/v1/postings/{posting_id}", '{"title": "Changed"}', authorised),
        ]:
            status, response_headers, content = _exchange(client, method, path, body, headers)
            assert status == 503, (method, path, status, content)
            assert response_headers["content-type"] == "application/problem+json"
            assert response_headers["retry-after"] == "5"
            assert b'"status":503' in content
        assert _exchange(client, "GET", "/livez")[0] == 200
        assert client.sock is kept


def _arrange(environment: dict[str, str], server: httpx.Client) -> tuple[str, int]:
    """An organisation key, and the id of a posting of its own."""
    admin = {"Authorization": f"Bearer {openings(environment, 'keys', 'create', '--admin')}"}
    assert server.post("/v1/organisations", json={"name": "Lab"}, headers=admin).is_success
    key = openings(environment, "keys", "create", "--organisation", "lab")
    created = server.post(
        "/v1/postings", json={"title": "Engineer"}, headers={"Authorization": f"Bearer {key}"}
    )
    assert created.status_code == 201, created.text
    return key, int(created.json()["id"])


def _serves_again(server: httpx.Client, key: str, posting_id: int) -> None:
    listed = server.get("/v1/postings", headers=NO_CACHE)
    assert listed.status_code == 200, listed.text
    assert server.get(f"/v1/postings/{posting_id}", headers=NO_CACHE).status_code == 200
    created = server.post(
        "/v1/postings", json={"title": "After"}, headers={"Authorization": f"Bearer {key}"}
    )
    assert created.status_code == 201, created.text


@only_postgres
def test_a_database_that_refuses_connections_is_503_on_a_kept_connection_until_it_returns(
    environment: dict[str, str], scratch_database_url: str, proxy: Proxy, server_log: Path
) -> None:
    openings(environment, "migrate")
    served = {**environment, **TIMEOUTS, "DATABASE_URL": _through(scratch_database_url, proxy.port)}
    with running_server(served, server_log) as server:
        key, posting_id = _arrange(environment, server)
        proxy.cut()
        _unavailable_on_one_connection(server.base_url.port or 0, key, posting_id)
        assert server.get("/healthz").status_code == 503
        proxy.restore()
        _serves_again(server, key, posting_id)


def test_a_sqlite_database_that_cannot_be_opened_is_503_on_a_kept_connection_until_it_can(
    tmp_path: Path, server_log: Path
) -> None:
    """SQLite has no server to refuse: its analogue is a database file that cannot be opened
    (here a folder where the file should be), until the file is put there."""
    if ON_POSTGRES:
        pytest.skip("SQLite's own refusal; PostgreSQL's is the proxy's")
    ready = tmp_path / "ready.db"
    environment = environment_for(f"sqlite:///{ready}")
    openings(environment, "migrate")
    with running_server(environment, tmp_path / "arrange.log") as server:
        key, posting_id = _arrange(environment, server)
    served = tmp_path / "served.db"
    served.mkdir()
    environment = {**environment_for(f"sqlite:///{served}"), **TIMEOUTS}
    with running_server(environment, server_log, ready="/livez") as server:
        _unavailable_on_one_connection(server.base_url.port or 0, key, posting_id)
        served.rmdir()
        with closing(sqlite3.connect(ready)) as written:
            written.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(ready, served)
        _serves_again(server, key, posting_id)


@only_postgres
def test_cutting_the_database_during_reads_and_writes_gives_503s_never_500s_and_hangs_none(
    environment: dict[str, str], scratch_database_url: str, proxy: Proxy, server_log: Path
) -> None:
    openings(environment, "migrate")
    served = {**environment, **TIMEOUTS, "DATABASE_URL": _through(scratch_database_url, proxy.port)}
    with running_server(served, server_log) as server:
        key, posting_id = _arrange(environment, server)
        authorised = {"Authorization": f"Bearer {key}", **NO_CACHE}
        started = threading.Barrier(41)

        def one(number: int) -> httpx.Response:
            with httpx.Client(
                base_url=str(server.base_url), timeout=HUNG_AFTER_S, headers=authorised
            ) as client:
                started.wait()
                if number % 4 == 0:
                    return client.post("/v1/postings", json={"title": f"Engineer {number}"})
                if number % 4 == 1:
                    return client.patch(f"/v1/postings/{posting_id}", json={"title": "Edited"})
                if number % 4 == 2:
                    return client.get("/v1/postings", params={"q": "engineer"})
                return client.get(f"/v1/postings/{posting_id}")

        with ThreadPoolExecutor(40) as pool:
            answers = [pool.submit(one, number) for number in range(40)]
            started.wait()
            proxy.cut()
            responses = [answer.result() for answer in answers]
        statuses = sorted({response.status_code for response in responses})
        assert set(statuses) <= {200, 201, 503}, statuses
        assert 503 in statuses, statuses
        for response in responses:
            if response.status_code == 503:
                assert response.headers["content-type"] == "application/problem+json"
                assert response.headers["retry-after"] == "5"
        assert server.get("/livez").status_code == 200
        proxy.restore()
        _serves_again(server, key, posting_id)


class SilentDatabase:
    """A listener on 127.0.0.1, in PostgreSQL's place, that accepts connections and never says
    a word; `connected` is released for each connection it accepts."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self.connected = threading.Semaphore(0)
        self._held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._listener.accept()
            except OSError:
                return
            self._held.append(connection)
            self.connected.release()

    def close(self) -> None:
        self._listener.close()
        for connection in self._held:
            _close(connection)


@only_postgres
def test_a_database_that_never_answers_bounds_every_request_and_livez_answers_meanwhile(
    environment: dict[str, str], server_log: Path
) -> None:
    """One worker, so that `/livez` is asked of the worker waiting for the database, while a
    read of a posting (a route that runs on the event loop) is connecting: `/livez` answers
    long before the worker gives up on that connection, not after. The worker keeps no
    answers, so that nothing else connects (its listener for data changes would)."""
    silent = SilentDatabase()
    url = f"postgresql+psycopg://postgres@127.0.0.1:{silent.port}/silent"
    connect_timeout_s = 10
    served = {
        **environment,
        **TIMEOUTS,
        "DATABASE_URL": url,
        "DATABASE_CONNECT_TIMEOUT_S": str(connect_timeout_s),
        "RESPONSE_CACHE_MB": "0",
    }
    try:
        with (
            running_server(served, server_log, ready="/livez", workers=1) as server,
            ThreadPoolExecutor(4) as pool,
        ):
            read = pool.submit(httpx.get, f"{server.base_url}/v1/postings/1", timeout=HUNG_AFTER_S)
            assert silent.connected.acquire(timeout=HUNG_AFTER_S)
            asked = time.monotonic()
            assert server.get("/livez").status_code == 200
            assert time.monotonic() - asked < connect_timeout_s, "/livez waited for the database"
            assert not read.done()
            paths = ["/v1/postings", "/v1/organisations", "/healthz"]
            others = [
                pool.submit(httpx.get, f"{server.base_url}{path}", timeout=HUNG_AFTER_S)
                for path in paths
            ]
            responses = [read.result(), *(answer.result() for answer in others)]
    finally:
        silent.close()
    for response in responses:
        assert response.status_code == 503, (response.url, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["retry-after"] == "5"


def test_a_write_that_waits_too_long_for_sqlites_lock_is_503_and_livez_answers_meanwhile(
    environment: dict[str, str], scratch_database_url: str, server_log: Path
) -> None:
    """SQLite's analogue of a database that does not answer: another process holds the write
    lock. A write waits the busy timeout, then answers 503; reads and `/livez` go on."""
    if ON_POSTGRES:
        pytest.skip("SQLite's write lock; PostgreSQL's silence is the listener's")
    openings(environment, "migrate")
    served = {**environment, **TIMEOUTS}
    with running_server(served, server_log) as server:
        key, posting_id = _arrange(environment, server)
        authorised = {"Authorization": f"Bearer {key}"}
        holder = sqlite3.connect(make_url(scratch_database_url).database or "", timeout=0)
        holder.execute("BEGIN IMMEDIATE")
        with ThreadPoolExecutor(1) as pool:
            write = pool.submit(
                httpx.post,
                f"{server.base_url}/v1/postings",
                json={"title": "Waiting"},
                headers=authorised,
                timeout=HUNG_AFTER_S,
            )
            assert server.get("/livez").status_code == 200
            assert server.get(f"/v1/postings/{posting_id}", headers=NO_CACHE).status_code == 200
            assert not write.done()
            refused = write.result()
        holder.rollback()
        holder.close()
        assert refused.status_code == 503, refused.text
        assert refused.headers["retry-after"] == "5"
        _serves_again(server, key, posting_id)


def test_a_database_error_that_is_the_codes_stays_a_500_on_both_databases(app: FastAPI) -> None:
    """Only the database's unavailability is 503: a statement it refuses (here a table that is
    not there: SQLite's OperationalError, PostgreSQL's ProgrammingError) is the code's fault,
    a logged 500 without `Retry-After`."""

    @app.get("/missing-table")
    def missing_table(session: SessionDep) -> None:
        session.execute(text("SELECT * FROM no_such_table"))

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/missing-table")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert "retry-after" not in response.headers
