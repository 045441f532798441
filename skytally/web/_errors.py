"""One JSON error shape for every failure the web app answers: ``{"error": {status, message, hint?}}``.

A client (a newsroom's script, the check page's JavaScript, a fuzzer) gets a 4xx it can read
for every bad request, and a 500 only for a bug, logged with its traceback. The status follows
the kind of error: no such attack is a 404, input the ledger refuses is a 422, a body over the
size limit a 413.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from skytally.errors import DataError, NotFoundError, SkytallyError

log = logging.getLogger("skytally.web")


class ApiError(SkytallyError):
    """An error the API answers with a given HTTP status (413 too large, 401 no token, 409 conflict...)."""

    def __init__(self, status: int, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


def error_body(status: int, message: str, hint: str | None = None, **extra: Any) -> dict[str, Any]:
    """Return the error document: ``{"error": {"status": 404, "message": "...", "hint": "..."}}``."""
    error: dict[str, Any] = {"status": status, "message": message}
    if hint:
        error["hint"] = hint
    error.update(extra)
    return {"error": error}


def error_response(status: int, message: str, hint: str | None = None, **extra: Any) -> JSONResponse:
    """Return the JSON error response (headers such as WWW-Authenticate go in ``extra['headers']``)."""
    headers = extra.pop("headers", None)
    return JSONResponse(error_body(status, message, hint, **extra), status_code=status, headers=headers)


def _status_of(exc: SkytallyError) -> int:
    if isinstance(exc, ApiError):
        return exc.status
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, DataError):
        return 422
    # Any other error of ours (a store that cannot be read, a template fault) is about the request's
    # object, not a crash: the message says what is wrong. 422 keeps it a client-readable 4xx.
    return 422


def _message_without_hint(exc: SkytallyError) -> str:
    text = str(exc)
    if exc.hint and text.endswith(f"; {exc.hint}"):
        text = text[: -len(exc.hint) - 2]
    return text


async def _skytally_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SkytallyError)
    status = _status_of(exc)
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return error_response(status, _message_without_hint(exc), exc.hint, headers=headers)


def _where(loc: tuple[Any, ...] | list[Any]) -> str:
    kind, *rest = [str(part) for part in loc] or ["request"]
    name = ".".join(rest)
    return {"query": "query parameter", "path": "path parameter", "body": "body field", "header": "header"}.get(
        kind, kind
    ) + (f" '{name}'" if name else "")


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [
        {"where": _where(e.get("loc", ())), "message": str(e.get("msg", "invalid")), "type": str(e.get("type", ""))}
        for e in exc.errors()
    ]
    message = "; ".join(f"{p['where']}: {p['message']}" for p in problems[:5]) or "invalid request"
    return error_response(422, message, "see /api/docs for the parameters each endpoint takes", problems=problems)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    message = str(exc.detail) if exc.detail else "error"
    hint = "see /api/docs for the endpoints" if exc.status_code in (404, 405) else None
    page = _html_error_page(request, exc.status_code, message)
    if page is not None:
        return page
    return error_response(exc.status_code, message, hint, headers=getattr(exc, "headers", None))


def _html_error_page(request: Request, status: int, message: str) -> Response | None:
    """Let the pages render their own error page for a browser's request outside /api/ (if they offer one)."""
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return None
    try:
        from skytally.web import pages
    except ImportError:
        return None
    render = getattr(pages, "render_error", None)
    return render(request, status, message) if callable(render) else None


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal error: this is a bug in skytally", "report it with the URL you asked for")


def install_error_handlers(app: FastAPI) -> None:
    """Answer every error raised by a route with the JSON error shape."""
    app.add_exception_handler(SkytallyError, _skytally_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
