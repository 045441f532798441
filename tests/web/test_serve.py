"""`skytally serve` as a user runs it: a subprocess on loopback, over an empty store it loads first."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from skytally.ledger.api import Ledger

TOKEN = "serve-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[str], seconds: float = 60.0) -> httpx.Response:
    """Poll ``url`` until the server answers, failing with its output if it exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"skytally serve exited with {process.returncode}: {process.communicate()[1][-2000:]}")
        try:
            return httpx.get(url, timeout=2.0)
        except httpx.TransportError:
            time.sleep(0.2)
    pytest.fail(f"skytally serve did not answer {url} within {seconds:.0f} s")


@pytest.fixture
def served(tmp_path: Path, dataset_csv: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`skytally serve` over a new store, loading the shared dataset with --from, token in $MY_TOKEN."""
    port = free_port()
    env = {**os.environ, "MY_TOKEN": TOKEN}
    env.pop("SKYTALLY_TOKEN", None)
    command = [sys.executable, "-m", "skytally.cli", "--db", str(tmp_path / "new.sqlite"), "serve"]
    command += ["--port", str(port), "--from", str(dataset_csv), "--token-env", "MY_TOKEN", "--no-access-log"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_serve_loads_an_empty_store_then_serves_the_api(
    served: tuple[str, subprocess.Popen[str]], ledger: Ledger
) -> None:
    base, process = served
    about = wait_for(f"{base}/api/about", process).json()
    assert about["attacks"] == len(ledger.attacks())
    assert about["dataset"]["file_name"] == "missile_attacks_daily.csv"
    night = httpx.get(f"{base}/api/attacks/2025-08-21").json()
    assert (night["drones"], night["missiles"]) == (574, 36)
    event = {
        "id": "served-test",
        "date": "2025-08-19",
        "name_en": "A test",
        "name_fr": "Un test",
        "name_uk": "Тест",
        "kind": "diplomacy",
        "source_url": "https://example.org/",
    }
    assert httpx.post(f"{base}/api/events", json=event).status_code == 401
    wrong = httpx.post(f"{base}/api/events", json=event, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    added = httpx.post(f"{base}/api/events", json=event, headers={"Authorization": f"Bearer {TOKEN}"})
    assert added.status_code == 201, added.text
    assert "served-test" in {e["id"] for e in httpx.get(f"{base}/api/events").json()}
    process.terminate()
    _, stderr = process.communicate(timeout=10)
    assert "The store is empty: loading the dataset first (once)." in stderr
    assert "writes need the token in $MY_TOKEN" in stderr
