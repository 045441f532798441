"""The site's view of the ledger: one read-only store, attacks and contexts computed once and cached.

Every page, API endpoint, feed and the static publisher read figures through a ``Site``, which
calls the same functions as the CLI (``build_context``, ``render_bulletin``, ``attack_json``):
that is what keeps the figures identical across the interfaces.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from skytally.context import AttackContext, Event, build_context, load_events, merge_events
from skytally.ledger.api import Ledger, open_ledger
from skytally.ledger.model import Attack
from skytally.ledger.reconcile import SourceChoice

T = TypeVar("T")

# How often a request may ask SQLite whether another process (the CLI, `skytally watch`) wrote the
# store: a cheap PRAGMA, but not one per request at thousands of requests a second.
CHANGE_CHECK_SECONDS = 1.0


class ResponseStore:
    """Finished responses (status, headers, body) by URL, least recently used dropped past a bound.

    The bound keeps a crawler or a fuzzer asking for endless distinct query strings from growing
    the server's memory; the cached reads people ask for again fit many times over.
    """

    def __init__(self, max_entries: int = 2048) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Any) -> Any | None:
        """Return the stored response of ``key``, or None."""
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: Any, value: Any) -> None:
        """Store a response, dropping the least recently used past ``max_entries``."""
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        """Drop every stored response (the store changed)."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class Site:
    """Cached, thread-safe read access to one store, for a server's worker threads.

    The store is opened read-only; ``reload()`` drops the caches after a write (a write endpoint
    or the morning watch adds a report), so the next read sees it. ``generation`` counts the
    reloads: a file cached for one generation (an export) is stale in the next.
    """

    def __init__(self, db_path: str | Path, *, token: str | None = None, base_url: str = "") -> None:
        self.db_path = Path(db_path)
        self.token = token
        self.base_url = base_url.rstrip("/")
        # A static copy (`skytally publish`): pages hide what needs the live server (the check form, the API).
        self.static = False
        self.generation = 0
        self.responses = ResponseStore()
        self._lock = threading.RLock()
        self._write_lock = threading.Lock()
        self._ledger = open_ledger(self.db_path, read_only=True, threads=True)
        self._ledgers: dict[str, Ledger] = {"default": self._ledger}
        self._cache: dict[Any, Any] = {}
        self._data_version = self._read_data_version()
        self._checked_at = time.monotonic()
        self.change_check_seconds = CHANGE_CHECK_SECONDS

    # ------------------------------------------------------------------ plumbing
    def read(self, fn: Callable[[Ledger], T], *, source: SourceChoice = "default") -> T:
        """Run ``fn`` on the read-only ledger under the site's lock (one sqlite connection, many threads).

        ``source`` picks the figures as the CLI's ``--source`` does: "default", "dataset" or "report".
        """
        with self._lock:
            ledger = self._ledgers.get(source)
            if ledger is None:
                # The same read-only connection, another choice of figures (ledger/reconcile.py).
                ledger = self._ledgers[source] = Ledger(self._ledger.conn, self.db_path, source)
            return fn(ledger)

    def cached(self, key: Any, fn: Callable[[], T]) -> T:
        """Return the cached value of ``key``, computing it once with ``fn`` (under the lock)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = fn()
            return self._cache[key]

    def reload(self) -> None:
        """Forget every cached figure and response: the store changed."""
        with self._lock:
            # The old connection is not closed: a caller may still hold a ledger on it; it closes
            # when the last reference goes.
            self._ledger = open_ledger(self.db_path, read_only=True, threads=True)
            self._ledgers = {"default": self._ledger}
            self._cache.clear()
            self.responses.clear()
            self.__dict__.pop("events", None)
            self.generation += 1
            self._data_version = self._read_data_version()

    def write(self, fn: Callable[[Ledger], T]) -> T:
        """Run ``fn`` on a read-write ledger of the same store (one writer at a time), then reload.

        Reads never go through this connection: the read endpoints keep the read-only one, so no
        request that reads can write whatever it sends.
        """
        with self._write_lock:
            ledger = open_ledger(self.db_path)
            try:
                return fn(ledger)
            finally:
                ledger.conn.close()
                self.reload()

    def _read_data_version(self) -> int:
        return int(self._ledger.conn.execute("PRAGMA data_version").fetchone()[0])

    def check_for_changes(self) -> bool:
        """Reload if another process wrote the store since the last look; return whether it did.

        Looks at most once per ``change_check_seconds``, and never waits for the lock: a request that
        finds the site busy serves the cache and lets a later one look.
        """
        now = time.monotonic()
        if now - self._checked_at < self.change_check_seconds:
            return False
        if not self._lock.acquire(blocking=False):
            return False
        try:
            self._checked_at = now
            # PRAGMA data_version changes when another connection commits to the file.
            changed = self._read_data_version() != self._data_version
            if changed:
                self.reload()
            return changed
        finally:
            self._lock.release()

    # ------------------------------------------------------------------ figures
    def attacks(self, source: SourceChoice = "default") -> list[Attack]:
        """All national attacks, oldest first (reports and corrections applied, as the CLI's default)."""
        return self.cached(("attacks", source), lambda: self.read(lambda ledger: ledger.attacks(), source=source))

    def attack(self, key: str, source: SourceChoice = "default") -> Attack:
        """One attack by id, date or ``latest``; raises NotFoundError naming the nearest ones.

        Always taken from the whole list (``attacks()``), never from the ledger's quick look-up
        of a few days' rows: an attack's warnings can depend on other attacks (a source post
        shared with another date), and the site must answer the same whatever was asked first.
        """
        attacks = self.attacks(source)
        if key == "latest" and attacks:
            return attacks[-1]
        by_id: dict[str, Attack] = self.cached(("by_id", source), lambda: {a.id: a for a in attacks})
        found = by_id.get(key)
        if found is not None:
            return found
        # Not an attack: the ledger's NotFoundError names the nearest ones.
        return self.read(lambda ledger: ledger.attack(key), source=source)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The shipped events plus those people added to the store."""
        return merge_events(load_events(), self.read(lambda ledger: ledger.user_events()))

    def context(self, attack: Attack) -> AttackContext:
        """The attack's context with the CLI's defaults (30-day window, the two latest events)."""
        return self.cached(("context", attack.id), lambda: build_context(self.attacks(), attack, events=self.events))

    def context_with(
        self,
        attack: Attack,
        *,
        source: SourceChoice = "default",
        window_days: int = 30,
        since_events: Sequence[Event] | None = None,
    ) -> AttackContext:
        """The attack's context with the CLI's options (``--source``, ``--window-days``, ``--since-event``)."""
        if source == "default" and window_days == 30 and not since_events:
            return self.context(attack)
        key = ("context", attack.id, source, window_days, tuple(e.id for e in since_events or ()))
        return self.cached(
            key,
            lambda: build_context(
                self.attacks(source),
                attack,
                events=self.events,
                since_events=tuple(since_events) if since_events else None,
                window_days=window_days,
            ),
        )
