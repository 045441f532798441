"""What every benchmark shares: the median wall time of a call, and the results table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_time(func: Callable[[], object], runs: int) -> float:
    """Return the median wall time of ``func()`` over ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


HEAD = ("measure", "skytally", "peer", "peer time", "ratio", "target")


def print_table(rows: list[tuple[str, ...]]) -> None:
    """Print rows of (measure, skytally, peer, peer time, ratio, target) as an aligned table."""
    widths = [max(len(row[i]) for row in (HEAD, *rows)) for i in range(len(HEAD))]
    for row in (HEAD, *rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
