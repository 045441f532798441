"""The typed records of a bulletin: the template context it is written from, and its evidence.

A bulletin template receives one :class:`BulletinContext` (documented in docs/bulletins.md) and
nothing else. Its fields hold raw typed values (ints, dates, ids); the templates format them
through Babel filters. A section is None when the bulletin leaves it out (no record worth
stating, no recent event), so a template renders every section it is given.

Every figure a bulletin states is also a :class:`Figure` in ``Bulletin.figures``: its value, the
exact date behind a vague one ("mid-July" is 2025-07-12), the attacks and dataset rows behind it,
and the ``skytally`` query that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

Lang = Literal["fr", "en", "uk"]
Format = Literal["text", "markdown", "html", "json"]
LANGS: tuple[Lang, ...] = ("fr", "en", "uk")
FORMATS: tuple[Format, ...] = ("text", "markdown", "html", "json")


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure a bulletin states, with what it rests on.

    ``key`` names the figure (``rank.drones.year``, ``window.since_white-house-meeting``);
    ``value`` is the number printed (or approximated); ``exact`` keeps what the text rounds or
    paraphrases (the exact sum behind "nearly 1,000", the date behind "mid-July").
    """

    key: str
    description: str
    value: int | float
    exact: str | None
    attacks: tuple[str, ...]
    rows: tuple[str, ...]
    query: str


@dataclass(frozen=True, slots=True)
class ClassCount:
    """Weapons of one class (``cruise_missile``) launched or destroyed."""

    weapon_class: str
    category: str
    count: int


@dataclass(frozen=True, slots=True)
class Launch:
    """What was launched: totals and counts by class, largest first; bombs are kept apart."""

    total: int
    drones: int
    missiles: int
    by_class: tuple[ClassCount, ...]
    start: datetime
    end: datetime
    overnight: bool


@dataclass(frozen=True, slots=True)
class Defence:
    """What was shot down or suppressed, over the figures whose counts are both known.

    ``launched`` is the base of the rate (it can be below the attack's total when a count is
    unknown); ``by_category`` gives (``drone`` | ``missile``, destroyed) for categories launched;
    ``not_reach_goal`` counts weapons lost locationally, kept apart from ``destroyed``.
    """

    launched: int
    destroyed: int
    rate: float
    by_category: tuple[tuple[str, int], ...]
    not_reach_goal: int


@dataclass(frozen=True, slots=True)
class RecordLine:
    """ "The largest attack since": ``since`` is the date of the last larger attack, ``previous``
    its value. ``largest_in_data`` means no earlier attack was larger (since ``data_start``);
    ``equalled_on`` names an attack after ``since`` that was exactly as large."""

    measure: str
    value: int
    since: date | None
    previous: int | None
    largest_in_data: bool
    data_start: date
    equalled_on: date | None
    same_year: bool


@dataclass(frozen=True, slots=True)
class Above:
    """An attack ranked above (or tied with) the attack: its date and value."""

    date: date
    value: int


@dataclass(frozen=True, slots=True)
class RankLine:
    """The attack's rank by ``measure`` (``drones`` | ``missiles``) within ``year``.

    ``above`` lists the attacks ranked above it, given only for the top three; ``tied`` the dates
    of attacks sharing its rank.
    """

    measure: str
    year: int
    rank: int
    value: int
    shared: bool
    above: tuple[Above, ...]
    tied: tuple[date, ...]


@dataclass(frozen=True, slots=True)
class WindowLine:
    """Drones and missiles launched since a named event, the attack included.

    ``event_name`` is the event's name in the bulletin's language; ``first`` the first day
    counted (the day after the event).
    """

    event_id: str
    event_name: str
    event_date: date
    first: date
    total: int
    drones: int
    missiles: int
    attacks: int


@dataclass(frozen=True, slots=True)
class TrendLine:
    """Nights in a row with an attack, and the month to date beside the same days a year earlier.

    ``streak_nights`` is None when the streak is too short to be news; ``month_total`` is None
    when the month so far holds too few attacks; ``previous_total`` is None when the earlier
    period is not fully covered by the data.
    """

    streak_nights: int | None
    streak_first: date | None
    month_total: int | None
    month_attacks: int | None
    previous_total: int | None
    previous_year: int


@dataclass(frozen=True, slots=True)
class RegionsLine:
    """Where the attack struck: the leading macro-region's oblasts, then the others.

    ``dominance`` is the context's (``all``, ``majority``, ``plurality``, ``tied``); ``leading``
    the macro-region's phrase in the bulletin's language ("western regions"), None when tied.
    Oblast names are in the bulletin's language.
    """

    dominance: str
    leading: str | None
    leading_oblasts: tuple[str, ...]
    other_oblasts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SourceLine:
    """Where the figures come from: the Air Force's posts, via the dataset, and its licence."""

    urls: tuple[str, ...]
    dataset: str
    dataset_author: str
    dataset_url: str
    licence: str
    rows: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BulletinContext:
    """Everything a bulletin template receives: the one documented template context.

    ``date`` is the Kyiv morning the attack ended. Sections other than ``launch`` and
    ``source`` are None when the bulletin does not state them.
    """

    lang: Lang
    attack_id: str
    date: date
    launch: Launch
    defence: Defence | None
    record: RecordLine | None
    ranks: tuple[RankLine, ...]
    window: WindowLine | None
    trend: TrendLine | None
    regions: RegionsLine | None
    source: SourceLine


@dataclass(frozen=True, slots=True)
class Bulletin:
    """A rendered bulletin: its text in one language and format, and every figure it states."""

    attack_id: str
    lang: Lang
    fmt: Format
    text: str
    figures: tuple[Figure, ...]
    context: BulletinContext
