"""The claim lexicons (data/lexicon/{fr,en,uk}.toml): hedges, number words, nouns, dates, events.

Read once per language and validated: a missing table or a phrase that is not a string is a
DataError naming the file and the key, so a bad edit fails at load and not in a verdict.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from skytally.errors import DataError

LANGS = ("fr", "en", "uk")
_PHRASE_TABLES = ("hedges", "measures", "words", "attribution", "nights", "vague_dates", "events", "regions")
_NUMBER_TABLES = ("numbers", "ordinals", "weekdays", "months")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """One language's wording: each table of the TOML file, phrases lower-cased."""

    lang: str
    hedges: dict[str, tuple[str, ...]]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    approximate_numbers: tuple[str, ...]
    ordinals: dict[str, int]
    measures: dict[str, tuple[str, ...]]
    fillers: tuple[str, ...]
    words: dict[str, tuple[str, ...]]
    attribution: dict[str, tuple[str, ...]]
    nights: dict[str, tuple[str, ...]]
    weekdays: dict[str, int]
    months: dict[str, int]
    vague_dates: dict[str, tuple[str, ...]]
    events: dict[str, tuple[str, ...]]
    regions: dict[str, tuple[str, ...]]

    def phrases(self, key: str) -> tuple[str, ...]:
        """Return the phrases of ``[words].key`` (empty when the language has none)."""
        return self.words.get(key, ())


def parse_lexicon(text: str, lang: str, *, path: str = "lexicon") -> Lexicon:
    """Return the Lexicon a TOML text describes.

    Raises:
        DataError: the text is not TOML, or a table is missing or holds the wrong types.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path}: not valid TOML: {exc}") from None
    for table in (*_PHRASE_TABLES, *_NUMBER_TABLES):
        if not isinstance(data.get(table), dict):
            raise DataError(f"{path}: table [{table}] missing: every lexicon has it (see docs/claims.md)")
    numbers = dict(data["numbers"])
    vague = numbers.pop("vague", [])
    approximate = numbers.pop("approximate", [])
    measures = dict(data["measures"])
    fillers = measures.pop("fillers", [])
    tables: dict[str, Any] = {}
    for table in _PHRASE_TABLES:
        tables[table] = {k: _phrases(v, f"{path}: [{table}].{k}") for k, v in data[table].items()}
    tables["measures"] = {k: _phrases(v, f"{path}: [measures].{k}") for k, v in measures.items()}
    for table in _NUMBER_TABLES:
        src = numbers if table == "numbers" else data[table]
        for key, value in src.items():
            if not isinstance(value, int):
                raise DataError(f"{path}: [{table}].{key}: expected a whole number, got {value!r}")
    return Lexicon(
        lang=lang,
        hedges=tables["hedges"],
        numbers={k.lower(): v for k, v in numbers.items()},
        vague_numbers=_phrases(vague, f"{path}: [numbers].vague"),
        approximate_numbers=_phrases(approximate, f"{path}: [numbers].approximate"),
        ordinals={k.lower(): v for k, v in data["ordinals"].items()},
        measures=tables["measures"],
        fillers=_phrases(fillers, f"{path}: [measures].fillers"),
        words=tables["words"],
        attribution=tables["attribution"],
        nights=tables["nights"],
        weekdays={k.lower(): v for k, v in data["weekdays"].items()},
        months={k.lower(): v for k, v in data["months"].items()},
        vague_dates=tables["vague_dates"],
        events=tables["events"],
        regions=tables["regions"],
    )


def _phrases(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{where}: expected a list of strings, got {value!r}")
    return tuple(v.lower() for v in value)


@cache
def load_lexicon(lang: str) -> Lexicon:
    """Return the shipped lexicon of a language (fr, en, uk).

    Raises:
        DataError: no lexicon for that language, or the file is malformed.
    """
    if lang not in LANGS:
        raise DataError(f"no claim lexicon for language {lang!r}: expected one of {', '.join(LANGS)}")
    name = f"{lang}.toml"
    text = resources.files("skytally.claims.data").joinpath("lexicon", name).read_text(encoding="utf-8")
    return parse_lexicon(text, lang, path=f"skytally/claims/data/lexicon/{name}")
