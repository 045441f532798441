"""`skytally chart`: draw the nights chart or the year's ranking as SVG or PNG, offline.

A thin command over ``skytally.bulletin.charts``; Altair and vl-convert are imported inside it.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import click

from skytally.cli._common import db_option, handle_errors, ledger_events, open_cli_ledger, parse_day

DEFAULT_NIGHTS = 30


@click.command()
@click.option("--kind", type=click.Choice(["nights", "ranking"]), default="nights", show_default=True)
@click.option("--date", "day", default="latest", show_default=True, help="The attack of interest (YYYY-MM-DD).")
@click.option("--since", default=None, help="First night of the nights chart (default: 30 nights before --date).")
@click.option("--until", default=None, help="Last night of the nights chart (default: --date).")
@click.option("--measure", type=click.Choice(["drones", "missiles"]), default="drones", show_default=True)
@click.option("--lang", type=click.Choice(["fr", "en", "uk"]), default="en", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="Output file: .svg or .png.",
)
@db_option
@handle_errors
def chart(
    kind: str, day: str, since: str | None, until: str | None, measure: str, lang: str, out: Path, db: str | None
) -> None:
    """Draw a chart of the attacks: nights (stacked by class) or the year's ranking."""
    if out.suffix.lower() not in (".svg", ".png"):
        raise click.BadParameter(f"expected a file ending in .svg or .png, got {out.name!r}", param_hint="--out")
    from skytally.bulletin.charts import chart_to_png, chart_to_svg, nights_chart, ranking_chart

    if day != "latest":
        parse_day(day.split("#", 1)[0])
    ledger = open_cli_ledger(db)
    attack = ledger.attack(day)
    attacks = ledger.attacks()
    if kind == "nights":
        last = parse_day(until) if until else attack.date
        first = parse_day(since) if since else last - timedelta(days=DEFAULT_NIGHTS - 1)
        if first > last:
            raise click.BadParameter(f"--since {first} is after --until {last}", param_hint="--since")
        drawn = nights_chart(attacks, first=first, last=last, lang=lang, highlight=attack, events=ledger_events(ledger))  # type: ignore[arg-type]
    else:
        drawn = ranking_chart(attacks, attack, measure=measure, lang=lang)  # type: ignore[arg-type]
    if out.suffix.lower() == ".svg":
        out.write_text(chart_to_svg(drawn), encoding="utf-8")
    else:
        out.write_bytes(chart_to_png(drawn))
    click.echo(f"Wrote {out}", err=True)
