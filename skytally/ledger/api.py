"""The ledger as a Python object: open a store, load data into it, ask it for attacks and rows.

``Ledger`` is the typed API that the CLI, the web app and notebooks share. It returns plain
dataclasses (``Attack``, ``Row``, ``LoadReport``); ``to_pandas`` / ``to_polars`` import those
libraries only when called.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from skytally.errors import NotFoundError
from skytally.ledger import attack_cache, store, store_sources
from skytally.ledger.attacks import build_attacks
from skytally.ledger.fetch import DatasetFiles, Progress, read_dataset_files
from skytally.ledger.load import parse_dataset
from skytally.ledger.model import Attack, DatasetVersion, LoadReport, Rejected, Row, RowChange
from skytally.ledger.reconcile import SourceChoice, find_discrepancies, reconcile
from skytally.ledger.sources import Correction, Discrepancy, ReportRecord, StoredReport


@dataclass(frozen=True, slots=True)
class AttackLookup:
    """The answer to "what happened on DATE": its attacks, or the nearest ones when there are none."""

    date: date
    attacks: tuple[Attack, ...]
    before: Attack | None
    after: Attack | None


class Ledger:
    """The store of official figures: one SQLite file, read through typed objects.

    ``source`` chooses the figures: "default" uses, for each attack, the Air Force's report where
    one is stored, else the dataset, with manual corrections on top; "dataset" or "report" forces
    one (see ledger/reconcile.py).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, source: SourceChoice = "default") -> None:
        self.conn = conn
        self.path = path
        self.source: SourceChoice = source
        self._dataset: list[Attack] | None = None
        self._attacks: list[Attack] | None = None

    # ------------------------------------------------------------------ loading
    def load_files(self, files: DatasetFiles) -> LoadReport:
        """Load dataset files as the store's current version (one transaction); return what changed."""
        parsed = parse_dataset(files.data, files.file_name)
        models = _reference_models(files.models_data) if files.models_data else None
        report = store.store_dataset(
            self.conn,
            parsed,
            sha256=hashlib.sha256(files.data).hexdigest(),
            origin=files.origin,
            reference_models=models,
        )
        self._dataset = None
        self._attacks = None
        return report

    def update(self, source: str, *, progress: Progress | None = None, timeout: float = 30.0) -> LoadReport:
        """Load the dataset from a path or URL (CSV, zip, or folder); see ``fetch.read_dataset_files``."""
        return self.load_files(read_dataset_files(source, progress=progress, timeout=timeout))

    def is_empty(self) -> bool:
        """Whether no dataset has been loaded yet."""
        return store.current_version(self.conn) is None

    # ------------------------------------------------------------------ reading
    def rows(self) -> list[Row]:
        """Return every row of the current dataset version, national and regional."""
        return store.read_rows(self.conn)

    def dataset_attacks(self) -> list[Attack]:
        """Return the attacks as the dataset alone gives them, oldest first."""
        if self._dataset is None:
            self._dataset = self._cached_dataset_attacks()
        return self._dataset

    def _cached_dataset_attacks(self) -> list[Attack]:
        """Read the attacks from the store's cache for this version, or build them and cache them."""
        version = store.current_version(self.conn)
        if version is None:
            return []
        key = attack_cache.code_key()
        payload = store.cached_attacks(self.conn, version.sha256, key)
        if payload is not None:
            return attack_cache.decode(payload)
        attacks = build_attacks(self.rows())
        store.cache_attacks(self.conn, version.sha256, key, attack_cache.encode(attacks))
        return attacks

    def attacks(
        self,
        *,
        year: int | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Attack]:
        """Return the attacks, oldest first, optionally within a year and/or a date range (inclusive)."""
        if self._attacks is None:
            self._attacks = reconcile(self.dataset_attacks(), self.reports(), self.corrections(), source=self.source)
        return [
            a
            for a in self._attacks
            if (year is None or a.date.year == year)
            and (since is None or a.date >= since)
            and (until is None or a.date <= until)
        ]

    def lookup(self, day: date) -> AttackLookup:
        """Return the attacks that ended on a Kyiv date, or the nearest ones before and after."""
        # Always from the whole list (read from the attack cache: ~25 ms): an attack built from the
        # rows near the date alone would miss warnings that need the other dates (a post shared
        # with an attack days away), and `show` would then disagree with the API.
        everything = self.attacks()
        found = [a for a in everything if a.date == day]
        before = next((a for a in reversed(everything) if a.date < day), None)
        after = next((a for a in everything if a.date > day), None)
        return AttackLookup(day, tuple(found), None if found else before, None if found else after)

    def attack(self, key: str | date) -> Attack:
        """Return one attack by id (``2025-08-21``, ``2025-08-21#2``), date, or ``latest``.

        Raises:
            NotFoundError: no national attack ended that day (the message names the nearest ones).
        """
        if key == "latest":
            everything = self.attacks()
            if not everything:
                raise NotFoundError("the store holds no attack", hint="load the dataset: skytally update")
            return everything[-1]
        text = key.isoformat() if isinstance(key, date) else key
        day = date.fromisoformat(text.split("#", 1)[0])
        found = self.lookup(day)
        for attack in found.attacks:
            if attack.id == text:
                return attack
        raise NotFoundError(no_attack_message(found))

    def rows_by_id(self, ids: tuple[int, ...]) -> list[Row]:
        """Return the rows with these store ids, in file order."""
        return store.read_rows(self.conn, ids=ids)

    # ------------------------------------------------------------------ other sources
    def add_report(self, record: ReportRecord) -> tuple[StoredReport, list[int], bool]:
        """Store a parsed report; return it, the reports it replaces, and whether it was already there."""
        result = store_sources.add_report(self.conn, record)
        self._attacks = None
        return result

    def reports(self, *, active_only: bool = True) -> list[StoredReport]:
        """Return the stored reports (by default those not replaced by a later one)."""
        return store_sources.list_reports(self.conn, active_only=active_only)

    def add_correction(
        self, *, attack_id: str, model: str, field: str, value: int, source_url: str, note: str
    ) -> Correction:
        """Record a manual correction of one figure of one attack, with its citation."""
        correction = store_sources.add_correction(
            self.conn, attack_id=attack_id, model=model, field=field, value=value, source_url=source_url, note=note
        )
        self._attacks = None
        return correction

    def add_event(self, record: dict[str, str]) -> bool:
        """Store a named event (events.csv columns, validated by the caller); False if its id exists."""
        return store_sources.add_event(self.conn, record)

    def user_events(self) -> list[dict[str, str]]:
        """Return the events people added to this store (events.csv columns)."""
        return store_sources.list_events(self.conn)

    def corrections(self) -> list[Correction]:
        """Return the manual corrections, oldest first."""
        return store_sources.list_corrections(self.conn)

    def discrepancies(self, *, year: int | None = None, day: date | None = None) -> list[Discrepancy]:
        """Return the figures on which the sources disagree, for a year, a date, or everything."""
        used = [a for a in self.attacks(year=year) if day is None or a.date == day]
        return find_discrepancies(self.dataset_attacks(), used, self.reports(), self.corrections())

    # ------------------------------------------------------------------ provenance
    def versions(self) -> list[DatasetVersion]:
        """Return every dataset version loaded, oldest first."""
        return store.list_versions(self.conn)

    def changes(self, version: DatasetVersion) -> list[RowChange]:
        """Return what changed when a version was loaded (against the version before it)."""
        return store.list_changes(self.conn, version.id)

    def rejected(self, version: DatasetVersion | None = None) -> list[Rejected]:
        """Return the rejected rows of a version (default: the current one)."""
        version = version or store.current_version(self.conn)
        return store.list_rejected(self.conn, version.id) if version else []

    # ------------------------------------------------------------------ dataframes
    def to_pandas(self, **filters: Any) -> Any:
        """Return the attacks as a pandas DataFrame (needs the ``pandas`` extra)."""
        import pandas as pd

        return pd.DataFrame([attack_record(a) for a in self.attacks(**filters)])

    def to_polars(self, **filters: Any) -> Any:
        """Return the attacks as a polars DataFrame (needs the ``polars`` extra)."""
        import polars as pl

        return pl.DataFrame([attack_record(a) for a in self.attacks(**filters)])


