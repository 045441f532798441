"""`skytally serve`: the web app (pages, JSON API, check page, feeds) on the embedded store, under uvicorn.

A thin command: it makes sure the store holds the dataset (loading it on first use, as every
command does), reads the write token from the environment, and runs ``create_app`` under
uvicorn. FastAPI and uvicorn are imported inside the function: `skytally --help` stays light.
"""

from __future__ import annotations

import os

import click

from skytally.cli._common import db_option, handle_errors, open_cli_ledger, update_with_progress


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on (0.0.0.0: every one).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--from",
    "source",
    metavar="PATH_OR_URL",
    help="Where to load the dataset from when the store is empty (default: the Kaggle download address).",
)
@click.option(
    "--token-env",
    default="SKYTALLY_TOKEN",
    show_default=True,
    metavar="NAME",
    help="The environment variable holding the bearer token the write endpoints require "
    "(unset or empty: the server accepts no writes). Never given on the command line, where `ps` shows it.",
)
@click.option("--access-log/--no-access-log", default=True, show_default=True, help="Log every request.")
@db_option
@handle_errors
def serve(host: str, port: int, source: str | None, token_env: str, access_log: bool, db: str | None) -> None:
    """Serve the web app: home, attack pages, explore, check page, data downloads, JSON API under /api/
    (docs at /api/docs) and Atom feeds."""
    import uvicorn

    from skytally.config import dataset_url
    from skytally.web.app import create_app

    ledger = open_cli_ledger(db, load_if_empty=False)
    if ledger.is_empty():
        click.echo("The store is empty: loading the dataset first (once).", err=True)
        report = update_with_progress(ledger, source or dataset_url())
        click.echo(f"Loaded {report.rows} rows from {report.origin}.", err=True)
    path = ledger.path
    ledger.conn.close()
    token = os.environ.get(token_env) or None
    app = create_app(path, token=token)
    writes = f"writes need the token in ${token_env}" if token else f"read-only (no token in ${token_env})"
    click.echo(f"skytally serving {path} at http://{host}:{port}/ (API docs: /api/docs; {writes})", err=True)
    uvicorn.run(app, host=host, port=port, access_log=access_log, log_level="info", server_header=False)
