"""The FastAPI application: JSON API under /api/, HTML pages, feeds, static files, data downloads.

`create_app(db_path, token=...)` is what `skytally serve` runs under uvicorn and what
`skytally publish` renders to files in-process. The pages (web/pages.py), feeds (web/feeds.py)
and exports (ledger/export.py) are joined in when their modules exist.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, Response

from skytally.errors import NotFoundError
from skytally.web._api_cache import BodyLimitMiddleware, ResponseCacheMiddleware
from skytally.web._api_fetch import fetch_article
from skytally.web._api_writes import WriteGuardMiddleware
from skytally.web._errors import install_error_handlers
from skytally.web.site import Site

STATIC_DIR = Path(__file__).resolve().parent / "static"
FEED_LANGS = ("fr", "en", "uk")
# Data downloads: the export function's name in skytally.ledger.export and the response's type.
EXPORTS = {
    "csv": ("export_csv", "text/csv; charset=utf-8"),
    "parquet": ("export_parquet", "application/vnd.apache.parquet"),
    "sqlite": ("export_sqlite", "application/vnd.sqlite3"),
}
DESCRIPTION = """Russia's aerial attacks on Ukraine, counted from the Ukrainian Air Force's figures.

Every figure comes with its evidence (the dataset rows or report behind it). Reads are open;
writes (`POST /api/reports`, `/api/corrections`, `/api/events`) need `Authorization: Bearer <token>`.
Errors are `{"error": {"status", "message", "hint"}}`. See docs/web.md.
"""


def create_app(db_path: str | Path, *, token: str | None = None, base_url: str = "") -> FastAPI:
    """Return the web app over the store at ``db_path`` (which must hold a loaded dataset).

    ``token``: the bearer token the write endpoints require (no token: writes answer 401).
    ``base_url``: the public address the site is served from (links in feeds and pages).
    """
    from skytally import __version__
    from skytally.web.api import router as api_router

    app = FastAPI(
        title="skytally",
        version=__version__,
        description=DESCRIPTION,
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.site = Site(db_path, token=token, base_url=base_url)
    # The check endpoint's URL fetcher: the one network seam, replaced in tests.
    app.state.fetch_article = fetch_article
    install_error_handlers(app)
    app.include_router(api_router)
    if importlib.util.find_spec("skytally.web.pages") is not None:
        from skytally.web.pages import router as pages_router

        app.include_router(pages_router)
    if STATIC_DIR.is_dir():
        from fastapi.staticfiles import StaticFiles

        app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    _add_feeds(app)
    _add_downloads(app)
    app.add_middleware(ResponseCacheMiddleware)
    app.add_middleware(WriteGuardMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    return app


def _add_feeds(app: FastAPI) -> None:
    @app.get("/feed.{lang}.xml", include_in_schema=False)
    def feed(request: Request, lang: str) -> Response:
        """The Atom feed of the attacks' bulletins in one language (web/feeds.py)."""
        if lang not in FEED_LANGS:
            raise NotFoundError(f"no feed in language {lang!r}", hint=f"use /feed.{{{','.join(FEED_LANGS)}}}.xml")
        if importlib.util.find_spec("skytally.web.feeds") is None:
            raise NotFoundError("this server has no feeds yet", hint="upgrade skytally")
        from skytally.web.feeds import atom_feed

        xml = atom_feed(request.app.state.site, lang)
        return Response(xml.encode(), media_type="application/atom+xml; charset=utf-8")


def _add_downloads(app: FastAPI) -> None:
    exports = _ExportFiles()

    @app.get("/data/{name}", include_in_schema=False)
    def download(request: Request, name: str) -> Response:
        """The whole ledger as CSV, Parquet or SQLite (`skytally export`), made once per store version.

        CSV and Parquet come as three files (attacks, ``-figures``, ``-rows``); SQLite as one file
        and its Datasette metadata (``skytally.metadata.json``).
        """
        site: Site = request.app.state.site
        if name not in DOWNLOADS:
            raise NotFoundError(f"no download {name!r}", hint=f"one of {', '.join(sorted(DOWNLOADS))}")
        site.check_for_changes()
        ext, media_type = DOWNLOADS[name]
        path = exports.get(site, ext) / name
        return FileResponse(path, media_type=media_type, filename=name)


def _download_names() -> dict[str, tuple[str, str]]:
    names: dict[str, tuple[str, str]] = {"skytally.metadata.json": ("sqlite", "application/json")}
    for ext, (_, media_type) in EXPORTS.items():
        names[f"skytally.{ext}"] = (ext, media_type)
        if ext != "sqlite":
            names[f"skytally-figures.{ext}"] = (ext, media_type)
            names[f"skytally-rows.{ext}"] = (ext, media_type)
    return names


# File name under /data/ -> (the export that writes it, its media type).
DOWNLOADS = _download_names()


class _ExportFiles:
    """The export files of the current store version, written once into a temporary folder.

    Each (generation, format) gets a folder of its own, written under a temporary name and renamed
    when complete, so a download never sees half an export and older generations are removed whole.
    """

    def __init__(self) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="skytally-exports-")
        self._lock = threading.Lock()

    def get(self, site: Site, ext: str) -> Path:
        """Return the folder holding the format's files for the store's current generation."""
        if importlib.util.find_spec("skytally.ledger.export") is None:
            raise NotFoundError("this server has no data downloads yet", hint="use `skytally export`")
        root = Path(self._folder.name)
        folder = root / f"{site.generation}-{ext}"
        with self._lock:
            if folder.is_dir():
                return folder
            from skytally.ledger import export

            write: Any = getattr(export, EXPORTS[ext][0])
            partial = root / f"{site.generation}-{ext}.part"
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir()
            site.read(lambda ledger: write(ledger, partial / f"skytally.{ext}"))
            partial.rename(folder)
            for old in root.glob(f"*-{ext}"):
                if old != folder:
                    shutil.rmtree(old, ignore_errors=True)
        return folder
