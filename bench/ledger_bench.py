"""Benchmark of the ledger: load time, cold `show`, and peak memory of a load, each beside a peer.

    python bench/ledger_bench.py [--dataset ../shared/data/attacks/missile_attacks_daily.csv] [--runs 7]

Prints one table. Each figure is checked for correctness first (the loaded store must give the seed
night's 574 drones), then timed as the median of --runs, and compared as a ratio to a peer measured
in the same run: a plain `csv.reader` pass over the same file, and `python -c pass` started with
sys.executable (a pyenv shim on PATH would add ~85 ms). Targets (issue #8): load <= 0.5 s and
<= 10x csv.reader; cold show <= 0.3 s and <= 5x python -c pass.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import median_time, print_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "attacks" / "missile_attacks_daily.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    from skytally.ledger.api import open_ledger

    data = args.dataset.read_bytes()
    tmp = Path(tempfile.mkdtemp(prefix="skytally-bench-"))

    # Correctness first: a loaded store gives the seed night.
    db = tmp / "check.sqlite"
    open_ledger(db).update(str(args.dataset))
    assert open_ledger(db).attack("2025-08-21").drones == 574

    def csv_pass() -> None:
        for _ in csv.reader(io.StringIO(data.decode("utf-8"))):
            pass

    counter = iter(range(10_000))

    def load() -> None:
        open_ledger(tmp / f"load{next(counter)}.sqlite").update(str(args.dataset))

    t_csv = median_time(csv_pass, args.runs)
    t_load = median_time(load, args.runs)

    exe = Path(sys.executable).with_name("skytally")
    env = dict(os.environ, SKYTALLY_DB=str(db))
    show = [str(exe), "show", "2025-08-21"]
    out = subprocess.run([*show, "--format", "json"], env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["drones"] == 574
    t_pass = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    t_show = median_time(lambda: subprocess.run(show, env=env, capture_output=True, check=True), args.runs)

    # VmHWM is the process's own peak RSS (ru_maxrss can carry the parent's across exec).
    hwm = "print(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
    peak = subprocess.run(
        [
            sys.executable,
            "-c",
            "from skytally.ledger.api import open_ledger; "
            f"open_ledger({str(tmp / 'mem.sqlite')!r}).update({str(args.dataset)!r}); " + hwm,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    base = subprocess.run([sys.executable, "-c", hwm], capture_output=True, text=True, check=True).stdout.strip()

    rows = [
        (
            "load the dataset into a new store",
            f"{t_load * 1000:.0f} ms",
            "csv.reader pass",
            f"{t_csv * 1000:.1f} ms",
            f"{t_load / t_csv:.1f}x",
            "<= 0.5 s, <= 10x",
        ),
        (
            "cold `skytally show 2025-08-21`",
            f"{t_show * 1000:.0f} ms",
            "python -c pass",
            f"{t_pass * 1000:.0f} ms",
            f"{t_show / t_pass:.1f}x",
            "<= 0.3 s, <= 5x",
        ),
        (
            "peak memory (RSS) of a load",
            f"{int(peak) / 1024:.0f} MiB",
            "bare interpreter",
            f"{int(base) / 1024:.0f} MiB",
            f"{int(peak) / int(base):.1f}x",
            "-",
        ),
    ]
    print(f"dataset: {args.dataset} ({len(data):,} bytes), median of {args.runs} runs, Python {sys.version.split()[0]}")
    print_table(rows)


if __name__ == "__main__":
    main()
