"""What every command shares: the --db option, opening the ledger, first-use loading, errors.

Library errors become one-line messages here and nowhere else (exit 1, no traceback).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click

from skytally.errors import SkytallyError

F = TypeVar("F", bound=Callable[..., Any])


def db_option(func: F) -> F:
    """Add `--db PATH` to a command (the group's --db and $SKYTALLY_DB work too)."""
    return click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="The store's SQLite file (overrides the group's --db and $SKYTALLY_DB).",
    )(func)


def source_option(func: F) -> F:
    """Add `--source default|dataset|report`: which figures to use (docs/sources.md)."""
    return click.option(
        "--source",
        "source",
        type=click.Choice(["default", "dataset", "report"]),
        default="default",
        show_default=True,
        help="default: the Air Force's report where one is stored, else the dataset, with corrections on top; "
        "dataset or report forces one.",
    )(func)


def handle_errors(func: F) -> F:
    """Turn SkytallyError into `Error: <message>` on stderr and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except SkytallyError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)

    return wrapper  # type: ignore[return-value]


def open_cli_ledger(db: str | None, *, load_if_empty: bool = True, source: str = "default") -> Any:
    """Return the Ledger for a command: --db, else the group's --db / $SKYTALLY_DB, else the default.

    On first use with an empty store, download and load the dataset (with a progress bar), as a
    new user expects `skytally show DATE` to just work.
    """
    from skytally.ledger.api import open_ledger

    ctx = click.get_current_context(silent=True)
    group_db = ctx.find_root().obj.get("db") if ctx and ctx.find_root().obj else None
    ledger = open_ledger(db or group_db, source=source)  # type: ignore[arg-type]
    if load_if_empty and ledger.is_empty():
        from skytally.config import dataset_url

        click.echo("The store is empty: loading the dataset first (once).", err=True)
        report = update_with_progress(ledger, dataset_url())
        click.echo(f"Loaded {report.rows} rows from {report.origin}.", err=True)
    return ledger


def update_with_progress(ledger: Any, source: str, timeout: float = 30.0) -> Any:
    """Load a dataset from a path or URL, drawing a progress bar on stderr for a download."""
    from skytally.ledger.fetch import is_url

    if not is_url(source):
        return ledger.update(source)
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        transient=True,
        console=__import__("rich.console").console.Console(stderr=True),
    ) as bar:
        task = bar.add_task("Downloading the dataset", total=None)

        def progress(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        return ledger.update(source, progress=progress, timeout=timeout)


def parse_day(value: str) -> date:
    """Return the date of a DATE argument, or raise click's usage error."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date YYYY-MM-DD, got {value!r}") from None


def echo_json(data: Any) -> None:
    """Print JSON (UTF-8, indented) to stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def ledger_events(ledger: Any) -> Any:
    """Return the named events: the shipped ones plus those added to this store (as the web app sees them)."""
    from skytally.context import load_events, merge_events

    return merge_events(load_events(), ledger.user_events())
