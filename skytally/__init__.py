"""skytally: a ledger of Russia's aerial attacks on Ukraine, from the Ukrainian Air Force's figures.

The public API::

    import skytally
    ledger = skytally.open_ledger()                 # the store in the user's data directory
    attack = ledger.attack("2025-08-21")            # an Attack: totals by class and by model
    attacks = ledger.attacks(year=2025)             # a list of Attack, oldest first
    ctx = skytally.build_context(attacks, attack)   # ranks, records, sums since events, rates, regions

Everything returned is a plain frozen dataclass. Names are imported on first use (PEP 562), so
`import skytally` and the CLI's start-up load nothing they do not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> the module that defines it
_EXPORTS = {
    "SkytallyError": "skytally.errors",
    "DataError": "skytally.errors",
    "LoadError": "skytally.errors",
    "NotADatasetError": "skytally.errors",
    "TaxonomyError": "skytally.errors",
    "FetchError": "skytally.errors",
    "StoreError": "skytally.errors",
    "NotFoundError": "skytally.errors",
    "Ledger": "skytally.ledger.api",
    "open_ledger": "skytally.ledger.api",
    "Attack": "skytally.ledger.model",
    "AttackFigure": "skytally.ledger.model",
    "LoadReport": "skytally.ledger.model",
    "Row": "skytally.ledger.model",
    "build_context": "skytally.context",
    "AttackContext": "skytally.context",
}

__all__ = [
    "Attack",
    "AttackContext",
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
    "build_context",
    "open_ledger",
]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from skytally.context import AttackContext, build_context
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'skytally' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
