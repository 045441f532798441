"""Choose what a bulletin states about an attack, and the evidence behind each figure.

:func:`build_bulletin_context` turns an attack's :class:`~skytally.context.AttackContext` into the
one :class:`~skytally.bulletin.model.BulletinContext` the templates receive, and lists every figure
the templates will print as a :class:`~skytally.bulletin.model.Figure`. It decides what is news
(a "largest since" a week back, a rank in the year's top ten, a sum since an event of the last
two months); the templates decide only how to say it.
"""

from __future__ import annotations

from datetime import timedelta

from skytally.bulletin.model import (
    Above,
    BulletinContext,
    ClassCount,
    Defence,
    Figure,
    Lang,
    Launch,
    RankLine,
    RecordLine,
    RegionsLine,
    SourceLine,
    TrendLine,
    WindowLine,
)
from skytally.config import DATASET_AUTHOR, DATASET_LICENCE, DATASET_PAGE
from skytally.context import AttackContext, AttackValue, Evidence, load_region_map
from skytally.ledger.model import Attack

# What is news. A rank beyond the year's top ten, a record that reaches back less than a week,
# a streak shorter than a week, an event more than two months back: a wire report leaves them out.
MAX_RANK_STATED = 10
MAX_RANK_NAMING_ABOVE = 3
MIN_RECORD_DAYS = 7
MAX_EVENT_DAYS = 60
MIN_STREAK_NIGHTS = 7
MIN_MONTH_ATTACKS = 3
DATASET_TITLE = "Massive Missile Attacks on Ukraine"


def build_bulletin_context(
    attack: Attack, context: AttackContext, lang: Lang
) -> tuple[BulletinContext, tuple[Figure, ...]]:
    """Return the template context of a bulletin and the figures it states, with their evidence.

    Args:
        attack: the attack, as the ledger gives it.
        context: ``build_context(ledger.attacks(), attack)``.
        lang: the bulletin's language (names of events and regions are taken in it).
    """
    figures: list[Figure] = []
    rows = tuple(ref for f in attack.figures for ref in f.evidence)
    show = f"skytally show {attack.id}"
    launch = _launch(attack, figures, show)
    data = BulletinContext(
        lang=lang,
        attack_id=attack.id,
        date=attack.date,
        launch=launch,
        defence=_defence(context, figures),
        record=_record(context, figures),
        ranks=_ranks(context, figures),
        window=_window(context, lang, figures),
        trend=_trend(context, figures),
        regions=_regions(context, lang, figures),
        source=SourceLine(attack.source_urls, DATASET_TITLE, DATASET_AUTHOR, DATASET_PAGE, DATASET_LICENCE, rows),
    )
    return data, tuple(figures)


def _figure(key: str, description: str, value: int | float, evidence: Evidence, exact: str | None = None) -> Figure:
    return Figure(
        key=key,
        description=description,
        value=value,
        exact=exact,
        attacks=tuple(a.id for a in evidence.attacks),
        rows=tuple(ref for a in evidence.attacks for ref in a.rows),
        query=evidence.query,
    )


def _launch(attack: Attack, figures: list[Figure], query: str) -> Launch:
    categories = {f.weapon_class: f.category for f in attack.figures if f.weapon_class}
    by_class = tuple(
        ClassCount(cls, categories.get(cls) or "", count)
        for cls, count in sorted(attack.launched_by_class.items(), key=lambda kv: (-kv[1], kv[0]))
        if count > 0 and categories.get(cls) in ("drone", "missile")
    )
    rows = tuple(ref for f in attack.figures for ref in f.evidence)
    whole = AttackValue(attack.id, attack.date, attack.total, rows)
    figures.append(_figure("launched.total", "drones and missiles launched", attack.total, Evidence(query, (whole,))))
    for item in by_class:
        class_rows = tuple(ref for f in attack.figures if f.weapon_class == item.weapon_class for ref in f.evidence)
        value = AttackValue(attack.id, attack.date, item.count, class_rows)
        figures.append(
            _figure(
                f"launched.{item.weapon_class}", f"{item.weapon_class} launched", item.count, Evidence(query, (value,))
            )
        )
    start, end = attack.start, attack.end
    # "In the night of 20 to 21 August": a window from an evening to the next morning.
    overnight = end.date() - start.date() == timedelta(days=1) and start.hour >= 12 and end.hour <= 12
    return Launch(attack.total, attack.drones, attack.missiles, by_class, start, end, overnight)


def _defence(context: AttackContext, figures: list[Figure]) -> Defence | None:
    rates = {r.measure: r.attack for r in context.rates}
    total = rates.get("total")
    if total is None or total.rate is None or total.launched == 0:
        return None
    parts = []
    for category, measure in (("drone", "drones"), ("missile", "missiles")):
        rate = rates.get(measure)
        if rate is not None and rate.launched > 0:
            parts.append((category, rate.destroyed))
            figures.append(
                _figure(f"destroyed.{measure}", f"{measure} shot down or suppressed", rate.destroyed, rate.evidence)
            )
    figures.append(
        _figure("destroyed.total", "drones and missiles shot down or suppressed", total.destroyed, total.evidence)
    )
    figures.append(
        _figure("destroyed.base", "launched, of figures with a known destroyed count", total.launched, total.evidence)
    )
    figures.append(_figure("destroyed.rate", "share shot down or suppressed", total.rate, total.evidence))
    lost = total.not_reach_goal or 0
    if lost:
        figures.append(_figure("not_reach_goal", "lost locationally, kept apart", lost, total.evidence))
    return Defence(total.launched, total.destroyed, total.rate, tuple(parts), lost)


