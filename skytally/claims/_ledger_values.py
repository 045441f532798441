"""The ledger's side of a claim: an attack's value for a measure, ranks, "largest since", window sums.

Small functions over an :class:`AttackIndex` (a list of attacks ordered once, with the first wave
of each date), computed the way skytally.context defines them (docs/context.md) but over any list,
so that the claim checker can compute the same figure under the dataset, the reconciled ledger,
and the figures an article attributes to the Air Force. Ordering the ~1,100 attacks for each claim
was half of a check's time: :func:`index_of` orders a list once and keeps it for the next check.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from skytally.context.measures import measure_rows, measure_value, order_attacks
from skytally.ledger.model import Attack


@dataclass(slots=True)
class AttackIndex:
    """Attacks in report-window order, the first wave of each date, and values read once per measure."""

    ordered: tuple[Attack, ...]
    positions: dict[str, int]
    by_date: dict[date, Attack]
    _values: dict[str, list[int]] = field(default_factory=dict)
    dates: list[date] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dates = [a.date for a in self.ordered]

    @property
    def last_date(self) -> date | None:
        """The date of the last attack listed (how far the data go)."""
        return max(self.by_date, default=None)

    def night(self, day: date) -> Attack | None:
        """Return the attack that ended on the morning of a day (the first wave of that date)."""
        return self.by_date.get(day)

    def values(self, measure: str) -> list[int]:
        """Return every attack's value for a measure, in order (computed once per index)."""
        found = self._values.get(measure)
        if found is None:
            found = self._values[measure] = [value_of(a, measure) for a in self.ordered]
        return found

    def upto(self, attack: Attack) -> range:
        """Return the positions of the attacks known on the morning of ``attack`` (it included)."""
        return range(self.positions[attack.id] + 1)


def build_index(attacks: Sequence[Attack]) -> AttackIndex:
    """Return the index of a list of attacks (ordered as skytally.context orders them)."""
    ordered = order_attacks(attacks)
    by_date: dict[date, Attack] = {}
    for attack in attacks:
        if "#" not in attack.id:
            by_date.setdefault(attack.date, attack)
    return AttackIndex(tuple(ordered), dict(ordered.positions), by_date)


# The last few lists indexed, by identity (the list is kept, so its id cannot be reused). A web
# app or a benchmark passes the same lists to every check; a CLI run indexes them once.
_CACHE: dict[int, tuple[Sequence[Attack], int, AttackIndex]] = {}
_CACHE_SIZE = 6


def index_of(attacks: Sequence[Attack]) -> AttackIndex:
    """Return the (cached) index of a list of attacks."""
    hit = _CACHE.get(id(attacks))
    if hit is not None and hit[0] is attacks and hit[1] == len(attacks):
        return hit[2]
    index = build_index(attacks)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(attacks)] = (attacks, len(attacks), index)
    return index


def names_model(figure_model: str, model: str) -> bool:
    """Whether a figure's model ("Iskander-M/KN-23", "Kh-101/Kh-555 + Kalibr") names a model."""
    return figure_model == model or any(model in part.split("/") or part == model for part in figure_model.split(" + "))


def model_shared(attack: Attack, model: str) -> bool:
    """Whether a model is counted together with another in one figure ("Kh-101/Kh-555 + Kalibr": 55).

    The part of each model is then unknown: a count claimed for the model alone cannot be refuted.
    """
    return any(" + " in f.model and names_model(f.model, model) for f in attack.figures)


def value_of(attack: Attack, measure: str) -> int:
    """Return the launched count of a measure: drones, missiles, total, a class or ``model:ID``.

    A model's count includes figures that name it as one of alternatives ("Iskander-M/KN-23"),
    not those shared with another model (see :func:`model_shared`).
    """
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        return sum(
            f.launched or 0
            for f in attack.figures
            if not f.counted_elsewhere and " + " not in f.model and names_model(f.model, model)
        )
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
        return sum(f.destroyed or 0 for f in attack.figures if " + " not in f.model and names_model(f.model, model))
    return attack.destroyed_by_class.get(measure, 0)


def lost_of(attack: Attack, measure: str) -> int:
    """Return how many of a measure the Air Force counts as lost to electronic warfare (not shot down).

    The dataset's ``not_reach_goal`` and the report's ``lost_to_ew``: journalists often add them to
    the shot down ("neutralised", "знешкоджено"), so a figure may hold only with them.
    """
    figures = [f for f in attack.figures if not f.counted_elsewhere or f.lost_to_ew or f.not_reach_goal]
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        figures = [f for f in figures if f.model == model]
    elif measure in ("drones", "missiles", "total"):
        wanted = {"drones": {"drone"}, "missiles": {"missile"}, "total": {"drone", "missile"}}[measure]
        figures = [f for f in figures if f.category in wanted]
    else:
        figures = [f for f in figures if f.weapon_class == measure]
    return sum((f.lost_to_ew or 0) or (f.not_reach_goal or 0) for f in figures)


def rows_of(attack: Attack, measure: str) -> list[str]:
    """Return the evidence rows behind an attack's value for a measure."""
    if measure.startswith("model:"):
        model = measure.removeprefix("model:")
        return [ref for f in attack.figures if names_model(f.model, model) for ref in f.evidence]
    return list(measure_rows(attack, measure))


def rank_in(index: AttackIndex, attack: Attack, measure: str, first: date | None) -> tuple[int, int, list[Attack]]:
    """Return (rank, tied, attacks above) of an attack among those from ``first`` up to it."""
    values = index.values(measure)
    value = values[index.positions[attack.id]]
    above, tied = [], 0
    for i in index.upto(attack):
        other = index.ordered[i]
        if first is not None and other.date < first:
            continue
        if values[i] > value:
            above.append(other)
        elif values[i] == value and other.id != attack.id:
            tied += 1
    return 1 + len(above), tied, above


def last_larger(index: AttackIndex, attack: Attack, measure: str) -> Attack | None:
    """Return the most recent earlier attack with a strictly larger value, or None."""
    values = index.values(measure)
    at = index.positions[attack.id]
    return next((index.ordered[i] for i in range(at - 1, -1, -1) if values[i] > values[at]), None)


def window_between(index: AttackIndex, first: date, last: date, *, upto: Attack | None = None) -> list[Attack]:
    """Return the attacks dated from ``first`` to ``last``; only those known on ``upto``'s morning when given.

    A window that ends on the article's night stops at that night's attack (a later wave of the
    same date is not in it, as in skytally.context).
    """
    end = index.positions[upto.id] + 1 if upto is not None and upto.date <= last else len(index.ordered)
    # The order is by the end of the report window, so dates rise with it (a few waves aside):
    # start a little before the first date's place instead of at the beginning of the war.
    begin = max(0, bisect_left(index.dates, first) - 8)
    return [a for a in index.ordered[begin:end] if first <= a.date <= last]


def with_attack(index: AttackIndex, replacement: Attack) -> AttackIndex:
    """Return a copy of an index where one attack (same id) has other figures: an article's own counts."""
    at = index.positions[replacement.id]
    ordered = (*index.ordered[:at], replacement, *index.ordered[at + 1 :])
    by_date = dict(index.by_date)
    if by_date.get(replacement.date) is not None and by_date[replacement.date].id == replacement.id:
        by_date[replacement.date] = replacement
    values = {}
    for measure, known in index._values.items():
        values[measure] = list(known)
        values[measure][at] = value_of(replacement, measure)
    return AttackIndex(ordered, index.positions, by_date, values)
