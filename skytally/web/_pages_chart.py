"""The home page's chart: drones and missiles per night, stacked by weapon class, as Vega-Lite.

One specification per range (90 days, a year, all) is built with Altair on the server and drawn in
the browser by the Vega bundle vl-convert ships (served at /vendor/vega.js, never committed); the
same specification is rendered to SVG on the server for readers without JavaScript. Axis labels
come from the bulletin's English chart macros (bulletin/templates/en/_charts.j2), so the page and
`skytally chart` name things alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from skytally.context import Event
from skytally.ledger.model import Attack
from skytally.ledger.taxonomy import load_taxonomy


@dataclass(frozen=True, slots=True)
class ChartRange:
    """A range the reader can pick: its id (in URLs), its button label, and its length in days."""

    id: str
    label: str
    days: int | None


RANGES: tuple[ChartRange, ...] = (
    ChartRange("90d", "90 days", 90),
    ChartRange("1y", "A year", 365),
    ChartRange("all", "All", None),
)
DEFAULT_RANGE = "90d"

# Drones in warm hues, missiles in cool ones: a reader tells the two families apart at a glance,
# and the classes within a family by shade. Classes not listed fall back to grey.
CLASS_COLOURS: dict[str, str] = {
    "strike_drone": "#d9480f",
    "decoy_drone": "#f59f00",
    "jet_drone": "#a61e4d",
    "loitering_munition": "#e8590c",
    "recon_drone": "#ffc078",
    "unknown_drone": "#c2410c",
    "mixed_drones": "#fcc419",
    "cruise_missile": "#1c7ed6",
    "ballistic_missile": "#364fc7",
    "aeroballistic_missile": "#5f3dc4",
    "anti_ship_missile": "#0b7285",
    "guided_air_missile": "#15aabf",
    "anti_radar_missile": "#74c0fc",
    "sam_used_on_ground": "#4dabf7",
    "unknown_missile": "#1864ab",
    "mixed_missiles": "#91a7ff",
}
FALLBACK_COLOUR = "#868e96"
SVG_WIDTH = 720


def range_by_id(range_id: str) -> ChartRange:
    """Return the range of an id; raises KeyError for an unknown one (the route answers 404)."""
    for chart_range in RANGES:
        if chart_range.id == range_id:
            return chart_range
    raise KeyError(range_id)


def range_bounds(attacks: Sequence[Attack], chart_range: ChartRange) -> tuple[date, date]:
    """Return the first and last night of a range, which ends on the latest attack's night."""
    last = attacks[-1].date
    first = attacks[0].date if chart_range.days is None else last - timedelta(days=chart_range.days - 1)
    return first, last


def nights_spec(
    attacks: Sequence[Attack], events: Sequence[Event], chart_range: ChartRange, *, width: int | str = "container"
) -> dict[str, Any]:
    """Return the Vega-Lite specification of launches per night over a range, stacked by class.

    Waves ending on the same Kyiv date share a bar (as in ``skytally chart``); guided bombs are
    left out, as in every total of the ledger. ``width="container"`` fills the page's column.
    """
    import altair as alt

    from skytally.bulletin.render import bulletin_environment

    labels = bulletin_environment("en").get_template("en/_charts.j2").module
    first, last = range_bounds(attacks, chart_range)
    classes = load_taxonomy().classes
    order = list(classes)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for attack in attacks:
        if first <= attack.date <= last:
            for cls, count in attack.launched_by_class.items():
                weapon = classes.get(cls)
                if count and weapon is not None and weapon.category in ("drone", "missile"):
                    counts[(attack.date.isoformat(), cls)] += count
    rows = [
        {"night": night, "class": classes[cls].labels["en"], "order": order.index(cls), "count": count}
        for (night, cls), count in sorted(counts.items())
    ]
    present = sorted({cls for _, cls in counts}, key=order.index)
    long_range = chart_range.days is None or chart_range.days > 120
    x = alt.X(
        "night:T",
        title=str(labels.axis_night()).strip(),
        axis=alt.Axis(format="%b %Y" if long_range else "%-d %b", labelAngle=0, tickCount=6, grid=False),
    )
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("sum(count):Q", title=str(labels.axis_count()).strip()),
            color=alt.Color(
                "class:N",
                title=None,
                scale=alt.Scale(
                    domain=[classes[c].labels["en"] for c in present],
                    range=[CLASS_COLOURS.get(c, FALLBACK_COLOUR) for c in present],
                ),
                legend=alt.Legend(orient="bottom", columns=2, labelLimit=260, symbolType="square"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("night:T", title="Night ending", format="%d %b %Y"),
                alt.Tooltip("class:N", title="Class"),
                alt.Tooltip("sum(count):Q", title="Launched", format=","),
            ],
        )
    )
    layers: list[Any] = [bars]
    within = [e for e in events if first <= e.date <= last]
    # Close events' names are staggered on three rows so they never overprint each other.
    marks = [
        {"night": e.date.isoformat(), "name": e.names["en"], "row": 12 + 13 * (i % 3)} for i, e in enumerate(within)
    ]
    if marks:
        layers.append(
            alt.Chart(alt.Data(values=marks))
            .mark_rule(strokeDash=[4, 3], color="#495057")
            .encode(x="night:T", tooltip=[alt.Tooltip("name:N", title="Event"), alt.Tooltip("night:T", title="Date")])
        )
        layers.append(
            alt.Chart(alt.Data(values=marks))
            .mark_text(align="right", dx=-4, fontSize=10, color="#343a40", baseline="middle")
            .encode(x="night:T", y=alt.Y("row:Q", scale=None), text="name:N")
        )
    # The bars' legend has two columns; the page's script makes it one at phone width.
    chart = (
        alt.layer(*layers)
        .properties(width=width, height=260, autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11, labelColor="#343a40", titleColor="#343a40")
        .configure_legend(labelFontSize=11, labelColor="#343a40")
        .configure(font="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif")
    )
    return chart.to_dict()


def nights_svg(spec: dict[str, Any]) -> str:
    """Return a chart specification rendered to SVG on the server (no browser, no network).

    The specification's width is fixed first (a container width means nothing off-screen); the
    XML prologue is dropped so the SVG can sit inside an HTML page.
    """
    import json

    import vl_convert

    fixed = {**spec, "width": SVG_WIDTH}
    svg = str(vl_convert.vegalite_to_svg(json.dumps(fixed)))
    return svg[svg.index("<svg") :]
