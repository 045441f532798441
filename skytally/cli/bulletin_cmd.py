"""`skytally bulletin DATE --lang fr|en|uk`: a short factual report of one attack.

A thin command: it opens the ledger, builds the attack's context and calls
``skytally.bulletin.render_bulletin``; Jinja2 and Babel are imported inside the function.
"""

from __future__ import annotations

import click

from skytally.cli._common import db_option, handle_errors, ledger_events, open_cli_ledger, parse_day


@click.command()
@click.argument("date")
@click.option("--lang", type=click.Choice(["fr", "en", "uk"]), default="en", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "markdown", "html", "json"]), default="text", show_default=True
)
@click.option(
    "--explain", is_flag=True, help="After the bulletin, list the attacks, rows and query behind each figure."
)
@db_option
@handle_errors
def bulletin(date: str, lang: str, fmt: str, explain: bool, db: str | None) -> None:
    """Write the bulletin of the attack of DATE (YYYY-MM-DD, an id such as 2025-08-21#2, or 'latest')."""
    from skytally.bulletin import format_explain, render_bulletin
    from skytally.context import build_context

    key = date if date == "latest" else date.split("#", 1)[0]
    if key != "latest":
        parse_day(key)
    ledger = open_cli_ledger(db)
    attack = ledger.attack(date)
    context = build_context(ledger.attacks(), attack, events=ledger_events(ledger))
    result = render_bulletin(attack, context, lang=lang, fmt=fmt)  # type: ignore[arg-type]
    click.echo(result.text)
    if explain and fmt != "json":
        click.echo()
        click.echo(format_explain(result))
