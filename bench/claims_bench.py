"""Claim checker throughput: test articles checked per second on one core, and the seed article.

    python bench/claims_bench.py [STORE]    # STORE: a loaded skytally.sqlite (default: $SKYTALLY_DB)

Checks first that the seed article's missile rank depends on the source, then times.
"""

from __future__ import annotations

import os
import sys
import time
import tomllib
from datetime import date
from pathlib import Path

from skytally.claims import check_article
from skytally.ledger.api import open_ledger

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SEED = ROOT.parent / "shared" / "reference" / "seed-article-fr.txt"


def main() -> None:
    ledger = open_ledger(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("SKYTALLY_DB"))
    attacks, dataset = ledger.attacks(), ledger.dataset_attacks()
    table = tomllib.loads((ARTICLES / "expectations.toml").read_text(encoding="utf-8"))["article"]
    cases = [
        ((ARTICLES / a["file"]).read_text(encoding="utf-8"), a["lang"], date.fromisoformat(a["published"]))
        for a in table
    ]
    seed = SEED.read_text(encoding="utf-8")
    result = check_article(seed, attacks=attacks, dataset_attacks=dataset, lang="fr", published=date(2025, 8, 21))
    assert any(c.claim.kind == "rank" and c.verdict.verdict == "depends_on_source" for c in result.claims)
    rounds = 20
    start = time.perf_counter()
    for _ in range(rounds):
        for text, lang, day in cases:
            check_article(text, attacks=attacks, dataset_attacks=dataset, lang=lang, published=day)
    per_second = rounds * len(cases) / (time.perf_counter() - start)
    start = time.perf_counter()
    for _ in range(rounds):
        check_article(seed, attacks=attacks, dataset_attacks=dataset, lang="fr", published=date(2025, 8, 21))
    seed_ms = 1000 * (time.perf_counter() - start) / rounds
    print(f"{'measure':<32}{'value':>12}")
    print(f"{'test articles per second':<32}{per_second:>12.0f}")
    print(f"{'seed article, in-process (ms)':<32}{seed_ms:>12.1f}")
    print(f"{'ratio to the 200/s target':<32}{per_second / 200:>12.2f}")


if __name__ == "__main__":
    main()