def _record(context: AttackContext, figures: list[Figure]) -> RecordLine | None:
    record = context.record("total")
    if record.largest_in_data and record.data_start < context.attack.date:
        figures.append(
            _figure(
                "record.total",
                "largest by total since the data start",
                record.value,
                record.evidence,
                exact=record.data_start.isoformat(),
            )
        )
        return RecordLine("total", record.value, None, None, True, record.data_start, None, False)
    if record.last_larger is None or record.days_since is None or record.days_since < MIN_RECORD_DAYS:
        return None
    since = record.last_larger.date
    figures.append(
        _figure(
            "record.total",
            f"largest by total since {since.isoformat()}: the last larger attack",
            record.last_larger.value,
            record.evidence,
            exact=since.isoformat(),
        )
    )
    equalled = record.last_at_least.date if record.shared and record.last_at_least else None
    return RecordLine(
        "total",
        record.value,
        since,
        record.last_larger.value,
        False,
        record.data_start,
        equalled,
        since.year == context.attack.date.year,
    )


def _ranks(context: AttackContext, figures: list[Figure]) -> tuple[RankLine, ...]:
    lines = []
    for measure in ("drones", "missiles"):
        rank = context.rank(measure, "year")
        if rank.rank is None or rank.rank > MAX_RANK_STATED:
            continue
        others = [a for a in rank.evidence.attacks if a.id != context.attack.id]
        above = tuple(Above(a.date, a.value) for a in others if a.value > rank.value)
        tied = tuple(a.date for a in others if a.value == rank.value)
        year = context.attack.date.year
        figures.append(_figure(f"rank.{measure}.year", f"rank of {year} by {measure}", rank.rank, rank.evidence))
        if rank.rank > MAX_RANK_NAMING_ABOVE:
            above = ()
        # The text names the attacks above with their values ("July 9 (728)"): each is a figure too.
        for other in others:
            if other.value > rank.value and above:
                figures.append(
                    _figure(
                        f"rank.{measure}.year.above.{other.id}",
                        f"{measure} of an attack ranked above it in {year}",
                        other.value,
                        Evidence(rank.evidence.query, (other,)),
                        exact=other.date.isoformat(),
                    )
                )
        lines.append(RankLine(measure, year, rank.rank, rank.value, rank.shared, above, tied))
    return tuple(lines)


def _window(context: AttackContext, lang: Lang, figures: list[Figure]) -> WindowLine | None:
    windows = sorted((w for w in context.windows if w.event is not None), key=lambda w: w.first, reverse=True)
    for window in windows:
        event = window.event
        assert event is not None  # filtered above; for the type checker
        if window.attacks == 0 or (context.attack.date - event.date).days > MAX_EVENT_DAYS:
            continue
        figures.append(
            _figure(
                f"window.{window.id}",
                f"drones and missiles launched since {event.id} ({event.date.isoformat()})",
                window.total,
                window.evidence,
                exact=str(window.total),
            )
        )
        figures.append(_figure(f"window.{window.id}.attacks", "attacks in the window", window.attacks, window.evidence))
        return WindowLine(
            event.id,
            event.names[lang],
            event.date,
            window.first,
            window.total,
            window.drones,
            window.missiles,
            window.attacks,
        )
    return None


def _trend(context: AttackContext, figures: list[Figure]) -> TrendLine | None:
    streak = next((s for s in context.streaks if s.measure == "total"), None)
    nights = first = None
    if streak is not None and streak.nights >= MIN_STREAK_NIGHTS:
        nights, first = streak.nights, streak.first
        figures.append(
            _figure(
                "streak.total",
                "nights in a row with an attack",
                streak.nights,
                streak.evidence,
                exact=first.isoformat() if first else None,
            )
        )
    month = next((p for p in context.periods if p.period == "month_to_date"), None)
    month_total = month_attacks = previous = None
    if month is not None and month.current.attacks >= MIN_MONTH_ATTACKS:
        month_total, month_attacks = month.current.total, month.current.attacks
        figures.append(
            _figure(
                "period.month_to_date",
                "drones and missiles launched this month so far",
                month_total,
                month.current.evidence,
            )
        )
        figures.append(
            _figure("period.month_to_date.attacks", "attacks this month so far", month_attacks, month.current.evidence)
        )
        if month.coverage == "full" and month.previous is not None:
            previous = month.previous.total
            figures.append(
                _figure("period.month_previous_year", "the same days a year earlier", previous, month.previous.evidence)
            )
    if nights is None and month_total is None:
        return None
    return TrendLine(nights, first, month_total, month_attacks, previous, context.attack.date.year - 1)


def _regions(context: AttackContext, lang: Lang, figures: list[Figure]) -> RegionsLine | None:
    summary = context.regions
    if summary.dominance == "none" or not summary.groups:
        return None
    region_map = load_region_map()

    def names(regions: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(o.labels[lang] for o in map(region_map.oblast, regions) if o is not None)

    leading = summary.leading[0] if len(summary.leading) == 1 and summary.dominance != "tied" else None
    lead_group = next((g for g in summary.groups if g.macro == leading), None)
    others = tuple(r for g in summary.groups if g.macro != leading for r in g.regions)
    placed = names(lead_group.regions if lead_group else ()) + names(others)
    figures.append(_figure("regions", "oblasts listed as affected", len(placed), summary.evidence))
    return RegionsLine(
        summary.dominance,
        region_map.macros[leading].regions_labels[lang] if leading else None,
        names(lead_group.regions) if lead_group else (),
        names(others),
    )
