"""The context of one attack: every comparison a journalist writes about it, each with its evidence.

:func:`build_context` is the one entry point bulletins, charts, the CLI and the web API share. It is
pure: it takes the attacks (a ledger's ``attacks()``) and the attack, and returns frozen
dataclasses; loading the events and regions data files is its only reading, as for the taxonomy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from skytally.context.events import Event, events_before, load_events
from skytally.context.measures import BASE_MEASURES, class_measures, order_attacks, upto
from skytally.context.model import to_plain
from skytally.context.ranks import Rank, Scope, all_time_scope, last_days_scope, rank_attack, year_scope
from skytally.context.rates import RATE_MEASURES, RateComparison, compare_rates
from skytally.context.records import Record, find_record
from skytally.context.regions import RegionSummary, summarise_regions
from skytally.context.trends import DEFAULT_STREAKS, PeriodComparison, Streak, compare_period, find_streak
from skytally.context.windows import WindowSum, sum_last_days, sum_since_event
from skytally.ledger.model import Attack

DEFAULT_WINDOW_DAYS = 30
# Without an explicit event, windows start from the latest events before the attack: the
# comparisons a news report makes ("since the Alaska summit", "since the White House meeting").
DEFAULT_RECENT_EVENTS = 2


@dataclass(frozen=True, slots=True)
class AttackContext:
    """Everything that puts one attack in context: ranks, records, sums, rates, trends, regions.

    ``attack`` is the ledger's record of the attack itself. ``data_start`` / ``data_end`` bound
    the attacks the figures were computed from (none after the attack is used, except in the
    ``whole_year`` rank scope when ``today`` is later than the attack).
    """

    attack: Attack
    data_start: date
    data_end: date
    window_days: int
    ranks: tuple[Rank, ...]
    records: tuple[Record, ...]
    windows: tuple[WindowSum, ...]
    rates: tuple[RateComparison, ...]
    streaks: tuple[Streak, ...]
    periods: tuple[PeriodComparison, ...]
    regions: RegionSummary
    caveats: tuple[str, ...]

    def rank(self, measure: str, scope: str = "year") -> Rank:
        """Return the rank by a measure within a scope (``year``, ``all_time``, ``last_N_days``).

        Raises:
            KeyError: no such rank was computed (a class the attack did not launch).
        """
        for rank in self.ranks:
            if rank.measure == measure and rank.scope == scope:
                return rank
        raise KeyError(f"no rank by {measure!r} within {scope!r}")

    def record(self, measure: str) -> Record:
        """Return the "largest since" record by a measure.

        Raises:
            KeyError: no record was computed for that measure.
        """
        for record in self.records:
            if record.measure == measure:
                return record
        raise KeyError(f"no record by {measure!r}")

    def window(self, window_id: str) -> WindowSum:
        """Return a window sum by id (``since_white-house-meeting``, ``last_30_days``).

        Raises:
            KeyError: no such window was computed.
        """
        for window in self.windows:
            if window.id == window_id:
                return window
        raise KeyError(f"no window {window_id!r}")

    def to_dict(self) -> dict[str, Any]:
        """Return the context as JSON-ready data, the attack given by its totals and rows."""
        data: dict[str, Any] = to_plain(self)
        attack = self.attack
        data["attack"] = {
            "id": attack.id,
            "date": attack.date.isoformat(),
            "start": attack.start.isoformat(),
            "end": attack.end.isoformat(),
            "drones": attack.drones,
            "missiles": attack.missiles,
            "total": attack.total,
            "bombs": attack.bombs,
            "launched_by_class": attack.launched_by_class,
            "destroyed_by_class": attack.destroyed_by_class,
            "source_urls": list(attack.source_urls),
            "rows": [ref for f in attack.figures for ref in f.evidence],
            "warnings": list(attack.warnings),
        }
        return data


def build_context(
    attacks: Sequence[Attack],
    attack: Attack,
    *,
    events: Sequence[Event] | None = None,
    since_events: Sequence[Event] | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    today: date | None = None,
) -> AttackContext:
    """Return the context of ``attack`` among ``attacks``.

    Args:
        attacks: every attack known (a ledger's ``attacks()``), in any order.
        attack: the attack to put in context; must be among ``attacks``.
        events: the timeline windows may start from (default: the shipped events.csv).
        since_events: the events to sum since (default: the latest events before the attack).
        window_days: N for the "last N days" rank scope and window sum.
        today: when later than the attack, ranks are also given within the attack's whole year
            as known on that day (scope ``whole_year``): "still the 3rd of 2025".

    Raises:
        ValueError: the attack is not among ``attacks``, or ``window_days`` is below 1.
    """
    if window_days < 1:
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    # Ordered once here, so that each figure below takes "what was known that morning" as a slice.
    attacks = order_attacks(attacks)
    known = upto(attacks, attack)
    if since_events is None:
        timeline = load_events() if events is None else events
        since_events = events_before(timeline, attack.date, DEFAULT_RECENT_EVENTS)
    scopes = [year_scope(attack), all_time_scope(attack), last_days_scope(attack, window_days)]
    if today is not None and today > attack.date:
        scopes.append(Scope("whole_year", None, today, attack.date.year))
    ranks = [
        rank_attack(attacks, attack, measure, scope, category=_class_category(attack, measure))
        for measure in _measures(attack)
        for scope in scopes
    ]
    return AttackContext(
        attack=attack,
        data_start=known[0].date,
        data_end=attack.date,
        window_days=window_days,
        ranks=tuple(ranks),
        records=tuple(find_record(attacks, attack, m) for m in _measures(attack)),
        windows=(
            *(sum_since_event(attacks, attack, e) for e in since_events),
            sum_last_days(attacks, attack, window_days),
        ),
        rates=tuple(compare_rates(attacks, attack, m) for m in RATE_MEASURES),
        streaks=tuple(find_streak(attacks, attack, m, t) for m, t in DEFAULT_STREAKS),
        periods=(compare_period(attacks, attack, "month"), compare_period(attacks, attack, "year")),
        regions=summarise_regions(attack),
        caveats=attack.warnings,
    )


def _measures(attack: Attack) -> tuple[str, ...]:
    return (*BASE_MEASURES, *class_measures(attack))


def _class_category(attack: Attack, measure: str) -> str | None:
    return next((f.category for f in attack.figures if f.weapon_class == measure), None)
