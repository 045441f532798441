"""JSON and CSV documents of ledger objects, shared by the CLI, the web app and the exports.

One serializer for every interface is what makes "the same figures everywhere" hold by construction:
the attack page, `/api/attacks/DATE` and `skytally show --format json` all call `attack_json`.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack, Row

BASE_COLUMNS = ("date", "drones", "missiles", "total", "drones_destroyed", "missiles_destroyed", "bombs")


def attack_json(ledger: Ledger, attack: Attack) -> dict[str, Any]:
    """Return the JSON document of one attack, with its rows as evidence."""
    doc = attack.to_dict()
    doc["rows"] = [row_json(r) for r in ledger.rows_by_id(attack.row_ids)]
    doc["regional_rows"] = [row_json(r) for r in ledger.rows_by_id(attack.regional_rows)]
    doc["discrepancies"] = (
        [
            {"figure": d.figure, "dataset": d.dataset, "report": d.report, "correction": d.correction, "used": d.used}
            for d in ledger.discrepancies(day=attack.date)
            if d.attack_id == attack.id
        ]
        if attack.source != "dataset"
        else []
    )
    lines = ", ".join(str(r["line"]) for r in doc["rows"])
    doc["explain"] = {
        "query": f"SELECT line, model_raw, category, launched, destroyed FROM dataset_rows WHERE line IN ({lines})",
        "rule": "drones = sum of launched over rows of category 'drone'; missiles over category 'missile'",
    }
    return doc


def row_json(row: Row) -> dict[str, Any]:
    """Return one dataset row as evidence: its line in the file, raw and classified model, counts, window."""
    return {
        "ref": row.ref,
        "line": row.line,
        "model_raw": row.model_raw,
        "model": row.model,
        "weapon_class": row.weapon_class,
        "category": row.category,
        "launched": row.launched,
        "destroyed": row.destroyed,
        "start": row.start.isoformat(),
        "end": row.end.isoformat(),
        "reporter": row.reporter,
        "source_url": row.source_url,
    }


def _columns(records: list[dict[str, Any]]) -> list[str]:
    classes = sorted({k for r in records for k in r} - set(BASE_COLUMNS) - {"id", "start", "end", "source"})
    return ["id", *BASE_COLUMNS, *classes]


def attacks_csv(records: list[dict[str, Any]]) -> str:
    """Return attack records as CSV: id, date, totals, then one column per weapon class."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_columns(records), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({c: record.get(c, 0) for c in writer.fieldnames})
    return buffer.getvalue()
