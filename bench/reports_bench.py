"""Benchmark of the report parser and store: one report parsed, stored and reconciled; texts parsed per second.

    python bench/reports_bench.py [--reports ../shared/data/reports] [--dataset .../missile_attacks_daily.csv]
                                  [--runs 5]

Prints one table. Correctness first: the 2 Jul 2026 report (67095) read, stored and looked up gives
496 drones and 74 missiles. Then, in one process with the store open (as `report fetch` runs):

- parse + store + reconcile one report: `parse_report`, `to_record`, `Ledger.add_report`, and
  `Ledger.lookup` of its day (what `show DATE` reconciles), timed per report. The texts are every
  report of the shared folder (read at run time), added one after another into a fresh copy of a
  store loaded with the shared dataset, --runs times; the figure is the median of all those timings.
  Peer: one INSERT of the same text and a commit, in a SQLite file with the store's pragmas.
- parse one text: `parse_report` alone, median over all shared texts (reports and not), against a
  plain `re` scan (every number and the word after it) of the same text.
- texts parsed per second over the whole folder, against the same `re` scan.

Target (issue #5): parse + store + reconcile one report <= 20 ms.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from _timing import median_time, print_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})_(\d+)\.txt$")
PEER_SCAN = re.compile(r"(\d+)\s*(\w+)")


def read_texts(folder: Path) -> list[tuple[str, date, str]]:
    """Return (post id, publication day, text) of every post file, in name order."""
    texts = []
    for path in sorted(folder.glob("*.txt")):
        match = NAME.match(path.name)
        if match:
            texts.append((match.group(2), date.fromisoformat(match.group(1)), path.read_text(encoding="utf-8")))
    if not texts:
        sys.exit(f"no YYYY-MM-DD_<post>.txt texts in {folder}")
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=SHARED / "reports")
    parser.add_argument("--dataset", type=Path, default=SHARED / "attacks" / "missile_attacks_daily.csv")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from skytally.ledger.api import open_ledger
    from skytally.reports import parse_report
    from skytally.reports.ingest import to_record

    texts = read_texts(args.reports)
    tmp = Path(tempfile.mkdtemp(prefix="skytally-bench-"))
    loaded = tmp / "loaded.sqlite"
    base = open_ledger(loaded)
    base.update(str(args.dataset))
    base.conn.close()  # the last connection's close folds the WAL into the file, so a plain copy is whole

    counter = iter(range(10_000))

    def fresh_store():  # type: ignore[no-untyped-def]
        copy = tmp / f"run{next(counter)}.sqlite"
        shutil.copy(loaded, copy)
        ledger = open_ledger(copy)
        ledger.reports()  # warm the connection: a long-running process has it open already
        return ledger

    def ingest(ledger, post: str, day: date, text: str):  # type: ignore[no-untyped-def]
        parsed = parse_report(text, reference_date=day)
        record = to_record(parsed, text, accept_partial=True, source_url=f"https://t.me/kpszsu/{post}")
        ledger.add_report(record)
        return ledger.lookup(parsed.kyiv_date)

    # Correctness first: the 2 Jul 2026 report, read, stored and looked up.
    check = dict((p, (d, t)) for p, d, t in texts).get("67095")
    if check is None:
        sys.exit(f"2026-07-02_67095.txt not in {args.reports}: it is the correctness check")
    [attack] = ingest(fresh_store(), "67095", *check).attacks
    assert (attack.drones, attack.missiles) == (496, 74), (attack.drones, attack.missiles)

    parsed_all = [(p, d, t, parse_report(t, reference_date=d)) for p, d, t in texts]
    reports = [(p, d, t) for p, d, t, r in parsed_all if r.kind != "not_a_report" and r.kyiv_date is not None]
    half_read = sum(1 for *_, r in parsed_all if r.kind != "not_a_report" and r.unplaced)

    # parse + store + reconcile, each report into a store that grows as `report fetch` makes it grow.
    per_report = []
    for _ in range(args.runs):
        ledger = fresh_store()
        for post, day, text in reports:
            start = time.perf_counter()
            found = ingest(ledger, post, day, text)
            per_report.append(time.perf_counter() - start)
            assert found.attacks, f"report {post}: no attack on its day after storing it"
        ledger.conn.close()
    t_ingest = statistics.median(per_report)

    peer_db = sqlite3.connect(tmp / "peer.sqlite", isolation_level=None)
    peer_db.execute("PRAGMA journal_mode=WAL")
    peer_db.execute("PRAGMA synchronous=NORMAL")
    peer_db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")

    def insert_all() -> None:
        for _, _, text in reports:
            peer_db.execute("BEGIN")
            peer_db.execute("INSERT INTO t (text) VALUES (?)", (text,))
            peer_db.execute("COMMIT")

    t_insert = median_time(insert_all, args.runs) / len(reports)
    peer_db.close()

    # Parse alone, and the plain scan, per text and over the folder.
    per_text = []
    per_scan = []
    for _ in range(args.runs):
        for _, day, text in texts:
            start = time.perf_counter()
            parse_report(text, reference_date=day)
            per_text.append(time.perf_counter() - start)
            start = time.perf_counter()
            PEER_SCAN.findall(text)
            per_scan.append(time.perf_counter() - start)
    t_parse, t_scan = statistics.median(per_text), statistics.median(per_scan)

    def parse_folder() -> None:
        for _, day, text in texts:
            parse_report(text, reference_date=day)

    def scan_folder() -> None:
        for _, _, text in texts:
            PEER_SCAN.findall(text)

    rate = len(texts) / median_time(parse_folder, args.runs)
    rate_scan = len(texts) / median_time(scan_folder, args.runs)

    rows = [
        (
            "parse + store + reconcile one report",
            f"{t_ingest * 1000:.1f} ms",
            "sqlite INSERT + commit",
            f"{t_insert * 1000:.2f} ms",
            f"{t_ingest / t_insert:.0f}x",
            "<= 20 ms",
        ),
        (
            "parse one text",
            f"{t_parse * 1000:.2f} ms",
            "re scan of the text",
            f"{t_scan * 1000:.3f} ms",
            f"{t_parse / t_scan:.0f}x",
            "-",
        ),
        (
            "texts parsed per second",
            f"{rate:,.0f}/s",
            "re scans per second",
            f"{rate_scan:,.0f}/s",
            f"{rate_scan / rate:.0f}x slower",
            "-",
        ),
    ]
    size = sum(len(t.encode("utf-8")) for _, _, t in texts)
    print(
        f"texts: {args.reports} ({len(texts)} posts, {len(reports)} reports, {half_read} half read; {size:,} bytes); "
        f"store: {args.dataset.name}; median of {args.runs} runs; Python {sys.version.split()[0]}"
    )
    print(
        f"check: 2026-07-02 (67095) read, stored and looked up gives {attack.drones} drones, {attack.missiles} missiles"
    )
    print(
        f"parse + store + reconcile over {len(per_report)} timings: max {max(per_report) * 1000:.1f} ms, "
        f"90th percentile {statistics.quantiles(per_report, n=10)[-1] * 1000:.1f} ms"
    )
    print_table(rows)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
