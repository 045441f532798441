"""Read the Air Force's own report text (Ukrainian or English) into figures: a pure parser.

    >>> from skytally.reports import parse_report
    >>> report = parse_report(text, reference_date=datetime.date(2025, 8, 21))  # doctest: +SKIP
    >>> report.to_dict()["totals"]["launched_drones"]                            # doctest: +SKIP
    574

No I/O, no database: the CLI and the store call :func:`parse_report` and decide what to keep.
The JSON form of a :class:`ParsedReport` is documented in docs/reports.md and kept stable.
"""

from __future__ import annotations

from skytally.reports.model import (
    PARSER_VERSION,
    Count,
    Figure,
    ParsedReport,
    Totals,
    Unplaced,
    Window,
)
from skytally.reports.parse import parse_report

__all__ = [
    "PARSER_VERSION",
    "Count",
    "Figure",
    "ParsedReport",
    "Totals",
    "Unplaced",
    "Window",
    "parse_report",
]
