"""Data-quality findings over the rows and attacks: what `skytally doctor` reports. Pure.

Each finding names the rows (file lines) it is about, so a person can open the file and see.
Nothing here changes a figure: the dataset is reported on, never patched.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skytally.ledger.attacks import LONGEST_PLAUSIBLE_WINDOW, row_date
from skytally.ledger.model import Attack, Row


@dataclass(frozen=True, slots=True)
class Finding:
    """One data-quality observation: its kind, a sentence, and the file lines it concerns."""

    kind: str
    message: str
    lines: tuple[int, ...] = ()


KINDS = {
    "unknown_model": "model strings the taxonomy does not know",
    "no_national_report": "dates with regional or other rows but no national report",
    "duplicate_rows": "national rows repeated (same window, model and counts)",
    "destroyed_gt_launched": "rows with more destroyed than launched",
    "implausible_window": "attacks with an implausible window",
    "regional_overlap": "regional rows that overlap a national report",
    "wrong_post_id": "rows whose source post also stands for an attack days away",
    "missing_launched": "rows with no launched count",
}


def find_issues(rows: Sequence[Row], attacks: Sequence[Attack]) -> list[Finding]:
    """Return every finding, grouped by kind in the order of KINDS."""
    findings: list[Finding] = []
    unknown = Counter(r.model_raw for r in rows if r.weapon_class is None)
    for model, count in sorted(unknown.items()):
        lines = tuple(r.line for r in rows if r.model_raw == model)
        findings.append(Finding("unknown_model", f"{model!r}: {count} row(s)", lines))
    national_dates = {a.date for a in attacks}
    others: dict[date, list[Row]] = defaultdict(list)
    for row in rows:
        if row.reporter_kind != "national":
            others[row_date(row)].append(row)
    for day in sorted(set(others) - national_dates):
        reporters = sorted({r.reporter for r in others[day]})
        findings.append(
            Finding("no_national_report", f"{day}: only {', '.join(reporters)}", tuple(r.line for r in others[day]))
        )
    seen: dict[tuple, list[Row]] = defaultdict(list)
    for row in rows:
        if row.reporter_kind == "national":
            seen[(row.start, row.end, row.model_raw, row.launched, row.destroyed)].append(row)
    for key, same in seen.items():
        if len(same) > 1:
            findings.append(
                Finding(
                    "duplicate_rows",
                    f"{row_date(same[0])} {key[2]} {key[3]} launched: {len(same)} identical rows",
                    tuple(r.line for r in same),
                )
            )
    for row in rows:
        if row.launched is not None and row.destroyed is not None and row.destroyed > row.launched:
            findings.append(
                Finding(
                    "destroyed_gt_launched",
                    f"{row_date(row)} {row.model_raw}: destroyed {row.destroyed} > launched {row.launched}",
                    (row.line,),
                )
            )
        if row.launched is None:
            findings.append(Finding("missing_launched", f"{row_date(row)} {row.model_raw}", (row.line,)))
    by_id = {r.id: r for r in rows}
    for attack in attacks:
        span = attack.end - attack.start
        if span > LONGEST_PLAUSIBLE_WINDOW:
            findings.append(
                Finding(
                    "implausible_window",
                    f"{attack.id}: window of {span.total_seconds() / 3600:.0f} h",
                    tuple(by_id[i].line for i in attack.row_ids),
                )
            )
        elif span <= timedelta(0) and len(attack.row_ids) > 1:
            findings.append(
                Finding(
                    "implausible_window",
                    f"{attack.id}: zero-length window",
                    tuple(by_id[i].line for i in attack.row_ids),
                )
            )
        if attack.regional_rows:
            reporters = sorted({by_id[i].reporter for i in attack.regional_rows})
            findings.append(
                Finding(
                    "regional_overlap",
                    f"{attack.id}: {len(attack.regional_rows)} row(s) of {', '.join(reporters)}",
                    tuple(by_id[i].line for i in attack.regional_rows),
                )
            )
        for warning in attack.warnings:
            if "post id is probably wrong" in warning:
                findings.append(Finding("wrong_post_id", f"{attack.id}: {warning}"))
    order = list(KINDS)
    return sorted(findings, key=lambda f: order.index(f.kind))
