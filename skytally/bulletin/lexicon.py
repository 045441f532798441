"""The per-language lexicons of the bulletins (data/lexicon/{fr,en,uk}.toml), read and validated once.

A lexicon holds the words a template picks by figure: noun forms by plural category, the
hedges of approximate figures ("près de", "nearly", "майже"), the Babel date patterns of the
language, the patterns of vague dates ("la mi-juillet") and the ordinal endings by gender.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from skytally.bulletin.model import LANGS, Lang
from skytally.errors import DataError

DATE_KEYS = ("long", "day_month", "night_start", "night_start_same_month", "time")
VAGUE_KEYS = ("early", "mid", "late", "early_year", "mid_year", "late_year")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's bulletin words; see data/lexicon/fr.toml for what each table means."""

    lang: str
    plural_categories: tuple[str, ...]
    dates: dict[str, str]
    vague: dict[str, str]
    nearly: str
    more_than: str
    ordinal_endings: dict[str, tuple[tuple[str, str], ...]]
    nouns: dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Approximation:
    """The approximation rule: the tolerance around a round number and the smallest figure rounded."""

    tolerance: float
    minimum: int


def parse_lexicon(text: str, lang: str, *, path: str = "lexicon.toml") -> Lexicon:
    """Return the lexicon of a TOML text.

    Raises:
        DataError: bad TOML, a missing table or key, or a noun lacking a plural form; the message
            names the key at fault.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", path=path) from None
    categories = tuple(_get(data, "plural_categories", list, path))
    dates = _strings(_get(data, "dates", dict, path), DATE_KEYS, "dates", path)
    vague = _strings(_get(data, "vague", dict, path), VAGUE_KEYS, "vague", path)
    approx = _strings(_get(data, "approximation", dict, path), ("nearly", "more_than"), "approximation", path)
    endings = {
        gender: tuple((str(a), str(b)) for a, b in pairs) for gender, pairs in _get(data, "ordinal", dict, path).items()
    }
    nouns: dict[str, dict[str, str]] = {}
    for key, forms in _get(data, "noun", dict, path).items():
        nouns[key] = _strings(forms, categories, f"noun.{key}", path)
    return Lexicon(lang, categories, dates, vague, approx["nearly"], approx["more_than"], endings, nouns)


@cache
def load_lexicon(lang: Lang) -> Lexicon:
    """Return the shipped lexicon of a language (``fr``, ``en``, ``uk``).

    Raises:
        DataError: an unknown language, or a malformed lexicon file.
    """
    if lang not in LANGS:
        raise DataError(f"no bulletin lexicon for language {lang!r}", hint=f"choose one of {', '.join(LANGS)}")
    name = f"{lang}.toml"
    text = resources.files("skytally.bulletin.data").joinpath("lexicon", name).read_text(encoding="utf-8")
    return parse_lexicon(text, lang, path=f"skytally/bulletin/data/lexicon/{name}")


@cache
def load_approximation() -> Approximation:
    """Return the shipped approximation rule (data/approximation.toml)."""
    path = "skytally/bulletin/data/approximation.toml"
    text = resources.files("skytally.bulletin.data").joinpath("approximation.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    try:
        return Approximation(float(data["tolerance"]), int(data["minimum"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise DataError(f"expected numbers 'tolerance' and 'minimum': {exc}", path=path) from None


def _get(data: Mapping[str, Any], key: str, kind: type, path: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind):
        raise DataError(f"expected a {kind.__name__}, got {value!r}", path=path, field=key)
    return value


def _strings(table: Mapping[str, Any], keys: tuple[str, ...], where: str, path: str) -> dict[str, str]:
    missing = [k for k in keys if not isinstance(table.get(k), str)]
    if missing:
        raise DataError(f"missing text for {', '.join(missing)}", path=path, field=where)
    return {str(k): str(v) for k, v in table.items()}
