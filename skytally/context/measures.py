"""The measures an attack is compared by: drones, missiles, total, and each weapon class.

A measure is named by a string: ``"drones"``, ``"missiles"``, ``"total"`` (drones plus missiles,
the headline "drones and missiles"), or a weapon class id from the taxonomy
(``"cruise_missile"``, ``"ballistic_missile"``, ...). The values are the ledger's own totals, so a
context figure never disagrees with ``skytally show``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from skytally.context.model import AttackValue
from skytally.ledger.model import Attack, AttackFigure

BASE_MEASURES: tuple[str, ...] = ("drones", "missiles", "total")

# Categories a measure counts; a weapon class measure counts its own class only.
_CATEGORIES: dict[str, frozenset[str]] = {
    "drones": frozenset({"drone"}),
    "missiles": frozenset({"missile"}),
    "total": frozenset({"drone", "missile"}),
}
# Taxonomy classes that put several classes under one count ("X-101/X-555 and Iskander-K").
_MIXED = {"drone": "mixed_drones", "missile": "mixed_missiles"}


def measure_value(attack: Attack, measure: str) -> int:
    """Return the number launched in an attack for a measure (0 when the attack has none)."""
    if measure == "drones":
        return attack.drones
    if measure == "missiles":
        return attack.missiles
    if measure == "total":
        return attack.total
    return attack.launched_by_class.get(measure, 0)


def _counts(figure: AttackFigure, measure: str) -> bool:
    if measure in _CATEGORIES:
        return figure.category in _CATEGORIES[measure]
    return figure.weapon_class == measure


def measure_rows(attack: Attack, measure: str) -> tuple[str, ...]:
    """Return the row refs of the figures that make an attack's value for a measure."""
    # dict.fromkeys: a combined row backs several figures; list each row once, in order.
    return tuple(dict.fromkeys(ref for f in attack.figures if _counts(f, measure) for ref in f.evidence))


def attack_value(attack: Attack, measure: str) -> AttackValue:
    """Return an attack's value for a measure, as evidence (id, date, value, rows)."""
    return AttackValue(attack.id, attack.date, measure_value(attack, measure), measure_rows(attack, measure))


def has_unknown_count(attack: Attack, measure: str) -> bool:
    """Whether a figure of this measure has no launched count: its value is then a lower bound."""
    return any(f.launched is None and not f.counted_elsewhere and _counts(f, measure) for f in attack.figures)


def has_mixed_count(attack: Attack, measure: str, category: str | None) -> bool:
    """Whether a class measure may be undercounted: a mixed-class row of its category exists.

    "X-101/X-555 and Iskander-K: 7" is counted under one class; the part of each class is not
    known, so a class rank near such an attack is uncertain.
    """
    if measure in _CATEGORIES or category not in _MIXED:
        return False
    mixed = _MIXED[category]
    return any(f.weapon_class == mixed or (f.combined and f.category == category) for f in attack.figures)


def class_measures(attack: Attack) -> tuple[str, ...]:
    """Return the weapon classes the attack launched, largest first (the class ranks worth giving)."""
    present = [(n, c) for c, n in attack.launched_by_class.items() if n > 0]
    return tuple(c for _, c in sorted(present, key=lambda p: (-p[0], p[1])))


def attacks_query(
    *, measure: str | None = None, year: int | None = None, since: date | None = None, until: date | None = None
) -> str:
    """Return the ``skytally attacks`` command that lists the attacks behind a figure.

    >>> attacks_query(measure="drones", year=2025, until=date(2025, 8, 21))
    'skytally attacks --year 2025 --until 2025-08-21 --sort drones'
    """
    parts = ["skytally attacks"]
    if year is not None:
        parts.append(f"--year {year}")
    if since is not None:
        parts.append(f"--since {since.isoformat()}")
    if until is not None:
        parts.append(f"--until {until.isoformat()}")
    # `attacks --sort` knows drones, missiles and total only: a class rank's query lists the
    # same attacks unsorted, and its evidence gives the order.
    if measure in BASE_MEASURES:
        parts.append(f"--sort {measure}")
    return " ".join(parts)


class OrderedAttacks(tuple):  # type: ignore[type-arg]
    """Attacks in report-window order (end, id), sorted once, with the position of each id.

    A context computes some forty figures, each over "what was known that morning"; sorting the
    whole dataset for each of them was most of the time of :func:`build_context`. Ordered once,
    :func:`upto` is a slice. Build it with :func:`order_attacks`.
    """

    positions: dict[str, int]
    first_date: date | None


def order_attacks(attacks: Sequence[Attack]) -> OrderedAttacks:
    """Return the attacks in report-window order, once: attacks already ordered are returned as they are."""
    if isinstance(attacks, OrderedAttacks):
        return attacks
    ordered = OrderedAttacks(sorted(attacks, key=lambda a: (a.end, a.id)))
    ordered.positions = {}
    for index, candidate in enumerate(ordered):
        ordered.positions.setdefault(candidate.id, index)
    ordered.first_date = min((a.date for a in ordered), default=None)
    return ordered


def upto(attacks: Sequence[Attack], attack: Attack) -> list[Attack]:
    """Return the attacks up to and including ``attack``, in order: what was known that morning.

    Order is by the end of the report window; a later wave dated the same day (``#2``) comes
    after the attack and is not part of its context.

    Raises:
        ValueError: the attack is not among the attacks.
    """
    ordered = order_attacks(attacks)
    index = ordered.positions.get(attack.id)
    if index is None:
        raise ValueError(f"attack {attack.id} is not among the {len(ordered)} attacks given")
    return list(ordered[: index + 1])


def name_attacks(ids: Sequence[str], limit: int = 5) -> str:
    """Return attack ids for a caveat, the first ``limit`` then how many more.

    >>> name_attacks(["a", "b", "c"], limit=2)
    'a, b and 1 more'
    """
    shown = ", ".join(ids[:limit])
    return shown if len(ids) <= limit else f"{shown} and {len(ids) - limit} more"
