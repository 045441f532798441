"""The watch's test bench: a loopback server of channel pages, a store per test, a recording --exec hook.

The pages are tests/fixtures/watch/page_*.html (our posts, in the structure of t.me/s/kpszsu).
The server also answers /slow (waits on an event, at most 5 s, longer than the tests' timeout)
and /error (HTTP 503). No test touches the internet; the clock is always pinned.
"""

from __future__ import annotations

import json
import logging
import shlex
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from tests_support import PageServer

from skytally.watch import Watcher, WatchOptions
from skytally.watch.state import copy_store

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "watch"


def _page(path: str) -> Path | None:
    return PAGES / path.lstrip("/") if path.startswith("/page_") else None


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base address of a loopback server of the fixture pages (/error answers 503)."""
    with PageServer(_page, error_status=503).running() as base:
        yield base


@pytest.fixture
def store(loaded_db: Path, tmp_path: Path) -> Path:
    """A copy of the session's store loaded with the shared dataset, this test's to write."""
    path = tmp_path / "store.sqlite"
    copy_store(loaded_db, path)
    return path


@pytest.fixture
def exec_log(tmp_path: Path) -> Path:
    """The file the recording --exec hook appends each payload to (one JSON document a line)."""
    return tmp_path / "exec.jsonl"


def recording_hook(target: Path, *, fail_marker: Path | None = None) -> str:
    """Return an --exec command that appends its stdin to ``target`` (and fails while ``fail_marker`` exists)."""
    code = "import sys, pathlib; data = sys.stdin.buffer.read()\n"
    if fail_marker is not None:
        code += f"if pathlib.Path({str(fail_marker)!r}).exists(): sys.exit('hook down')\n"
    code += f"open({str(target)!r}, 'ab').write(data + b'\\n')"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"


def payloads(target: Path) -> list[dict]:
    """Return the JSON documents the recording hook received, in order."""
    if not target.exists():
        return []
    return [json.loads(line) for line in target.read_text("utf-8").splitlines() if line.strip()]


class Bench:
    """Builds watchers on one store, state and publish folder, with a clock the test sets."""

    def __init__(self, server: str, store: Path, tmp_path: Path, exec_log: Path) -> None:
        self.server = server
        self.store = store
        self.state_path = tmp_path / "state.json"
        self.publish_dir = tmp_path / "site"
        self.exec_log = exec_log
        self.now = datetime.fromisoformat("2026-06-07T06:00:00+00:00")

    def watcher(self, page: str, *, now: str | None = None, **options: object) -> Watcher:
        """Return a watcher of ``page`` (a fixture name or a route) with the test's clock."""
        if now is not None:
            self.now = datetime.fromisoformat(now)
        settings: dict = {
            "url": f"{self.server}/{page}",
            "db_path": self.store,
            "state_path": self.state_path,
            "publish_dir": self.publish_dir,
            "exec_cmd": recording_hook(self.exec_log),
            "timeout": 2.0,
            "charts": False,
            "site": False,
            "every": 10.0,
        }
        settings.update(options)
        return Watcher(WatchOptions(**settings), clock=lambda: self.now)

    def run(self, page: str, *, now: str | None = None, **options: object):  # type: ignore[no-untyped-def]
        """Run one pass over ``page`` with a new watcher (as cron would) and return its result."""
        watcher = self.watcher(page, now=now, **options)
        try:
            return watcher.run_pass()
        finally:
            watcher.close()

    def files(self) -> set[str]:
        """Return the files under the publish folder, relative to it."""
        if not self.publish_dir.exists():
            return set()
        return {str(p.relative_to(self.publish_dir)) for p in self.publish_dir.rglob("*") if p.is_file()}

    def items(self) -> list[dict]:
        """Return the published items of watch/items.json."""
        return json.loads((self.publish_dir / "watch" / "items.json").read_text("utf-8"))["items"]

    def bulletin(self, slug: str, lang: str) -> str:
        """Return a published bulletin's text."""
        return (self.publish_dir / "watch" / "bulletins" / f"{slug}.{lang}.txt").read_text("utf-8")


@pytest.fixture
def bench(server: str, store: Path, tmp_path: Path, exec_log: Path) -> Bench:
    """A watch bench over a fresh copy of the loaded store."""
    return Bench(server, store, tmp_path, exec_log)


@pytest.fixture
def watch_log(caplog: pytest.LogCaptureFixture) -> Callable[[], list[str]]:
    """Return a function giving the watch's log lines so far (INFO and above)."""
    caplog.set_level(logging.INFO, logger="skytally.watch")

    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == "skytally.watch" and r.levelno >= logging.INFO]

    return lines
