"""The `skytally` command: a lazy click group, so `skytally --help` imports click and the stdlib only.

Each command family lives in its own module and is imported when its command runs (click's
lazy-loading recipe, docs/complex.md in pallets/click). To add a command: a module with a click
command object, and one line in COMMANDS.
"""

from __future__ import annotations

import importlib
from typing import Any

import click

# command name -> "module:attribute", imported only when the command is invoked or listed in help.
COMMANDS: dict[str, str] = {
    "update": "skytally.cli.ledger_cmds:update",
    "show": "skytally.cli.ledger_cmds:show",
    "attacks": "skytally.cli.ledger_cmds:attacks",
    "doctor": "skytally.cli.doctor_cmd:doctor",
    "about": "skytally.cli.ledger_cmds:about",
    "diff": "skytally.cli.sources_cmd:diff",
    "correct": "skytally.cli.sources_cmd:correct",
}
# Commands added by other parts of skytally register here when their module exists.
OPTIONAL_COMMANDS: dict[str, str] = {
    "context": "skytally.cli.context_cmd:context",
    "bulletin": "skytally.cli.bulletin_cmd:bulletin",
    "chart": "skytally.cli.chart_cmd:chart",
    "report": "skytally.cli.report_cmd:report",
    "check": "skytally.cli.check_cmd:check",
    "export": "skytally.cli.export_cmd:export",
    "serve": "skytally.cli.serve_cmd:serve",
    "publish": "skytally.cli.publish_cmd:publish",
    "watch": "skytally.cli.watch_cmd:watch",
}

HELP_SUMMARIES = {
    "update": "Download or load the dataset into the store.",
    "show": "Show one attack: window, figures by class and model, sources.",
    "attacks": "List attacks, filtered and sorted.",
    "doctor": "Report what the store holds and data-quality findings.",
    "about": "The data's origin, licence and attribution.",
    "context": "Ranks, records and sums that put an attack in context.",
    "bulletin": "Write a short factual report of an attack (fr, en, uk).",
    "chart": "Draw publication-ready charts (SVG, PNG).",
    "report": "Add or fetch the Air Force's own report texts.",
    "check": "Check the figures and comparisons of a news article.",
    "diff": "Where the sources disagree: dataset, report, correction.",
    "correct": "Record a manual correction of one figure, with its citation.",
    "export": "Write the whole ledger as CSV, Parquet or a SQLite file.",
    "serve": "Serve the web app: pages, JSON API, check page, feeds.",
    "publish": "Write the web site as static files (pages, JSON, charts, feeds).",
    "watch": "Poll the Air Force channel and publish each new report, checked.",
}


def _available() -> dict[str, str]:
    found = dict(COMMANDS)
    for name, target in OPTIONAL_COMMANDS.items():
        module = target.split(":", 1)[0]
        if importlib.util.find_spec(module) is not None:
            found[name] = target
    return found


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(_available())

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = _available().get(cmd_name)
        if target is None:
            return None
        module, attr = target.split(":", 1)
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List commands from HELP_SUMMARIES, so `--help` imports no command module."""
        rows = [(name, HELP_SUMMARIES.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="skytally")
@click.option(
    "--db",
    "db",
    type=click.Path(dir_okay=False),
    envvar="SKYTALLY_DB",
    help="The store's SQLite file (default: $SKYTALLY_DB, else the user data directory).",
)
@click.pass_context
def main(ctx: click.Context, db: str | None) -> None:
    """skytally: Russia's aerial attacks on Ukraine, counted from the Ukrainian Air Force's figures."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def run() -> Any:
    """Entry point of the console script."""
    return main(obj={})
