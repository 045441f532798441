"""A parsed report -> the ledger's ReportRecord, and the year a report without one belongs to.

The Air Force writes «У ніч на 21 серпня» with no year. The parser resolves it against a reference
date; ``guess_reference_date`` picks that date from what the user gave, the file's name, or the
dataset (the year whose attack on that day has the same drone count), in that order, and says which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from skytally.errors import ReportParseError
from skytally.ledger.model import Attack
from skytally.ledger.sources import ReportFigure, ReportRecord
from skytally.ledger.taxonomy import load_taxonomy
from skytally.reports.model import Count, ParsedReport
from skytally.reports.parse import parse_report

_DATE_IN_NAME = re.compile(r"(20\d\d)-(\d\d)-(\d\d)")
# A morning report is 1-4 kB; anything much longer is not one post, and free text from outside is
# hostile input: refuse it before parsing.
MAX_REPORT_CHARS = 20_000


class ReportRefusedError(ReportParseError):
    """A text that is not a report, or one only half read (without --accept-partial)."""


def check_text(text: str) -> str:
    """Return the text if it can be a report post; refuse empty or oversized input.

    Raises:
        ReportRefusedError: the text is empty or longer than MAX_REPORT_CHARS.
    """
    if not text.strip():
        raise ReportRefusedError("the text is empty; nothing was stored")
    if len(text) > MAX_REPORT_CHARS:
        raise ReportRefusedError(
            f"the text has {len(text):,} characters; a report post has at most {MAX_REPORT_CHARS:,}",
            hint="give one post at a time; nothing was stored",
        )
    return text


@dataclass(frozen=True, slots=True)
class YearChoice:
    """The reference date a report was read against, and why."""

    reference: date
    reason: str


def guess_reference_date(
    text: str, *, given: date | None, file_name: str | None, dataset: Callable[[], Sequence[Attack]], today: date
) -> YearChoice:
    """Return the reference date to resolve a report's missing year against, with the reason.

    ``dataset`` is called only when neither a date nor the file's name gives the year.
    """
    if given is not None:
        return YearChoice(given, f"the date given ({given.isoformat()})")
    match = _DATE_IN_NAME.search(file_name or "")
    if match:
        try:
            named = date(*map(int, match.groups()))
            return YearChoice(named, f"the date in the file's name ({named.isoformat()})")
        except ValueError:
            pass
    first = parse_report(text, reference_date=today)
    if first.kyiv_date is not None and first.totals.launched_drones is not None:
        drones = first.totals.launched_drones.value
        same = [
            a
            for a in dataset()
            if (a.date.month, a.date.day) == (first.kyiv_date.month, first.kyiv_date.day) and a.drones == drones
        ]
        if len({a.date.year for a in same}) == 1:
            found = same[0].date
            return YearChoice(found, f"the dataset's attack of {found.isoformat()} has the same {drones} drones")
    return YearChoice(today, f"today ({today.isoformat()}): the latest such date not in the future")


def to_record(
    parsed: ParsedReport,
    text: str,
    *,
    accept_partial: bool = False,
    source_url: str = "",
    posted_at: datetime | None = None,
) -> ReportRecord:
    """Return the ledger record of a parsed report.

    Raises:
        ReportRefusedError: the text is not a report, or some phrases could not be placed and
            ``accept_partial`` is false (the message lists them).
    """
    if parsed.kind == "not_a_report" or parsed.kyiv_date is None:
        raise ReportRefusedError(
            "this text is not an Air Force report of an attack (an alert, a tracking post, a threat or "
            "another kind of post); nothing was stored",
        )
    if parsed.unplaced and not accept_partial:
        phrases = "; ".join(f"{u.text!r} at {u.span[0]}-{u.span[1]} ({u.reason})" for u in parsed.unplaced)
        raise ReportRefusedError(
            f"the report could only be half read: {len(parsed.unplaced)} phrase(s) not placed: {phrases}",
            hint="check them; pass --accept-partial to store what was read",
        )
    taxonomy = load_taxonomy()
    figures = tuple(
        ReportFigure(
            model=f.model,
            model_text=f.model_text,
            weapon_class=f.weapon_class,
            category=taxonomy.category_of(f.weapon_class),
            launched=_value(f.launched),
            launched_bound=_bound(f.launched),
            destroyed=_value(f.destroyed),
            destroyed_bound=_bound(f.destroyed),
            lost_to_ew=_value(f.ew_lost),
            counted_elsewhere=f.subset_of is not None or f.launched_counted_in is not None,
            span=f.span,
            subset=f.subset_of is not None,
        )
        for f in parsed.figures
    )
    import json

    window = parsed.window
    return ReportRecord(
        kind=parsed.kind,
        kyiv_date=parsed.kyiv_date,
        window_start=window.start if window else None,
        window_end=window.end if window else None,
        figures=figures,
        text=text,
        lang=parsed.lang,
        parser_version=parsed.parser_version,
        parsed_json=json.dumps(parsed.to_dict(), ensure_ascii=False),
        partial=bool(parsed.unplaced),
        source_url=source_url,
        posted_at=posted_at,
    )


def _value(count: Count | None) -> int | None:
    return None if count is None else count.value


def _bound(count: Count | None) -> str:
    return "exact" if count is None else count.bound
