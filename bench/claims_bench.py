"""Benchmark of the claim checker: test articles per second on one core, the seed article in-process and cold.

    python bench/claims_bench.py [--dataset ../shared/data/attacks/missile_attacks_daily.csv] [--runs 15]

Prints two tables. Correctness first, on a fresh store loaded with --dataset plus the Air Force's
report of 21 Aug 2025 (../shared/acceptance): the seed article's "eighth by missiles" depends on
the source, 614 is supported, and every test article of tests/fixtures/articles gets the verdicts
its expectations.toml lists (the first table: expected vs got, per language). Then, pinned to one
core, each figure beside a peer measured in the same run:

- every test article checked, in articles per second (target >= 200/s). Peer: the extractor's
  first pass alone (sentences split, numbers found), the floor any checker pays.
- the seed article in one process with the ledger's attacks in memory (as the web app runs):
  median of --runs. Peer: one sorted() of the attacks by total, the naive core of one rank.
- `skytally check seed-article-fr.txt --published 2025-08-21 --format json`, cold, beside
  `python -c pass` started with the same interpreter.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

from _timing import median_time, print_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT = SHARED / "data" / "attacks" / "missile_attacks_daily.csv"
REPORT = SHARED / "acceptance" / "report-2025-08-21-uk.txt"
SEED = SHARED / "reference" / "seed-article-fr.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    from skytally.claims import check_article
    from skytally.claims._text import find_numbers, split_sentences
    from skytally.claims.lexicon import load_lexicon
    from skytally.ledger.api import open_ledger

    tmp = Path(tempfile.mkdtemp(prefix="skytally-bench-"))
    db = tmp / "bench.sqlite"
    open_ledger(db).update(str(args.dataset))
    exe = Path(sys.executable).with_name("skytally")
    env = dict(os.environ, SKYTALLY_DB=str(db))
    subprocess.run([str(exe), "report", "add", str(REPORT)], env=env, capture_output=True, check=True)
    ledger = open_ledger(db)
    attacks, dataset = ledger.attacks(), ledger.dataset_attacks()

    def check(text: str, lang: str, day: date):  # type: ignore[no-untyped-def]
        return check_article(text, attacks=attacks, dataset_attacks=dataset, lang=lang, published=day)

    # Correctness first.
    seed = SEED.read_text(encoding="utf-8")
    result = check(seed, "fr", date(2025, 8, 21))
    verdicts = {(c.claim.kind, json.dumps(c.claim.claimed)): c.verdict.verdict for c in result.claims}
    assert verdicts[("rank", json.dumps({"rank": 8, "measure": "missiles", "scope": "year"}))] == "depends_on_source"
    assert verdicts[("total", json.dumps({"value": 614, "hedge": "exact", "measure": "total"}))] == "supported"
    table = tomllib.loads((ARTICLES / "expectations.toml").read_text(encoding="utf-8"))["article"]
    cases = [
        ((ARTICLES / a["file"]).read_text(encoding="utf-8"), a["lang"], date.fromisoformat(a["published"]))
        for a in table
    ]
    expected: dict[str, Counter[str]] = {}
    got: dict[str, Counter[str]] = {}
    for article, (text, lang, day) in zip(table, cases, strict=True):
        checked = check(text, lang, day).claims
        for kind, fragment, verdict, _ in article["claims"]:
            expected.setdefault(lang, Counter())[verdict] += 1
            found = [
                c.verdict.verdict
                for c in checked
                if c.claim.kind == kind and fragment in json.dumps(c.claim.claimed, ensure_ascii=False)
            ]
            got.setdefault(lang, Counter())[found[0] if len(found) == 1 else f"missed ({found})"] += 1
    names = ("supported", "contradicted", "depends_on_source", "not_checkable")
    print(f"{'lang':<6}{'articles':>9}  " + "  ".join(f"{n:>18}" for n in names) + "  (expected / got)")
    for lang in ("fr", "en", "uk"):
        count = sum(1 for a in table if a["lang"] == lang)
        cells = "  ".join(f"{expected[lang][n]:>8} / {got[lang][n]:<7}" for n in names)
        print(f"{lang:<6}{count:>9}  {cells}")
    assert expected == got, (expected, got)
    print()

    # Throughput over the test articles, one core.
    rounds = max(3, args.runs // 3)
    start = time.perf_counter()
    for _ in range(rounds):
        for text, lang, day in cases:
            check(text, lang, day)
    per_second = rounds * len(cases) / (time.perf_counter() - start)
    lexicons = {lang: load_lexicon(lang) for lang in ("fr", "en", "uk")}
    start = time.perf_counter()
    for _ in range(rounds):
        for text, lang, _ in cases:
            for sentence in split_sentences(text):
                find_numbers(sentence.text.lower(), lexicons[lang])
    peer_per_second = rounds * len(cases) / (time.perf_counter() - start)

    t_seed = median_time(lambda: check(seed, "fr", date(2025, 8, 21)), args.runs)
    t_sort = median_time(lambda: sorted(attacks, key=lambda a: a.total), args.runs)
    command = [str(exe), "check", str(SEED), "--published", "2025-08-21", "--format", "json"]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    assert json.loads(out)["claims"] == json.loads(json.dumps(result.to_dict()))["claims"]
    t_pass = median_time(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.runs)
    t_cold = median_time(lambda: subprocess.run(command, env=env, capture_output=True, check=True), args.runs)

    print_table(
        [
            (
                f"test articles checked ({len(cases)}), one core",
                f"{per_second:,.0f}/s",
                "sentences + numbers only",
                f"{peer_per_second:,.0f}/s",
                f"{peer_per_second / per_second:.1f}x slower",
                ">= 200/s",
            ),
            (
                "seed article, in-process",
                f"{t_seed * 1000:.1f} ms",
                "sorted() by total",
                f"{t_sort * 1000:.2f} ms",
                f"{t_seed / t_sort:.0f}x",
                "-",
            ),
            (
                "cold `skytally check` seed --format json",
                f"{t_cold * 1000:.0f} ms",
                "python -c pass",
                f"{t_pass * 1000:.0f} ms",
                f"{t_cold / t_pass:.1f}x",
                "-",
            ),
        ]
    )


if __name__ == "__main__":
    main()
