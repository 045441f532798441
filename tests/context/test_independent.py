"""A dozen more facts, each checked against an independent query written differently from the engine.

The engine ranks by counting larger values in a list it orders itself; here the expected answer
comes from the ledger's own filters (``attacks(year=..., until=...)``), sorted values and bisect.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

import pytest

from skytally.context import build_context, find_record, rank_attack, sum_since_event
from skytally.context.events import Event
from skytally.context.ranks import all_time_scope, year_scope
from skytally.context.trends import compare_period, find_streak
from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack

# Real nights from every year of the data, including the first one.
NIGHTS = ["2022-10-11", "2023-12-29", "2024-08-26", "2024-12-25", "2025-07-09", "2026-01-01"]


def _value(attack: Attack, measure: str) -> int:
    return {"drones": attack.drones, "missiles": attack.missiles, "total": attack.drones + attack.missiles}.get(
        measure, attack.launched_by_class.get(measure, 0)
    )


def _expected_rank(values: list[int], value: int) -> int:
    ordered = sorted(values)
    return 1 + len(ordered) - bisect.bisect_right(ordered, value)


@pytest.mark.parametrize("night", NIGHTS)
@pytest.mark.parametrize("measure", ["drones", "missiles", "total", "cruise_missile"])
def test_rank_within_year_matches_a_sorted_list(ledger: Ledger, night: str, measure: str) -> None:
    attack = ledger.attack(night)
    peers = [a for a in ledger.attacks(year=attack.date.year, until=attack.date) if a.end <= attack.end]
    rank = rank_attack(ledger.attacks(), attack, measure, year_scope(attack))
    if _value(attack, measure) == 0:  # ranking a zero says nothing: no rank, and the output says why
        assert rank.rank is None
        assert any("not ranked" in c for c in rank.caveats)
    else:
        assert rank.rank == _expected_rank([_value(a, measure) for a in peers], _value(attack, measure))
    assert rank.population == len(peers)


@pytest.mark.parametrize("night", NIGHTS)
def test_rank_all_time_by_total(ledger: Ledger, night: str) -> None:
    attack = ledger.attack(night)
    peers = [a for a in ledger.attacks(until=attack.date) if a.end <= attack.end]
    rank = rank_attack(ledger.attacks(), attack, "total", all_time_scope(attack))
    assert rank.rank == _expected_rank([a.total for a in peers], attack.total)


@pytest.mark.parametrize("night", NIGHTS)
def test_largest_since_matches_a_backward_walk(ledger: Ledger, night: str) -> None:
    attack = ledger.attack(night)
    earlier = [a for a in ledger.attacks(until=attack.date) if a.end < attack.end]
    larger = [a for a in earlier if a.total > attack.total]
    record = find_record(ledger.attacks(), attack, "total")
    if larger:
        assert record.last_larger is not None
        assert record.last_larger.id == max(larger, key=lambda a: a.end).id
    else:
        assert record.last_larger is None
        assert record.largest_in_data == bool(earlier)


def test_9_july_2025_is_the_drone_record_in_the_data(ledger: Ledger) -> None:
    attack = ledger.attack("2025-07-09")
    record = find_record(ledger.attacks(), attack, "drones")
    assert record.largest_in_data
    assert max(a.drones for a in ledger.attacks(until=date(2025, 7, 8))) < attack.drones


def test_first_attack_in_the_data(ledger: Ledger) -> None:
    first = ledger.attacks()[0]
    record = find_record(ledger.attacks(), first, "total")
    assert (record.last_larger, record.largest_in_data) == (None, False)
    assert any("first attack in the data" in c for c in record.caveats)


def test_sum_since_alaska_matches_the_ledger_filter(ledger: Ledger) -> None:
    alaska = Event("alaska", date(2025, 8, 15), {"en": "a", "fr": "a", "uk": "a"}, "diplomacy", "https://x")
    window = sum_since_event(ledger.attacks(), ledger.attack("2025-08-21"), alaska)
    chosen = ledger.attacks(since=date(2025, 8, 16), until=date(2025, 8, 21))
    assert (window.total, window.attacks) == (sum(a.total for a in chosen), len(chosen))


def test_year_to_date_matches_the_ledger_filter(ledger: Ledger) -> None:
    attack = ledger.attack("2025-08-21")
    period = compare_period(ledger.attacks(), attack, "year")
    before = ledger.attacks(since=date(2024, 1, 1), until=date(2024, 8, 21))
    assert period.current.total == sum(a.total for a in ledger.attacks(year=2025, until=attack.date))
    assert period.previous is not None
    assert period.previous.total == sum(a.total for a in before)
    assert period.coverage == "full"


def test_2022_has_no_previous_year_in_the_data(ledger: Ledger) -> None:
    period = compare_period(ledger.attacks(), ledger.attack("2022-10-11"), "year")
    assert (period.coverage, period.previous) == ("none", None)


def test_streak_matches_a_day_by_day_count(ledger: Ledger) -> None:
    attack = ledger.attack("2025-08-21")
    nights: dict[date, int] = {}
    for a in ledger.attacks(until=attack.date):
        nights[a.date] = nights.get(a.date, 0) + a.total
    day, expected = attack.date, 0
    while nights.get(day, 0) > 0:
        expected, day = expected + 1, day - timedelta(days=1)
    assert find_streak(ledger.attacks(), attack, "total", 0).nights == expected


def test_interception_rate_of_the_seed_night(ledger: Ledger) -> None:
    ctx = build_context(ledger.attacks(), ledger.attack("2025-08-21"))
    drones = next(c for c in ctx.rates if c.measure == "drones")
    assert (drones.attack.launched, drones.attack.destroyed) == (574, 546)
    assert drones.attack.not_reach_goal == 0


def test_12_july_keeps_locational_losses_apart(ledger: Ledger) -> None:
    ctx = build_context(ledger.attacks(), ledger.attack("2025-07-12"))
    drones = next(c for c in ctx.rates if c.measure == "drones")
    assert (drones.attack.destroyed, drones.attack.not_reach_goal, drones.attack.launched) == (319, 258, 597)
