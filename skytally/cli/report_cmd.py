"""`skytally report add|list`: the Air Force's own report texts as a source of their own."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from skytally.cli._common import db_option, echo_json, handle_errors, open_cli_ledger, parse_day


@click.group()
def report() -> None:
    """Add or list the Air Force's own report texts (Ukrainian, or its English version)."""


@report.command("add")
@click.argument("file", metavar="FILE|-")
@click.option("--dry-run", is_flag=True, help="Show what was understood; store nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--accept-partial", is_flag=True, help="Store a report some of whose phrases could not be placed.")
@click.option("--posted", metavar="DATE", help="The day the post was published (resolves the year the post omits).")
@click.option("--url", default="", help="The post's address, e.g. https://t.me/kpszsu/67095.")
@click.option("--lang", type=click.Choice(["uk", "en"]), help="The text's language (guessed when omitted).")
@db_option
@handle_errors
def add(
    file: str,
    dry_run: bool,
    fmt: str,
    accept_partial: bool,
    posted: str | None,
    url: str,
    lang: str | None,
    db: str | None,
) -> None:
    """Read a report text and store it: the night or day, its window, and per weapon model the
    numbers launched, shot down or suppressed, and lost to electronic warfare where stated.

    A text that is not a report is refused; one only half read is refused with the phrases it
    could not place, unless --accept-partial.
    """
    from skytally.cli._format_reports import format_parsed, format_stored
    from skytally.reports.ingest import check_text, guess_reference_date, to_record
    from skytally.reports.parse import parse_report

    text = check_text(sys.stdin.read() if file == "-" else _read(file))
    ledger = open_cli_ledger(db, load_if_empty=not dry_run)
    choice = guess_reference_date(
        text,
        given=parse_day(posted) if posted else None,
        file_name=None if file == "-" else Path(file).name,
        dataset=lambda: [] if ledger.is_empty() else ledger.dataset_attacks(),
        today=date.today(),
    )
    parsed = parse_report(text, lang=lang, reference_date=choice.reference)
    if dry_run:
        if fmt == "json":
            echo_json({**parsed.to_dict(), "year_from": choice.reason})
        else:
            click.echo(format_parsed(parsed, choice.reason))
        return
    record = to_record(parsed, text, accept_partial=accept_partial, source_url=url)
    stored, replaced, already = ledger.add_report(record)
    if fmt == "json":
        echo_json({"report_id": stored.id, "already_stored": already, "replaces": replaced, **parsed.to_dict()})
        return
    click.echo(format_stored(stored, replaced, already, choice.reason))


@report.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also the reports replaced by a later one.")
@db_option
@handle_errors
def list_reports(show_all: bool, db: str | None) -> None:
    """List the stored reports."""
    ledger = open_cli_ledger(db, load_if_empty=False)
    for stored in ledger.reports(active_only=not show_all):
        r = stored.record
        drones = sum(f.launched or 0 for f in r.figures if f.category == "drone" and not f.counted_elsewhere)
        missiles = sum(f.launched or 0 for f in r.figures if f.category == "missile" and not f.counted_elsewhere)
        mark = f" (replaced by report:{stored.replaced_by})" if stored.replaced_by else ""
        click.echo(
            f"{stored.ref:<11} {r.kyiv_date}  {r.kind:<24} {drones:>5} drones {missiles:>4} missiles  "
            f"read {stored.read_at:%Y-%m-%d %H:%M} UTC{mark}"
        )


def _read(file: str) -> str:
    from skytally.errors import SkytallyError

    try:
        return Path(file).read_text(encoding="utf-8")
    except OSError as exc:
        raise SkytallyError(f"cannot read the report: {exc.strerror}", path=file) from None
    except UnicodeDecodeError:
        raise SkytallyError("not UTF-8 text", path=file, hint="save the post's text as UTF-8") from None


from skytally.cli.report_fetch_cmd import fetch  # noqa: E402

report.add_command(fetch)
