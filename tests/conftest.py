"""Shared fixtures: the real shared data (read at run time, never copied) and loaded stores.

The shared folder sits beside the checkout (../shared). A missing folder fails the tests that
need it, with a message saying where it was expected: a skipped test checks nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from skytally.ledger.api import Ledger, open_ledger

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SKYTALLY_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """Return a path under ../shared, failing the test if it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.fail(f"shared data expected at {path} (set SKYTALLY_SHARED to its folder)")
    return path


@pytest.fixture(scope="session")
def dataset_csv() -> Path:
    """The current shared snapshot of missile_attacks_daily.csv."""
    return shared_path("data", "attacks", "missile_attacks_daily.csv")


@pytest.fixture(scope="session")
def earlier_csv() -> Path:
    """The release before the current snapshot."""
    return shared_path("data", "attacks", "earlier", "missile_attacks_daily.csv")


@pytest.fixture(scope="session")
def loaded_db(tmp_path_factory: pytest.TempPathFactory, dataset_csv: Path) -> Path:
    """A store loaded once per session with the shared dataset; tests must not write to it."""
    path = tmp_path_factory.mktemp("store") / "skytally.sqlite"
    open_ledger(path).update(str(dataset_csv))
    return path


@pytest.fixture(scope="session")
def ledger(loaded_db: Path) -> Ledger:
    """The session's read-only ledger over the shared dataset."""
    return open_ledger(loaded_db)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A path for a new, empty store."""
    return tmp_path / "skytally.sqlite"
