"""`skytally publish DIR`: the web site as static files any static host or CDN serves.

A thin command over ``skytally.web.publish.publish``; the web stack is imported inside the function.
"""

from __future__ import annotations

from pathlib import Path

import click

from skytally.cli._common import db_option, handle_errors, open_cli_ledger


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--base-url", default="", help="The address the folder is served from, e.g. https://example.org/skytally."
)
@click.option(
    "--only",
    "only",
    multiple=True,
    metavar="ID",
    help="Re-render only this attack (repeatable) with the home page, lists, feeds and downloads.",
)
@click.option("--full-api", is_flag=True, help="Also every attack's context and bulletins as JSON (~310 MB more).")
@db_option
@handle_errors
def publish(directory: Path, base_url: str, only: tuple[str, ...], full_api: bool, db: str | None) -> None:
    """Write the site (pages, JSON, charts, feeds, data downloads) into DIRECTORY as static files.

    Links are rewritten to the files written; unchanged files are left untouched. The check page
    says it needs the live server (skytally serve).
    """
    from skytally.web.publish import publish as publish_site

    ledger = open_cli_ledger(db)
    result = publish_site(ledger.path, directory, base_url=base_url, only=list(only) or None, full_api=full_api)
    click.echo(
        f"{result.files:,} files ({result.pages:,} pages, {result.bytes / 1e6:,.1f} MB) in {directory}: "
        f"{result.written:,} written, {result.unchanged:,} unchanged, in {result.seconds:,.1f} s"
    )
    if result.failed:
        for status, url in result.failed[:10]:
            click.echo(f"  {status} {url}", err=True)
        more = len(result.failed) - 10
        click.echo(f"Error: {len(result.failed)} URL(s) failed" + (f" ({more} more)" if more > 0 else ""), err=True)
        raise SystemExit(1)
