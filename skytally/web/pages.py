"""The HTML pages: home, attack, attacks archive, explore, check and data (an APIRouter).

``create_app`` includes :data:`router`; every page reads its figures through ``app.state.site``
(a :class:`skytally.web.site.Site`), i.e. through the calls the CLI makes, so a page and
``skytally show`` / ``context`` / ``bulletin`` agree to the unit. Layout and wording live in
templates/; the chart's JavaScript is the Vega bundle vl-convert ships, served at /vendor/vega.js.
See docs/pages.md.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from functools import cache
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.responses import HTMLResponse

from skytally.claims import MAX_CHARS
from skytally.errors import DataError, NotFoundError, SkytallyError
from skytally.ledger.serialize import attack_json
from skytally.ledger.taxonomy import load_taxonomy
from skytally.web import _pages_chart as charts
from skytally.web import _pages_check as checks
from skytally.web import _pages_explore as explore
from skytally.web import _pages_views as views
from skytally.web._pages_render import link, render

router = APIRouter(include_in_schema=False)
# The check form's body, URL-encoded: the claim checker's MAX_CHARS of text can take several bytes a
# character; the app's body limit (web/_api_cache.py) refuses larger bodies before they get here.
MAX_FORM_BYTES = 1_000_000


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    """The overview: launches per night (chart), the latest attack with its bulletin, the records."""
    site = _site(request)
    attacks = site.attacks()
    latest = attacks[-1]
    default = charts.range_by_id(charts.DEFAULT_RANGE)
    svg = site.cached(("page-chart-svg", default.id), lambda: charts.nights_svg(_chart_spec(site, default.id)))
    return render(
        request,
        "home.html",
        page="home",
        latest=latest,
        bulletin=views.bulletin_view(site, latest, "en"),
        records=site.cached("page-records", lambda: views.records_table(attacks)),
        ranges=charts.RANGES,
        default_range=default,
        chart_first=charts.range_bounds(attacks, default)[0],
        chart_svg=svg,
        attack_count=len(attacks),
        first=attacks[0],
    )


@router.get("/attacks", response_class=HTMLResponse)
def attacks_index(request: Request) -> HTMLResponse:
    """Every attack by year, newest first: the archive a static crawl reaches every attack page from."""
    attacks = _site(request).attacks()
    years: dict[int, list[Any]] = {}
    for attack in reversed(attacks):
        years.setdefault(attack.date.year, []).append(attack)
    return render(request, "attacks.html", page="attacks", years=years, count=len(attacks))


@router.get("/attacks/{attack_id}", response_class=HTMLResponse)
def attack_page(request: Request, attack_id: str, lang: str = "en") -> HTMLResponse:
    """One attack: figures by class and model, bulletin in three languages, context, sources."""
    site = _site(request)
    try:
        attack = site.attack(attack_id)
    except (NotFoundError, ValueError) as exc:
        return render(request, "error.html", status_code=404, page="", title="No such attack", message=str(exc))
    attacks = site.attacks()
    position = next((i for i, a in enumerate(attacks) if a.id == attack.id), None)
    ctx = site.context(attack)
    doc = site.cached(("page-attack-json", attack.id), lambda: site.read(lambda ledger: attack_json(ledger, attack)))
    return render(
        request,
        "attack.html",
        page="",
        attack=attack,
        previous=attacks[position - 1] if position else None,
        next=attacks[position + 1] if position is not None and position + 1 < len(attacks) else None,
        classes=views.class_rows(attack),
        models=[(f, views.measure_label(f.weapon_class or "")) for f in attack.figures],
        context=views.context_view(ctx),
        bulletins=[views.bulletin_view(site, attack, code) for code in views.LANGS],
        lang=lang if lang in views.LANGS else "en",
        rows=doc["rows"],
        regional_rows=doc["regional_rows"],
        discrepancies=doc["discrepancies"],
        measure_label=views.measure_label,
        explore_href=views.explore_href,
    )


@router.get("/explore", response_class=HTMLResponse)
def explore_page(request: Request) -> HTMLResponse:
    """The attacks table with filters, sort and pages; its query string is its permalink."""
    site = _site(request)
    taxonomy = load_taxonomy()
    class_ids = [c for c, w in taxonomy.classes.items() if w.category in ("drone", "missile")]
    error = None
    try:
        view = explore.parse_view(request.query_params)
    except DataError as exc:
        view, error = explore.parse_view({}), str(exc)
    attacks = site.attacks(view.query.source)
    rows, matched, pages = explore.page_of(attacks, view)
    models = site.cached("page-models", lambda: sorted({f.model for a in site.attacks() for f in a.figures}))
    return render(
        request,
        "explore.html",
        page="explore",
        status_code=400 if error else 200,
        view=view,
        query=view.query,
        error=error,
        rows=rows,
        matched=matched,
        pages=pages,
        classes=[(c, views.measure_label(c)) for c in class_ids],
        models=models,
        years=sorted({a.date.year for a in site.attacks()}, reverse=True),
        sources=explore.SOURCES,
        sorts=[(s, views.measure_label(s)) for s in ("drones", "missiles", "total")],
    )


@router.get("/check", response_class=HTMLResponse)
def check_form(request: Request) -> HTMLResponse:
    """The check page's empty form."""
    return render(request, "check.html", page="check", inputs=checks.CheckInput(), outcome=None, error=None, key=None)