def attack_record(attack: Attack) -> dict[str, Any]:
    """Return one flat record of an attack: date, totals, and launched per weapon class."""
    record: dict[str, Any] = {
        "id": attack.id,
        "date": attack.date.isoformat(),
        "drones": attack.drones,
        "missiles": attack.missiles,
        "total": attack.total,
        "drones_destroyed": attack.drones_destroyed,
        "missiles_destroyed": attack.missiles_destroyed,
        "bombs": attack.bombs,
        "start": attack.start.isoformat(),
        "end": attack.end.isoformat(),
        "source": attack.source,
    }
    for weapon_class, count in sorted(attack.launched_by_class.items()):
        record[weapon_class] = count
    return record


def no_attack_message(found: AttackLookup) -> str:
    """Return the message for a date with no national attack, naming the nearest ones."""
    near = [f"{a.id} ({a.drones} drones, {a.missiles} missiles)" for a in (found.before, found.after) if a]
    text = f"no national attack ended on {found.date.isoformat()}"
    return text + (f"; nearest: {', '.join(near)}" if near else "")


def _reference_models(data: bytes) -> list[dict[str, str]]:
    text = data.decode("utf-8-sig", errors="replace")
    return list(csv.DictReader(io.StringIO(text)))


def open_ledger(
    path: str | Path | None = None,
    *,
    source: SourceChoice = "default",
    read_only: bool = False,
    threads: bool = False,
) -> Ledger:
    """Return the ledger stored at ``path`` (default: $SKYTALLY_DB or the user's data directory).

    ``source``: "default" (report where stored, else dataset, corrections on top), "dataset" or "report".
    ``read_only``/``threads``: see ``store.connect`` (the web app reads through a read-only connection).
    """
    if path is None:
        from skytally.config import default_db_path

        path = default_db_path()
    path = Path(path)
    return Ledger(store.connect(path, read_only=read_only, threads=threads), path, source)
