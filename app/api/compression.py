"""gzip for answers worth it, with validators that stay right per encoding.

A page of postings is mostly repeated keys and prose: 230 KB of JSON is 6.5 KB gzipped. An
answer of a text type (JSON, problem+json, JSON-LD, Atom, Markdown) of `MIN_BYTES` or more
is compressed for a client whose `Accept-Encoding` takes gzip.

The gzipped bytes are another representation, so they get another strong tag: `"abc"` is sent
as `"abc-gzip"`. A client sends that tag back in `If-None-Match` or `If-Match`, and this layer
hands the routes the tag they made (`"abc"`), so a revalidation is still a 304 and an update
after a gzipped read still passes its precondition. Because a tag names exact bytes (the
routes' tags hash them; a static file's, its time and size), the compressed bytes of a tagged
answer are kept by tag: an answer the worker gives again from its
cache (`app.api.response_cache`), or one that has not changed, is not compressed again.
"""

import re
import zlib
from collections import OrderedDict

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MIN_BYTES = 1024
LEVEL = 6  # zlib's default: within a few per cent of 9's size, at a third of its time
# Compressing this much takes milliseconds: done in a thread, the worker answers others meanwhile.
THREAD_MIN_BYTES = 128 * 1024
SUFFIX = b"-gzip"
_TYPES = (
    b"application/json",
    b"application/problem+json",
    b"application/ld+json",
    b"application/atom+xml",
    b"application/xml",
    b"text/",
)
_SENT_TAG = re.compile(rb'-gzip"')
_GZIP_TOKEN = re.compile(rb"(?:^|,)\s*(gzip|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?", re.IGNORECASE)


def accepts_gzip(accept_encoding: bytes) -> bool:
    """Whether `Accept-Encoding` takes gzip: by its own q when it is named, else by `*`'s."""
    qualities: dict[bytes, float] = {}
    for match in _GZIP_TOKEN.finditer(accept_encoding):
        try:
            quality = 1.0 if match.group(2) is None else float(match.group(2))
        except ValueError:
            continue
        qualities[match.group(1).lower()] = quality
    return qualities.get(b"gzip", qualities.get(b"*", 0.0)) > 0


def _gzip_stream() -> "zlib._Compress":
    return zlib.compressobj(LEVEL, zlib.DEFLATED, 16 + zlib.MAX_WBITS)


def gzipped(body: bytes) -> bytes:
    compressor = _gzip_stream()
    return compressor.compress(body) + compressor.flush()


