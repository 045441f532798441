"""Storing the sources beside the dataset: report records and manual corrections.

With store.py, the only modules that write the store; each write is one transaction.
"""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, date, datetime

from skytally.ledger.sources import Correction, ReportFigure, ReportRecord, StoredReport
from skytally.ledger.store import transaction


def add_report(conn: sqlite3.Connection, record: ReportRecord) -> tuple[StoredReport, list[int], bool]:
    """Store a report; return it, the ids of the reports it replaces, and whether it was already stored.

    A later report of the same kind for the same Kyiv date replaces the earlier one (the final
    daytime report replaces the interim update; a corrected report, «уточнена інформація», replaces
    the first one). The earlier one is kept, marked replaced, never deleted.
    """
    sha = hashlib.sha256(record.text.encode("utf-8")).hexdigest()
    existing = conn.execute("SELECT id FROM reports WHERE text_sha256=?", (sha,)).fetchone()
    if existing:
        return get_report(conn, existing[0]), [], True
    with transaction(conn):
        older = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM reports WHERE kind=? AND kyiv_date=? AND replaced_by IS NULL",
                (record.kind, record.kyiv_date.isoformat()),
            )
        ]
        cur = conn.execute(
            "INSERT INTO reports (text_sha256, kind, kyiv_date, window_start, window_end, lang, source_url,"
            " posted_at, read_at, parser_version, partial, text, parsed) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                sha,
                record.kind,
                record.kyiv_date.isoformat(),
                _iso(record.window_start),
                _iso(record.window_end),
                record.lang,
                record.source_url,
                _iso(record.posted_at),
                datetime.now(UTC).isoformat(timespec="seconds"),
                record.parser_version,
                int(record.partial),
                record.text,
                record.parsed_json,
            ),
        )
        report_id = cur.lastrowid
        conn.executemany(
            "INSERT INTO report_figures (report_id, position, model, model_text, weapon_class, category, launched,"
            " launched_bound, destroyed, destroyed_bound, lost_to_ew, counted_elsewhere, span_start, span_end)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    report_id,
                    i,
                    f.model,
                    f.model_text,
                    f.weapon_class,
                    f.category,
                    f.launched,
                    f.launched_bound,
                    f.destroyed,
                    f.destroyed_bound,
                    f.lost_to_ew,
                    # 2: a sub-count (launched and destroyed inside another figure); 1: launched only
                    2 if f.subset else int(f.counted_elsewhere),
                    *f.span,
                )
                for i, f in enumerate(record.figures)
            ),
        )
        conn.executemany("UPDATE reports SET replaced_by=? WHERE id=?", ((report_id, old) for old in older))
    return get_report(conn, report_id), older, False


def get_report(conn: sqlite3.Connection, report_id: int) -> StoredReport:
    """Return one stored report by id."""
    row = conn.execute("SELECT * FROM reports WHERE id=?", (report_id,)).fetchone()
    return _report(conn, row)


def list_reports(conn: sqlite3.Connection, *, active_only: bool = True) -> list[StoredReport]:
    """Return the stored reports, oldest date first; by default only those not replaced."""
    sql = "SELECT * FROM reports" + (" WHERE replaced_by IS NULL" if active_only else "") + " ORDER BY kyiv_date, id"
    return [_report(conn, row) for row in conn.execute(sql).fetchall()]


def _report(conn: sqlite3.Connection, row: sqlite3.Row) -> StoredReport:
    figures = tuple(
        ReportFigure(
            model=f["model"],
            model_text=f["model_text"],
            weapon_class=f["weapon_class"],
            category=f["category"],
            launched=f["launched"],
            launched_bound=f["launched_bound"],
            destroyed=f["destroyed"],
            destroyed_bound=f["destroyed_bound"],
            lost_to_ew=f["lost_to_ew"],
            counted_elsewhere=bool(f["counted_elsewhere"]),
            span=(f["span_start"], f["span_end"]),
            subset=f["counted_elsewhere"] == 2,
        )
        for f in conn.execute("SELECT * FROM report_figures WHERE report_id=? ORDER BY position", (row["id"],))
    )
    record = ReportRecord(
        kind=row["kind"],
        kyiv_date=date.fromisoformat(row["kyiv_date"]),
        window_start=_dt(row["window_start"]),
        window_end=_dt(row["window_end"]),
        figures=figures,
        text=row["text"],
        lang=row["lang"],
        parser_version=row["parser_version"],
        parsed_json=row["parsed"],
        partial=bool(row["partial"]),
        source_url=row["source_url"],
        posted_at=_dt(row["posted_at"]),
    )
    return StoredReport(
        row["id"], record, row["text_sha256"], datetime.fromisoformat(row["read_at"]), row["replaced_by"]
    )


def add_correction(
    conn: sqlite3.Connection, *, attack_id: str, model: str, field: str, value: int, source_url: str, note: str
) -> Correction:
    """Record a manual correction of one figure (the latest one for an attack, model and field wins)."""
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO corrections (attack_id, model, field, value, source_url, note, added_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (attack_id, model, field, value, source_url, note, datetime.now(UTC).isoformat(timespec="seconds")),
        )
    return list_corrections(conn, ids=(cur.lastrowid,))[0]


def list_corrections(conn: sqlite3.Connection, *, ids: tuple[int, ...] | None = None) -> list[Correction]:
    """Return the corrections in the order they were made."""
    sql, args = "SELECT * FROM corrections", ()
    if ids is not None:
        sql += f" WHERE id IN ({', '.join('?' * len(ids))})"
        args = ids
    return [
        Correction(
            r["id"],
            r["attack_id"],
            r["model"],
            r["field"],
            r["value"],
            r["source_url"],
            r["note"],
            datetime.fromisoformat(r["added_at"]),
        )
        for r in conn.execute(sql + " ORDER BY id", args)
    ]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


EVENT_COLUMNS = ("id", "date", "name_en", "name_fr", "name_uk", "kind", "source_url")


def add_event(conn: sqlite3.Connection, record: dict[str, str]) -> bool:
    """Store a named event given in the events.csv columns; return False if its id was already stored.

    Validation (slug id, ISO date, names, kind, URL) is the caller's: skytally.context.events
    parses the record before it gets here, so the store holds only events the context can use.
    """
    with transaction(conn):
        cur = conn.execute(
            "INSERT OR IGNORE INTO user_events (id, date, name_en, name_fr, name_uk, kind, source_url, added_at)"
            " VALUES (?,?,?,?,?,?,?,?)",
            (*(record[c] for c in EVENT_COLUMNS), datetime.now(UTC).isoformat(timespec="seconds")),
        )
    return cur.rowcount == 1


def list_events(conn: sqlite3.Connection) -> list[dict[str, str]]:
    """Return the events people added, oldest date first, in the events.csv columns."""
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM user_events ORDER BY date, id"
    return [dict(r) for r in conn.execute(sql)]
