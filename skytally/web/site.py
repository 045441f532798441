"""The site's view of the ledger: one read-only store, attacks and contexts computed once and cached.

Every page, API endpoint, feed and the static publisher read figures through a ``Site``, which
calls the same functions as the CLI (``build_context``, ``render_bulletin``, ``attack_json``):
that is what keeps the figures identical across the interfaces.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from skytally.context import AttackContext, Event, build_context, load_events, merge_events
from skytally.ledger.api import Ledger, open_ledger
from skytally.ledger.model import Attack

T = TypeVar("T")


class Site:
    """Cached, thread-safe read access to one store, for a server's worker threads.

    The store is opened read-only; ``reload()`` drops the caches after a write (a write endpoint
    or the morning watch adds a report), so the next read sees it.
    """

    def __init__(self, db_path: str | Path, *, token: str | None = None, base_url: str = "") -> None:
        self.db_path = Path(db_path)
        self.token = token
        self.base_url = base_url.rstrip("/")
        self._lock = threading.RLock()
        self._ledger = open_ledger(self.db_path, read_only=True, threads=True)
        self._cache: dict[Any, Any] = {}

    # ------------------------------------------------------------------ plumbing
    def read(self, fn: Callable[[Ledger], T]) -> T:
        """Run ``fn`` on the read-only ledger under the site's lock (one sqlite connection, many threads)."""
        with self._lock:
            return fn(self._ledger)

    def cached(self, key: Any, fn: Callable[[], T]) -> T:
        """Return the cached value of ``key``, computing it once with ``fn`` (under the lock)."""
        with self._lock:
            if key not in self._cache:
                self._cache[key] = fn()
            return self._cache[key]

    def reload(self) -> None:
        """Forget every cached figure: the store changed."""
        with self._lock:
            self._ledger = open_ledger(self.db_path, read_only=True, threads=True)
            self._cache.clear()
            self.__dict__.pop("events", None)

    # ------------------------------------------------------------------ figures
    def attacks(self) -> list[Attack]:
        """All national attacks, oldest first (reports and corrections applied, as the CLI's default)."""
        return self.cached("attacks", lambda: self.read(lambda ledger: ledger.attacks()))

    def attack(self, key: str) -> Attack:
        """One attack by id, date or ``latest``; raises NotFoundError naming the nearest ones."""
        return self.read(lambda ledger: ledger.attack(key))

    @cached_property
    def events(self) -> tuple[Event, ...]:
        """The shipped events plus those people added to the store."""
        return merge_events(load_events(), self.read(lambda ledger: ledger.user_events()))

    def context(self, attack: Attack) -> AttackContext:
        """The attack's context with the CLI's defaults (30-day window, the two latest events)."""
        return self.cached(("context", attack.id), lambda: build_context(self.attacks(), attack, events=self.events))
