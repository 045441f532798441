"""Benchmark of the web app under load: `skytally serve` beside Datasette serving the exported SQLite file.

    python bench/web_bench.py [--dataset ../shared/data/attacks/missile_attacks_daily.csv] [--seconds 15]

Starts `skytally serve` (uvicorn, one process) and `datasette serve` on loopback, each over its
own copy of the shared dataset, and drives them from another process: wrk when installed
(`apt-get install wrk`), else a Python client of keep-alive connections in two processes.
Correctness first: the API's 21 Aug 2025 has 574 drones and 36 missiles, and the 20 largest
attacks of 2025 by drones are the same in the API and in Datasette's query of the exported file.
Then, each run bounded to --seconds, requests per second and p50/p99 latency of:

- the attacks list (`/api/attacks?year=2025&sort=drones&limit=20`), repeated: a cached read;
  peer: Datasette's equivalent query (`/skytally/attacks.json?date__startswith=2025&_sort_desc=drones&_size=20`);
- one attack's context (`/api/attacks/2025-08-21/context`, 140 kB of JSON), a cached read;
- one attack's document (`/api/attacks/2025-08-21`), a cached read; peer: Datasette's row page JSON;
- the check endpoint with the seed article, repeated (its result cached by text);
- the check endpoint with a different article each request (the seed article plus a counter):
  the claim checker's own speed, no cache.

Each URL is asked once before its run (a cached read is measured cached). Both servers log each
request (their default); Datasette runs with -i (immutable file, its fastest mode).
Targets (issue #9): >= 1,000 req/s on cached reads, p99 <= 50 ms, and at least Datasette's
throughput on the equivalent query.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _timing import print_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT = SHARED / "data" / "attacks" / "missile_attacks_daily.csv"
ARTICLE = SHARED / "reference" / "seed-article-fr.txt"
NIGHT = "2025-08-21"
CONNECTIONS = 16


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(command: list[str], url: str, log: Path) -> subprocess.Popen[bytes]:
    """Start a server, wait until ``url`` answers (60 s at most)."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"{command[0]} exited: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit(f"no answer from {url}")


def get_json(url: str, body: bytes | None = None) -> object:
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.load(response)


def export_file(store: Path, folder: Path) -> tuple[Path, str]:
    """Return the exported SQLite file, and how it was made."""
    target = folder / "skytally.sqlite"
    try:
        from skytally.ledger.api import open_ledger
        from skytally.ledger.export import export_sqlite
    except ImportError:
        import sqlite3

        # Fallback: a copy of the store itself (attacks are computed, not stored, so no attacks table).
        with sqlite3.connect(store) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        return target, "store copied with sqlite3 backup (skytally.ledger.export not available)"
    export_sqlite(open_ledger(store, read_only=True), target)
    return target, "skytally.ledger.export.export_sqlite"


# ------------------------------------------------------------------------------------------ load
WRK_POST = """wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local body = io.open(os.getenv("BODY_FILE")):read("*a")
local vary = os.getenv("VARY") == "1"
local n = 0
request = function()
  if not vary then return wrk.format(nil, nil, nil, body) end
  n = n + 1
  local text = body:gsub('"}$', ' (' .. tostring(n) .. '-' .. tostring(math.random(1e9)) .. ')"}')
  return wrk.format(nil, nil, nil, text)
end
"""


def load(url: str, seconds: float, folder: Path, body: bytes | None = None, vary: bool = False) -> dict[str, float]:
    """Drive ``url`` for ``seconds`` after one warm-up request; return requests/s, p50/p99 in ms, non-2xx."""
    urllib.request.urlopen(urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})).read()
    if shutil.which("wrk"):
        return _wrk(url, seconds, folder, body, vary)
    return _python_load(url, seconds, body, vary)


def _wrk(url: str, seconds: float, folder: Path, body: bytes | None, vary: bool) -> dict[str, float]:
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds:.0f}s", "--latency", url]
    env = dict(os.environ)
    if body is not None:
        script, body_file = folder / "post.lua", folder / "body.json"
        script.write_text(WRK_POST)
        body_file.write_bytes(body)
        command[1:1] = ["-s", str(script)]
        env.update(BODY_FILE=str(body_file), VARY="1" if vary else "0")
    out = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout

    def latency(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": float(bad.group(1)) if bad else 0.0,
    }


