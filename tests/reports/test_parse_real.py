"""The parser against the real Air Force posts of ../shared/data/reports and their answer key.

Every entry of index.json is a case: kind, date, window, every figure and every total must equal
the key. The texts are read at run time (they may not be copied into the repository); a missing
folder fails with a message instead of skipping, because a skipped test checks nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from skytally.ledger.taxonomy import load_taxonomy
from skytally.reports import ParsedReport, parse_report

REPORTS = Path(__file__).parents[2].parent / "shared" / "data" / "reports"
ACCEPTANCE = Path(__file__).parents[2].parent / "shared" / "acceptance" / "report-2025-08-21-uk.txt"


def _entries() -> list[Any]:
    index = REPORTS / "index.json"
    if not index.is_file():
        return [pytest.param(None, id="shared-reports-missing")]
    return [pytest.param(entry, id=entry["file"]) for entry in json.loads(index.read_text("utf-8"))]


def _parse(entry: dict[str, Any] | None) -> ParsedReport:
    if entry is None:
        pytest.fail(f"the shared report texts were expected at {REPORTS} (index.json and the .txt files)")
    text = (REPORTS / entry["file"]).read_text("utf-8")
    # The file name starts with the Kyiv day the post was published: the parser's reference date.
    return parse_report(text, reference_date=dt.date.fromisoformat(entry["file"][:10]))


def _signature(figure: dict[str, Any]) -> tuple[Any, ...]:
    return (
        figure["weapon_class"],
        json.dumps(figure["launched"]),
        json.dumps(figure["destroyed"]),
        json.dumps(figure["ew_lost"]),
        bool(figure.get("subset_of")),
        bool(figure.get("launched_counted_in")),
    )


def _key_ids(name: str) -> set[str]:
    """Return the taxonomy ids a key's model names («Shahed, Гербера, Пародія»), where known."""
    taxonomy = load_taxonomy()
    ids = set()
    for part in name.replace("«", "").replace("»", "").split(","):
        model = taxonomy.lookup(part.strip())
        if model is not None:
            ids.add(model.id)
    return ids


def match_figures(key: list[dict[str, Any]], parsed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return, for each key figure, the parsed figure that is the same weapon group.

    Figures are matched on class and counts; where two key figures share those (Онікс and Циркон,
    both anti-ship with no numbers) the taxonomy ids of the key's model name decide.
    """
    pool = list(parsed)
    matched = []
    for figure in key:
        candidates = [p for p in pool if _signature(p) == _signature(figure)]
        if len(candidates) > 1:
            ids = _key_ids(figure["model"])
            candidates = [p for p in candidates if ids and ids <= set(p["models"])] or candidates[:1]
        assert candidates, f"no parsed figure is {_signature(figure)} ({figure['model']})"
        matched.append(candidates[0])
        pool.remove(candidates[0])
    return matched


@pytest.mark.parametrize("entry", _entries())
def test_kind_date_and_window(entry: dict[str, Any] | None) -> None:
    """Each post is classified as the key says, with its Kyiv date and report window."""
    report = _parse(entry).to_dict()
    assert entry is not None
    assert (report["kind"], report["kyiv_date"], report["window"]) == (
        entry["kind"],
        entry["kyiv_date"],
        entry["window"],
    )


@pytest.mark.parametrize("entry", _entries())
def test_totals(entry: dict[str, Any] | None) -> None:
    """Every total key equals the key's, bound form included."""
    report = _parse(entry).to_dict()
    assert entry is not None
    assert report["totals"] == entry["totals"]


@pytest.mark.parametrize("entry", _entries())
def test_figures(entry: dict[str, Any] | None) -> None:
    """Every figure of the key is found, with its counts, and no other figure is invented."""
    figures = _parse(entry).to_dict()["figures"]
    assert entry is not None
    key = entry["figures"]
    assert len(figures) == len(key), [f["model"] for f in figures]
    matched = match_figures(key, figures)
    by_model = {f["model"]: m for f, m in zip(key, matched, strict=True)}
    for figure, mine in zip(key, matched, strict=True):
        if figure.get("subset_of"):
            assert mine["subset_of"] == by_model[figure["subset_of"]]["model"]
        if figure.get("launched_counted_in"):
            assert mine["launched_counted_in"] == [by_model[m]["model"] for m in figure["launched_counted_in"]]
        if figure.get("destroyed_as"):
            assert mine["destroyed_as"]


@pytest.mark.parametrize("entry", _entries())
def test_read_in_full(entry: dict[str, Any] | None) -> None:
    """A real report leaves nothing unplaced and raises no warning; a non-report has no figures."""
    report = _parse(entry)
    assert report.unplaced == ()
    assert report.warnings == ()
    if report.kind == "not_a_report":
        assert report.figures == ()
        assert report.window is None


@pytest.mark.parametrize("entry", _entries())
def test_spans_point_at_the_phrase(entry: dict[str, Any] | None) -> None:
    """A figure's span is the phrase it came from, in the text as given (emoji and all)."""
    report = _parse(entry)
    assert entry is not None
    text = (REPORTS / entry["file"]).read_text("utf-8")
    for figure in report.figures:
        start, end = figure.span
        assert 0 <= start < end <= len(text)
        phrase = text[start:end]
        assert phrase.strip() == phrase
        # A phrase that opens with digits opens with the figure's own count.
        count = figure.launched or figure.destroyed
        if count is not None and phrase[0].isdigit():
            assert phrase.startswith(str(count.value))


def test_acceptance_report_of_21_august_2025() -> None:
    """The seed night: 574 drones and 40 missiles (4 Kinzhal), 546 + 31 shot down, 18:40 to 09:00."""
    if not ACCEPTANCE.is_file():
        pytest.fail(f"the acceptance report was expected at {ACCEPTANCE}")
    report = parse_report(ACCEPTANCE.read_text("utf-8"), reference_date=dt.date(2025, 8, 21))
    data = report.to_dict()
    assert data["kind"] == "national_morning_report"
    assert data["window"] == {"start": "2025-08-20T18:40+03:00", "end": "2025-08-21T09:00+03:00"}
    launched = {(f["model"], f["weapon_class"]): f["launched"] for f in data["figures"] if f["launched"]}
    assert launched == {
        ("Shahed-136/131, Gerbera, Parodiya", "strike_drone"): 574,
        ("Kh-47M2 Kinzhal", "aeroballistic_missile"): 4,
        ("Iskander-M/KN-23", "ballistic_missile"): 2,
        ("Kh-101/Kh-555", "cruise_missile"): 19,
        ("Kalibr", "cruise_missile"): 14,
        ("Unknown Missile", "unknown_missile"): 1,
    }
    totals = data["totals"]
    assert (totals["launched_drones"], totals["launched_missiles"]) == (574, 40)
    assert (totals["destroyed_drones"], totals["destroyed_missiles"]) == (546, 31)
    assert (totals["destroyed_targets"], totals["launched_targets"], totals["hit_locations"]) == (577, 614, 11)
    # «31 ракету» names no model: one figure counted in the five launched missile groups.
    (missiles_down,) = [f for f in data["figures"] if f["weapon_class"] == "mixed_missiles"]
    assert missiles_down["destroyed"] == 31
    assert len(missiles_down["launched_counted_in"]) == 5
    assert report.is_complete
