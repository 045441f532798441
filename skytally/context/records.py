""" "Largest since": for each measure, the last earlier attack that was larger, and ties since.

A journalist writes "the largest attack since 12 July": the last earlier attack with a strictly
larger value is 12 July, and nothing in between was as large. If something in between was exactly
as large, "largest since" is only half true: the attack *equals* that one. So a record names two
attacks: ``last_larger`` (the most recent earlier attack with a larger value) and
``last_at_least`` (the most recent earlier attack with a value at least as large). When they
differ, the record is shared, and the output says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from skytally.context.measures import attack_value, attacks_query, has_unknown_count, measure_value, name_attacks, upto
from skytally.context.model import AttackValue, Evidence
from skytally.ledger.model import Attack


@dataclass(frozen=True, slots=True)
class Record:
    """How far back one must go to find an attack as large as this one, by one measure.

    ``since`` is the date of ``last_larger``: the attack is the largest since then (exclusive).
    ``largest_in_data`` is true when no earlier attack was larger: the attack is the largest
    since the data start (``data_start``), which is not the start of the war.
    ``shared`` is true when an attack after ``last_larger`` was exactly as large.
    ``attacks_between`` counts the attacks after ``last_larger`` and before this one.
    """

    measure: str
    value: int
    last_larger: AttackValue | None
    last_at_least: AttackValue | None
    since: date | None
    days_since: int | None
    attacks_between: int
    largest_in_data: bool
    shared: bool
    data_start: date
    caveats: tuple[str, ...]
    evidence: Evidence


def find_record(attacks: Sequence[Attack], attack: Attack, measure: str) -> Record:
    """Return the "largest since" record of ``attack`` by ``measure``.

    Raises:
        ValueError: the attack is not among ``attacks``.
    """
    known = upto(attacks, attack)
    earlier = known[:-1]
    data_start = known[0].date
    value = measure_value(attack, measure)
    # The position of the last larger attack, found by position: list.index() would compare whole
    # attacks field by field.
    larger_at = next((i for i in range(len(earlier) - 1, -1, -1) if measure_value(earlier[i], measure) > value), None)
    larger = earlier[larger_at] if larger_at is not None else None
    at_least = next((a for a in reversed(earlier) if measure_value(a, measure) >= value), None)
    caveats: list[str] = []
    if not earlier:
        caveats.append(f"first attack in the data ({data_start.isoformat()}): nothing to compare with")
    elif larger is None:
        caveats.append(f"no earlier attack in the data (from {data_start.isoformat()}) was larger")
    if value == 0:
        caveats.append(f"the attack launched no {measure}")
    shared = at_least is not None and (larger is None or at_least.id != larger.id)
    if shared and at_least is not None:
        caveats.append(f"equalled by {at_least.id} ({measure_value(at_least, measure)}) since then")
    between_start = larger_at + 1 if larger_at is not None else 0
    between = earlier[between_start:]
    unknown = [a.id for a in between if has_unknown_count(a, measure)]
    if unknown:
        caveats.append(f"attack(s) in between have a figure with no launched count: {name_attacks(unknown)}")
    since = larger.date if larger is not None else None
    query = attacks_query(measure=measure, since=since or data_start, until=attack.date)
    shown = [larger, at_least] if shared else [larger]
    evidence = Evidence(query, tuple(attack_value(a, measure) for a in shown if a is not None), len(between) + 1)
    return Record(
        measure=measure,
        value=value,
        last_larger=attack_value(larger, measure) if larger else None,
        last_at_least=attack_value(at_least, measure) if at_least else None,
        since=since,
        days_since=(attack.date - since).days if since else None,
        attacks_between=len(between),
        largest_in_data=larger is None and bool(earlier),
        shared=shared,
        data_start=data_start,
        caveats=tuple(caveats),
        evidence=evidence,
    )
