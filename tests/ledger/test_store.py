"""The store: versions and their diffs, idempotent loads, all-or-nothing loads, fetching over HTTP."""

from __future__ import annotations

import http.server
import io
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from skytally.errors import FetchError, LoadError
from skytally.ledger.api import open_ledger


def test_loading_the_same_file_twice_changes_nothing(tmp_path: Path, dataset_csv: Path) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    first = ledger.update(str(dataset_csv))
    dump = list(ledger.conn.iterdump())
    second = ledger.update(str(dataset_csv))
    assert (first.unchanged, second.unchanged) == (False, True)
    assert list(ledger.conn.iterdump()) == dump
    assert len(ledger.versions()) == 1


def test_earlier_then_current_reports_69_added_and_the_one_edit(
    tmp_path: Path, earlier_csv: Path, dataset_csv: Path
) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    ledger.update(str(earlier_csv))
    report = ledger.update(str(dataset_csv))
    assert (report.added, report.removed, report.edited_rows) == (69, 0, 1)
    (edit,) = [c for c in report.changes if c.change == "edited"]
    assert edit.field == "launch_place"
    assert (edit.old_value, edit.new_value) == ("Black Sea and Caspian Sea", "Caspian Sea and Black Sea")
    assert edit.row_key.startswith("2026-03-14 03:00|2026-03-14 06:00|Kalibr|")
    # The store holds the current version only, and remembers both.
    assert len(ledger.rows()) == 3770
    versions = ledger.versions()
    assert [v.current for v in versions] == [False, True]
    assert [c.change for c in ledger.changes(versions[1])].count("added") == 69


def test_a_load_killed_midway_leaves_the_store_as_it_was(tmp_path: Path, dataset_csv: Path) -> None:
    db = tmp_path / "s.sqlite"
    open_ledger(db).update(str(dataset_csv))
    before = open_ledger(db).conn.execute("SELECT count(*), sum(launched), max(id) FROM dataset_rows").fetchone()
    # A large file (the real rows repeated, with distinct sources) keeps the load busy long enough to kill it.
    lines = dataset_csv.read_text(encoding="utf-8").splitlines()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8") as out:
        out.write(lines[0] + "\n")
        for copy in range(25):
            for line in lines[1:]:
                out.write(line.replace("kpszsu/posts/", f"kpszsu/posts/copy{copy}-") + "\n")
    script = f"from skytally.ledger.api import open_ledger; open_ledger({str(db)!r}).update({str(big)!r})"
    proc = subprocess.Popen([sys.executable, "-c", script])
    wal = Path(str(db) + "-wal")
    start_size = wal.stat().st_size if wal.exists() else 0
    deadline = time.monotonic() + 60
    # Kill it once it has started writing inside its transaction.
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start_size + 1_000_000:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the load finished before it could be killed; make the file bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    ledger = open_ledger(db)
    after = ledger.conn.execute("SELECT count(*), sum(launched), max(id) FROM dataset_rows").fetchone()
    assert tuple(after) == tuple(before)
    assert len(ledger.versions()) == 1
    assert ledger.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# ------------------------------------------------------------------ HTTP, on loopback only


class _Files(http.server.BaseHTTPRequestHandler):
    files: ClassVar[dict[str, bytes]] = {}

    def do_GET(self) -> None:
        body = self.files.get(self.path)
        if body is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server(dataset_csv: Path) -> Iterator[str]:
    data = dataset_csv.read_bytes()
    models = (dataset_csv.parent / "missiles_and_uavs.csv").read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("missile_attacks_daily.csv", data)
        archive.writestr("missiles_and_uav.csv", models)  # the older name of the models file
    empty = io.BytesIO()
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "nothing here")
    _Files.files = {
        "/dataset.zip": buffer.getvalue(),
        "/missile_attacks_daily.csv": data,
        "/empty.zip": empty.getvalue(),
    }
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Files)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_update_from_a_zip_url(tmp_path: Path, server: str) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    seen: list[int] = []
    report = ledger.update(f"{server}/dataset.zip", progress=lambda done, total: seen.append(done))
    assert report.rows == 3770
    assert report.origin.endswith("/dataset.zip!missile_attacks_daily.csv")
    assert seen[-1] == len(_Files.files["/dataset.zip"])
    models = ledger.conn.execute("SELECT count(*) FROM reference_models").fetchone()[0]
    assert models == 64


def test_update_from_a_csv_url(tmp_path: Path, server: str) -> None:
    report = open_ledger(tmp_path / "s.sqlite").update(f"{server}/missile_attacks_daily.csv")
    assert report.rows == 3770


def test_a_zip_without_the_dataset_is_refused(tmp_path: Path, server: str) -> None:
    with pytest.raises(LoadError, match=r"the zip holds no missile_attacks_daily\.csv"):
        open_ledger(tmp_path / "s.sqlite").update(f"{server}/empty.zip")


def test_http_error_is_one_line_and_the_store_keeps_what_it_had(tmp_path: Path, server: str) -> None:
    ledger = open_ledger(tmp_path / "s.sqlite")
    with pytest.raises(FetchError) as caught:
        ledger.update(f"{server}/missing.zip")
    assert "HTTP 404" in str(caught.value)
    assert "skytally update --from PATH" in str(caught.value)
    assert ledger.is_empty()


def test_offline_gives_one_line_with_the_next_step(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        open_ledger(tmp_path / "s.sqlite").update(f"http://127.0.0.1:{port}/dataset.zip", timeout=2)
    message = str(caught.value)
    assert "\n" not in message
    assert "offline?" in message
    assert "skytally update --from PATH" in message
