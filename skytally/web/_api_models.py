"""The JSON API's request bodies and documented responses (pydantic models, for the OpenAPI spec).

The responses are written by the same serializers as the CLI (``attack_json``, ``to_dict``); the
models here describe them so /api/docs is a contract a client can code against, and the fuzz
test (tests/web/test_fuzz.py) checks every answer against them. Field names are the ledger's
(docs/glossary.md): ``launched``, ``destroyed``, ``weapon_class``, ``lost_to_ew``.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["fr", "en", "uk"]
SourceChoice = Literal["default", "dataset", "report"]
ATTACK_ID_PATTERN = r"^(latest|\d{4}-\d{2}-\d{2}(#\d{1,3})?)$"
URL_PATTERN = r"^https?://\S+$"


class _Open(BaseModel):
    """A document whose listed fields are guaranteed and which may carry more (e.g. one per weapon class)."""

    model_config = ConfigDict(extra="allow")


# ---------------------------------------------------------------------------------------------- errors
class ErrorDetail(_Open):
    status: int = Field(description="The HTTP status, repeated for clients that only keep the body.")
    message: str = Field(description="What is wrong, naming the parameter or the attack at fault.")
    hint: str | None = Field(None, description="What to do next, when there is something to do.")


class ErrorDoc(BaseModel):
    """Every 4xx (and a 500, which is a bug) has this body."""

    error: ErrorDetail


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorDoc, "description": "No such attack (the message names the nearest ones)."},
    422: {"model": ErrorDoc, "description": "A parameter or a body the ledger refuses."},
}
BODY_ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorDoc, "description": "A body that cannot be read (not UTF-8 JSON)."},
    413: {"model": ErrorDoc, "description": "A body over the size limit (or, for a check, a page too long)."},
}


# ---------------------------------------------------------------------------------------------- attacks
class AttackRecord(_Open):
    """One attack as a flat record, plus one integer per weapon class launched (e.g. ``cruise_missile``)."""

    id: str = Field(examples=["2025-08-21"])
    date: str = Field(description="Kyiv date of the morning the attack ended.", examples=["2025-08-21"])
    drones: int
    missiles: int
    total: int = Field(description="drones + missiles launched (guided bombs not included).")
    drones_destroyed: int
    missiles_destroyed: int
    bombs: int
    start: str = Field(description="Start of the window, Kyiv time, ISO 8601.")
    end: str
    source: str = Field(description="Where the figures come from: dataset, report, or correction.")


class AttackList(BaseModel):
    """A page of attacks: ``items`` are ``limit`` records from ``offset`` of the ``total`` that match."""

    items: list[AttackRecord]
    total: int = Field(description="How many attacks match the filters (all pages).")
    limit: int
    offset: int
    query: dict[str, Any] = Field(description="The filters and order applied, as understood.")


class RowDoc(BaseModel):
    """One row of the dataset: the evidence behind a figure (its line in the file)."""

    ref: str
    line: int
    model_raw: str
    model: str | None
    weapon_class: str | None
    category: str | None
    launched: int | None
    destroyed: int | None
    start: str
    end: str
    reporter: str | None
    source_url: str | None


class FigureDoc(_Open):
    """One weapon model's figures within an attack."""

    model: str
    weapon_class: str | None
    category: str | None
    combined: bool
    launched: int | None
    destroyed: int | None
    not_reach_goal: int | None
    lost_to_ew: int | None
    launch_places: list[str]
    source: str
    evidence: list[str] = Field(description="Row refs (``row:123``), ``report:N@...`` or ``correction:N``.")
    counted_elsewhere: bool


class AttackDiscrepancy(BaseModel):
    figure: str
    dataset: int | None
    report: int | None
    correction: int | None
    used: str


class AttackDoc(_Open):
    """One attack with every figure and the rows behind them: ``skytally show DATE --format json``."""

    id: str
    date: str
    start: str
    end: str
    figures: list[FigureDoc]
    drones: int
    missiles: int
    bombs: int
    drones_destroyed: int
    missiles_destroyed: int
    launched_by_class: dict[str, int]
    destroyed_by_class: dict[str, int]
    launch_places: list[str]
    affected_regions: list[str]
    destroyed_by_direction: dict[str, int]
    source_urls: list[str]
    source: str
    row_ids: list[int]
    regional_rows: list[RowDoc]
    warnings: list[str]
    total: int
    destroyed: int
    rows: list[RowDoc]
    discrepancies: list[AttackDiscrepancy]
    explain: dict[str, str] = Field(description="The SQL query and the rule that reproduce the totals.")


