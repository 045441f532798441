"""The FastAPI application: JSON API under /api/, HTML pages, feeds, static files.

`create_app(db_path, token=...)` is what `skytally serve` runs under uvicorn and what
`skytally publish` renders to files in-process.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI

from skytally.web.site import Site


def create_app(db_path: str | Path, *, token: str | None = None, base_url: str = "") -> FastAPI:
    """Return the web app over the store at ``db_path`` (which must hold a loaded dataset).

    ``token``: the bearer token the write endpoints require (no token: writes answer 401).
    """
    from skytally import __version__

    app = FastAPI(title="skytally", version=__version__, docs_url="/api/docs", openapi_url="/api/openapi.json")
    app.state.site = Site(db_path, token=token, base_url=base_url)
    return app
