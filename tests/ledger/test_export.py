"""Exports of the whole ledger: CSV, Parquet and SQLite hold the ledger's figures, deterministically.

Each format is written once per module from the shared dataset's store and read back with a
reader that knows nothing of skytally (csv, pyarrow, sqlite3).
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from skytally.cli import main
from skytally.ledger.export import companion_paths, export_csv, export_parquet, export_sqlite

# The reference night, as the Air Force reported it (tests/ledger/test_attacks.py has the same figures).
NIGHT = {
    "id": "2025-08-21",
    "drones": 574,
    "missiles": 36,
    "total": 610,
    "drones_destroyed": 546,
    "missiles_destroyed": 30,
    "strike_drone": 574,
    "cruise_missile": 33,
    "ballistic_missile": 2,
    "unknown_missile": 1,
    "strike_drone_destroyed": 546,
    "cruise_missile_destroyed": 30,
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory, ledger) -> Path:
    """A folder holding the three exports of the shared dataset's store."""
    folder = tmp_path_factory.mktemp("export")
    export_csv(ledger, folder / "ledger.csv")
    export_parquet(ledger, folder / "ledger.parquet")
    export_sqlite(ledger, folder / "ledger.sqlite")
    return folder


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _parquet(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_export_writes_the_documented_files(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "ledger-figures.csv",
        "ledger-figures.parquet",
        "ledger-rows.csv",
        "ledger-rows.parquet",
        "ledger.csv",
        "ledger.metadata.json",
        "ledger.parquet",
        "ledger.sqlite",
    ]


def test_csv_counts_and_reference_night(out: Path, ledger) -> None:
    attacks = _csv(out / "ledger.csv")
    assert len(attacks) == len(ledger.attacks())
    night = next(a for a in attacks if a["id"] == "2025-08-21")
    assert {k: night[k] for k in NIGHT} == {k: str(v) for k, v in NIGHT.items()}
    rows = _csv(out / "ledger-rows.csv")
    assert len(rows) == len(ledger.rows())
    counted = [r for r in rows if r["attack_id"] == "2025-08-21" and r["counted"] == "1"]
    assert sum(int(r["launched"]) for r in counted if r["category"] == "drone") == 574
    figures = _csv(out / "ledger-figures.csv")
    assert len(figures) == sum(len(a.figures) for a in ledger.attacks())
    shahed = next(f for f in figures if f["attack_id"] == "2025-08-21" and f["model"] == "Shahed-136/131")
    assert (shahed["launched"], shahed["destroyed"], shahed["evidence"]) == ("574", "546", "7d594ff6:958")
    assert "7d594ff6:958" in {r["ref"] for r in counted}


def test_parquet_counts_and_reference_night(out: Path, ledger) -> None:
    import pyarrow.parquet as pq

    attacks = _parquet(out / "ledger.parquet")
    assert len(attacks) == len(ledger.attacks())
    night = next(a for a in attacks if a["id"] == "2025-08-21")
    assert {k: night[k] for k in NIGHT} == NIGHT
    rows = _parquet(out / "ledger-rows.parquet")
    assert len(rows) == len(ledger.rows())
    row = next(r for r in rows if r["ref"] == "7d594ff6:958")
    assert (row["line"], row["launched"], row["attack_id"], row["counted"]) == (958, 574, "2025-08-21", 1)
    assert json.loads(row["raw"])["model"] == row["model_raw"]
    meta = pq.read_schema(out / "ledger.parquet").metadata
    assert meta[b"licence"] == b"CC BY-NC-SA 4.0"
    assert meta[b"dataset_sha256"].decode() == ledger.versions()[-1].sha256


def test_sqlite_counts_reference_night_and_provenance(out: Path, ledger) -> None:
    conn = sqlite3.connect(out / "ledger.sqlite")
    conn.row_factory = sqlite3.Row
    assert conn.execute("SELECT count(*) FROM attacks").fetchone()[0] == len(ledger.attacks())
    assert conn.execute("SELECT count(*) FROM rows").fetchone()[0] == len(ledger.rows())
    night = dict(conn.execute("SELECT * FROM attacks WHERE id = '2025-08-21'").fetchone())
    assert {k: night[k] for k in NIGHT} == NIGHT
    # The totals follow from the rows, recomputed by SQL alone.
    drones = conn.execute(
        "SELECT sum(launched) FROM rows WHERE attack_id = '2025-08-21' AND counted = 1 AND category = 'drone'"
    ).fetchone()[0]
    assert drones == 574
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {"attacks", "attack_figures", "rows", "reports", "report_figures", "corrections", "discrepancies"}
    assert tables == {*expected, "metadata"}
    meta = dict(conn.execute("SELECT key, value FROM metadata").fetchall())
    assert meta["licence"] == "CC BY-NC-SA 4.0"
    assert "Petro Ivaniuk" in meta["attribution"]
    assert meta["dataset_sha256"] == ledger.versions()[-1].sha256
    assert meta["attacks"] == str(len(ledger.attacks()))
    plan = " ".join(r[3] for r in conn.execute("EXPLAIN QUERY PLAN SELECT * FROM attacks WHERE date = '2025-08-21'"))
    assert "attacks_date" in plan
    fks = {(r["table"], r["from"]) for r in conn.execute("SELECT * FROM pragma_foreign_key_list('attack_figures')")}
    assert fks == {("attacks", "attack_id")}
    conn.close()
    datasette = json.loads((out / "ledger.metadata.json").read_text("utf-8"))
    assert datasette["license"] == "CC BY-NC-SA 4.0"
    assert set(datasette["databases"]["ledger"]["tables"]) == {*expected, "metadata"}


def test_exports_are_deterministic_and_idempotent(out: Path, ledger, tmp_path: Path) -> None:
    """The same store gives the same bytes; exporting again over a file replaces it, leaving no temporary."""
    again = export_csv(ledger, tmp_path / "ledger.csv")
    export_csv(ledger, again)
    for name, path in companion_paths(again).items():
        assert path.read_bytes() == (out / path.name).read_bytes(), name
    export_parquet(ledger, tmp_path / "ledger.parquet")
    assert (tmp_path / "ledger.parquet").read_bytes() == (out / "ledger.parquet").read_bytes()
    export_sqlite(ledger, tmp_path / "ledger.sqlite")
    export_sqlite(ledger, tmp_path / "ledger.sqlite")
    dumps = [list(sqlite3.connect(p).iterdump()) for p in (out / "ledger.sqlite", tmp_path / "ledger.sqlite")]
    assert dumps[0] == dumps[1]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_export(loaded_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "night.csv"
    result = runner.invoke(main, ["export", "--db", str(loaded_db), "--format", "csv", "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[0] for line in result.output.splitlines()] == [
        str(target),
        str(tmp_path / "night-figures.csv"),
        str(tmp_path / "night-rows.csv"),
    ]
    assert next(r for r in _csv(target) if r["id"] == "2025-08-21")["drones"] == "574"
    refused = runner.invoke(main, ["export", "--db", str(loaded_db), "--format", "sqlite", "--out", str(loaded_db)])
    assert refused.exit_code == 1
    assert "refusing to export over the store itself" in refused.output


def test_sqlite_holds_reports_and_corrections(loaded_db: Path, tmp_path: Path) -> None:
    """A store with a real Air Force report and a correction exports both, with the figures they changed."""
    from datetime import date

    from tests_support import shared

    from skytally.ledger.api import open_ledger
    from skytally.reports.ingest import to_record
    from skytally.reports.parse import parse_report

    store = tmp_path / "store.sqlite"
    with sqlite3.connect(loaded_db) as source, sqlite3.connect(store) as copy:
        source.backup(copy)
    copy_ledger = open_ledger(store)
    text = shared("data", "reports", "2026-07-02_67095.txt").read_text("utf-8")
    record = to_record(parse_report(text, reference_date=date(2026, 7, 2)), text)
    copy_ledger.add_report(record)
    copy_ledger.add_correction(
        attack_id="2025-08-21",
        model="Shahed-136/131",
        field="destroyed",
        value=547,
        source_url="https://example.org/x",
        note="test",
    )
    export_sqlite(copy_ledger, tmp_path / "with-sources.sqlite")
    conn = sqlite3.connect(tmp_path / "with-sources.sqlite")
    assert conn.execute("SELECT kyiv_date, kind FROM reports").fetchall() == [("2026-07-02", record.kind)]
    assert conn.execute("SELECT count(*) FROM report_figures").fetchone()[0] == len(record.figures)
    assert conn.execute("SELECT attack_id, field, value FROM corrections").fetchall() == [
        ("2025-08-21", "destroyed", 547)
    ]
    night = conn.execute("SELECT drones_destroyed, source FROM attacks WHERE id = '2025-08-21'").fetchone()
    assert night == (547, "correction")
    used = {r[0] for r in conn.execute("SELECT used FROM discrepancies")}
    assert "correction" in used
    reported = conn.execute("SELECT source FROM attacks WHERE date = '2026-07-02'").fetchall()
    assert ("report",) in reported
    conn.close()
