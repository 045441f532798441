"""`skytally doctor`: what the store holds, where it came from, and what in it needs a look."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import click

from skytally.cli._common import db_option, echo_json, handle_errors, open_cli_ledger


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--all", "show_all", is_flag=True, help="List every finding, not the first few of each kind.")
@db_option
@handle_errors
def doctor(fmt: str, show_all: bool, db: str | None) -> None:
    """Report rows, date range, dataset versions (file, sha256, time), what changed between them,
    rejected rows with reasons, unknown models and data-quality findings."""
    from skytally.ledger.quality import KINDS, find_issues

    ledger = open_cli_ledger(db, load_if_empty=False)
    rows = ledger.rows()
    attacks = ledger.attacks()
    versions = ledger.versions()
    findings = find_issues(rows, attacks)
    doc: dict[str, Any] = {
        "store": str(ledger.path),
        "rows": len(rows),
        "national_rows": sum(r.reporter_kind == "national" for r in rows),
        "attacks": len(attacks),
        "first": min((r.start for r in rows), default=None),
        "last": max((r.end for r in rows), default=None),
        "versions": [
            {
                "file": v.file_name,
                "sha256": v.sha256,
                "origin": v.origin,
                "loaded_at": v.loaded_at.isoformat(),
                "rows": v.rows,
                "rejected": v.rejected,
                "current": v.current,
                "changes": [_change(c) for c in ledger.changes(v)],
            }
            for v in versions
        ],
        "rejected": [
            {"line": r.line, "field": r.field, "value": r.value, "reason": r.reason} for r in ledger.rejected()
        ],
        "findings": [{"kind": f.kind, "message": f.message, "lines": list(f.lines)} for f in findings],
    }
    if fmt == "json":
        echo_json(doc)
        return
    click.echo(_text(doc, KINDS, show_all))


def _change(c: Any) -> dict[str, Any]:
    return {
        "change": c.change,
        "row_key": c.row_key,
        "line_old": c.line_old,
        "line_new": c.line_new,
        "field": c.field,
        "old_value": c.old_value,
        "new_value": c.new_value,
    }


def _text(doc: dict[str, Any], kinds: dict[str, str], show_all: bool) -> str:
    if not doc["versions"]:
        return f"Store {doc['store']}: empty. Load the dataset with `skytally update` (or --from PATH)."
    out = [
        f"Store: {doc['store']}",
        f"Rows: {doc['rows']} ({doc['national_rows']} national), making {doc['attacks']} attacks",
        f"Dates: {doc['first']:%Y-%m-%d %H:%M} -> {doc['last']:%Y-%m-%d %H:%M} (Kyiv time)",
        "",
        "Dataset versions loaded:",
    ]
    for v in doc["versions"]:
        mark = "*" if v["current"] else " "
        out.append(f" {mark} {v['loaded_at']}  {v['file']}  sha256 {v['sha256']}")
        out.append(f"      {v['rows']} rows, {v['rejected']} rejected, from {v['origin']}")
        changes = v["changes"]
        if changes:
            counts: dict[str, int] = defaultdict(int)
            for c in changes:
                counts[c["change"]] += 1
            edited_rows = len({c["row_key"] for c in changes if c["change"] == "edited"})
            out.append(
                f"      against the version before: {counts['added']} rows added, {counts['removed']} removed,"
                f" {edited_rows} edited"
            )
            for c in changes:
                if c["change"] == "edited":
                    out.append(
                        f"        line {c['line_new']} (was {c['line_old']}): {c['field']}: "
                        f"{c['old_value']!r} -> {c['new_value']!r}"
                    )
                elif c["change"] == "removed":
                    out.append(f"        removed: line {c['line_old']} of the version before")
    out.append("")
    out.append(f"Rejected rows: {len(doc['rejected'])}")
    out += [f"  {r['reason']}" for r in doc["rejected"]]
    by_kind: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in doc["findings"]:
        by_kind[f["kind"]].append(f)
    out.append("")
    out.append("Data-quality findings:")
    for kind, title in kinds.items():
        items = by_kind.get(kind, [])
        out.append(f"  {title}: {len(items)}")
        for f in items if show_all else items[:5]:
            lines = ", ".join(str(n) for n in f["lines"][:12])
            out.append(f"    - {f['message']}" + (f" (lines {lines})" if lines else ""))
        if not show_all and len(items) > 5:
            out.append(f"    … {len(items) - 5} more (--all)")
    return "\n".join(out)
