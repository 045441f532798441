"""The context engine: ranks, records, sums, rates, trends and regions that put an attack in context.

    from skytally.context import build_context
    ctx = build_context(ledger.attacks(), ledger.attack("2025-08-21"))
    ctx.rank("drones", "year").rank        # 3
    ctx.record("total").last_larger        # AttackValue(id='2025-07-12', ..., value=623, ...)

Every figure carries an ``Evidence``: the attacks it rests on and the query that reproduces it.
See docs/context.md.
"""

from __future__ import annotations

from skytally.context.build import AttackContext, build_context
from skytally.context.events import Event, find_event, load_events, merge_events, parse_events
from skytally.context.model import AttackValue, Evidence
from skytally.context.ranks import Rank, rank_attack
from skytally.context.rates import InterceptionRate, RateComparison
from skytally.context.records import Record, find_record
from skytally.context.regions import RegionSummary, load_region_map, summarise_regions
from skytally.context.trends import PeriodComparison, PeriodTotals, Streak
from skytally.context.windows import WindowSum, sum_last_days, sum_since_event

__all__ = [
    "AttackContext",
    "AttackValue",
    "Event",
    "Evidence",
    "InterceptionRate",
    "PeriodComparison",
    "PeriodTotals",
    "Rank",
    "RateComparison",
    "Record",
    "RegionSummary",
    "Streak",
    "WindowSum",
    "build_context",
    "find_event",
    "find_record",
    "load_events",
    "load_region_map",
    "merge_events",
    "parse_events",
    "rank_attack",
    "sum_last_days",
    "sum_since_event",
    "summarise_regions",
]
