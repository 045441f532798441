"""Trends: streaks of nights above a threshold, and month / year to date against the year before.

A streak counts calendar nights (attacks grouped by the Kyiv date they ended), because "nights in
a row" is what a reader understands: a night with no attack in the data breaks the streak, and
two waves on one date add up. The streak is the one that ends with the attack's night; the
longest streak of the year so far is given beside it.

Period comparisons put the month (or year) up to the attack's day beside the same days of the
previous year (29 Feb maps to 28 Feb). When the previous period starts before the data do, the
comparison is marked ``partial`` or ``none`` rather than silently compared with too little.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from skytally.context.measures import attack_value, attacks_query, measure_value, order_attacks, upto
from skytally.context.model import Evidence
from skytally.ledger.model import Attack

Coverage = Literal["full", "partial", "none"]

# The streaks a context reports: (measure, threshold); a night counts when its value is above it.
DEFAULT_STREAKS: tuple[tuple[str, int], ...] = (("drones", 100), ("total", 0))


@dataclass(frozen=True, slots=True)
class Streak:
    """Nights in a row, ending with the attack's night, whose ``measure`` was above ``threshold``.

    ``nights`` is 0 when the attack's own night is not above the threshold. ``longest_in_year``
    is the longest such streak from 1 January up to the attack's night, ending on
    ``longest_last``.
    """

    measure: str
    threshold: int
    nights: int
    first: date | None
    longest_in_year: int
    longest_last: date | None
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PeriodTotals:
    """Attacks, drones, missiles and total launched over a period of days."""

    first: date
    last: date
    attacks: int
    drones: int
    missiles: int
    total: int
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PeriodComparison:
    """A period to date (``month_to_date`` / ``year_to_date``) beside the same days a year earlier.

    ``change`` is the relative change of each measure (0.25 = +25 %), None when the earlier
    figure is 0 or not covered by the data (``coverage`` says which).
    """

    period: str
    current: PeriodTotals
    previous: PeriodTotals | None
    coverage: Coverage
    change: dict[str, float | None]
    caveats: tuple[str, ...]


def nightly_values(attacks: Sequence[Attack], measure: str) -> dict[date, int]:
    """Return the value of a measure per Kyiv date, waves of one date added together."""
    nights: dict[date, int] = defaultdict(int)
    for attack in attacks:
        nights[attack.date] += measure_value(attack, measure)
    return dict(nights)


def find_streak(attacks: Sequence[Attack], attack: Attack, measure: str, threshold: int) -> Streak:
    """Return the streak of nights above ``threshold`` that ends with the attack's night.

    Raises:
        ValueError: the attack is not among ``attacks``.
    """
    known = upto(attacks, attack)
    nights = nightly_values(known, measure)
    day = attack.date
    run: list[date] = []
    while nights.get(day, 0) > threshold:
        run.append(day)
        day -= timedelta(days=1)
    longest, longest_last, current = 0, None, 0
    day = date(attack.date.year, 1, 1)
    while day <= attack.date:
        current = current + 1 if nights.get(day, 0) > threshold else 0
        if current > longest:
            longest, longest_last = current, day
        day += timedelta(days=1)
    in_run = [a for a in known if a.date in set(run)]
    evidence = Evidence(
        attacks_query(measure=measure, since=run[-1] if run else attack.date, until=attack.date),
        tuple(attack_value(a, measure) for a in in_run),
        len(in_run),
    )
    return Streak(measure, threshold, len(run), run[-1] if run else None, longest, longest_last, evidence)


def _same_day_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February: the year before has no such day
        return date(day.year - 1, 2, 28)


def _totals(attacks: Sequence[Attack], first: date, last: date) -> PeriodTotals:
    chosen = [a for a in attacks if first <= a.date <= last]
    evidence = Evidence(
        attacks_query(since=first, until=last), tuple(attack_value(a, "total") for a in chosen), len(chosen)
    )
    return PeriodTotals(
        first,
        last,
        len(chosen),
        sum(a.drones for a in chosen),
        sum(a.missiles for a in chosen),
        sum(a.total for a in chosen),
        evidence,
    )


def compare_period(attacks: Sequence[Attack], attack: Attack, period: Literal["month", "year"]) -> PeriodComparison:
    """Return the month or year to the attack's day beside the same days of the previous year.

    Raises:
        ValueError: the attack is not among ``attacks``.
    """
    known = upto(attacks, attack)
    everything = order_attacks(attacks)
    first = attack.date.replace(day=1) if period == "month" else date(attack.date.year, 1, 1)
    current = _totals(known, first, attack.date)
    prev_first, prev_last = _same_day_year_before(first), _same_day_year_before(attack.date)
    data_start = everything[0].date
    caveats: list[str] = []
    coverage: Coverage = "full"
    previous: PeriodTotals | None = _totals(everything, prev_first, prev_last)
    if prev_last < data_start:
        coverage, previous = "none", None
        caveats.append(f"the data start on {data_start.isoformat()}: the same period a year earlier is not covered")
    elif prev_first < data_start:
        coverage = "partial"
        caveats.append(
            f"the data start on {data_start.isoformat()}: the same period a year earlier is only partly covered"
        )
    change: dict[str, float | None] = {}
    for name in ("attacks", "drones", "missiles", "total"):
        before = getattr(previous, name) if previous is not None and coverage == "full" else 0
        change[name] = round(getattr(current, name) / before - 1, 4) if before else None
    return PeriodComparison(f"{period}_to_date", current, previous, coverage, change, tuple(caveats))
