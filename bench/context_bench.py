"""Benchmark of the context engine, bulletins and charts: one attack in-process and cold, every attack, a chart.

    python bench/context_bench.py [--dataset ../shared/data/attacks/missile_attacks_daily.csv] [--runs 15]

Prints one table. Correctness first, on a store loaded with --dataset: the context of 21 Aug 2025
ranks it 3rd of 2025 by drones (after 9 Jul 728 and 12 Jul 597), its French bulletin says
"troisième" and "574 drones d'attaque", the cold command prints the same bulletin, the context of
every attack is built, and the SVG holds the chart's title. Then, each figure beside a peer measured
in the same run:

- context + bulletin of 21 Aug 2025 with the full history, in one process with the ledger's
  attacks in memory (as the web app runs): median of --runs. Peer: one sorted() of the attacks by
  drones, the naive core of one rank.
- `skytally bulletin 2025-08-21 --lang fr`, cold: the skytally script next to sys.executable,
  beside `python -c pass` started with sys.executable (a pyenv shim on PATH would add ~85 ms).
- the context of every attack of the dataset, in attacks per second. Peer: one sorted() per attack.
- the nights chart (30 nights to 21 Aug 2025, events marked) rendered to SVG: median of --runs
  after a first, cold render (printed apart). Peer: a one-bar chart rendered the same way.

Targets (issue #4): context + bulletin <= 20 ms in-process, <= 0.4 s cold.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _timing import median_time, print_table

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "attacks" / "missile_attacks_daily.csv"
SEED = "2025-08-21"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    import altair as alt

    from skytally.bulletin import render_bulletin
    from skytally.bulletin.charts import chart_to_svg, nights_chart
    from skytally.context import build_context, load_events
    from skytally.ledger.api import open_ledger

    tmp = Path(tempfile.mkdtemp(prefix="skytally-bench-"))
    db = tmp / "bench.sqlite"
    open_ledger(db).update(str(args.dataset))
    ledger = open_ledger(db)
    attacks = ledger.attacks()
    seed = ledger.attack(SEED)

    # Correctness first: the seed night's rank, its bulletin, the cold command's output.
    context = build_context(attacks, seed)
    rank = context.rank("drones", "year")
    above = [(a.date, a.value) for a in rank.evidence.attacks]
    assert (rank.rank, above) == (3, [(date(2025, 7, 9), 728), (date(2025, 7, 12), 597)]), (rank.rank, above)
    text = render_bulletin(seed, context, lang="fr").text
    assert "troisième attaque la plus importante de 2025" in text, text
    assert "574 drones d'attaque" in text, text
    exe = Path(sys.executable).with_name("skytally")
    env = dict(os.environ, SKYTALLY_DB=str(db))
    command = [str(exe), "bulletin", SEED, "--lang", "fr"]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert out.rstrip("\n") == text, out

    def context_and_bulletin() -> None:
        render_bulletin(seed, build_context(attacks, seed), lang="fr")

    t_one = median_time(context_and_bulletin, args.runs)
    t_context = median_time(lambda: build_context(attacks, seed), args.runs)
    t_sort = median_time(lambda: sorted(attacks, key=lambda a: a.drones), args.runs)

    t_pass = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    t_cold = median_time(lambda: subprocess.run(command, env=env, capture_output=True, check=True), args.runs)

    start = time.perf_counter()
    contexts = [build_context(attacks, a) for a in attacks]
    t_all = time.perf_counter() - start
    assert [c.attack.id for c in contexts] == [a.id for a in attacks]
    assert next(c for c in contexts if c.attack.id == SEED).rank("drones", "year").rank == 3
    start = time.perf_counter()
    for _ in attacks:
        sorted(attacks, key=lambda a: a.drones)
    t_all_sorts = time.perf_counter() - start

    events = load_events()
    last = seed.date
    first = last - timedelta(days=29)

    def chart() -> str:
        return chart_to_svg(nights_chart(attacks, first=first, last=last, lang="fr", highlight=seed, events=events))

    def one_bar() -> str:
        return chart_to_svg(alt.Chart(alt.Data(values=[{"x": "a", "y": 1}])).mark_bar().encode(x="x:N", y="y:Q"))

    start = time.perf_counter()
    svg = chart()
    t_chart_first = time.perf_counter() - start
    assert svg.lstrip().startswith("<svg"), svg[:200]
    assert "août" in svg, "the French chart's title names the month"
    t_chart = median_time(chart, args.runs)
    t_bar = median_time(one_bar, args.runs)

    rows = [
        (
            f"context + bulletin (fr) of {SEED}",
            f"{t_one * 1000:.1f} ms",
            "sorted() by drones",
            f"{t_sort * 1000:.2f} ms",
            f"{t_one / t_sort:.0f}x",
            "<= 20 ms",
        ),
        (
            "  of which the context",
            f"{t_context * 1000:.1f} ms",
            "-",
            "-",
            "-",
            "-",
        ),
        (
            f"cold `skytally bulletin {SEED} --lang fr`",
            f"{t_cold * 1000:.0f} ms",
            "python -c pass",
            f"{t_pass * 1000:.0f} ms",
            f"{t_cold / t_pass:.1f}x",
            "<= 0.4 s",
        ),
        (
            f"context of every attack ({len(attacks)})",
            f"{len(attacks) / t_all:,.0f}/s",
            "sorted() per attack",
            f"{len(attacks) / t_all_sorts:,.0f}/s",
            f"{t_all / t_all_sorts:.0f}x slower",
            "-",
        ),
        (
            "nights chart (30 nights) to SVG",
            f"{t_chart * 1000:.0f} ms",
            "one-bar chart to SVG",
            f"{t_bar * 1000:.0f} ms",
            f"{t_chart / t_bar:.1f}x",
            "-",
        ),
    ]
    print(
        f"dataset: {args.dataset} ({len(attacks)} attacks), median of {args.runs} runs, Python {sys.version.split()[0]}"
    )
    print(
        f"check: {SEED} ranks {rank.rank} of 2025 by drones ({seed.drones}), after "
        + ", ".join(f"{d.isoformat()} ({v})" for d, v in above)
        + "; the cold command prints the in-process bulletin"
    )
    print(f"first chart render in this process (vl-convert cold): {t_chart_first * 1000:.0f} ms, {len(svg):,} chars")
    print_table(rows)


if __name__ == "__main__":
    main()
