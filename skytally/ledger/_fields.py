"""Field parsers for the dataset's cells: times, counts, dict-like and list-like strings, sources.

Each parser takes one cell's text and returns a value or raises ``ValueError`` with a message
that says what was expected; ``load.py`` adds file, line and field around it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from skytally.ledger.model import ReporterKind

KYIV = ZoneInfo("Europe/Kyiv")

_TIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2})?)?$")
_DICT_ITEM = re.compile(r"""['"]([^'"]+)['"]\s*:\s*(?:['"]([^'"]*)['"]|([^,}\s]+))""")
_LIST_ITEM = re.compile(r"""['"]([^'"]+)['"]""")

# The Air Force Command itself; its posts are the national reports an attack is made of.
NATIONAL_REPORTERS = {"kpszsu": "kpszsu"}
# Regional air commands: their posts repeat or complete the national ones and are kept apart.
REGIONAL_REPORTERS = {
    "pvkpivden": "PvKPivden",
    "pvkzahid": "PvkZahid",
    "pvkshid": "pvkshid",
    "pvkcenter": "PvkCenter",
    "pvkpivnich": "PvkPivnich",
}


def parse_time(text: str, *, end: bool) -> tuple[datetime, bool]:
    """Return a Kyiv-aware datetime and whether the cell had a time of day.

    A date without a time is a whole-day window: as a start it means 00:00 that day, as an end
    24:00 (the next day's 00:00), so the window covers the whole day.

    >>> parse_time("2025-08-21 09:00", end=True)[0].isoformat()
    '2025-08-21T09:00:00+03:00'
    >>> parse_time("2025-08-21", end=True)[0].isoformat()
    '2025-08-22T00:00:00+03:00'
    >>> parse_time("2023-05-16 3:30", end=False)[0].hour
    3
    """
    m = _TIME.match(text.strip())
    if m is None:
        raise ValueError(f"expected a date 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM', got {text!r}")
    year, month, day, hour, minute = m.groups()
    try:
        if hour is None:
            when = datetime(int(year), int(month), int(day), tzinfo=KYIV)
            return (when + timedelta(days=1) if end else when), False
        return datetime(int(year), int(month), int(day), int(hour), int(minute), tzinfo=KYIV), True
    except ValueError as exc:
        raise ValueError(f"not a real date or time: {text!r} ({exc})") from None


def parse_count(text: str) -> int | None:
    """Return a whole-number count from a cell such as ``574.0``; None for an empty cell.

    >>> parse_count("574.0"), parse_count(""), parse_count("12")
    (574, None, 12)
    """
    if text.isdigit():
        return int(text)
    text = text.strip()
    if text == "" or text.lower() == "nan":
        return None
    if text.endswith(".0") and text[:-2].isdigit():  # the dataset writes counts as floats: "574.0"
        return int(text[:-2])
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a whole number, got {text!r}") from None
    if value != int(value) or value < 0:
        raise ValueError(f"expected a whole number of 0 or more, got {text!r}")
    return int(value)


def parse_dict_cell(text: str) -> dict[str, str | None]:
    """Return the items of a Python-dict-like cell (``{'west': 42, 'east': NaN}``) as strings.

    NaN becomes None. An empty cell or ``{}`` gives an empty dict.

    >>> parse_dict_cell("{'west': 42, 'east': NaN}")
    {'west': '42', 'east': None}
    """
    text = text.strip()
    if not text or text == "{}":
        return {}
    if not (text.startswith("{") and text.endswith("}")):
        raise ValueError(f"expected a dict such as {{'west': 42}}, got {text[:60]!r}")
    items: dict[str, str | None] = {}
    for key, quoted, bare in _DICT_ITEM.findall(text):
        value = quoted if quoted or bare == "" else bare
        items[key] = None if value.lower() == "nan" else value
    return items


def parse_count_dict(text: str) -> dict[str, int | None]:
    """Return a dict cell whose values are counts (``destroyed_details``, ``launched_details``)."""
    return {k: (None if v is None else parse_count(v)) for k, v in parse_dict_cell(text).items()}


def parse_list_cell(text: str) -> tuple[str, ...]:
    """Return the items of a list-like cell (``['Lviv oblast', 'Volyn oblast']``).

    >>> parse_list_cell("['Lviv oblast', 'Volyn oblast']")
    ('Lviv oblast', 'Volyn oblast')
    """
    text = text.strip()
    if not text or text == "[]":
        return ()
    if not (text.startswith("[") and text.endswith("]")):
        raise ValueError(f"expected a list such as ['Lviv oblast'], got {text[:60]!r}")
    return tuple(_LIST_ITEM.findall(text))


def split_places(text: str) -> tuple[str, ...]:
    """Return the launch places of a ``launch_place`` cell, which joins them with " and ".

    >>> split_places("Kursk oblast and Millerovo")
    ('Kursk oblast', 'Millerovo')
    """
    return tuple(p.strip() for p in re.split(r"\s+and\s+", text) if p.strip())


def parse_source(text: str) -> tuple[str, ReporterKind, str]:
    """Return (reporter, reporter kind, URL) for a ``source`` cell.

    The dataset writes Facebook posts as ``kpszsu/posts/pfbid…`` and Telegram ones as full URLs.

    >>> parse_source("kpszsu/posts/pfbid0dD")
    ('kpszsu', 'national', 'https://www.facebook.com/kpszsu/posts/pfbid0dD')
    >>> parse_source("https://t.me/kpszsu/22252")
    ('kpszsu', 'national', 'https://t.me/kpszsu/22252')
    >>> parse_source("PvKPivden/posts/pfbid02N")[:2]
    ('PvKPivden', 'regional')
    """
    text = text.strip()
    if text.startswith(("http://", "https://")):
        url = text
        path = re.sub(r"^https?://(www\.)?[^/]+/", "", text)
    else:
        url = f"https://www.facebook.com/{text}" if text else ""
        path = text
    account = path.split("/", 1)[0]
    key = account.casefold()
    if key in NATIONAL_REPORTERS:
        return NATIONAL_REPORTERS[key], "national", url
    if key in REGIONAL_REPORTERS:
        return REGIONAL_REPORTERS[key], "regional", url
    return account or "unknown", "other", url
