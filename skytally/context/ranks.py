"""Where an attack ranks by a measure, within its year, all time, or the last N days.

Ranks use competition ranking ("1224"): an attack's rank is one plus the number of attacks with
a strictly larger value, so two attacks tied for second are both 2nd and the next is 4th. This
is how a journalist counts ("the third-largest"), and it never flatters an attack: a tie is
stated (``shared``), never broken by an arbitrary order.

Every scope ends with the attack itself: a rank is what was true the morning the attack ended.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from skytally.context.measures import (
    attack_value,
    attacks_query,
    has_mixed_count,
    has_unknown_count,
    measure_value,
    name_attacks,
    order_attacks,
    upto,
)
from skytally.context.model import Evidence
from skytally.ledger.model import Attack


@dataclass(frozen=True, slots=True)
class Scope:
    """A population of attacks to rank within: ``year``, ``all_time`` or ``last_N_days``."""

    id: str
    since: date | None
    until: date
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Rank:
    """An attack's rank by one measure within one scope, with the attacks above and tied.

    ``rank`` is None when the attack has none of the measure (ranking a zero says nothing).
    ``population`` counts the attacks ranked; ``with_measure`` those with a value above zero.
    ``caveats`` say when the rank cannot be established with confidence (unknown counts, counts
    shared between classes, data that start after the scope does).
    """

    measure: str
    scope: str
    value: int
    rank: int | None
    shared: bool
    tied_with: tuple[str, ...]
    population: int
    with_measure: int
    caveats: tuple[str, ...]
    evidence: Evidence


def year_scope(attack: Attack) -> Scope:
    """Return the scope of the attack's year, up to the attack."""
    return Scope("year", date(attack.date.year, 1, 1), attack.date, attack.date.year)


def all_time_scope(attack: Attack) -> Scope:
    """Return the scope of every attack in the data up to the attack."""
    return Scope("all_time", None, attack.date)


def last_days_scope(attack: Attack, days: int) -> Scope:
    """Return the scope of the last ``days`` days, the attack's day included."""
    return Scope(f"last_{days}_days", attack.date - timedelta(days=days - 1), attack.date)


def in_scope(attacks: Sequence[Attack], attack: Attack, scope: Scope) -> list[Attack]:
    """Return the attacks of a scope: up to and including the attack, or up to ``scope.until``
    when that is later (a rank in hindsight, scope ``whole_year``)."""
    pool = upto(attacks, attack)
    if scope.until > attack.date:
        pool = [a for a in order_attacks(attacks) if a.date <= scope.until]
    return [
        a
        for a in pool
        if (scope.since is None or a.date >= scope.since) and (scope.year is None or a.date.year == scope.year)
    ]


def rank_attack(
    attacks: Sequence[Attack], attack: Attack, measure: str, scope: Scope, *, category: str | None = None
) -> Rank:
    """Return the rank of ``attack`` by ``measure`` among the attacks of ``scope``.

    Args:
        attacks: every attack known (any order); those after the attack are ignored.
        attack: the attack to rank; must be among ``attacks``.
        measure: ``drones``, ``missiles``, ``total`` or a weapon class id.
        scope: the population (see :func:`year_scope` and friends).
        category: the category of a class measure (``drone`` / ``missile``), to flag rows that
            count several classes together.

    Raises:
        ValueError: the attack is not among ``attacks``.
    """
    attacks = order_attacks(attacks)  # once, for in_scope and the data start below
    population = in_scope(attacks, attack, scope)
    value = measure_value(attack, measure)
    values = [measure_value(a, measure) for a in population]  # once per rank, not once per question
    above = [a for a, v in zip(population, values, strict=True) if v > value]
    tied = [a for a, v in zip(population, values, strict=True) if v == value and a.id != attack.id]
    above_ids = {a.id for a in above}
    caveats: list[str] = []
    rank: int | None = 1 + len(above)
    if value == 0:
        rank = None
        caveats.append(f"the attack launched no {measure}: not ranked")
    if tied and rank is not None:
        caveats.append(f"rank {rank} shared with {name_attacks([a.id for a in tied])}")
    if has_unknown_count(attack, measure):
        caveats.append("a figure of this attack has no launched count: its value is a lower bound")
    unknown_below = [
        a.id for a in population if a.id != attack.id and a.id not in above_ids and has_unknown_count(a, measure)
    ]
    if unknown_below:
        caveats.append(
            f"{len(unknown_below)} attack(s) ranked at or below it have a figure with no launched "
            f"count and could rank above it: {name_attacks(unknown_below)}"
        )
    mixed = [a.id for a in population if a.id not in above_ids and has_mixed_count(a, measure, category)]
    if mixed:
        caveats.append(
            f"{len(mixed)} attack(s) at or below it count this class together with another "
            f"(no split given): {name_attacks(mixed)}"
        )
    first = attacks.first_date
    if first is not None and (scope.since is None or scope.since < first):
        caveats.append(f"the data start on {first.isoformat()}: earlier attacks are not ranked")
    query = attacks_query(
        measure=measure, year=scope.year, since=None if scope.year is not None else scope.since, until=scope.until
    )
    evidence = Evidence(query, tuple(attack_value(a, measure) for a in [*above, *tied]), len(population))
    return Rank(
        measure=measure,
        scope=scope.id,
        value=value,
        rank=rank,
        shared=bool(tied) and rank is not None,
        tied_with=tuple(a.id for a in tied),
        population=len(population),
        with_measure=sum(1 for v in values if v > 0),
        caveats=tuple(caveats),
        evidence=evidence,
    )
