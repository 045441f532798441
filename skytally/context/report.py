"""The plain-text report of an attack's context, as ``skytally context DATE`` prints it.

This is a reader's check-list, not a bulletin (bulletins are Jinja templates per language): one
line per figure, its caveats under it, and with ``explain`` the attacks and rows behind it.
"""

from __future__ import annotations

from skytally.context.build import AttackContext
from skytally.context.model import Evidence


def _ordinal(n: int) -> str:
    """Return an English ordinal.

    >>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.1f} %"


def _explain(evidence: Evidence, lines: list[str], limit: int = 40) -> None:
    lines.append(f"      query: {evidence.query}")
    for item in evidence.attacks[:limit]:
        extra = f", destroyed {item.destroyed}" if item.destroyed is not None else ""
        lines.append(f"      {item.id}: {item.value}{extra}  rows {' '.join(item.rows) or '-'}")
    if len(evidence.attacks) > limit:
        lines.append(f"      ... and {len(evidence.attacks) - limit} more (see --format json)")


def _caveats(caveats: tuple[str, ...], lines: list[str]) -> None:
    lines.extend(f"      note: {c}" for c in caveats)


def format_context(ctx: AttackContext, *, explain: bool = False) -> str:
    """Return the context as a readable text report; ``explain`` adds each figure's evidence."""
    a = ctx.attack
    lines = [
        f"Attack {a.id}: {a.start:%Y-%m-%d %H:%M} -> {a.end:%Y-%m-%d %H:%M} (Kyiv)",
        f"  {a.drones} drones, {a.missiles} missiles, {a.total} in total"
        + (f"; {a.bombs} guided bombs kept apart" if a.bombs else ""),
        f"  by class: {', '.join(f'{c} {n}' for c, n in sorted(a.launched_by_class.items(), key=lambda x: -x[1]))}",
        f"  data used: {ctx.data_start} to {ctx.data_end}",
    ]
    if explain:
        for f in a.figures:
            lines.append(
                f"      row {' '.join(f.evidence)}: {f.model} ({f.weapon_class}) launched {f.launched}, "
                f"destroyed {f.destroyed}"
            )
    _caveats(ctx.caveats, lines)
    lines.append("\nRanks (competition ranking: ties share a rank)")
    for r in ctx.ranks:
        where = r.scope.replace("_", " ")
        if r.rank is None:
            lines.append(f"  {r.measure:<18} {where:<14} not ranked ({r.value})")
        else:
            shared = " (shared)" if r.shared else ""
            lines.append(
                f"  {r.measure:<18} {where:<14} {_ordinal(r.rank)}{shared} of {r.population} "
                f"({r.with_measure} with any) with {r.value}"
            )
        if explain:
            _explain(r.evidence, lines)
        _caveats(r.caveats, lines)
    lines.append("\nLargest since")
    for rec in ctx.records:
        if rec.last_larger is not None:
            text = (
                f"largest since {rec.since} ({rec.last_larger.value}), {rec.days_since} days, "
                f"{rec.attacks_between} attacks in between"
            )
        else:
            text = f"largest in the data (since {rec.data_start})" if rec.largest_in_data else "no comparison"
        lines.append(f"  {rec.measure:<18} {rec.value:>6}: {text}")
        if explain:
            _explain(rec.evidence, lines)
        _caveats(rec.caveats, lines)
    lines.append("\nSums")
    for w in ctx.windows:
        label = f"since {w.event.name('en')} ({w.event.date})" if w.event else f"last {ctx.window_days} days"
        lines.append(
            f"  {label}: {w.total} drones and missiles ({w.drones} drones, {w.missiles} missiles) "
            f"over {w.attacks} attacks, {w.first} to {w.last}"
        )
        if explain:
            _explain(w.evidence, lines)
        _caveats(w.caveats, lines)
    lines.append("\nInterception rate (destroyed / launched; not reaching their target kept apart)")
    for c in ctx.rates:
        base = ", ".join(f"{b.scope.replace('_', ' ')} {_percent(b.rate)}" for b in c.baselines)
        lost = f"; {c.attack.not_reach_goal} did not reach their target" if c.attack.not_reach_goal else ""
        lines.append(
            f"  {c.measure:<9} {c.attack.destroyed}/{c.attack.launched} = {_percent(c.attack.rate)}{lost} (vs {base})"
        )
        if explain:
            for b in (c.attack, *c.baselines):
                _explain(b.evidence, lines, limit=5)
        _caveats(c.attack.caveats, lines)
    lines.append("\nStreaks")
    for s in ctx.streaks:
        lines.append(
            f"  nights in a row with {s.measure} above {s.threshold}: {s.nights}"
            + (f" (since {s.first})" if s.first else "")
            + f"; longest this year {s.longest_in_year} (to {s.longest_last})"
        )
        if explain:
            _explain(s.evidence, lines, limit=10)
    lines.append("\nTo date vs the same period a year earlier")
    for p in ctx.periods:
        cur, prev = p.current, p.previous
        before = f"{prev.total} ({prev.first} to {prev.last})" if prev else "not covered"
        change = p.change.get("total")
        delta = f", {change * 100:+.0f} %" if change is not None else ""
        lines.append(f"  {p.period.replace('_', ' ')}: {cur.total} over {cur.attacks} attacks vs {before}{delta}")
        if explain:
            lines.append(f"      query: {cur.evidence.query}")
            if prev:
                lines.append(f"      query: {prev.evidence.query}")
        _caveats(p.caveats, lines)
    reg = ctx.regions
    lines.append("\nRegions struck (dataset 'affected region')")
    if reg.leading:
        lines.append(f"  mainly {' and '.join(reg.leading)} ({reg.dominance}, {_percent(reg.share)} of regions)")
    for g in reg.groups:
        lines.append(f"  {g.macro:<7} {g.count}: {', '.join(g.regions)}")
    if reg.destroyed_by_macro:
        lines.append(f"  shot down by direction: {', '.join(f'{m} {n}' for m, n in reg.destroyed_by_macro.items())}")
    if explain:
        _explain(reg.evidence, lines)
    _caveats(reg.caveats, lines)
    return "\n".join(lines)
