"""Named events a window can start from ("since the White House meeting"), from data/events.csv.

The events are data, reviewed like code: one line per event with its date, its name in three
languages, a kind and a public source. :func:`load_events` is the one loader; it refuses a
malformed file with the file, line and field at fault.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Literal, get_args

from skytally.errors import DataError, NotFoundError

EventKind = Literal["war", "diplomacy", "ceasefire", "strike"]

EVENTS_FILE = "events.csv"
COLUMNS = ("id", "date", "name_en", "name_fr", "name_uk", "kind", "source_url")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: a day, not a moment, since sources rarely give the hour in Kyiv time."""

    id: str
    date: date
    names: dict[str, str]
    kind: EventKind
    source_url: str

    def name(self, lang: str = "en") -> str:
        """Return the event's name in a language (``en``, ``fr``, ``uk``)."""
        return self.names[lang]


def parse_events(text: str, *, path: str = EVENTS_FILE) -> tuple[Event, ...]:
    """Return the events of a CSV text, oldest first.

    Raises:
        DataError: a missing column, a bad date, an unknown kind, an empty name, a source that
            is not an http(s) URL, or an id used twice; the message gives the line and field.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise DataError(
            f"missing column(s) {', '.join(missing)}", path=path, line=1, hint=f"the header must be {','.join(COLUMNS)}"
        )
    events: list[Event] = []
    seen: dict[str, int] = {}
    for line, record in enumerate(reader, start=2):
        events.append(_parse_event(record, path, line, seen))
    return tuple(sorted(events, key=lambda e: (e.date, e.id)))


def _parse_event(record: dict[str, str], path: str, line: int, seen: dict[str, int]) -> Event:
    def fail(field: str, expected: str) -> DataError:
        value = record.get(field) or ""
        return DataError(f"expected {expected}, got {value!r}", path=path, line=line, field=field, value=value)

    event_id = (record.get("id") or "").strip()
    if not _ID.match(event_id):
        raise fail("id", "a lower-case slug such as 'white-house-meeting'")
    if event_id in seen:
        raise DataError(f"id {event_id!r} already used on line {seen[event_id]}", path=path, line=line, field="id")
    seen[event_id] = line
    try:
        day = date.fromisoformat((record.get("date") or "").strip())
    except ValueError:
        raise fail("date", "a date YYYY-MM-DD") from None
    names = {lang: (record.get(f"name_{lang}") or "").strip() for lang in ("en", "fr", "uk")}
    for lang, name in names.items():
        if not name:
            raise fail(f"name_{lang}", "a name")
    kind = (record.get("kind") or "").strip()
    if kind not in get_args(EventKind):
        raise fail("kind", f"one of {', '.join(get_args(EventKind))}")
    url = (record.get("source_url") or "").strip()
    if not url.startswith(("https://", "http://")):
        raise fail("source_url", "a public http(s) URL")
    return Event(event_id, day, names, kind, url)  # type: ignore[arg-type]


def load_events() -> tuple[Event, ...]:
    """Return the events shipped with skytally (``skytally/context/data/events.csv``)."""
    text = resources.files("skytally.context.data").joinpath(EVENTS_FILE).read_text(encoding="utf-8")
    return parse_events(text, path=f"skytally/context/data/{EVENTS_FILE}")


def merge_events(
    shipped: Sequence[Event], records: Sequence[dict[str, str]], *, path: str = "store"
) -> tuple[Event, ...]:
    """Return the shipped events plus events stored by people (``Ledger.user_events()``), oldest first.

    Each record is validated as a line of events.csv would be; an id already shipped is refused.

    Raises:
        DataError: a record that events.csv would refuse, naming the record (line = its position).
    """
    seen = {e.id: 0 for e in shipped}
    added = [_parse_event(record, path, line, seen) for line, record in enumerate(records, start=1)]
    return tuple(sorted([*shipped, *added], key=lambda e: (e.date, e.id)))


def find_event(events: Sequence[Event], name: str) -> Event:
    """Return the event an id or a name names (exact id, else a unique case-insensitive match).

    Raises:
        NotFoundError: no event matches, or several do (the message lists them).
    """
    wanted = name.strip().casefold()
    exact = [e for e in events if e.id == wanted]
    if exact:
        return exact[0]
    matches = [e for e in events if wanted in e.id or any(wanted in n.casefold() for n in e.names.values())]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(e.id for e in (matches or list(events)))
    what = "several events match" if matches else "no event matches"
    raise NotFoundError(f"{what} {name!r}", hint=f"use one of: {known}")


def events_before(events: Sequence[Event], day: date, count: int) -> tuple[Event, ...]:
    """Return the ``count`` latest events strictly before ``day``, latest first."""
    return tuple(sorted((e for e in events if e.date < day), key=lambda e: e.date, reverse=True)[:count])
