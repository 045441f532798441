"""`skytally export --format csv|parquet|sqlite [--out PATH]`: the whole ledger as files.

A thin command over ``skytally.ledger.export``; pyarrow is imported only by the Parquet export.
"""

from __future__ import annotations

from pathlib import Path

import click

from skytally.cli._common import db_option, handle_errors, open_cli_ledger, source_option

DEFAULT_NAMES = {"csv": "skytally-ledger.csv", "parquet": "skytally-ledger.parquet", "sqlite": "skytally-ledger.sqlite"}


@click.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "sqlite"]), default="csv", show_default=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The file to write (default: skytally-ledger.<format> in the current folder). "
    "CSV and Parquet also write <stem>-figures and <stem>-rows beside it.",
)
@source_option
@db_option
@handle_errors
def export(fmt: str, out: Path | None, source: str, db: str | None) -> None:
    """Write the whole ledger (attacks, figures by model, dataset rows; SQLite adds reports,
    corrections and discrepancies) as CSV, Parquet, or a SQLite file for Datasette."""
    from skytally.errors import StoreError
    from skytally.ledger import export as exports

    ledger = open_cli_ledger(db, source=source)
    out = out or Path(DEFAULT_NAMES[fmt])
    if out.resolve() == ledger.path.resolve():
        raise StoreError("refusing to export over the store itself", path=str(out), hint="choose another --out")
    writer = {"csv": exports.export_csv, "parquet": exports.export_parquet, "sqlite": exports.export_sqlite}[fmt]
    path = writer(ledger, out)
    written = (
        [path, path.with_name(f"{path.stem}.metadata.json")]
        if fmt == "sqlite"
        else list(exports.companion_paths(path).values())
    )
    for file in written:
        click.echo(f"{file}\t{file.stat().st_size:,} bytes")
    if fmt == "sqlite":
        click.echo(f"Browse it: datasette serve {path} --metadata {written[1]}", err=True)
