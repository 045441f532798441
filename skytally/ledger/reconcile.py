"""Dataset attacks + stored reports + corrections -> the attacks the ledger uses, and where they disagree.

Pure. The rule (docs/sources.md): for each attack, the Air Force's own report where one is stored,
else the dataset; manual corrections on top. ``source="dataset"`` or ``"report"`` forces one.
A report is matched to the dataset attack of the same date whose window it overlaps; a report with
no such attack (a night after the dataset's last update) makes an attack of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import time
from typing import Literal

from skytally.ledger.attacks import MORNING_REPORT_LATEST
from skytally.ledger.model import Attack, AttackFigure
from skytally.ledger.sources import Correction, Discrepancy, StoredReport
from skytally.ledger.taxonomy import load_taxonomy

SourceChoice = Literal["default", "dataset", "report"]
MEASURES = ("drones", "missiles", "total", "drones_destroyed", "missiles_destroyed")


def reconcile(
    dataset: Sequence[Attack],
    reports: Sequence[StoredReport],
    corrections: Sequence[Correction] = (),
    *,
    source: SourceChoice = "default",
) -> list[Attack]:
    """Return the attacks as the ledger uses them, oldest first (see the module docstring)."""
    if source == "dataset" or not (reports or corrections):
        return list(dataset)
    by_date: dict = defaultdict(list)
    for attack in dataset:
        by_date[attack.date].append(attack)
    replaced: dict[str, Attack] = {}
    extra: list[Attack] = []
    for report in reports:
        base = _match(report, by_date.get(report.record.kyiv_date, []))
        if base is not None and base.id not in replaced:
            replaced[base.id] = attack_from_report(report, base.id, base)
        elif base is None:
            taken = {a.id for a in by_date.get(report.record.kyiv_date, [])} | {a.id for a in extra}
            day = report.record.kyiv_date.isoformat()
            attack_id, n = day, 1
            while attack_id in taken:
                n += 1
                attack_id = f"{day}#{n}"
            extra.append(attack_from_report(report, attack_id, None))
    attacks = [replaced.get(a.id, a) for a in dataset] + extra
    if source == "default" and corrections:
        attacks = [apply_corrections(a, [c for c in corrections if c.attack_id == a.id]) for a in attacks]
    return sorted(attacks, key=lambda a: (a.date, a.end, a.id))


def _match(report: StoredReport, candidates: list[Attack]) -> Attack | None:
    """Return the dataset attack a report stands for: same date, overlapping window, same kind of wave."""
    record = report.record
    daytime = record.kind == "daytime_report"
    for attack in candidates:
        is_day_wave = attack.end.timetz().replace(tzinfo=None) > MORNING_REPORT_LATEST
        if daytime != is_day_wave:
            continue
        if record.window_start is None or record.window_end is None:
            return attack
        if record.window_start < attack.end and attack.start < record.window_end:
            return attack
    return None


def attack_from_report(report: StoredReport, attack_id: str, base: Attack | None) -> Attack:
    """Return the attack a report describes; places, regions and regional rows come from ``base``."""
    record = report.record
    warnings: list[str] = []
    figures = []
    for fig in record.figures:
        if not fig.counted_elsewhere and fig.launched is not None and fig.launched_bound != "exact":
            warnings.append(f"{fig.model}: the report gives {fig.launched_bound} {fig.launched} launched")
        elif fig.launched is None and not fig.counted_elsewhere:
            warnings.append(f"{fig.model}: the report names it with no number launched; counted as 0")
        figures.append(
            AttackFigure(
                model=fig.model,
                weapon_class=fig.weapon_class,
                category=fig.category,
                combined="," in fig.model,
                launched=fig.launched if not fig.counted_elsewhere else None,
                destroyed=fig.destroyed,
                not_reach_goal=None,
                lost_to_ew=fig.lost_to_ew,
                launch_places=(),
                source="report",
                evidence=(f"{report.ref}@{fig.span[0]}-{fig.span[1]}",),
                counted_elsewhere=fig.counted_elsewhere,
                destroyed_counted_elsewhere=fig.subset,
            )
        )
    if record.partial:
        warnings.append("the report was stored with --accept-partial: some of its phrases were not read")
    start = record.window_start or (base.start if base else None)
    end = record.window_end or (base.end if base else None)
    if start is None or end is None:  # a report always has its date; a window part may be missing
        from datetime import datetime

        from skytally.ledger._fields import KYIV

        day = record.kyiv_date
        start = start or datetime.combine(day, time(0), KYIV)
        end = end or datetime.combine(day, time(9), KYIV)
        warnings.append("the report states no full window; the missing part is assumed")
    if base is not None:
        warnings.append(
            f"figures from the Air Force's report ({report.ref}); the dataset's rows give "
            f"{base.drones} drones and {base.missiles} missiles (`skytally diff`)"
        )
        warnings += [w for w in base.warnings if "regional-command" in w]
    else:
        warnings.append(f"from the Air Force's report alone ({report.ref}): not yet in the dataset")
    urls = ((record.source_url,) if record.source_url else ()) + (base.source_urls if base else ())
    skeleton = Attack(
        id=attack_id,
        date=record.kyiv_date,
        start=start,
        end=end,
        figures=(),
        drones=0,
        missiles=0,
        bombs=0,
        drones_destroyed=0,
        missiles_destroyed=0,
        launched_by_class={},
        destroyed_by_class={},
        launch_places=base.launch_places if base else (),
        affected_regions=base.affected_regions if base else (),
        destroyed_by_direction=base.destroyed_by_direction if base else {},
        source_urls=urls,
        source="report",
        row_ids=base.row_ids if base else (),
        regional_rows=base.regional_rows if base else (),
        warnings=tuple(warnings),
    )
    return retotal(skeleton, tuple(figures), warnings=skeleton.warnings)


def apply_corrections(attack: Attack, corrections: Sequence[Correction]) -> Attack:
    """Return the attack with its manual corrections applied (the latest per model and field wins)."""
    if not corrections:
        return attack
    taxonomy = load_taxonomy()
    figures = {f.model: f for f in attack.figures}
    notes = []
    for c in corrections:
        current = figures.get(c.model)
        if current is None:
            model = taxonomy.lookup(c.model)
            weapon_class = model.weapon_class if model else None
            current = AttackFigure(
                c.model,
                weapon_class,
                taxonomy.category_of(weapon_class) if weapon_class else None,
                False,
                None,
                None,
                None,
                None,
                (),
                "correction",
                (),
            )
        figures[c.model] = replace(
            current, **{c.field: c.value}, source="correction", evidence=(*current.evidence, c.ref)
        )
        notes.append(f"{c.model} {c.field} corrected to {c.value} ({c.ref}: {c.note}; {c.source_url})")
    return retotal(attack, tuple(figures.values()), warnings=(*attack.warnings, *notes))


def retotal(attack: Attack, figures: tuple[AttackFigure, ...], *, warnings: tuple[str, ...]) -> Attack:
    """Return the attack with new figures and the totals recomputed from them."""
    launched: dict[str, int] = defaultdict(int)
    destroyed: dict[str, int] = defaultdict(int)
    totals = {"drone": [0, 0], "missile": [0, 0], "bomb": [0, 0]}
    for f in figures:
        if f.weapon_class is None or f.category is None:
            continue
        if f.launched is not None:
            launched[f.weapon_class] += f.launched
            totals[f.category][0] += f.launched
        if f.destroyed is not None and not f.destroyed_counted_elsewhere:
            destroyed[f.weapon_class] += f.destroyed
            totals[f.category][1] += f.destroyed
    return replace(
        attack,
        figures=figures,
        drones=totals["drone"][0],
        missiles=totals["missile"][0],
        bombs=totals["bomb"][0],
        drones_destroyed=totals["drone"][1],
        missiles_destroyed=totals["missile"][1],
        launched_by_class=dict(launched),
        destroyed_by_class=dict(destroyed),
        warnings=warnings,
        source="correction" if any(f.source == "correction" for f in figures) else attack.source,
    )


def find_discrepancies(
    dataset: Sequence[Attack],
    used: Sequence[Attack],
    reports: Sequence[StoredReport],
    corrections: Sequence[Correction],
) -> list[Discrepancy]:
    """Return every figure on which the dataset, a report and a correction disagree, per attack.

    Totals and launched-by-class are compared between the dataset and the report; each correction
    is listed with the value it replaced.
    """
    by_id = {a.id: a for a in dataset}
    with_report = {a.id: a for a in reconcile(dataset, reports, (), source="report") if a.source == "report"}
    out: list[Discrepancy] = []
    for attack in used:
        base = by_id.get(attack.id)
        reported = with_report.get(attack.id)
        if reported is not None:
            evidence = _refs(reported) + (_refs(base) if base else ())
            pairs = [(m, getattr(base, m) if base else None, getattr(reported, m)) for m in MEASURES]
            classes = sorted(set(base.launched_by_class if base else ()) | set(reported.launched_by_class))
            pairs += [
                (f"{c} launched", base.launched_by_class.get(c) if base else None, reported.launched_by_class.get(c))
                for c in classes
            ]
            out += [
                Discrepancy(attack.id, figure, in_dataset, in_report, None, "report", evidence)
                for figure, in_dataset, in_report in pairs
                if in_dataset != in_report
            ]
        for c in corrections:
            if c.attack_id == attack.id:
                out.append(
                    Discrepancy(
                        attack.id,
                        f"{c.model} {c.field}",
                        _figure_value(base, c.model, c.field),
                        _figure_value(reported, c.model, c.field),
                        c.value,
                        "correction",
                        (c.ref,),
                    )
                )
    return out


def _refs(attack: Attack) -> tuple[str, ...]:
    """The distinct sources behind an attack's figures: report ids, or dataset row refs."""
    return tuple(dict.fromkeys(e.split("@", 1)[0] for f in attack.figures for e in f.evidence))


def _figure_value(attack: Attack | None, model: str, field: str) -> int | None:
    if attack is None:
        return None
    return next((getattr(f, field) for f in attack.figures if f.model == model), None)
