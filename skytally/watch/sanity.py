"""The checks a report must pass before the watch publishes it: pure functions that return a reason.

Automated news fails by publishing a stale or false event as new. Each check here answers "why
not publish this?" with one sentence a person can read in the log, or ``None`` when the post may
go on. The clock is a parameter (``now``), never read here, so tests pin it.

    >>> from skytally.reports import Count, ParsedReport, Totals
    >>> totals = Totals(destroyed_drones=Count(92), destroyed_missiles=Count(3), destroyed_targets=Count(96))
    >>> check_arithmetic(ParsedReport("national_morning_report", "uk", None, None, (), totals))
    'fails its own arithmetic: it says 96 targets destroyed, its items add up to 95'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo

from skytally.ledger.sources import ReportRecord, StoredReport
from skytally.reports import Count, ParsedReport, parse_report
from skytally.reports.channel import ChannelPost, PostReading, read_post
from skytally.reports.ingest import ReportRefusedError, to_record

KYIV = ZoneInfo("Europe/Kyiv")
# A report older than this is old news: publishing it as new is the failure this module exists for.
MAX_AGE = timedelta(hours=48)
# Telegram's clock and ours may differ a little; a post "from the future" beyond this is refused.
CLOCK_SLACK = timedelta(minutes=10)
# The Air Force posts a report a few minutes either side of its «станом на 09:00»; a window that
# closes more than this after now is a report from the future.
WINDOW_END_SLACK = timedelta(hours=1)
# The report's own window times, when the text gives none: the morning report closes around 09:00,
# a daytime report around 18:00 (Kyiv time).
DEFAULT_END = {"national_morning_report": time(9), "daytime_report": time(18)}


@dataclass(frozen=True, slots=True)
class Markers:
    """The watch's word lists (data/markers.toml), compiled."""

    correction_header: tuple[re.Pattern[str], ...]
    regional: tuple[re.Pattern[str], ...]
    correction: tuple[re.Pattern[str], ...]
    interim_update: tuple[re.Pattern[str], ...]


@cache
def load_markers() -> Markers:
    """Return the compiled patterns of data/markers.toml (read once)."""
    raw = tomllib.loads(resources.files("skytally.watch.data").joinpath("markers.toml").read_text("utf-8"))

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw[key])

    return Markers(*(compiled(k) for k in ("correction_header", "regional", "correction", "interim_update")))


def blank_correction_header(text: str) -> str | None:
    """Return the text with a national correction header («Уточнена інформація») blanked, else None.

    The header is replaced by spaces of the same length, so the parser's spans still point into
    the original text (which is what is stored). A header naming a region or a regional command
    is left alone: such a post is a regional tally, not the national report.

    >>> blank_correction_header("❗️ Уточнена інформація\\nУ ніч на 7 червня ...").lstrip()
    'У ніч на 7 червня ...'
    >>> blank_correction_header("Уточнена інформація по обстрілу Одещини\\nУ ніч на 9 серпня") is None
    True
    """
    markers = load_markers()
    first, newline, rest = text.partition("\n")
    if not newline or not any(p.search(first) for p in markers.correction_header):
        return None
    if any(p.search(first) for p in markers.regional):
        return None
    return " " * len(first) + newline + rest


def is_correction(text: str) -> bool:
    """Whether the post says it corrects an earlier report («за уточненими даними», «уточнена інформація»)."""
    return any(p.search(text) for p in load_markers().correction)


def is_interim_update(parsed: ParsedReport, text: str) -> bool:
    """Whether a daytime report is an interim update («ворог продовжує атакувати»): the final one follows."""
    return parsed.kind == "daytime_report" and any(p.search(text) for p in load_markers().interim_update)


def report_moment(parsed: ParsedReport) -> datetime | None:
    """Return when the report's window closed (Kyiv time), or the usual closing time of its date."""
    if parsed.window is not None and parsed.window.end is not None:
        return parsed.window.end
    if parsed.kyiv_date is None:
        return None
    return datetime.combine(parsed.kyiv_date, DEFAULT_END.get(parsed.kind, time(9)), KYIV)


