"""`skytally watch` in-process with click's CliRunner: --dry-run writes nothing, --once runs one pass."""

from __future__ import annotations

import json

from click.testing import CliRunner

from skytally.cli import main
from skytally.ledger.api import open_ledger

from .conftest import payloads, recording_hook

NOW = "2026-06-07T06:00:00+00:00"


def watch(bench, *args: str):  # type: ignore[no-untyped-def]
    base = ["--db", str(bench.store), "watch", "--from-url", f"{bench.server}/page_night.html", "--now", NOW]
    return CliRunner().invoke(main, [*base, "--no-site", "--no-charts", "--state", str(bench.state_path), *args])


def test_dry_run_shows_what_would_be_published_and_writes_nothing(bench):
    result = watch(bench, "--dry-run", "--publish", str(bench.publish_dir), "--exec", recording_hook(bench.exec_log))

    assert result.exit_code == 0, result.output
    assert "2026-06-07 report post 70102: published (fr, en, uk; feeds)" in result.stderr
    assert "2026-06-07 post 70102: would run --exec" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Dry run: nothing was written (not the store, the state or DIR).", "Would write 10 file(s):"]
    assert f"  {bench.publish_dir / 'watch' / 'bulletins' / '2026-06-07.uk.txt'}" in lines
    assert not bench.publish_dir.exists()
    assert not bench.state_path.exists()
    assert payloads(bench.exec_log) == []
    assert open_ledger(bench.store).reports(active_only=False) == []


def test_once_runs_one_pass_logs_each_decision_and_exits(bench):
    result = watch(bench, "--once", "--publish", str(bench.publish_dir), "--exec", recording_hook(bench.exec_log))

    assert result.exit_code == 0, result.output
    decisions = [line.split(" ", 2)[2] for line in result.stderr.splitlines()]
    assert decisions == [
        "post 70101: skipped: not a report (an alert, a tracking post or another post)",
        "2026-06-07 report post 70102: published (fr, en, uk; feeds)",
        "2026-06-07 post 70102: --exec ran (revision 1)",
    ]
    assert [p["delivery_id"] for p in payloads(bench.exec_log)] == ["2026-06-07@1"]
    state = json.loads(bench.state_path.read_text("utf-8"))
    assert {k: v["stage"] for k, v in state["posts"].items()} == {"70101": "skipped", "70102": "done"}

    again = watch(bench, "--once", "--publish", str(bench.publish_dir), "--exec", recording_hook(bench.exec_log))
    assert (again.exit_code, again.stderr) == (0, "")


def test_a_store_without_the_dataset_is_refused(tmp_path):
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "empty.sqlite"), "watch", "--once"])

    assert result.exit_code == 1
    assert "holds no dataset; load it first: skytally update" in result.stderr


def test_every_takes_a_duration(bench):
    result = watch(bench, "--once", "--every", "soon")

    assert result.exit_code == 2
    assert "expected a duration such as 30s, 5m or 1h, got 'soon'" in result.stderr
