"""The pages' Jinja environment and the one helper every internal link goes through.

Links are root-relative (``/attacks/2025-08-21``) and built only by :func:`link` and
:func:`attack_path`, never with the site's ``base_url`` (that is for feeds, which need absolute
addresses): the static publisher crawls them as they are, or rewrites their one prefix.
Templates autoescape everything and fail on a missing variable (StrictUndefined), so a figure
is never silently blank.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import Any
from urllib.parse import quote

import jinja2
from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent
from starlette.requests import Request
from starlette.responses import HTMLResponse

NAV = (("home", "/", "Overview"), ("explore", "/explore", "Explore"), ("check", "/check", "Check an article"))
NAV_END = (("data", "/data", "Data"),)


def link(path: str) -> str:
    """Return the href of a site path: root-relative, with no host or prefix (``/attacks/2025-08-21``).

    The one place links are made: the static publisher crawls these as they are and, to serve
    the site under a prefix, rewrites the leading ``/`` of every href it finds.

    >>> link("/explore?year=2025")
    '/explore?year=2025'
    """
    return path


def attack_path(attack_id: str) -> str:
    """Return the page path of an attack; ``#`` of a second wave's id is escaped.

    >>> attack_path("2025-08-21"), attack_path("2025-08-21#2")
    ('/attacks/2025-08-21', '/attacks/2025-08-21%232')
    """
    return "/attacks/" + quote(attack_id, safe="-")


def number(value: int | float | None) -> str:
    """Return a number with English grouping, or an em dash for an unknown one.

    >>> number(1276), number(None)
    ('1,276', '—')
    """
    return "—" if value is None else format_decimal(value, locale="en")


def percent(value: float | None, digits: int = 1) -> str:
    """Return a share as a percentage with ``digits`` decimals: 0.9512 -> "95.1%".

    >>> percent(0.95121), percent(None)
    ('95.1%', '—')
    """
    if value is None:
        return "—"
    return format_percent(value, format="#,##0." + "0" * digits + "%" if digits else "#,##0%", locale="en")


def long_date(value: date | str) -> str:
    """Return "21 August 2025" (a newsroom's dateline style).

    >>> long_date(date(2025, 8, 21))
    '21 August 2025'
    """
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, "d MMMM y", locale="en")


def short_date(value: date | str) -> str:
    """Return "21 Aug 2025".

    >>> short_date("2025-08-21")
    '21 Aug 2025'
    """
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return format_date(day, "d MMM y", locale="en")


def kyiv_time(value: datetime) -> str:
    """Return a Kyiv time as "20 Aug, 18:40" (the attack window's ends)."""
    return format_datetime(value, "d MMM, HH:mm", locale="en")


def ordinal(n: int) -> str:
    """Return an English ordinal.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '102nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@cache
def environment() -> jinja2.Environment:
    """Return the pages' Jinja environment (templates/ of this package), built once."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("skytally.web", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=number,
        percent=percent,
        long_date=long_date,
        short_date=short_date,
        kyiv_time=kyiv_time,
        ordinal=ordinal,
        attack_path=attack_path,
    )
    return env


def render(request: Request, template: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Return a page: the template rendered with the layout's variables and the page's own."""
    site = request.app.state.site
    html = (
        environment()
        .get_template(template)
        .render(
            link=link,
            nav=NAV,
            nav_end=NAV_END,
            static_site=bool(getattr(site, "static", False)),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status_code)
