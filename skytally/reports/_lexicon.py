"""The phrase data of one language (reports/data/{uk,en}.toml), read once and compiled.

The parser knows no Ukrainian or English word: it asks a :class:`Lexicon` for the compiled
patterns, the number words and the weapon cues. A malformed data file raises
:class:`~skytally.errors.DataError` naming the file and the entry, because it is our own data and
a wrong entry is a bug to fix, not a report to refuse.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from skytally.errors import DataError

Lang = Literal["uk", "en"]
Number = Literal["singular", "plural", "either"]
LANGS: tuple[Lang, ...] = ("uk", "en")

_FLAGS = re.IGNORECASE | re.MULTILINE
_PLACEHOLDER = re.compile(r"@(date|time|num):(\w+)@|@months@")


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What one cue word form says: the kind it counts, its class (if any), its number."""

    kind: str
    weapon_class: str | None
    number: Number
    text: str


def _alternation(forms: list[str]) -> str:
    """Return a regex alternation of literal forms, longest first (so «ракетами» beats «ракет»)."""
    unique = sorted({f for f in forms if f}, key=lambda f: (-len(f), f))
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in unique)


@dataclass(frozen=True)
class Lexicon:
    """The compiled phrase data of one language; build it with :func:`load_lexicon`."""

    lang: Lang
    months: dict[str, int]
    number_words: dict[str, int]
    bounds: dict[str, str]
    templates: dict[str, str]
    kinds: dict[str, list[re.Pattern[str]]]
    window_end: list[re.Pattern[str]]
    sections: dict[str, list[re.Pattern[str]]]
    locations: dict[str, list[re.Pattern[str]]]
    noise: list[re.Pattern[str]]
    filler: frozenset[str]
    origin: frozenset[str]
    adjectives: dict[str, list[WordInfo]]
    nouns: dict[str, list[WordInfo]]
    postfix: dict[str, str]
    postfix_text: dict[str, str]
    subcount: list[re.Pattern[str]]
    subcount_what: dict[str, str]
    model_forms: dict[str, str]
    cue_re: re.Pattern[str]
    number_re: re.Pattern[str]
    origin_re: re.Pattern[str]
    model_form_re: re.Pattern[str] | None

    def expand(self, pattern: str) -> str:
        """Return a pattern with its @date:X@ / @time:X@ / @num:X@ / @months@ placeholders expanded."""

        def replace(match: re.Match[str]) -> str:
            if match.group(0) == "@months@":
                return self.templates["months"]
            what, prefix = match.group(1), match.group(2)
            template = self.templates[what].replace("@months@", self.templates["months"])
            return "(?:" + template.replace("@p@", prefix) + ")"

        return _PLACEHOLDER.sub(replace, pattern)

    def compile(self, pattern: str) -> re.Pattern[str]:
        """Return the compiled, expanded pattern (case-insensitive, ^ at each line)."""
        return re.compile(self.expand(pattern), _FLAGS)


def _forms(spec: dict[str, Any], key: str) -> list[str]:
    value = spec.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"expected a list of strings under {key!r}", field=key, value=value)
    return value


def _word_table(
    entries: list[dict[str, Any]], endings: dict[str, list[str]] | None, where: str
) -> dict[str, list[WordInfo]]:
    """Return form -> infos for [[noun]] entries (explicit forms) or [[adjective]] (stems + endings)."""
    table: dict[str, list[WordInfo]] = {}
    for index, spec in enumerate(entries):
        kind = spec.get("kind")
        if not isinstance(kind, str):
            raise DataError(f"{where} #{index + 1} has no kind", field="kind")
        cls = spec.get("class")
        text = spec.get("text", "")
        pairs: list[tuple[str, Number]] = []
        if endings is None:
            for number in ("singular", "plural", "either"):
                pairs += [(form, number) for form in _forms(spec, number)]
        else:
            for stem in _forms(spec, "stems"):
                for number in ("singular", "plural", "either"):
                    pairs += [(stem.replace("@", end), number) for end in endings[number]]
        for form, number in pairs:
            info = WordInfo(kind, cls, number, text or form)
            table.setdefault(form.casefold(), []).append(info)
    return table


def _number_template(words: dict[str, int], bounds: dict[str, str]) -> str:
    """Return the @num@ template: an optional bound, then digits (with case suffix) or words."""
    word = "(?<![\\w'])(?:" + _alternation(list(words)) + ")(?![\\w'])"
    digits = r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d+)(?:-[^\W\d_]{1,4})?(?![.:,]?\d)"
    bound = "(?<![\\w'])(?:" + _alternation(list(bounds)) + ")"
    sequence = f"{word}(?:(?:\\s+|-){word})*"
    return f"(?:(?P<@p@_bound>{bound})\\s+)?(?P<@p@_value>{digits}|{sequence})"


