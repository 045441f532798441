"""The lines under a published bulletin: where it comes from, how sure it is, and what changed since.

The words are in data/notes.toml (one table per language); numbers and dates go through the
bulletin's Babel helpers, so "1 234" and "7 juin 2026" read as the bulletin above them does.
"""

from __future__ import annotations

import tomllib
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from babel.dates import format_time

from skytally.bulletin import wording
from skytally.bulletin.lexicon import load_lexicon
from skytally.bulletin.model import Lang
from skytally.watch.sanity import KYIV


@cache
def load_notes() -> dict[str, dict[str, Any]]:
    """Return the watch's lines per language (data/notes.toml)."""
    return tomllib.loads(resources.files("skytally.watch.data").joinpath("notes.toml").read_text("utf-8"))


def format_moment(moment: str | datetime, lang: Lang) -> str:
    """Return a moment as the language writes it, in Kyiv time: "June 7, 2026 08:40"."""
    when = datetime.fromisoformat(moment) if isinstance(moment, str) else moment
    local = when.astimezone(KYIV)
    clock = format_time(local.timetz(), load_lexicon(lang).dates["time"], locale=lang)
    return f"{wording.format_long_date(local.date(), lang)} {clock}"


def footer_lines(item: dict[str, Any], lang: Lang) -> list[str]:
    """Return the lines under the item's bulletin: source, status, then each change, oldest first."""
    notes = load_notes()[lang]
    source = item["source"]
    lines = [
        notes["source"].format(
            post_url=source["post_url"],
            posted=format_moment(source["posted_at"], lang) if source["posted_at"] else notes["unknown"],
            version=source["skytally_version"],
            parser=source["parser_version"],
            read=format_moment(source["read_at"], lang),
        )
    ]
    status = item["status"]
    if status == "disputed":
        lines.append(notes["disputed"].format(differences=_differences(item["dataset"]["differences"], lang)))
    else:
        lines.append(notes[status])
    lines += [change_line(change, lang) for change in item["changes"]]
    return lines


def change_line(change: dict[str, Any], lang: Lang) -> str:
    """Return one change of an item as a sentence of the language."""
    notes = load_notes()[lang]
    moved = wording.format_names(
        [
            notes["change"].format(
                figure=notes["figure"][c["figure"]], before=_number(c["before"], lang), after=_number(c["after"], lang)
            )
            for c in change.get("changes", [])
        ],
        lang,
    )
    return notes[change["kind"]].format(
        when=format_moment(change["at"], lang),
        post_url=change.get("post_url", ""),
        changes=moved or notes["unknown"],
        differences=_differences(change.get("differences", []), lang),
    )


def _differences(differences: list[dict[str, Any]], lang: Lang) -> str:
    notes = load_notes()[lang]
    return wording.format_names(
        [
            notes["difference"].format(
                figure=notes["figure"][d["figure"]],
                dataset=_number(d["dataset"], lang),
                report=_number(d["report"], lang),
            )
            for d in differences
        ],
        lang,
    )


def _number(value: int | None, lang: Lang) -> str:
    return load_notes()[lang]["unknown"] if value is None else wording.format_number(value, lang)
