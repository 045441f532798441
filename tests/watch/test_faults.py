"""Faults never crash the watch nor publish anything; each is reported once; a crash mid-pass is resumed.

The network faults are served by the loopback server: a page in a changed structure, a route
that answers after the client's timeout, a 503. Crashes are made the way they happen: the state
file as it is left after the store was written but before the next stage, and a real SIGKILL of
a `skytally watch` process while its --exec hook runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from skytally.ledger.api import open_ledger
from skytally.reports.channel import parse_channel_page, read_post

from .conftest import PAGES, payloads, recording_hook

FAULTS = [
    pytest.param("page_changed.html", "the page at ", "changed structure", id="changed-structure"),
    pytest.param("slow", "timed out after 0.3 s reading ", "/slow", id="timeout"),
    pytest.param("error", "HTTP 503 from ", "/error", id="http-503"),
]


@pytest.mark.parametrize(("route", "starts", "contains"), FAULTS)
def test_a_fault_publishes_nothing_and_is_reported_once_until_it_clears(bench, watch_log, route, starts, contains):
    watcher = bench.watcher(route, timeout=0.3)
    first = watcher.run_pass()
    second = watcher.run_pass()
    watcher.close()

    assert first.fault is not None
    assert first.fault.startswith(starts)
    assert contains in first.fault
    assert second.fault == first.fault
    assert first.published == second.published == []
    assert bench.files() == set()
    assert payloads(bench.exec_log) == []
    [line] = watch_log()
    assert line == f"channel not read: {first.fault} (reported once; the watch keeps polling)"

    # A cron run (a new process) remembers the fault; then the page comes back.
    bench.run(route, timeout=0.3)
    assert len(watch_log()) == 1
    recovered = bench.run("page_night.html")
    assert recovered.published == [("2026-06-07", 1)]
    assert watch_log()[1] == f"channel read again (failing since 2026-06-07T06:00:00+00:00: {first.fault})"


def test_the_loop_backs_off_on_faults_and_never_stops(bench):
    watcher = bench.watcher("error", every=10.0, max_backoff=60.0)
    pauses: list[float] = []

    status = watcher.run(sleep=pauses.append, max_passes=5)
    watcher.close()

    assert status == 0
    assert pauses == [20.0, 40.0, 60.0, 60.0]


def test_the_loop_polls_at_its_pace_when_all_is_well(bench):
    watcher = bench.watcher("page_night.html", every=10.0)
    pauses: list[float] = []

    watcher.run(sleep=pauses.append, max_passes=3)
    watcher.close()

    assert pauses == [10.0, 10.0]
    assert len(payloads(bench.exec_log)) == 1


def test_a_crash_between_store_and_publish_is_resumed(bench, watch_log):
    # The state as a crash leaves it right after the store was written: the post is "seen".
    post = parse_channel_page((PAGES / "page_night.html").read_text("utf-8"))[1]
    open_ledger(bench.store).add_report(read_post(post).record)
    sha = hashlib.sha256(post.text.encode("utf-8")).hexdigest()
    state = {"version": 1, "posts": {"70102": {"stage": "seen", "sha": sha}}, "items": {}, "fault": None}
    bench.state_path.write_text(json.dumps(state), encoding="utf-8")

    result = bench.run("page_night.html")

    assert result.refused == {}
    assert result.published == [("2026-06-07", 1)]
    assert len(payloads(bench.exec_log)) == 1
    assert len(open_ledger(bench.store).reports(active_only=False)) == 1
    assert "2026-06-07 report post 70102: published (fr, en, uk; feeds)" in watch_log()


def test_a_failing_hook_is_retried_at_the_next_pass_and_delivered_once(bench, watch_log, tmp_path):
    down = tmp_path / "hook-down"
    down.touch()
    hook = recording_hook(bench.exec_log, fail_marker=down)

    first = bench.run("page_night.html", exec_cmd=hook)
    assert first.published == [("2026-06-07", 1)]
    assert payloads(bench.exec_log) == []
    assert (
        watch_log()[-1]
        == "2026-06-07 post 70102: --exec failed (exit status 1: hook down); will retry at the next pass"
    )

    down.unlink()
    second = bench.run("page_night.html", exec_cmd=hook)
    third = bench.run("page_night.html", exec_cmd=hook)

    assert second.published == third.published == []
    assert [p["delivery_id"] for p in payloads(bench.exec_log)] == ["2026-06-07@1"]


def test_a_watch_killed_while_its_hook_runs_delivers_once_and_publishes_nothing_twice(bench, tmp_path):
    started = tmp_path / "hook-started"
    # The first hook signals it started, then hangs until killed with the watch.
    hanging = f"{sys.executable} -c \"import pathlib, time; pathlib.Path(r'{started}').touch(); time.sleep(30)\""
    command = [
        sys.executable, "-m", "skytally.cli", "--db", str(bench.store), "watch", "--once", "--no-site",
        "--no-charts", "--from-url", f"{bench.server}/page_night.html", "--publish", str(bench.publish_dir),
        "--state", str(bench.state_path), "--now", "2026-06-07T06:00:00+00:00", "--exec", hanging,
    ]  # fmt: skip
    errors = tmp_path / "stderr.txt"
    with errors.open("wb") as stderr:
        process = subprocess.Popen(command, stderr=stderr, start_new_session=True)
        try:
            deadline = time.monotonic() + 60
            while not started.exists() and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    assert started.exists(), errors.read_text("utf-8")
    files = {p: (bench.publish_dir / p).read_bytes() for p in bench.files()}
    assert "watch/bulletins/2026-06-07.en.txt" in files

    resumed = bench.run("page_night.html", now="2026-06-07T06:05:00+00:00")

    assert resumed.published == []
    assert [p["delivery_id"] for p in payloads(bench.exec_log)] == ["2026-06-07@1"]
    assert {p: (bench.publish_dir / p).read_bytes() for p in bench.files()} == files
    assert len(open_ledger(bench.store).reports(active_only=False)) == 1
