"""The parser on hand-written texts in the Air Force's style (tests/fixtures/reports/).

Each file is one format the shared real posts do not hold: an English version, electronic-
warfare losses («локаційно втрачено»), daytime reports, a regional correction, a night across
the new year, a report the parser can only half read. The table says what each must give.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from skytally.reports import Count, parse_report

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reports"

# file, publication day, kind, kyiv_date, window, figures as (class, launched, destroyed, ew_lost), totals
CASES: list[tuple[str, dt.date, str, str | None, dict[str, str] | None, set[tuple[Any, ...]], dict[str, Any]]] = [
    (
        "morning-en.txt",
        dt.date(2025, 7, 9),
        "national_morning_report",
        "2025-07-09",
        {"start": "2025-07-08T18:00+03:00", "end": "2025-07-09T09:00+03:00"},
        {
            ("strike_drone", 728, 296, 415),
            ("cruise_missile", 7, 7, None),
            ("aeroballistic_missile", 6, None, None),
        },
        {
            "launched_drones": 728,
            "launched_missiles": 13,
            "destroyed_drones": 296,
            "destroyed_missiles": 7,
            "hit_locations": 4,
            "debris_locations": 2,
            "destroyed_targets": 718,
            "launched_targets": 741,
        },
    ),
    (
        "morning-ew-uk.txt",
        dt.date(2024, 11, 26),
        "national_morning_report",
        "2024-11-26",
        {"start": "2024-11-25T19:30+02:00", "end": "2024-11-26T09:00+02:00"},
        {("ballistic_missile", 4, None, None), ("strike_drone", 188, 76, 95)},
        {"launched_drones": 188, "launched_missiles": 4, "destroyed_drones": 76, "destroyed_missiles": 0},
    ),
    (
        "morning-ew-sentence-uk.txt",
        dt.date(2025, 1, 2),
        "national_morning_report",
        "2025-01-02",
        {"start": "2025-01-01T19:00+02:00", "end": "2025-01-02T08:30+02:00"},
        {("strike_drone", 72, 47, 24)},
        {"launched_drones": 72, "launched_missiles": 0, "destroyed_drones": 47, "destroyed_targets": None},
    ),
    (
        "daytime-uk.txt",
        dt.date(2025, 10, 5),
        "daytime_report",
        "2025-10-05",
        {"start": "2025-10-05T07:00+03:00", "end": "2025-10-05T19:00+03:00"},
        {("strike_drone", 85, 70, None), ("jet_drone", 12, 8, None), ("guided_air_missile", 2, 1, None)},
        {
            "launched_drones": 85,
            "launched_missiles": 2,
            "destroyed_drones": 70,
            "destroyed_missiles": 1,
            "hit_locations": 6,
            "debris_locations": 3,
        },
    ),
    (
        "daytime-en.txt",
        dt.date(2026, 9, 13),
        "daytime_report",
        "2026-09-13",
        {"start": "2026-09-13T06:30+03:00", "end": "2026-09-13T18:00+03:00"},
        {("strike_drone", 120, 101, None), ("jet_drone", 40, 31, None)},
        {"launched_drones": 120, "destroyed_drones": 101, "hit_locations": 9},
    ),
    ("correction-uk.txt", dt.date(2026, 3, 14), "not_a_report", "2026-03-14", None, set(), {"launched_drones": None}),
    ("alert-en.txt", dt.date(2026, 3, 14), "not_a_report", "2026-03-14", None, set(), {"destroyed_targets": None}),
    (
        "new-year-uk.txt",
        dt.date(2026, 1, 1),
        "national_morning_report",
        "2026-01-01",
        {"start": "2025-12-31T18:00+02:00", "end": "2026-01-01T08:00+02:00"},
        {("ballistic_missile", 3, 1, None), ("strike_drone", 90, 80, None)},
        {"launched_missiles": 3, "destroyed_targets": 81, "hit_locations": 7},
    ),
]


def _figures(report: dict[str, Any]) -> set[tuple[Any, ...]]:
    return {(f["weapon_class"], f["launched"], f["destroyed"], f["ew_lost"]) for f in report["figures"]}


@pytest.mark.parametrize(
    ("name", "published", "kind", "kyiv_date", "window", "figures", "totals"),
    CASES,
    ids=[case[0] for case in CASES],
)
def test_fixture(
    name: str,
    published: dt.date,
    kind: str,
    kyiv_date: str | None,
    window: dict[str, str] | None,
    figures: set[tuple[Any, ...]],
    totals: dict[str, Any],
) -> None:
    """Each hand-written text gives its kind, day, window, figures and the listed totals."""
    report = parse_report((FIXTURES / name).read_text("utf-8"), reference_date=published)
    data = report.to_dict()
    assert (data["kind"], data["kyiv_date"], data["window"]) == (kind, kyiv_date, window)
    assert _figures(data) == figures
    assert {key: data["totals"][key] for key in totals} == totals
    assert data["unplaced"] == []
    assert data["warnings"] == []


def test_lost_to_ew_is_kept_apart_from_shoot_downs() -> None:
    """«95 ворожих БпЛА – локаційно втрачені» fills ew_lost, never destroyed or its total."""
    report = parse_report((FIXTURES / "morning-ew-uk.txt").read_text("utf-8"), reference_date=dt.date(2024, 11, 26))
    (drones,) = [f for f in report.figures if f.weapon_class == "strike_drone"]
    assert (drones.destroyed, drones.ew_lost) == (Count(76), Count(95))
    assert report.totals.destroyed_drones == Count(76)


def test_half_read_report_lists_what_it_could_not_place() -> None:
    """«5 – залишили повітряний простір…» is no figure the schema has: it is unplaced, with its span."""
    text = (FIXTURES / "half-read-uk.txt").read_text("utf-8")
    report = parse_report(text, reference_date=dt.date(2024, 11, 26))
    assert report.kind == "national_morning_report"
    assert not report.is_complete
    assert [(u.text, text[u.span[0] : u.span[1]]) for u in report.unplaced] == [("5", "5")]
    # What it could read is still there: 188 launched, 76 shot down, 95 lost to EW.
    (drones,) = report.figures
    assert [c.value if c else None for c in (drones.launched, drones.destroyed, drones.ew_lost)] == [188, 76, 95]


def test_new_year_window_uses_winter_time() -> None:
    """A night across the new year: the start is the last day of the previous year, UTC+2."""
    report = parse_report((FIXTURES / "new-year-uk.txt").read_text("utf-8"), reference_date=dt.date(2026, 1, 1))
    assert report.window is not None
    assert report.window.start is not None
    assert report.window.start.isoformat() == "2025-12-31T18:00:00+02:00"
