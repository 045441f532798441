"""Ledger.to_pandas() / to_polars(): the attacks as data frames (the extras are in the dev group)."""

from __future__ import annotations

from datetime import date


def test_to_pandas(ledger) -> None:
    import pandas as pd

    frame = ledger.to_pandas(year=2025)
    assert isinstance(frame, pd.DataFrame)
    night = frame.set_index("id").loc["2025-08-21"]
    assert (night["drones"], night["missiles"], night["total"]) == (574, 36, 610)
    assert len(frame) == len(ledger.attacks(year=2025))


def test_to_polars(ledger) -> None:
    import polars as pl

    frame = ledger.to_polars(since=date(2025, 8, 19), until=date(2025, 8, 21))
    assert isinstance(frame, pl.DataFrame)
    assert frame["total"].to_list() == [280, 95, 610]
