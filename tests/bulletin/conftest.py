"""Fixtures of the bulletin tests: the seed night (20 -> 21 Aug 2025) and its context, from the real data."""

from __future__ import annotations

import pytest

from skytally.context import AttackContext, build_context
from skytally.ledger.api import Ledger
from skytally.ledger.model import Attack


@pytest.fixture(scope="session")
def seed_attack(ledger: Ledger) -> Attack:
    """The attack of the seed article: the night to 21 Aug 2025."""
    return ledger.attack("2025-08-21")


@pytest.fixture(scope="session")
def seed_context(ledger: Ledger, seed_attack: Attack) -> AttackContext:
    """The context of the seed attack over the whole ledger."""
    return build_context(ledger.attacks(), seed_attack)
