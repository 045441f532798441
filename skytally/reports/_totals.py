"""A report's figures -> its totals, by the rules of the answer key (docs/reports.md, "Totals").

Drones are strike, decoy and loitering-munition figures (and a jet figure that is not a share of
another); missiles are every missile class. Sub-counts and launches already counted in another
figure are never added. A launched total is exact when every group has a number, a lower bound
when some group has none, null when none has, and 0 when the post names no weapon of that kind.
A shot-down total adds the numbers given; the shoot-down list is taken as complete, so a kind
with nothing listed is 0.
"""

from __future__ import annotations

from collections.abc import Iterable

from skytally.reports.model import Count, Figure, Totals

DRONE_CLASSES = frozenset(
    {"strike_drone", "decoy_drone", "loitering_munition", "mixed_drones", "unknown_drone", "recon_drone"}
)
NOT_COUNTED = frozenset({"guided_bomb", "targets"})


def is_drone(figure: Figure) -> bool:
    """True for a figure counted among the drones."""
    return figure.weapon_class in DRONE_CLASSES or (figure.weapon_class == "jet_drone" and figure.subset_of is None)


def is_missile(figure: Figure) -> bool:
    """True for a figure counted among the missiles."""
    return (
        figure.weapon_class not in DRONE_CLASSES
        and figure.weapon_class != "jet_drone"
        and figure.weapon_class not in NOT_COUNTED
    )


def sum_counts(counts: Iterable[Count | None], *, complete: bool = True) -> Count | None:
    """Return the sum of counts as the key writes it.

    ``complete`` says every group was named; a None among the counts (a group with no number)
    turns the sum into a lower bound. One bound alone keeps its form; exact plus bounds is a
    lower bound on the exact and minimum parts.

    >>> sum_counts([Count(3), Count(4)])
    Count(value=7, bound='exact')
    >>> sum_counts([Count(217), None])
    Count(value=217, bound='min')
    >>> sum_counts([Count(323), Count(10, "approx")])
    Count(value=323, bound='min')
    >>> sum_counts([Count(140, "approx")])
    Count(value=140, bound='approx')
    """
    values = list(counts)
    stated = [c for c in values if c is not None]
    if not stated:
        return None
    missing = len(stated) < len(values) or not complete
    if len(stated) == 1 and not missing:
        return stated[0]
    lower = sum(c.value for c in stated if c.bound in ("exact", "min"))
    if not missing and all(c.bound == "exact" for c in stated):
        return Count(lower)
    if not missing and all(c.bound == "approx" for c in stated):
        return Count(sum(c.value for c in stated), "approx")
    return Count(lower, "min")


def _launched(figures: list[Figure]) -> Count | None:
    counted = [f for f in figures if f.launched_counted_in is None and f.subset_of is None]
    if not counted:
        return Count(0)
    return sum_counts(f.launched for f in counted)


def _destroyed(figures: list[Figure], all_figures: list[Figure], kind_test: object) -> Count | None:
    own = [f.destroyed for f in figures if f.subset_of is None and f.destroyed is not None]
    if own:
        return sum_counts(own)
    # Only a share was stated («вдалося збити понад 40 реактивних БпЛА»): that bound is the total.
    shares = [
        f.destroyed for f in all_figures if f.subset_of is not None and f.destroyed is not None and kind_test == "drone"
    ]
    if shares:
        total = sum_counts(shares)
        return None if total is None else Count(total.value, "min" if total.bound == "exact" else total.bound)
    return Count(0)


def compute_totals(
    figures: Iterable[Figure],
    *,
    launched_targets: Count | None,
    destroyed_targets: Count | None,
    hit_locations: Count | None,
    debris_locations: Count | None,
    has_destroyed_list: bool,
) -> Totals:
    """Return the totals of a report's figures and its stated overall counts."""
    all_figures = list(figures)
    drones = [f for f in all_figures if is_drone(f)]
    missiles = [f for f in all_figures if is_missile(f)]
    return Totals(
        launched_drones=_launched(drones),
        launched_missiles=_launched(missiles),
        destroyed_drones=_destroyed(drones, all_figures, "drone") if has_destroyed_list else None,
        destroyed_missiles=_destroyed(missiles, all_figures, "missile") if has_destroyed_list else None,
        hit_locations=hit_locations,
        debris_locations=debris_locations,
        destroyed_targets=destroyed_targets,
        launched_targets=launched_targets,
    )
