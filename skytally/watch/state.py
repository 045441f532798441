"""What the watch has done, kept in one JSON file written atomically: the basis of "nothing twice".

Each post of the channel the watch has decided about has a stage:

    seen -> stored -> published -> done        (a report that passed the checks)
    skipped | refused | held | superseded      (decided once, logged once, never published)

A stage is written *before* the next step's side effect is acknowledged, so a crash leaves the
post at the last stage it completed and the next pass resumes from there: storing is idempotent
(the ledger keeps one copy of a text), writing the files is idempotent (same content, atomic
rename), and the --exec hook is at-least-once (its JSON carries a ``delivery_id`` to de-duplicate).

The file also holds the published items (their provenance and changes: the source of
``watch/items.json``), the channel fault being reported (so it is reported once, even across
``--once`` runs from cron), and the mark of the ledger's sources last compared with the items.
The ledger's store is not written here: it is another module's.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from skytally.errors import StoreError

STATE_VERSION = 1
# Stages after which a post is never looked at again (unless its text is edited on the channel).
FINAL_STAGES = frozenset({"done", "skipped", "refused", "held", "superseded"})


@dataclass
class WatchState:
    """The watch's memory: posts by id, published items by attack id, the fault being reported."""

    path: Path | None
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    items: dict[str, dict[str, Any]] = field(default_factory=dict)
    fault: dict[str, Any] | None = None
    ledger_mark: str | None = None

    @classmethod
    def load(cls, path: Path | None) -> WatchState:
        """Return the state stored at ``path`` (a new, empty one if the file does not exist yet).

        ``path=None`` gives a state that lives in memory only (the dry run's).

        Raises:
            StoreError: the file exists but is not a watch state (the message says which file).
        """
        if path is None or not path.exists():
            return cls(path)
        try:
            raw = json.loads(path.read_text("utf-8"))
            if raw.get("version") != STATE_VERSION:
                raise ValueError(f"version {raw.get('version')!r}, expected {STATE_VERSION}")
            return cls(path, raw["posts"], raw["items"], raw.get("fault"), raw.get("ledger_mark"))
        except (ValueError, KeyError, AttributeError) as exc:
            raise StoreError(
                f"{path}: not a watch state file ({exc})",
                hint="move it away to start afresh: the ledger keeps every stored report, so nothing is stored twice",
            ) from None

    def save(self) -> None:
        """Write the state atomically (temporary file, fsync, rename); no-op for an in-memory state."""
        if self.path is None:
            return
        data = {
            "version": STATE_VERSION,
            "posts": self.posts,
            "items": self.items,
            "fault": self.fault,
            "ledger_mark": self.ledger_mark,
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))

    def post(self, post_id: int) -> dict[str, Any] | None:
        """Return what is recorded of a post, or None for a post never decided about."""
        return self.posts.get(str(post_id))

    def set_post(self, post_id: int, **fields: Any) -> dict[str, Any]:
        """Record fields of a post (its stage, ids, reason) and save at once: a stage is a promise."""
        entry = self.posts.setdefault(str(post_id), {})
        entry.update(fields)
        self.save()
        return entry


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write a file so that readers see the old or the new content, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def exclusive(path: Path) -> Iterator[bool]:
    """Hold an exclusive lock on ``path`` (created if needed) while inside; yield False if another holds it.

    Two watches writing one state would publish twice; a cron job started while the last one
    still runs must step aside.
    """
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock, as before this existed
        yield True
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def copy_store(source: Path, target: Path) -> None:
    """Copy a SQLite store with SQLite's backup (consistent even while another process writes it)."""
    import sqlite3

    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
