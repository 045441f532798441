"""skytally: a ledger of Russia's aerial attacks on Ukraine, from the Ukrainian Air Force's figures.

The public API, importable without any heavy dependency::

    import skytally
    ledger = skytally.open_ledger()              # the store in the user's data directory
    attack = ledger.attack("2025-08-21")         # an Attack: totals by class and by model
    attacks = ledger.attacks(year=2025)          # a list of Attack, oldest first

Everything returned is a plain frozen dataclass; see docs/api.md.
"""

from __future__ import annotations

from skytally.errors import (
    DataError,
    FetchError,
    LoadError,
    NotADatasetError,
    NotFoundError,
    SkytallyError,
    StoreError,
    TaxonomyError,
)
from skytally.ledger.api import Ledger, open_ledger
from skytally.ledger.model import Attack, AttackFigure, LoadReport, Row

__version__ = "0.1.0"

__all__ = [
    "Attack",
    "AttackFigure",
    "DataError",
    "FetchError",
    "Ledger",
    "LoadError",
    "LoadReport",
    "NotADatasetError",
    "NotFoundError",
    "Row",
    "SkytallyError",
    "StoreError",
    "TaxonomyError",
    "__version__",
    "open_ledger",
]
