"""The ledger's plain typed records: Row (one dataset row), Attack (one wave) and load reports.

Frozen dataclasses with no behaviour beyond derived views, so that context, bulletins and the
claim checker can take them as values. Field names are the glossary's (docs/glossary.md) and the
JSON output's.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

ReporterKind = Literal["national", "regional", "other"]
SourceKind = Literal["dataset", "report", "correction"]


@dataclass(frozen=True, slots=True)
class Row:
    """One row of the dataset as loaded: its original values and line, plus normalised fields.

    ``start`` and ``end`` are timezone-aware Europe/Kyiv times; a date written without a time is
    a whole-day window (00:00 to 24:00), flagged by ``start_has_time`` / ``end_has_time``.
    ``weapon_class`` is None when the taxonomy does not know the model (``doctor`` lists those).
    """

    id: int
    line: int
    version_sha256: str
    start: datetime
    end: datetime
    start_has_time: bool
    end_has_time: bool
    model_raw: str
    models: tuple[str, ...]
    weapon_class: str | None
    category: str | None
    combined: bool
    launched: int | None
    destroyed: int | None
    not_reach_goal: int | None
    still_attacking: int | None
    hit_locations: int | None
    debris_locations: int | None
    launch_places: tuple[str, ...]
    target: str
    target_main: str
    carrier: str
    affected_regions: tuple[str, ...]
    destroyed_details: dict[str, int | None]
    launched_details: dict[str, int]
    launch_place_details: dict[str, str]
    reporter: str
    reporter_kind: ReporterKind
    source: str
    source_url: str
    # The original cells as JSON text, parsed only when asked for (`raw`): most reads never need them.
    raw_json: str = field(repr=False)

    @property
    def raw(self) -> dict[str, str]:
        """The row's original cells, by column name, exactly as the file had them."""
        return json.loads(self.raw_json)

    @property
    def model(self) -> str:
        """The model id (models joined by " + " for a combined row), or the raw string if unknown."""
        return " + ".join(self.models) if self.models else self.model_raw

    @property
    def ref(self) -> str:
        """The evidence id of this row: dataset version and file line, e.g. ``7d594ff6:958``."""
        return f"{self.version_sha256[:8]}:{self.line}"


@dataclass(frozen=True, slots=True)
class AttackFigure:
    """One weapon model's figures within an attack, with the rows (or report lines) behind them."""

    model: str
    weapon_class: str | None
    category: str | None
    combined: bool
    launched: int | None
    destroyed: int | None
    not_reach_goal: int | None
    lost_to_ew: int | None
    launch_places: tuple[str, ...]
    source: SourceKind
    evidence: tuple[str, ...]
    # True for a figure whose launches are inside another figure's count (a report's destroyed line
    # that regroups launched items, or a sub-count): its launched is None by design, not unknown.
    counted_elsewhere: bool = False
    # True for a sub-count's figure: its destroyed count is inside another figure's too, so it is
    # shown but never added to a destroyed total.
    destroyed_counted_elsewhere: bool = False


@dataclass(frozen=True, slots=True)
class Attack:
    """One wave as the national Air Force reports it, dated by the Kyiv morning it ended.

    ``id`` is the date (``2025-08-21``) for the first attack that ended on that date and
    ``2025-08-21#2`` for a later one (a daytime wave after the morning report). Totals count
    drones and missiles only; guided bombs are kept apart in ``bombs``. A figure whose launched
    count is unknown (None) adds nothing and is named in ``warnings``.
    """

    id: str
    date: date
    start: datetime
    end: datetime
    figures: tuple[AttackFigure, ...]
    drones: int
    missiles: int
    bombs: int
    drones_destroyed: int
    missiles_destroyed: int
    launched_by_class: dict[str, int]
    destroyed_by_class: dict[str, int]
    launch_places: tuple[str, ...]
    affected_regions: tuple[str, ...]
    destroyed_by_direction: dict[str, int]
    source_urls: tuple[str, ...]
    source: SourceKind
    row_ids: tuple[int, ...]
    regional_rows: tuple[int, ...]
    warnings: tuple[str, ...]

    @property
    def total(self) -> int:
        """Drones plus missiles launched: the figure a headline calls "drones and missiles"."""
        return self.drones + self.missiles

    @property
    def destroyed(self) -> int:
        """Drones plus missiles shot down or suppressed."""
        return self.drones_destroyed + self.missiles_destroyed

    def to_dict(self) -> dict[str, Any]:
        """Return the attack as JSON-ready plain data (dates as ISO strings), with its total."""
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["start"] = self.start.isoformat()
        data["end"] = self.end.isoformat()
        data["total"] = self.total
        data["destroyed"] = self.destroyed
        return data


@dataclass(frozen=True, slots=True)
class Rejected:
    """A row that could not be loaded, kept with its reason (the same message the error carries)."""

    line: int
    field: str
    value: str
    reason: str


@dataclass(frozen=True, slots=True)
class RowChange:
    """One difference between two dataset versions: a row added, removed, or one field edited."""

    change: Literal["added", "removed", "edited"]
    row_key: str
    line_old: int | None
    line_new: int | None
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


@dataclass(frozen=True, slots=True)
class LoadReport:
    """What one `update` did: the version loaded, rows kept and rejected, and what changed."""

    file_name: str
    sha256: str
    origin: str
    rows: int
    rejected: tuple[Rejected, ...]
    changes: tuple[RowChange, ...]
    unchanged: bool
    previous_sha256: str | None

    @property
    def added(self) -> int:
        """Rows new in this version."""
        return sum(1 for c in self.changes if c.change == "added")

    @property
    def removed(self) -> int:
        """Rows gone from this version."""
        return sum(1 for c in self.changes if c.change == "removed")

    @property
    def edited_rows(self) -> int:
        """Rows present in both versions with at least one field changed."""
        return len({c.row_key for c in self.changes if c.change == "edited"})


@dataclass(frozen=True, slots=True)
class DatasetVersion:
    """A dataset file loaded into the store."""

    id: int
    file_name: str
    sha256: str
    origin: str
    loaded_at: datetime
    rows: int
    rejected: int
    current: bool


__all__ = [
    "Attack",
    "AttackFigure",
    "DatasetVersion",
    "LoadReport",
    "Rejected",
    "ReporterKind",
    "Row",
    "RowChange",
    "SourceKind",
    "date",
]