def _parse(data: dict[str, Any], path: str) -> Lexicon:
    lang = data.get("lang")
    if lang not in LANGS:
        raise DataError(f"expected lang uk or en, got {lang!r}", path=path, field="lang")
    months = {f.casefold(): int(m) for m, forms in data["months"].items() for f in forms}
    number_words = {f.casefold(): int(v) for v, forms in data["number_words"].items() for f in forms}
    bounds = {f.casefold(): b for b, forms in data["bounds"].items() for f in forms}
    templates = dict(data["templates"])
    templates["months"] = "(?:" + _alternation(list(months)) + ")"
    templates["num"] = _number_template(number_words, bounds)
    endings = {k: _forms(data["endings"]["adjective"], k) for k in ("singular", "plural", "either")}
    adjectives = _word_table(data.get("adjective", []), endings, "adjective")
    nouns = _word_table(data.get("noun", []), None, "noun")
    postfix = {f.casefold(): k for k, forms in data["postfix"].items() if isinstance(forms, list) for f in forms}
    adj = "(?:" + _alternation(list(adjectives)) + ")"
    adjseq = f"{adj}(?:\\s*/\\s*{adj}|\\s+{adj})*"
    noun = "(?:" + _alternation(list(nouns)) + ")"
    post = "(?:" + _alternation(list(postfix)) + ")"
    cue = (
        f"(?<![\\w-])(?:(?P<adj>{adjseq})\\s+(?P<noun>{noun})|(?P<noun2>{noun})|(?P<adj2>{adjseq}))"
        f"(?![\\w-])(?:\\s+(?P<post>{post})(?![\\w-]))?"
    )
    model_forms = {k.casefold(): v for k, v in data.get("model_forms", {}).items()}
    origin = frozenset(w.casefold() for w in data["origin"]["words"])
    lexicon_args: dict[str, Any] = {
        "lang": lang,
        "months": months,
        "number_words": number_words,
        "bounds": bounds,
        "templates": templates,
        "filler": frozenset(w.casefold() for w in data["filler"]["words"]),
        "origin": origin,
        "adjectives": adjectives,
        "nouns": nouns,
        "postfix": postfix,
        "postfix_text": dict(data["postfix"].get("text", {})),
        "subcount_what": {k.casefold(): v for k, v in data["subcount"]["what"].items()},
        "model_forms": model_forms,
        "cue_re": re.compile(cue, _FLAGS),
        "origin_re": re.compile("(?<![\\w-])(?:" + _alternation(list(origin)) + ")(?![\\w-])", _FLAGS),
        "model_form_re": (
            re.compile("(?<![\\w-])(?:" + _alternation(list(model_forms)) + ")(?![\\w-])", _FLAGS)
            if model_forms
            else None
        ),
    }
    # Patterns need the templates to expand, so the Lexicon is built in two steps.
    empty: dict[str, Any] = {
        "kinds": {},
        "window_end": [],
        "sections": {},
        "locations": {},
        "noise": [],
        "subcount": [],
        "number_re": re.compile("(?!)"),
    }
    lex = Lexicon(**lexicon_args, **empty)
    try:
        compiled: dict[str, Any] = {
            "kinds": {k: [lex.compile(p) for p in v] for k, v in data["kinds"].items()},
            "window_end": [lex.compile(p) for p in data["window"]["end"]],
            "sections": {k: [lex.compile(p) for p in v] for k, v in data["sections"].items()},
            "locations": {k: [lex.compile(p) for p in v] for k, v in data["locations"].items()},
            "noise": [lex.compile(p) for p in data["noise"]["phrases"]],
            "subcount": [lex.compile(p) for p in data["subcount"]["patterns"]],
            # A count standing alone in a list: not glued to a model code («Х-101», «S8000»).
            "number_re": lex.compile("(?<![\\w\\-/.,:])@num:n@(?![\\w])"),
        }
    except re.error as exc:
        raise DataError(f"a pattern does not compile: {exc}", path=path) from exc
    return Lexicon(**lexicon_args, **compiled)


@cache
def load_lexicon(lang: Lang) -> Lexicon:
    """Return the packaged lexicon of ``lang``, read and compiled once per process.

    Raises:
        DataError: the data file is missing an entry or a pattern does not compile.
    """
    path = f"skytally/reports/data/{lang}.toml"
    text = resources.files("skytally.reports.data").joinpath(f"{lang}.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"not valid TOML: {exc}", path=path) from exc
    try:
        return _parse(data, path)
    except KeyError as exc:
        raise DataError(f"missing table or key {exc}", path=path) from exc