def _python_load(url: str, seconds: float, body: bytes | None, vary: bool) -> dict[str, float]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        parts = list(pool.map(_client, [(url, seconds, body, vary, i) for i in range(2)]))
    latencies = sorted(t for p in parts for t in p[0])
    count = len(latencies)
    return {
        "rps": count / seconds,
        "p50": latencies[count // 2] * 1000,
        "p99": latencies[int(count * 0.99)] * 1000,
        "errors": float(sum(p[1] for p in parts)),
    }


def _client(args: tuple[str, float, bytes | None, bool, int]) -> tuple[list[float], int]:
    """One process of CONNECTIONS/2 threads, each a keep-alive connection (the fallback when wrk is absent)."""
    import http.client
    import threading
    from urllib.parse import urlsplit

    url, seconds, body, vary, index = args
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    times: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds

    def run(thread: int) -> None:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        n = 0
        while time.monotonic() < stop:
            n += 1
            payload = body
            if body is not None and vary:
                payload = body[:-2] + f' ({index}-{thread}-{n})"}}'.encode()
            began = time.perf_counter()
            conn.request("POST" if body else "GET", path, body=payload, headers={"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            times.append(time.perf_counter() - began)
            errors[0] += response.status >= 300

    threads = [threading.Thread(target=run, args=(t,)) for t in range(CONNECTIONS // 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times, errors[0]


# ------------------------------------------------------------------------------------------ main
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT)
    parser.add_argument("--seconds", type=float, default=15.0, help="Length of each load run.")
    args = parser.parse_args()

    from skytally.ledger.api import open_ledger

    folder = Path(tempfile.mkdtemp(prefix="skytally-web-bench-"))
    servers: list[subprocess.Popen[bytes]] = []
    try:
        store = folder / "store.sqlite"
        open_ledger(store).update(str(args.dataset))
        exported, how = export_file(store, folder)
        port, peer_port = free_port(), free_port()
        api = f"http://127.0.0.1:{port}"
        peer = f"http://127.0.0.1:{peer_port}"
        serve = [sys.executable, "-m", "skytally.cli", "--db", str(store), "serve", "--port", str(port)]
        servers.append(start(serve, f"{api}/api/about", folder / "serve.log"))
        datasette = shutil.which("datasette") or sys.exit("datasette is not installed (pip install -e . --group bench)")
        # -i: immutable, Datasette's fastest mode for a file that does not change (it caches counts).
        ds_command = [datasette, "serve", "-i", str(exported), "--port", str(peer_port)]
        servers.append(start(ds_command, peer, folder / "ds.log"))

        # Correctness first.
        night = get_json(f"{api}/api/attacks/{NIGHT}")
        assert isinstance(night, dict)
        assert (night["drones"], night["missiles"]) == (574, 36), night
        list_url = f"{api}/api/attacks?year=2025&sort=drones&limit=20"
        mine = get_json(list_url)
        peer_list = f"{peer}/skytally/attacks.json?date__startswith=2025&_sort_desc=drones&_size=20&_shape=array"
        theirs = get_json(peer_list)
        assert isinstance(mine, dict)
        assert isinstance(theirs, list)
        assert [a["drones"] for a in mine["items"]] == [a["drones"] for a in theirs], "the two lists differ"
        article = ARTICLE.read_text(encoding="utf-8")
        # The text last: the varying run appends a counter to it, just before the closing `"}`.
        body = json.dumps({"published": NIGHT, "text": article}).encode()
        checked = get_json(f"{api}/api/check", body)
        assert isinstance(checked, dict)
        assert checked["article"]["attack_date"] == NIGHT

        runs = [
            ("attacks list (2025 by drones, 20)", list_url, None, False, peer_list),
            ("one attack's context", f"{api}/api/attacks/{NIGHT}/context", None, False, None),
            ("one attack", f"{api}/api/attacks/{NIGHT}", None, False, f"{peer}/skytally/attacks/{NIGHT}.json"),
            ("check, seed article (cached)", f"{api}/api/check", body, False, None),
            ("check, a new article each time", f"{api}/api/check", body, True, None),
        ]
        rows: list[tuple[str, ...]] = []
        for name, url, payload, vary, peer_url in runs:
            figures = load(url, args.seconds, folder, payload, vary)
            peer_figures = load(peer_url, args.seconds, folder) if peer_url else None
            rows.append(_row(name, figures, peer_figures, cached=not vary))
        print(
            f"web: skytally serve vs datasette serve, loopback, {os.cpu_count()} cores, "
            f"{'wrk' if shutil.which('wrk') else 'Python client'} -c{CONNECTIONS}, {args.seconds:.0f} s per run; "
            f"exported file: {how}"
        )
        print_table(rows)
    finally:
        for process in servers:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _row(name: str, mine: dict[str, float], peer: dict[str, float] | None, *, cached: bool) -> tuple[str, ...]:
    errors = f", {mine['errors']:.0f} non-2xx" if mine["errors"] else ""
    figure = f"{mine['rps']:,.0f} req/s, p50 {mine['p50']:.1f} ms, p99 {mine['p99']:.1f} ms{errors}"
    target = ">= 1,000 req/s, p99 <= 50 ms" if cached else "(uncached: the checker's speed)"
    if peer is None:
        return (name, figure, "-", "-", "-", target)
    peer_figure = f"{peer['rps']:,.0f} req/s, p99 {peer['p99']:.1f} ms"
    return (name, figure, "datasette", peer_figure, f"{mine['rps'] / peer['rps']:.2f}x", target + ", >= 1x")


if __name__ == "__main__":
    main()
