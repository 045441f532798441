"""Rows -> attacks: one wave as the national Air Force reports it, dated by the Kyiv morning it ended.

Pure functions over Row objects. The rule, with its edge cases, is written in docs/attacks.md:

* Only national rows (the Air Force Command, ``kpszsu``) make an attack. Regional commands'
  rows are kept as their own records and attached to the attack they overlap, never added.
* Rows are grouped by the window they report, not by their ``source`` post id (which is
  sometimes wrong in the dataset): rows whose windows overlap are one attack, so a missile row
  with a window of its own inside the drones' window joins it. Windows that only touch (a
  daytime wave starting when the morning report's window closed) or lie apart are separate.
* The attack's date is the Kyiv date on which its window ends (for a whole-day window, that
  day). The first attack ending on a date gets the date as its id; later ones ``DATE#2``, …
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, time, timedelta

from skytally.ledger.model import Attack, AttackFigure, Row
from skytally.ledger.taxonomy import load_taxonomy

# A night's window is 12-16 hours; beyond this a window (or a group of them) is worth a look.
LONGEST_PLAUSIBLE_WINDOW = timedelta(hours=30)
# The morning report's window closes by 09:00-10:30; a window ending after noon is a daytime wave.
MORNING_REPORT_LATEST = time(12, 0)


def row_date(row: Row) -> date:
    """Return the Kyiv date a row's window ends on (a whole-day window: that day)."""
    end = row.end if row.end_has_time else row.end - timedelta(days=1)
    return end.date()


def _overlaps(row: Row, start, end) -> bool:  # type: ignore[no-untyped-def]
    """Whether a row's window overlaps [start, end]; a point window counts when inside it."""
    if row.start == row.end or start == end:
        return start <= row.start <= end or row.start <= start <= row.end
    return row.start < end and start < row.end


def group_rows(rows: Iterable[Row]) -> list[list[Row]]:
    """Return the national rows grouped into attacks (lists of rows), oldest first.

    First by overlapping windows; then two groups of one morning are one attack when one post
    reports both (the night to 15 Jan 2025: drones 21:00-02:30 and missiles 06:00-08:00, one
    report). A group that ends after noon is a daytime wave and stays apart.
    """
    national = sorted((r for r in rows if r.reporter_kind == "national"), key=lambda r: (r.start, r.end, r.line))
    groups: list[list[Row]] = []
    start = end = None
    for row in national:
        if groups and _overlaps(row, start, end):
            groups[-1].append(row)
            end = max(end, row.end)  # type: ignore[type-var]
        else:
            groups.append([row])
            start, end = row.start, row.end
    merged: list[list[Row]] = []
    for group in groups:
        if merged and _same_morning_report(merged[-1], group):
            merged[-1].extend(group)
        else:
            merged.append(group)
    return merged


def _same_morning_report(earlier: list[Row], later: list[Row]) -> bool:
    """Whether two window groups are parts of one morning report: same post, same date, before noon."""
    last = max(later, key=lambda r: r.end)
    return (
        _group_date(earlier) == _group_date(later)
        and last.end_has_time
        and last.end.time() <= MORNING_REPORT_LATEST
        and bool({r.source for r in earlier} & {r.source for r in later})
    )


def build_attacks(rows: Sequence[Row]) -> list[Attack]:
    """Return the attacks the rows make, oldest first, with regional rows attached apart."""
    groups = group_rows(rows)
    regional_by_date: dict[date, list[Row]] = defaultdict(list)
    for row in rows:
        if row.reporter_kind != "national":
            regional_by_date[row_date(row)].append(row)
    post_dates: dict[str, set[date]] = defaultdict(set)
    for group in groups:
        for row in group:
            post_dates[row.source].add(_group_date(group))
    by_date: dict[date, int] = defaultdict(int)
    attacks = []
    for group in sorted(groups, key=lambda g: max(r.end for r in g)):
        day = _group_date(group)
        by_date[day] += 1
        attack_id = day.isoformat() if by_date[day] == 1 else f"{day.isoformat()}#{by_date[day]}"
        nearby = [
            r for d in (day - timedelta(days=1), day, day + timedelta(days=1)) for r in regional_by_date.get(d, ())
        ]
        attacks.append(_attack(attack_id, day, group, nearby, post_dates))
    return sorted(attacks, key=lambda a: (a.date, a.end))


def _group_date(group: list[Row]) -> date:
    return row_date(max(group, key=lambda r: r.end))


