"""The checks before publishing, case by case, and over the Air Force's real posts (../shared)."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from tests_support import shared

from skytally.reports import parse_report
from skytally.reports.ingest import to_record
from skytally.watch.sanity import (
    blank_correction_header,
    check_arithmetic,
    check_dates,
    check_ledger_reading,
    is_correction,
    is_interim_update,
)


def real_reports() -> list[tuple[str, str]]:
    index = json.loads(shared("data", "reports", "index.json").read_text("utf-8"))
    return [
        (entry["file"], shared("data", "reports", entry["file"]).read_text("utf-8"))
        for entry in index
        if entry["kind"] != "not_a_report"
    ]


def read(name: str, text: str):  # type: ignore[no-untyped-def]
    return parse_report(text, reference_date=date.fromisoformat(name[:10]))


def test_every_real_report_passes_its_own_arithmetic_but_the_one_whose_headline_disagrees():
    failing = {name: check_arithmetic(read(name, text)) for name, text in real_reports()}
    failing = {name: reason for name, reason in failing.items() if reason}

    assert len(real_reports()) == 24
    assert failing == {
        "2026-08-10_72214.txt": "fails its own arithmetic: it says 96 targets destroyed, its items add up to 95"
    }


def test_only_the_real_interim_update_is_held():
    interim = [name for name, text in real_reports() if is_interim_update(read(name, text), text)]

    assert interim == ["2026-09-28_81106.txt"]


def test_the_ledger_counts_every_real_report_as_it_states_itself():
    # Sub-counts such as «збито 310 БпЛА (9 із них - реактивні)» add nothing to the destroyed total.
    reasons = {}
    for name, text in real_reports():
        parsed = read(name, text)
        if parsed.unplaced:
            continue
        reason = check_ledger_reading(parsed, to_record(parsed, text))
        if reason:
            reasons[name] = reason
    assert reasons == {}


def test_a_real_regional_correction_is_never_read_as_the_national_report():
    text = shared("data", "reports", "2026-08-09_72080.txt").read_text("utf-8")

    assert blank_correction_header(text) is None
    assert is_correction(text)


@pytest.mark.parametrize(
    ("first_line", "blanked"),
    [
        pytest.param("❗️ Уточнена інформація", True, id="national-header"),
        pytest.param("УТОЧНЕНА ІНФОРМАЦІЯ:", True, id="capitals"),
        pytest.param("Updated information", True, id="english"),
        pytest.param("Уточнена інформація Повітряного командування «Південь»", False, id="regional-command"),
        pytest.param("Уточнена інформація по Одещині", False, id="region"),
        pytest.param("⚡️ ЗБИТО/ПОДАВЛЕНО 215 ВОРОЖИХ БПЛА", False, id="headline"),
    ],
)
def test_a_correction_header_is_blanked_only_when_national(first_line, blanked):
    text = first_line + "\nУ ніч на 7 червня (з 18:00 6 червня) противник атакував 236 ударними БпЛА."
    result = blank_correction_header(text)

    assert (result is not None) == blanked
    if result is not None:
        assert len(result) == len(text)
        assert result.endswith(text.split("\n", 1)[1])


MORNING = "У ніч на 7 червня (з 18:00 6 червня) противник атакував 236 ударними БпЛА.\nСтаном на 08:30 збито 215 БпЛА."
POSTED = datetime.fromisoformat("2026-06-07T05:40:00+00:00")


@pytest.mark.parametrize(
    ("now", "posted", "reason"),
    [
        pytest.param("2026-06-07T06:00:00+00:00", POSTED, None, id="fresh"),
        pytest.param("2026-06-09T05:29:00+00:00", POSTED, None, id="47h59"),
        pytest.param("2026-06-09T05:31:00+00:00", POSTED, "dated 2026-06-07, older than 48 h", id="48h01"),
        pytest.param(
            "2026-06-07T05:00:00+00:00",
            POSTED,
            "posted 2026-06-07T05:40:00+00:00, after now (2026-06-07T05:00:00+00:00): check the clock",
            id="clock-behind",
        ),
        pytest.param(
            "2026-06-06T20:10:00+00:00",
            datetime.fromisoformat("2026-06-06T20:00:00+00:00"),
            "dated 2026-06-07, in the future (today is 2026-06-06)",
            id="future",
        ),
        pytest.param(
            "2026-06-10T06:00:00+00:00",
            datetime.fromisoformat("2026-06-10T05:00:00+00:00"),
            "dated 2026-06-07 but posted 2026-06-10: a typo in its date?",
            id="date-typo",
        ),
    ],
)
def test_dates(now, posted, reason):
    parsed = parse_report(MORNING, reference_date=posted.date())

    assert check_dates(parsed, posted, datetime.fromisoformat(now)) == reason
