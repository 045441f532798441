"""Free text from outside is hostile input: the parser never raises on any text.

Hypothesis feeds random text, random Cyrillic in the report's vocabulary, and real-style reports
with characters deleted, duplicated or inserted. Every result is a ParsedReport whose JSON form
serialises and whose spans point inside the text.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skytally.reports import ParsedReport, parse_report
from skytally.reports.model import TOTAL_KEYS

FIXTURES = Path(__file__).parents[1] / "fixtures" / "reports"
SAMPLES = [p.read_text("utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
WORDS = [
    "У",
    "ніч",
    "на",
    "1",
    "2",
    "31",
    "січня",
    "червня",
    "(з",
    "18:00",
    "до",
    "09.00)",
    "противник",
    "атакував",
    "збито/подавлено",
    "понад",
    "близько",
    "до",
    "двома",
    "трьома",
    "574",
    "50-ма",
    "ударними",
    "БпЛА",
    "типу",
    "Shahed",
    "балістичними",
    "ракетами",
    "Іскандер-М/С-400",
    "Х-101",
    "«Калібр»",
    "дронами-імітаторами",
    "Пародія",
    "(79",
    "із",
    "них",
    "-",
    "реактивні)",
    "локаційно",
    "втрачено",
    "влучання",
    "на",
    "11",
    "локаціях",
    "падіння",
    "уламків",
    ":",
    "–",
    ";",
    "-",
    "\n",
    "\n\n",
    "⚡️",
    "ЗБИТО",
    "ЦІЛЕЙ",
    "Протягом",
    "дня",
    "On",
    "the",
    "night",
    "of",
    "shot",
    "down",
]


def _check(report: ParsedReport, text: str) -> None:
    assert report.kind in ("national_morning_report", "daytime_report", "not_a_report")
    data = report.to_dict()
    json.dumps(data, ensure_ascii=False)
    assert set(data["totals"]) == set(TOTAL_KEYS)
    for figure in data["figures"]:
        start, end = figure["span"]
        assert 0 <= start <= end <= len(text)
    for item in data["unplaced"]:
        start, end = item["span"]
        assert 0 <= start <= end <= len(text)
    if report.kind == "not_a_report":
        assert data["figures"] == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    """Any unicode text gives a ParsedReport."""
    _check(parse_report(text, reference_date=dt.date(2026, 1, 1)), text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join), st.sampled_from(["uk", "en", None]))
def test_report_vocabulary_in_any_order_never_raises(text: str, lang: str | None) -> None:
    """The report's own words shuffled into nonsense give a ParsedReport, in either language."""
    _check(parse_report(text, lang=lang, reference_date=dt.date(2026, 1, 1)), text)


@st.composite
def mutated_reports(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(SAMPLES))
    for _ in range(draw(st.integers(1, 6))):
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        what = draw(st.sampled_from(["delete", "insert", "repeat"]))
        if what == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif what == "insert":
            text = text[:at] + draw(st.text(max_size=10)) + text[at:]
        else:
            text = text[:at] + text[at : at + 40] * 3 + text[at:]
    return text


@settings(max_examples=300, deadline=None)
@given(mutated_reports())
def test_mutated_reports_never_raise(text: str) -> None:
    """A report with characters deleted, inserted or repeated gives a ParsedReport."""
    _check(parse_report(text, reference_date=dt.date(2026, 1, 1)), text)


def test_oversized_text_is_refused_without_reading_it() -> None:
    """A text far longer than any report is not a report, and says why."""
    report = parse_report("У ніч на 1 січня противник атакував 5 БпЛА. " * 10_000)
    assert report.kind == "not_a_report"
    assert "too long" in report.warnings[0]
