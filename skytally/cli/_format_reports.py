"""Text renderings of parsed and stored reports and of discrepancies. No domain logic here."""

from __future__ import annotations

from collections.abc import Sequence

from skytally.ledger.sources import Discrepancy, StoredReport
from skytally.reports.model import Count, ParsedReport


def _count(count: Count | None) -> str:
    if count is None:
        return "-"
    return {"exact": "", "min": "≥", "max": "≤", "approx": "~"}[count.bound] + str(count.value)


def format_parsed(parsed: ParsedReport, year_reason: str) -> str:
    """Return what the parser understood, figure by figure, for --dry-run."""
    if parsed.kind == "not_a_report":
        return "Not a report of an attack (alert, tracking post, threat or other): nothing to store."
    window = parsed.window
    out = [
        f"{parsed.kind} for {parsed.kyiv_date} (year from {year_reason})",
        f"  window: {window.start if window else '?'} -> {window.end if window else '?'}",
        "  model                                   class                   launched destroyed  ew_lost",
    ]
    for f in parsed.figures:
        note = " (counted in another figure)" if f.subset_of or f.launched_counted_in else ""
        out.append(
            f"    {f.model[:38]:<38}  {f.weapon_class:<22} {_count(f.launched):>8} {_count(f.destroyed):>9}"
            f" {_count(f.ew_lost):>8}{note}"
        )
    totals = parsed.totals
    out.append(
        f"  totals: {_count(totals.launched_drones)} drones and {_count(totals.launched_missiles)} missiles "
        f"launched; {_count(totals.destroyed_drones)} drones and {_count(totals.destroyed_missiles)} "
        f"missiles destroyed"
    )
    for u in parsed.unplaced:
        out.append(f"  NOT PLACED: {u.text!r} at {u.span[0]}-{u.span[1]}: {u.reason}")
    out += [f"  warning: {w}" for w in parsed.warnings]
    return "\n".join(out)


def format_stored(stored: StoredReport, replaced: Sequence[int], already: bool, year_reason: str) -> str:
    """Return what `report add` stored."""
    r = stored.record
    if already:
        return f"Already stored as {stored.ref} ({r.kind}, {r.kyiv_date}); nothing changed."
    drones = sum(f.launched or 0 for f in r.figures if f.category == "drone" and not f.counted_elsewhere)
    missiles = sum(f.launched or 0 for f in r.figures if f.category == "missile" and not f.counted_elsewhere)
    lines = [
        f"Stored {stored.ref}: {r.kind} for {r.kyiv_date} (year from {year_reason}): "
        f"{drones} drones and {missiles} missiles launched"
    ]
    if replaced:
        lines.append(f"  it replaces {', '.join(f'report:{i}' for i in replaced)} of the same day")
    if r.partial:
        lines.append("  stored with --accept-partial: some phrases were not read")
    lines.append(
        f"  `skytally show {r.kyiv_date}` now uses it; `skytally diff {r.kyiv_date}` compares it with the dataset"
    )
    return "\n".join(lines)


def format_discrepancies(items: Sequence[Discrepancy]) -> str:
    """Return the discrepancies as a table: attack, figure, each source's value, the one used."""
    if not items:
        return "The sources agree on every figure compared."
    out = [f"{'attack':<13} {'figure':<34} {'dataset':>8} {'report':>8} {'correction':>10}  used"]
    for d in items:
        cells = [("-" if v is None else str(v)) for v in (d.dataset, d.report, d.correction)]
        out.append(
            f"{d.attack_id:<13} {d.figure:<34} {cells[0]:>8} {cells[1]:>8} {cells[2]:>10}  {d.used}"
            f"  ({', '.join(d.evidence[:3])})"
        )
    return "\n".join(out)
