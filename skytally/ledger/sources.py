"""Sources beside the dataset: the Air Force's own reports and manual corrections, as plain records.

The ledger does not parse report text (that is ``skytally.reports``, a layer above); it stores and
uses what the parser understood, in these records. A correction is a person's fix of one figure
with its citation; it never edits the dataset's rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

ReportKind = Literal["national_morning_report", "daytime_report"]
Bound = Literal["exact", "min", "max", "approx"]


@dataclass(frozen=True, slots=True)
class ReportFigure:
    """One weapon group of a report as the ledger uses it.

    ``counted_elsewhere`` is true for a figure whose launches are already inside another one (a
    sub-count such as «79 із них - реактивні», or a destroyed line that regroups launched items):
    its launched count is never added to a total. ``subset`` is true for a sub-count only: its
    destroyed count is inside the parent's too (the 9 jet drones of «збито 310 БпЛА (9 із них -
    реактивні)»), while a regrouping destroyed line's destroyed count is the only one there is.
    """

    model: str
    model_text: str
    weapon_class: str
    category: str
    launched: int | None
    launched_bound: Bound
    destroyed: int | None
    destroyed_bound: Bound
    lost_to_ew: int | None
    counted_elsewhere: bool
    span: tuple[int, int]
    subset: bool = False


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """A report to store: what the parser understood, the text itself, and where it came from."""

    kind: ReportKind
    kyiv_date: date
    window_start: datetime | None
    window_end: datetime | None
    figures: tuple[ReportFigure, ...]
    text: str
    lang: str
    parser_version: str
    parsed_json: str
    partial: bool
    source_url: str = ""
    posted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class StoredReport:
    """A report in the store, with its id, when it was read, and the report that replaced it if any."""

    id: int
    record: ReportRecord
    text_sha256: str
    read_at: datetime
    replaced_by: int | None

    @property
    def ref(self) -> str:
        """The evidence id of this report: ``report:12``."""
        return f"report:{self.id}"


@dataclass(frozen=True, slots=True)
class Correction:
    """A manual correction of one figure of one attack, with its citation."""

    id: int
    attack_id: str
    model: str
    field: Literal["launched", "destroyed"]
    value: int
    source_url: str
    note: str
    added_at: datetime

    @property
    def ref(self) -> str:
        """The evidence id of this correction: ``correction:3``."""
        return f"correction:{self.id}"


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One figure on which the sources disagree for one attack, and the value the ledger uses."""

    attack_id: str
    figure: str
    dataset: int | None
    report: int | None
    correction: int | None
    used: Literal["dataset", "report", "correction"]
    evidence: tuple[str, ...]
