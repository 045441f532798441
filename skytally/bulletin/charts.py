"""Publication-ready charts of attacks, drawn with Altair and rendered offline by vl-convert.

Two charts, each readable at phone width (400 px) with a title, a subtitle and a source line:

- :func:`nights_chart`: drones and missiles launched per night over a date range, stacked by
  weapon class, named events marked with a rule, the attack of interest outlined.
- :func:`ranking_chart`: the year's attacks ranked by drones or missiles (up to the attack), the
  attack of interest in a contrasting colour.

Labels come from templates/{lang}/_charts.j2 (no text in Python) and class names from the
taxonomy; dates and numbers are formatted by Babel. :func:`chart_to_svg` and
:func:`chart_to_png` render a chart without a browser or network.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

import altair as alt

from skytally.bulletin import wording
from skytally.bulletin.model import Lang
from skytally.bulletin.render import bulletin_environment
from skytally.context import Event, rank_attack
from skytally.context.ranks import year_scope
from skytally.ledger.model import Attack
from skytally.ledger.taxonomy import load_taxonomy

Measure = Literal["drones", "missiles"]
WIDTH = 400
HIGHLIGHT = "#d62728"
MUTED = "#9aa5b1"
RANKING_TOP = 15


def nights_chart(
    attacks: Sequence[Attack],
    *,
    first: date,
    last: date,
    lang: Lang,
    highlight: Attack | None = None,
    events: Sequence[Event] = (),
) -> alt.LayerChart:
    """Return the stacked bar chart of drones and missiles per night from ``first`` to ``last``.

    Waves of one date share its bar. Events within the range are drawn as dashed rules with
    their name; the highlighted attack's night gets a red outline.
    """
    labels = _labels(lang)
    classes = load_taxonomy().classes
    rows: list[dict[str, Any]] = []
    for attack in attacks:
        if not first <= attack.date <= last:
            continue
        for cls, count in attack.launched_by_class.items():
            weapon = classes.get(cls)
            if count and weapon is not None and weapon.category in ("drone", "missile"):
                rows.append({"night": attack.date.isoformat(), "class": weapon.labels[lang], "count": count})
    x = alt.X("night:T", title=labels.axis_night(), axis=alt.Axis(format="%d.%m", labelAngle=0, tickCount=6))
    bars = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("sum(count):Q", title=labels.axis_count()),
            color=alt.Color("class:N", title=labels.legend_class(), legend=alt.Legend(orient="bottom", columns=1)),
            order=alt.Order("class:N"),
        )
    )
    layers: list[Any] = [bars]
    within = [e for e in events if first <= e.date <= last]
    # Labels of close events are staggered in rows, so that names never overprint each other.
    marks = [{"night": e.date.isoformat(), "name": e.names[lang], "y": 14 + 14 * (i % 3)} for i, e in enumerate(within)]
    if marks:
        rule = alt.Chart(alt.Data(values=marks)).mark_rule(strokeDash=[4, 3], color="#333").encode(x="night:T")
        text = (
            alt.Chart(alt.Data(values=marks))
            .mark_text(align="right", dx=-3, fontSize=10, color="#333", baseline="middle")
            .encode(x="night:T", y=alt.Y("y:Q", scale=None), text="name:N")
        )
        layers += [rule, text]
    if highlight is not None and first <= highlight.date <= last:
        spot = [{"night": highlight.date.isoformat(), "total": highlight.total}]
        layers.append(
            alt.Chart(alt.Data(values=spot))
            .mark_bar(fillOpacity=0, stroke=HIGHLIGHT, strokeWidth=2)
            .encode(x="night:T", y=alt.Y("total:Q"))
        )
        layers.append(
            alt.Chart(alt.Data(values=[{**spot[0], "label": wording.format_day_month(highlight.date, lang)}]))
            .mark_text(dy=-8, color=HIGHLIGHT, fontWeight="bold", fontSize=11)
            .encode(x="night:T", y="total:Q", text="label:N")
        )
    return _finish(alt.layer(*layers), labels.nights_title(first, last), labels.nights_subtitle(first, last), labels)


def ranking_chart(
    attacks: Sequence[Attack], attack: Attack, *, measure: Measure, lang: Lang, top: int = RANKING_TOP
) -> alt.LayerChart:
    """Return the year's ranking by ``measure`` up to ``attack``: the top ``top`` attacks, and
    the attack itself (in red) if it ranks below them."""
    labels = _labels(lang)
    rank = rank_attack(attacks, attack, measure, year_scope(attack))
    scope = year_scope(attack)
    pool = [a for a in attacks if scope.since is not None and scope.since <= a.date <= attack.date]
    pool = [a for a in pool if a.end <= attack.end]
    ordered = sorted(pool, key=lambda a: (-_value(a, measure), a.date))
    shown = ordered[:top]
    if attack not in shown:
        shown.append(attack)
    rows = [
        {
            "label": wording.format_day_month(a.date, lang) + ("" if "#" not in a.id else " (2)"),
            "value": _value(a, measure),
            "value_text": wording.format_number(_value(a, measure), lang),
            "is_attack": a.id == attack.id,
        }
        for a in shown
    ]
    order = [r["label"] for r in rows]
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("label:N", sort=order, title=None),
        x=alt.X("value:Q", title=labels.axis_count()),
    )
    bars = base.mark_bar().encode(
        color=alt.condition(alt.datum.is_attack, alt.value(HIGHLIGHT), alt.value(MUTED)),
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text="value_text:N")
    subtitle = labels.ranking_subtitle(rank.rank or 0, attack.date)
    return _finish(alt.layer(bars, text), labels.ranking_title(measure, attack.date.year), subtitle, labels)


def chart_to_svg(chart: alt.TopLevelMixin) -> str:
    """Return a chart as SVG text, rendered offline by vl-convert."""
    import vl_convert

    return str(vl_convert.vegalite_to_svg(chart.to_json()))


def chart_to_png(chart: alt.TopLevelMixin, *, scale: float = 2.0) -> bytes:
    """Return a chart as PNG bytes (``scale`` 2 = sharp on phone screens), rendered offline."""
    import vl_convert

    return bytes(vl_convert.vegalite_to_png(chart.to_json(), scale=scale))


def _value(attack: Attack, measure: Measure) -> int:
    return attack.drones if measure == "drones" else attack.missiles


class _Labels:
    """The chart macros of a language's templates/{lang}/_charts.j2, returning plain strings."""

    def __init__(self, lang: Lang) -> None:
        self._module = bulletin_environment(lang).get_template(f"{lang}/_charts.j2").module

    def __getattr__(self, name: str) -> Any:
        macro = getattr(self._module, name)
        return lambda *args: str(macro(*args)).strip()


def _labels(lang: Lang) -> Any:
    return _Labels(lang)


def _finish(chart: alt.LayerChart, title: str, subtitle: str, labels: Any) -> alt.LayerChart:
    return (
        chart.properties(
            width=WIDTH,
            height=260,
            title=alt.TitleParams(
                text=title,
                subtitle=[subtitle, labels.source(), labels.source_data()],
                anchor="start",
                fontSize=15,
                subtitleFontSize=11,
                subtitleColor="#555",
                limit=WIDTH + 40,
            ),
        )
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=11, titleFontSize=11)
        .configure_legend(labelFontSize=10, titleFontSize=11, labelLimit=WIDTH)
    )
