"""The ledger commands, in-process with CliRunner, plus subprocess runs of the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from skytally.cli import main

BAD = Path(__file__).resolve().parents[1] / "fixtures" / "bad"


def run(*args: str, db: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", str(db), *args], obj={})
    return result.exit_code, result.stdout, result.stderr


def test_show_text_gives_the_seed_night(loaded_db: Path) -> None:
    code, out, _ = run("show", "2025-08-21", db=loaded_db)
    assert code == 0
    assert "Window (Kyiv time): 2025-08-20 18:40 -> 2025-08-21 09:00" in out
    assert "Launched:  610 = 574 drones + 36 missiles" in out
    for model, count in (("Shahed-136/131", 574), ("Kh-101/Kh-555", 19), ("Kalibr", 14), ("Iskander-M/KN-23", 2)):
        line = next(x for x in out.splitlines() if x.strip().startswith(model))
        assert line.split()[1] == str(count)
    assert "kpszsu/posts/pfbid0dDBX9A3" in out
    assert "Regional commands' rows (kept apart, not in the totals)" in out


def test_show_json_and_explain(loaded_db: Path) -> None:
    code, out, _ = run("show", "2025-08-21", "--format", "json", db=loaded_db)
    assert code == 0
    doc = json.loads(out)
    assert (doc["drones"], doc["missiles"], doc["total"]) == (574, 36, 610)
    assert sorted(r["line"] for r in doc["rows"]) == [956, 957, 958, 959, 960]
    assert "WHERE line IN" in doc["explain"]["query"]
    code, out, _ = run("show", "2025-08-21", "--explain", db=loaded_db)
    assert "FROM dataset_rows WHERE line IN (956, 957, 958, 959, 960)" in out


def test_show_a_date_without_attack_names_the_nearest(loaded_db: Path) -> None:
    code, _, err = run("show", "2022-09-01", db=loaded_db)
    assert code == 1
    assert "no national attack ended on 2022-09-01; nearest: 2022-09-28" in err


def test_show_two_attacks_of_one_date(loaded_db: Path) -> None:
    code, out, _ = run("show", "2026-05-02", "--format", "json", db=loaded_db)
    assert code == 0
    doc = json.loads(out)
    assert [a["id"] for a in doc["attacks"]] == ["2026-05-02", "2026-05-02#2"]
    code, out, _ = run("show", "2026-05-02#2", "--format", "json", db=loaded_db)
    assert code == 0
    assert json.loads(out)["drones"] == 227


def test_attacks_json_ranks_the_seed_night_third(loaded_db: Path) -> None:
    code, out, _ = run(
        "attacks", "--year", "2025", "--sort", "drones", "--until", "2025-08-21", "--format", "json", db=loaded_db
    )
    assert code == 0
    rows = json.loads(out)
    assert [(r["date"], r["drones"]) for r in rows[:3]] == [
        ("2025-07-09", 728),
        ("2025-07-12", 597),
        ("2025-08-21", 574),
    ]
    assert rows[2]["missiles"] == 36
    assert rows[2]["cruise_missile"] == 33


def test_attacks_csv_has_the_columns(loaded_db: Path) -> None:
    code, out, _ = run("attacks", "--since", "2025-08-19", "--until", "2025-08-21", "--format", "csv", db=loaded_db)
    assert code == 0
    lines = out.splitlines()
    header = lines[0].split(",")
    assert header[:5] == ["id", "date", "drones", "missiles", "total"]
    assert "strike_drone" in header
    assert [line.split(",")[4] for line in lines[1:]] == ["280", "95", "610"]


def test_attacks_table_and_limit(loaded_db: Path) -> None:
    code, out, _ = run(
        "attacks", "--year", "2025", "--until", "2025-08-21", "--sort", "missiles", "--limit", "8", db=loaded_db
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[-1] == "8 attack(s)"
    assert lines[8].split()[:5] == ["8", "2025-08-21", "574", "36", "610"]


def test_doctor_reports_versions_rejects_and_findings(tmp_path: Path, earlier_csv: Path, dataset_csv: Path) -> None:
    db = tmp_path / "s.sqlite"
    assert run("update", "--from", str(earlier_csv), db=db)[0] == 0
    code, out, _ = run("update", "--from", str(dataset_csv), db=db)
    assert "69 added, 0 removed, 1 edited" in out
    assert "launch_place: 'Black Sea and Caspian Sea' -> 'Caspian Sea and Black Sea'" in out
    code, out, _ = run("doctor", db=db)
    assert code == 0
    assert "Rows: 3770 (2193 national)" in out
    assert "sha256 7d594ff66c8cbaf3801d57f42b9f175a70178d890cf369364b2db467b16f01cd" in out
    assert "sha256 4fe9b4c407c201404c29ff42fbe8a10b1312d28f7ba8c0e181107585c3fa1350" in out
    assert "69 rows added, 0 removed, 1 edited" in out
    assert (
        "line 1811: its source post is also the source of the attack(s) of 2024-08-26"
        in run("doctor", "--all", db=db)[1]
    )
    doc = json.loads(run("doctor", "--format", "json", db=db)[1])
    kinds = {f["kind"] for f in doc["findings"]}
    assert {"no_national_report", "duplicate_rows", "regional_overlap", "wrong_post_id"} <= kinds


def test_doctor_lists_rejected_rows(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    run("update", "--from", str(BAD / "non_numeric_count.csv"), db=db)
    out = run("doctor", db=db)[1]
    assert "Rejected rows: 1" in out
    assert "non_numeric_count.csv:3: field 'launched': expected a whole number, got '14a'" in out


def test_a_refused_file_is_one_line_and_exit_1(tmp_path: Path) -> None:
    code, _, err = run("update", "--from", str(BAD / "not_a_dataset.csv"), db=tmp_path / "s.sqlite")
    assert code == 1
    assert err.startswith("Error: ")
    assert "not_a_dataset.csv:1" in err
    assert "Traceback" not in err


def test_first_use_offline_says_how_to_load_a_local_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKYTALLY_DATASET_URL", "http://127.0.0.1:9/none.zip")  # port 9: nothing listens
    code, _, err = run("show", "2025-08-21", db=tmp_path / "s.sqlite")
    assert code == 1
    assert "skytally update --from PATH" in err.splitlines()[-1]


def test_about_gives_the_attribution() -> None:
    result = CliRunner().invoke(main, ["about"], obj={})
    assert "Petro Ivaniuk" in result.stdout
    assert "CC BY-NC-SA 4.0" in result.stdout
    assert "piterfm/massive-missile-attacks-on-ukraine" in result.stdout


def _installed() -> str:
    exe = Path(sys.executable).with_name("skytally")
    return str(exe) if exe.exists() else shutil.which("skytally") or pytest.fail("skytally is not installed")


def test_installed_command_shows_the_seed_night(loaded_db: Path) -> None:
    env = dict(os.environ, SKYTALLY_DB=str(loaded_db))
    out = subprocess.run(
        [_installed(), "show", "2025-08-21", "--format", "json"], capture_output=True, text=True, env=env, check=True
    ).stdout
    assert json.loads(out)["drones"] == 574


HEAVY = ("jinja2", "babel", "fastapi", "starlette", "uvicorn", "pandas", "polars", "pyarrow", "httpx", "rich", "altair")


@pytest.mark.parametrize("args", [["--help"], ["show", "2025-08-21"]], ids=["help", "show"])
def test_cli_start_up_imports_nothing_heavy(loaded_db: Path, args: list[str]) -> None:
    code = (
        "import sys, runpy; sys.argv = ['skytally', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('skytally.cli.__main__', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('\\nMODULES', ' '.join(sorted(sys.modules)))"
    )
    env = dict(os.environ, SKYTALLY_DB=str(loaded_db))
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env).stdout
    modules = set(out.rsplit("MODULES", 1)[1].split())
    assert "skytally.cli" in modules
    assert sorted(m for m in modules if m.split(".")[0] in HEAVY) == []


def test_attacks_sort_by_a_weapon_class(loaded_db: Path) -> None:
    code, out, _ = run(
        "attacks",
        "--year",
        "2025",
        "--until",
        "2025-08-21",
        "--sort",
        "cruise_missile",
        "--limit",
        "3",
        "--format",
        "json",
        db=loaded_db,
    )
    assert code == 0
    counts = [r["cruise_missile"] for r in json.loads(out)]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == 56  # 25 May 2025
    code, _, err = run("attacks", "--sort", "boats", db=loaded_db)
    assert code == 2
    assert "a weapon class (aeroballistic_missile" in err
