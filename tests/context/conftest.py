"""Hand-built attacks for the context engine's edge cases: small enough to read in a diff."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from skytally.ledger.model import Attack, AttackFigure

KYIV = ZoneInfo("Europe/Kyiv")


def make_attack(
    day: str,
    drones: int = 0,
    missiles: int = 0,
    *,
    suffix: str = "",
    regions: tuple[str, ...] = (),
    directions: dict[str, int] | None = None,
    unknown_missiles: bool = False,
    destroyed: tuple[int, int] | None = None,
) -> Attack:
    """Return an Attack ending at 09:00 Kyiv on ``day`` with strike drones and cruise missiles.

    ``unknown_missiles`` adds a cruise-missile figure with no launched count (a lower bound).
    """
    end = datetime.combine(date.fromisoformat(day), datetime.min.time(), KYIV).replace(hour=9)
    if suffix:
        end += timedelta(hours=6)
    shot = destroyed or (drones, missiles)
    figures = []
    if drones:
        figures.append(
            AttackFigure(
                "Shahed-136/131",
                "strike_drone",
                "drone",
                False,
                drones,
                shot[0],
                None,
                None,
                (),
                "dataset",
                (f"test:{day}d",),
            )
        )
    if missiles:
        figures.append(
            AttackFigure(
                "Kh-101/Kh-555",
                "cruise_missile",
                "missile",
                False,
                missiles,
                shot[1],
                None,
                None,
                (),
                "dataset",
                (f"test:{day}m",),
            )
        )
    if unknown_missiles:
        figures.append(
            AttackFigure(
                "Kalibr", "cruise_missile", "missile", False, None, None, None, None, (), "dataset", (f"test:{day}u",)
            )
        )
    by_class = {k: v for k, v in (("strike_drone", drones), ("cruise_missile", missiles)) if v}
    return Attack(
        id=day + suffix,
        date=end.date(),
        start=end - timedelta(hours=12),
        end=end,
        figures=tuple(figures),
        drones=drones,
        missiles=missiles,
        bombs=0,
        drones_destroyed=shot[0],
        missiles_destroyed=shot[1],
        launched_by_class=by_class,
        destroyed_by_class={},
        launch_places=(),
        affected_regions=regions,
        destroyed_by_direction=directions or {},
        source_urls=(),
        source="dataset",
        row_ids=(),
        regional_rows=(),
        warnings=(),
    )
