"""Interception rates: shot down or suppressed over launched, against the 30- and 365-day averages.

The rate counts only figures whose launched and destroyed counts are both known; a figure with
either missing is left out of both terms and named in the caveats, so a missing count never
passes for a miss. Weapons that did not reach their target ("locationally lost", which the Air
Force puts down mostly to electronic warfare) are kept apart and never added to the destroyed
count: ``not_reach_goal`` is the dataset's column of that name, ``lost_to_ew`` the losses a report
attributes to electronic warfare explicitly. Each is None (unknown), not 0, when no figure has it.
On 12 Jul 2025, 319 of 597 drones were shot down and 258 more were lost locationally: a rate of
53 % shot down, with 43 % more kept apart, not 97 %.

An average pools the attacks of the window (sum destroyed over sum launched), so a big night
weighs more than a small one: the share of all weapons stopped, as the Air Force counts it. The
window is the N days before the attack's day; the attack itself is not in its own baseline.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from skytally.context.measures import attacks_query, upto
from skytally.context.model import AttackValue, Evidence
from skytally.ledger.model import Attack

RATE_MEASURES: dict[str, frozenset[str]] = {
    "drones": frozenset({"drone"}),
    "missiles": frozenset({"missile"}),
    "total": frozenset({"drone", "missile"}),
}


@dataclass(frozen=True, slots=True)
class InterceptionRate:
    """Destroyed over launched for one measure over some attacks; ``rate`` None when none launched."""

    measure: str
    scope: str
    launched: int
    destroyed: int
    rate: float | None
    not_reach_goal: int | None
    lost_to_ew: int | None
    attacks: int
    caveats: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class RateComparison:
    """The attack's rate for one measure beside its baselines; ``difference`` in percentage points."""

    measure: str
    attack: InterceptionRate
    baselines: tuple[InterceptionRate, ...]
    difference: dict[str, float | None]


def interception_rate(attacks: Sequence[Attack], measure: str, scope: str, query: str) -> InterceptionRate:
    """Return the pooled interception rate of ``measure`` over ``attacks``."""
    categories = RATE_MEASURES[measure]
    launched = destroyed = 0
    ew: int | None = None
    lost: int | None = None
    skipped: list[str] = []
    items: list[AttackValue] = []
    for attack in attacks:
        a_launched = a_destroyed = 0
        rows: list[str] = []
        if attack.source == "report":
            # A report gives destroyed per category (one line for all missiles), not per model:
            # pool the category totals it states.
            a_launched = sum({"drone": attack.drones, "missile": attack.missiles}.get(c, 0) for c in categories)
            a_destroyed = sum(
                {"drone": attack.drones_destroyed, "missile": attack.missiles_destroyed}.get(c, 0) for c in categories
            )
            refs = tuple(dict.fromkeys(e.split("@", 1)[0] for f in attack.figures for e in f.evidence))
            if a_launched:
                items.append(AttackValue(attack.id, attack.date, a_launched, refs, a_destroyed))
            launched += a_launched
            destroyed += a_destroyed
            continue
        for figure in attack.figures:
            if figure.category not in categories:
                continue
            if figure.launched is None or figure.destroyed is None:
                skipped.extend(figure.evidence or (f"{attack.id} {figure.model}",))
                continue
            a_launched += figure.launched
            a_destroyed += figure.destroyed
            rows.extend(figure.evidence)
            if figure.lost_to_ew is not None:
                ew = (ew or 0) + figure.lost_to_ew
            if figure.not_reach_goal is not None:
                lost = (lost or 0) + figure.not_reach_goal
        if a_launched:
            items.append(AttackValue(attack.id, attack.date, a_launched, tuple(rows), a_destroyed))
        launched += a_launched
        destroyed += a_destroyed
    caveats: list[str] = []
    if skipped:
        caveats.append(f"figures with no launched or destroyed count left out: {', '.join(skipped)}")
    if not launched:
        caveats.append(f"no {measure} launched: no rate")
    if ew is None:
        caveats.append("no loss is attributed to electronic warfare explicitly in these figures")
    return InterceptionRate(
        measure=measure,
        scope=scope,
        launched=launched,
        destroyed=destroyed,
        rate=destroyed / launched if launched else None,
        not_reach_goal=lost,
        lost_to_ew=ew,
        attacks=len(items),
        caveats=tuple(caveats),
        evidence=Evidence(query, tuple(items), len(attacks)),
    )


def compare_rates(
    all_attacks: Sequence[Attack], attack: Attack, measure: str, baseline_days: Sequence[int] = (30, 365)
) -> RateComparison:
    """Return the attack's interception rate for ``measure`` beside its N-day baselines.

    Raises:
        ValueError: the attack is not among ``all_attacks``.
    """
    known = upto(all_attacks, attack)
    own = interception_rate([attack], measure, "attack", f"skytally show {attack.id}")
    baselines = []
    for days in baseline_days:
        first = attack.date - timedelta(days=days)
        window = [a for a in known if first <= a.date < attack.date]
        rate = interception_rate(
            window, measure, f"previous_{days}_days", attacks_query(since=first, until=attack.date - timedelta(days=1))
        )
        if first < known[0].date:
            note = f"the data start on {known[0].date.isoformat()}: the baseline covers less than {days} days"
            rate = replace(rate, caveats=(note, *rate.caveats))
        baselines.append(rate)
    difference = {
        b.scope: None if own.rate is None or b.rate is None else round((own.rate - b.rate) * 100, 1) for b in baselines
    }
    return RateComparison(measure, own, tuple(baselines), difference)
