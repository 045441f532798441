"""The JSON API under /api/: attacks, one attack, its context and bulletin, check, diff, events.

Each endpoint calls the function the matching CLI command calls (``attack_json``,
``build_context(...).to_dict()``, ``render_bulletin(..., fmt="json")``, ``check_article``,
``Ledger.discrepancies``) through the app's ``Site``, so the API and the CLI give the same
document for the same question (tests/web/test_same_figures.py). Reads go through the Site's
read-only connection; the write endpoints are in ``_api_writes.py``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import Response

from skytally.errors import DataError, NotFoundError
from skytally.ledger.api import attack_record
from skytally.ledger.model import Attack
from skytally.ledger.serialize import attack_json, attacks_csv
from skytally.web._api_models import (
    ATTACK_ID_PATTERN,
    BODY_ERROR_RESPONSES,
    ERROR_RESPONSES,
    AboutDoc,
    AttackDoc,
    AttackList,
    BulletinDoc,
    CheckDoc,
    CheckRequest,
    ContextDoc,
    DiscrepancyDoc,
    EventDoc,
    Lang,
    SourceChoice,
)
from skytally.web._api_query import AttackQuery, select_attacks, validate_query
from skytally.web._api_writes import router as writes_router
from skytally.web._errors import ApiError
from skytally.web.site import Site

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

AttackId = Annotated[
    str,
    Path(
        pattern=ATTACK_ID_PATTERN,
        description="The Kyiv date the attack ended (2025-08-21), a later wave of that day (2025-08-21#2, "
        "with # sent as %23), or `latest`.",
        examples=["2025-08-21"],
    ),
]
Source = Annotated[
    SourceChoice,
    Query(description="default: the Air Force's report where stored, else the dataset, corrections on top."),
]


def json_response(doc: Any, status_code: int = 200) -> Response:
    """Return compact UTF-8 JSON (the CLI's ``echo_json`` encodes the same values, indented)."""
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    return Response(body, status_code=status_code, media_type="application/json")


def site_of(request: Request) -> Site:
    """Return the app's Site (one per app, made by ``create_app``)."""
    site: Site = request.app.state.site
    return site


def find_attack(site: Site, attack_id: str, source: SourceChoice = "default") -> Attack:
    """Return the attack of an id, refusing an impossible date with 422 rather than a crash."""
    if attack_id != "latest":
        try:
            date.fromisoformat(attack_id.split("#", 1)[0])
        except ValueError:
            raise DataError(f"not a date: {attack_id!r}", field="attack_id", hint="give YYYY-MM-DD") from None
    return site.attack(attack_id, source)


# ---------------------------------------------------------------------------------------------- attacks
@router.get(
    "/attacks",
    response_model=AttackList,
    summary="List attacks, filtered, sorted and paged",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def list_attacks(
    request: Request,
    since: Annotated[date | None, Query(description="Only attacks that ended on or after this date.")] = None,
    until: Annotated[date | None, Query(description="Only attacks that ended on or before this date.")] = None,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="Only attacks of this year.")] = None,
    weapon_class: Annotated[
        str | None, Query(alias="class", description="Only attacks that launched this weapon class.")
    ] = None,
    model: Annotated[str | None, Query(max_length=200, description="Only attacks that launched this model.")] = None,
    min_total: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    min_drones: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    min_missiles: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    source: Source = "default",
    sort: Annotated[
        str, Query(max_length=60, description="date, drones, missiles, total, or a weapon class (cruise_missile).")
    ] = "date",
    order: Annotated[
        Literal["asc", "desc"] | None,
        Query(description="Default: oldest first by date, largest first by a measure."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
    format: Annotated[Literal["json", "csv"], Query(description="csv: the same page as CSV.")] = "json",
) -> Response:
    """The attacks that match the filters, as flat records (`skytally attacks --format json`).

    `total` counts every match; `items` holds the page from `offset`. `format=csv` gives the same
    page as `skytally attacks --format csv`.
    """
    site = site_of(request)
    query = validate_query(
        AttackQuery(
            since=since,
            until=until,
            year=year,
            weapon_class=weapon_class,
            model=model,
            min_total=min_total,
            min_drones=min_drones,
            min_missiles=min_missiles,
            source=source,
            sort=sort,
            order=order,
            limit=limit,
            offset=offset,
        )
    )
    found = select_attacks(site.attacks(source), query)
    records = [attack_record(a) for a in found[offset : offset + limit]]
    if format == "csv":
        return Response(
            attacks_csv(records).encode(),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="skytally-attacks.csv"'},
        )
    return json_response(
        {"items": records, "total": len(found), "limit": limit, "offset": offset, "query": query.to_dict()}
    )


@router.get("/attacks/{attack_id}", response_model=AttackDoc, summary="One attack, with the rows behind its figures")
def get_attack(request: Request, attack_id: AttackId, source: Source = "default") -> Response:
    """Every figure of one attack by class and model, its rows and sources (`skytally show DATE --format json`)."""
    site = site_of(request)
    attack = find_attack(site, attack_id, source)
    return json_response(site.read(lambda ledger: attack_json(ledger, attack), source=source))


@router.get("/attacks/{attack_id}/context", response_model=ContextDoc, summary="The context of one attack")
def get_context(
    request: Request,
    attack_id: AttackId,
    source: Source = "default",
    window_days: Annotated[int, Query(ge=1, le=3660, description="N for the 'last N days' rank and sum.")] = 30,
    since_event: Annotated[
        list[str] | None,
        Query(max_length=5, description="Sum since this named event (id or part of a name; repeatable)."),
    ] = None,
) -> Response:
    """Ranks, records, sums, rates, streaks and regions with evidence (`skytally context DATE --format json`)."""
    from skytally.context import find_event

    site = site_of(request)
    attack = find_attack(site, attack_id, source)
    try:
        chosen = [find_event(site.events, name) for name in since_event or ()]
    except NotFoundError as exc:
        raise DataError(exc.message, field="since_event", hint=exc.hint) from None
    context = site.context_with(attack, source=source, window_days=window_days, since_events=chosen)
    return json_response(context.to_dict())


@router.get(
    "/attacks/{attack_id}/bulletin",
    response_model=BulletinDoc,
    summary="The bulletin of one attack in fr, en or uk",
    responses={200: {"content": {"text/plain": {}, "text/markdown": {}, "text/html": {}}}},
)
def get_bulletin(
    request: Request,
    attack_id: AttackId,
    lang: Lang = "en",
    format: Literal["json", "text", "markdown", "html"] = "json",
) -> Response:
    """The bulletin with its template context and every figure it states (`skytally bulletin DATE --format json`)."""
    from skytally.bulletin import render_bulletin

    site = site_of(request)
    attack = find_attack(site, attack_id)
    result = render_bulletin(attack, site.context(attack), lang=lang, fmt=format)
    media = {"json": "application/json", "text": "text/plain", "markdown": "text/markdown", "html": "text/html"}
    return Response(result.text.encode(), media_type=f"{media[format]}; charset=utf-8")


# ---------------------------------------------------------------------------------------------- check
@router.post(
    "/check",
    response_model=CheckDoc,
    summary="Check the claims of an article",
    responses=BODY_ERROR_RESPONSES,
)
def check(request: Request, body: Annotated[CheckRequest, Body()]) -> Response:
    """Every number and comparison of an article with its verdict and evidence (`skytally check --format json`).

    Send the article's `text` (plain or HTML, at most 200,000 characters) or its public `url`
    (fetched by the server: 10 s per step, 20 s in all, 2 MB at most, public addresses only).
    """
    from skytally.claims import MAX_CHARS, check_article
    from skytally.claims.html import extract_html, looks_like_html

    site = site_of(request)
    if (body.text is None) == (body.url is None):
        raise DataError("give exactly one of text and url", field="text")
    if body.text is not None:
        text = body.text
        if len(text) > MAX_CHARS:
            raise ApiError(413, f"the article is {len(text):,} characters long, over {MAX_CHARS:,}")
    else:
        text = _decode(request.app.state.fetch_article(body.url), body.url or "")
    day = body.published
    if looks_like_html(text):
        text, page_day = extract_html(text)
        day = day or page_day
    if not text.strip():
        raise DataError("the article is empty", field="text")
    key = ("check", hashlib.sha256(text.encode()).hexdigest(), body.lang, day)
    hit = site.responses.get(key)
    if hit is not None:
        return Response(hit, media_type="application/json")
    result = check_article(
        text,
        attacks=site.attacks(),
        dataset_attacks=site.read(lambda ledger: ledger.dataset_attacks()),
        lang=body.lang,
        published=day,
        events=site.events,
    )
    response = json_response(result.to_dict())
    # A check's answer depends on the text and the store only: kept (bounded, emptied on reload).
    site.responses.put(key, response.body)
    return response


def _decode(raw: bytes, where: str) -> str:
    if b"\x00" in raw[:8192]:
        raise DataError(f"{where}: binary data, not an article", field="url")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{where}: not UTF-8 text (byte {exc.start})", field="url") from None


# ---------------------------------------------------------------------------------------------- sources
@router.get("/diff", response_model=list[DiscrepancyDoc], summary="Where the sources disagree")
def diff(
    request: Request,
    year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
    day: Annotated[date | None, Query(alias="date", description="Only the attacks that ended this day.")] = None,
) -> Response:
    """Every figure on which the dataset, a report and a correction disagree (`skytally diff --format json`)."""
    items = site_of(request).read(lambda ledger: ledger.discrepancies(year=year, day=day))
    return json_response([asdict(d) for d in items])


@router.get("/events", response_model=list[EventDoc], summary="The named events windows start from")
def events(request: Request) -> Response:
    """The shipped events (context/data/events.csv) and those added to this store, oldest first."""
    from skytally.context import load_events

    shipped = {e.id for e in load_events()}
    return json_response(
        [
            {
                "id": e.id,
                "date": e.date.isoformat(),
                "names": e.names,
                "kind": e.kind,
                "source_url": e.source_url,
                "origin": "shipped" if e.id in shipped else "store",
            }
            for e in site_of(request).events
        ]
    )


@router.get("/about", response_model=AboutDoc, summary="What this server holds")
def about(request: Request) -> Response:
    """The skytally version, the dataset version loaded, the range of attacks, reports and corrections stored."""
    from skytally import __version__
    from skytally.config import DATASET_AUTHOR, DATASET_LICENCE, DATASET_PAGE

    site = site_of(request)
    attacks = site.attacks()

    def sources(ledger: Any) -> tuple[Any, int, int]:
        current = next((v for v in ledger.versions() if v.current), None)
        return current, len(ledger.reports()), len(ledger.corrections())

    version, reports, corrections = site.read(sources)
    return json_response(
        {
            "skytally": __version__,
            "attacks": len(attacks),
            "first": attacks[0].id if attacks else None,
            "latest": attacks[-1].id if attacks else None,
            "dataset": None
            if version is None
            else {
                "file_name": version.file_name,
                "sha256": version.sha256,
                "origin": version.origin,
                "loaded_at": version.loaded_at.isoformat(),
                "rows": version.rows,
            },
            "reports": reports,
            "corrections": corrections,
            "licence": {"data": DATASET_LICENCE, "author": DATASET_AUTHOR, "page": DATASET_PAGE},
        }
    )


router.include_router(writes_router)
