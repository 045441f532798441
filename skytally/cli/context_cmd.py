"""`skytally context DATE`: the ranks, records, sums, rates, trends and regions of one attack.

A thin command: it opens the ledger, calls ``skytally.context.build_context`` and prints the
result; no figure is computed here.
"""

from __future__ import annotations

import click

from skytally.cli._common import (
    db_option,
    echo_json,
    handle_errors,
    ledger_events,
    open_cli_ledger,
    parse_day,
    source_option,
)


@click.command()
@click.argument("date")
@click.option(
    "--window-days",
    type=click.IntRange(min=1),
    default=30,
    show_default=True,
    help="N for the 'last N days' rank and sum.",
)
@click.option(
    "--since-event",
    "since_events",
    multiple=True,
    metavar="NAME",
    help="Sum since this named event (id or part of a name; repeatable). "
    "Default: the two latest events before the attack.",
)
@click.option("--explain", is_flag=True, help="Show, for each figure, the attacks and rows behind it.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@source_option
@db_option
@handle_errors
def context(
    date: str,
    window_days: int,
    since_events: tuple[str, ...],
    explain: bool,
    fmt: str,
    source: str,
    db: str | None,
) -> None:
    """Put the attack of DATE (YYYY-MM-DD, an id such as 2025-08-21#2, or 'latest') in context."""
    from skytally.context import build_context, find_event
    from skytally.context.report import format_context

    key = date if date == "latest" else date.split("#", 1)[0]
    if key != "latest":
        parse_day(key)
    ledger = open_cli_ledger(db, source=source)
    attack = ledger.attack(date)
    events = ledger_events(ledger)
    chosen = tuple(find_event(events, name) for name in since_events) if since_events else None
    ctx = build_context(ledger.attacks(), attack, events=events, since_events=chosen, window_days=window_days)
    if fmt == "json":
        echo_json(ctx.to_dict())
    else:
        click.echo(format_context(ctx, explain=explain))
