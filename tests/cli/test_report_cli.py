"""Reports as a source beside the dataset: report add, show/context from the report, diff, correct."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests_support import shared

from skytally.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "reports"


@pytest.fixture
def db(tmp_path: Path, loaded_db: Path) -> Path:
    """A private copy of the loaded store: these tests write reports and corrections into it."""
    copy = tmp_path / "s.sqlite"
    shutil.copy(loaded_db, copy)
    return copy


def run(db: Path, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], obj={}, input=stdin)
    return result.exit_code, result.stdout, result.stderr


def ranks(doc: object) -> set[int]:
    found: set[int] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if "rank" in str(key).lower() and isinstance(value, int):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc)
    return found


def test_the_seed_report_gives_40_missiles_and_the_7th_rank(db: Path) -> None:
    report = shared("acceptance", "report-2025-08-21-uk.txt")
    code, out, err = run(db, "report", "add", str(report))
    assert code == 0, err
    assert "574 drones and 40 missiles launched" in out
    doc = json.loads(run(db, "show", "2025-08-21", "--format", "json")[1])
    assert (doc["drones"], doc["missiles"], doc["total"], doc["source"]) == (574, 40, 614, "report")
    kinzhal = next(f for f in doc["figures"] if f["model"] == "Kh-47M2 Kinzhal")
    assert (kinzhal["launched"], kinzhal["weapon_class"], kinzhal["source"]) == (4, "aeroballistic_missile", "report")
    assert kinzhal["evidence"][0].startswith("report:1@")
    # The dataset's figures are still there when asked for.
    assert json.loads(run(db, "show", "2025-08-21", "--format", "json", "--source", "dataset")[1])["missiles"] == 36
    # Context on the reconciled ledger: 7th of 2025 by missiles with the report's 40, 8th with the dataset's 36.
    ctx = json.loads(run(db, "context", "2025-08-21", "--format", "json")[1])
    by_missiles = [r for r in ctx["ranks"] if r["measure"] == "missiles" and r["scope"] == "year"]
    assert by_missiles[0]["rank"] == 7
    ctx_dataset = json.loads(run(db, "context", "2025-08-21", "--format", "json", "--source", "dataset")[1])
    assert [r["rank"] for r in ctx_dataset["ranks"] if r["measure"] == "missiles" and r["scope"] == "year"] == [8]
    assert 7 in ranks(ctx)


def test_diff_lists_the_missing_kinzhal(db: Path) -> None:
    run(db, "report", "add", str(shared("acceptance", "report-2025-08-21-uk.txt")))
    code, out, _ = run(db, "diff", "2025-08-21", "--format", "json")
    assert code == 0
    items = {d["figure"]: d for d in json.loads(out)}
    assert (items["missiles"]["dataset"], items["missiles"]["report"], items["missiles"]["used"]) == (36, 40, "report")
    assert (items["aeroballistic_missile launched"]["dataset"], items["aeroballistic_missile launched"]["report"]) == (
        None,
        4,
    )
    assert "drones" not in items  # 574 in both
    assert "report:1" in items["missiles"]["evidence"]
    assert run(db, "diff", "--year", "2024")[1].strip() == "The sources agree on every figure compared."


def test_a_night_after_the_dataset_exists_from_its_report_alone(db: Path) -> None:
    post = shared("data", "reports", "2026-07-02_67095.txt")
    assert run(db, "show", "2026-07-02")[0] == 1  # the dataset ends on 7 Jun 2026
    assert run(db, "report", "add", str(post), "--url", "https://t.me/kpszsu/67095")[0] == 0
    doc = json.loads(run(db, "show", "2026-07-02", "--format", "json")[1])
    assert (doc["drones"], doc["missiles"], doc["source"]) == (496, 74, "report")
    assert doc["source_urls"] == ["https://t.me/kpszsu/67095"]
    assert any("not yet in the dataset" in w for w in doc["warnings"])
    code, out, _ = run(db, "context", "2026-07-02", "--format", "json")
    assert code == 0
    assert json.loads(out)["attack"]["total"] == 570


def test_the_same_text_is_stored_once_and_a_non_report_is_refused(db: Path) -> None:
    post = shared("data", "reports", "2026-07-02_67095.txt")
    run(db, "report", "add", str(post))
    code, out, _ = run(db, "report", "add", str(post))
    assert code == 0
    assert "Already stored as report:1" in out
    code, _, err = run(db, "report", "add", str(shared("data", "reports", "2024-11-11_22720.txt")))
    assert code == 1
    assert "not an Air Force report of an attack" in err


def test_a_later_report_of_the_same_day_replaces_the_earlier(db: Path) -> None:
    text = shared("data", "reports", "2026-07-02_67095.txt").read_text(encoding="utf-8")
    run(db, "report", "add", "-", "--posted", "2026-07-02", stdin=text)
    corrected = text.replace("8 крилатих ракет Калібр (", "9 крилатих ракет Калібр (").replace(
        "74 ракети і 496", "75 ракет і 496"
    )
    assert corrected != text
    code, out, _ = run(db, "report", "add", "-", "--posted", "2026-07-02", stdin=corrected)
    assert code == 0
    assert "it replaces report:1 of the same day" in out
    assert json.loads(run(db, "show", "2026-07-02", "--format", "json")[1])["missiles"] == 75
    listing = run(db, "report", "list", "--all")[1]
    assert "replaced by report:2" in listing


def test_a_half_read_report_is_refused_unless_accepted(db: Path) -> None:
    text = str(FIXTURES / "half-read-uk.txt")
    code, _, err = run(db, "report", "add", text, "--posted", "2025-11-26")
    assert code == 1
    assert "could only be half read" in err
    assert "--accept-partial" in err
    code, out, _ = run(db, "report", "add", text, "--posted", "2025-11-26", "--accept-partial")
    assert code == 0
    assert "stored with --accept-partial" in out


def test_dry_run_json_stores_nothing(db: Path) -> None:
    report = shared("acceptance", "report-2025-08-21-uk.txt")
    code, out, _ = run(db, "report", "add", str(report), "--dry-run", "--format", "json")
    doc = json.loads(out)
    assert code == 0
    assert set(doc) >= {"kind", "kyiv_date", "window", "figures", "totals", "unplaced"}
    assert doc["kyiv_date"] == "2025-08-21"
    assert doc["window"] == {"start": "2025-08-20T18:40+03:00", "end": "2025-08-21T09:00+03:00"}
    assert doc["totals"]["launched_missiles"] == 40
    assert run(db, "report", "list")[1] == ""


def test_the_year_comes_from_the_dataset_when_nothing_else_gives_it(db: Path) -> None:
    text = shared("acceptance", "report-2025-08-21-uk.txt").read_text(encoding="utf-8")
    code, out, _ = run(db, "report", "add", "-", stdin=text)
    assert code == 0
    assert "for 2025-08-21 (year from the dataset's attack of 2025-08-21 has the same 574 drones)" in out


def test_a_correction_is_applied_on_top_and_never_edits_the_dataset(db: Path) -> None:
    code, out, err = run(
        db,
        "correct",
        "2025-08-21",
        "--model",
        "Kinzhal",
        "--launched",
        "4",
        "--source",
        "https://t.me/kpszsu/41234",
        "--note",
        "the report names 4 Kh-47M2",
    )
    assert code == 0, err
    assert "now counts 574 drones and 40 missiles" in out
    doc = json.loads(run(db, "show", "2025-08-21", "--format", "json")[1])
    assert (doc["missiles"], doc["source"]) == (40, "correction")
    assert json.loads(run(db, "show", "2025-08-21", "--format", "json", "--source", "dataset")[1])["missiles"] == 36
    items = json.loads(run(db, "diff", "2025-08-21", "--format", "json")[1])
    assert [(d["figure"], d["dataset"], d["correction"], d["used"]) for d in items] == [
        ("Kh-47M2 Kinzhal launched", None, 4, "correction")
    ]
    code, _, err = run(db, "correct", "2025-08-21", "--model", "Kalibr", "--source", "x", "--note", "y")
    assert code == 2
    assert "exactly one of --launched and --destroyed" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [("", "the text is empty"), ("ракета " * 5000, "a report post has at most")],
    ids=["empty", "oversized"],
)
def test_empty_or_oversized_text_is_refused(db: Path, text: str, words: str) -> None:
    code, _, err = run(db, "report", "add", "-", stdin=text)
    assert code == 1
    assert words in err
    assert run(db, "report", "list")[1] == ""


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_random_text_never_crashes_report_add(db: Path, text: str) -> None:
    code, _, err = run(db, "report", "add", "-", "--posted", "2026-07-02", stdin=text)
    assert code in (0, 1), err
    if code == 1:
        assert err.startswith("Error: ")


@pytest.mark.parametrize(
    ("name", "day", "drones", "drones_destroyed"),
    [
        # «323 ударними БпЛА (14 із них — реактивні)… збито/подавлено 310 БпЛА (9 із них - реактивні)»,
        # plus «близько 10 баражуючих боєприпасів»: 333 drones launched, 310 destroyed (not 319)
        ("2026-09-13_78115.txt", "2026-09-13", 333, 310),
    ],
)
def test_a_sub_count_adds_nothing_to_the_destroyed_total(
    db: Path, name: str, day: str, drones: int, drones_destroyed: int
) -> None:
    assert run(db, "report", "add", str(shared("data", "reports", name)))[0] == 0
    found = json.loads(run(db, "show", day, "--format", "json")[1])
    assert (found["drones"], found["drones_destroyed"]) == (drones, drones_destroyed)
    jet = next(f for f in found["figures"] if f["weapon_class"] == "jet_drone")
    assert (jet["destroyed"], jet["destroyed_counted_elsewhere"]) == (9, True)
