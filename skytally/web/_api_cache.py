"""ASGI middleware: answer a repeated read from stored bytes, and refuse oversized request bodies.

The figures change only when the store does (a report, a correction, a new dataset version), so
a read's response is a pure function of its URL and the store's generation. Storing the finished
bytes per URL lets a repeated request skip routing, validation and serialisation: that is what
takes the API past a thousand requests a second on two cores (bench/web_bench.py). The store is
the ``Site``'s ``ResponseStore``, which ``Site.reload()`` empties.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from skytally.web._errors import error_body

# Only these paths are cached: they answer the same bytes for the same URL. Pages may vary with
# headers (a language negotiated from Accept-Language), so they are not stored here.
CACHED_PREFIXES = ("/api/", "/feed.")
MAX_CACHED_BODY = 4_000_000
# Request bodies: a check of a 200 kB article in JSON, escapes included, fits under this.
MAX_REQUEST_BODY = 1_000_000


class ResponseCacheMiddleware:
    """Store 200 responses of GET requests under CACHED_PREFIXES; replay them byte for byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not scope["path"].startswith(CACHED_PREFIXES):
            await self.app(scope, receive, send)
            return
        site = scope["app"].state.site
        site.check_for_changes()
        key = (scope["path"], scope["query_string"])
        hit = site.responses.get(key)
        if hit is not None:
            status, headers, body = hit
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        generation = site.generation
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    _store(site, key, generation, start, chunks)
            await send(message)

        await self.app(scope, receive, capture)


def _store(site: Any, key: Any, generation: int, start: dict[str, Any], chunks: list[bytes]) -> None:
    body = b"".join(chunks)
    headers = list(start.get("headers", []))
    if start.get("status") != 200 or len(body) > MAX_CACHED_BODY or site.generation != generation:
        return
    if any(name.lower() == b"set-cookie" for name, _ in headers):
        return
    site.responses.put(key, (200, [*headers, (b"x-skytally-cache", b"hit")], body))


class BodyLimitMiddleware:
    """Answer 413 with the JSON error shape when a request body passes MAX_REQUEST_BODY bytes.

    Checks the declared Content-Length first, then counts what arrives, so a client that lies
    about the length or streams without one is cut off too; nothing past the limit is buffered.
    """

    def __init__(self, app: ASGIApp, max_body: int = MAX_REQUEST_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _too_large(send, self.max_body)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    # An HTTPException: FastAPI re-raises it from its body reading, and the app's
                    # handler answers it with the JSON error shape.
                    raise HTTPException(413, _too_large_message(self.max_body))
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except HTTPException as exc:
            if exc.status_code != 413 or started:
                raise
            await _too_large(send, self.max_body)


def _too_large_message(limit: int) -> str:
    return f"the request body is over {limit:,} bytes"


async def _too_large(send: Send, limit: int) -> None:
    body = json.dumps(error_body(413, _too_large_message(limit), "send the article's text alone, or its URL")).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
