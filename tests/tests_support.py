"""Helpers shared by test modules (importable because pytest puts tests/ on sys.path)."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import shared_path


def shared(*parts: str) -> Path:
    """Return a path under ../shared, failing the test if it is missing."""
    return shared_path(*parts)


class PageServer:
    """A loopback HTTP server of hand-written pages, for the channel reader's and the watch's tests.

    ``pages`` maps a request path to a fixture file. ``/error`` answers ``error_status``;
    ``/slow`` waits on ``release`` (at most 5 s, longer than the tests' timeouts) and is released
    when the server stops, so no thread outlives it. No test touches the internet.
    """

    def __init__(self, pages: Callable[[str], Path | None], *, error_status: int = 500) -> None:
        self.release = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/error":
                    self.send_error(error_status)
                    return
                if self.path == "/slow":
                    server.release.wait(5)
                    with contextlib.suppress(OSError):  # the client gave up long ago
                        self._send(b"<html></html>")
                    return
                page = pages(self.path)
                if page is None or not page.is_file():
                    self.send_error(404)
                    return
                self._send(page.read_bytes())

            def _send(self, body: bytes) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # quiet: tests read the tool's output
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    @contextlib.contextmanager
    def running(self) -> Iterator[str]:
        """Serve in a thread; yield the base address; stop and release /slow at the end."""
        thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{self._httpd.server_address[1]}"
        finally:
            self.release.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            thread.join(timeout=5)
