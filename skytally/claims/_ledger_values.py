"""The ledger's side of a claim: an attack's value for a measure, ranks, "largest since", window sums.

Small pure functions over lists of attacks, computed the way skytally.context defines them
(docs/context.md) but over any list, so that the claim checker can compute the same figure under
the dataset, the reconciled ledger, and the figures an article attributes to the Air Force.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from skytally.context.measures import measure_rows, measure_value, upto
from skytally.ledger.model import Attack


def night_attack(attacks: Sequence[Attack], night: date) -> Attack | None:
    """Return the attack that ended on the morning of a night (the first wave of that date)."""
    return next((a for a in attacks if a.date == night and "#" not in a.id), None)


def value_of(attack: Attack, measure: str) -> int:
    """Return the launched count of a measure: drones, missiles, total, a class or ``model:ID``."""
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        return sum(f.launched or 0 for f in attack.figures if f.model == model and not f.counted_elsewhere)
    return measure_value(attack, measure)


def destroyed_of(attack: Attack, measure: str) -> int:
    """Return the destroyed count of a measure."""
    if measure == "drones":
        return attack.drones_destroyed
    if measure == "missiles":
        return attack.missiles_destroyed
    if measure == "total":
        return attack.destroyed
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        return sum(f.destroyed or 0 for f in attack.figures if f.model == model)
    return attack.destroyed_by_class.get(measure, 0)


def rows_of(attack: Attack, measure: str) -> list[str]:
    """Return the evidence rows behind an attack's value for a measure."""
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        return [ref for f in attack.figures if f.model == model for ref in f.evidence]
    return list(measure_rows(attack, measure))


def rank_in(
    attacks: Sequence[Attack], attack: Attack, measure: str, first: date | None
) -> tuple[int, int, list[Attack]]:
    """Return (rank, tied, attacks above) of an attack among those from ``first`` up to it."""
    known = [a for a in upto(attacks, attack) if first is None or a.date >= first]
    value = value_of(attack, measure)
    above = [a for a in known if value_of(a, measure) > value]
    tied = sum(1 for a in known if value_of(a, measure) == value and a.id != attack.id)
    return 1 + len(above), tied, above


def last_larger(attacks: Sequence[Attack], attack: Attack, measure: str) -> Attack | None:
    """Return the most recent earlier attack with a strictly larger value, or None."""
    value = value_of(attack, measure)
    earlier = upto(attacks, attack)[:-1]
    return next((a for a in reversed(earlier) if value_of(a, measure) > value), None)


def window_attacks(attacks: Sequence[Attack], attack: Attack, first: date) -> list[Attack]:
    """Return the attacks dated from ``first`` up to and including ``attack``."""
    return [a for a in upto(attacks, attack) if a.date >= first]
