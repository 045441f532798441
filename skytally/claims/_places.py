"""Places an article names, read as the ledger's region ids: oblasts (in any case) and their cities.

The wording is data/places.toml; the Ukrainian "<adjective> область" forms come from the region
map's labels. A place is named at the ``region`` level ("the Lviv region", "на Львівщині",
"Львівської області", "на Волині") or at the ``city`` level ("Lviv", "у Львові"): the dataset
lists regions, so only a region-level name can be contradicted by it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from skytally.context.regions import RegionMap
from skytally.errors import DataError

_REGION_WORDS = r"(?:regions?|oblasts?|provinces?)"


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in a sentence: the region id, its span and whether the name is a region's or a city's."""

    region: str
    start: int
    end: int
    level: str  # "region" | "city"


def _load_table() -> dict[str, dict[str, Any]]:
    text = resources.files("skytally.claims.data").joinpath("places.toml").read_text(encoding="utf-8")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"skytally/claims/data/places.toml: not valid TOML: {exc}") from None


# (region id, level, words one of which the text must hold, pattern source): the words are a
# quick substring test that spares compiling and running most of the ~60 patterns (a cold CLI
# run compiles only the few a text needs).
_Pattern = tuple[str, str, tuple[str, ...], str]
_PATTERNS: dict[tuple[str, int], tuple[RegionMap, list[_Pattern]]] = {}
_TABLE: dict[str, dict[str, Any]] = {}


def _patterns(lang: str, region_map: RegionMap) -> list[_Pattern]:
    """Return (region id, level, pattern) for a language, compiled once per region map."""
    hit = _PATTERNS.get((lang, id(region_map)))
    if hit is not None and hit[0] is region_map:
        return hit[1]
    if not _TABLE:
        _TABLE.update(_load_table())
    out: list[_Pattern] = []
    table = _TABLE.get(lang, {})
    before = "|".join(re.escape(w) for w in sorted(table.get("before", []), key=len, reverse=True))
    for region, names in table.items():
        if region == "before":
            continue
        roots = "|".join(re.escape(n.lower()) for n in names.get("region", []))
        if roots and lang == "uk":
            keys = tuple(n.lower() for n in names["region"])
            out.append((region, "region", keys, r"(?<![\w-])(?:" + roots + r")\w*"))
        elif roots:
            chain = r"(?:(?:,\s*|\s+and\s+|\s+et\s+(?:de\s+|d')?)(?!the\b)[\w'-]+){0,3}"
            after = r"(?<![\w-])(?:" + roots + r")" + chain + r"\s+" + _REGION_WORDS + r"(?!\w)"
            before_en = _REGION_WORDS + r"\s+of\s+(?:" + roots + r")(?![\w-])"
            before_fr = (
                r"(?:r[ée]gions?|oblasts?|province)\s+(?:de\s+(?:la\s+|l')?|d'|du\s+)"
                r"(?:[\w'-]+\s*(?:,|et)\s*(?:de\s+|d')?){0,3}(?:" + roots + r")(?![\w-])"
            )
            keys = tuple(n.lower() for n in names["region"])
            out.append((region, "region", keys, f"{after}|{before_en}|{before_fr}"))
        cities = "|".join(re.escape(n.lower()) for n in names.get("city", []))
        if cities:
            # after a word of place or strike, or after a comma in a list of places ("Київ, Дніпро")
            lead = r"(?:(?<![\w-])(?:" + before + r")\s+(?:the\s+|la\s+|l')?|,\s*)" if before else r"(?<![\w-])"
            keys = tuple(n.lower() for n in names["city"])
            out.append((region, "city", keys, lead + r"(?P<name>" + cities + r")(?![\w-])"))
    if lang == "uk":
        for oblast in region_map.oblasts.values():
            label = oblast.labels.get("uk", "").lower()
            if label.endswith(" область"):
                stem = re.sub(r"(а|ий)$", "", label.removesuffix(" область"))
                # "Запорізька, Івано-Франківська та Харківська області": adjectives share the noun.
                chain = r"(?:(?:\s*,\s*|\s+(?:та|і|й)\s+)[\w'-]+(?:ськ|цьк|зьк)\w{0,3}){0,4}"
                pattern = r"(?<![\w-])" + re.escape(stem) + r"\w{0,3}" + chain + r"\s+(?:област|обласн|ова\b|ода\b)"
                out.append((oblast.id, "region", (stem,), pattern))
    _PATTERNS[(lang, id(region_map))] = (region_map, out)
    return out


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


def find_places(low: str, lang: str, region_map: RegionMap) -> list[Place]:
    """Return the places a lower-cased sentence names; a city inside a region's name is dropped.

    >>> from skytally.context.regions import load_region_map
    >>> m = load_region_map()
    >>> [(p.region, p.level) for p in find_places("удари по львівщині та волині", "uk", m)]
    [('Lviv oblast', 'region'), ('Volyn oblast', 'region')]
    >>> [(p.region, p.level) for p in find_places("strikes hit the kyiv region, said kyiv's allies in lviv", "en", m)]
    [('Kyiv oblast', 'region'), ('Lviv oblast', 'city')]
    """
    found: list[Place] = []
    for region, level, keys, pattern in _patterns(lang, region_map):
        if not any(key in low for key in keys):
            continue
        for match in _compiled(pattern).finditer(low):
            start = match.start("name") if level == "city" else match.start()
            found.append(Place(region, start, match.end(), level))
    regions = [p for p in found if p.level == "region"]
    kept = regions + [c for c in found if c.level == "city" and not any(r.start <= c.start < r.end for r in regions)]
    unique: dict[tuple[str, str], Place] = {}
    for place in sorted(kept, key=lambda p: p.start):
        unique.setdefault((place.region, place.level), place)
    return list(unique.values())
