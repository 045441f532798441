"""Text, CSV and JSON renderings of ledger objects for the terminal. No domain logic here."""

from __future__ import annotations

from typing import Any

from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack, LoadReport, Row
from skytally.ledger.serialize import BASE_COLUMNS
from skytally.ledger.taxonomy import load_taxonomy


def format_load_report(report: LoadReport) -> str:
    """Return what an update did, in a few lines a person reads."""
    if report.unchanged:
        return f"Already loaded: {report.file_name} (sha256 {report.sha256[:12]}…); nothing changed."
    lines = [f"Loaded {report.rows} rows from {report.origin}", f"  sha256 {report.sha256}"]
    if report.rejected:
        lines.append(f"  {len(report.rejected)} row(s) rejected (see `skytally doctor`):")
        lines += [f"    {r.reason}" for r in report.rejected[:10]]
    if report.previous_sha256:
        lines.append(
            f"  Against the previous version ({report.previous_sha256[:12]}…): {report.added} added, "
            f"{report.removed} removed, {report.edited_rows} edited"
        )
        for change in report.changes:
            if change.change == "edited":
                lines.append(
                    f"    line {change.line_new}: {change.field}: {change.old_value!r} -> {change.new_value!r}"
                )
    return "\n".join(lines)


def _label(weapon_class: str | None) -> str:
    if weapon_class is None:
        return "unclassified"
    cls = load_taxonomy().classes.get(weapon_class)
    return cls.labels.get("en", weapon_class) if cls else weapon_class


def _kyiv(attack_time: Any) -> str:
    return attack_time.strftime("%Y-%m-%d %H:%M")


def format_attack(ledger: Ledger, attack: Attack, *, explain: bool = False) -> str:
    """Return the text view of one attack (the `show` command)."""
    out = [
        f"Attack {attack.id}: the night to {attack.date:%-d %B %Y}"
        if attack.end.hour < 12
        else f"Attack {attack.id}: {attack.date:%-d %B %Y}",
        f"  Window (Kyiv time): {_kyiv(attack.start)} -> {_kyiv(attack.end)}",
        f"  Launched:  {attack.total} = {attack.drones} drones + {attack.missiles} missiles"
        + (f" (+ {attack.bombs} guided bombs, not in the total)" if attack.bombs else ""),
        f"  Destroyed: {attack.destroyed} = {attack.drones_destroyed} drones + {attack.missiles_destroyed} missiles"
        "  (shot down or suppressed)",
        "",
        "  By class                              launched  destroyed",
    ]
    for weapon_class, count in sorted(attack.launched_by_class.items(), key=lambda kv: -kv[1]):
        destroyed = attack.destroyed_by_class.get(weapon_class)
        out.append(f"    {_label(weapon_class):<36}{count:>8}  {'' if destroyed is None else destroyed:>9}")
    for weapon_class, destroyed in attack.destroyed_by_class.items():
        if weapon_class not in attack.launched_by_class:
            out.append(f"    {_label(weapon_class):<36}{'':>8}  {destroyed:>9}")
    out += ["", "  By model                              launched  destroyed  source      launched from"]
    for fig in attack.figures:
        places = ", ".join(fig.launch_places) or "-"
        launched = "?" if fig.launched is None else fig.launched
        destroyed = "" if fig.destroyed is None else fig.destroyed
        out.append(f"    {fig.model[:36]:<36}{launched:>8}  {destroyed:>9}  {fig.source:<10}  {places}")
    if attack.affected_regions:
        out.append(f"\n  Regions affected (dataset): {', '.join(attack.affected_regions)}")
    if attack.destroyed_by_direction:
        dirs = ", ".join(f"{k} {v}" for k, v in sorted(attack.destroyed_by_direction.items(), key=lambda kv: -kv[1]))
        out.append(f"  Shot down by direction (dataset): {dirs}")
    rows = ledger.rows_by_id(attack.row_ids)
    version = rows[0].version_sha256[:12] if rows else "?"
    lines = ", ".join(str(r.line) for r in rows)
    reports = sorted({e.split("@", 1)[0] for f in attack.figures for e in f.evidence if e.startswith("report:")})
    if reports:
        out.append(f"\n  Figures from: the Air Force's report ({', '.join(reports)}; `skytally report list`)")
        if rows:
            out.append(
                f"  Dataset rows for the same attack (see `skytally diff {attack.id}`): lines {lines} "
                f"of the version sha256 {version}…"
            )
    else:
        out.append(f"\n  Figures from: the dataset, lines {lines} of the version sha256 {version}…")
    out += [f"  Post: {url}" for url in attack.source_urls]
    disagreements = ledger.discrepancies(day=attack.date) if attack.source != "dataset" else []
    disagreements = [d for d in disagreements if d.attack_id == attack.id]
    if disagreements:
        out.append("  Sources disagree (`skytally diff`):")
        for d in disagreements:
            values = ", ".join(
                f"{name} {value}"
                for name, value in (("dataset", d.dataset), ("report", d.report), ("correction", d.correction))
                if value is not None or name != "correction"
            )
            out.append(f"    {d.figure}: {values}; used: {d.used}")
    if attack.regional_rows:
        out.append("  Regional commands' rows (kept apart, not in the totals):")
        for row in ledger.rows_by_id(attack.regional_rows):
            out.append(
                f"    line {row.line}: {row.reporter}: {row.model} {row.launched} launched, "
                f"{row.destroyed} destroyed ({_kyiv(row.start)} -> {_kyiv(row.end)})"
            )
    if attack.warnings:
        out.append("  Quality warnings:")
        out += [f"    - {w}" for w in attack.warnings]
    if explain:
        out += ["", _explain(attack, rows)]
    return "\n".join(out)


def _explain(attack: Attack, rows: list[Row]) -> str:
    ids = ", ".join(str(r.line) for r in rows)
    out = [
        "  Explain: every figure above is the sum of these dataset rows (file line, model, launched, destroyed):",
        *(
            f"    {r.ref}  {r.model_raw:<36} {r.launched!s:>6} {r.destroyed!s:>6}  [{r.category}/{r.weapon_class}]"
            f"  {_kyiv(r.start)} -> {_kyiv(r.end)}"
            for r in rows
        ),
        "  Reproduce with SQLite on the store:",
        "    SELECT line, model_raw, category, weapon_class, launched, destroyed, time_start, time_end",
        f"    FROM dataset_rows WHERE line IN ({ids}) ORDER BY line;",
        "  drones = sum(launched) where category = 'drone'; missiles = sum(launched) where category = 'missile'.",
    ]
    return "\n".join(out)


def attacks_table(records: list[dict[str, Any]], *, ranked: bool) -> str:
    """Return attack records as an aligned text table (with a rank column when sorted by a measure)."""
    head = f"{'#':>4}  " if ranked else ""
    out = [f"{head}{'attack':<13} {'drones':>7} {'missiles':>9} {'total':>7}  by class"]
    for index, r in enumerate(records, 1):
        classes = ", ".join(
            f"{k} {v}"
            for k, v in r.items()
            if k not in BASE_COLUMNS and k not in ("id", "start", "end", "source") and v
        )
        prefix = f"{index:>4}  " if ranked else ""
        out.append(f"{prefix}{r['id']:<13} {r['drones']:>7} {r['missiles']:>9} {r['total']:>7}  {classes}")
    out.append(f"{len(records)} attack(s)")
    return "\n".join(out)
