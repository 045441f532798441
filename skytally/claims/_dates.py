"""Dates in article text: the night an attack ended, and the periods ranks, records and sums cover.

A night is the Kyiv morning the attack ended (the ledger's date). Relative words ("cette nuit",
"on Sunday", "у ніч на четвер") are resolved against the publication date: the latest such day on
or before it. Without a publication date only explicit dates with a year can be resolved.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from skytally.claims._text import find_phrase, has_phrase
from skytally.claims.lexicon import Lexicon, load_lexicon

_DAY = r"(?<!\d)(\d{1,2})(?!\d)(?:er|st|nd|rd|th)?"


def latest_weekday(weekday: int, on_or_before: date) -> date:
    """Return the latest date with a weekday (0 = Monday) on or before a day.

    >>> latest_weekday(3, date(2025, 8, 21)), latest_weekday(6, date(2025, 8, 21))
    (datetime.date(2025, 8, 21), datetime.date(2025, 8, 17))
    """
    return on_or_before - timedelta(days=(on_or_before.weekday() - weekday) % 7)


def _month_at(low: str, pos: int, lexicon: Lexicon) -> tuple[int, int] | None:
    """Return (month, end) when a month name starts at pos (a stem for Ukrainian)."""
    for name, month in _months_longest_first(lexicon.lang):
        if low.startswith(name, pos):
            end = pos + len(name)
            while end < len(low) and low[end].isalpha():
                end += 1
            if lexicon.lang != "uk" and end != pos + len(name) and not low[pos:end].startswith(name + "."):
                continue
            return month, end
    return None


def find_day_months(low: str, lexicon: Lexicon) -> list[tuple[int, int, int, int | None]]:
    """Return (start, day, month, year or None) for each "21 août" / "August 21" / "21 серпня"."""
    found: list[tuple[int, int, int, int | None]] = []
    for match in re.finditer(_DAY + r"\s+", low):
        month = _month_at(low, match.end(), lexicon)
        if month:
            year = re.match(r"[\s,]+(\d{4})", low[month[1] :])
            found.append((match.start(), int(match.group(1)), month[0], int(year.group(1)) if year else None))
    for match in _month_first(lexicon.lang).finditer(low):
        day = int(match.group(3) or match.group(2))
        year = re.match(r"[\s,]+(\d{4})", low[match.end() :])
        found.append((match.start(), day, lexicon.months[match.group(1)], int(year.group(1)) if year else None))
    return sorted(found)


@cache
def _months_longest_first(lang: str) -> tuple[tuple[str, int], ...]:
    """The month names of a language, longest first (so "juillet" is tried before "juil")."""
    return tuple(sorted(load_lexicon(lang).months.items(), key=lambda kv: -len(kv[0])))


@cache
def _month_first(lang: str) -> re.Pattern[str]:
    """The pattern of "August 21", "August 20-21" in a language (compiled once)."""
    names = sorted(load_lexicon(lang).months, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, names)) + r")\.?\s+" + _DAY + r"(?:\s*[-–]\s*(\d{1,2}))?")


@cache
def _weekday_pattern(lang: str) -> re.Pattern[str]:
    """The pattern of a weekday name (a stem in Ukrainian), compiled once per language."""
    names = sorted(load_lexicon(lang).weekdays, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(map(re.escape, names)) + ")")


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A day and month named in a sentence, resolved to a date, and how the words before it read it."""

    start: int
    end: int
    day: date
    since: bool  # "since 9 July", "з 9 липня", "après celle du 6 décembre": a period or a reference
    range_part: bool  # "from 1 to 7 September", "entre le 1er et le 7": one end of a window


_DATE_TAIL = re.compile(r"\.?(?:\s*[,]?\s*\d{4})?")