class ContextDoc(_Open):
    """Ranks, records, sums, rates, streaks, periods and regions, each with its evidence:
    ``skytally context DATE --format json``."""

    attack: dict[str, Any]
    data_start: str
    data_end: str
    window_days: int
    ranks: list[dict[str, Any]]
    records: list[dict[str, Any]]
    windows: list[dict[str, Any]]
    rates: list[dict[str, Any]]
    streaks: list[dict[str, Any]]
    periods: list[dict[str, Any]]
    regions: dict[str, Any] | None
    caveats: list[str]


class BulletinDoc(_Open):
    """The bulletin's text, its template context and every figure it states:
    ``skytally bulletin DATE --lang LANG --format json``."""

    attack: str
    lang: str
    text: str
    context: dict[str, Any]
    figures: list[dict[str, Any]]


# ---------------------------------------------------------------------------------------------- check
class CheckRequest(BaseModel):
    """An article to check: its ``text``, or a ``url`` the server fetches (bounded in time and size)."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article's plain text or HTML (at most 200,000 characters).")
    url: str | None = Field(None, pattern=URL_PATTERN, max_length=2000, description="The article's public address.")
    lang: Lang | None = Field(None, description="The article's language; detected when omitted.")
    published: date | None = Field(None, description="Publication date (else the page's metadata, for a URL).")


class ArticleDoc(BaseModel):
    lang: str
    published: str | None
    attack_date: str | None


class ClaimDoc(_Open):
    quote: str
    start: int
    end: int
    kind: str
    assertion: str
    verdict: str
    reason: str
    claimed: Any = None
    ledger_value: Any = None
    evidence: Any = None


class CheckDoc(BaseModel):
    """Every claim of the article with its verdict and evidence: ``skytally check --format json``."""

    article: ArticleDoc
    claims: list[ClaimDoc]


# ---------------------------------------------------------------------------------------------- sources
class DiscrepancyDoc(BaseModel):
    """A figure on which the sources disagree, and the value the ledger uses: ``skytally diff --format json``."""

    attack_id: str
    figure: str
    dataset: int | None
    report: int | None
    correction: int | None
    used: str
    evidence: list[str]


class EventDoc(BaseModel):
    """A named event a window can start from ("since the White House meeting")."""

    id: str
    date: str
    names: dict[str, str]
    kind: str
    source_url: str
    origin: Literal["shipped", "store"] = Field(description="shipped with skytally, or added to this store.")


class AboutDoc(BaseModel):
    """What the server holds: the version of skytally and of the dataset, the range of attacks."""

    skytally: str
    attacks: int
    first: str | None
    latest: str | None
    dataset: dict[str, Any] | None
    reports: int
    corrections: int
    licence: dict[str, str]


# ---------------------------------------------------------------------------------------------- writes
class ReportRequest(BaseModel):
    """An Air Force report post to parse and store (``skytally report add``)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The post's text (Ukrainian, or the English version), at most 20,000 characters.")
    url: str = Field("", max_length=2000, description="The post's address, e.g. https://t.me/kpszsu/67095.")
    posted: date | None = Field(None, description="The day it was published (resolves the year the post omits).")
    lang: Literal["uk", "en"] | None = None
    accept_partial: bool = Field(False, description="Store a report some of whose phrases could not be placed.")
    dry_run: bool = Field(False, description="Answer what was understood; store nothing.")


class ReportStoredDoc(_Open):
    report_id: int | None = Field(description="The stored report's id (null for a dry run).")
    already_stored: bool
    replaces: list[int]
    year_from: str


class CorrectionRequest(BaseModel):
    """A manual correction of one figure, with its citation (``skytally correct``)."""

    model_config = ConfigDict(extra="forbid")

    attack_id: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}(#\d{1,3})?$", examples=["2025-08-21"])
    model: str = Field(min_length=1, max_length=200, examples=["Kh-47M2 Kinzhal"])
    field: Literal["launched", "destroyed"]
    value: int = Field(ge=0, le=100_000)
    source_url: str = Field(pattern=URL_PATTERN, max_length=2000)
    note: str = Field(min_length=1, max_length=2000, description="Why: one sentence a reader can check.")


class CorrectionDoc(BaseModel):
    correction: dict[str, Any]
    attack: AttackRecord = Field(description="The attack's figures with the correction applied.")


class EventRequest(BaseModel):
    """A named event, as a line of events.csv (``id`` a lower-case slug, names in three languages)."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(max_length=100, examples=["white-house-meeting"])
    date: date
    name_en: str = Field(max_length=300)
    name_fr: str = Field(max_length=300)
    name_uk: str = Field(max_length=300)
    kind: Literal["war", "diplomacy", "ceasefire", "strike"]
    source_url: str = Field(pattern=URL_PATTERN, max_length=2000)
