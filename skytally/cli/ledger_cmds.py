"""Ledger commands: update, show, attacks, about. Each parses options, calls the ledger, formats."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from skytally.ledger.model import Attack

from skytally.cli._common import (
    db_option,
    echo_json,
    handle_errors,
    open_cli_ledger,
    parse_day,
    source_option,
    update_with_progress,
)


@click.command()
@click.option(
    "--from",
    "source",
    metavar="PATH_OR_URL",
    help="A CSV, a .zip holding it, a folder, or an http(s) URL of either "
    "(default: $SKYTALLY_DATASET_URL, else the Kaggle download address).",
)
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Network timeout in seconds.")
@db_option
@handle_errors
def update(source: str | None, timeout: float, db: str | None) -> None:
    """Download or load the dataset into the store; report what changed since the last version.

    One load is one transaction: if it fails, the store keeps what it had. Loading the same file
    again changes nothing.
    """
    from skytally.cli._format_ledger import format_load_report
    from skytally.config import dataset_url

    ledger = open_cli_ledger(db, load_if_empty=False)
    report = update_with_progress(ledger, source or dataset_url(), timeout=timeout)
    click.echo(format_load_report(report))


@click.command()
@click.argument("day", metavar="DATE|latest")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--explain", is_flag=True, help="Show the rows behind every figure and the query that reproduces them.")
@source_option
@db_option
@handle_errors
def show(day: str, fmt: str, explain: bool, source: str, db: str | None) -> None:
    """Show one attack: its window (Kyiv time), launched and destroyed by class and by model, sources.

    DATE is the Kyiv date of the morning the attack ended (YYYY-MM-DD), or `latest`.
    """
    from skytally.cli._format_ledger import format_attack
    from skytally.ledger.api import no_attack_message
    from skytally.ledger.serialize import attack_json

    ledger = open_cli_ledger(db, source=source)
    if day == "latest":
        attacks = (ledger.attack("latest"),)
    else:
        found = ledger.lookup(parse_day(day.split("#", 1)[0]))
        attacks = tuple(a for a in found.attacks if "#" not in day or a.id == day)
        if not attacks:
            click.echo(no_attack_message(found), err=True)
            raise SystemExit(1)
    if fmt == "json":
        docs = [attack_json(ledger, a) for a in attacks]
        echo_json(docs[0] if len(docs) == 1 else {"date": attacks[0].date.isoformat(), "attacks": docs})
        return
    click.echo("\n\n".join(format_attack(ledger, a, explain=explain) for a in attacks))


@click.command()
@click.option("--year", type=int, help="Only attacks of this year (by the date they ended).")
@click.option("--since", "since", metavar="DATE", help="Only attacks that ended on or after DATE.")
@click.option("--until", "until", metavar="DATE", help="Only attacks that ended on or before DATE.")
@click.option(
    "--sort",
    metavar="date|drones|missiles|total|CLASS",
    default="date",
    show_default=True,
    callback=lambda ctx, param, value: _check_sort(value),
    help="Order: by date (oldest first), or by a measure or a weapon class such as cruise_missile "
    "(largest first; ties by date).",
)
@click.option("--limit", type=int, help="At most N attacks.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@source_option
@db_option
@handle_errors
def attacks(
    year: int | None,
    since: str | None,
    until: str | None,
    sort: str,
    limit: int | None,
    fmt: str,
    source: str,
    db: str | None,
) -> None:
    """List attacks with their drones, missiles and total, and launched per weapon class."""
    from skytally.cli._format_ledger import attacks_table
    from skytally.ledger.api import attack_record
    from skytally.ledger.serialize import attacks_csv

    ledger = open_cli_ledger(db, source=source)
    found = ledger.attacks(
        year=year, since=parse_day(since) if since else None, until=parse_day(until) if until else None
    )
    if sort != "date":
        # Largest first; among equals the earlier attack first, so a rank reads as "first to reach".
        found = sorted(found, key=lambda a: (-_measure(a, sort), a.date, a.end))
    if limit is not None:
        found = found[:limit]
    records = [attack_record(a) for a in found]
    if fmt == "json":
        echo_json(records)
    elif fmt == "csv":
        click.echo(attacks_csv(records), nl=False)
    else:
        click.echo(attacks_table(records, ranked=sort != "date"))


MEASURES = ("drones", "missiles", "total")


def _check_sort(value: str) -> str:
    from skytally.ledger.taxonomy import load_taxonomy

    classes = load_taxonomy().classes
    if value in ("date", *MEASURES) or value in classes:
        return value
    raise click.BadParameter(f"expected date, {', '.join(MEASURES)} or a weapon class ({', '.join(sorted(classes))})")


def _measure(attack: Attack, name: str) -> int:
    if name in MEASURES:
        return int(getattr(attack, name))
    return attack.launched_by_class.get(name, 0)


@click.command()
def about() -> None:
    """The data's origin, licence and attribution, and skytally's own licence."""
    from importlib import resources

    from skytally.config import DATASET_AUTHOR, DATASET_LICENCE, DATASET_PAGE, dataset_url

    text = resources.files("skytally.cli").joinpath("about.txt").read_text("utf-8")
    click.echo(text.format(author=DATASET_AUTHOR, page=DATASET_PAGE, licence=DATASET_LICENCE, url=dataset_url()))
