"""`skytally diff` and `skytally correct`: where the sources disagree, and a person's cited fix."""

from __future__ import annotations

import click

from skytally.cli._common import db_option, echo_json, handle_errors, open_cli_ledger, parse_day


@click.command()
@click.argument("day", required=False, metavar="[DATE]")
@click.option("--year", type=int, help="Only attacks of this year.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@handle_errors
def diff(day: str | None, year: int | None, fmt: str, db: str | None) -> None:
    """List every attack where the sources disagree (dataset vs report vs manual correction):
    which figure, the values, and which the ledger now uses."""
    from dataclasses import asdict

    from skytally.cli._format_reports import format_discrepancies

    ledger = open_cli_ledger(db)
    items = ledger.discrepancies(year=year, day=parse_day(day) if day else None)
    if fmt == "json":
        echo_json([asdict(d) for d in items])
    else:
        click.echo(format_discrepancies(items))


@click.command()
@click.argument("attack_id", metavar="DATE")
@click.option("--model", required=True, help="The weapon model, as the taxonomy names it (e.g. 'Kh-47M2 Kinzhal').")
@click.option("--launched", type=click.IntRange(min=0), help="The corrected number launched.")
@click.option("--destroyed", type=click.IntRange(min=0), help="The corrected number shot down or suppressed.")
@click.option("--source", "source_url", required=True, metavar="URL", help="Where the right figure is published.")
@click.option("--note", required=True, help="Why: one sentence a reader can check.")
@db_option
@handle_errors
def correct(
    attack_id: str, model: str, launched: int | None, destroyed: int | None, source_url: str, note: str, db: str | None
) -> None:
    """Record a manual correction of one figure, with its citation. The dataset's rows are never edited;
    `--source dataset` still shows them as they are."""
    from skytally.ledger.taxonomy import load_taxonomy

    if (launched is None) == (destroyed is None):
        raise click.UsageError("give exactly one of --launched and --destroyed")
    parse_day(attack_id.split("#", 1)[0])
    known = load_taxonomy().lookup(model)
    ledger = open_cli_ledger(db)
    ledger.attack(attack_id)  # the attack must exist (NotFoundError names the nearest ones)
    field, value = ("launched", launched) if launched is not None else ("destroyed", destroyed)
    correction = ledger.add_correction(
        attack_id=attack_id,
        model=known.id if known else model,
        field=field,
        value=value,
        source_url=source_url,
        note=note,
    )  # type: ignore[arg-type]
    after = ledger.attack(attack_id)
    click.echo(
        f"Recorded {correction.ref}: {attack_id} {correction.model} {field} = {value}. "
        f"The attack now counts {after.drones} drones and {after.missiles} missiles."
    )
