"""The API's write endpoints: add a report, a correction, an event. Each needs the server's bearer token.

Without a token configured (``skytally serve`` reads it from $SKYTALLY_TOKEN) every write answers
401: a server is read-only unless its operator decides otherwise. The token is compared in
constant time. A write opens its own read-write connection (``Site.write``), then the Site
reloads, so the next read (and every cached response) reflects it.
"""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request, Security
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from skytally.ledger.api import attack_record
from skytally.web._api_models import (
    BODY_ERROR_RESPONSES,
    CorrectionDoc,
    CorrectionRequest,
    ErrorDoc,
    EventDoc,
    EventRequest,
    ReportRequest,
    ReportStoredDoc,
)
from skytally.web._errors import ApiError, error_response

bearer = HTTPBearer(auto_error=False, description="The token the server was started with ($SKYTALLY_TOKEN).")


WRITE_PATHS = ("/api/reports", "/api/corrections", "/api/events")


def check_token(expected: str | None, authorization: str | None) -> None:
    """Refuse a write (401) unless ``authorization`` is ``Bearer <expected>``; refuse all if none is set."""
    if not expected:
        raise ApiError(
            401,
            "this server accepts no writes: it was started without a token",
            hint="start it with SKYTALLY_TOKEN set, and send Authorization: Bearer <token>",
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected.encode()):
        raise ApiError(401, "a valid bearer token is required to write", hint="send Authorization: Bearer <token>")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Security(bearer)]
) -> None:
    """The write routes' dependency: it also puts the bearer scheme in the OpenAPI spec."""
    check_token(request.app.state.site.token, request.headers.get("authorization"))


class WriteGuardMiddleware:
    """Answer 401 to a write without the token before its body is read or parsed.

    FastAPI parses a JSON body before it runs a route's dependencies, so a malformed body would
    get a 422 from a client with no right to write; this guard answers first, and the route's
    dependency checks again.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST" and scope["path"] in WRITE_PATHS:
            headers = dict(scope.get("headers", []))
            authorization = headers.get(b"authorization", b"").decode("latin-1")
            try:
                check_token(scope["app"].state.site.token, authorization)
            except ApiError as exc:
                response = error_response(401, exc.message, exc.hint, headers={"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


router = APIRouter(
    dependencies=[Depends(require_token)],
    responses={
        **BODY_ERROR_RESPONSES,
        401: {"model": ErrorDoc, "description": "No token, or not the server's."},
        409: {"model": ErrorDoc, "description": "Already stored."},
    },
)


def _json(doc: Any, status_code: int) -> Response:
    from skytally.web.api import json_response

    return json_response(doc, status_code)


@router.post("/reports", status_code=201, response_model=ReportStoredDoc, summary="Add an Air Force report")
def add_report(request: Request, body: Annotated[ReportRequest, Body()]) -> Response:
    """Parse a report post and store it as a source beside the dataset (`skytally report add`).

    A text that is not a report is refused (422); one only half read is refused with the phrases
    that could not be placed, unless `accept_partial`.
    """
    from skytally.reports.ingest import check_text, guess_reference_date, to_record
    from skytally.reports.parse import parse_report

    site = request.app.state.site
    text = check_text(body.text)
    choice = guess_reference_date(
        text,
        given=body.posted,
        file_name=None,
        dataset=lambda: site.read(lambda ledger: ledger.dataset_attacks()),
        today=date.today(),
    )
    parsed = parse_report(text, lang=body.lang, reference_date=choice.reference)
    if body.dry_run:
        doc = {"report_id": None, "already_stored": False, "replaces": [], "year_from": choice.reason}
        return _json({**doc, **parsed.to_dict()}, 200)
    record = to_record(parsed, text, accept_partial=body.accept_partial, source_url=body.url)
    stored, replaced, already = site.write(lambda ledger: ledger.add_report(record))
    doc = {"report_id": stored.id, "already_stored": already, "replaces": replaced, "year_from": choice.reason}
    return _json({**doc, **parsed.to_dict()}, 200 if already else 201)


@router.post("/corrections", status_code=201, response_model=CorrectionDoc, summary="Correct one figure")
def add_correction(request: Request, body: Annotated[CorrectionRequest, Body()]) -> Response:
    """Record a manual correction of one figure of one attack, with its citation (`skytally correct`).

    The dataset's rows are never edited; `?source=dataset` still shows them as they are.
    """
    from skytally.ledger.taxonomy import load_taxonomy
    from skytally.web.api import find_attack

    site = request.app.state.site
    find_attack(site, body.attack_id)  # the attack must exist (404 names the nearest ones)
    known = load_taxonomy().lookup(body.model)

    def write(ledger: Any) -> tuple[Any, Any]:
        correction = ledger.add_correction(
            attack_id=body.attack_id,
            model=known.id if known else body.model,
            field=body.field,
            value=body.value,
            source_url=body.source_url,
            note=body.note,
        )
        return correction, ledger.attack(body.attack_id)

    correction, after = site.write(write)
    doc = {
        "correction": {
            "id": correction.id,
            "ref": correction.ref,
            "attack_id": correction.attack_id,
            "model": correction.model,
            "field": correction.field,
            "value": correction.value,
            "source_url": correction.source_url,
            "note": correction.note,
            "added_at": correction.added_at.isoformat(),
        },
        "attack": attack_record(after),
    }
    return _json(doc, 201)


@router.post("/events", status_code=201, response_model=EventDoc, summary="Add a named event")
def add_event(request: Request, body: Annotated[EventRequest, Body()]) -> Response:
    """Store a named event windows can start from; validated as a line of events.csv would be."""
    from skytally.context import merge_events

    site = request.app.state.site
    record = {**body.model_dump(), "date": body.date.isoformat()}
    if any(e.id == body.id for e in site.events):
        raise ApiError(409, f"an event with id {body.id!r} exists", hint="GET /api/events lists them")
    # Raises DataError (422) naming the field, as a bad line of events.csv would.
    event = next(e for e in merge_events(site.events, [record]) if e.id == body.id)
    if not site.write(lambda ledger: ledger.add_event(record)):
        raise ApiError(409, f"an event with id {body.id!r} exists", hint="GET /api/events lists them")
    return _json(
        {
            "id": event.id,
            "date": event.date.isoformat(),
            "names": event.names,
            "kind": event.kind,
            "source_url": event.source_url,
            "origin": "store",
        },
        201,
    )
