"""The SQLite store: schema, connection, and the one transaction that loads a dataset version.

The only module that writes the store. A load is all-or-nothing: it runs inside one
``BEGIN IMMEDIATE … COMMIT``; an error (or the process being killed) before COMMIT leaves the
store exactly as it was, which SQLite's journal guarantees.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from skytally.errors import StoreError
from skytally.ledger.load import ParsedDataset, ParsedRow
from skytally.ledger.model import DatasetVersion, LoadReport, Rejected, Row, RowChange

SCHEMA_VERSION = 4

_ROW_COLUMNS = (
    "time_start",
    "time_end",
    "time_start_has_time",
    "time_end_has_time",
    "model_raw",
    "model",
    "models",
    "weapon_class",
    "category",
    "combined",
    "launched",
    "destroyed",
    "not_reach_goal",
    "still_attacking",
    "hit_locations",
    "debris_locations",
    "launch_places",
    "target",
    "target_main",
    "carrier",
    "affected_region",
    "destroyed_details",
    "launched_details",
    "launch_place_details",
    "reporter",
    "reporter_kind",
    "source",
    "source_url",
)


def connect(path: str | Path, *, read_only: bool = False, threads: bool = False) -> sqlite3.Connection:
    """Return a connection to the store at ``path``, creating it (and its folder) if new.

    ``read_only`` opens an existing store with SQLite's ``mode=ro``: the web app's read endpoints
    use it, so no request can write whatever it sends. ``threads`` lets a server share the
    connection between its worker threads (the caller serialises access).

    Raises:
        StoreError: the file is not a skytally store, was written by a newer schema, or (read-only) is missing.
    """
    path = Path(path)
    if read_only:
        return _connect_read_only(path, threads=threads)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=not threads)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL keeps every commit atomic (a crash loses at most the last one, never half).
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        version = _schema_version(conn)
        if version is None or version < SCHEMA_VERSION:
            # Idempotent (CREATE … IF NOT EXISTS): creates a new store, or adds the tables a store
            # of an older schema lacks; two processes doing it at once both succeed.
            conn.executescript(_schema_sql())
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        elif version > SCHEMA_VERSION:
            raise StoreError(
                f"the store was written by a newer skytally (schema {version}, this one reads {SCHEMA_VERSION})",
                path=str(path),
                hint="upgrade skytally, or use another store with --db",
            )
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"not a usable skytally store: {exc}",
            path=str(path),
            hint="move it away, or use another store with --db PATH",
        ) from None
    return conn


def _connect_read_only(path: Path, *, threads: bool) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError("no store at this path", path=str(path), hint="load the dataset first: skytally update")
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=not threads
        )
        conn.row_factory = sqlite3.Row
        version = _schema_version(conn)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"not a usable skytally store: {exc}", path=str(path)) from None
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema {version}, this skytally reads {SCHEMA_VERSION}",
            path=str(path),
            hint="open it once read-write (any skytally command) to upgrade it",
        )
    return conn


def _schema_sql() -> str:
    return resources.files("skytally.ledger").joinpath("schema.sql").read_text("utf-8")


def _schema_version(conn: sqlite3.Connection) -> int | None:
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
    if not exists:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else None


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one immediate transaction: all of it is written, or none of it."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def current_version(conn: sqlite3.Connection) -> DatasetVersion | None:
    """Return the dataset version whose rows the store holds, or None for an empty store."""
    row = conn.execute("SELECT * FROM dataset_versions WHERE is_current=1").fetchone()
    return _version(row) if row else None


def list_versions(conn: sqlite3.Connection) -> list[DatasetVersion]:
    """Return every dataset version ever loaded, oldest first."""
    return [_version(r) for r in conn.execute("SELECT * FROM dataset_versions ORDER BY id")]


def _version(row: sqlite3.Row) -> DatasetVersion:
    return DatasetVersion(
        id=row["id"],
        file_name=row["file_name"],
        sha256=row["sha256"],
        origin=row["origin"],
        loaded_at=datetime.fromisoformat(row["loaded_at"]),
        rows=row["row_count"],
        rejected=row["rejected_count"],
        current=bool(row["is_current"]),
    )


def store_dataset(
    conn: sqlite3.Connection,
    parsed: ParsedDataset,
    *,
    sha256: str,
    origin: str,
    reference_models: list[dict[str, str]] | None = None,
) -> LoadReport:
    """Make ``parsed`` the store's current dataset version, in one transaction; return what changed.

    Loading the version that is already current changes nothing. Otherwise the previous
    version's rows are replaced and the differences (rows added, removed, and each edited field
    with its old and new value) are recorded against the new version.
    """
    current = current_version(conn)
    if current is not None and current.sha256 == sha256:
        return LoadReport(parsed.file_name, sha256, origin, current.rows, (), (), True, sha256)
    with transaction(conn):
        old = {
            r["row_key"]: (r["line"], json.loads(r["raw"]))
            for r in conn.execute("SELECT row_key, line, raw FROM dataset_rows")
        }
        changes = diff_rows(old, parsed.rows) if current is not None else []
        cur = conn.execute(
            "INSERT INTO dataset_versions (file_name, sha256, origin, loaded_at, row_count,"
            " rejected_count, header) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                parsed.file_name,
                sha256,
                origin,
                datetime.now(UTC).isoformat(timespec="seconds"),
                len(parsed.rows),
                len(parsed.rejected),
                json.dumps(parsed.header, ensure_ascii=False),
            ),
        )
        version_id = cur.lastrowid
        conn.execute("DELETE FROM dataset_rows")
        conn.execute("UPDATE dataset_versions SET is_current = (id = ?)", (version_id,))
        placeholders = ", ".join("?" * (len(_ROW_COLUMNS) + 4))
        conn.executemany(
            f"INSERT INTO dataset_rows (version_id, line, row_key, raw, {', '.join(_ROW_COLUMNS)})"
            f" VALUES ({placeholders})",
            (
                (version_id, r.line, r.key, json.dumps(r.raw, ensure_ascii=False), *(r.values[c] for c in _ROW_COLUMNS))
                for r in parsed.rows
            ),
        )
        conn.executemany(
            "INSERT INTO rejected_rows (version_id, line, field, value, reason) VALUES (?, ?, ?, ?, ?)",
            ((version_id, r.line, r.field, r.value, r.reason) for r in parsed.rejected),
        )
        conn.executemany(
            "INSERT INTO version_changes (version_id, change, row_key, line_old, line_new, field,"
            " old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (version_id, c.change, c.row_key, c.line_old, c.line_new, c.field, c.old_value, c.new_value)
                for c in changes
            ),
        )
        conn.executemany(
            "INSERT INTO reference_models (version_id, model, category, raw) VALUES (?, ?, ?, ?)",
            (
                (version_id, m.get("model", ""), m.get("category", ""), json.dumps(m, ensure_ascii=False))
                for m in reference_models or ()
            ),
        )
    return LoadReport(
        parsed.file_name,
        sha256,
        origin,
        len(parsed.rows),
        parsed.rejected,
        tuple(changes),
        False,
        current.sha256 if current else None,
    )


def diff_rows(old: dict[str, tuple[int, dict[str, str]]], new: tuple[ParsedRow, ...]) -> list[RowChange]:
    """Return the changes from the old rows (by key) to the new ones: added, removed, edited fields.

    A row is the same row across versions when its start, end, model and source (and its
    occurrence among identical ones) are; any other cell that differs is an edit.
    """
    changes: list[RowChange] = []
    new_keys = set()
    for row in new:
        new_keys.add(row.key)
        before = old.get(row.key)
        if before is None:
            changes.append(RowChange("added", row.key, None, row.line))
            continue
        line_old, raw_old = before
        for column in row.raw:
            if column in raw_old and raw_old[column] != row.raw[column]:
                changes.append(
                    RowChange("edited", row.key, line_old, row.line, column, raw_old[column], row.raw[column])
                )
    changes.extend(RowChange("removed", key, line, None) for key, (line, _) in old.items() if key not in new_keys)
    return changes


def list_changes(conn: sqlite3.Connection, version_id: int) -> list[RowChange]:
    """Return the changes recorded when a version was loaded."""
    return [
        RowChange(r["change"], r["row_key"], r["line_old"], r["line_new"], r["field"], r["old_value"], r["new_value"])
        for r in conn.execute("SELECT * FROM version_changes WHERE version_id=? ORDER BY id", (version_id,))
    ]


def list_rejected(conn: sqlite3.Connection, version_id: int) -> list[Rejected]:
    """Return the rows of a version that were rejected, with their reasons."""
    return [
        Rejected(r["line"], r["field"], r["value"], r["reason"])
        for r in conn.execute("SELECT * FROM rejected_rows WHERE version_id=? ORDER BY line", (version_id,))
    ]


def read_rows(
    conn: sqlite3.Connection,
    *,
    ends_from: str | None = None,
    ends_before: str | None = None,
    ids: tuple[int, ...] | None = None,
) -> list[Row]:
    """Return the current version's rows, optionally only those ending in [ends_from, ends_before)
    or with the given ids.

    Bounds are ISO strings compared as text: good to a few hours around a change of UTC offset,
    which is why callers widen them by a day.
    """
    sql = "SELECT r.*, v.sha256 FROM dataset_rows r JOIN dataset_versions v ON v.id = r.version_id"
    where, args = [], []
    if ends_from is not None:
        where.append("r.time_end >= ?")
        args.append(ends_from)
    if ends_before is not None:
        where.append("r.time_end < ?")
        args.append(ends_before)
    if ids is not None:
        where.append(f"r.id IN ({', '.join('?' * len(ids))})")
        args.extend(ids)
    if where:
        sql += " WHERE " + " AND ".join(where)
    order = " ORDER BY r.line" if ids is not None else " ORDER BY r.time_end, r.line"
    return [_row(r) for r in conn.execute(sql + order, args)]


def _row(r: sqlite3.Row) -> Row:
    return Row(
        id=r["id"],
        line=r["line"],
        version_sha256=r["sha256"],
        start=_when(r["time_start"]),
        end=_when(r["time_end"]),
        start_has_time=bool(r["time_start_has_time"]),
        end_has_time=bool(r["time_end_has_time"]),
        model_raw=r["model_raw"],
        models=tuple(_json(r["models"])),
        weapon_class=r["weapon_class"],
        category=r["category"],
        combined=bool(r["combined"]),
        launched=r["launched"],
        destroyed=r["destroyed"],
        not_reach_goal=r["not_reach_goal"],
        still_attacking=r["still_attacking"],
        hit_locations=r["hit_locations"],
        debris_locations=r["debris_locations"],
        launch_places=tuple(_json(r["launch_places"])),
        target=r["target"],
        target_main=r["target_main"],
        carrier=r["carrier"],
        affected_regions=tuple(_json(r["affected_region"])),
        destroyed_details=_json(r["destroyed_details"]),
        launched_details=_json(r["launched_details"]),
        launch_place_details=_json(r["launch_place_details"]),
        reporter=r["reporter"],
        reporter_kind=r["reporter_kind"],
        source=r["source"],
        source_url=r["source_url"],
        raw_json=r["raw"],
    )


@lru_cache(maxsize=4096)
def _when(text: str) -> datetime:
    # Rows of one night share their times: parse each distinct string once.
    return datetime.fromisoformat(text)


def _json(text: str) -> Any:
    # Most cells are empty lists or dicts; skip the parser for them (a fresh object each time).
    if text == "[]":
        return []
    if text == "{}":
        return {}
    return json.loads(text)


def cached_attacks(conn: sqlite3.Connection, version_sha256: str, code_key: str) -> bytes | None:
    """Return the encoded attacks cached for a dataset version and grouping code, if any."""
    row = conn.execute(
        "SELECT payload FROM attack_cache WHERE version_sha256=? AND code_key=?", (version_sha256, code_key)
    ).fetchone()
    return None if row is None else bytes(row[0])


def cache_attacks(conn: sqlite3.Connection, version_sha256: str, code_key: str, payload: bytes) -> bool:
    """Keep the encoded attacks of a version (replacing any older cache); False on a read-only store."""
    try:
        with transaction(conn):
            conn.execute("DELETE FROM attack_cache")
            conn.execute("INSERT INTO attack_cache VALUES (?,?,?)", (version_sha256, code_key, payload))
    except sqlite3.OperationalError:
        return False  # a read-only connection (the web app's): it rebuilds in memory instead
    return True