class CompressedCopies:
    """gzipped bodies by the ETag of their plain form, the least recently used dropped first
    past `max_bytes`."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._copies: OrderedDict[bytes, bytes] = OrderedDict()
        self._bytes = 0

    def get(self, etag: bytes) -> bytes | None:
        copy = self._copies.get(etag)
        if copy is not None:
            self._copies.move_to_end(etag)
        return copy

    def keep(self, etag: bytes, copy: bytes) -> None:
        if len(copy) > self.max_bytes or etag in self._copies:
            return
        self._copies[etag] = copy
        self._bytes += len(copy)
        while self._bytes > self.max_bytes:
            _, dropped = self._copies.popitem(last=False)
            self._bytes -= len(dropped)


_PRECONDITIONS = (b"if-none-match", b"if-match")


def _read(scope: Scope) -> tuple[Scope, bool, bool]:
    """`scope` with the `-gzip` tags of its preconditions as the routes made them; whether
    `Accept-Encoding` takes gzip; whether `If-None-Match` named a gzipped representation."""
    accepted = named_gzip = tagged = False
    for name, value in scope["headers"]:
        if name == b"accept-encoding":
            accepted = accepts_gzip(value)
        elif name in _PRECONDITIONS and SUFFIX in value:
            tagged = True
            named_gzip = named_gzip or name == b"if-none-match"
    if tagged:
        plain = [
            (name, _SENT_TAG.sub(b'"', value) if name in _PRECONDITIONS else value)
            for name, value in scope["headers"]
        ]
        scope = {**scope, "headers": plain}
    return scope, accepted, named_gzip


def _compressible(headers: list[tuple[bytes, bytes]]) -> bool:
    if any(name == b"content-encoding" for name, _ in headers):
        return False
    for name, value in headers:
        if name == b"content-type":
            return value.lower().startswith(_TYPES)
    return False


def _tagged(value: bytes) -> bytes:
    return value[:-1] + SUFFIX + b'"' if value.endswith(b'"') else value


class Compression:
    """ASGI middleware: gzip as `Accept-Encoding` allows, ETags per encoding, and the
    compressed copies of tagged answers kept (`copies_bytes` in all; 0 keeps none)."""

    def __init__(self, app: ASGIApp, copies_bytes: int) -> None:
        self.app = app
        self.copies = CompressedCopies(copies_bytes) if copies_bytes else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope, accepted, named_gzip = _read(scope)
        if not accepted and not named_gzip:
            await self.app(scope, receive, send)
            return
        await _Exchange(self, send, accepted, named_gzip)(scope, receive)


class _Exchange:
    """One answer on its way out: held at its start until its first body says whether it
    is compressed."""

    def __init__(self, owner: Compression, send: Send, accepted: bool, named_gzip: bool) -> None:
        self.app = owner.app
        self.copies = owner.copies
        self.send = send
        self.accepted = accepted
        self.named_gzip = named_gzip
        self.start: Message | None = None
        self.compressor: zlib._Compress | None = None

    async def __call__(self, scope: Scope, receive: Receive) -> None:
        await self.app(scope, receive, self.on_message)

    async def on_message(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            await self._on_start(message)
        elif message["type"] == "http.response.body" and self.start is not None:
            await self._on_first_body(message)
        elif message["type"] == "http.response.body" and self.compressor is not None:
            await self._on_more_body(message)
        else:
            await self.send(message)

    async def _on_start(self, message: Message) -> None:
        headers = list(message.get("headers", ()))
        if message["status"] == 304 and self.named_gzip and self.accepted:
            # The client holds the gzipped copy: the tag it has is the one confirmed.
            message["headers"] = [
                *((name, _tagged(value) if name == b"etag" else value) for name, value in headers),
                (b"vary", b"Accept-Encoding"),
            ]
        if self.accepted and message["status"] not in (204, 206, 304) and _compressible(headers):
            message["headers"] = headers
            self.start = message  # sent with the first body, once its size is known
            return
        await self.send(message)

    async def _on_first_body(self, message: Message) -> None:
        start, self.start = self.start, None
        assert start is not None
        body: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        headers: list[tuple[bytes, bytes]] = start["headers"]
        headers.append((b"vary", b"Accept-Encoding"))
        if len(body) < MIN_BYTES and not more:
            await self.send(start)
            await self.send(message)
            return
        etag = next((value for name, value in headers if name == b"etag"), None)
        # Personal data (`no-store`) is not kept: an erasure must not leave a copy behind.
        self.shared = not any(
            name == b"cache-control" and b"no-store" in value for name, value in headers
        )
        if more:
            self.compressor = _gzip_stream()
            compressed = self.compressor.compress(body) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
            headers[:] = [(name, value) for name, value in headers if name != b"content-length"]
        else:
            compressed = await self._compressed(body, etag)
            headers[:] = [(name, value) for name, value in headers if name != b"content-length"]
            headers.append((b"content-length", str(len(compressed)).encode()))
        headers[:] = [
            (name, _tagged(value) if name == b"etag" else value) for name, value in headers
        ]
        headers.append((b"content-encoding", b"gzip"))
        await self.send(start)
        await self.send({**message, "body": compressed})

    async def _on_more_body(self, message: Message) -> None:
        assert self.compressor is not None
        body: bytes = message.get("body", b"")
        if message.get("more_body", False):
            chunk = self.compressor.compress(body) + self.compressor.flush(zlib.Z_SYNC_FLUSH)
        else:
            chunk = self.compressor.compress(body) + self.compressor.flush()
        await self.send({**message, "body": chunk})

    async def _compressed(self, body: bytes, etag: bytes | None) -> bytes:
        if etag is not None and self.copies is not None:
            kept = self.copies.get(etag)
            if kept is not None:
                return kept
        if len(body) >= THREAD_MIN_BYTES:
            compressed = await anyio.to_thread.run_sync(gzipped, body)
        else:
            compressed = gzipped(body)
        if etag is not None and self.copies is not None and self.shared:
            self.copies.keep(etag, compressed)
        return compressed
