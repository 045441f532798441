"""Sums over a window of attacks: since a named event, or over the last N days.

"Since the White House meeting of 18 Aug 2025, Russia has launched N drones and missiles over K
attacks." An event is a day, not a moment (sources rarely give the hour, Kyiv time), so a window
since an event starts with the first attack dated after the event's day: the night that
follows the event. The night that ends on the event's day began before the event and is left out,
and so is a daytime wave on the event's day. The window ends with the attack itself, included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from skytally.context.events import Event
from skytally.context.measures import attack_value, attacks_query, has_unknown_count, name_attacks, upto
from skytally.context.model import Evidence
from skytally.ledger.model import Attack


@dataclass(frozen=True, slots=True)
class WindowSum:
    """Drones, missiles and their total launched over a window of attacks, the attack included.

    ``first`` is the first day counted and ``last`` the attack's day. ``event`` is set for a
    window since a named event. ``evidence`` lists every attack summed with its total.
    """

    id: str
    first: date
    last: date
    event: Event | None
    attacks: int
    drones: int
    missiles: int
    total: int
    by_class: dict[str, int]
    caveats: tuple[str, ...]
    evidence: Evidence


def sum_window(
    attacks: Sequence[Attack], attack: Attack, first: date, *, window_id: str, event: Event | None = None
) -> WindowSum:
    """Return the sums over the attacks dated from ``first`` up to and including ``attack``.

    Raises:
        ValueError: the attack is not among ``attacks``.
    """
    known = upto(attacks, attack)
    chosen = [a for a in known if a.date >= first]
    caveats: list[str] = []
    if not chosen:
        caveats.append(f"no attack from {first.isoformat()} to {attack.date.isoformat()}: the window is empty")
    data_start = known[0].date
    if first < data_start:
        caveats.append(
            f"the data start on {data_start.isoformat()}, after the window opens: "
            "the sums cover only the attacks from then"
        )
    unknown = [a.id for a in chosen if has_unknown_count(a, "total")]
    if unknown:
        caveats.append(
            f"attack(s) with a figure with no launched count (sums are lower bounds): {name_attacks(unknown)}"
        )
    by_class: dict[str, int] = {}
    for a in chosen:
        for weapon_class, count in a.launched_by_class.items():
            by_class[weapon_class] = by_class.get(weapon_class, 0) + count
    evidence = Evidence(
        attacks_query(since=first, until=attack.date), tuple(attack_value(a, "total") for a in chosen), len(chosen)
    )
    return WindowSum(
        id=window_id,
        first=first,
        last=attack.date,
        event=event,
        attacks=len(chosen),
        drones=sum(a.drones for a in chosen),
        missiles=sum(a.missiles for a in chosen),
        total=sum(a.total for a in chosen),
        by_class=dict(sorted(by_class.items())),
        caveats=tuple(caveats),
        evidence=evidence,
    )


def sum_since_event(attacks: Sequence[Attack], attack: Attack, event: Event) -> WindowSum:
    """Return the sums from the first attack dated after ``event`` through ``attack``.

    An event on or after the attack's day gives an empty window, with a caveat saying why.
    """
    window = sum_window(attacks, attack, event.date + timedelta(days=1), window_id=f"since_{event.id}", event=event)
    if event.date >= attack.date:
        note = f"the event ({event.date.isoformat()}) is not before the attack ({attack.date.isoformat()})"
        return _with_caveat(window, note)
    return window


def sum_last_days(attacks: Sequence[Attack], attack: Attack, days: int) -> WindowSum:
    """Return the sums over the last ``days`` days, the attack's day included."""
    return sum_window(attacks, attack, attack.date - timedelta(days=days - 1), window_id=f"last_{days}_days")


def _with_caveat(window: WindowSum, note: str) -> WindowSum:
    return replace(window, caveats=(note, *window.caveats))
