"""What the report parser returns: frozen dataclasses with one JSON form each (docs/reports.md).

A count in a report is not always a number: «понад 50» is a lower bound, «близько 10» an
approximation. :class:`Count` keeps the value and says which, so nothing downstream adds a bound
to an exact figure by mistake.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["national_morning_report", "daytime_report", "not_a_report"]
Bound = Literal["exact", "min", "max", "approx"]

PARSER_VERSION = "1.0.0"

TOTAL_KEYS = (
    "launched_drones",
    "launched_missiles",
    "destroyed_drones",
    "destroyed_missiles",
    "hit_locations",
    "debris_locations",
    "destroyed_targets",
    "launched_targets",
)


@dataclass(frozen=True, slots=True)
class Count:
    """A count as the text states it: an exact number, or a bound («понад», «до», «близько»)."""

    value: int
    bound: Bound = "exact"

    def to_json(self) -> int | dict[str, int]:
        """Return the JSON form: an int when exact, else ``{"min"|"max"|"approx": N}``.

        >>> Count(7).to_json(), Count(50, "min").to_json()
        (7, {'min': 50})
        """
        return self.value if self.bound == "exact" else {self.bound: self.value}

    @classmethod
    def from_json(cls, value: int | dict[str, int]) -> Count:
        """Return the Count a JSON value describes (the inverse of :meth:`to_json`)."""
        if isinstance(value, int):
            return cls(value)
        ((bound, number),) = value.items()
        if bound not in ("min", "max", "approx"):
            raise ValueError(f"unknown bound {bound!r}: expected min, max or approx")
        return cls(int(number), bound)  # type: ignore[arg-type]


def count_json(count: Count | None) -> int | dict[str, int] | None:
    """Return the JSON form of an optional count (None stays null)."""
    return None if count is None else count.to_json()


@dataclass(frozen=True, slots=True)
class Window:
    """The period a report covers, as aware datetimes in Kyiv time; a part not stated is None."""

    start: dt.datetime | None
    end: dt.datetime | None

    def to_dict(self) -> dict[str, str | None]:
        """Return ``{"start", "end"}`` as ISO local time with offset, minutes precision."""
        return {"start": _iso(self.start), "end": _iso(self.end)}


def _iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.isoformat(timespec="minutes")


@dataclass(frozen=True, slots=True)
class Figure:
    """One weapon group of a report and what the text says happened to it.

    ``model`` is the taxonomy's id (several ids joined by ", " for a lump such as the Air Force's
    one drone number); ``model_text`` keeps the post's own names. ``subset_of`` names the figure a
    sub-count is part of («79 із них - реактивні»); ``launched_counted_in`` the figures whose launch
    count already holds this one's; ``destroyed_as`` the wording of a destroyed line that named the
    group differently. ``span`` is the [start, end) offsets of the phrase the figure came from.
    """

    model: str
    model_text: str
    weapon_class: str
    launched: Count | None
    destroyed: Count | None
    ew_lost: Count | None
    hits: Count | None
    not_reached: Count | None
    span: tuple[int, int]
    models: tuple[str, ...] = ()
    subset_of: str | None = None
    launched_counted_in: tuple[str, ...] | None = None
    destroyed_as: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the figure's JSON object (every key present, null where the text says nothing)."""
        return {
            "model": self.model,
            "model_text": self.model_text,
            "models": list(self.models),
            "weapon_class": self.weapon_class,
            "launched": count_json(self.launched),
            "destroyed": count_json(self.destroyed),
            "ew_lost": count_json(self.ew_lost),
            "hits": count_json(self.hits),
            "not_reached": count_json(self.not_reached),
            "span": list(self.span),
            "subset_of": self.subset_of,
            "launched_counted_in": (None if self.launched_counted_in is None else list(self.launched_counted_in)),
            "destroyed_as": self.destroyed_as,
        }


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A phrase the parser saw in a list of weapons but could not turn into a figure."""

    text: str
    span: tuple[int, int]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """Return ``{"text", "span", "reason"}``."""
        return {"text": self.text, "span": list(self.span), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Totals:
    """The report's totals by the answer key's rules (docs/reports.md, "Totals")."""

    launched_drones: Count | None = None
    launched_missiles: Count | None = None
    destroyed_drones: Count | None = None
    destroyed_missiles: Count | None = None
    hit_locations: Count | None = None
    debris_locations: Count | None = None
    destroyed_targets: Count | None = None
    launched_targets: Count | None = None

    def to_dict(self) -> dict[str, int | dict[str, int] | None]:
        """Return every total key, null where the text gives nothing to compute it from."""
        return {key: count_json(getattr(self, key)) for key in TOTAL_KEYS}


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """A post read by :func:`skytally.reports.parse_report`.

    ``unplaced`` lists what could not be read: a report with unplaced phrases is only half read
    and must not be stored without the user's consent. ``warnings`` say what was read but looks
    wrong (a window start that is not the evening before, headline and body disagreeing).
    """

    kind: Kind
    lang: str
    kyiv_date: dt.date | None
    window: Window | None
    figures: tuple[Figure, ...] = ()
    totals: Totals = field(default_factory=Totals)
    unplaced: tuple[Unplaced, ...] = ()
    warnings: tuple[str, ...] = ()
    parser_version: str = PARSER_VERSION

    @property
    def is_report(self) -> bool:
        """True for a national morning report or a daytime report."""
        return self.kind != "not_a_report"

    @property
    def is_complete(self) -> bool:
        """True for a report whose every weapon phrase was placed in a figure."""
        return self.is_report and not self.unplaced

    def to_dict(self) -> dict[str, Any]:
        """Return the documented JSON object (docs/reports.md); keys are stable."""
        return {
            "kind": self.kind,
            "lang": self.lang,
            "kyiv_date": None if self.kyiv_date is None else self.kyiv_date.isoformat(),
            "window": None if self.window is None else self.window.to_dict(),
            "figures": [f.to_dict() for f in self.figures],
            "totals": self.totals.to_dict(),
            "unplaced": [u.to_dict() for u in self.unplaced],
            "warnings": list(self.warnings),
            "parser_version": self.parser_version,
        }
