"""What kind of post a text is, the day it reports on and the window it covers.

The posts give dates without a year («У ніч на 02 липня (з 18:00 01 липня)»). The year comes from
the day the post was published: the report's date is the latest date with that day and month not
after the publication day + 1 (a report is posted the morning the night ends, and a clock near
midnight may put the post on the day before). The window start is then the latest such date not
after the report's date, so «У ніч на 1 січня (з 18:00 31 грудня)» crosses the new year.

A date the text gets wrong (a start that is not the evening before) is kept as written and
reported in a warning: detected, not silently trusted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from skytally.reports._lexicon import Lexicon
from skytally.reports.model import Kind, Window

_ONE_DAY = dt.timedelta(days=1)


@dataclass(slots=True)
class Header:
    """The sentence that makes a post a report: its kind, date, window and where it ends."""

    kind: Kind
    kyiv_date: dt.date | None
    window: Window
    start: int
    end: int
    warnings: list[str] = field(default_factory=list)


def kyiv_offset(moment: dt.datetime) -> dt.timezone:
    """Return Kyiv's UTC offset at a local wall-clock time (EET, EEST in summer, EU rules).

    Computed, not read from the system's time-zone database, so the parser is pure and gives
    the same result on every machine.

    >>> kyiv_offset(dt.datetime(2025, 8, 21, 9, 0))
    datetime.timezone(datetime.timedelta(seconds=10800))
    >>> kyiv_offset(dt.datetime(2026, 1, 1, 9, 0)).utcoffset(None).total_seconds() / 3600
    2.0
    """

    def last_sunday(year: int, month: int) -> dt.date:
        day = dt.date(year, month, 31)
        return day - dt.timedelta(days=(day.weekday() + 1) % 7)

    summer_start = dt.datetime.combine(last_sunday(moment.year, 3), dt.time(3, 0))
    summer_end = dt.datetime.combine(last_sunday(moment.year, 10), dt.time(4, 0))
    hours = 3 if summer_start <= moment.replace(tzinfo=None) < summer_end else 2
    return dt.timezone(dt.timedelta(hours=hours))


def resolve_date(day: int, month: int, year: int | None, not_after: dt.date) -> dt.date | None:
    """Return the date a day and month name: with its year if given, else the latest not after.

    >>> resolve_date(1, 1, None, dt.date(2026, 1, 2))
    datetime.date(2026, 1, 1)
    >>> resolve_date(31, 12, None, dt.date(2026, 1, 1))
    datetime.date(2025, 12, 31)
    >>> resolve_date(31, 6, None, dt.date(2026, 7, 1)) is None
    True
    """
    if year is not None:
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    for candidate in range(not_after.year, not_after.year - 8, -1):
        try:
            date = dt.date(candidate, month, day)
        except ValueError:
            continue
        if date <= not_after:
            return date
    return None


def _group(match: re.Match[str], name: str) -> str | None:
    try:
        return match.group(name)
    except IndexError:
        return None


def _date(
    match: re.Match[str], prefix: str, lexicon: Lexicon, not_after: dt.date, warnings: list[str]
) -> dt.date | None:
    day = _group(match, f"{prefix}_day") or _group(match, f"{prefix}_day2")
    month = _group(match, f"{prefix}_month") or _group(match, f"{prefix}_month2")
    if day is None or month is None:
        return None
    year = _group(match, f"{prefix}_year")
    date = resolve_date(int(day), lexicon.months[month.casefold()], int(year) if year else None, not_after)
    if date is None:
        warnings.append(f"no such date: {day} {month}{' ' + year if year else ''}")
    return date


def _time(match: re.Match[str], prefix: str, warnings: list[str]) -> dt.time | None:
    hour, minute = _group(match, f"{prefix}_h"), _group(match, f"{prefix}_m")
    if hour is None or minute is None:
        return None
    if int(hour) > 23 or int(minute) > 59:
        warnings.append(f"no such time: {hour}:{minute}")
        return None
    return dt.time(int(hour), int(minute))


def _moment(date: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if date is None or time is None:
        return None
    naive = dt.datetime.combine(date, time)
    return naive.replace(tzinfo=kyiv_offset(naive))


def find_header(text: str, lexicon: Lexicon, reference: dt.date) -> Header | None:
    """Return the report header of a (folded) text, or None when the text is not a report.

    Refused: a text matching a refusal pattern (a regional «Уточнена інформація»), a text whose
    dated sentence does not start a paragraph, and one in which no one attacks.
    """
    if any(p.search(text) for p in lexicon.kinds.get("refuse", [])):
        return None
    found: list[tuple[int, Kind, re.Match[str]]] = []
    for kind_key, kind in (("morning", "national_morning_report"), ("daytime", "daytime_report")):
        for pattern in lexicon.kinds.get(kind_key, []):
            match = pattern.search(text)
            if match is not None:
                found.append((match.start(), kind, match))  # type: ignore[arg-type]
    if not found:
        return None
    _, kind, match = min(found, key=lambda f: f[0])
    if not any(p.search(text, match.start()) for p in lexicon.kinds.get("verbs", [])):
        return None
    warnings: list[str] = []
    date = _date(match, "d", lexicon, reference + _ONE_DAY, warnings)
    start_time = _time(match, "s", warnings)
    start_date: dt.date | None
    if kind == "daytime_report":
        start_date = date
        end_date, end_time = date, _time(match, "e", warnings)
    else:
        stated = _date(match, "s", lexicon, date, warnings) if date else None
        start_date = stated or (date - _ONE_DAY if date and start_time else None)
        if stated is not None and date is not None and not (date - _ONE_DAY <= stated <= date):
            warnings.append(
                f"the window starts {stated.isoformat()}, not the evening before "
                f"{date.isoformat()}: a typo in the report's dates?"
            )
        end_date, end_time = date, None
        for pattern in lexicon.window_end:
            end_match = pattern.search(text, match.end())
            if end_match is not None:
                end_time = _time(end_match, "e", warnings)
                if date is not None:
                    end_date = _date(end_match, "e", lexicon, date + _ONE_DAY, warnings) or date
                break
    window = Window(_moment(start_date, start_time), _moment(end_date, end_time))
    if window.start and window.end and window.start >= window.end:
        warnings.append("the window ends before it starts: a typo in the report's times?")
    return Header(kind, date, window, match.start(), match.end(), warnings)
