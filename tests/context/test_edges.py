"""Edge cases on hand-built attacks: ties, the first attack, zeros, unknown counts, empty windows."""

from __future__ import annotations

from datetime import date

import pytest

from skytally.context import build_context, find_record, rank_attack, sum_since_event
from skytally.context.events import Event
from skytally.context.ranks import last_days_scope, year_scope
from skytally.context.trends import compare_period, find_streak
from tests.context.conftest import make_attack

A = make_attack("2025-01-01", drones=10)
B = make_attack("2025-01-02", drones=7)
C = make_attack("2025-01-03", drones=7)
D = make_attack("2025-01-05", drones=5, missiles=2)
ATTACKS = [A, B, C, D]


def _event(day: str) -> Event:
    return Event("e", date.fromisoformat(day), {"en": "e", "fr": "e", "uk": "e"}, "diplomacy", "https://example.org")


@pytest.mark.parametrize(
    ("attack", "rank", "shared", "tied"),
    [(A, 1, False, ()), (B, 2, False, ()), (C, 2, True, ("2025-01-02",)), (D, 4, False, ())],
    ids=["top", "second-before-tie", "tied-second", "after-tie-skips-3"],
)
def test_competition_ranking(attack, rank: int, shared: bool, tied: tuple[str, ...]) -> None:
    """Ties share a rank and the next rank skips ("1224"); a tie is only known once both happened."""
    result = rank_attack(ATTACKS, attack, "drones", year_scope(attack))
    assert (result.rank, result.shared, result.tied_with) == (rank, shared, tied)
    if shared:
        assert any("shared with 2025-01-02" in c for c in result.caveats)


def test_zero_is_not_ranked() -> None:
    result = rank_attack(ATTACKS, A, "missiles", year_scope(A))
    assert result.rank is None
    assert result.caveats[0] == "the attack launched no missiles: not ranked"


def test_last_days_scope_counts_the_attack_day() -> None:
    result = rank_attack(ATTACKS, D, "drones", last_days_scope(D, 3))
    assert (result.scope, result.population, result.rank) == ("last_3_days", 2, 2)


def test_unknown_count_is_a_caveat_not_a_silent_rank() -> None:
    low = make_attack("2025-01-04", missiles=1, unknown_missiles=True)
    result = rank_attack([*ATTACKS, low], D, "missiles", year_scope(D))
    assert result.rank == 1
    assert any("could rank above it: 2025-01-04" in c for c in result.caveats)


def test_first_attack_has_no_comparison() -> None:
    record = find_record(ATTACKS, A, "drones")
    assert (record.last_larger, record.largest_in_data, record.attacks_between) == (None, False, 0)
    assert "first attack in the data" in record.caveats[0]


def test_record_equalled_since_is_shared() -> None:
    """C (7) is the largest since A (10), but B equalled it: the record says so."""
    record = find_record(ATTACKS, C, "drones")
    assert record.last_larger is not None
    assert record.last_larger.id == "2025-01-01"
    assert record.last_at_least is not None
    assert record.last_at_least.id == "2025-01-02"
    assert record.shared
    assert "equalled by 2025-01-02 (7) since then" in record.caveats


def test_largest_in_data() -> None:
    top = make_attack("2025-01-07", drones=11)
    record = find_record([*ATTACKS, top], top, "drones")
    assert (record.largest_in_data, record.since) == (True, None)


@pytest.mark.parametrize(
    ("event_day", "attacks", "total", "caveat"),
    [
        ("2025-01-02", 2, 14, None),
        ("2025-01-05", 0, 0, "the event (2025-01-05) is not before the attack (2025-01-05)"),
        ("2025-02-01", 0, 0, "the event (2025-02-01) is not before the attack (2025-01-05)"),
        ("2024-12-01", 4, 31, "the data start on 2025-01-01, after the window opens"),
    ],
    ids=["nights-after-event", "event-on-attack-day", "event-after-attack", "event-before-data"],
)
def test_window_since_event(event_day: str, attacks: int, total: int, caveat: str | None) -> None:
    window = sum_since_event(ATTACKS, D, _event(event_day))
    assert (window.attacks, window.total) == (attacks, total)
    if caveat is None:
        assert window.caveats == ()
    else:
        assert any(c.startswith(caveat) for c in window.caveats)


def test_two_waves_one_night_count_once_in_a_streak() -> None:
    wave = make_attack("2025-01-03", drones=200, suffix="#2")
    streak = find_streak([*ATTACKS, wave], wave, "drones", 6)
    assert (streak.nights, streak.first) == (3, date(2025, 1, 1))
    assert find_streak([*ATTACKS, wave], D, "drones", 6).nights == 0


def test_period_before_the_data_is_not_compared() -> None:
    period = compare_period(ATTACKS, D, "month")
    assert (period.coverage, period.previous, period.change["total"]) == ("none", None, None)
    assert period.current.total == 31


def test_context_refuses_an_attack_not_in_the_list() -> None:
    with pytest.raises(ValueError, match="not among the 3 attacks"):
        build_context(ATTACKS[:3], D, events=())


def test_context_with_no_events_has_only_the_rolling_window() -> None:
    ctx = build_context(ATTACKS, D, events=(), window_days=7)
    assert [w.id for w in ctx.windows] == ["last_7_days"]
    assert ctx.window("last_7_days").total == 31


def test_whole_year_in_hindsight() -> None:
    """With today after the attack, the rank within the whole year counts later attacks too."""
    ctx = build_context(ATTACKS, B, events=(), today=date(2025, 12, 31))
    assert ctx.rank("drones", "year").rank == 2
    assert ctx.rank("drones", "whole_year").rank == 2
    assert ctx.rank("drones", "whole_year").shared