def find_dates(low: str, lexicon: Lexicon, published: date | None) -> list[DateSpan]:
    """Return the resolved day-month dates of a sentence, each with whether it opens a period."""
    spans: list[DateSpan] = []
    for start, day, month, year in find_day_months(low, lexicon):
        when = make_date(day, month, year, published)
        if when is None:
            continue
        match = re.match(r"[^\s,.;:()]*", low[start:])
        end = start + (match.end() if match else 0)
        # the month word (and a year) after the day number, or the day after the month name
        tail = re.match(r"\s*\w+" + _DATE_TAIL.pattern, low[end:])
        end = end + tail.end() if tail else end
        before = low[max(0, start - 24) : start]
        since = any(
            re.search(r"(?<!\w)" + re.escape(word.strip()) + r"(?:\s+(?:le|la|l'|the))?\s*$", before)
            for word in (*lexicon.phrases("since"), *lexicon.phrases("after_ref"))
        )
        range_words = lexicon.phrases("date_range")
        after = low[end : end + 12]
        range_part = any(
            re.search(r"(?<!\w)" + re.escape(w) + r"(?:\s+(?:le|la|l'|the))?\s*$", before) for w in range_words
        )
        range_part = range_part or any(after.lstrip().startswith(w.strip() + " ") for w in range_words if w.strip())
        # "(з 18:00 6 вересня)": the opening of a report window, not a night
        range_part = range_part or re.search(r"\d{1,2}[:.]\d{2}\s*$", before) is not None
        spans.append(DateSpan(start, end, when, since, range_part))
    return spans


def make_date(day: int, month: int, year: int | None, published: date | None) -> date | None:
    """Return the date of a day and month, the year taken from the text or the publication date."""
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        return candidate if candidate <= published else date(year - 1, month, day)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_night(low: str, lexicon: Lexicon, published: date | None, *, weekday_alone: bool) -> date | None:
    """Return the night a sentence names explicitly, or None.

    "la nuit de mercredi à jeudi" -> the Thursday; "у ніч на 21 серпня" -> 21 Aug; "overnight" ->
    the publication date; "la veille" -> the day before it. ``weekday_alone`` lets "on Sunday"
    name the night (only in sentences that count weapons).
    """
    night_of = find_phrase(low, lexicon.nights.get("night_of", ()))
    if night_of is not None:
        rest = low[night_of[0] + len(night_of[1]) : night_of[0] + len(night_of[1]) + 60]
        dates = find_day_months(rest, lexicon)
        if dates:
            # "у ніч на 7 вересня (з 18:00 6 вересня)": the first date; "the night of 20 August to
            # 21 August": the second, joined to the first by a range word.
            chosen = dates[0]
            between = rest[dates[0][0] : dates[1][0]] if len(dates) > 1 else ""
            if between and re.search(r"(?:\s(?:au|to|into|на|до)|[-–])\s*$", between):
                chosen = dates[1]
            _, day, month, year = chosen
            return make_date(day, month, year, published)
        # "du 20 au 21 août": the last day number before the month
        span = re.match(r"\s*(?:du\s+)?(\d{1,2})\s*(?:au|-|–|to|на)\s*(\d{1,2})\s+", rest)
        if span:
            month = _month_at(rest, span.end(), lexicon)
            if month:
                return make_date(int(span.group(2)), month[0], None, published)
        weekdays = _weekdays(rest, lexicon)
        if weekdays and published is not None:
            return latest_weekday(weekdays[-1], published)
    if published is None:
        return None
    if has_phrase(low, lexicon.nights.get("previous", ())):
        return published - timedelta(days=1)
    if has_phrase(low, lexicon.nights.get("tonight", ())):
        weekdays = _weekdays(low, lexicon)
        return latest_weekday(weekdays[-1], published) if weekdays else published
    if weekday_alone:
        weekdays = _weekdays(low, lexicon)
        if len(weekdays) == 1:
            return latest_weekday(weekdays[0], published)
    return None


def _weekdays(low: str, lexicon: Lexicon) -> list[int]:
    return [lexicon.weekdays[match.group(1)] for match in _weekday_pattern(lexicon.lang).finditer(low)]


