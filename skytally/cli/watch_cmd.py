"""`skytally watch`: poll the Air Force's channel and publish each new report, checked, once.

A thin command over ``skytally.watch.Watcher``: it reads the options, sets up the log (one line
per decision, on standard error), holds a lock so that two watches never publish twice, and
runs the loop. httpx, Jinja, Babel and Altair are imported inside the function.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sys
from datetime import datetime
from pathlib import Path

import click

from skytally.cli._common import db_option, handle_errors

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, None: 1}


def parse_duration(value: str) -> float:
    """Return seconds of "30s", "5m", "1h" or a bare number of seconds; raise click's error otherwise.

    >>> parse_duration("5m"), parse_duration("90"), parse_duration("1.5h")
    (300.0, 90.0, 5400.0)
    """
    match = _DURATION.match(value)
    if match is None or float(match.group(1)) <= 0:
        raise click.BadParameter(f"expected a duration such as 30s, 5m or 1h, got {value!r}", param_hint="--every")
    return float(match.group(1)) * _UNITS[match.group(2)]


def default_state_path(db_path: Path, publish_dir: Path | None) -> Path:
    """Return where the watch keeps its state: beside the publish folder, else in the user's state folder.

    Beside (not inside) DIR, so that the state is never served with the site.
    """
    if publish_dir is not None:
        return publish_dir.resolve().parent / f".{publish_dir.resolve().name}.watch-state.json"
    import platformdirs

    key = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:12]
    return Path(platformdirs.user_state_dir("skytally", appauthor=False)) / f"watch-{key}.json"


@click.command()
@click.option("--every", default="5m", show_default=True, help="Time between two reads of the page: 30s, 5m, 1h.")
@click.option(
    "--publish",
    "publish_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write bulletins, charts, items.json and Atom feeds under DIR/watch/ (and the site, when installed).",
)
@click.option(
    "--exec", "exec_cmd", metavar="CMD", default=None, help="Run CMD with each new or updated attack's JSON on stdin."
)
@click.option("--once", is_flag=True, help="One pass, then exit (for cron or a CI schedule).")
@click.option("--dry-run", is_flag=True, help="Show what would be published; write nothing (not the store either).")
@click.option(
    "--from-url",
    "url",
    metavar="URL",
    default=None,
    help="The channel page to read. [default: $SKYTALLY_CHANNEL_URL, else https://t.me/s/kpszsu]",
)
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=20.0, show_default=True,
              help="Seconds to wait for the page.")  # fmt: skip
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The watch's state file. [default: beside DIR, else the user's state folder]")  # fmt: skip
@click.option("--base-url", default="", help="The site's public address, for the site's links and feeds.")
@click.option("--no-charts", is_flag=True, help="Do not draw the charts (faster on a slow machine).")
@click.option("--no-site", is_flag=True, help="Do not refresh the static site (skytally.web.publish) in DIR.")
@click.option("-v", "--verbose", is_flag=True, help="Also log each quiet pass and each fault while it lasts.")
@click.option("--now", "now_text", default=None, hidden=True, help="Pretend it is this ISO time (tests, replays).")
@db_option
@handle_errors
def watch(
    every: str,
    publish_dir: Path | None,
    exec_cmd: str | None,
    once: bool,
    dry_run: bool,
    url: str | None,
    timeout: float,
    state_path: Path | None,
    base_url: str,
    no_charts: bool,
    no_site: bool,
    verbose: bool,
    now_text: str | None,
    db: str | None,
) -> None:
    """Poll the Air Force's channel page and publish each new national report, checked.

    For each new report: check its date (not in the future, not older than 48 h) and its own
    arithmetic, store it, reconcile it with the dataset, write the bulletins (fr, en, uk) with
    their context, the night's chart, items.json and the Atom feeds in DIR, then run CMD with
    the attack's JSON on standard input. Each decision is one line on standard error.
    """
    from skytally.config import channel_url, default_db_path
    from skytally.errors import StoreError
    from skytally.ledger.api import open_ledger
    from skytally.watch import Watcher, WatchOptions
    from skytally.watch.state import exclusive

    seconds = parse_duration(every)
    page_url = url or channel_url()
    if not page_url.startswith(("http://", "https://")):
        raise click.BadParameter(f"expected an http(s) address, got {page_url!r}", param_hint="--from-url")
    clock = _clock(now_text)
    ctx = click.get_current_context()
    group_db = ctx.find_root().obj.get("db") if ctx.find_root().obj else None
    db_path = Path(db or group_db or default_db_path())
    if not db_path.exists() or open_ledger(db_path).is_empty():
        raise StoreError(f"the store {db_path} holds no dataset", hint="load it first: skytally update")
    state_path = state_path or default_state_path(db_path, publish_dir)
    options = WatchOptions(
        url=page_url,
        db_path=db_path,
        state_path=state_path,
        publish_dir=publish_dir,
        exec_cmd=exec_cmd,
        timeout=timeout,
        every=seconds,
        max_backoff=max(3600.0, seconds),
        base_url=base_url,
        charts=not no_charts,
        site=not no_site,
    )
    logger = logging.getLogger("skytally.watch")
    saved = (logger.level, logger.propagate)
    handler = _log_to_stderr(verbose)
    try:
        with exclusive(state_path.with_name(state_path.name + ".lock")) as mine:
            if not mine:
                logging.getLogger("skytally.watch").warning("another watch holds %s; this one exits", state_path)
                sys.exit(0 if once else 1)
            watcher = Watcher(options, clock=clock, dry_run=dry_run)
            try:
                status = watcher.run(once=once or dry_run)
                if dry_run:
                    _show_dry_run(watcher, publish_dir)
            finally:
                watcher.close()
    except KeyboardInterrupt:
        status = 0
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    sys.exit(status)


def _clock(now_text: str | None):  # type: ignore[no-untyped-def]
    from datetime import UTC

    if now_text is None:
        return lambda: datetime.now(UTC)
    try:
        fixed = datetime.fromisoformat(now_text)
    except ValueError:
        raise click.BadParameter(f"expected an ISO time, got {now_text!r}", param_hint="--now") from None
    fixed = fixed if fixed.tzinfo else fixed.replace(tzinfo=UTC)
    return lambda: fixed


def _log_to_stderr(verbose: bool) -> logging.Handler:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
    logger = logging.getLogger("skytally.watch")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG if verbose else logging.INFO)
    logger.propagate = False
    return handler


def _show_dry_run(watcher, publish_dir: Path | None) -> None:  # type: ignore[no-untyped-def]
    """Print the files a real run would write, under their real names, and the hook payloads."""
    scratch = watcher.scratch / "publish"
    files = (
        sorted(p for p in scratch.rglob("*") if p.is_file() and not p.name.startswith(".")) if scratch.exists() else []
    )
    click.echo("Dry run: nothing was written (not the store, the state or DIR).")
    if publish_dir is None:
        click.echo("No --publish DIR: no file would be written.")
    else:
        click.echo(f"Would write {len(files)} file(s):")
        for path in files:
            click.echo(f"  {publish_dir / path.relative_to(scratch)}")
