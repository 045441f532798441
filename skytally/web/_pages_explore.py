"""The explore page's view: the JSON API's attack query (web/_api_query.py) plus a page number.

The page takes the parameters of ``/api/attacks`` (``since``, ``until``, ``year``, ``class``,
``model``, ``min_total``, ``source``, ``sort``, ``order``) and selects with the API's own
``select_attacks``, so its CSV and JSON download links (the same query with ``limit``/``offset``
for the page) hold exactly the rows the table shows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from skytally.errors import DataError
from skytally.ledger.model import Attack
from skytally.web._api_query import AttackQuery, select_attacks, validate_query

PER_PAGE = 50
SOURCES = (
    ("default", "Report, else dataset"),
    ("dataset", "Dataset only"),
    ("report", "Reports forced"),
)
# The query string's names of AttackQuery's fields (``class`` is a Python keyword).
PARAMS = {
    "since": "since",
    "until": "until",
    "year": "year",
    "class": "weapon_class",
    "model": "model",
    "min_total": "min_total",
    "source": "source",
    "sort": "sort",
    "order": "order",
}


@dataclass(frozen=True, slots=True)
class ExploreView:
    """One view of the attacks table: the API query (filters and order) and the page shown."""

    query: AttackQuery
    page: int = 1

    def params(self, **changes: Any) -> dict[str, str]:
        """Return the view's non-default parameters by query-string name (``page`` among them)."""
        page = changes.pop("page", self.page)
        query = replace(self.query, **changes)
        default = AttackQuery()
        out: dict[str, str] = {}
        for name, attr in PARAMS.items():
            value = getattr(query, attr)
            if value is not None and value != getattr(default, attr):
                out[name] = value.isoformat() if isinstance(value, date) else str(value)
        if page != 1:
            out["page"] = str(page)
        return out

    def href(self, path: str = "/explore", **changes: Any) -> str:
        """Return the permalink of this view, or of a changed one (``page=2``)."""
        params = self.params(**changes)
        return path + ("?" + urlencode(params) if params else "")

    def api_href(self, fmt: str) -> str:
        """Return the /api/attacks link that downloads exactly the rows this page shows."""
        params = self.params(page=1)
        params.update(limit=str(PER_PAGE), offset=str((self.page - 1) * PER_PAGE), format=fmt)
        return "/api/attacks?" + urlencode(params)


def parse_view(args: Mapping[str, str]) -> ExploreView:
    """Return the view a query string asks for; empty fields (a submitted blank form field) are ignored.

    Raises:
        DataError: a value the API would refuse (a bad date, number, class, model, sort or source).
    """
    values: dict[str, Any] = {}
    for name, attr in PARAMS.items():
        raw = args.get(name, "").strip()
        if not raw:
            continue
        if attr in ("since", "until"):
            try:
                values[attr] = date.fromisoformat(raw)
            except ValueError:
                raise DataError(f"expected a date YYYY-MM-DD, got {raw[:20]!r}", field=name) from None
        elif attr in ("year", "min_total"):
            if not raw.isdigit() or len(raw) > 7:
                raise DataError(f"expected a whole number, got {raw[:20]!r}", field=name)
            values[attr] = int(raw)
        elif attr == "source" and raw not in dict(SOURCES):
            raise DataError(f"expected one of {', '.join(dict(SOURCES))}, got {raw[:20]!r}", field=name)
        elif attr == "order" and raw not in ("asc", "desc"):
            raise DataError(f"expected asc or desc, got {raw[:20]!r}", field=name)
        else:
            values[attr] = raw[:200]
    page = args.get("page", "1").strip() or "1"
    if not page.isdigit() or not 1 <= int(page) <= 100_000:
        raise DataError(f"expected a page number, got {page[:20]!r}", field="page")
    # Newest (or largest) first unless asked otherwise: a reader comes for the latest attacks. The
    # order is then explicit in the permalink and the download links, which the API reads alike.
    values.setdefault("order", "desc")
    query = validate_query(AttackQuery(**values, limit=PER_PAGE))
    return ExploreView(query, int(page))


def page_of(attacks: Sequence[Attack], view: ExploreView) -> tuple[list[Attack], int, int]:
    """Return the page's attacks, the number of attacks matched and the number of pages (at least 1)."""
    found = select_attacks(attacks, view.query)
    pages = max(1, -(-len(found) // PER_PAGE))
    start = (view.page - 1) * PER_PAGE
    return found[start : start + PER_PAGE], len(found), pages
