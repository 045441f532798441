"""Benchmark of the morning watch: post to published files, and memory over 1,000 polls.

    python bench/watch_bench.py [--runs 3] [--polls 1000]

1. Latency: a loopback server serves the channel page (tests/fixtures/watch). The watch has
   already read the page once (an alert only); then the night to 7 June 2026 appears on the page,
   and the time is measured from that moment to the end of the pass that wrote the bulletins
   (fr, en, uk; text and JSON), the charts (3 SVG) and the feeds, with the full history (the
   shared dataset) in the store. Each run uses a fresh copy of the store and a fresh state. The
   peer, measured in the same run, is drawing and rendering the same three charts alone.
   The static site (skytally.web.publish) is left out: it is another part's, timed by its own bench.
2. Memory: RSS of this process after 10, 100, 500 and 1,000 quiet polls of the same page (no new
   post; each poll reads the page over HTTP, opens the store and compares). Bounded and no growth
   is the target.

Each run first checks its result (one item published, 2026-06-07, 236 drones), then prints figures.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from _timing import print_table  # noqa: E402

from skytally.ledger.api import open_ledger  # noqa: E402
from skytally.watch import Watcher, WatchOptions  # noqa: E402
from skytally.watch.state import copy_store  # noqa: E402

PAGES = ROOT / "tests" / "fixtures" / "watch"
DATASET = ROOT.parent / "shared" / "data" / "attacks" / "missile_attacks_daily.csv"
NOW = datetime(2026, 6, 7, 6, 0, tzinfo=UTC)


class _Page:
    body = b""


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = _Page.body
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _alert_only_page() -> bytes:
    """The night page without its report: the page as it was before the Air Force posted."""
    html = (PAGES / "page_night.html").read_text("utf-8")
    start = html.index('<div class="tgme_widget_message_wrap', html.index('data-post="kpszsu/70101"') - 300)
    second = html.index('<div class="tgme_widget_message_wrap', start + 10)
    end = html.index("    </section>")
    return (html[:second] + html[end:]).encode("utf-8")


def rss_mib() -> float:
    """Return this process's resident memory now (not its peak), in MiB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    import os

    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def latency_run(base: Path, url: str, master: Path, *, charts: bool) -> float:
    """Return seconds from the post appearing to the end of the pass that published it."""
    work = Path(tempfile.mkdtemp(dir=base))
    store = work / "store.sqlite"
    copy_store(master, store)
    options = WatchOptions(url, store, work / "state.json", publish_dir=work / "site", charts=charts, site=False)
    watcher = Watcher(options, clock=lambda: NOW)
    _Page.body = _alert_only_page()
    watcher.run_pass()
    _Page.body = (PAGES / "page_night.html").read_bytes()
    start = time.perf_counter()
    result = watcher.run_pass()
    seconds = time.perf_counter() - start
    watcher.close()
    assert result.published == [("2026-06-07", 1)], result
    assert open_ledger(store).attack("2026-06-07").drones == 236
    written = {p.name for p in (work / "site" / "watch").rglob("*") if p.is_file()}
    assert {"2026-06-07.uk.txt", "items.json", "feed.fr.xml"} <= written
    assert charts == ("2026-06-07.en.svg" in written)
    shutil.rmtree(work)
    return seconds


def charts_alone(master: Path) -> float:
    """Return the time to draw and render the three nights charts of the night (the peer)."""
    from skytally.bulletin.charts import chart_to_svg, nights_chart
    from skytally.context import load_events

    ledger = open_ledger(master)
    attacks = ledger.attacks()
    attack = ledger.attack("2026-06-07")
    start = time.perf_counter()
    for lang in ("fr", "en", "uk"):
        chart_to_svg(
            nights_chart(
                attacks,
                first=attack.date - timedelta(days=29),
                last=attack.date,
                lang=lang,
                highlight=attack,
                events=load_events(),
            )
        )
    return time.perf_counter() - start


def memory_run(base: Path, url: str, master: Path, polls: int) -> list[tuple[int, float]]:
    """Return (polls done, RSS MiB) after quiet polls of a page already published."""
    work = Path(tempfile.mkdtemp(dir=base))
    store = work / "store.sqlite"
    copy_store(master, store)
    options = WatchOptions(url, store, work / "state.json", publish_dir=work / "site", charts=False, site=False)
    watcher = Watcher(options, clock=lambda: NOW)
    _Page.body = (PAGES / "page_night.html").read_bytes()
    assert watcher.run_pass().published == [("2026-06-07", 1)]
    marks = {10, 100, 500, polls}
    samples = []
    for n in range(1, polls + 1):
        result = watcher.run_pass()
        assert result.published == []
        assert result.fault is None
        if n in marks:
            samples.append((n, rss_mib()))
    watcher.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--polls", type=int, default=1000)
    args = parser.parse_args()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/s/kpszsu"
    with tempfile.TemporaryDirectory(prefix="skytally-watch-bench-") as tmp:
        base = Path(tmp)
        master = base / "master.sqlite"
        open_ledger(master).update(str(DATASET))
        latency_run(base, url, master, charts=True)  # warm-up: imports, Vega's first compile
        with_charts = [latency_run(base, url, master, charts=True) for _ in range(args.runs)]
        without = [latency_run(base, url, master, charts=False) for _ in range(args.runs)]
        peer = statistics.median(charts_alone(master) for _ in range(args.runs))
        memory = memory_run(base, url, master, args.polls)
    httpd.shutdown()
    httpd.server_close()
    full = statistics.median(with_charts)
    print(f"post -> bulletins, charts, feeds written: runs {', '.join(f'{s:.2f}' for s in with_charts)} s")
    print_table(
        [
            (
                "post -> published (3 charts)",
                f"{full:.2f} s",
                "3 charts alone",
                f"{peer:.2f} s",
                f"{full / peer:.1f}x",
                "<= 2 s",
            ),
            ("post -> published (no charts)", f"{statistics.median(without):.2f} s", "-", "-", "-", "-"),
        ]
    )
    print("RSS after quiet polls: " + ", ".join(f"{n}: {mib:.1f} MiB" for n, mib in memory))
    growth = memory[-1][1] - memory[1][1]
    print(f"growth from poll {memory[1][0]} to poll {memory[-1][0]}: {growth:+.1f} MiB")


if __name__ == "__main__":
    main()
