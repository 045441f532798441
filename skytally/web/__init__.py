"""The web app: pages, a JSON API, a check page and Atom feeds over the ledger (`skytally serve`).

`create_app(db_path)` builds the FastAPI application; `skytally publish DIR` renders the same
site to static files (web/publish.py). Nothing below this package imports a web framework.
"""

from __future__ import annotations

from skytally.web.app import create_app

__all__ = ["create_app"]
