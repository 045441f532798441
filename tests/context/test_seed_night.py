"""The seed article's night (20→21 Aug 2025) on the shared dataset: the issue's acceptance figures.

Expected values come from ../shared/data/attacks/SOURCE.md ("Checked facts"), where they were
established by hand; the engine computes them from the ledger.
"""

from __future__ import annotations

import pytest

from skytally.context import AttackContext, build_context, find_event, load_events
from skytally.ledger.api import Ledger

SEED = "2025-08-21"


@pytest.fixture(scope="module")
def seed(ledger: Ledger) -> AttackContext:
    """The context of the seed night, with the shipped events."""
    return build_context(ledger.attacks(), ledger.attack(SEED))


def test_third_of_2025_by_drones(seed: AttackContext) -> None:
    """3rd of 2025 by drones, after 728 (9 Jul) and 597 (12 Jul); the evidence names both."""
    rank = seed.rank("drones", "year")
    assert (rank.rank, rank.value, rank.shared) == (3, 574, False)
    assert [(a.id, a.value) for a in rank.evidence.attacks] == [("2025-07-09", 728), ("2025-07-12", 597)]
    assert rank.evidence.query == "skytally attacks --year 2025 --until 2025-08-21 --sort drones"


def test_eighth_of_2025_by_missiles(seed: AttackContext) -> None:
    """8th of 2025 by missiles with the dataset's 36, no other night at 36."""
    rank = seed.rank("missiles", "year")
    assert (rank.rank, rank.value, rank.shared) == (8, 36, False)
    assert sorted((a.value for a in rank.evidence.attacks), reverse=True) == [70, 69, 60, 58, 45, 43, 39]


def test_largest_by_total_since_12_july(seed: AttackContext) -> None:
    """Largest by total since 12 Jul 2025 (597 + 26 = 623), not shared since."""
    record = seed.record("total")
    assert record.last_larger is not None
    assert (record.last_larger.id, record.last_larger.value) == ("2025-07-12", 623)
    assert record.last_larger.rows == ("7d594ff6:1102", "7d594ff6:1103")
    assert (record.value, record.shared, record.largest_in_data) == (610, False, False)


def test_985_since_the_white_house_meeting(seed: AttackContext) -> None:
    """280 + 95 + 610 = 985 over the 3 nights after the 18 Aug meeting."""
    window = seed.window("since_white-house-meeting")
    assert (window.total, window.attacks) == (985, 3)
    assert [(a.id, a.value) for a in window.evidence.attacks] == [
        ("2025-08-19", 280),
        ("2025-08-20", 95),
        ("2025-08-21", 610),
    ]


def test_events_of_the_article_are_shipped() -> None:
    """The Alaska summit and the White House meeting are in the shipped timeline, with a source."""
    events = load_events()
    assert find_event(events, "alaska").date.isoformat() == "2025-08-15"
    assert find_event(events, "white house").date.isoformat() == "2025-08-18"
    assert find_event(events, "full-scale-invasion").date.isoformat() == "2022-02-24"
    assert len(events) >= 15


def test_regions_mostly_western(seed: AttackContext) -> None:
    """Mainly the west: Lviv, Rivne, Volyn, Zakarpattia lead the regions struck."""
    regions = seed.regions
    assert regions.leading == ("west",)
    west = next(g for g in regions.groups if g.macro == "west")
    assert set(west.regions) == {"Lviv oblast", "Rivne oblast", "Volyn oblast", "Zakarpattia oblast"}
    assert regions.destroyed_by_macro.get("west", 0) > regions.destroyed_by_macro.get("south", 0)