def _attack(attack_id: str, day: date, group: list[Row], nearby: list[Row], post_dates: dict[str, set[date]]) -> Attack:
    start = min(r.start for r in group)
    end = max(r.end for r in group)
    warnings: list[str] = []
    figures = _figures(group, warnings)
    launched: dict[str, int] = defaultdict(int)
    for fig in figures:
        if fig.weapon_class and fig.launched is not None:
            launched[fig.weapon_class] += fig.launched
    destroyed: dict[str, int] = defaultdict(int)
    totals = {"drone": [0, 0], "missile": [0, 0], "bomb": [0, 0]}
    for row in group:
        if row.category is None:
            warnings.append(f"line {row.line}: model {row.model_raw!r} is not in the taxonomy; not counted")
            continue
        if row.launched is None:
            warnings.append(f"line {row.line}: no launched count for {row.model}; counted as 0")
        totals[row.category][0] += row.launched or 0
        if row.destroyed is not None:
            destroyed[row.weapon_class] += row.destroyed  # type: ignore[index]
            totals[row.category][1] += row.destroyed
        if row.launched is not None and row.destroyed is not None and row.destroyed > row.launched:
            warnings.append(f"line {row.line}: {row.model} destroyed {row.destroyed} > launched {row.launched}")
        others = post_dates.get(row.source, set()) - {day}
        # The dataset sometimes gives a row the post id of another night's report (a 25 Dec 2024
        # row carries the 26 Aug 2024 post). Such a row is the odd one out in its own attack.
        if any(abs((d - day).days) > 2 for d in others) and len({r.source for r in group}) > 1:
            far = ", ".join(sorted(d.isoformat() for d in others))
            warnings.append(
                f"line {row.line}: its source post is also the source of the attack(s) of {far}; "
                "the post id is probably wrong"
            )
    if end - start > LONGEST_PLAUSIBLE_WINDOW:
        warnings.append(f"window of {(end - start).total_seconds() / 3600:.0f} h: longer than a night's report")
    if not any(r.start_has_time for r in group):
        warnings.append("the dataset gives no start time: the window starts at 00:00 by convention")
    regional = [r.id for r in nearby if _overlaps(r, start, end)]
    if regional:
        warnings.append(f"{len(regional)} regional-command row(s) overlap this attack; kept apart, not in the totals")
    return Attack(
        id=attack_id,
        date=day,
        start=start,
        end=end,
        figures=tuple(figures),
        drones=totals["drone"][0],
        missiles=totals["missile"][0],
        bombs=totals["bomb"][0],
        drones_destroyed=totals["drone"][1],
        missiles_destroyed=totals["missile"][1],
        launched_by_class=dict(launched),
        destroyed_by_class=dict(destroyed),
        launch_places=_union(p for r in group for p in r.launch_places),
        affected_regions=_union(p for r in group for p in r.affected_regions),
        destroyed_by_direction=_directions(group),
        source_urls=_union(r.source_url for r in group),
        source="dataset",
        row_ids=tuple(r.id for r in group),
        regional_rows=tuple(regional),
        warnings=tuple(warnings),
    )


def _figures(group: list[Row], warnings: list[str]) -> list[AttackFigure]:
    """One figure per model; a combined row with a launched split that adds up becomes several."""
    parts: dict[str, dict] = {}

    def add(
        model: str,
        row: Row,
        weapon_class: str | None,
        category: str | None,
        combined: bool,
        launched: int | None,
        destroyed: int | None,
        places: tuple[str, ...],
    ) -> None:
        fig = parts.setdefault(
            model,
            {
                "weapon_class": weapon_class,
                "category": category,
                "combined": combined,
                "launched": None,
                "destroyed": None,
                "not_reach_goal": None,
                "places": [],
                "evidence": [],
            },
        )
        for key, value in (("launched", launched), ("destroyed", destroyed), ("not_reach_goal", row.not_reach_goal)):
            if value is not None:
                fig[key] = (fig[key] or 0) + value
        fig["places"].extend(places)
        fig["evidence"].append(row.ref)

    for row in group:
        split = row.launched_details if row.combined else {}
        if split and row.launched is not None and sum(v or 0 for v in split.values()) == row.launched:
            taxonomy = load_taxonomy()
            for name, count in split.items():
                model = taxonomy.lookup(name)
                places = (
                    tuple(row.launch_place_details.get(name, "").split(" and ")) if row.launch_place_details else ()
                )
                add(
                    model.id if model else name,
                    row,
                    model.weapon_class if model else None,
                    row.category,
                    False,
                    count,
                    None,
                    tuple(p for p in places if p),
                )
            warnings.append(
                f"line {row.line}: {row.model_raw} split by the row's launched_details; "
                f"its {row.destroyed} destroyed are not split"
            )
            continue
        if split:
            warnings.append(
                f"line {row.line}: launched_details of {row.model_raw} do not add up to {row.launched}; not split"
            )
        elif row.combined:
            warnings.append(
                f"line {row.line}: {row.launched} counted together for {row.model_raw} "
                f"(class {row.weapon_class}); the dataset gives no split"
            )
        add(
            row.model, row, row.weapon_class, row.category, row.combined, row.launched, row.destroyed, row.launch_places
        )
    return [
        AttackFigure(
            model=m,
            weapon_class=p["weapon_class"],
            category=p["category"],
            combined=p["combined"],
            launched=p["launched"],
            destroyed=p["destroyed"],
            not_reach_goal=p["not_reach_goal"],
            lost_to_ew=None,
            launch_places=_union(p["places"]),
            source="dataset",
            evidence=tuple(p["evidence"]),
        )
        for m, p in sorted(parts.items(), key=lambda kv: (kv[1]["category"] or "", -(kv[1]["launched"] or 0)))
    ]


def _directions(group: list[Row]) -> dict[str, int]:
    """Sum the shot-down counts by direction (``destroyed_details``); NaN entries add nothing."""
    out: dict[str, int] = {}
    for row in group:
        for direction, count in row.destroyed_details.items():
            if count is not None:
                out[direction] = out.get(direction, 0) + count
    return out


def _union(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))
