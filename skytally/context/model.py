"""The plain records every context figure shares: the evidence behind a figure, and JSON export.

A figure a journalist may print ("3rd of 2025 by drones") is only worth printing if a reader can
check it. So every figure in ``skytally.context`` carries an :class:`Evidence`: the attacks it was
computed from, each with the value that counted and the dataset rows behind that value, and the
``skytally attacks`` query that lists the same attacks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class AttackValue:
    """One attack's value behind a figure, with the dataset rows (``7d594ff6:958``) that hold it.

    ``destroyed`` is set only where a figure is a ratio (interception rates), so that the
    evidence shows both terms of the ratio for every attack.
    """

    id: str
    date: date
    value: int
    rows: tuple[str, ...]
    destroyed: int | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a figure was computed from, and how to reproduce it.

    ``attacks`` are the attacks the figure rests on (for a rank: the ones ranked above it and
    those tied with it; for a sum: every attack summed). ``population`` is how many attacks the
    figure was computed over (for a rank: the attacks ranked). ``query`` is a ``skytally``
    command that lists the same attacks, so a reader can check the figure by hand.
    """

    query: str
    attacks: tuple[AttackValue, ...] = ()
    population: int | None = None


def to_plain(value: Any) -> Any:
    """Return a dataclass tree as JSON-ready data: dates as ISO strings, tuples as lists.

    >>> to_plain(AttackValue("2025-08-21", date(2025, 8, 21), 574, ("7d594ff6:958",)))
    {'id': '2025-08-21', 'date': '2025-08-21', 'value': 574, 'rows': ['7d594ff6:958'], 'destroyed': None}
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    return value
