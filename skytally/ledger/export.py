"""The whole ledger as files: CSV, Parquet, or one SQLite file that opens in Datasette.

What "the whole ledger" is (docs/export.md):

- ``attacks``: one row per attack (the figures skytally uses: report where stored, else dataset,
  corrections on top), with its totals, then launched and destroyed per weapon class;
- ``attack_figures``: one row per weapon model within an attack, with the evidence behind it;
- ``rows``: every row of the current dataset version as stored (original cells in ``raw``, the
  normalised and classified fields, file line, version), with the attack it counts toward;
- SQLite only: ``reports``, ``report_figures``, ``corrections``, ``discrepancies`` and ``metadata``.

CSV and Parquet write ``path`` (the attacks) plus two companions beside it, ``<stem>-figures`` and
``<stem>-rows`` (see ``companion_paths``). Every file is written to a temporary name and renamed,
so a reader never sees half a file; the same store gives byte-identical CSV and Parquet.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack, Row
from skytally.ledger.taxonomy import load_taxonomy

LICENCE_URL = "https://creativecommons.org/licenses/by-nc-sa/4.0/"


@dataclass(frozen=True, slots=True)
class Table:
    """One exported table: column names, their SQL types (INTEGER or TEXT), rows, a description."""

    name: str
    columns: tuple[str, ...]
    types: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    description: str
    primary_key: str | None = None


def companion_paths(path: str | Path) -> dict[str, Path]:
    """Return the files a CSV or Parquet export writes, by table: ``path`` and its two companions.

    >>> {k: p.name for k, p in companion_paths("out/skytally.csv").items()}
    {'attacks': 'skytally.csv', 'attack_figures': 'skytally-figures.csv', 'rows': 'skytally-rows.csv'}
    """
    path = Path(path)
    return {
        "attacks": path,
        "attack_figures": path.with_name(f"{path.stem}-figures{path.suffix}"),
        "rows": path.with_name(f"{path.stem}-rows{path.suffix}"),
    }


def export_csv(ledger: Ledger, path: str | Path) -> Path:
    """Write the attacks to ``path`` as CSV, with ``<stem>-figures.csv`` and ``<stem>-rows.csv`` beside it.

    UTF-8, comma-separated, ``\\n`` line ends, empty cell for an unknown figure; lists and
    mappings are JSON text. Returns ``path``.
    """
    tables = {t.name: t for t in ledger_tables(ledger)}
    targets = companion_paths(path)
    for name in ("rows", "attack_figures", "attacks"):  # the attacks file last: it is the one people look for
        table = tables[name]
        with _atomic(targets[name]) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(table.columns)
            writer.writerows(table.rows)
    return targets["attacks"]


def export_parquet(ledger: Ledger, path: str | Path) -> Path:
    """Write the attacks to ``path`` as Parquet, with ``-figures`` and ``-rows`` companions; needs pyarrow.

    Each file carries the data's source, licence and attribution in its schema metadata.
    Returns ``path``.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    tables = {t.name: t for t in ledger_tables(ledger)}
    metadata = {k.encode(): str(v).encode() for k, v in _metadata(ledger, tables).items()}
    targets = companion_paths(path)
    for name in ("rows", "attack_figures", "attacks"):
        table = tables[name]
        kinds = {"INTEGER": pa.int64(), "TEXT": pa.string()}
        schema = pa.schema([pa.field(c, kinds[t]) for c, t in zip(table.columns, table.types, strict=True)])
        columns = list(zip(*table.rows, strict=True)) if table.rows else [() for _ in table.columns]
        arrow = pa.Table.from_arrays(
            [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
        ).replace_schema_metadata({**metadata, b"table": name.encode(), b"description": table.description.encode()})
        with _atomic(targets[name]) as tmp:
            pq.write_table(arrow, tmp, compression="zstd")
    return targets["attacks"]


def export_sqlite(ledger: Ledger, path: str | Path) -> Path:
    """Write the whole ledger to a new SQLite file at ``path``, and its Datasette metadata beside it.

    Tables: attacks, attack_figures, rows, reports, report_figures, corrections, discrepancies,
    metadata (key, value), with primary keys, foreign keys (Datasette links them) and indexes.
    ``<stem>.metadata.json`` holds titles, descriptions, licence and source for
    ``datasette serve FILE --metadata <stem>.metadata.json``. Returns ``path``.
    """
    tables = ledger_tables(ledger)
    by_name = {t.name: t for t in tables}
    meta = _metadata(ledger, by_name)
    path = Path(path)
    with _atomic(path) as tmp:
        conn = sqlite3.connect(tmp)
        try:
            with conn:
                for table in tables:
                    _create_table(conn, table)
                conn.execute("CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
                conn.executemany("INSERT INTO metadata VALUES (?, ?)", [(k, str(v)) for k, v in meta.items()])
                for index in _INDEXES:
                    conn.execute(index)
            conn.execute("VACUUM")
        finally:
            conn.close()
    with _atomic(path.with_name(f"{path.stem}.metadata.json")) as tmp:
        tmp.write_text(json.dumps(_datasette_metadata(path.stem, tables, meta), indent=2) + "\n", "utf-8")
    return path


# ---------------------------------------------------------------------------- tables
def ledger_tables(ledger: Ledger) -> list[Table]:
    """Return every exported table of the ledger, rows in a fixed order (attack, then file line)."""
    attacks = ledger.attacks()
    classes = list(load_taxonomy().classes)
    rows = ledger.rows()
    return [
        _attacks_table(attacks, classes),
        _figures_table(attacks),
        _rows_table(rows, attacks),
        *_source_tables(ledger),
    ]


def _attacks_table(attacks: list[Attack], classes: list[str]) -> Table:
    head = ("id", "date", "start", "end", "source", "drones", "missiles", "total")
    head += ("drones_destroyed", "missiles_destroyed", "destroyed", "bombs")
    columns = (*head, *classes, *(f"{c}_destroyed" for c in classes), "source_urls", "warnings")
    types = ("TEXT",) * 5 + ("INTEGER",) * (len(head) - 5 + 2 * len(classes)) + ("TEXT", "TEXT")
    body = [
        (
            a.id,
            a.date.isoformat(),
            a.start.isoformat(),
            a.end.isoformat(),
            a.source,
            a.drones,
            a.missiles,
            a.total,
            a.drones_destroyed,
            a.missiles_destroyed,
            a.destroyed,
            a.bombs,
            *(a.launched_by_class.get(c, 0) for c in classes),
            *(a.destroyed_by_class.get(c, 0) for c in classes),
            " ".join(a.source_urls),
            " | ".join(a.warnings),
        )
        for a in attacks
    ]
    description = "One row per attack, dated by the Kyiv morning it ended; launched, then destroyed, per weapon class."
    return Table("attacks", columns, types, body, description, primary_key="id")


_FIGURE_COLUMNS = (
    ("attack_id", "TEXT"),
    ("position", "INTEGER"),
    ("model", "TEXT"),
    ("weapon_class", "TEXT"),
    ("category", "TEXT"),
    ("combined", "INTEGER"),
    ("launched", "INTEGER"),
    ("destroyed", "INTEGER"),
    ("not_reach_goal", "INTEGER"),
    ("lost_to_ew", "INTEGER"),
    ("counted_elsewhere", "INTEGER"),
    ("source", "TEXT"),
    ("evidence", "TEXT"),
    ("launch_places", "TEXT"),
)


def _figures_table(attacks: list[Attack]) -> Table:
    body = [
        (
            a.id,
            position,
            f.model,
            f.weapon_class,
            f.category,
            int(f.combined),
            f.launched,
            f.destroyed,
            f.not_reach_goal,
            f.lost_to_ew,
            int(f.counted_elsewhere),
            f.source,
            " ".join(f.evidence),
            _js(list(f.launch_places)),
        )
        for a in attacks
        for position, f in enumerate(a.figures, start=1)
    ]
    names, types = zip(*_FIGURE_COLUMNS, strict=True)
    description = "One row per weapon model within an attack; evidence names the rows (version:line) or report."
    return Table("attack_figures", names, types, body, description)


_ROW_COLUMNS: tuple[tuple[str, str, Callable[[Row], Any]], ...] = (
    ("ref", "TEXT", lambda r: r.ref),
    ("line", "INTEGER", lambda r: r.line),
    ("version_sha256", "TEXT", lambda r: r.version_sha256),
    ("start", "TEXT", lambda r: r.start.isoformat()),
    ("end", "TEXT", lambda r: r.end.isoformat()),
    ("start_has_time", "INTEGER", lambda r: int(r.start_has_time)),
    ("end_has_time", "INTEGER", lambda r: int(r.end_has_time)),
    ("model_raw", "TEXT", lambda r: r.model_raw),
    ("model", "TEXT", lambda r: r.model),
    ("models", "TEXT", lambda r: _js(list(r.models))),
    ("weapon_class", "TEXT", lambda r: r.weapon_class),
    ("category", "TEXT", lambda r: r.category),
    ("combined", "INTEGER", lambda r: int(r.combined)),
    ("launched", "INTEGER", lambda r: r.launched),
    ("destroyed", "INTEGER", lambda r: r.destroyed),
    ("not_reach_goal", "INTEGER", lambda r: r.not_reach_goal),
    ("still_attacking", "INTEGER", lambda r: r.still_attacking),
    ("hit_locations", "INTEGER", lambda r: r.hit_locations),
    ("debris_locations", "INTEGER", lambda r: r.debris_locations),
    ("launch_places", "TEXT", lambda r: _js(list(r.launch_places))),
    ("target", "TEXT", lambda r: r.target),
    ("target_main", "TEXT", lambda r: r.target_main),
    ("carrier", "TEXT", lambda r: r.carrier),
    ("affected_regions", "TEXT", lambda r: _js(list(r.affected_regions))),
    ("destroyed_details", "TEXT", lambda r: _js(r.destroyed_details)),
    ("launched_details", "TEXT", lambda r: _js(r.launched_details)),
    ("launch_place_details", "TEXT", lambda r: _js(r.launch_place_details)),
    ("reporter", "TEXT", lambda r: r.reporter),
    ("reporter_kind", "TEXT", lambda r: r.reporter_kind),
    ("source", "TEXT", lambda r: r.source),
    ("source_url", "TEXT", lambda r: r.source_url),
    ("raw", "TEXT", lambda r: r.raw_json),
)


def _rows_table(rows: list[Row], attacks: list[Attack]) -> Table:
    # A national row counts toward its attack (counted = 1); a regional row of the same wave is kept
    # beside it as evidence only (counted = 0); a row of no attack has neither.
    attack_of: dict[int, tuple[str, int]] = {}
    for a in attacks:
        attack_of.update((row_id, (a.id, 1)) for row_id in a.row_ids)
    for a in attacks:
        for row_id in a.regional_rows:
            attack_of.setdefault(row_id, (a.id, 0))
    names = ("ref", "line", "version_sha256", "attack_id", "counted", *(c[0] for c in _ROW_COLUMNS[3:]))
    types = ("TEXT", "INTEGER", "TEXT", "TEXT", "INTEGER", *(c[1] for c in _ROW_COLUMNS[3:]))
    body = []
    for r in sorted(rows, key=lambda r: r.line):
        values = [get(r) for _, _, get in _ROW_COLUMNS]
        body.append((*values[:3], *attack_of.get(r.id, (None, None)), *values[3:]))
    description = (
        "Every row of the current dataset version: normalised fields, original cells (raw), file line, "
        "and the attack it counts toward (counted = 1) or is regional evidence of (counted = 0)."
    )
    return Table("rows", names, types, body, description, primary_key="ref")


def _source_tables(ledger: Ledger) -> list[Table]:
    reports = sorted(ledger.reports(active_only=False), key=lambda r: r.id)
    report_rows = [
        (
            r.id,
            r.record.kind,
            r.record.kyiv_date.isoformat(),
            _iso(r.record.window_start),
            _iso(r.record.window_end),
            r.record.lang,
            r.record.source_url,
            _iso(r.record.posted_at),
            r.read_at.isoformat(),
            r.record.parser_version,
            int(r.record.partial),
            r.replaced_by,
            r.text_sha256,
            r.record.text,
            r.record.parsed_json,
        )
        for r in reports
    ]
    report_cols = ("id", "kind", "kyiv_date", "window_start", "window_end", "lang", "source_url", "posted_at")
    report_cols += ("read_at", "parser_version", "partial", "replaced_by", "text_sha256", "text", "parsed")
    report_types = ("INTEGER", *("TEXT",) * 9, "INTEGER", "INTEGER", "TEXT", "TEXT", "TEXT")
    figure_cols = ("report_id", "position", "model", "model_text", "weapon_class", "category", "launched")
    figure_cols += ("launched_bound", "destroyed", "destroyed_bound", "lost_to_ew", "counted_elsewhere")
    figure_cols += ("span_start", "span_end")
    figure_types = ("INTEGER", "INTEGER", *("TEXT",) * 4, "INTEGER", "TEXT", "INTEGER", "TEXT", *("INTEGER",) * 4)
    figure_rows = [
        (r.id, i, f.model, f.model_text, f.weapon_class, f.category, f.launched, f.launched_bound, *_tail(f))
        for r in reports
        for i, f in enumerate(r.record.figures, start=1)
    ]
    corrections = [
        (c.id, c.attack_id, c.model, c.field, c.value, c.source_url, c.note, c.added_at.isoformat())
        for c in ledger.corrections()
    ]
    discrepancies = [
        (d.attack_id, d.figure, d.dataset, d.report, d.correction, d.used, " ".join(d.evidence))
        for d in ledger.discrepancies()
    ]
    return [
        Table("reports", report_cols, report_types, report_rows, "The Air Force's own report texts, as parsed.", "id"),
        Table("report_figures", figure_cols, figure_types, figure_rows, "One weapon group of a report."),
        Table(
            "corrections",
            ("id", "attack_id", "model", "field", "value", "source_url", "note", "added_at"),
            ("INTEGER", "TEXT", "TEXT", "TEXT", "INTEGER", "TEXT", "TEXT", "TEXT"),
            corrections,
            "Manual corrections of one figure, with their citation; they never edit the rows.",
            "id",
        ),
        Table(
            "discrepancies",
            ("attack_id", "figure", "dataset", "report", "correction", "used", "evidence"),
            ("TEXT", "TEXT", "INTEGER", "INTEGER", "INTEGER", "TEXT", "TEXT"),
            discrepancies,
            "Figures on which the dataset, a report and a correction disagree, and the one used.",
        ),
    ]


# ---------------------------------------------------------------------------- sqlite
_FOREIGN_KEYS = {
    ("attack_figures", "attack_id"): "attacks(id)",
    ("rows", "attack_id"): "attacks(id)",
    ("report_figures", "report_id"): "reports(id)",
    ("discrepancies", "attack_id"): "attacks(id)",
}

_INDEXES = (
    "CREATE INDEX attacks_date ON attacks (date)",
    "CREATE INDEX attacks_drones ON attacks (drones)",
    "CREATE INDEX attacks_missiles ON attacks (missiles)",
    "CREATE INDEX attacks_total ON attacks (total)",
    "CREATE INDEX attack_figures_attack ON attack_figures (attack_id)",
    "CREATE INDEX attack_figures_model ON attack_figures (model)",
    "CREATE INDEX rows_attack ON rows (attack_id)",
    'CREATE INDEX rows_end ON rows ("end")',
    "CREATE INDEX rows_model ON rows (model)",
    "CREATE INDEX report_figures_report ON report_figures (report_id)",
)


def _create_table(conn: sqlite3.Connection, table: Table) -> None:
    lines = []
    for column, kind in zip(table.columns, table.types, strict=True):
        line = f'"{column}" {kind}'
        if column == table.primary_key:
            line += " PRIMARY KEY"
        if (table.name, column) in _FOREIGN_KEYS:
            line += f" REFERENCES {_FOREIGN_KEYS[table.name, column]}"
        lines.append(line)
    conn.execute(f'CREATE TABLE "{table.name}" (\n  ' + ",\n  ".join(lines) + "\n)")
    marks = ", ".join("?" * len(table.columns))
    conn.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', table.rows)


def _metadata(ledger: Ledger, tables: dict[str, Table]) -> dict[str, str]:
    """The provenance every export carries: data source, licence, attribution, versions, counts."""
    from importlib.metadata import version

    from skytally.config import DATASET_AUTHOR, DATASET_LICENCE, DATASET_PAGE

    current = next((v for v in ledger.versions() if v.current), None)
    return {
        "title": "skytally: Russia's aerial attacks on Ukraine",
        "source": f"Massive Missile Attacks on Ukraine, by {DATASET_AUTHOR} (Kaggle)",
        "source_url": DATASET_PAGE,
        "licence": DATASET_LICENCE,
        "licence_url": LICENCE_URL,
        "attribution": (
            f"Ukrainian Air Force figures, compiled by {DATASET_AUTHOR} in the dataset 'Massive Missile "
            f"Attacks on Ukraine' ({DATASET_LICENCE}); computed by skytally"
        ),
        # The installed distribution's version: importing the `skytally` package from the ledger
        # would cross the layers (its lazy public API names the context).
        "skytally_version": version("skytally"),
        "figures": ledger.source,
        "dataset_file": current.file_name if current else "",
        "dataset_sha256": current.sha256 if current else "",
        "dataset_loaded_at": current.loaded_at.isoformat() if current else "",
        "attacks": str(len(tables["attacks"].rows)),
        "rows": str(len(tables["rows"].rows)),
    }


def _datasette_metadata(database: str, tables: list[Table], meta: dict[str, str]) -> dict[str, Any]:
    return {
        "title": meta["title"],
        "description": f"{meta['attribution']}. Dataset sha256 {meta['dataset_sha256'][:12]}.",
        "license": meta["licence"],
        "license_url": meta["licence_url"],
        "source": meta["source"],
        "source_url": meta["source_url"],
        "databases": {
            database: {
                "tables": {
                    **{t.name: {"description": t.description} for t in tables},
                    "attacks": {"description": tables[0].description, "sort_desc": "date"},
                    "metadata": {"description": "Source, licence, attribution and versions of this file."},
                }
            }
        },
    }


# ---------------------------------------------------------------------------- helpers
@contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it onto ``target`` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()  # the writers create the file themselves (sqlite3 wants no empty file there)
    try:
        yield tmp
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _tail(figure: Any) -> tuple[Any, ...]:
    return (figure.destroyed, figure.destroyed_bound, figure.lost_to_ew, int(figure.counted_elsewhere), *figure.span)


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None