def find_month_window(low: str, lexicon: Lexicon, night: date) -> dict[str, Any] | None:
    """Return the window of a named month a sum covers: "in July", "en juillet", "у липні", "this month".

    The month is the latest one on or before the night (so "in December" read in January is the
    December before). A month not over yet ends at the night. None when no month is named so.
    """
    this_month = find_phrase(low, lexicon.phrases("this_month"))
    if this_month is not None:
        first = night.replace(day=1)
        return {"label": this_month[1], "first": first.isoformat(), "last": night.isoformat(), "month": True}
    for prep in lexicon.phrases("in_month"):
        pos = low.find(prep)
        while pos >= 0:
            if pos == 0 or not low[pos - 1].isalnum():
                at = pos + len(prep)
                month = _month_at(low, at, lexicon)
                if month is not None:
                    year_match = re.match(r"\s*,?\s*(\d{4})(?!\d)", low[month[1] :])
                    year = int(year_match.group(1)) if year_match else None
                    if year is None:
                        year = night.year if month[0] <= night.month else night.year - 1
                    first, last = month_part(month[0], year, "whole")
                    if first > night:
                        return None
                    label = low[pos : month[1]]
                    last = min(last, night)
                    return {"label": label, "first": first.isoformat(), "last": last.isoformat(), "month": True}
            pos = low.find(prep, pos + 1)
    return None


def month_part(month: int, year: int, part: str) -> tuple[date, date]:
    """Return the days of early (1-10), mid (11-20), late (21-end) or a whole month."""
    last = calendar.monthrange(year, month)[1]
    first, end = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}.get(part, (1, last))
    return date(year, month, first), date(year, month, end)


def find_since(low: str, lexicon: Lexicon, night: date | None, events: dict[str, Any]) -> dict[str, Any] | None:
    """Return the period a "since ..." phrase names: an event, a part of a month, a date.

    The result holds ``label``, ``from`` and ``to`` (the days the period may mean) and ``event``.
    """
    if night is None:
        return None
    for phrase_key, kind in (("year_start", "year"), ("month_start", "month")):
        hit = find_phrase(low, lexicon.phrases(phrase_key))
        if hit:
            first = date(night.year, 1, 1) if kind == "year" else night.replace(day=1)
            return {"label": hit[1], "from": first, "to": first, "event": None, "start_of": kind}
    for since in lexicon.phrases("since"):
        for match in re.finditer(r"(?<!\w)" + re.escape(since), low):
            rest = low[match.end() : match.end() + 80]
            period = _period(rest, lexicon, night, events)
            if period is not None:
                period["label"] = (since + rest).strip()[:60]
                return period
    return None


def _period(rest: str, lexicon: Lexicon, night: date, events: dict[str, Any]) -> dict[str, Any] | None:
    if re.match(r"\s*\d{1,2}[:.]\d{2}(?!\d)", rest):
        return None  # "з 18:00 6 вересня": the hour a report window opens, not a period
    for event_id, words in lexicon.events.items():
        hit = find_phrase(rest, words)
        if hit and hit[0] < 50 and event_id in events:
            day = events[event_id].date
            return {"from": day, "to": day, "event": event_id}
    dates = find_day_months(rest[:30], lexicon)
    if dates and dates[0][0] < 8:
        _, day, month, year = dates[0]
        when = make_date(day, month, year, night)
        if when:
            return {"from": when, "to": when, "event": None}
    for part, words in lexicon.vague_dates.items():
        for word in words:
            pos = rest.find(word)
            if 0 <= pos < 12:
                after = pos + len(word)
                after += len(rest[after:]) - len(rest[after:].lstrip(" '’-"))
                for la in ("la ", "le ", "l'"):
                    if rest.startswith(la, after):
                        after += len(la)
                month = _month_at(rest, after, lexicon)
                if month:
                    year = night.year if month[0] <= night.month else night.year - 1
                    first, last = month_part(month[0], year, part)
                    return {"from": first, "to": last, "event": None}
    start = len(rest) - len(rest.lstrip())
    for la in ("la ", "le ", "l'", "début "):
        if rest.startswith(la, start):
            start += len(la)
    month = _month_at(rest, start, lexicon)
    if month and start < 6:
        written = re.match(r"\s*,?\s*(\d{4})(?!\d)", rest[month[1] :])
        year = night.year if month[0] <= night.month else night.year - 1
        year = int(written.group(1)) if written else year
        first, last = month_part(month[0], year, "whole")
        return {"from": first, "to": last, "event": None}
    return None
