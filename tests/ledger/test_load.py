"""Loading dataset files: good rows load, bad rows are rejected with file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skytally.errors import LoadError, NotADatasetError
from skytally.ledger.api import open_ledger
from skytally.ledger.load import parse_dataset

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


def parse(name: str):
    path = BAD / name
    return parse_dataset(path.read_bytes(), name)


# Files refused whole, before anything is written: (file, error type, words the message must hold).
REFUSED = [
    ("missing_column.csv", LoadError, ["missing_column.csv:1", "field 'launched'", "required column is missing"]),
    ("renamed_column.csv", LoadError, ["renamed_column.csv:1", "field 'launched'", "found 'launch', renamed?"]),
    ("empty.csv", LoadError, ["empty.csv:1", "the file is empty"]),
    ("header_only.csv", LoadError, ["header_only.csv:2", "no rows"]),
    ("not_a_dataset.csv", NotADatasetError, ["not_a_dataset.csv:1", "not the attacks dataset", "nothing was loaded"]),
    ("utf16.csv", LoadError, ["utf16.csv:1", "UTF-16", "expected UTF-8"]),
]


@pytest.mark.parametrize(("name", "error", "words"), REFUSED, ids=[r[0] for r in REFUSED])
def test_bad_file_is_refused_with_its_location(name: str, error: type[Exception], words: list[str]) -> None:
    with pytest.raises(error) as caught:
        parse(name)
    for word in words:
        assert word in str(caught.value)


# Files whose bad row is rejected while the good row loads: (file, line, field, words in the reason).
REJECTED = [
    ("non_numeric_count.csv", 3, "launched", "expected a whole number, got '14a'"),
    ("end_before_start.csv", 3, "time_end", "ends before it starts"),
    ("bad_date.csv", 3, "time_start", "not a real date or time"),
    ("truncated.csv", 3, "(row)", "expected 22 fields, got 3"),
    ("wrong_encoding.csv", 3, "model", "not valid UTF-8 (byte 0xca)"),
]


@pytest.mark.parametrize(("name", "line", "field", "words"), REJECTED, ids=[r[0] for r in REJECTED])
def test_bad_row_is_rejected_and_good_rows_load(name: str, line: int, field: str, words: str) -> None:
    parsed = parse(name)
    assert [r.line for r in parsed.rows] == [2]
    assert parsed.rows[0].values["launched"] == 574
    (rejected,) = parsed.rejected
    assert (rejected.line, rejected.field) == (line, field)
    assert rejected.reason.startswith(f"{name}:{line}: field '{field}': ")
    assert words in rejected.reason


def test_header_variant_affected_region_is_accepted() -> None:
    parsed = parse("affected_region_variant.csv")
    assert "affected region" in parsed.header
    assert len(parsed.rows) == 1


def test_rejected_rows_are_kept_in_the_store(tmp_path: Path) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    report = ledger.update(str(BAD / "non_numeric_count.csv"))
    assert report.rows == 1
    assert [r.field for r in ledger.rejected()] == ["launched"]
    assert "non_numeric_count.csv:3" in ledger.rejected()[0].reason


def test_refused_file_leaves_the_store_as_it_was(tmp_path: Path, dataset_csv: Path) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    ledger.update(str(dataset_csv))
    before = ledger.conn.execute("SELECT count(*), sum(launched) FROM dataset_rows").fetchone()
    with pytest.raises(NotADatasetError):
        ledger.update(str(BAD / "not_a_dataset.csv"))
    after = ledger.conn.execute("SELECT count(*), sum(launched) FROM dataset_rows").fetchone()
    assert tuple(before) == tuple(after)
    assert len(ledger.versions()) == 1


def test_real_rows_keep_original_values_and_lines(ledger) -> None:
    row = next(r for r in ledger.rows() if r.line == 958)
    assert row.raw["model"] == "Shahed-136/131"
    assert row.raw["launched"] == "574.0"
    assert (row.launched, row.destroyed) == (574, 546)
    assert row.start.isoformat() == "2025-08-20T18:40:00+03:00"
    assert row.end.isoformat() == "2025-08-21T09:00:00+03:00"
    assert row.reporter == "kpszsu"
    assert row.reporter_kind == "national"
    assert row.affected_regions[:4] == ("Lviv oblast", "Rivne oblast", "Volyn oblast", "Zakarpattia oblast")
    assert row.destroyed_details == {"west": 42, "south": 15, "east": None, "north": None, "center": None}


def test_whole_day_window_for_a_date_without_time(ledger) -> None:
    row = next(r for r in ledger.rows() if r.line == 961)  # PvKPivden, 2025-08-21 with no time
    assert (row.start_has_time, row.end_has_time) == (False, False)
    assert row.start.isoformat() == "2025-08-21T00:00:00+03:00"
    assert row.end.isoformat() == "2025-08-22T00:00:00+03:00"
    assert (row.reporter, row.reporter_kind) == ("PvKPivden", "regional")


def test_every_row_of_the_shared_dataset_loads(ledger) -> None:
    assert len(ledger.rows()) == 3770
    assert ledger.rejected() == []


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_never_crash_the_loader(data: bytes) -> None:
    try:
        parsed = parse_dataset(data, "random.csv")
    except LoadError as exc:
        message = str(exc)
        parsed = None
    if parsed is None:
        assert "random.csv" in message
    else:
        assert len(parsed.rows) + len(parsed.rejected) >= 1


HEADER = (Path(__file__).resolve().parents[1] / "fixtures" / "small.csv").read_text().splitlines()[0]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_random_text_after_a_real_header_is_rows_or_rejects(body: str) -> None:
    try:
        parsed = parse_dataset((HEADER + "\n" + body).encode("utf-8", "surrogatepass"), "fuzz.csv")
    except LoadError as exc:
        message = str(exc)
        parsed = None
    if parsed is None:
        assert "fuzz.csv" in message
        return
    for rejected in parsed.rejected:
        assert rejected.reason.startswith(f"fuzz.csv:{rejected.line}: ")
