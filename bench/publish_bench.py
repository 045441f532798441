"""Benchmark of `skytally publish` for the whole ledger: time, size, files, and the incremental paths.

    python bench/publish_bench.py [--dataset ../shared/data/attacks/missile_attacks_daily.csv] [--full-api]

Loads the dataset into a fresh store, publishes the whole site once into a temporary folder and
checks it first (no failed URL, no broken internal link, the reference night's JSON gives 574
drones). Then prints one table: the full publish (time, MB, files, pages), a second publish with
nothing changed (no file rewritten), an incremental publish of the latest attack (the morning
watch's `--only`), each beside a peer measured in the same run: copying the published folder
(the file-system floor for writing that many bytes). Each figure is one run: a publish is minutes
on 2 cores, and its variance is small against that.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _timing import print_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "attacks" / "missile_attacks_daily.csv"


def _timed(func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT)
    parser.add_argument("--full-api", action="store_true", help="also every attack's context and bulletins")
    args = parser.parse_args()
    from skytally.ledger.api import open_ledger
    from skytally.web._linkcheck import check_links
    from skytally.web.publish import publish

    tmp = Path(tempfile.mkdtemp(prefix="skytally-publish-bench-"))
    try:
        db = tmp / "store.sqlite"
        ledger = open_ledger(db)
        ledger.update(str(args.dataset))
        attacks = ledger.attacks()
        out = tmp / "site"

        full, full_s = _timed(lambda: publish(db, out, full_api=args.full_api))
        # Correctness first.
        if full.failed:
            sys.exit(f"publish failed on {len(full.failed)} URLs, e.g. {full.failed[:3]}")
        broken = check_links(out)
        if broken:
            sys.exit(f"{len(broken)} broken internal links, e.g. {broken[:3]}")
        night = json.loads((out / "api" / "attacks" / "2025-08-21.json").read_text("utf-8"))
        assert night["drones"] == 574, night["drones"]

        _, copy_s = _timed(lambda: shutil.copytree(out, tmp / "copy"))
        again, again_s = _timed(lambda: publish(db, out, full_api=args.full_api))
        assert again.written == 0, again.written
        latest = attacks[-1].id
        partial, partial_s = _timed(lambda: publish(db, out, only=[latest]))
        assert not partial.failed, partial.failed

        mb = full.bytes / 1e6
        print(f"whole ledger: {len(attacks):,} attacks, {full.files:,} files, {full.pages:,} pages, {mb:,.1f} MB")
        print_table(
            [
                (
                    "full publish",
                    f"{full_s:.1f} s ({mb:,.0f} MB)",
                    "copytree",
                    f"{copy_s:.2f} s",
                    f"{full_s / copy_s:.0f}x",
                    "-",
                ),
                (
                    "publish, nothing changed",
                    f"{again_s:.1f} s (0 written)",
                    "full publish",
                    f"{full_s:.1f} s",
                    f"{again_s / full_s:.2f}x",
                    "-",
                ),
                (
                    f"--only {latest}",
                    f"{partial_s:.1f} s ({partial.files:,} files, {partial.written} written)",
                    "full publish",
                    f"{full_s:.1f} s",
                    f"{partial_s / full_s:.2f}x",
                    "-",
                ),
                (
                    "per file",
                    f"{full_s / full.files * 1000:.1f} ms",
                    "copytree",
                    f"{copy_s / full.files * 1000:.2f} ms",
                    f"{full_s / copy_s:.0f}x",
                    "-",
                ),
            ]
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