def check_dates(
    parsed: ParsedReport, posted_at: datetime, now: datetime, *, max_age: timedelta = MAX_AGE
) -> str | None:
    """Return why the report's dates forbid publishing it now, or None.

    Refused: a post published after ``now`` (a clock out of step); a report dated after today,
    or whose window starts after ``now`` or closes more than an hour after it; a report whose
    window closed more than ``max_age`` ago; a report dated more than a day from the day it was
    posted (a typo in its date); a window that ends before it starts.
    """
    day = parsed.kyiv_date
    if day is None:
        return "it states no date"
    stated = f"dated {day.isoformat()}"
    if posted_at > now + CLOCK_SLACK:
        return f"posted {posted_at.isoformat()}, after now ({now.isoformat()}): check the clock"
    today = now.astimezone(KYIV).date()
    window = parsed.window
    starts_later = window is not None and window.start is not None and window.start > now + CLOCK_SLACK
    ends_later = window is not None and window.end is not None and window.end > now + WINDOW_END_SLACK
    if day > today or starts_later or ends_later:
        return f"{stated}, in the future (today is {today.isoformat()})"
    posted_day = posted_at.astimezone(KYIV).date()
    if abs((day - posted_day).days) > 1:
        return f"{stated} but posted {posted_day.isoformat()}: a typo in its date?"
    if window is not None and window.start is not None and window.end is not None and window.start > window.end:
        return f"{stated}: its window ends before it starts (a typo in its times?)"
    moment = report_moment(parsed)
    if moment is not None and now - moment > max_age:
        hours = int(max_age.total_seconds() // 3600)
        return f"{stated}, older than {hours} h"
    return None


def check_arithmetic(parsed: ParsedReport) -> str | None:
    """Return how the report fails its own arithmetic, or None.

    Checked where the text gives exact numbers: the targets it says were destroyed («збито 177
    цілей», or the headline's) against its destroyed drones plus missiles; the means it says were
    launched («570 засобів») against its launched drones plus missiles; the headline against the
    body (the parser's warning); and no weapon group with more shot down and lost to electronic
    warfare than launched.
    """
    totals = parsed.totals
    pairs = (
        ("destroyed", totals.destroyed_targets, totals.destroyed_drones, totals.destroyed_missiles),
        ("launched", totals.launched_targets, totals.launched_drones, totals.launched_missiles),
    )
    for verb, stated, drones, missiles in pairs:
        parts = _exact(drones, missiles)
        if stated is not None and stated.bound == "exact" and parts is not None and stated.value != sum(parts):
            return f"fails its own arithmetic: it says {stated.value} targets {verb}, its items add up to {sum(parts)}"
    for warning in parsed.warnings:
        if warning.startswith("the headline says"):
            return f"fails its own arithmetic: {warning}"
    for figure in parsed.figures:
        if figure.subset_of is not None or figure.launched_counted_in is not None:
            continue
        counts = _exact(figure.launched, figure.destroyed)
        if counts is None:
            continue
        launched, destroyed = counts
        lost = figure.ew_lost.value if figure.ew_lost is not None and figure.ew_lost.bound == "exact" else 0
        if destroyed + lost > launched:
            return (
                f"fails its own arithmetic: {figure.model_text}: {destroyed} shot down"
                + (f" and {lost} lost to electronic warfare" if lost else "")
                + f" out of {launched} launched"
            )
    return None


def _exact(*counts: Count | None) -> tuple[int, ...] | None:
    if any(c is None or c.bound != "exact" for c in counts):
        return None
    return tuple(c.value for c in counts if c is not None)


def read_for_watch(post: ChannelPost) -> PostReading:
    """Return what a channel post is, as ``report fetch`` reads it, plus the national correction.

    The parser refuses a post headed «Уточнена інформація» (usually a regional command's tally);
    when that header stands alone on the first line and names no region, the watch reads the
    rest as the Air Force's corrected report. The stored text is the post's own, header included.
    """
    reading = read_post(post)
    if reading.outcome != "not_a_report":
        return reading
    blanked = blank_correction_header(post.text)
    if blanked is None:
        return reading
    parsed = parse_report(blanked, reference_date=post.kyiv_date)
    if parsed.kind == "not_a_report":
        return reading
    try:
        record = to_record(parsed, post.text, source_url=post.url, posted_at=post.posted_at)
    except ReportRefusedError as exc:
        return PostReading(post, parsed, None, exc.message)
    return PostReading(post, parsed, record, None)


def check_ledger_reading(parsed: ParsedReport, record: ReportRecord) -> str | None:
    """Return where the ledger would count the report otherwise than the report's own totals, or None.

    The ledger turns a stored report into an attack by its own rules (``attack_from_report``).
    Before anything is published, the four figures a bulletin states must come out as the report
    gives them (where it gives them exactly); a difference is a fault of skytally, not of the
    report, and must not reach print.
    """
    from skytally.ledger.reconcile import attack_from_report

    attack = attack_from_report(StoredReport(0, record, "", datetime.now(UTC), None), "check", None)
    totals = parsed.totals
    stated = {
        "drones launched": (attack.drones, totals.launched_drones),
        "missiles launched": (attack.missiles, totals.launched_missiles),
        "drones destroyed": (attack.drones_destroyed, totals.destroyed_drones),
        "missiles destroyed": (attack.missiles_destroyed, totals.destroyed_missiles),
    }
    for name, (counted, count) in stated.items():
        if count is not None and count.bound == "exact" and counted != count.value:
            return (
                f"the ledger would count {counted} {name} where the report says {count.value} "
                "(a skytally fault, to report; the report is not published)"
            )
    return None
