"""Fixtures of the claim checker's tests: the seed article and stores with and without its report.

The seed article is read from ../shared/reference at run time (its sentences are never copied
into the repository); a missing file fails the tests.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from skytally.claims import CheckResult, check_article
from skytally.ledger.api import Ledger, open_ledger
from tests.conftest import shared_path

SEED_PUBLISHED = date(2025, 8, 21)


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article (French, 21 Aug 2025), read from ../shared/reference."""
    return shared_path("reference", "seed-article-fr.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def report_db(tmp_path_factory: pytest.TempPathFactory, loaded_db: Path) -> Path:
    """A copy of the loaded store with the Air Force's 21 Aug 2025 report added."""
    path = tmp_path_factory.mktemp("reported") / "skytally.sqlite"
    shutil.copy(loaded_db, path)
    from click.testing import CliRunner

    from skytally.cli import main

    report = shared_path("acceptance", "report-2025-08-21-uk.txt")
    result = CliRunner().invoke(main, ["--db", str(path), "report", "add", str(report)], obj={})
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="session")
def report_ledger(report_db: Path) -> Ledger:
    """The ledger over the store with the 21 Aug 2025 report."""
    return open_ledger(report_db)


def run_check(ledger: Ledger, text: str, **kwargs: object) -> CheckResult:
    """Check a text against a ledger (its reconciled attacks and its dataset's)."""
    return check_article(text, attacks=ledger.attacks(), dataset_attacks=ledger.dataset_attacks(), **kwargs)  # type: ignore[arg-type]