@router.post("/check", response_class=HTMLResponse, response_model=None)
async def check_submit(request: Request) -> Response:
    """Check the article the form sent, keep the result, and redirect to its permalink."""
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM_BYTES:
            return render(
                request,
                "check.html",
                status_code=413,
                page="check",
                inputs=checks.CheckInput(),
                outcome=None,
                key=None,
                error=f"The form is over {MAX_FORM_BYTES:,} bytes: give the article's text alone.",
            )
    form = dict(parse_qsl(body.decode("utf-8", errors="replace"), max_num_fields=10))
    try:
        inputs = checks.parse_form(form)
        state = request.app.state
        outcome = await run_in_threadpool(checks.run_check, inputs, state.site, state.fetch_article)
    except SkytallyError as exc:
        shown = checks.CheckInput(text=form.get("text", "")[:MAX_CHARS], url=form.get("url", "")[:2000])
        return render(
            request, "check.html", status_code=400, page="check", inputs=shown, outcome=None, key=None, error=str(exc)
        )
    key = _check_store(request).put(outcome)
    return RedirectResponse(link(f"/check/{key}"), status_code=303)


@router.get("/check/{key}", response_class=HTMLResponse)
def check_result(request: Request, key: str) -> HTMLResponse:
    """A kept check result: the article with its claims highlighted, each with its evidence."""
    outcome = _check_store(request).get(key)
    if outcome is None:
        message = (
            "This check is not held by the server any more: results are kept in memory, for the last "
            f"{_check_store(request).size} checks, until the server restarts. Run the check again."
        )
        return render(request, "error.html", status_code=404, page="check", title="Check not found", message=message)
    return render(
        request,
        "check.html",
        page="check",
        inputs=outcome.inputs,
        outcome=outcome,
        key=key,
        error=None,
        parts=checks.highlight(outcome.text, outcome.result),
        verdict_labels=checks.VERDICT_LABELS,
        verdict_signs=checks.VERDICT_SIGNS,
        evidence_items=checks.evidence_items,
    )


@router.get("/data", response_class=HTMLResponse)
def data_page(request: Request) -> HTMLResponse:
    """Downloads of the whole ledger, the data's licence and attribution, and skytally's licence."""
    from skytally import config

    attacks = _site(request).attacks()
    return render(
        request,
        "data.html",
        page="data",
        author=config.DATASET_AUTHOR,
        dataset_page=config.DATASET_PAGE,
        licence=config.DATASET_LICENCE,
        first=attacks[0],
        last=attacks[-1],
        count=len(attacks),
    )


@router.get("/charts/nights-{range_id}.json")
def chart_spec(request: Request, range_id: str) -> Response:
    """The Vega-Lite specification of the home chart over one range (90d, 1y, all)."""
    try:
        charts.range_by_id(range_id)
    except KeyError:
        return Response(json.dumps({"error": f"no chart range {range_id!r}"}), status_code=404)
    spec = _chart_spec(_site(request), range_id)
    return Response(json.dumps(spec, separators=(",", ":")), media_type="application/json")


@router.get("/vendor/vega.js")
def vega_bundle(request: Request) -> Response:
    """Vega, Vega-Lite and vega-embed as one script, from the installed vl-convert (never committed)."""
    plain, packed, etag = _vega_bundle()
    headers = {"ETag": etag, "Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(packed, media_type="text/javascript", headers=headers)
    return Response(plain, media_type="text/javascript", headers=headers)


@cache
def _vega_bundle() -> tuple[bytes, bytes, str]:
    # Built once per process (about 2 s, 0.9 MB): the bundle depends only on the installed vl-convert.
    import vl_convert

    plain = vl_convert.javascript_bundle().encode("utf-8")
    return plain, gzip.compress(plain, 6), '"' + hashlib.sha256(plain).hexdigest()[:20] + '"'


def _chart_spec(site: Any, range_id: str) -> dict[str, Any]:
    return site.cached(
        ("page-chart", range_id),
        lambda: charts.nights_spec(site.attacks(), site.events, charts.range_by_id(range_id)),
    )


def _site(request: Request) -> Any:
    """Return the app's Site, reloaded first if another process (``skytally watch``) wrote the store."""
    site = request.app.state.site
    site.check_for_changes()
    return site


_STORE_LOCK = threading.Lock()


def _check_store(request: Request) -> checks.CheckStore:
    # One store per app, made on first use (create_app does not know about the check page).
    state = request.app.state
    with _STORE_LOCK:
        if not hasattr(state, "check_store"):
            state.check_store = checks.CheckStore()
    store: checks.CheckStore = state.check_store
    return store
